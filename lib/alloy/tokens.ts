// Source text to token arrays, for printing without a tree (reformat.ts): each token's kind, where it starts
// and where it ends, its line, and the comments grouped as the parser groups them. No token becomes a
// string.
//
// Most configurations are plain ASCII with common escapes, and those are scanned by one tight loop over the
// bytes (scanPlain). It gives up on anything else (non-ASCII bytes, carriage returns, uncommon escapes, a
// block comment after a value on its line, anything the scanner would report) and the scanner takes the
// file, so the tokens are the scanner's in every case: a property test holds the two to the same arrays.
import type * as ast from './ast';
import { commentEndLine } from './parser';
import { keyword, Scanner } from './scanner';
import { SourceFile, T, type Token } from './token';

export interface Tokens {
  /** The line table the scan filled in. */
  file: SourceFile;
  src: Uint8Array;
  /** Token kinds, EOF last; comments are not among them. */
  kinds: Uint8Array;
  /** pos and end of token k at 2k and 2k + 1: [pos, end) is its text in `src`. */
  spans: Int32Array;
  /** The line of each token's first byte (the line table's count as the plain lexer reaches it). */
  lines: Int32Array;
  comments: ast.CommentGroup[];
}

/** The tokens of `src`, or undefined when the scanner reports an error. */
export function scanTokens(filename: string, src: Uint8Array): Tokens | undefined {
  return scanPlain(new SourceFile(filename), src) ?? scanAny(new SourceFile(filename), src);
}

// The arrays of the last scan, for the next one: a formatting of a large file touches megabytes of fresh
// memory otherwise, and the first write to each page of it costs a page fault. Only arrays up to the size
// of an 8 MB source are kept.
const SPARE_MAX_TOKENS = 2 * 1024 * 1024;
let spare: { kinds: Uint8Array; spans: Int32Array; lines: Int32Array } | undefined;

/** Hands the arrays of `tokens`, no longer read, to the next scan. */
export function recycle(tokens: Tokens): void {
  if (tokens.kinds.length <= SPARE_MAX_TOKENS && (spare === undefined || spare.kinds.length < tokens.kinds.length)) {
    spare = { kinds: tokens.kinds, spans: tokens.spans, lines: tokens.lines };
  }
}

/** Growable token arrays; comments are grouped as they come. */
class TokenArrays {
  kinds: Uint8Array;
  spans: Int32Array;
  lines: Int32Array;
  n = 0;
  readonly comments: ast.CommentGroup[] = [];
  private group: ast.Comment[] | undefined;
  private groupEnd = 0;

  constructor(
    private readonly file: SourceFile,
    readonly src: Uint8Array,
  ) {
    // Tokens average about five bytes in configurations; the arrays double when a file is denser.
    const want = Math.max(64, src.length >> 2);
    if (spare !== undefined && spare.kinds.length >= want) {
      this.kinds = spare.kinds;
      this.spans = spare.spans;
      this.lines = spare.lines;
      spare = undefined;
    } else {
      this.kinds = new Uint8Array(want);
      this.spans = new Int32Array(want * 2);
      this.lines = new Int32Array(want);
    }
  }

  push(kind: Token, pos: number, end: number, line: number): void {
    const n = this.n;
    if (n === this.kinds.length) {
      const kinds = new Uint8Array(n * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
      const spans = new Int32Array(n * 4);
      spans.set(this.spans);
      this.spans = spans;
      const lines = new Int32Array(n * 2);
      lines.set(this.lines);
      this.lines = lines;
    }
    this.kinds[n] = kind;
    this.spans[2 * n] = pos;
    this.spans[2 * n + 1] = end;
    this.lines[n] = line;
    this.n = n + 1;
    this.group = undefined;
  }

  /** A comment; it joins the group before it when nothing came between and it starts by the next line. */
  comment(pos: number, text: string): void {
    const line = this.file.line(pos);
    if (this.group === undefined || line > this.groupEnd + 1) {
      this.group = [];
      this.comments.push(this.group);
    }
    this.group.push({ pos, text });
    this.groupEnd = commentEndLine(this.file, pos, text);
  }

  done(): Tokens {
    return { file: this.file, src: this.src, kinds: this.kinds, spans: this.spans, lines: this.lines, comments: this.comments };
  }
}

/** Every token the scanner gives, for any input. */
export function scanAny(file: SourceFile, src: Uint8Array): Tokens | undefined {
  let failed = false;
  const onError = (): void => {
    failed = true;
  };
  const scanner = new Scanner(file, src, onError, { texts: false });
  const out = new TokenArrays(file, src);
  for (;;) {
    const r = scanner.scan();
    if (r.tok === T.COMMENT) {
      out.comment(r.pos, r.lit);
      continue;
    }
    out.push(r.tok, r.pos, scanner.end, file.line(r.pos));
    if (r.tok === T.EOF) break;
  }
  return failed ? undefined : out.done();
}

// Byte classes of scanPlain.
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const CLASS = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f) CLASS[c] = LETTER;
  else if (c >= 0x30 && c <= 0x39) CLASS[c] = DIGIT;
}

