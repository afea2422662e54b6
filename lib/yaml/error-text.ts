// One line from an error of the `yaml` library: its message ends in " at line L, column C:" and a
// multi-line excerpt, which read badly inside a finding that already names the file and line.
import type { YAMLError } from 'yaml';

/** `Missing closing "quote (column 1)`: the reason and the column, without yaml's excerpt. */
export function yamlErrorText(e: Pick<YAMLError, 'message' | 'linePos'>): string {
  const reason = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const col = e.linePos?.[0]?.col;
  return col === undefined ? reason : `${reason} (column ${col})`;
}
