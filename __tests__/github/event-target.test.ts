import { describe, expect, it } from '@jest/globals'
import {
  isForkPullRequest,
  resolveCommentTarget,
  resolveSha
} from '../../src/github/event-target.js'

const HEAD = 'a'.repeat(40)
const MERGE = 'b'.repeat(40)
const BUILT = 'c'.repeat(40)
const AFTER = 'd'.repeat(40)

describe('event target', () => {
  const pr = {
    eventName: 'pull_request',
    payload: {
      number: 7,
      pull_request: {
        number: 7,
        head: { sha: HEAD, repo: { full_name: 'fork/app', fork: true } },
        base: { repo: { full_name: 'octo/app' } }
      }
    },
    githubSha: MERGE
  }

  it('uses the head SHA of a pull request, not the merge commit', () => {
    expect(resolveSha(pr, undefined, BUILT, 'x')).toEqual({
      sha: HEAD,
      source: 'pull_request.head.sha'
    })
    expect(resolveSha({ ...pr, eventName: 'pull_request_target' }, '', undefined, 'x').sha).toBe(
      HEAD
    )
  })

  it('uses after for push (not a deleted branch), head_sha for workflow_run', () => {
    expect(
      resolveSha(
        { eventName: 'push', payload: { after: AFTER }, githubSha: MERGE },
        undefined,
        undefined,
        'x'
      ).sha
    ).toBe(AFTER)
    expect(
      resolveSha(
        { eventName: 'push', payload: { after: '0'.repeat(40) }, githubSha: MERGE },
        undefined,
        undefined,
        'x'
      ).sha
    ).toBe(MERGE)
    expect(
      resolveSha(
        {
          eventName: 'workflow_run',
          payload: { workflow_run: { head_sha: HEAD } },
          githubSha: MERGE
        },
        undefined,
        undefined,
        'x'
      )
    ).toEqual({ sha: HEAD, source: 'workflow_run.head_sha' })
  })

  it('prefers the recorded SHA over the branch tip in a dispatched run; an explicit sha wins over all', () => {
    const dispatch = {
      eventName: 'workflow_dispatch',
      payload: { ref: 'refs/heads/main' },
      githubSha: MERGE
    }
    expect(resolveSha(dispatch, undefined, BUILT, 'x')).toEqual({
      sha: BUILT,
      source: 'recorded-sha'
    })
    expect(resolveSha(dispatch, '  ', '', 'x')).toEqual({ sha: MERGE, source: 'GITHUB_SHA' })
    expect(resolveSha(pr, AFTER, BUILT, 'x')).toEqual({ sha: AFTER, source: 'sha' })
  })

  it('rejects a value that is not a SHA, and no SHA at all, naming the handler', () => {
    expect(() => resolveSha(pr, 'main', undefined, "commit-status 'ci'")).toThrow(
      "commit-status 'ci': sha 'main' is not a commit SHA"
    )
    expect(() =>
      resolveSha({ eventName: 'schedule', payload: {} }, undefined, undefined, 'c')
    ).toThrow(/no commit SHA/)
  })

  it('comments on the pull request, else on the commit', () => {
    expect(resolveCommentTarget(pr, {}, 'x')).toEqual({
      kind: 'issue',
      number: 7,
      source: 'pull_request.number'
    })
    expect(resolveCommentTarget(pr, { pullRequest: '12' }, 'x')).toMatchObject({
      kind: 'issue',
      number: 12
    })
    expect(resolveCommentTarget(pr, { sha: AFTER }, 'x')).toMatchObject({
      kind: 'commit',
      sha: AFTER
    })
    expect(resolveCommentTarget({ eventName: 'push', payload: { after: AFTER } }, {}, 'x')).toEqual(
      {
        kind: 'commit',
        sha: AFTER,
        source: 'after'
      }
    )
    expect(() => resolveCommentTarget(pr, { pullRequest: '7; rm' }, 'c')).toThrow(/not a number/)
  })

  it('recognises a fork pull request', () => {
    expect(isForkPullRequest(pr)).toBe(true)
    const same = {
      ...pr,
      payload: {
        pull_request: {
          head: { repo: { full_name: 'octo/app' } },
          base: { repo: { full_name: 'octo/app' } }
        }
      }
    }
    expect(isForkPullRequest(same)).toBe(false)
  })
})
