import { existsSync, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { ConfigError } from '../errors.js'
import { isJsonObject, type JsonObject } from './types.js'
import { parseYaml } from './yaml.js'

/** Reads and parses a YAML file that must hold a mapping; every failure names the file (and line). */
export function readYamlMapping(path: string, what: string, cwd: string): JsonObject {
  const full = resolve(cwd, path)
  if (!existsSync(full)) throw new ConfigError(`${what} not found: ${path}`, path)
  if (!statSync(full).isFile()) throw new ConfigError(`${what} is not a file: ${path}`, path)
  const parsed = parseYaml(readFileSync(full, 'utf8'), path)
  if (parsed === null || parsed === undefined) return {}
  if (!isJsonObject(parsed))
    throw new ConfigError(`${what} ${path} must hold a mapping at the top level`, path)
  return parsed
}
