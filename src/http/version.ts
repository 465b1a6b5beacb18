export { VERSION as PACKAGE_VERSION, USER_AGENT as DEFAULT_USER_AGENT } from '../version.js'
