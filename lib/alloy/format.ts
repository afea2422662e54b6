// `alloy fmt` in TypeScript: parse, print, append exactly one newline.
import { parseFile, diagnosticText, type Diagnostic } from './parser';
import { printFile } from './printer';

export interface FormatResult {
  /** Formatted text ending in one newline; empty when there were syntax errors. */
  output: string;
  errors: (Diagnostic & { text: string })[];
}

export function formatSource(src: string | Uint8Array, filename = ''): FormatResult {
  const { file, diagnostics } = parseFile(filename, src);
  if (diagnostics.length > 0) return { output: '', errors: diagnostics.map((d) => ({ ...d, text: diagnosticText(d) })) };
  return { output: printFile(file) + '\n', errors: [] };
}

/** Formats or throws with every syntax error as `file:line:col: message`. */
export function format(src: string, filename = ''): string {
  const res = formatSource(src, filename);
  if (res.errors.length > 0) throw new Error(res.errors.map((e) => e.text).join('\n'));
  return res.output;
}
