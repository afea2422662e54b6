// The pull-request summary of a rendered diff, as Markdown: per environment and application the
// objects added, changed and removed and the move in CPU and memory requests; the Argo CD
// Applications created or deleted; and the YAML diff, folded. No links: it must read the same in a
// job summary, a PR comment and a terminal.
import { parseAllDocuments } from 'yaml';
import type { Environment } from '../env/types';
import type { KubeObject } from '../k8s/types';
import { resourceSummary } from '../resources/summary';
import { pairObjects, semanticChanges, type Finding } from './semantic-changes';

export interface FileChange {
  path: string;
  status: 'added' | 'removed' | 'changed';
  before: string;
  after: string;
}

export interface AppChanges {
  created: { name: string; path: string }[];
  deleted: { name: string; path: string }[];
}

/** GitHub rejects comments over 65,536 characters; the folded diff is cut well before that. */
const MAX_DIFF_CHARS = 45_000;

/** Most consequential first: data loss, then what changes at the next sync. */
const TOPIC_ORDER: readonly Finding['topic'][] = ['Data retention', 'Collection scope', 'Volumes', 'Argo CD sync', 'RBAC and network policy', 'Images', 'Pods that restart'];

const MANIFEST = /^environments\/([^/]+)\/manifests\/([^/]+)\//;

function objectsOf(text: string): KubeObject[] {
  if (text === '') return [];
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject)
    .filter((o) => o && typeof o === 'object' && typeof o.kind === 'string');
}

function requests(env: Environment | undefined, objects: KubeObject[]): { cpu: number; memory: number } {
  const nodes = env ?? ({ cluster: { nodes: 1 } } as Environment);
  const total = resourceSummary(nodes, objects).at(-1)!;
  return total.requests;
}

const signed = (n: number, unit: string) => (n === 0 ? '0' : `${n > 0 ? '+' : '−'}${Math.abs(n)}${unit}`);

export function diffMarkdown(changes: FileChange[], patches: string[], envs: Environment[], apps: AppChanges | { error: string }, base: string): string {
  const groups = new Map<string, { env: string; app: string; added: number; changed: number; removed: number; before: KubeObject[]; after: KubeObject[] }>();
  const other: FileChange[] = [];
  const meaning: Finding[] = [];
  for (const c of changes) {
    const m = MANIFEST.exec(c.path);
    if (!m) {
      other.push(c);
      continue;
    }
    meaning.push(...semanticChanges(pairObjects(m[1]!, m[2]!, objectsOf(c.before), objectsOf(c.after))));
    const key = `${m[1]}/${m[2]}`;
    const g = groups.get(key) ?? { env: m[1]!, app: m[2]!, added: 0, changed: 0, removed: 0, before: [], after: [] };
    g[c.status]++;
    g.before.push(...objectsOf(c.before));
    g.after.push(...objectsOf(c.after));
    groups.set(key, g);
  }
  const lines: string[] = [`## Rendered changes against \`${base}\``, ''];
  if (meaning.length > 0) {
    lines.push('### What this changes', '');
    for (const topic of TOPIC_ORDER.filter((t) => meaning.some((f) => f.topic === t))) {
      lines.push(`**${topic}**`, '', ...meaning.filter((f) => f.topic === topic).map((f) => `- ${f.text}`), '');
    }
  }
  if (changes.length === 0) {
    lines.push('No generated file changes: this pull request does not change what any environment deploys.', '');
  } else {
    if (groups.size > 0) lines.push('| Environment | Application | Added | Changed | Removed | CPU requests | Memory requests |', '|---|---|---:|---:|---:|---:|---:|');
    for (const g of [...groups.values()].sort((a, b) => (`${a.env}/${a.app}` < `${b.env}/${b.app}` ? -1 : 1))) {
      const env = envs.find((e) => e.name === g.env);
      const before = requests(env, g.before);
      const after = requests(env, g.after);
      lines.push(`| ${g.env} | ${g.app} | ${g.added} | ${g.changed} | ${g.removed} | ${signed(after.cpu - before.cpu, 'm')} | ${signed(Math.round((after.memory - before.memory) / 2 ** 20), 'Mi')} |`);
    }
    lines.push('');
    if (other.length > 0) {
      lines.push(`Other generated files: ${other.map((c) => `\`${c.path}\` (${c.status})`).join(', ')}.`, '');
    }
  }
  lines.push('### Argo CD Applications', '');
  if ('error' in apps) {
    lines.push(`Could not compute the Applications: ${apps.error}`, '');
  } else if (apps.created.length === 0 && apps.deleted.length === 0) {
    lines.push('None created or deleted.', '');
  } else {
    for (const a of apps.created) lines.push(`- created \`${a.name}\` from \`${a.path}\``);
    for (const a of apps.deleted) {
      lines.push(`- **\`${a.name}\` loses its folder** (was \`${a.path}\`): Argo CD keeps the Application (create-update) but it can no longer sync; its objects keep running until it is deleted (docs/argocd.md, "Renaming or removing an app folder")`);
    }
    lines.push('');
  }
  if (patches.length > 0) {
    let body = patches.join('');
    let note = '';
    if (body.length > MAX_DIFF_CHARS) {
      body = body.slice(0, MAX_DIFF_CHARS);
      body = body.slice(0, body.lastIndexOf('\n') + 1);
      note = `\n(cut at ${MAX_DIFF_CHARS} characters; run \`lgtm diff --base ${base}\` for the rest)\n`;
    }
    // The fence must be longer than any backtick run inside (the environment READMEs hold ``` blocks).
    const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    lines.push(`<details><summary>YAML diff: ${changes.length} file(s)</summary>`, '', `${fence}diff`, body.trimEnd(), fence, note, '</details>', '');
  }
  return lines.join('\n');
}
