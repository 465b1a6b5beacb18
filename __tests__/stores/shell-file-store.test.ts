import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../../src/core/logger.js'
import type { ContextDocument } from '../../src/core/types.js'
import { StoreError } from '../../src/errors.js'
import { createShellFileStore } from '../../src/stores/shell-file-store.js'
import type { StateStore } from '../../src/stores/state-store.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shellfile-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function store(path: string, excludeKeyNames: string[] = []): StateStore {
  return createShellFileStore(
    { name: 'shellfile', type: 'shellfile', isPrimary: false, path, excludeKeyNames },
    silentLogger
  )
}

/** Sources `file` in `shell` under `set -u` and returns each variable's bytes exactly. */
function sourceAndRead(shell: string, file: string, names: string[]): string[] {
  const vars = names.map((n) => `"$${n}"`).join(' ')
  const script = `set -u; . "$1"; printf '%s\\000' ${vars}`
  const result = spawnSync(shell, ['-c', script, shell, file], { encoding: 'utf8', timeout: 5000 })
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
  return result.stdout.split('\0').slice(0, -1)
}

describe('shellfile store', () => {
  const values: Record<string, string> = {
    subst: '',
    backtick: '',
    dquote: 'say "hi"',
    squote: "it's",
    backslash: 'a\\b\\\\c',
    trailingBackslash: 'ends with \\',
    newlines: 'line 1\nline 2\n\nline 4\n',
    crlf: 'a\r\nb',
    braces: '${HOME} and $HOME and $1 and $@',
    bang: 'wow! !! !$',
    dollarQuote: "$'\\x41'",
    semicolon: '"; touch pwned3; echo "',
    glob: '* ?.txt [a-z]',
    empty: '',
    unicode: 'héllo ✓ 🚀 日本',
    tab: '\tindented'
  }

  beforeAll(() => {
    values.subst = `$(touch ${join(dir, 'pwned1')})`
    values.backtick = `\`touch ${join(dir, 'pwned2')}\``
  })

  function doc(): ContextDocument {
    return {
      state: { cicdContextDataId: 'id-1', cicdContextName: 'stage', ...values, f: false, zero: 0 }
    }
  }

  it.each(['bash', 'dash'])(
    'round-trips every value byte for byte when sourced by %s',
    async (shell) => {
      const path = join(dir, `${shell}/out.sh`)
      await store(path).save('id-1', doc())
      const keys = [...Object.keys(values), 'f', 'zero']
      const got = sourceAndRead(
        shell,
        path,
        keys.map((k) => `CICD_state__${k}`)
      )
      const expected = keys.map((k) => (k === 'f' ? 'false' : k === 'zero' ? '0' : values[k]))
      expect(got).toEqual(expected)
      for (const marker of ['pwned1', 'pwned2', 'pwned3'])
        expect(existsSync(join(dir, marker))).toBe(false)
      expect(existsSync(join(process.cwd(), 'pwned3'))).toBe(false)
    }
  )

  it('honours excludeKeyNames and leaves no temp file beside the output', async () => {
    const sub = join(dir, 'excl')
    const path = join(sub, 'vars.sh')
    await store(path, ['appPipelinesConfig']).save('id-1', {
      state: { cicdContextDataId: 'id-1', cicdContextName: 'stage' },
      appPipelinesConfig: { secretish: 'x' }
    })
    expect(readFileSync(path, 'utf8')).toBe(
      'CICD_state__cicdContextDataId="id-1"\nCICD_state__cicdContextName="stage"\n'
    )
    expect(readdirSync(sub)).toEqual(['vars.sh'])
  })

  it('is write-only', async () => {
    const s = store(join(dir, 'x.sh'))
    expect(s.loadable).toBe(false)
    await expect(s.load('id')).rejects.toThrow(StoreError)
    await expect(s.load('id')).rejects.toThrow('shellfile cannot be primary')
    await expect(s.update('id', (d) => d as ContextDocument)).rejects.toThrow(
      'shellfile cannot be primary'
    )
  })
})
