// Recursive-descent parser for the Alloy configuration syntax: a port of grafana/alloy syntax/parser
// (Apache-2.0). It reports every error with Alloy's text and byte column and never throws.
import type * as ast from './ast';
import { byteLength, startPos } from './ast';
import { Scanner } from './scanner';
import { T, type Token, tokenString, binaryPrecedence, type Pos, NoPos, SourceFile, type Position, positionString } from './token';
import { goQuote, isIdentifier } from './quote';

export interface Diagnostic {
  /** `error` for syntax and validation errors, `warning` for advisories. */
  severity: 'error' | 'warning';
  start: Position;
  end?: Position;
  message: string;
}

export function diagnosticText(d: Diagnostic): string {
  return `${positionString(d.start)}: ${d.message}`;
}

export interface ParseResult {
  file: ast.File;
  diagnostics: Diagnostic[];
}

const encoder = new TextEncoder();

export function parseFile(filename: string, src: string | Uint8Array): ParseResult {
  const bytes = typeof src === 'string' ? encoder.encode(src) : src;
  const p = new Parser(filename, bytes);
  const file = p.parseFile();
  return { file, diagnostics: p.diags };
}

/** Parses a single expression (used for builder raw() checks and tests). */
export function parseExpression(src: string): { expr: ast.Expr; diagnostics: Diagnostic[] } {
  const p = new Parser('', encoder.encode(src));
  const expr = p.parseExpression();
  if (p.tok() === T.TERMINATOR) p.next();
  if (p.tok() !== T.EOF) p.addErrorf(`expected ${tokenString(T.EOF)}, got ${tokenString(p.tok())}`);
  return { expr, diagnostics: p.diags };
}

/**
 * Last line of a comment at `pos`. A comment group is a run of comments each starting at most one line
 * below the end of the one before (Alloy's parser.consumeCommentGroup).
 */
