// Alloy token arrays as plain data, for comparing two scans with toEqual.
import type { Tokens } from '../../lib/alloy/tokens';
import { T } from '../../lib/alloy/token';

/** Kinds, spans and lines up to EOF, the comment groups, and the line table the scan filled in. */
export function tokenData(t: Tokens): unknown {
  const n = t.kinds.indexOf(T.EOF) + 1;
  const lines = Array.from({ length: t.file.lineCount }, (_, i) => t.file.lineStart(i + 1));
  return { kinds: Array.from(t.kinds.subarray(0, n)), spans: Array.from(t.spans.subarray(0, 2 * n)), tokenLines: Array.from(t.lines.subarray(0, n)), comments: t.comments, lines };
}
