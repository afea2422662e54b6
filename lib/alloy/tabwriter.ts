// Elastic tabstops as Go's text/tabwriter does them, configured the way Alloy's printer uses it:
// minwidth 0, tabwidth 8, padding 1, padchar ' ', DiscardEmptyColumns | TabIndent; followed by Alloy's
// trimmer (printer/trimmer.go). Port of the algorithm in Go's src/text/tabwriter (BSD-style licence,
// The Go Authors).
//
// It runs over every byte `lgtm fmt` prints, so it is fed directly by the printer instead of re-scanning a
// finished text: the printer writes cell text with write()/repeat() and ends cells with terminate(). Text
// is kept as UTF-8 bytes; the open block of lines lives in a small buffer that is emptied at every flush,
// and the aligned output goes to one buffer that is decoded into a string once, at the end.

/** Marks text the tabwriter must not interpret (Go uses 0xFF; NUL cannot occur in valid Alloy input). */
export const ESC = 0;
const TAB = 0x09;
const NEWLINE = 0x0a;
const FORMFEED = 0x0c;
const BLANK = 0x20;
const decoder = new TextDecoder();
const PADDING = 1;

// Cell flags.
const ENDS_WITH_TAB = 1;
const HAS_ESCAPE = 2;

/**
 * Whether one of the four ASCII bytes of `w` is a tab, `\v`, `\n` or `\f` (9 to 12): per byte,
 * 140 - b has its high bit set when b <= 12 and b + 119 when b >= 9, without carries between bytes
 * as long as no byte has its high bit set (the caller checks). "Determine if a word has a byte
 * between m and n" in Sean Anderson's Bit Twiddling Hacks.
 */
function hasCellEnd(w: number): boolean {
  return ((0x8c8c8c8c - w) & ~w & (w + 0x77777777) & 0x80808080) !== 0;
}

/** Grows a byte buffer to hold at least `need` bytes, keeping the first `len`. */
function grow(buf: Uint8Array, len: number, need: number): Uint8Array {
  if (need <= buf.length) return buf;
  const next = new Uint8Array(doubled(buf.length, need));
  next.set(buf.subarray(0, len));
  return next;
}

/** A copy of `a` with room for at least `need` entries. */
function grownInt32(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(doubled(a.length, need));
  next.set(a);
  return next;
}

/** `size` doubled until it reaches `need`. */
function doubled(size: number, need: number): number {
  let n = Math.max(size * 2, 1);
  while (n < need) n *= 2;
  return n;
}

// The output buffer of the last writer, for the next one: a large output is megabytes of fresh memory
// otherwise, and the first write to each page of it costs a page fault. Buffers up to 16 MB are kept.
const SPARE_OUT_MAX = 16 * 1024 * 1024;
let spareOut: Uint8Array | undefined;

export class TabWriter {
  /** Text of the open block of lines: cell text with escape markers, without the cell terminators. */
  private text: Uint8Array = new Uint8Array(1 << 12);
  private textView = new DataView(this.text.buffer);
  private len = 0;
  // The open cell: where it starts, how many of its bytes take no column (escape markers, UTF-8
  // continuation bytes), and whether it holds escaped text.
  private cellStart = 0;
  private cellUncounted = 0;
  private cellFlags = 0;
  // The block's cells as [start, end, width, flags] quadruples; line k owns the cells from lineStart[k]
  // up to lineStart[k+1] (the last line is open).
  private cells = new Int32Array(1024);
  private ncells = 0;
  private lineStart = new Int32Array(64);
  private nlines = 1;
  // Widths of the columns format() has fixed so far (Go's stack of widths).
  private widths = new Int32Array(64);
  private nwidths = 0;
  /** widthRoom[k]: the most padding bytes the first k columns can take (each at most its width + 1). */
  private widthRoom = new Int32Array(65);

  private out: Uint8Array;
  private outView: DataView;
  private outLen = 0;
  /** Output length up to the last byte that is not trailing whitespace (the trimmer). */
  private keep = 0;
  private ascii = true;

