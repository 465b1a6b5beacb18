import { ConfigError } from '../errors.js'
import type { EventHandler, HandlerContext } from '../core/events.js'
import { tryQueryValue } from '../core/jsonpath.js'
import { setOwn } from '../core/own-property.js'
import { isJsonObject, type JsonObject } from '../core/types.js'
import { parseYaml } from '../core/yaml.js'
import { postSlackMessage } from './http-post.js'
import { bridgeSettings, mintButtons, recordPosted } from './bridge-buttons.js'

/**
 * `manual-choice`: a message with choice buttons. `title`, each choice's `header` and each option's
 * `text`/`value` are rendered; `choice-generators` add choices from a mapping found in the document being
 * built (not a stored copy: upstream defect 9). POSTed like notify and captured like notify. With a
 * `bridge:` block each button's value is a signed bridge value and the message's channel and ts are
 * recorded at `state.bridge.<target>` (bridge-buttons.ts).
 */
export const manualChoiceHandler: EventHandler = {
  kind: 'manual-choice',
  singleBlockKey: 'title',
  contextKey: 'manualChoice',
  async run(block, name, templateContext, ctx) {
    const where = `manual-choice '${name}'`
    const mc = templateContext.manualChoice as JsonObject
    mc.title = await ctx.render(String(block.title ?? ''), templateContext, `${where} title`)
    if (mc.choices === undefined || mc.choices === null) mc.choices = {}
    if (!isJsonObject(mc.choices)) throw new ConfigError(`${where}: 'choices' must be a mapping`)
    await generateChoices(mc, templateContext, ctx, where)
    await renderChoices(mc.choices as JsonObject, templateContext, ctx, where)
    const mint = await bridgeSettings(block, templateContext, ctx, where)
    if (!mint) return postSlackMessage(ctx, 'manual-choice', name, block, templateContext)
    await mintButtons(
      mc.choices as JsonObject,
      mint,
      contextId(ctx, where),
      ctx.github?.env.GITHUB_RUN_ID,
      where
    )
    return postSlackMessage(ctx, 'manual-choice', name, block, templateContext, (body) =>
      recordPosted(ctx, mint, body, where)
    )
  }
}

function contextId(ctx: HandlerContext, where: string): string {
  const state = ctx.work.doc.state
  const id = isJsonObject(state) ? state.cicdContextDataId : undefined
  if (typeof id !== 'string' || !id) throw new ConfigError(`${where} bridge: the context has no id`)
  return id
}

async function generateChoices(
  mc: JsonObject,
  context: JsonObject,
  ctx: HandlerContext,
  where: string
): Promise<void> {
  const generators = mc['choice-generators']
  if (generators === undefined || generators === null) return
  if (!isJsonObject(generators))
    throw new ConfigError(`${where}: 'choice-generators' must be a mapping`)
  const choices = mc.choices as JsonObject
  for (const [genName, gen] of Object.entries(generators)) {
    const at = `${where} choice-generators.${genName}`
    if (!isJsonObject(gen) || typeof gen.foreach !== 'string' || typeof gen.template !== 'string') {
      throw new ConfigError(`${at}: needs 'foreach', 'iterator' and 'template'`)
    }
    const path = (await ctx.render(gen.foreach, context, `${at}.foreach`)).trim()
    const found = await tryQueryValue(ctx.work.doc, path)
    if (!found.found) continue
    if (!isJsonObject(found.value))
      throw new ConfigError(`${at}: foreach '${path}' must select a mapping`)
    const iterator =
      (await ctx.render(String(gen.iterator ?? 'item'), context, `${at}.iterator`)).trim() || 'item'
    for (const item of Object.values(found.value)) {
      const yamlText = await ctx.render(
        gen.template,
        { ...context, [iterator]: item },
        `${at}.template`
      )
      const choice = parseYaml(yamlText, `${at}.template`)
      const [entry] = isJsonObject(choice) ? Object.entries(choice) : []
      if (!entry)
        throw new ConfigError(
          `${at}: template must render YAML of one choice ({name: {header, options}})`
        )
      setOwn(choices, entry[0], entry[1])
    }
  }
}

async function renderChoices(
  choices: JsonObject,
  context: JsonObject,
  ctx: HandlerContext,
  where: string
): Promise<void> {
  for (const [choiceName, choice] of Object.entries(choices)) {
    const at = `${where} choices.${choiceName}`
    if (!isJsonObject(choice)) throw new ConfigError(`${at} must be a mapping`)
    choice.header = await ctx.render(String(choice.header ?? ''), context, `${at}.header`)
    const options = choice.options ?? []
    if (!Array.isArray(options)) throw new ConfigError(`${at}.options must be a list`)
    for (const [i, option] of options.entries()) {
      if (!isJsonObject(option)) throw new ConfigError(`${at}.options[${i}] must be a mapping`)
      option.text = await ctx.render(String(option.text ?? ''), context, `${at}.options[${i}].text`)
      option.value = await ctx.render(
        String(option.value ?? ''),
        context,
        `${at}.options[${i}].value`
      )
    }
  }
}
