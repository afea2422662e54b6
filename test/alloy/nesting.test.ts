// Nesting past what any real configuration needs is one finding at the place it happens, never a
// stack overflow: brackets, blocks, unary and power chains.
import { formatSource } from '../../lib/alloy/format';
import { MAX_NESTING } from '../../lib/alloy/parser';

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
