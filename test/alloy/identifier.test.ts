// isIdentifier judges ASCII text without the Unicode regular expression (compiling it costs a cold render
// milliseconds); it must still agree with Alloy's definition of an identifier on any text.
import fc from 'fast-check';
import { isIdentifier } from '../../lib/alloy/quote';

/** Alloy's identifier: a Unicode letter or `_`, then letters, decimal digits or `_`; not a keyword. */
const definition = (s: string) => /^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(s) && !['true', 'false', 'null'].includes(s);

describe('isIdentifier', () => {
  it('agrees with the definition on any text', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[a-zA-Z0-9_\-é٣Ⅻ. ]{0,6}$/));
    fc.assert(fc.property(text, (s) => isIdentifier(s) === definition(s)), { numRuns: 20_000 });
  });

  it.each([
    ['X-Scope-OrgID', false],
    ['_a9', true],
    ['9a', false],
    ['été', true],
    ['a٣', true],
    ['-é', false],
    ['null', false],
    ['', false],
  ])('%s: %s', (s, expected) => {
    expect(isIdentifier(s)).toBe(expected);
  });
});
