/** The project version (kept equal to package.json by a test). */
export const VERSION = '0.1.0'
export const USER_AGENT = `cicdstatemgr-actions/${VERSION}`
