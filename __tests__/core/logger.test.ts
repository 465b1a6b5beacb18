import { describe, expect, it } from '@jest/globals'
import { SecretMasker, secretParts, StreamLogger } from '../../src/core/logger.js'

describe('multi-line secrets (issue 7 item 13)', () => {
  it('register the whole value and each non-empty line, skipping short and bare-key lines', () => {
    expect(secretParts('one-line')).toEqual(['one-line'])
    expect(secretParts('cicdstatemgr:\n  slack:\n    token: abc123\n\n  x\n')).toEqual([
      'cicdstatemgr:\n  slack:\n    token: abc123\n\n  x\n',
      'token: abc123'
    ])
  })

  it('the CLI logger masks each line of a multi-line secret wherever it appears', () => {
    const lines: string[] = []
    const log = new StreamLogger('info', (line) => lines.push(line))
    log.addSecret('-----BEGIN-----\r\nline-one-secret\nline-two-secret\n-----END-----')
    log.info('got line-two-secret then line-one-secret')
    expect(lines).toEqual(['INFO got *** then ***\n'])
    const masker = new SecretMasker()
    masker.add('ab\ncd')
    expect(masker.values).toEqual(['ab\ncd'])
  })
})
