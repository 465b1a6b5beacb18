import { isAbsolute, resolve } from 'node:path'
import { ConfigError } from '../errors.js'
import { defined, isJsonObject, type JsonObject } from './types.js'

/** Reads typed fields of one datasource mapping; a wrong type names the key. */
export class FieldReader {
  constructor(
    private readonly obj: JsonObject,
    private readonly where: string,
    private readonly file: string
  ) {}

  fail(key: string, expected: string): never {
    throw new ConfigError(`${this.where}.${key} must be ${expected}`, this.file)
  }

  str(key: string): string | undefined {
    const v = this.obj[key]
    if (v === undefined || v === null) return undefined
    if (typeof v === 'number') return String(v)
    return typeof v === 'string' ? v : this.fail(key, 'a string')
  }

  requiredStr(key: string): string {
    return this.str(key) || this.fail(key, 'a non-empty string')
  }

  /** A required path, resolved against `cwd` when relative. */
  requiredPath(key: string, cwd: string): string {
    const path = this.requiredStr(key)
    return isAbsolute(path) ? path : resolve(cwd, path)
  }

  int(key: string): number | undefined {
    const v = this.obj[key]
    if (v === undefined || v === null || v === '') return undefined
    const n = typeof v === 'string' ? Number(v) : v
    return typeof n === 'number' && Number.isInteger(n) && n >= 0
      ? n
      : this.fail(key, 'a whole number')
  }

  bool(key: string): boolean | undefined {
    const v = this.obj[key]
    if (v === undefined || v === null) return undefined
    if (typeof v === 'boolean') return v
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true'
    return this.fail(key, 'true or false')
  }

  strList(key: string): string[] {
    const v = this.obj[key]
    if (v === undefined || v === null) return []
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[]
    return this.fail(key, 'a list of strings')
  }

  /** A non-empty list of `{host, port}` (Redis sentinels or cluster seed nodes). */
  nodes(key: string): { host: string; port: number }[] | undefined {
    const v = this.obj[key]
    if (v === undefined || v === null) return undefined
    const expected = 'a non-empty list of {host, port} mappings'
    if (!Array.isArray(v) || v.length === 0) return this.fail(key, expected)
    return v.map((item, i) => {
      if (!isJsonObject(item)) return this.fail(`${key}[${i}]`, 'a {host, port} mapping')
      const sub = new FieldReader(item, `${this.where}.${key}[${i}]`, this.file)
      const port = sub.int('port')
      if (port === undefined || port < 1 || port > 65535) sub.fail('port', 'from 1 to 65535')
      return { host: sub.requiredStr('host'), port: port as number }
    })
  }

  tls(
    key: string
  ): boolean | { ca?: string; servername?: string; rejectUnauthorized?: boolean } | undefined {
    const v = this.obj[key]
    if (v === undefined || v === null) return undefined
    if (typeof v === 'boolean') return v
    if (!isJsonObject(v))
      return this.fail(key, 'true/false or a mapping (ca, servername, rejectUnauthorized)')
    const sub = new FieldReader(v, `${this.where}.${key}`, this.file)
    return defined({
      ca: sub.str('ca'),
      servername: sub.str('servername'),
      rejectUnauthorized: sub.bool('rejectUnauthorized')
    })
  }
}
