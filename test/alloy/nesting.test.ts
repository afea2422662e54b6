// Nesting past what any real configuration needs is one finding at the place it happens, never a
// stack overflow: brackets, blocks, unary and power chains.
import { formatSource } from '../../lib/alloy/format';
import { MAX_NESTING, parseFile } from '../../lib/alloy/parser';
import { reformat } from '../../lib/alloy/reformat';
import { printFile } from '../../lib/alloy/walker';

test.each([
  ['arrays', `a = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
  ['blocks', `${'b {\n'.repeat(5_000)}${'}\n'.repeat(5_000)}`],
  ['unary operators', `a = ${'!'.repeat(10_000)}true\n`],
  ['a power chain', `a = ${Array(10_000).fill('2').join(' ^ ')}\n`],
])('%s nested ten thousand deep', (_what, src) => {
  const res = formatSource(src, 'deep.alloy');
  expect(res.errors[0]!.text).toMatch(new RegExp(`^deep\\.alloy:\\d+:\\d+: nesting deeper than ${MAX_NESTING} levels`));
});

test('nesting within the limit formats as before', () => {
  const depth = 50;
  const src = `a = ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
  expect(formatSource(src, 'ok.alloy')).toMatchObject({ errors: [], output: src });
});

// formatSource prints well-formed text from its tokens (reformat.ts), which counts nesting as the parser
// does: at the limit both print, one level past it the token path declines and the parser reports.
describe('the token path at the nesting limit', () => {
  // Each source nests `n` levels as the parser counts them (the file's body is the first).
  const cases: [string, (n: number) => string][] = [
    ['arrays', (n) => `a = ${'['.repeat(n - 1)}1${']'.repeat(n - 1)}\n`],
    ['blocks', (n) => `${'b {\n'.repeat(n - 1)}x = 1\n${'}\n'.repeat(n - 1)}`],
    ['unary operators', (n) => `a = ${'-'.repeat(n - 1)}1\n`],
    ['unary operators between binary ones', (n) => `a = ${Array(3).fill(`${'-'.repeat(n - 1)}1`).join(' + ')}\n`],
    ['a power chain', (n) => `a = ${Array(n).fill('2').join(' ^ ')}\n`],
    ['power chains between other operators', (n) => `a = ${Array(3).fill(Array(n).fill('2').join(' ^ ')).join(' * ')}\n`],
    ['unary operators in a power chain', (n) => `a = ${Array(n - 1).fill('-2').join(' ^ ')}\n`],
  ];

  it.each(cases)('%s', (_what, nested) => {
    for (const levels of [MAX_NESTING - 2, MAX_NESTING - 1, MAX_NESTING, MAX_NESTING + 1]) {
      const src = new TextEncoder().encode(nested(levels));
      const parsed = parseFile('deep.alloy', src);
      const fast = reformat('deep.alloy', src);
      if (parsed.diagnostics.length > 0) expect(fast).toBeUndefined();
      else expect(fast).toBe(printFile(parsed.file));
    }
  });

  it.each(cases)('%s: the cases above straddle the limit', (_what, nested) => {
    expect(parseFile('', nested(MAX_NESTING - 1)).diagnostics).toEqual([]);
    expect(parseFile('', nested(MAX_NESTING)).diagnostics[0]?.message).toMatch(/^nesting deeper than/);
  });
});
