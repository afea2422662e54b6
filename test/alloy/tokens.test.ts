// The plain-input scanner (lib/alloy/tokens.ts) against the scanner it stands in for: the same tokens,
// comment groups and line table wherever it takes the input, and the scanner's wherever it declines.
import { scanAny, scanPlain, scanTokens } from '../../lib/alloy/tokens';
import { SourceFile, T } from '../../lib/alloy/token';
import { tokenData } from '../helpers/alloy-tokens';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

// Every token kind in the forms scanPlain takes, with line comments after values and block comments
// on lines of their own.
const PLAIN = `// head
/* block
   comment */
a.b "label" {
\tn = [1, 2.5, .5, 1e9, 2E-3, 7e+2, 3.] // after a value
\ts = "esc \\" \\\\ \\n \\t \\a \\b \\f \\r \\v tab\tinside"
\tr = \`raw
line\`
\to = { "k" = true, m = false, z = null, }
\tx = !a || b && c == d != e < f <= g > h >= i + j - k * l / m % n ^ o
\ty = !
\t\ta ||
\t\tb &&
\t\tc ==
\t\td !=
\t\te <
\t\tf <=
\t\tg >
\t\th >=
\t\ti +
\t\tj -
\t\tk *
\t\tl /
\t\tm %
\t\tn ^
\t\to.
\t\tp
\tf = g(h[0], (i))
}
// c1
// c2

// c3 after a blank line
tail = 1 // last`;

describe('scanPlain', () => {
  it('scans every plain token kind as the scanner does', () => {
    const plain = scanPlain(new SourceFile(''), bytes(PLAIN));
    expect(plain).toBeDefined();
    expect(tokenData(plain!)).toEqual(tokenData(scanAny(new SourceFile(''), bytes(PLAIN))!));
  });

  it('groups comments as the parser does: a blank line starts a new group', () => {
    const groups = scanPlain(new SourceFile(''), bytes(PLAIN))!.comments.map((g) => g.map((c) => c.text));
    expect(groups).toEqual([['// head', '/* block\n   comment */'], ['// after a value'], ['// c1', '// c2'], ['// c3 after a blank line'], ['// last']]);
  });

  it('ends a statement before a line comment after a value, and at the end of the file', () => {
    const t = scanPlain(new SourceFile(''), bytes('x = 1 // c'))!;
    expect(Array.from(t.kinds.subarray(0, 5))).toEqual([T.IDENT, T.ASSIGN, T.NUMBER, T.TERMINATOR, T.EOF]);
    expect(t.spans[6]).toBe(6); // the terminator is where the comment starts
  });

  it.each([
    ['a non-ASCII byte', 'x = "é"\n'],
    ['a carriage return', 'x = 1\r\n'],
    ['an escape longer than one character', 'x = "\\u00e9"\n'],
    ['a block comment after a value', 'x = 1 /* c */\n'],
    ['a block comment after a value, ending the line', 'x = 1 /* c */ // d\n'],
    ['a control character in a comment', '// \u0001\n'],
  ])('declines %s, and scanTokens gives the scanner\'s tokens', (_what, src) => {
    expect(scanPlain(new SourceFile(''), bytes(src))).toBeUndefined();
    expect(tokenData(scanTokens('', bytes(src))!)).toEqual(tokenData(scanAny(new SourceFile(''), bytes(src))!));
  });

  it.each([
    ['an unterminated string', 'x = "a\n'],
    ['a single quote', "x = 'a'\n"],
    ['a lone |', 'x = a | b\n'],
    ['an exponent without digits', 'x = 1e\n'],
    ['an unterminated raw string', 'x = `a\n'],
    ['an unterminated block comment', '/* a\n'],
    ['a NUL byte', 'x = 1\u0000\n'],
    ['a hex escape without hex digits', 'x = "\\xZZ"\n'],
    ['an unknown escape', 'x = "\\q"\n'],
  ])('declines %s, which the scanner reports', (_what, src) => {
    expect(scanPlain(new SourceFile(''), bytes(src))).toBeUndefined();
    expect(scanTokens('', bytes(src))).toBeUndefined();
  });
});
