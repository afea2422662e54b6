// The floors of the house: lib/ is generic building blocks and knows no app and not the render
// pipeline; apps/ build on lib/; render/ and harness/ on both. No module imports itself back
// through others (type imports included: a circle of types is still a knot for the reader).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { circles } from '../../lib/graph/scc';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const FLOORS = ['lib', 'apps', 'render', 'harness'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\b[^'"]*?\bfrom\s+'(\.{1,2}\/[^']+)'|\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/gm;

/** Relative imports of a file, resolved to files. */
function importsOf(file: string): string[] {
  const out: string[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const target = resolve(dirname(file), m[1] ?? m[2]!);
    const hit = [`${target}.ts`, join(target, 'index.ts'), target].find((c) => existsSync(c) && statSync(c).isFile());
    if (hit) out.push(hit);
  }
  return out;
}

const files = FLOORS.flatMap((f) => sources(join(ROOT, f)));
const graph = new Map(files.map((f) => [f, importsOf(f)]));

test('no file under lib/ imports from apps/, render/ or harness/', () => {
  const wrong = files
    .filter((f) => relative(ROOT, f).startsWith('lib/'))
    .flatMap((f) => graph.get(f)!.filter((t) => !relative(ROOT, t).startsWith('lib/')).map((t) => `${relative(ROOT, f)} imports ${relative(ROOT, t)}`));
  expect(wrong).toEqual([]);
});

test('no import circles', () => {
  const found = circles(graph).map((c) => c.map((f) => relative(ROOT, f)).sort());
  expect(found).toEqual([]);
});
