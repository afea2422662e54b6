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
  buf: Uint16Array;
  len = 0;

  constructor(capacity = 1 << 12) {
    this.buf = new Uint16Array(capacity);
  }

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
    const buf = this.buf;
    let len = this.len;
    for (let i = 0; i < n; i++) buf[len++] = code;
    this.len = len;
  }
}

const utf16 = new TextDecoder('utf-16le');

/**
 * Aligns cells (`\t`/`\v` end a cell, `\n`/`\f` a line, `\f` also every column block), then strips spaces
 * and tabs before line ends and at the end, removing escape markers but keeping escaped text as is.
 */
export function tabwriteAndTrim(input: Uint16Array, len: number): string {
  return new TabWriter(input).run(len);
}

class TabWriter {
  private readonly out: CodeBuffer;
  /** Output length up to the last character that is not trailing whitespace (the trimmer). */
  private keep = 0;
  // The buffered block: cells as [start, end, width, flags] quadruples (flags: 1 = ended by a tab, 2 =
  // holds escaped text); line k owns the cells from lineStart[k] up to lineStart[k+1] (the last is open).
  private cells = new Int32Array(1024);
  private ncells = 0;
  private lineStart = new Int32Array(64);
  private nlines = 1;
  private readonly widths: number[] = [];

  constructor(private readonly input: Uint16Array) {
    // The output is about as long as the input: size it once rather than grow it.
    this.out = new CodeBuffer(input.length + (input.length >> 3) + 64);
  }

  run(len: number): string {
    const input = this.input;
    let inEscape = false;
    let hasEsc = 0;
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
        this.pushCell(cellStart, i, cellWidth, (ch === 0x09 ? 1 : 0) | hasEsc);
        cellStart = i + 1;
        cellWidth = 0;
        hasEsc = 0;
        if (ch === 0x0a || ch === 0x0c) {
          const lineCellCount = (this.ncells - this.lineStart[this.nlines - 1]!) >> 2;
          this.pushLine();
          if (ch === 0x0c || lineCellCount === 1) this.flush();
        }
      } else if (ch === ESC) {
        inEscape = true;
        hasEsc = 2;
      } else if (!(ch >= 0xdc00 && ch <= 0xdfff && i > 0 && input[i - 1]! >= 0xd800 && input[i - 1]! <= 0xdbff)) {
        cellWidth++;
      }
    }
    if (cellStart < len) this.pushCell(cellStart, len, cellWidth, hasEsc);
    this.flush();
    this.out.len = this.keep;
    return utf16.decode(this.out.buf.subarray(0, this.out.len));
  }

  private pushCell(start: number, end: number, width: number, flags: number): void {
    if (this.ncells + 4 > this.cells.length) {
      const next = new Int32Array(this.cells.length * 2);
      next.set(this.cells);
      this.cells = next;
    }
    const c = this.cells;
    const n = this.ncells;
    c[n] = start;
    c[n + 1] = end;
    c[n + 2] = width;
    c[n + 3] = flags;
    this.ncells = n + 4;
  }

  private pushLine(): void {
    if (this.nlines === this.lineStart.length) {
      const next = new Int32Array(this.lineStart.length * 2);
      next.set(this.lineStart);
      this.lineStart = next;
    }
    this.lineStart[this.nlines++] = this.ncells;
  }

  private lineCells(k: number): number {
    return ((k + 1 < this.nlines ? this.lineStart[k + 1]! : this.ncells) - this.lineStart[k]!) >> 2;
  }

  private writeText(start: number, end: number, escaped: boolean): void {
    const out = this.out;
    out.ensure(end - start);
    const o = out.buf;
    const input = this.input;
    let n = out.len;
    if (!escaped) {
      // A plain loop: cells are short, and subarray() would allocate a view per cell.
      for (let i = start; i < end; i++) o[n++] = input[i]!;
      let k = n;
      while (k > out.len && (o[k - 1] === 0x20 || o[k - 1] === 0x09)) k--;
      if (k > out.len) this.keep = k;
      out.len = n;
      return;
    }
    let esc = false;
    for (let i = start; i < end; i++) {
      const c = input[i]!;
      if (c === ESC) {
        esc = !esc;
        continue;
      }
      o[n++] = c;
      if (esc || (c !== 0x20 && c !== 0x09)) this.keep = n;
    }
    out.len = n;
  }

  private newline(): void {
    this.out.len = this.keep;
    this.out.push(0x0a);
    this.keep = this.out.len;
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (useTabs) {
      const n = Math.ceil(cellw / TAB_WIDTH) * TAB_WIDTH - textw;
      const t = Math.ceil(n / TAB_WIDTH);
      if (t > 0) this.out.pushRepeat(0x09, t);
      return;
    }
    if (cellw > textw) this.out.pushRepeat(0x20, cellw - textw);
  }

  private writeLines(line0: number, line1: number, total: number): void {
    const cells = this.cells;
    const widths = this.widths;
    for (let i = line0; i < line1; i++) {
      let useTabs = true;
      const base = this.lineStart[i]!;
      const n = this.lineCells(i);
      for (let j = 0; j < n; j++) {
        const c = base + j * 4;
        const start = cells[c]!;
        const end = cells[c + 1]!;
        const width = cells[c + 2]!;
        if (end === start) {
          if (j < widths.length) this.writePadding(width, widths[j]!, useTabs);
        } else {
          useTabs = false;
          this.writeText(start, end, (cells[c + 3]! & 2) !== 0);
          if (j < widths.length) this.writePadding(width, widths[j]!, false);
        }
      }
      if (i + 1 !== total) this.newline();
    }
  }

  private format(line0: number, line1: number, total: number): void {
    const column = this.widths.length;
    const cells = this.cells;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= this.lineCells(cur) - 1) continue;
      this.writeLines(line0, cur, total);
      line0 = cur;
      let width = 0;
      let discardable = true;
      for (; cur < line1; cur++) {
        if (column >= this.lineCells(cur) - 1) break;
        const c = this.lineStart[cur]! + column * 4;
        const w = cells[c + 2]! + PADDING;
        if (w > width) width = w;
        if (cells[c + 2]! > 0 || (cells[c + 3]! & 1) === 1) discardable = false;
      }
      if (discardable) width = 0;
      this.widths.push(width);
      this.format(line0, cur, total);
      this.widths.pop();
      line0 = cur;
    }
    this.writeLines(line0, line1, total);
  }

  private flush(): void {
    if (this.nlines === 2 && this.lineStart[1] === 4) {
      // One line of one cell (a block header, a closing brace): no columns to align.
      const c = this.cells;
      if (c[1]! > c[0]!) this.writeText(c[0]!, c[1]!, (c[3]! & 2) !== 0);
      this.newline();
      this.ncells = 0;
      this.nlines = 1;
      return;
    }
    this.format(0, this.nlines, this.nlines);
    this.ncells = 0;
    this.nlines = 1;
  }
}
