// A throwaway repository root with copies of the real environments, for CLI tests that write.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../render/cli';
import { copyProgram } from '../../bench/lib/fleet';
import type { Io } from '../../render/commands/types';

export const REPO = resolve(__dirname_of(import.meta.url), '../..');

function __dirname_of(url: string): string {
  return new URL('.', url).pathname;
}

/** Copies environments/ (sources and rendered output) into a temp folder. */
export function tempRepo(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'lgtm-test-'));
  cpSync(join(REPO, 'environments'), join(root, 'environments'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * A copy of everything `bin/lgtm.mjs` needs (sources, environments, the lockfile; node_modules
 * linked), for tests that run the CLI as a separate process: to kill it, break a source file, or
 * see what the process itself does on exit.
 */
export function fullCopy(): { root: string; run: (args: string[], env?: NodeJS.ProcessEnv) => SpawnSyncReturns<string>; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'lgtm-copy-'));
  copyProgram(REPO, root);
  cpSync(join(REPO, 'environments'), join(root, 'environments'), { recursive: true });
  return {
    root,
    run: (args, env = {}) => spawnSync(process.execPath, [join(root, 'bin/lgtm.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } }),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface RunResult {
  code: number;
  out: string;
  /** Standard error without the clone-dependent alloy-source warnings (those are in `warnings`). */
  err: string;
  warnings: string[];
}

export async function lgtm(root: string, ...argv: string[]): Promise<RunResult> {
  let out = '';
  let err = '';
  const io: Io = { root, out: (t) => (out += t), err: (t) => (err += t) };
  const code = await main(argv, io);
  // Warnings that depend on the clone (revisions it cannot verify) are not what these tests are about.
  const warnings = err.split('\n').filter((l) => / \(alloy-source\)$/.test(l) && l.startsWith('warning: '));
  for (const w of warnings) err = err.replace(`${w}\n`, '');
  return { code, out, err, warnings };
}

/** Every file under a folder with its bytes, to prove a failed render touched nothing. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(p.slice(dir.length), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return files;
}
