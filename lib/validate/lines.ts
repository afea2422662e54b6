// Line numbers for findings, computed only when there is a finding: the file's YAML is parsed
// again with positions, the object's document found, and the object path followed to a node.
import { isMap as isYamlMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { KubeObject } from '../k8s/types';
import type { Path } from './types';

interface Parsed {
  docs: Document.Parsed[];
  lines: LineCounter;
}

function child(node: unknown, seg: string | number): { node: unknown; keyAt?: number } | undefined {
  if (isYamlMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(seg)) {
        return { node: pair.value, keyAt: pair.key.range?.[0] };
      }
    }
  } else if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    if (item !== undefined) return { node: item };
  }
  return undefined;
}

function scalarAt(node: unknown, seg: string): string | undefined {
  const c = child(node, seg);
  return c && isScalar(c.node) ? String(c.node.value) : undefined;
}

function sameObject(node: unknown, object: KubeObject): boolean {
  const meta = child(node, 'metadata')?.node;
  return scalarAt(node, 'kind') === object.kind && scalarAt(meta, 'name') === String(object.metadata?.name) && scalarAt(meta, 'namespace') === object.metadata?.namespace;
}

/** Finds the line of `path` in `object`, parsing each file text at most once per resolver. */
export function lineResolver(): (text: string, object: KubeObject, doc: number | undefined, path: Path, lineInValue?: number) => number | undefined {
  const cache = new Map<string, Parsed>();
  return (text, object, doc, path, lineInValue) => {
    let parsed = cache.get(text);
    if (!parsed) {
      const lines = new LineCounter();
      parsed = { docs: parseAllDocuments(text, { lineCounter: lines, version: '1.1', uniqueKeys: false }) as Document.Parsed[], lines };
      cache.set(text, parsed);
    }
    let root: unknown;
    if (doc !== undefined) root = parsed.docs[doc]?.contents;
    else {
      for (const d of parsed.docs) {
        const contents = d.contents;
        if (sameObject(contents, object)) root = contents;
        else {
          const items = child(contents, 'items')?.node;
          if (isSeq(items)) root = items.items.find((i) => sameObject(i, object));
        }
        if (root) break;
      }
      root ??= parsed.docs.length === 1 ? parsed.docs[0]!.contents : undefined;
    }
    if (!root) return undefined;
    let node: unknown = root;
    let at = (root as Node).range?.[0];
    for (const seg of path) {
      const c = child(node, seg);
      if (!c) break;
      node = c.node;
      at = c.keyAt ?? (c.node as Node | undefined)?.range?.[0] ?? at;
    }
    if (at === undefined) return undefined;
    const line = parsed.lines.linePos(at).line;
    if (lineInValue !== undefined && isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
      return line + 1 + lineInValue;
    }
    return line;
  };
}
