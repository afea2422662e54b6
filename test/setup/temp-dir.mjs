// Every test run gets its own temporary folder (TMPDIR, which os.tmpdir() and every child process
// read), and the run fails if a test left anything in it: a test that creates a folder removes it.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Caches of tools the tests start, not files a test created.
const TOOL_CACHES = /^(tsx-\d+|jest_\w+|v8-compile-cache.*|node-compile-cache)$/;

export async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'lgtm-jest-'));
  process.env.LGTM_JEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
}

export async function teardown() {
  const dir = process.env.LGTM_JEST_TMPDIR;
  if (!dir) return;
  const left = readdirSync(dir).filter((name) => !TOOL_CACHES.test(name));
  rmSync(dir, { recursive: true, force: true });
  if (left.length) throw new Error(`tests left ${left.length} temporary file(s) behind: ${left.sort().join(', ')}; remove them in a finally or afterEach`);
}
