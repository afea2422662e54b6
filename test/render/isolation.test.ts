// Environments are isolated: what one env.ts does to the values it got from the defaults never
// reaches another environment or the defaults themselves.
import { defaults, defineEnvironment } from '../../environments/defaults';

test('changing a list taken from the defaults changes only that environment', () => {
  const before = JSON.stringify(defaults);
  const a = defineEnvironment({ name: 'a', cluster: { name: 'a' } });
  a.ownedNamespaces.push('extra');
  a.collect.exclude.push('noisy');
  a.sizes.alloy.resources.requests.cpu = '9';
  const b = defineEnvironment({ name: 'b', cluster: { name: 'b' } });
  expect(b.ownedNamespaces).not.toContain('extra');
  expect(b.collect.exclude).not.toContain('noisy');
  expect(b.sizes.alloy.resources.requests.cpu).not.toBe('9');
  expect(JSON.stringify(defaults)).toBe(before);
});

test('every environment renders the same alone as with the others', async () => {
  const { renderAll } = await import('../../render/render');
  const { environmentNames } = await import('../../lib/env/load');
  const root = new URL('../..', import.meta.url).pathname;
  const all = await renderAll(root);
  for (const name of environmentNames(root)) {
    const alone = await renderAll(root, { envs: [name] });
    const mine = (files: Map<string, string>) => [...files].filter(([path]) => path.startsWith(`environments/${name}/`));
    expect(mine(alone.files)).toEqual(mine(all.files));
  }
});
