// Elastic tabstops as Go's text/tabwriter does them, configured the way Alloy's printer uses it:
// minwidth 0, tabwidth 8, padding 1, padchar ' ', DiscardEmptyColumns | TabIndent.
// Port of the algorithm in Go's src/text/tabwriter (BSD-style licence, The Go Authors).

/** Marks text the tabwriter must not interpret (Go uses 0xFF; NUL cannot occur in valid Alloy input). */
export const ESCAPE = '\u0000';
const ESC = 0;
const TAB_WIDTH = 8;
const PADDING = 1;

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
}

export function tabwrite(input: string): string {
  const out: string[] = [];
  let lines: Cell[][] = [[]];
  let widths: number[] = [];
  let cellText = '';
  let cellWidth = 0;
  let pending = ''; // text appended to the cell but not yet counted in its width

  const updateWidth = (): void => {
    cellWidth += runeCount(pending);
    cellText += pending;
    pending = '';
  };
  const terminateCell = (htab: boolean): number => {
    const line = lines[lines.length - 1]!;
    line.push({ text: cellText + pending, width: cellWidth, htab });
    cellText = '';
    cellWidth = 0;
    pending = '';
    return line.length;
  };

  const writePadding = (textw: number, cellw: number, useTabs: boolean): void => {
    if (useTabs) {
      cellw = Math.ceil(cellw / TAB_WIDTH) * TAB_WIDTH;
      const n = cellw - textw;
      out.push('\t'.repeat(Math.ceil(n / TAB_WIDTH)));
      return;
    }
    if (cellw > textw) out.push(' '.repeat(cellw - textw));
  };

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i]!;
      let useTabs = true;
      for (let j = 0; j < line.length; j++) {
        const c = line[j]!;
        if (c.text.length === 0) {
          if (j < widths.length) writePadding(c.width, widths[j]!, useTabs);
        } else {
          useTabs = false;
          out.push(c.text);
          if (j < widths.length) writePadding(c.width, widths[j]!, false);
        }
      }
      if (i + 1 === lines.length) out.push(cellText + pending);
      else out.push('\n');
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur]!.length - 1) continue;
      writeLines(line0, cur);
      line0 = cur;
      let width = 0;
      let discardable = true;
      for (; cur < line1; cur++) {
        const line = lines[cur]!;
        if (column >= line.length - 1) break;
        const c = line[column]!;
        const w = c.width + PADDING;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable) width = 0;
      widths.push(width);
      format(line0, cur);
      widths.pop();
      line0 = cur;
    }
    writeLines(line0, line1);
  };

  const flush = (): void => {
    format(0, lines.length);
    lines = [[]];
    widths = [];
    cellText = '';
    cellWidth = 0;
    pending = '';
  };

  let inEscape = false;
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    if (!inEscape) {
      if (ch === 0x09 || ch === 0x0b || ch === 0x0a || ch === 0x0c) {
        pending += input.slice(n, i);
        updateWidth();
        n = i + 1;
        const ncells = terminateCell(ch === 0x09);
        if (ch === 0x0a || ch === 0x0c) {
          lines.push([]);
          if (ch === 0x0c || ncells === 1) flush();
        }
      } else if (ch === ESC) {
        pending += input.slice(n, i);
        updateWidth();
        n = i;
        inEscape = true;
      }
    } else if (ch === ESC) {
      pending += input.slice(n, i + 1);
      n = i + 1;
      updateWidth();
      cellWidth -= 2; // the escape markers take no room
      inEscape = false;
    }
  }
  pending += input.slice(n);
  if (cellText.length + pending.length > 0) {
    if (inEscape) {
      updateWidth();
      cellWidth -= 2;
    }
    terminateCell(false);
  }
  flush();
  return out.join('');
}

/**
 * Strips spaces and tabs before line ends and at the end, turns \f into \n and \v into \t, and removes the
 * escape markers while passing escaped text through untouched (Alloy's printer/trimmer.go).
 */
export function trim(input: string): string {
  const out: string[] = [];
  let space = '';
  let state: 'space' | 'escape' | 'text' = 'space';
  let m = 0;
  for (let i = 0; i < input.length; i++) {
    let b = input.charCodeAt(i);
    if (b === 0x0b) b = 0x09;
    switch (state) {
      case 'space':
        if (b === 0x09 || b === 0x20) space += b === 0x09 ? '\t' : ' ';
        else if (b === 0x0a || b === 0x0c) {
          space = '';
          out.push('\n');
        } else if (b === ESC) {
          out.push(space);
          space = '';
          state = 'escape';
          m = i + 1;
        } else {
          out.push(space);
          space = '';
          state = 'text';
          m = i;
        }
        break;
      case 'escape':
        if (b === ESC) {
          out.push(input.slice(m, i));
          space = '';
          state = 'space';
        }
        break;
      case 'text':
        if (b === 0x09 || b === 0x20) {
          out.push(input.slice(m, i));
          space = b === 0x09 ? '\t' : ' ';
          state = 'space';
        } else if (b === 0x0a || b === 0x0c) {
          out.push(input.slice(m, i), '\n');
          space = '';
          state = 'space';
        } else if (b === ESC) {
          out.push(input.slice(m, i));
          state = 'escape';
          m = i + 1;
        }
        break;
    }
  }
  if (state === 'text') out.push(input.slice(m));
  else if (state === 'escape') out.push(input.slice(m));
  return out.join('');
}
