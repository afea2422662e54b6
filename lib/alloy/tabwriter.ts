// Elastic tabstops as Go's text/tabwriter does them, configured the way Alloy's printer uses it:
// minwidth 0, tabwidth 8, padding 1, padchar ' ', DiscardEmptyColumns | TabIndent; followed by Alloy's
// trimmer (printer/trimmer.go). Port of the algorithm in Go's src/text/tabwriter (BSD-style licence,
// The Go Authors). It works on UTF-16 code units in typed arrays because it runs over every character
// `lgtm fmt` prints.

/** Marks text the tabwriter must not interpret (Go uses 0xFF; NUL cannot occur in valid Alloy input). */
export const ESC = 0;
const TAB_WIDTH = 8;
const PADDING = 1;

/** A growable UTF-16 buffer. */
export class CodeBuffer {
  buf = new Uint16Array(1 << 16);
  len = 0;

  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint16Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  push(code: number): void {
    if (this.len === this.buf.length) this.ensure(1);
    this.buf[this.len++] = code;
  }

  pushString(s: string): void {
    const n = s.length;
    this.ensure(n);
    const buf = this.buf;
    let len = this.len;
    for (let i = 0; i < n; i++) buf[len++] = s.charCodeAt(i);
    this.len = len;
  }

  pushRepeat(code: number, n: number): void {
    this.ensure(n);
    this.buf.fill(code, this.len, this.len + n);
    this.len += n;
  }
}

const utf16 = new TextDecoder('utf-16le');

/**
 * Aligns cells (`\t`/`\v` end a cell, `\n`/`\f` a line, `\f` also every column block), then strips spaces
 * and tabs before line ends and at the end, removing escape markers but keeping escaped text as is.
 */
export function tabwriteAndTrim(input: Uint16Array, len: number): string {
  const out = new CodeBuffer();
  out.ensure(len + (len >> 2));
  // Trimming: `keep` is the output length up to the last character that is not trailing whitespace.
  let keep = 0;

  const cells: number[] = [];
  const lineStart: number[] = [0];
  const widths: number[] = [];

  const lineCells = (k: number): number => ((k + 1 < lineStart.length ? lineStart[k + 1]! : cells.length) - lineStart[k]!) >> 2;

  const writeText = (start: number, end: number): void => {
    out.ensure(end - start);
    const o = out.buf;
    let n = out.len;
    let esc = false;
    for (let i = start; i < end; i++) {
      const c = input[i]!;
      if (c === ESC) {
        esc = !esc;
        continue;
      }
      o[n++] = c;
      if (esc || (c !== 0x20 && c !== 0x09)) keep = n;
    }
    out.len = n;
  };

  const newline = (): void => {
    out.len = keep;
    out.push(0x0a);
    keep = out.len;
  };

  const writePadding = (textw: number, cellw: number, useTabs: boolean): void => {
    if (useTabs) {
      const n = Math.ceil(cellw / TAB_WIDTH) * TAB_WIDTH - textw;
      const t = Math.ceil(n / TAB_WIDTH);
      if (t > 0) out.pushRepeat(0x09, t);
      return;
    }
    if (cellw > textw) out.pushRepeat(0x20, cellw - textw);
  };

  const writeLines = (line0: number, line1: number, nlines: number): void => {
    for (let i = line0; i < line1; i++) {
      let useTabs = true;
      const base = lineStart[i]!;
      const n = lineCells(i);
      for (let j = 0; j < n; j++) {
        const c = base + j * 4;
        const start = cells[c]!;
        const end = cells[c + 1]!;
        const width = cells[c + 2]!;
        if (end === start) {
          if (j < widths.length) writePadding(width, widths[j]!, useTabs);
        } else {
          useTabs = false;
          writeText(start, end);
          if (j < widths.length) writePadding(width, widths[j]!, false);
        }
      }
      if (i + 1 !== nlines) newline();
    }
  };

  const format = (line0: number, line1: number, nlines: number): void => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lineCells(cur) - 1) continue;
      writeLines(line0, cur, nlines);
      line0 = cur;
      let width = 0;
      let discardable = true;
      for (; cur < line1; cur++) {
        if (column >= lineCells(cur) - 1) break;
        const c = lineStart[cur]! + column * 4;
        const w = cells[c + 2]! + PADDING;
        if (w > width) width = w;
        if (cells[c + 2]! > 0 || cells[c + 3]! === 1) discardable = false;
      }
      if (discardable) width = 0;
      widths.push(width);
      format(line0, cur, nlines);
      widths.pop();
      line0 = cur;
    }
    writeLines(line0, line1, nlines);
  };

  const flush = (): void => {
    format(0, lineStart.length, lineStart.length);
    cells.length = 0;
    lineStart.length = 1;
  };

  let inEscape = false;
  let cellStart = 0;
  let cellWidth = 0; // code points in the open cell, escape markers excluded
  for (let i = 0; i < len; i++) {
    const ch = input[i]!;
    if (inEscape) {
      if (ch === ESC) inEscape = false;
      else if (!(ch >= 0xdc00 && ch <= 0xdfff && i > 0 && input[i - 1]! >= 0xd800 && input[i - 1]! <= 0xdbff)) cellWidth++;
      continue;
    }
    if (ch === 0x09 || ch === 0x0b || ch === 0x0a || ch === 0x0c) {
      cells.push(cellStart, i, cellWidth, ch === 0x09 ? 1 : 0);
      cellStart = i + 1;
      cellWidth = 0;
      if (ch === 0x0a || ch === 0x0c) {
        const ncells = (cells.length - lineStart[lineStart.length - 1]!) >> 2;
        lineStart.push(cells.length);
        if (ch === 0x0c || ncells === 1) flush();
      }
    } else if (ch === ESC) {
      inEscape = true;
    } else if (!(ch >= 0xdc00 && ch <= 0xdfff && i > 0 && input[i - 1]! >= 0xd800 && input[i - 1]! <= 0xdbff)) {
      cellWidth++;
    }
  }
  if (cellStart < len) cells.push(cellStart, len, cellWidth, 0);
  flush();
  out.len = keep;
  return utf16.decode(out.buf.subarray(0, out.len));
}
