import { describe, expect, it } from '@jest/globals'
import { redisInfo } from './redis-server.js'

describe('test harness', () => {
  it('has a redis-server with an ACL user', () => {
    const info = redisInfo()
    expect(info.port).toBeGreaterThan(0)
    expect(info.username).toBe('cicd')
  })
})
