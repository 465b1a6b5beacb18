// dist/bridge/lambda: the bridge as an AWS Lambda function; handler name `index.handler`
// (see src/bridge/adapters/lambda.ts for the environment it reads).
export { handler } from '../bridge/adapters/lambda.js'