/** Tokens a single byte makes, and whether a line break after them ends a statement. */
const SINGLE: Record<number, [Token, boolean]> = {
  0x7b: [T.LCURLY, false],
  0x7d: [T.RCURLY, true],
  0x5b: [T.LBRACK, false],
  0x5d: [T.RBRACK, true],
  0x28: [T.LPAREN, false],
  0x29: [T.RPAREN, true],
  0x2c: [T.COMMA, false],
  0x2b: [T.ADD, false],
  0x2d: [T.SUB, false],
  0x2a: [T.MUL, false],
  0x25: [T.MOD, false],
  0x5e: [T.POW, false],
};
const SINGLE_KIND = new Uint8Array(256);
const SINGLE_TERM = new Uint8Array(256);
for (const [c, [kind, term]] of Object.entries(SINGLE)) {
  SINGLE_KIND[Number(c)] = kind;
  SINGLE_TERM[Number(c)] = term ? 1 : 0;
}

/** Operators of one byte that take a `=` after them: `=`/`==`, `!`/`!=`, `<`/`<=`, `>`/`>=`. */
const WITH_EQ: Record<number, [Token, Token]> = {
  0x3d: [T.ASSIGN, T.EQ],
  0x21: [T.NOT, T.NEQ],
  0x3c: [T.LT, T.LTE],
  0x3e: [T.GT, T.GTE],
};
const ALONE = new Uint8Array(256);
const BEFORE_EQ = new Uint8Array(256);
for (const [c, [alone, beforeEq]] of Object.entries(WITH_EQ)) {
  ALONE[Number(c)] = alone;
  BEFORE_EQ[Number(c)] = beforeEq;
}

/** Escapes after `\` that are one byte long (Scanner.scanEscape takes more; those go to the scanner). */
const SIMPLE_ESCAPE = new Uint8Array(256);
for (const c of 'abfnrtv\\"') SIMPLE_ESCAPE[c.charCodeAt(0)] = 1;

/**
 * The scanner's tokens for plain input, or undefined where it cannot vouch for them. It follows
 * Scanner.scan: a line break after an identifier, literal or closing bracket is a TERMINATOR, as is the end
 * of the file; `//` after one ends the statement before the comment.
 */
