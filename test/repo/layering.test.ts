// The floors of the house: lib/ is generic building blocks and knows no app and not the render
// pipeline; apps/ build on lib/; render/ and harness/ on both. No module imports itself back
// through others (type imports included: a circle of types is still a knot for the reader).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

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
  // Tarjan's strongly connected components: any component of two or more files is a circle.
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const circles: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(relative(ROOT, w));
      } while (w !== v);
      if (c.length > 1) circles.push(c.sort());
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  expect(circles).toEqual([]);
});
