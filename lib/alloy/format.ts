// `alloy fmt` in TypeScript: print, append exactly one newline.
import { parseFile, diagnosticText, type Diagnostic } from './parser';
import { reformat } from './reformat';
import { printFile } from './walker';

export interface FormatResult {
  /** Formatted text ending in one newline; empty when there were syntax errors. */
  output: string;
  errors: (Diagnostic & { text: string })[];
}

const encoder = new TextEncoder();

export function formatSource(src: string | Uint8Array, filename = ''): FormatResult {
  const bytes = typeof src === 'string' ? encoder.encode(src) : src;
  // Well-formed input is printed straight from its tokens; the parser reports what is not.
  const fast = reformat(filename, bytes);
  if (fast !== undefined) return { output: fast + '\n', errors: [] };
  const { file, diagnostics } = parseFile(filename, bytes);
  if (diagnostics.length > 0) return { output: '', errors: diagnostics.map((d) => ({ ...d, text: diagnosticText(d) })) };
  return { output: printFile(file) + '\n', errors: [] };
}

/** Formats or throws with every syntax error as `file:line:col: message`. */
export function format(src: string, filename = ''): string {
  const res = formatSource(src, filename);
  if (res.errors.length > 0) throw new Error(res.errors.map((e) => e.text).join('\n'));
  return res.output;
}