  /** The text finish() returned. */
  private finished: string | undefined;

  /** Line breaks in the text of the last write(), and the bytes after the last one. */
  newlines = 0;
  tail = 0;

  constructor(expectedSize: number) {
    const size = Math.max(expectedSize, 1 << 12);
    if (spareOut !== undefined && spareOut.length >= size) {
      this.out = spareOut;
      spareOut = undefined;
    } else {
      this.out = new Uint8Array(size);
    }
    this.outView = new DataView(this.out.buffer, this.out.byteOffset, this.out.byteLength);
  }

  /**
   * Appends `s` as UTF-8 and returns its length in bytes, setting `newlines` and `tail` for the caller's
   * position tracking. Escaped text (comments) is wrapped in escape markers and never interpreted;
   * elsewhere `\t`, `\v`, `\n` and `\f` end cells, as in Go.
   */
  write(s: string, escaped: boolean): number {
    const n = s.length;
    this.reserve(n + 2);
    const text = this.text;
    let o = this.len;
    if (escaped) {
      text[o++] = ESC;
      this.cellUncounted += 2;
      this.cellFlags |= HAS_ESCAPE;
    }
    // Fast path: ASCII without line breaks or cell terminators, copied byte for byte.
    let i = 0;
    for (; i < n; i++) {
      const ch = s.charCodeAt(i);
      if (ch >= 0x80 || (ch >= TAB && ch <= FORMFEED)) break;
      text[o++] = ch;
    }
    this.len = o;
    let bytes = n;
    if (i < n) {
      bytes = this.writeSlow(s, i, escaped);
    } else {
      this.newlines = 0;
      this.tail = n;
    }
    if (escaped) {
      this.reserve(1);
      this.text[this.len++] = ESC;
    }
    return bytes;
  }

  /** write() of one printable ASCII byte. */
  byte(ch: number): number {
    this.reserve(1);
    this.text[this.len++] = ch;
    this.newlines = 0;
    this.tail = 1;
    return 1;
  }

  /**
   * write() of the UTF-8 bytes [from, to) of `b` (`view` is a DataView of `b`), copied four bytes at a
   * time when they need no interpreting. `plain` says they are known not to (ASCII without line
   * breaks or cell terminators, such as an identifier of an ASCII source): then they are not looked at.
   */
  writeBytes(b: Uint8Array, view: DataView, from: number, to: number, plain = false): number {
    const n = to - from;
    this.reserve(n);
    const text = this.text;
    let o = this.len;
    let i = from;
    if (n >= 8) {
      const tv = this.textView;
      for (; i + 4 <= to; i += 4, o += 4) {
        const w = view.getUint32(i, true);
        if (!plain && ((w & 0x80808080) !== 0 || hasCellEnd(w))) break;
        tv.setUint32(o, w, true);
      }
    }
    for (; i < to; i++) {
      const ch = b[i]!;
      if (!plain && (ch >= 0x80 || (ch >= TAB && ch <= FORMFEED))) return this.write(decoder.decode(b.subarray(from, to)), false);
      text[o++] = ch;
    }
    this.len = o;
    this.newlines = 0;
    this.tail = n;
    return n;
  }

