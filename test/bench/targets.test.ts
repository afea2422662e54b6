// Every bench target is a bound that is checked: a figure past it is a miss, and a target that
// states no bound is refused instead of being printed and ignored.
import { BenchTargetError, combineRuns, misses } from '../../render/commands/bench';

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


describe('figures over several runs (lgtm bench --runs N)', () => {
  const run = (...figures: [string, number][]) => figures.map(([name, value]) => ({ name, value, unit: 'ms', target: '<= 100 ms' }));

  test("each figure's median, with the range of its runs, in the order of the first run", () => {
    const combined = combineRuns([run(['cold', 120], ['warm', 10]), run(['cold', 90], ['warm', 30]), run(['cold', 95], ['warm', 20])]);
    expect(combined.map(({ name, value, min, max, runs }) => ({ name, value, min, max, runs }))).toEqual([
      { name: 'cold', value: 95, min: 90, max: 120, runs: 3 },
      { name: 'warm', value: 20, min: 10, max: 30, runs: 3 },
    ]);
    // The median meets the target although one run missed it.
    expect(misses(combined[0]!)).toBe(false);
  });

  test('a name a topic prints more than once (one per fleet size) stays one figure per place', () => {
    const combined = combineRuns([run(['size', 1], ['peak', 100], ['size', 2], ['peak', 300]), run(['size', 1], ['peak', 120], ['size', 2], ['peak', 340])]);
    expect(combined.map((f) => [f.name, f.value])).toEqual([['size', 1], ['peak', 110], ['size', 2], ['peak', 320]]);
  });

  test('an even number of runs takes the mean of the middle two', () => {
    expect(combineRuns([run(['x', 10]), run(['x', 40]), run(['x', 20]), run(['x', 30])])[0]!.value).toBe(25);
  });

  test('a run that could not measure a figure is left out of it; no measurement at all is a miss', () => {
    const [some, none] = combineRuns([run(['some', Number.NaN], ['none', Number.NaN]), run(['some', 50], ['none', Number.NaN])]);
    expect(some).toMatchObject({ value: 50, runs: 1 });
    expect(none!.value).toBeNaN();
    expect(misses(none!)).toBe(true);
  });
});
