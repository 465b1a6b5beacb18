import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { dirname } from 'node:path'
import { BUILD_TIMEOUT, bundleNode, ensureBuilt } from './helpers/built.js'

describe('the README quick start', () => {
  beforeAll(() => ensureBuilt(), BUILD_TIMEOUT)
  it('examples/basic/run.sh runs the main job end to end on local files', () => {
    const out = execFileSync('bash', ['examples/basic/run.sh'], {
      encoding: 'utf8',
      // run.sh calls `node`: the Node the bundles are tested on (CICD_TEST_NODE) comes first.
      env: { PATH: `${dirname(bundleNode)}:${process.env.PATH}` }
    })
    expect(out).toMatch(/^example-\d+$/m)
    expect(out).toContain('appVersion: 1.4.2')
    expect(out).toContain('artifacts:  ["app.tar.gz", "app.sbom"]')
    expect(out).toContain('variables:  example-app-1.4.2')
    expect(out).toContain('greeting:   hello example-app')
    expect(out).toContain('deploy url: https://stage.example.com/example-app')
    expect(out).toContain('artifact:   example-app-1.4.2')
    expect(out).toContain("### notify 'default': dry-run")
    expect(out).toContain('Authorization: Bearer ***')
    expect(out).toContain('"text": "BUILD OF EXAMPLE-APP 1.4.2 PASSED!"')
    expect(out).toContain('CICD_state__appVersion=1.4.2 CICD_state__build__status=success')
    expect(out).not.toContain('xoxb-example-not-a-real-token')
  })
})
