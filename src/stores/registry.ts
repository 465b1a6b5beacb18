import type { StoreKind, StoreRegistry } from '../core/store.js'
import { actionsArtifactKind } from './kinds/actions-artifact.js'
import { actionsCacheKind } from './kinds/actions-cache.js'
import { jsonFileKind, yamlFileKind } from './kinds/file.js'
import { idFileKind } from './kinds/idfile.js'
import { redisKind } from './kinds/redis.js'
import { shellFileKind } from './kinds/shellfile.js'

/**
 * Every datasource kind, one line each (the order is the one error messages list). A kind's descriptor
 * is read while the config loads, so it stays tiny; its implementation loads in `create`.
 */
const KINDS: StoreKind[] = [
  redisKind,
  yamlFileKind,
  jsonFileKind,
  shellFileKind,
  idFileKind,
  actionsCacheKind,
  actionsArtifactKind
]

export const storeRegistry: StoreRegistry = new Map(KINDS.map((kind) => [kind.type, kind]))