export function scanPlain(file: SourceFile, b: Uint8Array): Tokens | undefined {
  const len = b.length;
  const out = new TokenArrays(file, b);
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength); // ASCII here, so Latin-1 is its text
  let i = 0;
  let term = false; // a line break here would end a statement
  file.ascii = true;
  file.size = len;
  for (;;) {
    let c = 0;
    while (i < len) {
      c = b[i]!;
      if (c === 0x20 || c === 0x09) i++;
      else if (c === 0x0a && !term) file.addLine(++i);
      else break;
    }
    if (i >= len) {
      if (term) out.push(T.TERMINATOR, len, len, file.lineCount);
      out.push(T.EOF, len, len, file.lineCount);
      return out.done();
    }
    const start = i++;
    const cls = CLASS[c]!;
    if (cls === LETTER) {
      while (i < len && CLASS[b[i]!]! !== OTHER) i++;
      out.push(keyword(b, start, i), start, i, file.lineCount);
      term = true;
      continue;
    }
    if (cls === DIGIT || (c === 0x2e && i < len && CLASS[b[i]!] === DIGIT)) {
      i = numberEnd(b, start);
      if (i < 0) return undefined;
      out.push(isFloat(b, start, i) ? T.FLOAT : T.NUMBER, start, i, file.lineCount);
      term = true;
      continue;
    }
    const kind = SINGLE_KIND[c]!;
    if (kind !== 0) {
      out.push(kind as Token, start, i, file.lineCount);
      term = SINGLE_TERM[c] === 1;
      continue;
    }
    switch (c) {
      case 0x0a:
        out.push(T.TERMINATOR, start, i, file.lineCount);
        file.addLine(i);
        term = false;
        continue;
      case 0x22: // "
        for (;;) {
          if (i >= len) return undefined;
          const d = b[i++]!;
          if (d === 0x22) break;
          if (d === 0x5c) {
            if (i >= len || SIMPLE_ESCAPE[b[i]!] !== 1) return undefined;
            i++;
          } else if ((d < 0x20 && d !== 0x09) || d >= 0x7f) {
            return undefined;
          }
        }
        out.push(T.STRING, start, i, file.lineCount);
        term = true;
        continue;
      case 0x60: {
        // a raw string
        const first = file.lineCount;
        for (;;) {
          if (i >= len) return undefined;
          const d = b[i++]!;
          if (d === 0x60) break;
          if (d === 0x0a) file.addLine(i);
          else if ((d < 0x20 && d !== 0x09) || d >= 0x7f) return undefined;
        }
        out.push(T.STRING, start, i, first);
        term = true;
        continue;
      }
      case 0x2e:
        out.push(T.DOT, start, i, file.lineCount);
        term = false;
        continue;
      case 0x7c: // ||
      case 0x26: // &&
        if (b[i] !== c) return undefined;
        out.push(c === 0x7c ? T.OR : T.AND, start, ++i, file.lineCount);
        term = false;
        continue;
      case 0x2f: {
        const next = b[i];
        if (next !== 0x2f && next !== 0x2a) {
          out.push(T.DIV, start, i, file.lineCount);
          term = false;
          continue;
        }
        if (next === 0x2a) {
          // A block comment after a value may or may not end the statement (Scanner.findLineEnd).
          if (term) return undefined;
          const close = blockCommentEnd(b, file, i + 1);
          if (close < 0) return undefined;
          i = close;
        } else {
          if (term) out.push(T.TERMINATOR, start, start, file.lineCount);
          while (i < len && b[i] !== 0x0a) {
            const d = b[i++]!;
            if ((d < 0x20 && d !== 0x09) || d >= 0x7f) return undefined;
          }
        }
        out.comment(start, text.toString('latin1', start, i));
        term = false;
        continue;
      }
    }
    const alone = ALONE[c]!;
    if (alone === 0) return undefined; // not a token, or not a plain one
    if (b[i] === 0x3d) out.push(BEFORE_EQ[c] as Token, start, ++i, file.lineCount);
    else out.push(alone as Token, start, i, file.lineCount);
    term = false;
  }
}

/** End of the number at `from` (Scanner.scanNumber), or -1 for an exponent without digits. */
function numberEnd(b: Uint8Array, from: number): number {
  let i = from;
  while (CLASS[b[i]!] === DIGIT) i++;
  if (b[i] === 0x2e) {
    i++;
    while (CLASS[b[i]!] === DIGIT) i++;
  }
  if ((b[i]! | 0x20) === 0x65) {
    i++;
    if (b[i] === 0x2b || b[i] === 0x2d) i++;
    const digits = i;
    while (CLASS[b[i]!] === DIGIT) i++;
    if (i === digits) return -1;
  }
  return i;
}

function isFloat(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (CLASS[b[i]!] !== DIGIT) return true;
  return false;
}

/** The offset after the `*\/` closing the block comment whose text starts at `from`, or -1. */
function blockCommentEnd(b: Uint8Array, file: SourceFile, from: number): number {
  for (let i = from; i < b.length; i++) {
    const d = b[i]!;
    if (d === 0x2a && b[i + 1] === 0x2f) return i + 2;
    if (d === 0x0a) file.addLine(i + 1);
    else if ((d < 0x20 && d !== 0x09) || d >= 0x7f) return -1;
  }
  return -1;
}
