// A plain model of what lib/alloy/tabwriter.ts does, written as directly as Go's text/tabwriter (Write,
// format, writeLines, writePadding) and Alloy's trimmer are, on strings: slow and obviously right, for
// holding the optimized writer to it. Settings as Alloy's printer uses them: minwidth 0, tabwidth 8,
// padding 1, padchar ' ', DiscardEmptyColumns | TabIndent; escaped text is bracketed by ESC (counted as
// no width, passed through), and the trimmer drops the escapes and trailing blanks and tabs of each line.

export const ESC = '\u0000';

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

/** The aligned, trimmed text of `input`, where `\t \v \n \f` outside escapes end cells. */
export function tabwriterReference(input: string): string {
  let lines: Cell[][] = [[]];
  let cell = '';
  let width = 0;
  let escaped = false;
  let out = '';
  const widths: number[] = [];

  const endCell = (htab: boolean): number => {
    lines[lines.length - 1]!.push({ text: cell, width, htab });
    cell = '';
    width = 0;
    return lines[lines.length - 1]!.length;
  };
  const padding = (textw: number, cellw: number, useTabs: boolean): string => {
    if (useTabs) {
      const stop = Math.ceil(cellw / 8) * 8;
      return '\t'.repeat(Math.ceil((stop - textw) / 8));
    }
    return ' '.repeat(cellw - textw);
  };
  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i]!;
      let useTabs = true;
      line.forEach((c, j) => {
        if (c.text === '') {
          if (j < widths.length) out += padding(c.width, widths[j]!, useTabs);
        } else {
          useTabs = false;
          out += c.text;
          if (j < widths.length) out += padding(c.width, widths[j]!, false);
        }
      });
      if (i + 1 < lines.length) out += '\n';
    }
  };
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur]!.length - 1) continue;
      writeLines(line0, cur);
      line0 = cur;
      let w = 0;
      let discardable = true;
      for (; cur < line1; cur++) {
        const line = lines[cur]!;
        if (column >= line.length - 1) break;
        const c = line[column]!;
        w = Math.max(w, c.width + 1);
        if (c.width > 0 || c.htab) discardable = false;
      }
      widths.push(discardable ? 0 : w);
      format(line0, cur);
      widths.pop();
      line0 = cur;
    }
    writeLines(line0, line1);
  };
  const flush = (): void => {
    if (cell !== '') endCell(false);
    format(0, lines.length);
    lines = [[]];
  };

  for (const ch of input) {
    if (ch === ESC) {
      escaped = !escaped;
      cell += ch;
      continue;
    }
    if (escaped || !'\t\v\n\f'.includes(ch)) {
      cell += ch;
      width++;
      continue;
    }
    const cells = endCell(ch === '\t');
    if (ch === '\n' || ch === '\f') {
      lines.push([]);
      if (ch === '\f' || cells === 1) flush();
    }
  }
  flush();
  return trim(out);
}

/** Alloy's trimmer: escapes dropped, and the blanks and tabs before a line break or the end. */
function trim(s: string): string {
  let out = '';
  let pending = '';
  let escaped = false;
  for (const ch of s) {
    if (ch === ESC) {
      escaped = !escaped;
      continue;
    }
    if (!escaped && (ch === ' ' || ch === '\t')) {
      pending += ch;
      continue;
    }
    if (!escaped && ch === '\n') pending = '';
    out += pending + ch;
    pending = '';
  }
  return out;
}
