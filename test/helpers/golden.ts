// Golden-file comparison: `UPDATE_GOLDEN=1 npm test -- <pattern>` rewrites the files, a normal run
// compares against them. A missing golden file fails (never silently created) unless updating.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Jest runs from the repository root (rootDir).
const ROOT = join(process.cwd(), 'test', 'golden');

export function expectGolden(relativePath: string, actual: string): void {
  const file = join(ROOT, relativePath);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`test/golden/${relativePath} does not exist; run UPDATE_GOLDEN=1 npm test -- <this test> and review the new file`);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
