/**
 * The package version sent in the User-Agent. Kept as a literal (not read from package.json at run
 * time) so the bundled CLI needs no file access to start; a test keeps it in step with package.json.
 */
export const PACKAGE_VERSION = '0.1.0'

export const DEFAULT_USER_AGENT = `cicdstatemgr-actions/${PACKAGE_VERSION}`
