// Lexical scanner for the Alloy configuration syntax: a port of grafana/alloy syntax/scanner (Apache-2.0),
// working on UTF-8 bytes so offsets and columns match Alloy's byte-based positions.
import { isAscii } from 'node:buffer';
import { T, type Token, lookup, type Pos, SourceFile } from './token';

const EOF_CH = -1;
const BOM = 0xfeff;
const RUNE_ERROR = 0xfffd;

export type ErrorHandler = (pos: Pos, msg: string) => void;

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const PRINT = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

function isLetter(ch: number): boolean {
  if (ch < 0x80) return (ch >= 0x61 && ch <= 0x7a) || (ch >= 0x41 && ch <= 0x5a) || ch === 0x5f;
  return ch !== EOF_CH && LETTER.test(String.fromCodePoint(ch));
}
function isDecimal(ch: number): boolean {
  return ch >= 0x30 && ch <= 0x39;
}
function isDigit(ch: number): boolean {
  return isDecimal(ch) || (ch >= 0x80 && DIGIT.test(String.fromCodePoint(ch)));
}
function lower(ch: number): number {
  return ch | 0x20;
}

/** Go's `%#U`: `U+0023 '#'`, or just `U+0000` for a non-printable rune. */
export function formatRune(ch: number): string {
  const hex = ch.toString(16).toUpperCase().padStart(4, '0');
  const s = String.fromCodePoint(ch);
  return ch === 0x20 || PRINT.test(s) ? `U+${hex} '${s}'` : `U+${hex}`;
}

