import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { StoreError, errorMessage } from '../errors.js'

/**
 * Replaces `path` with `data` so that a reader sees the old content or the new one, never a torn file:
 * the bytes go to a temp file in the same directory (rename is only atomic within one filesystem),
 * are fsynced, then renamed over the target. Parent directories are created. On failure the target
 * is untouched and the temp file removed.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path)
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await mkdir(dir, { recursive: true })
    const mode = await existingMode(path)
    const handle = await open(temp, 'wx', mode)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw new StoreError(`cannot write ${path}: ${errorMessage(error)}`, { cause: error })
  }
  await syncDirectory(dir)
}

/** Keeps the permissions a user gave the file; new files get the usual 0666 minus umask. */
async function existingMode(path: string): Promise<number> {
  try {
    return (await stat(path)).mode & 0o7777
  } catch {
    return 0o666
  }
}

/** Makes the rename itself durable; some filesystems refuse to open a directory, which is harmless. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    /* best effort */
  }
}