export function commentEndLine(file: SourceFile, pos: Pos, text: string): number {
  let line = file.line(pos);
  if (text.charCodeAt(1) === 0x2a) for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

/** How deep blocks and expressions may nest (real configurations: a handful of levels). */
export const MAX_NESTING = 500;

const STATEMENT_END: ReadonlySet<Token> = new Set([T.TERMINATOR, T.RPAREN, T.RCURLY, T.RBRACK, T.COMMA]);

class Parser {
  readonly diags: Diagnostic[] = [];
  private readonly file: SourceFile;
  private readonly scanner: Scanner;
  private readonly comments: ast.CommentGroup[] = [];
  pos: Pos = 0;
  private _tok: Token = T.EOF;
  /** Current token; a method so TypeScript does not narrow it across next() calls. */
  tok(): Token {
    return this._tok;
  }
  lit = '';
  private lastErrorLine = 0;
  private depth = 0;
  private tooDeep = false;

  // Lists (statements, elements, fields, name fragments) are collected on one shared stack and copied out
  // at their exact length: an array grown by push() keeps room for 17 elements, which made the arrays a
  // third of the tree's memory and so of the garbage collector's work. Nested lists sit above their
  // parent's entries and are taken off before the parent continues.
  private readonly stack: unknown[] = [];
  private top = 0;

  private push(x: unknown): void {
    this.stack[this.top++] = x;
  }

  /** The entries pushed since `start`, as an exact-length array, popped off the stack. */
  private take<E>(start: number): E[] {
    const s = this.stack;
    const n = this.top - start;
    this.top = start;
    // Short lists (most of them) are array literals rather than slice() copies: V8 tracks literals by
    // allocation site and, seeing them all survive, allocates them straight in the old generation like
    // the tree's nodes. A young array under an old node makes every scavenge copy it.
    switch (n) {
      case 0:
        return [];
      case 1:
        return [s[start]] as E[];
      case 2:
        return [s[start], s[start + 1]] as E[];
      case 3:
        return [s[start], s[start + 1], s[start + 2]] as E[];
      case 4:
        return [s[start], s[start + 1], s[start + 2], s[start + 3]] as E[];
      default:
        return s.slice(start, start + n) as E[];
    }
  }

  // The name parsed by parseBlockName: its fragments are on the stack from `nameStart`.
  private nameStart = 0;
  private namePos: Pos = NoPos;
  private label = '';
  private labelPos: Pos = NoPos;

  constructor(filename: string, src: Uint8Array) {
    this.file = new SourceFile(filename);
    this.scanner = new Scanner(this.file, src, (pos, msg) => this.diags.push({ severity: 'error', start: this.file.position(pos), message: msg }));
    this.next();
  }

  next(): void {
    this.next0();
    while (this.tok() === T.COMMENT) this.consumeCommentGroup();
  }

  private next0(): void {
    const r = this.scanner.scan();
    this.pos = r.pos;
    this._tok = r.tok;
    this.lit = r.lit;
  }

  private consumeCommentGroup(): void {
    const start = this.top;
    let endline = this.file.line(this.pos);
    while (this.tok() === T.COMMENT && this.file.line(this.pos) <= endline + 1) {
      endline = commentEndLine(this.file, this.pos, this.lit);
      this.push({ pos: this.pos, text: this.lit });
      this.next0();
    }
    this.comments.push(this.take(start));
  }

  private advance(to: Token): void {
    while (this.tok() !== T.EOF) {
      if (this.tok() === to) return;
      this.next();
    }
  }

  private advanceAny(to: ReadonlySet<Token>): void {
    while (this.tok() !== T.EOF) {
      if (to.has(this.tok())) return;
      this.next();
    }
  }

  /** Whether the last expect() found the token it wanted. */
  private expectOk = true;

  /** Consumes the current token, reporting an error unless it is `t`; returns its position. */
  private expect(t: Token): Pos {
    const pos = this.pos;
    this.expectOk = this.tok() === t;
    if (!this.expectOk) this.addErrorf(`expected ${tokenString(t)}, got ${tokenString(this.tok())}`);
    this.next();
    return pos;
  }

  addErrorf(message: string): void {
    const start = this.file.position(this.pos);
    if (this.lastErrorLine === start.line) return; // one parse error per line, as Alloy does
    this.lastErrorLine = start.line;
    this.diags.push({ severity: 'error', start, message });
  }

  parseFile(): ast.File {
    const body = this.parseBody(T.EOF);
    return { name: this.file.name, body, comments: this.comments, source: this.file };
  }

  private parseBody(until: Token): ast.Stmt[] {
    if (!this.enter()) return [];
    const body = this.parseBodyIn(until);
    this.depth--;
    return body;
  }

  private parseBodyIn(until: Token): ast.Stmt[] {
    const start = this.top;
    while (this.tok() !== until && this.tok() !== T.EOF) {
      const stmt = this.parseStatement();
      if (stmt) this.push(stmt);
      if (this.tok() === until) break;
      if (this.tok() !== T.TERMINATOR) {
        this.addErrorf(`expected ${tokenString(T.TERMINATOR)}, got ${tokenString(this.tok())}`);
        this.consumeStatement();
      }
      this.next();
    }
    return this.take(start);
  }

  private consumeStatement(): void {
    let curly = 0;
    let brack = 0;
    let paren = 0;
    while (this.tok() !== T.EOF) {
      switch (this.tok()) {
        case T.LCURLY:
          curly++;
          break;
        case T.RCURLY:
          curly--;
          break;
        case T.LBRACK:
          brack++;
          break;
        case T.RBRACK:
          brack--;
          break;
        case T.LPAREN:
          paren++;
          break;
        case T.RPAREN:
          paren--;
          break;
      }
      if (this.tok() === T.TERMINATOR && curly <= 0 && brack <= 0 && paren <= 0) return;
      this.next();
    }
  }

  private parseStatement(): ast.Stmt | undefined {
    if (!this.parseBlockName()) {
      this.advance(T.IDENT);
      return undefined;
    }
    const start = this.nameStart;
    const namePos = this.namePos;
    const label = this.label;
    const labelPos = this.labelPos;
    switch (this.tok()) {
      case T.ASSIGN: {
        this.next();
        const first = this.stack[start] as string;
        if (this.top - start !== 1) {
          const name = this.take<string>(start).join('.');
          this.diags.push({
            severity: 'error',
            start: this.file.position(namePos),
            end: this.file.position(namePos + byteLength(name) - 1),
            message: 'attribute names may only consist of a single identifier with no "."',
          });
        } else if (labelPos !== NoPos) {
          this.diags.push({
            severity: 'error',
            start: this.file.position(labelPos),
            end: this.file.position(labelPos + byteLength(label) + 1),
            message: 'attribute names may not have labels',
          });
        }
        this.top = start; // the name is `first`: no fragments array to build
        return { type: 'Attribute', name: { name: first, pos: namePos }, value: this.parseExpression() };
      }
      case T.LCURLY: {
        const name = this.take<string>(start);
        const lcurly = this.expect(T.LCURLY);
        const body = this.parseBody(T.RCURLY);
        const rcurly = this.expect(T.RCURLY);
        return { type: 'Block', name, namePos, label, labelPos, body, lcurly, rcurly };
      }
      default: {
        const fragments = this.top - start;
        this.top = start;
        if (fragments === 1 && label === '') this.addErrorf(`expected attribute assignment or block body, got ${tokenString(this.tok())}`);
        else this.addErrorf(`expected block body, got ${tokenString(this.tok())}`);
        this.advance(T.IDENT);
        return undefined;
      }
    }
  }

  /** Parses `a.b.c "label"`, leaving the fragments on the stack and the rest in the name fields. */
  private parseBlockName(): boolean {
    if (this.tok() !== T.IDENT) {
      this.addErrorf(`expected identifier, got ${tokenString(this.tok())}`);
      return false;
    }
    this.nameStart = this.top;
    this.namePos = this.pos;
    this.label = '';
    this.labelPos = NoPos;
    this.push(this.lit);
    this.next();
    while (this.tok() === T.DOT) {
      this.next();
      if (this.tok() !== T.IDENT) this.addErrorf(`expected identifier, got ${tokenString(this.tok())}`);
      this.push(this.lit);
      this.next();
    }
    if (this.tok() !== T.ASSIGN && this.tok() !== T.LCURLY) {
      if (this.tok() === T.STRING) {
        if (this.lit[0] !== '"') this.addErrorf(`expected block label to be a double quoted string, but got ${goQuote(this.lit)}`);
        if (this.lit.length > 2) {
          this.label = this.lit.slice(1, -1);
          if (!isIdentifier(this.label)) this.addErrorf(`expected block label to be a valid identifier, but got ${goQuote(this.label)}`);
        }
        this.labelPos = this.pos;
      } else {
        this.addErrorf(`expected block label, got ${tokenString(this.tok())}`);
      }
      this.next();
    }
    return true;
  }

  parseExpression(): ast.Expr {
    // The parser collects errors instead of throwing, so every enter() is matched without finally.
    if (!this.enter()) return this.skipped();
    const expr = this.parseBinOp(1);
    this.depth--;
    return expr;
  }

  /**
   * Enters one level of nesting. Past MAX_NESTING the rest of the file is skipped with one error,
   * so that a generated or corrupt file (ten thousand `[`) is a finding, not a stack overflow.
   */
  private enter(): boolean {
    if (++this.depth <= MAX_NESTING) return true;
    this.depth--;
    if (!this.tooDeep) {
      this.tooDeep = true;
      this.addErrorf(`nesting deeper than ${MAX_NESTING} levels; a hand-written configuration nests a few levels, so this one is likely generated or damaged`);
    }
    this.advance(T.EOF);
    return false;
  }

  private skipped(): ast.Expr {
    return { type: 'Literal', kind: T.NULL, value: 'null', pos: this.pos };
  }

  private parseBinOp(inPrec: number): ast.Expr {
    let lhs = this.parsePowExpr();
    for (;;) {
      const op = this.tok();
      const opPos = this.pos;
      const prec = binaryPrecedence(op);
      if (prec < inPrec) return lhs;
      this.next();
      const right = this.parseBinOp(prec + 1);
      lhs = { type: 'Binary', op, opPos, left: lhs, right };
    }
  }

  private parsePowExpr(): ast.Expr {
    const lhs = this.parseUnaryExpr();
    if (this.tok() === T.POW) {
      const opPos = this.pos;
      this.next();
      if (!this.enter()) return lhs;
      const right = this.parsePowExpr();
      this.depth--;
      return { type: 'Binary', op: T.POW, opPos, left: lhs, right };
    }
    return lhs;
  }

  private parseUnaryExpr(): ast.Expr {
    if (this.tok() === T.NOT || this.tok() === T.SUB) {
      const op = this.tok();
      const opPos = this.pos;
      this.next();
      if (!this.enter()) return this.skipped();
      const value = this.parseUnaryExpr();
      this.depth--;
      return { type: 'Unary', op, opPos, value };
    }
    let primary = this.parsePrimaryExpr();
    for (;;) {
      switch (this.tok()) {
        case T.DOT: {
          this.next();
          const namePos = this.pos;
          const name = this.lit;
          this.expect(T.IDENT);
          primary = { type: 'Access', value: primary, name: { name, pos: namePos } };
          break;
        }
        case T.LBRACK: {
          const lbrack = this.expect(T.LBRACK);
          const index = this.parseExpression();
          const rbrack = this.expect(T.RBRACK);
          primary = { type: 'Index', value: primary, index, lbrack, rbrack };
          break;
        }
        case T.LPAREN: {
          const lparen = this.expect(T.LPAREN);
          const args = this.tok() !== T.RPAREN ? this.parseExpressionList(T.RPAREN) : [];
          const rparen = this.expect(T.RPAREN);
          primary = { type: 'Call', value: primary, args, lparen, rparen };
          break;
        }
        case T.STRING:
        case T.LCURLY: {
          // Someone assigned a block to an attribute: parse it as a block to say so.
          if (this.tok() === T.STRING) this.next();
          this.expect(T.LCURLY);
          if (!this.expectOk) {
            this.consumeStatement();
            return primary;
          }
          this.parseBody(T.RCURLY);
          const end = this.expect(T.RCURLY);
          if (!this.expectOk) {
            this.consumeStatement();
            return primary;
          }
          this.diags.push({
            severity: 'error',
            start: this.file.position(startPos(primary)),
            end: this.file.position(end),
            message: 'cannot use a block as an expression',
          });
          break;
        }
        default:
          return primary;
      }
    }
  }

  private parsePrimaryExpr(): ast.Expr {
    switch (this.tok()) {
      case T.IDENT: {
        const res: ast.Expr = { type: 'Identifier', ident: { name: this.lit, pos: this.pos } };
        this.next();
        return res;
      }
      case T.STRING:
      case T.NUMBER:
      case T.FLOAT:
      case T.BOOL:
      case T.NULL: {
        const res: ast.Expr = { type: 'Literal', kind: this.tok(), value: this.lit, pos: this.pos };
        this.next();
        return res;
      }
      case T.LPAREN: {
        const lparen = this.expect(T.LPAREN);
        const inner = this.parseExpression();
        const rparen = this.expect(T.RPAREN);
        return { type: 'Paren', inner, lparen, rparen };
      }
      case T.LBRACK: {
        const lbrack = this.expect(T.LBRACK);
        const elements = this.tok() !== T.RBRACK ? this.parseExpressionList(T.RBRACK) : [];
        const rbrack = this.expect(T.RBRACK);
        return { type: 'Array', elements, lbrack, rbrack };
      }
      case T.LCURLY: {
        const lcurly = this.expect(T.LCURLY);
        // Alloy compares with RBRACK here, so `{}` goes through parseFieldList, which stops at once.
        const fields = this.tok() !== T.RBRACK ? this.parseFieldList(T.RCURLY) : [];
        const rcurly = this.expect(T.RCURLY);
        return { type: 'Object', fields, lcurly, rcurly };
      }
    }
    this.addErrorf(`expected expression, got ${tokenString(this.tok())}`);
    const res: ast.Expr = { type: 'Literal', kind: T.NULL, value: 'null', pos: this.pos };
    this.advanceAny(STATEMENT_END);
    return res;
  }

  private parseExpressionList(until: Token): ast.Expr[] {
    const start = this.top;
    while (this.tok() !== until && this.tok() !== T.EOF) {
      this.push(this.parseExpression());
      if (this.tok() === until) break;
      if (this.tok() !== T.COMMA) this.addErrorf("missing ',' in expression list");
      this.next();
    }
    return this.take(start);
  }

  private parseFieldList(until: Token): ast.ObjectField[] {
    const start = this.top;
    while (this.tok() !== until && this.tok() !== T.EOF) {
      this.push(this.parseField());
      if (this.tok() === until) break;
      if (this.tok() !== T.COMMA) this.addErrorf("missing ',' in field list");
      this.next();
    }
    return this.take(start);
  }

  private parseField(): ast.ObjectField {
    let name: ast.Ident = { name: '', pos: NoPos };
    let quoted = false;
    if (this.tok() === T.STRING || this.tok() === T.IDENT) {
      name = { name: this.lit, pos: this.pos };
      if (this.tok() === T.STRING && this.lit.length > 2) {
        name.name = this.lit.slice(1, -1);
        quoted = true;
      }
      this.next();
    } else {
      this.addErrorf(`expected field name (string or identifier), got ${tokenString(this.tok())}`);
      this.advance(T.ASSIGN);
    }
    this.expect(T.ASSIGN);
    return { name, quoted, value: this.parseExpression() };
  }
}
