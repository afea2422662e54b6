// The contract between the render pipeline and the checks that run on what it produced: the
// pipeline (render/) hands every check the rendered environments, and each check, wherever it
// lives (lib/ or an app), answers with findings. Both sides import these types from here.
import type { Environment } from './env/types';
import type { KubeObject } from './k8s/types';
import type { GitReader } from './git/reader';

export interface RenderedObject {
  object: KubeObject;
  app: string;
  /** Where the object came from in its app's tree. */
  source: string;
  /** Repository-relative path of its file. */
  file: string;
  /** The file's content, header included. */
  text: string;
}

export interface RenderedEnvironment {
  env: Environment;
  objects: RenderedObject[];
  /** Files beside the manifests (the Alloy module, the environment README), by repo-relative path. */
  files: { path: string; content: string; app: string }[];
}

export interface CheckFinding {
  severity: 'error' | 'warning';
  /** One line: `file:line: object-path: message (check-id)`. */
  text: string;
  /**
   * Set by a check whose finding may hold in many environments alike (a dashboard query that no
   * source feeds): render reports it once, as `<label> (<env>, <env>): <text>`.
   */
  shared?: { label: string; environment: string };
}

/**
 * A check of one rendered environment that reads nothing else: its findings are a function of the
 * environment's inputs, so render keeps them with the environment's cache entry and does not run it
 * again until one of those inputs changes.
 */
export type EnvironmentCheck = (rendered: RenderedEnvironment) => CheckFinding[] | Promise<CheckFinding[]>;

/** What a fleet check sees of each environment: its values and the paths render produced for it. */
export interface FleetEnvironment {
  env: Environment;
  /** Repository-relative paths of every file rendered for the environment. */
  paths: string[];
}

/**
 * A check across environments, or of what lies outside them (the Git refs of the clone): it runs at
 * every render over every environment, cached or not. It asks the clone through `git`, the render's
 * reader, which answers each question once for all checks and the fleet record alike.
 */
export type FleetCheck = (root: string, environments: FleetEnvironment[], git: GitReader) => CheckFinding[] | Promise<CheckFinding[]>;

/**
 * Findings as the user reads them: shared findings with the same label and text become one line
 * naming every environment, in the order they came; all others pass unchanged.
 */
export function mergeShared(findings: readonly CheckFinding[]): CheckFinding[] {
  // Each slot is a finding as it is, or the key of a merged one that takes its first place.
  const slots: (CheckFinding | string)[] = [];
  const merged = new Map<string, { severity: CheckFinding['severity']; label: string; text: string; environments: string[] }>();
  for (const f of findings) {
    if (!f.shared) {
      slots.push(f);
      continue;
    }
    const key = `${f.severity}\0${f.shared.label}\0${f.text}`;
    const seen = merged.get(key);
    if (seen) {
      if (!seen.environments.includes(f.shared.environment)) seen.environments.push(f.shared.environment);
      continue;
    }
    merged.set(key, { severity: f.severity, label: f.shared.label, text: f.text, environments: [f.shared.environment] });
    slots.push(key);
  }
  return slots.map((slot) => {
    if (typeof slot !== 'string') return slot;
    const m = merged.get(slot)!;
    return { severity: m.severity, text: `${m.label} (${m.environments.join(', ')}): ${m.text}` };
  });
}
