import { verifyApproval, type ApprovalClaims } from '../bridge/approval.js'
import type { ContextManager } from '../core/context-manager.js'
import type { SetOperation } from '../core/set-args.js'
import { isJsonObject, type JsonObject, type JsonValue } from '../core/types.js'
import { ApprovalError } from '../errors.js'
import type { ApprovalInput } from '../inputs.js'

/** What a verified approval records and what the step outputs. */
export interface RecordedApproval {
  sets: SetOperation[]
  outputs: { 'approved-choice': string; 'approved-by': string; 'recorded-sha': string }
}

/** A state path segment: the bridge's target names are restricted to this when they are recorded. */
const TARGET_SEGMENT = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Verifies the bridge's approval for context `id` and returns what to record at
 * `state.approvals.<target>`. Anything short of a valid approval — none given (a hand-made dispatch),
 * forged, altered, minted for another context or choice, expired, or already recorded by another run —
 * throws a one-line ApprovalError before anything is written, so the step records nothing and fails.
 */
export async function verifiedApproval(
  input: ApprovalInput,
  id: string,
  manager: ContextManager,
  clock: () => number = Date.now
): Promise<RecordedApproval> {
  const result = await verifyApproval(input.token, {
    secrets: input.keys,
    contextId: id,
    ...(input.choice !== undefined ? { choice: input.choice } : {}),
    clock
  })
  if (!result.ok) {
    throw new ApprovalError(
      `input 'approval' refused (${result.reason}): ${result.message}; no approval recorded`
    )
  }
  const claims = result.claims
  if (!TARGET_SEGMENT.test(claims.t)) {
    throw new ApprovalError(
      `input 'approval': target '${claims.t}' cannot be recorded (^[A-Za-z0-9_-]{1,64}$)`
    )
  }
  const [approvals, sha] = await manager.getAll(id, ['state.approvals', 'state.build.sha'])
  refuseReplay(claims, approvals?.found ? approvals.value : undefined, input.runId)
  const recordedSha = sha?.found && typeof sha.value === 'string' ? sha.value : ''
  const entry: JsonObject = {
    choice: claims.o,
    userId: claims.u,
    userName: claims.un,
    approvedAt: new Date(claims.iat * 1000).toISOString(),
    recordedAt: new Date(clock()).toISOString(),
    nonce: claims.n,
    ...(input.runId ? { runId: input.runId } : {}),
    ...(claims.r ? { sourceRunId: claims.r } : {}),
    ...(recordedSha ? { sha: recordedSha } : {})
  }
  return {
    sets: [{ path: `state.approvals.${claims.t}`, value: entry }],
    outputs: {
      'approved-choice': claims.o,
      'approved-by': claims.u,
      'recorded-sha': recordedSha
    }
  }
}

/**
 * An approval is used once: the same nonce recorded by another run is a replay. The same run (a re-run
 * attempt of a failed job keeps its run id and inputs) may record it again.
 */
function refuseReplay(claims: ApprovalClaims, approvals: unknown, runId: string | undefined): void {
  if (!isJsonObject(approvals)) return
  for (const [target, entry] of Object.entries(approvals)) {
    if (!isJsonObject(entry) || entry.nonce !== claims.n) continue
    const by: JsonValue | undefined = entry.runId
    if (runId !== undefined && by === runId) continue
    throw new ApprovalError(
      `input 'approval' refused (replayed): already recorded at state.approvals.${target}${typeof by === 'string' ? ` by run ${by}` : ''}; no approval recorded`
    )
  }
}
