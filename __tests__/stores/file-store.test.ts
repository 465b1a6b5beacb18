import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { silentLogger, type Logger } from '../../src/core/logger.js'
import type { ContextDocument } from '../../src/core/types.js'
import { parseYaml } from '../../src/core/yaml.js'
import { ConflictError, StoreError } from '../../src/errors.js'
import { FileStore, type FileStoreOptions } from '../../src/stores/file-store.js'
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

  it('hands out what it wrote as private copies: changing one never changes the next load', async () => {
    const path = file('kept')
    const s = store(type, path)
    const written = { ...doc('a'), list: [{ k: 'v' }] }
    await s.update('a', () => written)
    written.list.push({ k: 'changed by the writer' })
    const first = (await s.load('a')) as ContextDocument & { list: Array<{ k: string }> }
    expect(first.list).toEqual([{ k: 'v' }])
    ;(first.list[0] as { k: string }).k = 'changed by a reader'
    first.state.extra = 'x'
    await expect(s.load('a')).resolves.toEqual({ ...doc('a'), list: [{ k: 'v' }] })
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

/** Records warnings, so a test can tell a retried update from a silent one. */
function recorder(): Logger & { warnings: string[] } {
  const warnings: string[] = []
  return {
    warnings,
    debug: () => {},
    info: () => {},
    warning: (m) => warnings.push(m),
    error: () => {},
    addSecret: () => {},
    isDebug: false
  }
}

function primary(path: string, logger: Logger, options: FileStoreOptions): FileStore {
  return new FileStore({ name: 'yamlfile', type: 'yamlfile', isPrimary: true, path }, logger, {
    timeoutMs: 5000,
    ...options
  })
}

function setKey(key: string, value: string, calls?: { n: number }) {
  return (cur: ContextDocument | undefined): ContextDocument => {
    if (!cur) throw new Error('expected the stored document')
    if (calls) calls.n++
    return { ...cur, state: { ...cur.state, [key]: value } }
  }
}

describe('a writer that stalls past the stale time holding the lock', () => {
  it('loses it to a second writer, then re-applies its update: both updates are kept', async () => {
    const path = join(dir, 'stalled/doc.yaml')
    const id = 'stall'
    await primary(path, silentLogger, {}).update(id, () => doc(id))
    // One clock for both writers; moving it forward makes the first writer's lock look stale.
    let offset = 0
    const now = (): number => Date.now() + offset
    let reachedRename!: () => void
    const atRename = new Promise<void>((resolve) => (reachedRename = resolve))
    let resume!: () => void
    const resumed = new Promise<void>((resolve) => (resume = resolve))
    let paused = 0
    const firstLog = recorder()
    const first = primary(path, firstLog, {
      now,
      pauseBeforeRename: async () => {
        if (paused++ > 0) return
        reachedRename()
        await resumed // stopped here: new content written to a temp file, not yet renamed
      }
    })
    const firstCalls = { n: 0 }
    const firstUpdate = first.update(id, setKey('first', '1', firstCalls))
    await atRename
    offset = 11_000 // the 10 s stale time has passed for everyone but the stopped writer
    const secondLog = recorder()
    await primary(path, secondLog, { now }).update(id, setKey('second', '2'))
    expect(secondLog.warnings.join('\n')).toContain(`took over the lock on ${path}`)
    expect((await store('yamlfile', path).load(id))?.state).toMatchObject({ second: '2' })
    resume()
    await firstUpdate
    expect((await store('yamlfile', path).load(id))?.state).toMatchObject({
      first: '1',
      second: '2'
    })
    // The first writer found its lock gone before renaming, wrote nothing, and re-applied its change.
    expect(firstCalls.n).toBe(2)
    expect(firstLog.warnings.join('\n')).toContain(`lost the lock on ${path}`)
    expect(existsSync(`${path}.lock`)).toBe(false)
    expect(readdirSync(dirname(path))).toEqual(['doc.yaml'])
  })

  it('fails loudly, writing nothing, when it keeps losing the lock', async () => {
    const path = join(dir, 'always-lost/doc.yaml')
    const id = 'lost'
    await primary(path, silentLogger, {}).update(id, () => doc(id))
    const before = readFileSync(path, 'utf8')
    const thief = primary(path, silentLogger, {
      // Another writer takes the lock over every time this one is about to rename.
      pauseBeforeRename: async () => rmSync(`${path}.lock`, { recursive: true, force: true })
    })
    const err = await thief.update(id, setKey('x', '1')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConflictError)
    expect((err as Error).message).toBe(
      `lost the lock on ${path} (another writer took it over after it went stale); nothing was written`
    )
    expect(readFileSync(path, 'utf8')).toBe(before)
    expect(readdirSync(dirname(path))).toEqual(['doc.yaml'])
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
