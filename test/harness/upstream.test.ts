import { images, harnessModules } from '../../lib/versions';
import { wrapperGoMod } from '../../harness/upstream/build';
import { allPrograms, harnessPrograms, imagePrograms, programForImage, type BuildablePlan } from '../../harness/upstream/programs';

describe('the programs the local cluster builds', () => {
  test('every image the repository pins has a row: built, or blocked with a reason', () => {
    const rows = imagePrograms();
    for (const name of Object.keys(images)) {
      const row = rows[name as keyof typeof images];
      expect(row).toBeDefined();
      if (row.kind === 'blocked') expect(row.why.length).toBeGreaterThan(20);
    }
  });

  test('versions come from lib/versions.ts: a tag bump changes what is built', () => {
    const push = imagePrograms().pushgateway as BuildablePlan;
    expect(push.version).toBe(images.pushgateway.tag);
    expect(harnessPrograms()['kube-apiserver'].version).toBe(harnessModules['kube-apiserver'].version);
    expect(programForImage(`${images.pushgateway.repository}:${images.pushgateway.tag}`)?.name).toBe('pushgateway');
    expect(programForImage(`${images.pushgateway.repository}:v0.0.1`)).toBeUndefined();
  });

  test('program names are unique (they key the cache)', () => {
    const names = allPrograms().map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('the wrapper module', () => {
  const kube = harnessPrograms()['kube-apiserver'];
  const upstream = {
    Go: '1.24.0',
    Replace: [
      { Old: { Path: 'k8s.io/api' }, New: { Path: './staging/src/k8s.io/api' } },
      { Old: { Path: 'example.com/guarded' }, New: { Path: './FORBIDDEN_DEPENDENCY' } },
      { Old: { Path: 'gopkg.in/yaml.v2' }, New: { Path: 'github.com/rfratto/go-yaml', Version: 'v0.0.0-1' } },
    ],
    Exclude: [{ Path: 'k8s.io/client-go', Version: 'v12.0.0+incompatible' }],
  };
  const mod = wrapperGoMod(kube, upstream);

  test('requires upstream at the pinned version and keeps its go directive', () => {
    expect(mod).toContain(`require k8s.io/kubernetes ${kube.version}`);
    expect(mod).toContain('go 1.24.0');
  });

  test('repeats remote replaces and excludes, which go install would ignore', () => {
    expect(mod).toContain('\tgopkg.in/yaml.v2 => github.com/rfratto/go-yaml v0.0.0-1');
    expect(mod).toContain('\tk8s.io/client-go v12.0.0+incompatible');
  });

  test('turns a local sibling replace into the published module and drops guards nothing requires', () => {
    expect(mod).toMatch(/\tk8s\.io\/api => k8s\.io\/api v0\.33\.\d+/);
    expect(mod).not.toContain('guarded');
  });

  test('adds the substitutes a plan declares for versions the proxy refuses', () => {
    const plan: BuildablePlan = { ...kube, substitutes: [{ from: 'example.com/a@v0.1.0-0.2026-abc', to: 'example.com/a@v0.2.0', why: 'test' }] };
    expect(wrapperGoMod(plan, upstream)).toContain('\texample.com/a v0.1.0-0.2026-abc => example.com/a v0.2.0');
  });
});

test('Renovate finds every Go module version in lib/versions.ts, so a bump changes what the harness builds', async () => {
  const { readFileSync } = await import('node:fs');
  const config = JSON.parse(readFileSync(new URL('../../renovate.json', import.meta.url), 'utf8')) as { customManagers: { datasourceTemplate: string; matchStrings: string[] }[] };
  const go = config.customManagers.find((m) => m.datasourceTemplate === 'go')!;
  const text = readFileSync(new URL('../../lib/versions.ts', import.meta.url), 'utf8');
  const found = [...text.matchAll(new RegExp(go.matchStrings[0]!, 'g'))].map((m) => `${m.groups!.depName}@${m.groups!.currentValue}`);
  const { argoCdModule } = await import('../../lib/versions');
  expect(found.sort()).toEqual([...Object.values(harnessModules), argoCdModule].map((m) => `${m.module}@${m.version}`).sort());
});
