// What `collect` means: which namespaces Alloy collects pod metrics and logs from.
import type { Environment } from './types';

/** Whether pods of `namespace` are collected (the stack's own always are). */
export function isCollected(env: Environment, namespace: string): boolean {
  if (namespace === env.namespace) return true;
  const { namespaces, exclude } = env.collect;
  return namespaces === 'all' ? !exclude.includes(namespace) : namespaces.includes(namespace);
}

/** An explicit list with the stack namespace added, once. */
function listed(env: Environment, namespaces: readonly string[]): string[] {
  return [...new Set([...namespaces, env.namespace])];
}

/** The namespaces discovery watches: [] means every namespace (Prometheus' Kubernetes SD). */
export function discoveryNamespaces(env: Environment): string[] {
  const { namespaces } = env.collect;
  return namespaces === 'all' ? [] : listed(env, namespaces);
}

/** The namespaces dropped after discovery: exclusions apply only when every namespace is watched. */
export function discoveryExclusions(env: Environment): string[] {
  const { namespaces, exclude } = env.collect;
  return namespaces === 'all' ? exclude : [];
}

/** One line for reports and the PR summary: `every namespace except kube-system` or a list. */
export function collectionScope(env: Environment): string {
  const { namespaces, exclude } = env.collect;
  const list = (xs: readonly string[]) => xs.map((n) => `\`${n}\``).join(', ');
  if (namespaces === 'all') return exclude.length ? `every namespace except ${list(exclude)}` : 'every namespace';
  return list(listed(env, namespaces));
}

/**
 * Annotation carrying the collection scope on the collector's workload (object metadata, not the
 * pod template: a change restarts nothing), so the PR summary can say which namespaces a change
 * stops collecting from.
 */
export const COLLECT_SCOPE_ANNOTATION = 'observability.talent-mesh.io/collect-scope';

/** The scope as the annotation stores it: `all` or `all-except:a,b`, or `only:a,b` (sorted). */
export function collectScopeAnnotation(env: Environment): string {
  const { namespaces, exclude } = env.collect;
  if (namespaces === 'all') return exclude.length ? `all-except:${[...exclude].sort().join(',')}` : 'all';
  return `only:${listed(env, namespaces).sort().join(',')}`;
}

type Scope = { all: true; except: Set<string> } | { all: false; only: Set<string> };

function parseScope(text: string): Scope | undefined {
  const list = (s: string) => new Set(s.split(',').filter(Boolean));
  if (text === 'all') return { all: true, except: new Set() };
  if (text.startsWith('all-except:')) return { all: true, except: list(text.slice('all-except:'.length)) };
  if (text.startsWith('only:')) return { all: false, only: list(text.slice('only:'.length)) };
  return undefined;
}

/**
 * What a scope change means in words, or undefined when nothing changed. Narrowing is what a
 * reviewer must see: those namespaces' metrics and logs stop arriving.
 */
export function describeScopeChange(before: string, after: string): string | undefined {
  if (before === after) return undefined;
  const a = parseScope(before);
  const b = parseScope(after);
  if (!a || !b) return `collection scope ${before} → ${after}`;
  const names = (xs: Iterable<string>) => [...xs].sort().map((n) => `\`${n}\``).join(', ');
  const minus = (x: Set<string>, y: Set<string>) => [...x].filter((n) => !y.has(n));
  // Same kind of scope on both sides: what stopped and what started is a set difference.
  const diff = a.all && b.all ? { stopped: minus(b.except, a.except), started: minus(a.except, b.except) }
    : !a.all && !b.all ? { stopped: minus(a.only, b.only), started: minus(b.only, a.only) }
    : undefined;
  if (diff) {
    // Empty when only the spelling changed (order, the stack namespace written out).
    return [
      diff.stopped.length ? `**stops collecting from ${names(diff.stopped)}**` : '',
      diff.started.length ? `starts collecting from ${names(diff.started)}` : '',
    ].filter(Boolean).join('; ') || undefined;
  }
  if (a.all && !b.all) return `**stops collecting from every namespace except ${names(b.only)}**`;
  const except = b.all ? b.except : new Set<string>();
  return `starts collecting from every namespace${except.size ? ` except ${names(except)}` : ''}`;
}
