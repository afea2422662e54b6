// Every bench target is a bound that is checked: a figure past it is a miss, and a target that
// states no bound is refused instead of being printed and ignored.
import { BenchTargetError, misses } from '../../render/commands/bench';

const fig = (value: number, target?: string) => ({ name: 'figure', value, unit: 'ms', target });

test.each([
  [400, '<= 500 ms', false],
  [500, '<= 500 ms', false],
  [501, '<= 500 ms', true],
  [100, '< 100 ms', true],
  [59.9, '>= 60 MB/s', true],
  [60, '>= 60 MB/s', false],
  [149_999, '>= 150000 objects/s', true],
  [Number.NaN, '<= 2000 ms', true],
  [1e9, undefined, false],
] as const)('%s against %s: miss is %s', (value, target, miss) => {
  expect(misses(fig(value, target))).toBe(miss);
});

test('a target that is not a bound is a bench bug, named', () => {
  expect(() => misses(fig(1, 'a build'))).toThrow(BenchTargetError);
  expect(() => misses(fig(1, 'a build'))).toThrow('bench figure "figure": target "a build" is not a bound such as "<= 500 ms" or ">= 60 MB/s"');
});

