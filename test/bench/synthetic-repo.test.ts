// The synthetic fleet of the render benchmark and the render cache tests must stay a valid
// repository: when it stopped rendering (two environments on one API server), `npm run bench`
// crashed instead of printing figures.
import { rmSync } from 'node:fs';
import { syntheticRepo } from '../../bench/render';
import { syntheticName } from '../../bench/lib/fleet';
import { environmentNames } from '../../lib/env/load';
import { renderAll } from '../../render/render';
import { REPO } from '../helpers/tmp-repo';

test('synthetic environments modelled on every environment of the repository render without an error', async () => {
  const count = Math.max(3, environmentNames(REPO).length);
  const root = syntheticRepo(count);
  try {
    const result = await renderAll(root);
    const names = Array.from({ length: count }, (_, i) => syntheticName(i));
    expect(result.environments.map((r) => r.env.name)).toEqual(names);
    // Each on its own API server, and not all in one namespace: the fleet varies.
    expect(new Set(result.environments.map((r) => r.env.cluster.server)).size).toBe(count);
    expect(new Set(result.environments.map((r) => r.env.namespace)).size).toBeGreaterThan(1);
    expect(result.warnings.filter((w) => !w.text.endsWith('(alloy-source)'))).toEqual([]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
