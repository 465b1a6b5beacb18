import { appendFileSync, existsSync } from 'node:fs'
import { EOL } from 'node:os'

/**
 * The GitHub Actions runner protocol, as @actions/core implements it: inputs from `INPUT_*`, outputs,
 * env and summaries appended to the files the runner names, and workflow commands on stdout. Written out
 * here because @actions/core 3 loads its OIDC HTTP client (and undici) at import, adding ~40 ms to every
 * step (bench/README.md) for features we never use. Behaviour matches @actions/core line for line.
 */

export interface InputOptions {
  required?: boolean
  trimWhitespace?: boolean
}

export function getInput(name: string, options: InputOptions = {}): string {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
  if (options.required && !value) throw new Error(`Input required and not supplied: ${name}`)
  return options.trimWhitespace === false ? value : value.trim()
}

export function getMultilineInput(name: string, options: InputOptions = {}): string[] {
  const lines = getInput(name, options)
    .split('\n')
    .filter((x) => x !== '')
  return options.trimWhitespace === false ? lines : lines.map((line) => line.trim())
}

const TRUE_VALUES = ['true', 'True', 'TRUE']
const FALSE_VALUES = ['false', 'False', 'FALSE']

/** YAML 1.2 core booleans only, as @actions/core: anything else is an error naming the input. */
export function getBooleanInput(name: string, options: InputOptions = {}): boolean {
  const value = getInput(name, options)
  if (TRUE_VALUES.includes(value)) return true
  if (FALSE_VALUES.includes(value)) return false
  throw new TypeError(
    `Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
      'Support boolean input list: `true | True | TRUE | false | False | FALSE`'
  )
}

/**
 * `name<<delimiter` blocks. What makes them injection-proof is the check below — a name or value holding
 * the delimiter is refused — so the delimiter only has to be unlikely to occur by accident, and
 * Math.random spares loading node:crypto (~5 ms) on every step.
 */
function keyValueMessage(key: string, value: string): string {
  const delimiter = `ghadelimiter_${randomHex()}${randomHex()}`
  if (key.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`Unexpected input: name or value contains the delimiter "${delimiter}"`)
  }
  return `${key}<<${delimiter}${EOL}${value}${EOL}${delimiter}`
}

function randomHex(): string {
  return Math.floor(Math.random() * 2 ** 52)
    .toString(16)
    .padStart(13, '0')
}

function fileCommand(kind: 'OUTPUT' | 'ENV' | 'STATE', message: string): boolean {
  const path = process.env[`GITHUB_${kind}`]
  if (!path) return false
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`)
  appendFileSync(path, `${message}${EOL}`, { encoding: 'utf8' })
  return true
}

export function setOutput(name: string, value: string): void {
  if (!fileCommand('OUTPUT', keyValueMessage(name, value))) {
    process.stdout.write(EOL)
    issueCommand('set-output', { name }, value)
  }
}

export function exportVariable(name: string, value: string): void {
  process.env[name] = value
  if (!fileCommand('ENV', keyValueMessage(name, value))) issueCommand('set-env', { name }, value)
}

export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

export function isDebug(): boolean {
  return process.env.RUNNER_DEBUG === '1'
}

export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
}

export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function warning(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('warning', annotation(properties), message)
}

export function error(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('error', annotation(properties), message)
}

export function setFailed(message: string, properties: AnnotationProperties = {}): void {
  process.exitCode = 1
  error(message, properties)
}

export function startGroup(name: string): void {
  issueCommand('group', {}, name)
}

export function endGroup(): void {
  issueCommand('endgroup', {}, '')
}

/** Appends Markdown to the job summary (no-op outside Actions). */
export function appendSummary(markdown: string): void {
  const path = process.env.GITHUB_STEP_SUMMARY
  if (path && existsSync(path)) appendFileSync(path, markdown, { encoding: 'utf8' })
}

function annotation(p: AnnotationProperties): Record<string, string> {
  const out: Record<string, string> = {}
  if (p.title) out.title = p.title
  if (p.file) out.file = p.file
  if (p.startLine !== undefined) out.line = String(p.startLine)
  return out
}

function issueCommand(command: string, properties: Record<string, string>, message: string): void {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',')
  process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`)
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
