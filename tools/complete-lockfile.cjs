// The npm registry mirror these machines use serves only the linux-x64 builds of packages with
// per-platform binaries (@swc/core-*, @unrs/resolver-binding-*, …), so `npm install` writes a lock
// without entries for the other platforms, and `npm ci` then rejects that lock as out of sync.
// This adds an optional entry for every such package, pinned to the version its parent asks for:
// `npm ci` skips the ones it cannot fetch here and installs the right one on macOS or Windows.
// Run it after every `npm install`: `npm run lockfile`.
const fs = require('node:fs');

const file = 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${path === '' ? '' : `${path}/`}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range)) {
      throw new Error(`${name}@${range} (wanted by ${path || 'the root'}) is not an exact version; pin it before completing the lock`);
    }
    packages[`node_modules/${name}`] = { version: range, optional: true };
    added++;
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
