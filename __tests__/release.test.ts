import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'

/** What a user pinning a release relies on: licence, notices, metadata, the release workflow. */
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  license: string
  author: string
  version: string
}
const ACTIONS = [
  'action.yml',
  'init/action.yml',
  'get-set/action.yml',
  'handle-event/action.yml',
  'run/action.yml',
  'setup/action.yml'
]
const read = (file: string): string => readFileSync(file, 'utf8')

describe('release metadata', () => {
  it("the root action's description fits the Marketplace (at most 125 characters)", () => {
    const { description } = parse(read('action.yml')) as { description: string }
    expect(description.length).toBeGreaterThan(20)
    expect(description.length).toBeLessThanOrEqual(125)
  })

  it('LICENSE is the licence package.json names (Apache-2.0)', () => {
    expect(pkg.license).toBe('Apache-2.0')
    const license = read('LICENSE')
    expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/)
    expect(license).toContain('END OF TERMS AND CONDITIONS')
  })

  it('NOTICE credits the ported projects with their licences', () => {
    const notice = read('NOTICE')
    expect(notice).toContain('https://github.com/bitsofinfo/cicdstatemgr')
    expect(notice).toContain('Copyright (c) 2020 bitsofinfo')
    expect(notice).toContain('MIT License')
    expect(notice).toContain('https://github.com/IBM/quickcd')
    expect(notice).toContain('IBM')
  })

  it.each(ACTIONS)('%s names the author package.json names', (file) => {
    expect(pkg.author).toMatch(/\S/)
    expect((parse(read(file)) as { author: string }).author).toBe(pkg.author)
  })

  it('CHANGELOG.md has an Unreleased section and one for the package version', () => {
    const changelog = read('CHANGELOG.md')
    expect(changelog).toMatch(/^## \[Unreleased\]$/m)
    expect(changelog).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\]`, 'm'))
  })

  it('SECURITY.md says how to report a vulnerability privately', () => {
    expect(read('SECURITY.md')).toMatch(/Report a vulnerability/)
  })

  it.each(['init', 'get-set', 'handle-event', 'run', 'setup'])(
    '%s/README.md lists the permissions it needs',
    (name) => {
      const readme = read(`${name}/README.md`)
      expect(readme).toMatch(/^## Permissions$/m)
      expect(readme).toMatch(/```yaml\npermissions:\n {2}contents: read/)
    }
  )

  describe('the release workflow', () => {
    const text = read('.github/workflows/release.yml')
    const workflow = parse(text) as {
      on: { workflow_dispatch: { inputs: Record<string, unknown> } }
      permissions: Record<string, string>
      jobs: Record<
        string,
        { steps: Array<{ id?: string; run?: string; env?: Record<string, string> }> }
      >
    }
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps)

    it('is started by hand with a version and may push tags', () => {
      expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch'])
      expect(workflow.on.workflow_dispatch.inputs).toHaveProperty('version')
      expect(workflow.permissions).toEqual({ contents: 'write' })
    })

    it('passes the input to scripts through env only, never ${{ }} inside run', () => {
      for (const step of steps) expect(step.run ?? '').not.toContain('${{')
      expect(steps.some((s) => s.env?.VERSION === '${{ inputs.version }}')).toBe(true)
    })

    /** Runs the workflow's version check as the runner would: bash, the input in env only. */
    function checkVersion(version: string): { code: number | null; out: string; major?: string } {
      const script = steps.find((s) => s.id === 'version')?.run as string
      // A checkout of its own (package.json, CHANGELOG.md, no tags): a released tree still passes.
      const dir = mkdtempSync(join(tmpdir(), 'release-'))
      const output = join(dir, 'output')
      try {
        for (const file of ['package.json', 'CHANGELOG.md']) copyFileSync(file, join(dir, file))
        spawnSync('git', ['init', '-q'], { cwd: dir })
        const r = spawnSync('bash', ['-e', '-c', script], {
          cwd: dir,
          env: { PATH: process.env.PATH, VERSION: version, GITHUB_OUTPUT: output },
          encoding: 'utf8'
        })
        let major: string | undefined
        try {
          major = /^major=(.*)$/m.exec(readFileSync(output, 'utf8'))?.[1]
        } catch {
          major = undefined
        }
        return { code: r.status, out: r.stdout + r.stderr, major }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }

    it('accepts the package version and names its major tag', () => {
      expect(checkVersion(pkg.version)).toMatchObject({
        code: 0,
        major: `v${pkg.version.split('.')[0]}`
      })
    })

    it.each(['v1.2.3', '1.2', '01.2.3', '1.2.3 ', '1.2.3;touch x', '$(id)'])(
      'refuses %j as a version',
      (version) => {
        const r = checkVersion(version)
        expect(r.code).toBe(1)
        expect(r.out).toContain('is not X.Y.Z')
      }
    )

    it('refuses a version package.json does not have', () => {
      const r = checkVersion('9.9.9')
      expect(r.code).toBe(1)
      expect(r.out).toContain(`package.json has version ${pkg.version}, not 9.9.9`)
    })

    it('validates semver, checks dist/, tags vX.Y.Z and force-moves the major tag', () => {
      const scripts = steps.map((s) => s.run ?? '').join('\n')
      expect(scripts).toContain('=~ $semver')
      expect(scripts).toContain('git status --porcelain -- dist')
      expect(scripts).toContain('git tag -a "v$VERSION"')
      expect(scripts).toContain('git tag -fa "$MAJOR"')
      expect(scripts).toContain('git push --force origin "refs/tags/$MAJOR"')
    })
  })
})
