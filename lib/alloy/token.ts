// Lexical tokens of the Alloy configuration syntax (port of grafana/alloy syntax/token, Apache-2.0).

export const T = {
  ILLEGAL: 0,
  LITERAL: 1,
  EOF: 2,
  COMMENT: 3,
  IDENT: 4,
  NUMBER: 5,
  FLOAT: 6,
  STRING: 7,
  BOOL: 8,
  NULL: 9,
  OR: 10,
  AND: 11,
  NOT: 12,
  ASSIGN: 13,
  EQ: 14,
  NEQ: 15,
  LT: 16,
  LTE: 17,
  GT: 18,
  GTE: 19,
  ADD: 20,
  SUB: 21,
  MUL: 22,
  DIV: 23,
  MOD: 24,
  POW: 25,
  LCURLY: 26,
  RCURLY: 27,
  LPAREN: 28,
  RPAREN: 29,
  LBRACK: 30,
  RBRACK: 31,
  COMMA: 32,
  DOT: 33,
  TERMINATOR: 34,
} as const;

export type Token = (typeof T)[keyof typeof T];

const NAMES: readonly string[] = [
  'ILLEGAL', 'LITERAL', 'EOF', 'COMMENT', 'IDENT', 'NUMBER', 'FLOAT', 'STRING', 'BOOL', 'NULL',
  '||', '&&', '!', '=', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '^',
  '{', '}', '(', ')', '[', ']', ',', '.', 'TERMINATOR',
];

/** The name Alloy uses for a token in messages (`IDENT`, `}`, `TERMINATOR`, …). */
export function tokenString(t: Token): string {
  return NAMES[t] ?? 'ILLEGAL';
}

/** Keyword lookup for a scanned identifier. */
export function lookup(ident: string): Token {
  if (ident === 'true' || ident === 'false') return T.BOOL;
  if (ident === 'null') return T.NULL;
  return T.IDENT;
}

/** Binary operator precedence; 0 for anything that is not a binary operator. */
export function binaryPrecedence(t: Token): number {
  switch (t) {
    case T.OR:
      return 1;
    case T.AND:
      return 2;
    case T.EQ:
    case T.NEQ:
    case T.LT:
    case T.LTE:
    case T.GT:
    case T.GTE:
      return 3;
    case T.ADD:
    case T.SUB:
      return 4;
    case T.MUL:
    case T.DIV:
    case T.MOD:
      return 5;
    case T.POW:
      return 6;
    default:
      return 0;
  }
}

/** A byte offset into the source; -1 when a node was not parsed from text. */
export type Pos = number;
export const NoPos: Pos = -1;

/** A resolved source position. Line and column are 1-based; the column counts bytes, as in Alloy. */
export interface Position {
  filename: string;
  offset: number;
  line: number;
  column: number;
}

/** Line table of one source file. */
export class SourceFile {
  // Byte offset of the start of every line (the first `lineCount` entries); a typed array because the
  // scanner appends one entry per line of large files.
  private starts = new Int32Array(256);
  /** Number of lines seen so far. */
  lineCount = 1;
  /** Every byte is ASCII, so byte offsets and string indexes agree. */
  ascii = false;
  /** Length of the source in bytes. */
  size = 0;
  private lastLine = 1;
  constructor(readonly name: string) {}

  /** Records that a line starts at `offset`; offsets come in increasing order, repeats are ignored. */
  addLine(offset: number): void {
    const n = this.lineCount;
    if (this.starts[n - 1]! >= offset) return;
    if (n === this.starts.length) {
      const next = new Int32Array(n * 2);
      next.set(this.starts);
      this.starts = next;
    }
    this.starts[n] = offset;
    this.lineCount = n + 1;
  }

  /** Byte offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[line - 1]!;
  }

  position(pos: Pos): Position {
    if (pos < 0) return { filename: '', offset: 0, line: 0, column: 0 };
    const line = this.search(pos);
    return { filename: this.name, offset: pos, line, column: pos - this.starts[line - 1]! + 1 };
  }

  line(pos: Pos): number {
    if (pos < 0) return 0;
    const starts = this.starts;
    const count = this.lineCount;
    // Lookups mostly stay near the previous one (the printer walks the file, looking back a few lines at
    // a time): gallop from the last line found to bracket `pos`, then search that range.
    let lo: number;
    let hi: number;
    const last = this.lastLine - 1;
    if (starts[last]! <= pos && (last + 1 === count || pos < starts[last + 1]!)) return last + 1; // same line
    if (starts[last]! <= pos) {
      lo = last;
      let step = 1;
      let probe = lo + 1;
      while (probe < count && starts[probe]! <= pos) {
        lo = probe;
        step *= 2;
        probe = lo + step;
      }
      hi = Math.min(probe, count) - 1;
    } else {
      hi = last - 1;
      let step = 1;
      let probe = hi;
      while (probe > 0 && starts[probe]! > pos) {
        hi = probe - 1;
        step *= 2;
        probe = hi + 1 - step;
      }
      lo = Math.max(probe, 0);
    }
    return (this.lastLine = this.search(pos, lo, hi));
  }

  /** 1-based line holding `pos`, by binary search among the 0-based line indexes lo..hi. */
  private search(pos: Pos, lo = 0, hi = this.lineCount - 1): number {
    const starts = this.starts;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/** `file:line:col` (or `line:col` without a file name), as Go's token.Position prints. */
export function positionString(p: Position): string {
  if (p.line <= 0) return p.filename || '-';
  return p.filename ? `${p.filename}:${p.line}:${p.column}` : `${p.line}:${p.column}`;
}
