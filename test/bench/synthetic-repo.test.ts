// The render benchmark's synthetic fleet must stay a valid repository: when it stopped rendering
// (two environments on one API server), `npm run bench` crashed instead of printing figures.
import { rmSync } from 'node:fs';
import { syntheticRepo } from '../../bench/render';
import { renderAll } from '../../render/render';

test('three synthetic copies of dev render without a finding', async () => {
  const root = syntheticRepo(3);
  try {
    const result = await renderAll(root);
    expect([...result.files.keys()].filter((p) => p.endsWith('/README.md')).sort()).toEqual([
      'environments/synthetic-000/README.md',
      'environments/synthetic-001/README.md',
      'environments/synthetic-002/README.md',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
