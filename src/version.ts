/**
 * The package version, sent in the User-Agent and printed by --version. A literal (not read from
 * package.json at run time) so the bundles need no file access to start; a test keeps it in step.
 */
export const VERSION = '0.1.0'

export const USER_AGENT = `cicdstatemgr-actions/${VERSION}`
