import * as nodeModule from 'node:module'

// Node >= 22.1 (the runners' node24) can keep V8's compiled code on disk between processes; the chunks
// loaded later in a run (template engine, HTTP client) then start without being compiled again. A no-op
// on older Node.
;(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.()
