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
  /** Byte offset of the start of every line. */
  readonly lines: number[] = [0];
  /** Every byte is ASCII, so byte offsets and string indexes agree. */
  ascii = false;
  /** Length of the source in bytes. */
  size = 0;
  private lastLine = 1;
  constructor(readonly name: string) {}

  position(pos: Pos): Position {
    if (pos < 0) return { filename: '', offset: 0, line: 0, column: 0 };
    const lines = this.lines;
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { filename: this.name, offset: pos, line: lo + 1, column: pos - lines[lo]! + 1 };
  }

  line(pos: Pos): number {
    if (pos < 0) return 0;
    const lines = this.lines;
    // Lookups mostly move forward through the file: try the last line and the next one first.
    const last = this.lastLine;
    if (last <= lines.length && lines[last - 1]! <= pos) {
      if (last === lines.length || pos < lines[last]!) return last;
      if (last + 1 === lines.length || pos < lines[last + 1]!) return (this.lastLine = last + 1);
    }
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return (this.lastLine = lo + 1);
  }
}

/** `file:line:col` (or `line:col` without a file name), as Go's token.Position prints. */
export function positionString(p: Position): string {
  if (p.line <= 0) return p.filename || '-';
  return p.filename ? `${p.filename}:${p.line}:${p.column}` : `${p.line}:${p.column}`;
}