/** Decodes one UTF-8 sequence like Go's utf8.DecodeRune: [rune, width], RuneError/1 for invalid input. */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c0 = b[i]!;
  if (c0 < 0x80) return [c0, 1];
  const n = b.length - i;
  const cont = (k: number): number => {
    const c = b[i + k];
    return c !== undefined && (c & 0xc0) === 0x80 ? c & 0x3f : -1;
  };
  if (c0 >= 0xc2 && c0 <= 0xdf && n >= 2) {
    const c1 = cont(1);
    if (c1 >= 0) return [((c0 & 0x1f) << 6) | c1, 2];
  } else if (c0 >= 0xe0 && c0 <= 0xef && n >= 3) {
    const c1 = cont(1);
    const c2 = cont(2);
    if (c1 >= 0 && c2 >= 0) {
      const r = ((c0 & 0x0f) << 12) | (c1 << 6) | c2;
      if (r >= 0x800 && !(r >= 0xd800 && r <= 0xdfff)) return [r, 3];
    }
  } else if (c0 >= 0xf0 && c0 <= 0xf4 && n >= 4) {
    const c1 = cont(1);
    const c2 = cont(2);
    const c3 = cont(3);
    if (c1 >= 0 && c2 >= 0 && c3 >= 0) {
      const r = ((c0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
      if (r >= 0x10000 && r <= 0x10ffff) return [r, 4];
    }
  }
  return [RUNE_ERROR, 1];
}

const decoder = new TextDecoder();

/** Text of bytes [from, to): ASCII fast path, UTF-8 otherwise. */
export function sliceText(b: Uint8Array, from: number, to: number): string {
  let ascii = true;
  for (let i = from; i < to; i++) {
    if (b[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    if (to - from < 64) {
      let s = '';
      for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
      return s;
    }
    return decoder.decode(b.subarray(from, to));
  }
  return decoder.decode(b.subarray(from, to));
}

export interface ScanResult {
  pos: Pos;
  tok: Token;
  lit: string;
}

export class Scanner {
  /** The last token scanned; one object reused for every token, read it before the next scan(). */
  readonly result: ScanResult = { pos: 0, tok: T.EOF, lit: '' };
  /** The input as a string when it is pure ASCII, for cheap literal slices. */
  private readonly text: string | undefined;
  private ch: number = 0;
  private offset = 0;
  private readOffset = 0;
  private insertTerm = false;
  numErrors = 0;
  private readonly includeComments: boolean;
  private readonly texts: boolean;

  /**
   * `comments: false` skips comments; `texts: false` leaves `lit` empty for identifiers, numbers and
   * strings (a caller that reads their bytes between `pos` and `end` saves making a string of each).
   */
  constructor(
    readonly file: SourceFile,
    private readonly input: Uint8Array,
    private readonly onErr: ErrorHandler | undefined,
    options: { comments?: boolean; texts?: boolean } = {},
  ) {
    this.includeComments = options.comments ?? true;
    this.texts = options.texts ?? true;
    const ascii = isAscii(input); // native and vectorised; a byte loop here was 5% of parsing
    file.ascii = ascii;
    file.size = input.length;
    // Without literal texts only comments are sliced, each on its own: a string of the whole input would cost more.
    if (ascii && this.texts) this.text = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
    this.next();
    if (this.cur() === BOM) this.next();
  }

  private next(): void {
    const input = this.input;
    if (this.readOffset >= input.length) {
      this.offset = input.length;
      if (this.cur() === 0x0a) this.file.addLine(this.offset);
      this.ch = EOF_CH;
      return;
    }
    this.offset = this.readOffset;
    if (this.cur() === 0x0a) this.file.addLine(this.offset);
    let r = input[this.readOffset]!;
    let width = 1;
    if (r === 0) {
      this.error(this.offset, 'illegal character NUL');
    } else if (r >= 0x80) {
      [r, width] = decodeRune(input, this.readOffset);
      if (r === RUNE_ERROR && width === 1) this.error(this.offset, 'illegal UTF-8 encoding');
      else if (r === BOM && this.offset > 0) this.error(this.offset, 'illegal byte order mark');
    }
    this.readOffset += width;
    this.ch = r;
  }

  /** Offset just past the last token scanned (not meaningful for TERMINATOR). */
  get end(): number {
    return this.offset;
  }

  private slice(from: number, to: number): string {
    return this.text !== undefined ? this.text.slice(from, to) : sliceText(this.input, from, to);
  }

  /** Current character; a method so TypeScript does not narrow it across next() calls. */
  private cur(): number {
    return this.ch;
  }

  private peek(): number {
    return this.readOffset < this.input.length ? this.input[this.readOffset]! : 0;
  }

  private error(offset: number, msg: string): void {
    this.onErr?.(offset, msg);
    this.numErrors++;
  }

  scan(): ScanResult {
    for (;;) {
      this.skipWhitespace();
      const pos = this.offset;
      let insertTerm = false;
      let tok: Token;
      let lit = '';
      const ch = this.ch;

      if (isLetter(ch)) {
        lit = this.scanIdentifier();
        tok = this.texts ? (lit.length > 1 ? lookup(lit) : T.IDENT) : keyword(this.input, pos, this.offset);
        insertTerm = true; // IDENT, NULL and BOOL all insert terminators
      } else if (isDecimal(ch) || (ch === 0x2e && isDecimal(this.peek()))) {
        insertTerm = true;
        [tok, lit] = this.scanNumber();
      } else {
        this.next();
        switch (ch) {
          case EOF_CH:
            if (this.insertTerm) {
              this.insertTerm = false;
              return this.set(pos, T.TERMINATOR, '\n');
            }
            tok = T.EOF;
            break;
          case 0x0a:
            this.insertTerm = false;
            return this.set(pos, T.TERMINATOR, '\n');
          case 0x27: // '
            this.error(pos, 'illegal single-quoted string; use double quotes');
            insertTerm = true;
            tok = T.ILLEGAL;
            lit = this.scanString(0x27, true, false);
            break;
          case 0x22: // "
            insertTerm = true;
            tok = T.STRING;
            lit = this.scanString(0x22, true, false);
            break;
          case 0x60: // `
            insertTerm = true;
            tok = T.STRING;
            lit = this.scanString(0x60, false, true);
            break;
          case 0x7c: // |
            if (this.cur() !== 0x7c) this.error(this.offset, 'missing second | in ||');
            else this.next();
            tok = T.OR;
            break;
          case 0x26: // &
            if (this.cur() !== 0x26) this.error(this.offset, 'missing second & in &&');
            else this.next();
            tok = T.AND;
            break;
          case 0x21:
            tok = this.switch2(T.NOT, T.NEQ);
            break;
          case 0x3d:
            tok = this.switch2(T.ASSIGN, T.EQ);
            break;
          case 0x3c:
            tok = this.switch2(T.LT, T.LTE);
            break;
          case 0x3e:
            tok = this.switch2(T.GT, T.GTE);
            break;
          case 0x2b:
            tok = T.ADD;
            break;
          case 0x2d:
            tok = T.SUB;
            break;
          case 0x2a:
            tok = T.MUL;
            break;
          case 0x2f: // /
            if (this.cur() === 0x2f || this.cur() === 0x2a) {
              if (this.insertTerm && this.findLineEnd()) {
                // The comment runs to the end of the line: the terminator comes first.
                this.ch = 0x2f;
                this.offset = pos;
                this.readOffset = pos + 1;
                this.insertTerm = false;
                return this.set(pos, T.TERMINATOR, '\n');
              }
              const comment = this.scanComment();
              if (!this.includeComments) {
                this.insertTerm = false;
                continue;
              }
              tok = T.COMMENT;
              lit = comment;
            } else {
              tok = T.DIV;
            }
            break;
          case 0x25:
            tok = T.MOD;
            break;
          case 0x5e:
            tok = T.POW;
            break;
          case 0x7b:
            tok = T.LCURLY;
            break;
          case 0x7d:
            insertTerm = true;
            tok = T.RCURLY;
            break;
          case 0x28:
            tok = T.LPAREN;
            break;
          case 0x29:
            insertTerm = true;
            tok = T.RPAREN;
            break;
          case 0x5b:
            tok = T.LBRACK;
            break;
          case 0x5d:
            insertTerm = true;
            tok = T.RBRACK;
            break;
          case 0x2c:
            tok = T.COMMA;
            break;
          case 0x2e:
            tok = T.DOT;
            break;
          default:
            if (ch !== BOM) this.error(pos, `illegal character ${formatRune(ch)}`);
            insertTerm = this.insertTerm;
            tok = T.ILLEGAL;
            lit = String.fromCodePoint(ch);
        }
      }
      this.insertTerm = insertTerm;
      return this.set(pos, tok, lit);
    }
  }

  private set(pos: number, tok: Token, lit: string): ScanResult {
    const r = this.result;
    r.pos = pos;
    r.tok = tok;
    r.lit = lit;
    return r;
  }

  private skipWhitespace(): void {
    const input = this.input;
    for (;;) {
      const ch = this.cur();
      if (ch === 0x20 || ch === 0x09) {
        // Fast path over a run of blanks: none of them is a newline, so no line starts are skipped.
        let j = this.readOffset;
        while (j < input.length && (input[j] === 0x20 || input[j] === 0x09)) j++;
        this.readOffset = j;
        this.next();
      } else if (ch === 0x0d || (ch === 0x0a && !this.insertTerm)) {
        this.next();
      } else {
        return;
      }
    }
  }

  private scanIdentifier(): string {
    const off = this.offset;
    const input = this.input;
    let i = this.readOffset;
    let h = input[off]!; // hash for intern(), computed while scanning
    for (; i < input.length; i++) {
      const b = input[i]!;
      if ((b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b === 0x5f || (b >= 0x30 && b <= 0x39)) {
        h = (h * 31 + b) | 0;
        continue;
      }
      if (b > 0 && b < 0x80) {
        // ASCII non-identifier byte: stop without the general next() path.
        this.ch = b;
        this.offset = i;
        this.readOffset = i + 1;
        return this.texts ? this.intern(off, i, h) : '';
      }
      this.readOffset = i;
      this.next();
      while (isLetter(this.ch) || isDigit(this.ch)) this.next();
      return this.texts ? this.slice(off, this.offset) : '';
    }
    this.offset = input.length;
    this.readOffset = input.length;
    this.ch = EOF_CH;
    return this.texts ? this.slice(off, this.offset) : '';
  }

  // Identifiers repeat (`targets`, `forward_to`, component names): sharing one string per name keeps the
  // AST small, which is most of the parser's cost on large files. A slot remembers where its name was
  // seen, so a candidate is checked byte against byte.
  private readonly names: (string | undefined)[] = new Array(4096);
  private readonly nameOffsets = new Int32Array(4096);

  /** The text of bytes [from, to) of an ASCII identifier hashing to `h`, shared with earlier ones. */
  private intern(from: number, to: number, h: number): string {
    const input = this.input;
    const n = to - from;
    const slot = (h ^ (h >>> 12)) & 4095;
    const cached = this.names[slot];
    if (cached !== undefined && cached.length === n) {
      const at = this.nameOffsets[slot]!;
      let same = true;
      for (let i = 0; i < n; i++) {
        if (input[at + i] !== input[from + i]) {
          same = false;
          break;
        }
      }
      if (same) return cached;
    }
    const s = this.slice(from, to);
    this.names[slot] = s;
    this.nameOffsets[slot] = from;
    return s;
  }

  private scanNumber(): [Token, string] {
    let tok: Token = T.NUMBER;
    const off = this.offset;
    if (this.cur() !== 0x2e) this.digits();
    if (this.cur() === 0x2e) {
      tok = T.FLOAT;
      this.next();
      this.digits();
    }
    if (lower(this.ch) === 0x65) {
      tok = T.FLOAT;
      this.next();
      if (this.cur() === 0x2b || this.cur() === 0x2d) this.next();
      if (this.digits() === 0) this.error(off, 'exponent has no digits');
    }
    return [tok, this.texts ? this.slice(off, this.offset) : ''];
  }

  private digits(): number {
    let n = 0;
    while (isDecimal(this.ch)) {
      this.next();
      n++;
    }
    return n;
  }

  private scanString(until: number, escape: boolean, multiline: boolean): string {
    const off = this.offset - 1;
    for (;;) {
      const ch = this.ch;
      if ((!multiline && ch === 0x0a) || ch === EOF_CH) {
        this.error(off, 'string literal not terminated');
        break;
      }
      if (ch >= 0x20 && ch < 0x7f && ch !== until && ch !== 0x5c) {
        // Fast path over plain printable ASCII: no newlines, escapes or UTF-8 to decode.
        const input = this.input;
        let j = this.readOffset;
        while (j < input.length) {
          const b = input[j]!;
          if (b < 0x20 || b >= 0x7f || b === until || b === 0x5c) break;
          j++;
        }
        this.readOffset = j;
        this.next();
        continue;
      }
      this.next();
      if (ch === until) break;
      if (escape && ch === 0x5c) this.scanEscape();
    }
    return this.texts ? this.slice(off, this.offset) : '';
  }

  private scanEscape(): void {
    const off = this.offset;
    let n: number;
    let base: number;
    let max: number;
    switch (this.cur()) {
      case 0x61: case 0x62: case 0x66: case 0x6e: case 0x72: case 0x74: case 0x76: case 0x5c: case 0x22:
        this.next();
        return;
      case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37:
        [n, base, max] = [3, 8, 255];
        break;
      case 0x78:
        this.next();
        [n, base, max] = [2, 16, 255];
        break;
      case 0x75:
        this.next();
        [n, base, max] = [4, 16, 0x10ffff];
        break;
      case 0x55:
        this.next();
        [n, base, max] = [8, 16, 0x10ffff];
        break;
      default:
        this.error(off, this.cur() === EOF_CH ? 'escape sequence not terminated' : 'unknown escape sequence');
        return;
    }
    let x = 0;
    while (n > 0) {
      const d = digitVal(this.ch);
      if (d >= base) {
        this.error(off, this.cur() === EOF_CH ? 'escape sequence not terminated' : `illegal character ${formatRune(this.ch)} in escape sequence`);
        return;
      }
      x = x * base + d;
      this.next();
      n--;
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) this.error(off, 'escape sequence is invalid Unicode code point');
  }

  private scanComment(): string {
    const off = this.offset - 1;
    let numCR = 0;
    let blockComment = false;
    done: {
      if (this.cur() === 0x2f) {
        this.next();
        while (this.cur() !== 0x0a && this.cur() !== EOF_CH) {
          if (this.cur() === 0x0d) numCR++;
          // Fast path over printable ASCII, where next() has no line to record or UTF-8 to check.
          const input = this.input;
          let j = this.readOffset;
          while (j < input.length && input[j]! >= 0x20 && input[j]! < 0x7f) j++;
          this.readOffset = j;
          this.next();
        }
        break done;
      }
      blockComment = true;
      this.next();
      while (this.cur() !== EOF_CH) {
        const ch = this.ch;
        if (ch === 0x0d) numCR++;
        this.next();
        if (ch === 0x2a && this.cur() === 0x2f) {
          this.next();
          break done;
        }
      }
      this.error(off, 'block comment not terminated');
    }
    let end = this.offset;
    if (numCR > 0 && end - off >= 1 && this.input[end - 1] === 0x0d) {
      end--;
      numCR--;
    }
    let lit = this.slice(off, end);
    if (numCR > 0) lit = stripCR(lit, blockComment);
    return lit;
  }

  private findLineEnd(): boolean {
    const start = this.offset - 1;
    try {
      while (this.cur() === 0x2f || this.cur() === 0x2a) {
        if (this.cur() === 0x2f) return true;
        this.next();
        while (this.cur() !== EOF_CH) {
          const ch = this.ch;
          if (ch === 0x0a) return true;
          this.next();
          if (ch === 0x2a && this.cur() === 0x2f) {
            this.next();
            break;
          }
        }
        this.skipWhitespace();
        if (this.cur() === EOF_CH || this.cur() === 0x0a) return true;
        if (this.cur() !== 0x2f) return false;
        this.next();
      }
      return false;
    } finally {
      // Rewind to just after the initial '/'; lines seen while looking ahead stay recorded (addLine dedupes).
      this.ch = 0x2f;
      this.offset = start;
      this.readOffset = start + 1;
      this.next();
    }
  }

  private switch2(a: Token, b: Token): Token {
    if (this.cur() === 0x3d) {
      this.next();
      return b;
    }
    return a;
  }
}

/** lookup() on the bytes of an identifier: `true`, `false` and `null` are keywords. */
export function keyword(b: Uint8Array, from: number, to: number): Token {
  const n = to - from;
  if (n === 4) {
    if (b[from] === 0x74 && b[from + 1] === 0x72 && b[from + 2] === 0x75 && b[from + 3] === 0x65) return T.BOOL;
    if (b[from] === 0x6e && b[from + 1] === 0x75 && b[from + 2] === 0x6c && b[from + 3] === 0x6c) return T.NULL;
  } else if (n === 5 && b[from] === 0x66 && b[from + 1] === 0x61 && b[from + 2] === 0x6c && b[from + 3] === 0x73 && b[from + 4] === 0x65) {
    return T.BOOL;
  }
  return T.IDENT;
}

function digitVal(ch: number): number {
  if (ch >= 0x30 && ch <= 0x39) return ch - 0x30;
  const l = lower(ch);
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return 16;
}

function stripCR(s: string, blockComment: boolean): string {
  let out = '';
  for (let j = 0; j < s.length; j++) {
    const ch = s[j];
    if (ch !== '\r' || (blockComment && out.length > 2 && out[out.length - 1] === '*' && j + 1 < s.length && s[j + 1] === '/')) out += ch;
  }
  return out;
}