  /** write() from index `i` on, where a line break, a cell terminator or a non-ASCII character comes. */
  private writeSlow(s: string, i: number, escaped: boolean): number {
    let bytes = i; // the ASCII prefix
    let newlines = 0;
    let lastBreakEnd = 0; // bytes of `s` up to and including its last line break
    for (; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      if (ch >= 0x80) {
        const pair = ch >= 0xd800 && ch <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
        const w = this.encode(pair ? ((ch - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00) + 0x10000 : ch);
        this.cellUncounted += w - 1; // one column per character
        bytes += w;
        continue;
      }
      bytes++;
      if (ch === NEWLINE || ch === FORMFEED) {
        newlines++;
        lastBreakEnd = bytes;
      }
      if (!escaped && ch >= TAB && ch <= FORMFEED) {
        this.terminate(ch);
        continue;
      }
      this.reserve(1);
      this.text[this.len++] = ch;
    }
    this.newlines = newlines;
    this.tail = bytes - lastBreakEnd;
    return bytes;
  }

  /** Appends one non-ASCII code point as UTF-8 (a lone surrogate as U+FFFD); returns its length. */
  private encode(cp: number): number {
    this.ascii = false;
    this.reserve(4);
    const t = this.text;
    let o = this.len;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    let w: number;
    if (cp < 0x800) {
      t[o++] = 0xc0 | (cp >> 6);
      w = 2;
    } else if (cp < 0x10000) {
      t[o++] = 0xe0 | (cp >> 12);
      t[o++] = 0x80 | ((cp >> 6) & 0x3f);
      w = 3;
    } else {
      t[o++] = 0xf0 | (cp >> 18);
      t[o++] = 0x80 | ((cp >> 12) & 0x3f);
      t[o++] = 0x80 | ((cp >> 6) & 0x3f);
      w = 4;
    }
    t[o++] = 0x80 | (cp & 0x3f);
    this.len = o;
    return w;
  }

  /** Appends `n` copies of a non-terminator byte (blanks). */
  repeat(ch: number, n: number): void {
    this.reserve(n);
    const text = this.text;
    let o = this.len;
    for (let i = 0; i < n; i++) text[o++] = ch;
    this.len = o;
  }

  /** Nothing was written yet. */
  isEmpty(): boolean {
    return this.len === 0 && this.ncells === 0 && this.outLen === 0;
  }

  /** terminate(TAB) `n` times, as indentation does at the start of every line. */
  tabs(n: number): void {
    if (n <= 0) return;
    this.terminate(TAB);
    // The open cell is now empty: the remaining tabs end empty cells.
    if (this.ncells + 4 * n > this.cells.length) this.cells = grownInt32(this.cells, this.ncells + 4 * n);
    const c = this.cells;
    let k = this.ncells;
    const at = this.len;
    for (let i = 1; i < n; i++) {
      c[k] = at;
      c[k + 1] = at;
      c[k + 2] = 0;
      c[k + 3] = ENDS_WITH_TAB;
      k += 4;
    }
    this.ncells = k;
  }

  /** Ends the open cell with `\t`, `\v`, `\n` or `\f`; a line with one cell or a `\f` flushes the block. */
  terminate(ch: number): void {
    this.pushCell(this.cellStart, this.len, this.len - this.cellStart - this.cellUncounted, (ch === TAB ? ENDS_WITH_TAB : 0) | this.cellFlags);
    this.cellStart = this.len;
    this.cellUncounted = 0;
    this.cellFlags = 0;
    if (ch === NEWLINE || ch === FORMFEED) {
      const lineCellCount = (this.ncells - this.lineStart[this.nlines - 1]!) >> 2;
      this.pushLine();
      if (ch === FORMFEED || lineCellCount === 1) this.flush();
    }
  }

  /** Flushes what is left and returns the whole output, trailing whitespace trimmed. */
  finish(): string {
    if (this.finished !== undefined) return this.finished;
    if (this.cellStart < this.len) this.pushCell(this.cellStart, this.len, this.len - this.cellStart - this.cellUncounted, this.cellFlags);
    this.flush();
    const out = Buffer.from(this.out.buffer, this.out.byteOffset, this.keep);
    // An ASCII text decodes as Latin-1 with a plain copy; UTF-8 decoding has to validate.
    this.finished = out.toString(this.ascii ? 'latin1' : 'utf8');
    // The buffer goes to the next writer: this one lets go of it and answers with its text from now on.
    if (this.out.length <= SPARE_OUT_MAX && (spareOut === undefined || spareOut.length < this.out.length)) spareOut = this.out;
    this.out = new Uint8Array(0);
    this.outView = new DataView(this.out.buffer);
    return this.finished;
  }

  private reserve(n: number): void {
    if (this.len + n > this.text.length) {
      this.text = grow(this.text, this.len, this.len + n);
      this.textView = new DataView(this.text.buffer, this.text.byteOffset, this.text.byteLength);
    }
  }

  private pushCell(start: number, end: number, width: number, flags: number): void {
    if (this.ncells + 4 > this.cells.length) this.cells = grownInt32(this.cells, this.ncells + 4);
    const c = this.cells;
    const n = this.ncells;
    c[n] = start;
    c[n + 1] = end;
    c[n + 2] = width;
    c[n + 3] = flags;
    this.ncells = n + 4;
  }

  private pushLine(): void {
    if (this.nlines === this.lineStart.length) this.lineStart = grownInt32(this.lineStart, this.nlines + 1);
    this.lineStart[this.nlines++] = this.ncells;
  }

  private lineCells(k: number): number {
    return ((k + 1 < this.nlines ? this.lineStart[k + 1]! : this.ncells) - this.lineStart[k]!) >> 2;
  }

  private reserveOut(n: number): void {
    if (this.outLen + n > this.out.length) {
      this.out = grow(this.out, this.outLen, this.outLen + n);
      this.outView = new DataView(this.out.buffer, this.out.byteOffset, this.out.byteLength);
    }
  }

  /**
   * Writes lines [line0, line1) of the block with the current column widths: cell text without escape
   * markers, then padding (tabs for leading empty cells, as TabIndent does, spaces elsewhere), then a line
   * break unless it is the block's last line. Trailing blanks and tabs before a line break are trimmed
   * (escaped text excepted): `keep` marks the end of the last byte to keep. One capacity check per line
   * covers its text and the most padding its columns can take, so the cell loop writes without checks.
   */
  private writeLines(line0: number, line1: number, total: number): void {
    const cells = this.cells;
    const widths = this.widths;
    const nwidths = this.nwidths;
    for (let i = line0; i < line1; i++) {
      const base = this.lineStart[i]!;
      const n = this.lineCells(i);
      const textBytes = n > 0 ? cells[base + (n - 1) * 4 + 1]! - cells[base]! : 0;
      this.reserveOut(textBytes + this.widthRoom[n < nwidths ? n : nwidths]! + 1);
      const out = this.out;
      let o = this.outLen;
      let useTabs = true;
      for (let j = 0; j < n; j++) {
        const c = base + j * 4;
        const start = cells[c]!;
        const end = cells[c + 1]!;
        const width = cells[c + 2]!;
        if (end === start) {
          if (j < nwidths) {
            if (useTabs) {
              // Go's writePadding with tabs: round the column up to a tab stop (tab width 8), one tab per
              // stop. In integers: (x + 7) >> 3 is x / 8 rounded up, negative x included.
              const stop = (widths[j]! + 7) & ~7;
              const t = (stop - width + 7) >> 3;
              for (let k = 0; k < t; k++) out[o++] = TAB;
            } else {
              for (let k = width; k < widths[j]!; k++) out[o++] = BLANK;
            }
          }
          continue;
        }
        useTabs = false;
        o = this.copyCell(c, o);
        if (j < nwidths) o = this.blanks(o, widths[j]! - width);
      }
      if (i + 1 !== total) {
        out[this.keep] = NEWLINE;
        o = this.keep = this.keep + 1;
      }
      this.outLen = o;
    }
  }

  /** Writes `n` blanks to the output at `o` (alignment padding), four at a time; returns where they end. */
  private blanks(o: number, n: number): number {
    const end = o + n;
    if (n >= 4) {
      const ov = this.outView;
      for (; o + 4 <= end; o += 4) ov.setUint32(o, 0x20202020, true);
    }
    const out = this.out;
    while (o < end) out[o++] = BLANK;
    return end;
  }

  /**
   * format() and writeLines() for a block of one line (block headers, closing braces, a lone attribute),
   * the most common flush. Every column is as wide as its own cell plus the padding, so a cell that ends
   * with a tab or is not empty is followed by one tab (leading) or one blank, and an empty cell ended by
   * `\v` (a discarded column) by nothing; the last cell is not padded.
   */
  private flushLine(): void {
    const cells = this.cells;
    const n = this.ncells >> 2;
    this.reserveOut(this.len + n + 1);
    const out = this.out;
    let o = this.outLen;
    let useTabs = true;
    for (let j = 0; j < n; j++) {
      const c = j * 4;
      const start = cells[c]!;
      const end = cells[c + 1]!;
      const padded = j < n - 1;
      if (end === start) {
        if (padded && (cells[c + 3]! & ENDS_WITH_TAB) !== 0) out[o++] = useTabs ? TAB : BLANK;
        continue;
      }
      useTabs = false;
      o = this.copyCell(c, o);
      // A column of width 0 is discarded (a cell can be all escape markers).
      if (padded && (cells[c + 2]! > 0 || (cells[c + 3]! & ENDS_WITH_TAB) !== 0)) out[o++] = BLANK;
    }
    out[this.keep] = NEWLINE;
    this.outLen = this.keep = this.keep + 1;
  }

  /**
   * Copies the text of the cell at `c` to the output at `o` without its escape markers; returns where it
   * ends. `keep` moves past the last byte the trimmer keeps: an escaped one, or one that is not blank.
   */
  private copyCell(c: number, o: number): number {
    const cells = this.cells;
    const text = this.text;
    const out = this.out;
    const start = cells[c]!;
    const end = cells[c + 1]!;
    if ((cells[c + 3]! & HAS_ESCAPE) === 0) {
      const from = o;
      let k = start;
      if (end - start >= 8) {
        const tv = this.textView;
        const ov = this.outView;
        for (; k + 4 <= end; k += 4, o += 4) ov.setUint32(o, tv.getUint32(k, true), true);
      }
      for (; k < end; k++) out[o++] = text[k]!;
      let last = o;
      while (last > from && (out[last - 1] === BLANK || out[last - 1] === TAB)) last--;
      if (last > from) this.keep = last;
      return o;
    }
    let esc = false;
    for (let k = start; k < end; k++) {
      const ch = text[k]!;
      if (ch === ESC) {
        esc = !esc;
        continue;
      }
      out[o++] = ch;
      if (esc || (ch !== BLANK && ch !== TAB)) this.keep = o;
    }
    return o;
  }

  private pushWidth(w: number): void {
    const k = this.nwidths;
    if (k === this.widths.length) {
      this.widths = grownInt32(this.widths, k + 1);
      this.widthRoom = grownInt32(this.widthRoom, this.widths.length + 1);
    }
    this.widths[k] = w;
    this.widthRoom[k + 1] = this.widthRoom[k]! + w + 1;
    this.nwidths = k + 1;
  }

  private format(line0: number, line1: number, total: number): void {
    const column = this.nwidths;
    const cells = this.cells;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= this.lineCells(cur) - 1) continue;
      if (cur > line0) this.writeLines(line0, cur, total);
      line0 = cur;
      let width = 0;
      let discardable = true;
      for (; cur < line1; cur++) {
        if (column >= this.lineCells(cur) - 1) break;
        const c = this.lineStart[cur]! + column * 4;
        const w = cells[c + 2]! + PADDING;
        if (w > width) width = w;
        if (cells[c + 2]! > 0 || (cells[c + 3]! & ENDS_WITH_TAB) !== 0) discardable = false;
      }
      if (discardable) width = 0;
      this.pushWidth(width);
      this.format(line0, cur, total);
      this.nwidths--;
      line0 = cur;
    }
    if (line1 > line0) this.writeLines(line0, line1, total);
  }

  private flush(): void {
    if (this.nlines === 2 && this.lineStart[1] === this.ncells) {
      this.flushLine();
    } else {
      this.format(0, this.nlines, this.nlines);
    }
    // Every buffered cell is in the output now: start the next block at the front of the buffer.
    this.ncells = 0;
    this.nlines = 1;
    this.len = 0;
    this.cellStart = 0;
  }
}
