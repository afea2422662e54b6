// Reads manifests from files and folders (YAML or JSON, multi-document, `List` kinds) the way
// kubectl and Argo CD do (YAML 1.1), with duplicate keys and syntax errors reported by line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { yamlErrorText } from '../yaml/error-text';
import { extname, join, relative, resolve, sep } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { KubeObject } from '../k8s/types';
import type { Finding, SourcedObject } from './types';

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface Loaded {
  objects: SourcedObject[];
  /** Files that do not parse, duplicate keys. */
  findings: Finding[];
  files: string[];
}

function yamlError(file: string, line: number | undefined, message: string): Finding {
  return { severity: 'error', check: 'yaml', file, ...(line !== undefined ? { line } : {}), path: '', object: '', message };
}

/** Parses one file's text into sourced objects; `file` is the repo-relative name used in findings. */
export function parseManifests(file: string, text: string): Loaded {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, version: extname(file) === '.json' ? '1.2' : '1.1', uniqueKeys: true });
  const objects: SourcedObject[] = [];
  const findings: Finding[] = [];
  docs.forEach((doc, i) => {
    for (const e of doc.errors) {
      const line = lines.linePos(e.pos[0]).line;
      const key = e.code === 'DUPLICATE_KEY' ? (/^("[^"]*"|'[^']*'|[^:\n]+?)\s*:/.exec(text.slice(e.pos[0]))?.[1] ?? '') : '';
      const message =
        e.code === 'DUPLICATE_KEY'
          ? `duplicate key${key ? ` "${key}"` : ''}: YAML maps must have unique keys (kubectl rejects the file); remove one`
          : `${yamlErrorText(e)}; fix the YAML syntax`;
      findings.push(yamlError(file, line, message));
    }
    if (doc.errors.length > 0 || doc.contents === null) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // An alias bomb, or an alias to an anchor of another document (each document stands alone).
      const line = doc.contents.range ? lines.linePos(doc.contents.range[0]).line : 1;
      const why = /Excessive alias count/.test((e as Error).message)
        ? 'its aliases expand beyond 100 references (a YAML alias bomb); write the values out'
        : `${(e as Error).message.split('\n')[0]}; an alias must point to an anchor earlier in the same document`;
      findings.push(yamlError(file, line, why));
      return;
    }
    if (value === null || value === undefined) return;
    const v = value as { kind?: unknown; items?: unknown };
    if (typeof v === 'object' && typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
      for (const item of v.items) objects.push({ object: item as KubeObject, file, text });
    } else {
      objects.push({ object: value as KubeObject, file, text, doc: i });
    }
  });
  return { objects, findings, files: [file] };
}

function collect(path: string, out: string[]): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const entry of readdirSync(path).sort()) {
      if (entry.startsWith('.') || entry === 'node_modules') continue;
      const child = join(path, entry);
      if (statSync(child).isDirectory() || EXTENSIONS.has(extname(entry))) collect(child, out);
    }
  } else out.push(path);
}

/** Loads every manifest under the given files or folders; names are relative to `root`. */
export function loadManifests(root: string, paths: readonly string[]): Loaded {
  const files: string[] = [];
  for (const p of paths) collect(resolve(root, p), files);
  const out: Loaded = { objects: [], findings: [], files: [] };
  for (const abs of files) {
    const name = relative(root, abs).split(sep).join('/');
    const loaded = parseManifests(name, readFileSync(abs, 'utf8'));
    out.objects.push(...loaded.objects);
    out.findings.push(...loaded.findings);
    out.files.push(name);
  }
  return out;
}
