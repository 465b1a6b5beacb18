import { cloneJson } from './clone-json.js'
import { ConfigError } from '../errors.js'
import { selectContext, type AppConfig } from './app-config.js'
import { setOwn } from './own-property.js'
import { isJsonObject, type ContextDocument, type JsonObject } from './types.js'

/**
 * The context document as `--init-new` builds it (ARCHITECTURE.md, "Operations"), before `--set`s and
 * variables: the keys of the selected cicd context, the app file as read, the macros, and a fresh `state`.
 */
export function buildDocument(id: string, contextName: string, config: AppConfig): ContextDocument {
  const context = cloneJson(selectContext(config, contextName))
  return {
    ...context,
    appPipelinesConfig: cloneJson(config.app),
    jinja2Macros: collectMacros(config),
    state: { cicdContextDataId: id, cicdContextName: contextName }
  }
}

function collectMacros(config: AppConfig): JsonObject {
  const raw = config.merged['jinja2-macros']
  const byName: JsonObject = {}
  let all = ''
  if (raw === undefined || raw === null) return { byName, all }
  if (!isJsonObject(raw))
    throw new ConfigError(`${config.path}: 'jinja2-macros' must be a mapping`, config.path)
  for (const [name, text] of Object.entries(raw)) {
    if (typeof text !== 'string') {
      throw new ConfigError(`${config.path}: jinja2-macros.${name} must be a string`, config.path)
    }
    setOwn(byName, name, text)
    // Stripped, as the Python tool did, so the concatenation adds no whitespace of its own.
    all += text.trim()
  }
  return { byName, all }
}

/** The `variables:` templates of the merged app config (rendered at init, after the sets). */
export function variableTemplates(config: AppConfig): JsonObject {
  const raw = config.merged.variables
  if (raw === undefined || raw === null) return {}
  if (!isJsonObject(raw))
    throw new ConfigError(`${config.path}: 'variables' must be a mapping`, config.path)
  return raw
}
