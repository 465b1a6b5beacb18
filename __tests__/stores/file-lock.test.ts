import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConflictError } from '../../src/errors.js'
import { describeProcess, withFileLock, type LockOwner } from '../../src/stores/file-lock.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lock-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A lock as left behind by `owner`: the directory and its owner file. */
function leaveLock(path: string, owner: Omit<LockOwner, 'token'>): void {
  mkdirSync(`${path}.lock`, { recursive: true })
  writeFileSync(`${path}.lock/owner`, JSON.stringify({ ...owner, token: 'left-behind' }))
}

/** A live child process (node idling), so tests can own a lock through it and then kill it. */
async function idleChild(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve)
    child.once('error', reject)
  })
  return child as ChildProcess & { pid: number }
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

describe('withFileLock', () => {
  it('lets one holder in at a time and removes the lock afterwards', async () => {
    const path = join(dir, 'serial/doc.yaml')
    let inside = 0
    let maxInside = 0
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withFileLock(path, async () => {
          inside++
          maxInside = Math.max(maxInside, inside)
          await sleep(2)
          inside--
        })
      )
    )
    expect(maxInside).toBe(1)
    expect(existsSync(`${path}.lock`)).toBe(false)
  })

  it('releases the lock when the locked section throws', async () => {
    const path = join(dir, 'throws.yaml')
    await expect(
      withFileLock(path, async () => {
        throw new Error('boom')
      })
    ).rejects.toThrow('boom')
    expect(existsSync(`${path}.lock`)).toBe(false)
    await expect(withFileLock(path, async () => 'ok', { timeoutMs: 200 })).resolves.toBe('ok')
  })

  it('gives up after the wait bound with a ConflictError naming the file', async () => {
    const path = join(dir, 'held.yaml')
    mkdirSync(`${path}.lock`)
    const started = Date.now()
    const attempt = withFileLock(path, async () => 'never', { timeoutMs: 300 })
    await expect(attempt).rejects.toThrow(ConflictError)
    await expect(withFileLock(path, async () => 'never', { timeoutMs: 300 })).rejects.toThrow(
      `waiting for the lock on ${path}`
    )
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('takes over a lock abandoned by a crashed holder once it is stale', async () => {
    const path = join(dir, 'stale.yaml')
    mkdirSync(`${path}.lock`)
    const old = new Date(Date.now() - 60_000)
    utimesSync(`${path}.lock`, old, old)
    await expect(withFileLock(path, async () => 'ok', { timeoutMs: 300 })).resolves.toBe('ok')
  })

  it('takes over at once, without waiting for staleness, when the holder was killed', async () => {
    const path = join(dir, 'killed.yaml')
    const child = await idleChild()
    try {
      leaveLock(path, describeProcess(child.pid)) // the lock as the child held it
      // While the holder lives, the lock is respected.
      await expect(withFileLock(path, async () => 'x', { timeoutMs: 200 })).rejects.toThrow(
        ConflictError
      )
    } finally {
      await kill(child)
    }
    // A fresh lock (mtime now), default 10 s stale time: only the dead owner lets us in at once.
    utimesSync(`${path}.lock`, new Date(), new Date())
    const started = Date.now()
    await expect(withFileLock(path, async () => 'ok', { timeoutMs: 5000 })).resolves.toBe('ok')
    expect(Date.now() - started).toBeLessThan(2000)
    expect(existsSync(`${path}.lock`)).toBe(false)
  })

  it("takes over at once when the holder's pid now belongs to a process started later", async () => {
    const path = join(dir, 'reused.yaml')
    const child = await idleChild()
    try {
      const identity = describeProcess(child.pid)
      expect(identity.start).not.toBe('') // Linux: /proc/<pid>/stat
      leaveLock(path, { ...identity, start: String(Number(identity.start) - 1) })
      await expect(withFileLock(path, async () => 'ok', { timeoutMs: 5000 })).resolves.toBe('ok')
    } finally {
      await kill(child)
    }
  })

  it('leaves a fresh lock alone when its holder is on another host or in another pid namespace', async () => {
    const child = await idleChild()
    const gone = { ...describeProcess(child.pid) }
    await kill(child)
    for (const [name, owner] of [
      ['other-host', { ...gone, host: 'elsewhere.example' }],
      ['other-ns', { ...gone, pidns: 'pid:[1]' }]
    ] as const) {
      const path = join(dir, `${name}.yaml`)
      leaveLock(path, owner)
      await expect(withFileLock(path, async () => 'x', { timeoutMs: 200 })).rejects.toThrow(
        ConflictError
      )
      // Once stale by the clock, it is taken over like any abandoned lock.
      await expect(
        withFileLock(path, async () => 'ok', { timeoutMs: 200, now: () => Date.now() + 60_000 })
      ).resolves.toBe('ok')
    }
  })

  it("never removes a successor's lock on release", async () => {
    const path = join(dir, 'successor.yaml')
    await withFileLock(path, async () => {
      // Taken over while held: another writer's lock is now in place.
      rmSync(`${path}.lock`, { recursive: true })
      leaveLock(path, describeProcess(process.pid))
    })
    expect(existsSync(`${path}.lock/owner`)).toBe(true)
    rmSync(`${path}.lock`, { recursive: true })
  })
})
