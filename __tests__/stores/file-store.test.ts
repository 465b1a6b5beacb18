import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { silentLogger } from '../../src/core/logger.js'
import type { ContextDocument } from '../../src/core/types.js'
import { parseYaml } from '../../src/core/yaml.js'
import { StoreError } from '../../src/errors.js'
import { FileStore } from '../../src/stores/file-store.js'
import type { FileSettings } from '../../src/stores/settings.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'filestore-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function store(type: FileSettings['type'], path: string): FileStore {
  return new FileStore({ name: type, type, isPrimary: true, path }, silentLogger, {
    timeoutMs: 5000
  })
}

function doc(id: string, extra: Record<string, string> = {}): ContextDocument {
  return { channel: 'c1', state: { cicdContextDataId: id, cicdContextName: 'stage', ...extra } }
}

describe.each(['yamlfile', 'jsonfile'] as const)('FileStore (%s)', (type) => {
  const file = (name: string): string => join(dir, type, name)

  it('returns undefined when the file does not exist', async () => {
    await expect(store(type, file('missing')).load('a')).resolves.toBeUndefined()
  })

  it('saves into new directories and loads the same document back', async () => {
    const path = file('deep/dir/doc')
    const d = { ...doc('a', { msg: 'multi\nline', yes: 'yes' }), list: [1, true, null] }
    await store(type, path).save('a', d)
    await expect(store(type, path).load('a')).resolves.toEqual(d)
    expect(readdirSync(dirname(path))).toEqual(['doc'])
  })

  it('never answers for another id', async () => {
    const path = file('other')
    await store(type, path).save('a', doc('a'))
    await expect(store(type, path).load('b')).resolves.toBeUndefined()
  })

  it('names the file when its content is malformed or not a mapping', async () => {
    const path = file('bad')
    writeFileSync(path, type === 'jsonfile' ? '{"state": ' : 'state:\n  a: [1, 2\n  b: 3\n')
    await expect(store(type, path).load('a')).rejects.toThrow(StoreError)
    await expect(store(type, path).load('a')).rejects.toThrow(path)
    writeFileSync(path, '[1, 2]')
    await expect(store(type, path).load('a')).rejects.toThrow(
      `${path} does not hold a context document`
    )
  })

  it('update creates the document, then applies a mutation to what is stored', async () => {
    const path = file('update')
    const s = store(type, path)
    const first = await s.update('u', (cur) => cur ?? doc('u', { n: '1' }))
    expect(first.state.n).toBe('1')
    const second = await s.update('u', (cur) => {
      if (!cur) throw new Error('expected the stored document')
      return { ...cur, state: { ...cur.state, m: '2' } }
    })
    expect(second.state).toMatchObject({ n: '1', m: '2' })
    await expect(s.load('u')).resolves.toEqual(second)
  })

  it('a failing mutation leaves the file as it was and releases the lock', async () => {
    const path = file('failing')
    const s = store(type, path)
    await s.save('f', doc('f'))
    const before = readFileSync(path, 'utf8')
    await expect(
      s.update('f', () => {
        throw new Error('mutation failed')
      })
    ).rejects.toThrow('mutation failed')
    expect(readFileSync(path, 'utf8')).toBe(before)
    expect(existsSync(`${path}.lock`)).toBe(false)
  })

  it('loses no update when 50 writers update one id at once', async () => {
    const path = file('concurrent')
    await store(type, path).save('c', doc('c'))
    const writers = Array.from({ length: 50 }, (_, i) =>
      store(type, path).update('c', (cur) => {
        if (!cur) throw new Error('expected the stored document')
        return { ...cur, state: { ...cur.state, [`key${i}`]: `value${i}` } }
      })
    )
    await Promise.all(writers)
    const final = await store(type, path).load('c')
    for (let i = 0; i < 50; i++) expect(final?.state[`key${i}`]).toBe(`value${i}`)
    expect(
      readdirSync(dirname(path)).filter((n) => n.startsWith('.') || n.endsWith('.lock'))
    ).toEqual([])
  })
})

describe('file formats', () => {
  it('writes JSON with indent 2 and a trailing newline', async () => {
    const path = join(dir, 'format.json')
    await store('jsonfile', path).save('j', doc('j'))
    expect(readFileSync(path, 'utf8')).toBe(
      '{\n  "channel": "c1",\n  "state": {\n    "cicdContextDataId": "j",\n    "cicdContextName": "stage"\n  }\n}\n'
    )
  })

  it('writes block YAML that quotes strings PyYAML would read as booleans', async () => {
    const path = join(dir, 'format.yaml')
    await store('yamlfile', path).save('y', doc('y', { flag: 'yes', off: 'off' }))
    const text = readFileSync(path, 'utf8')
    expect(text).toMatch(/^channel: c1\nstate:\n {2}cicdContextDataId: y\n/)
    expect(text).not.toMatch(/flag: yes/)
    expect(parseYaml(text, path)).toEqual(doc('y', { flag: 'yes', off: 'off' }))
  })

  it('treats an empty file as no document', async () => {
    const path = join(dir, 'empty.yaml')
    writeFileSync(path, '')
    await expect(store('yamlfile', path).load('a')).resolves.toBeUndefined()
  })
})
