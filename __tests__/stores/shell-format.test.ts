import { describe, expect, it } from '@jest/globals'
import {
  flattenForShell,
  formatShellFile,
  shellQuote,
  shellVarName
} from '../../src/stores/shell-format.js'

describe('shellVarName', () => {
  it('joins segments with __ and prefixes CICD_', () => {
    expect(shellVarName(['state', 'list', 0])).toBe('CICD_state__list__0')
  })

  it('turns every run of other characters into one underscore, as the Python tool did', () => {
    expect(shellVarName(['state', 'my-key.v2', 'a b--c'])).toBe('CICD_state__my_key_v2__a_b_c')
    expect(shellVarName(['state', 'clé'])).toBe('CICD_state__cl_')
  })
})

describe('flattenForShell', () => {
  it('addresses list items by index and recurses into mappings and lists inside lists', () => {
    const doc = {
      state: {
        list: ['a', 'b'],
        items: [{ name: 'x', tags: ['t1'] }],
        grid: [
          [1, 2],
          [3, 4]
        ]
      },
      top: ['first']
    }
    expect(flattenForShell(doc)).toEqual([
      ['CICD_state__list__0', 'a'],
      ['CICD_state__list__1', 'b'],
      ['CICD_state__items__0__name', 'x'],
      ['CICD_state__items__0__tags__0', 't1'],
      ['CICD_state__grid__0__0', '1'],
      ['CICD_state__grid__0__1', '2'],
      ['CICD_state__grid__1__0', '3'],
      ['CICD_state__grid__1__1', '4'],
      ['CICD_top__0', 'first']
    ])
  })

  it('keeps false, 0, empty strings and null, and writes no line for empty lists or mappings', () => {
    const doc = { state: { f: false, t: true, zero: 0, n: 1.5, e: '', nil: null, el: [], em: {} } }
    expect(flattenForShell(doc)).toEqual([
      ['CICD_state__f', 'false'],
      ['CICD_state__t', 'true'],
      ['CICD_state__zero', '0'],
      ['CICD_state__n', '1.5'],
      ['CICD_state__e', ''],
      ['CICD_state__nil', '']
    ])
  })

  it('skips excluded key names at any depth, including inside list items', () => {
    const doc = {
      appPipelinesConfig: { big: 'x' },
      state: { keep: 1, jinja2Macros: 'm', list: [{ appPipelinesConfig: 'y', ok: 'z' }] }
    }
    const names = flattenForShell(doc, ['appPipelinesConfig', 'jinja2Macros']).map(([n]) => n)
    expect(names).toEqual(['CICD_state__keep', 'CICD_state__list__0__ok'])
  })
})

describe('shellQuote and formatShellFile', () => {
  it('escapes exactly the characters special inside double quotes', () => {
    expect(shellQuote('a\\b"c$d`e\'f!g')).toBe('"a\\\\b\\"c\\$d\\`e\'f!g"')
  })

  it('writes one CICD_name="value" line per leaf', () => {
    const text = formatShellFile({
      state: { cicdContextDataId: 'abc', flag: false, msg: 'hi "you"' }
    })
    expect(text).toBe(
      'CICD_state__cicdContextDataId="abc"\nCICD_state__flag="false"\nCICD_state__msg="hi \\"you\\""\n'
    )
  })
})

describe('flattenForShell names', () => {
  it('are shellVarName of each leaf path, whatever characters the keys hold', () => {
    const keys = ['a', '-', 'a-', '-b', '', 'é', 'x y', '__', '_-_', '0']
    const doc = Object.fromEntries(
      keys.map((k) => [k, Object.fromEntries(keys.map((j) => [j, [`${k}/${j}`]]))])
    )
    const names = flattenForShell({ state: doc }).map(([name]) => name)
    // In the document's key order (integer-like keys first, as JavaScript orders them).
    const order = Object.keys(doc)
    const expected = order.flatMap((k) => order.map((j) => shellVarName(['state', k, j, 0])))
    expect(names).toEqual(expected)
  })
})
