import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { parseYaml, stringifyYaml } from '../../src/core/yaml.js'

/**
 * Both tools must read each other's stored documents: checked against the real PyYAML (6.x, as the
 * Python cicdstatemgr uses it: yaml.load with FullLoader, yaml.dump(default_flow_style=False, sort_keys=False)).
 */
function python(script: string, input: string): string {
  return execFileSync('python3', ['-c', script], { input, encoding: 'utf8' })
}

const TRICKY = {
  state: {
    cicdContextDataId: 'ctx-1',
    words: ['yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', 'null', '~', ''],
    numberish: ['0777', '1e3', '1_000', '12:30', '0x1F', '.5', '1.0', '-0'],
    dates: ['2020-01-01', '2020-01-01 10:00:00', '2020-01-01T10:00:00Z'],
    text: [
      ' leading',
      'trailing ',
      'multi\nline\n',
      'tab\tin',
      'colon: x',
      '# hash',
      '- dash',
      '{b}',
      '[b]',
      '"dq"',
      "'sq'",
      'é ünï 😀 中文',
      '*alias',
      '&anchor',
      '!tag',
      '%pct',
      '@at',
      '`tick`'
    ],
    numbers: [1, -3, 1.5, 1e-7, 2 ** 53, 0],
    flags: [true, false, null],
    nested: { empty: {}, list: [], deep: [{ a: [1, { b: 'c' }] }] }
  }
}

describe('YAML compatibility with the real PyYAML', () => {
  it('PyYAML reads what we write as the same data', () => {
    const json = python(
      'import sys, json, yaml; print(json.dumps(yaml.load(sys.stdin.read(), Loader=yaml.FullLoader)))',
      stringifyYaml(TRICKY)
    )
    expect(JSON.parse(json)).toEqual(TRICKY)
  })

  it('we read what PyYAML writes as the same data', () => {
    const dumped = python(
      'import sys, json, yaml; sys.stdout.write(yaml.dump(json.loads(sys.stdin.read()), default_flow_style=False, sort_keys=False))',
      JSON.stringify(TRICKY)
    )
    expect(parseYaml(dumped, 'pyyaml output')).toEqual(TRICKY)
  })
})
