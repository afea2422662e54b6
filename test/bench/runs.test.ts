// `lgtm bench --runs N`: every topic runs N times, each in a new process, and each figure is
// printed as its median with the range of the runs; the median is what meets or misses the target.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fullCopy } from '../helpers/tmp-repo';

const copy = fullCopy();
afterAll(() => copy.cleanup());

beforeAll(() => {
  // A topic whose figure grows by 10 ms with each run (a counter file outlives its process), and one
  // figure it can never measure.
  mkdirSync(join(copy.root, 'bench'), { recursive: true });
  writeFileSync(
    join(copy.root, 'bench', 'counting.ts'),
    `import { existsSync, readFileSync, writeFileSync } from 'node:fs';
const file = new URL('./count', import.meta.url);
export async function bench() {
  const run = (existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0) + 1;
  writeFileSync(file, String(run));
  return [
    { name: 'counted', value: run * 10, unit: 'ms', target: '<= 25 ms' },
    { name: 'unmeasured', value: Number.NaN, unit: 'ms', target: '<= 25 ms' },
  ];
}
`,
  );
});

test('three runs: the median meets the target that one run missed; a figure never measured misses', () => {
  const r = copy.run(['bench', '--only', 'counting', '--runs', '3']);
  expect(r.stdout.split('\n')[0]).toBe('# counting');
  expect(r.stdout).toMatch(/^counted +20 ms +target <= 25 ms {2}\(10 to 30 over 3 runs\)$/m);
  expect(r.stdout).toMatch(/^unmeasured +NaN ms +target <= 25 ms {2}MISS$/m);
  expect(r.stderr).toContain('lgtm bench: 1 figure(s) missed their target');
  expect(r.status).toBe(1);
}, 120_000);

test('--runs takes a whole number', () => {
  const r = copy.run(['bench', '--runs', 'many']);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('--runs "many": give a whole number of runs, 1 or more');
});
