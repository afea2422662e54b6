// Finds and evaluates `environments/<env>/env.ts`, then checks the values. Errors name the file.
import { join } from 'node:path';
import { checkEnvironment } from './check';
import { unknownKeys } from './unknown-keys';
import { shapeProblems } from './shape';
import type { Environment } from './types';
import { EnvironmentError, selectEnvironments } from './names';
import { importModule } from './importer';

export { setModuleImporter } from './importer';

export { environmentNames, EnvironmentError, selectEnvironments } from './names';

/** Extra load-time checks contributed by other modules (storage, databases…). */
export type ExtraCheck = (env: Environment) => { path: string; message: string }[];

export async function loadEnvironment(root: string, name: string, extraChecks: ExtraCheck[] = []): Promise<Environment> {
  const file = `environments/${name}/env.ts`;
  let mod: { default?: unknown };
  try {
    mod = (await importModule(join(root, file))) as { default?: unknown };
  } catch (e) {
    throw new EnvironmentError(`${file}: failed to evaluate: ${(e as Error).message}`);
  }
  const env = mod.default as Environment | undefined;
  if (!env || typeof env !== 'object') {
    throw new EnvironmentError(`${file}: must \`export default defineEnvironment({...})\``);
  }
  const described = [...unknownKeys(env), ...checkEnvironment(env, name), ...extraChecks.flatMap((c) => c(env))];
  // The schema catches any shape the checks above do not describe in their own words.
  const problems = [...described, ...shapeProblems(env, described.map((p) => p.path))];
  if (problems.length > 0) {
    throw new EnvironmentError(problems.map((p) => `${file}: ${p.path}: ${p.message}`).join('\n'));
  }
  return env;
}

/** Loads the named environments (all when `only` is undefined); every problem of every one is reported. */
export async function loadEnvironments(root: string, only?: string[], extraChecks: ExtraCheck[] = []): Promise<Environment[]> {
  const envs: Environment[] = [];
  const errors: string[] = [];
  for (const name of selectEnvironments(root, only)) {
    try {
      envs.push(await loadEnvironment(root, name, extraChecks));
    } catch (e) {
      if (!(e instanceof EnvironmentError)) throw e;
      errors.push(e.message);
    }
  }
  if (errors.length > 0) throw new EnvironmentError(errors.join('\n'));
  return envs;
}
