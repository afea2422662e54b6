#!/usr/bin/env node
// Entry point of the `lgtm` CLI: registers tsx so the TypeScript sources run as they are.
import { register } from 'tsx/esm/api';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

register();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { main, processIo } = await import('../render/cli.ts');
process.exitCode = await main(process.argv.slice(2), processIo(root));
