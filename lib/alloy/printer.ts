// Pretty-printer producing exactly what `alloy fmt` prints: a port of grafana/alloy syntax/printer
// (walker.go, printer.go, trimmer.go; Apache-2.0). The walker emits tokens and abstract whitespace, the
// printer injects comments by source position and indents with tabs, the tabwriter aligns cells.
import type * as ast from './ast';
import { endPos, nodeStart } from './ast';
import { T, type Token, tokenString, type Pos, type SourceFile } from './token';
import { goQuote } from './quote';
import { TabWriter } from './tabwriter';

// Abstract whitespace. Indent/unindent change the level; the rest are written as characters.
const WS_IGNORE = 0;
const WS_BLANK = 0x20;
const WS_VTAB = 0x0b;
const WS_NEWLINE = 0x0a;
const WS_FORMFEED = 0x0c;
const WS_INDENT = 0x3e;
const WS_UNINDENT = 0x3c;
type Ws = number;

const MAX_NEWLINES = 2;
const MAX_INT = Number.MAX_SAFE_INTEGER;

function newlineLimit(n: number): number {
  return n > MAX_NEWLINES ? MAX_NEWLINES : n;
}

/** Printable ASCII without `"` or `\`: Go's %q leaves it as it is. */
function isPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 0x20 || ch > 0x7e || ch === 0x22 || ch === 0x5c) return false;
  }
  return true;
}

class Printer {
  private readonly tw: TabWriter;
  private indent = 0;
  private lastTok: Token = T.LITERAL;
  // Pending whitespace: at most 16 entries, as in Alloy (a fixed buffer; it is flushed when full).
  private readonly ws = new Uint8Array(16);
  private wsLen = 0;

  private comments: ast.CommentGroup[] = [];
  private commentIdx = 0;
  private cur: ast.CommentGroup = [];
  private commentPos: Pos = -1;

  // Position estimate in source space (offset and line; Alloy also keeps a column nothing reads), the
  // line of the last text written, and whether the output is at the start of a line (indent pending).
  private pOff = 0;
  private pLine = 1;
  private lastLine = 0;
  private atLineStart = true;

  constructor(private readonly src: SourceFile | undefined) {
    // Formatted text is about as long as its source: allocate once instead of doubling up to it.
    this.tw = new TabWriter((src?.size ?? 0) + ((src?.size ?? 0) >> 3) + 4096);
  }

  lineOf(pos: Pos): number {
    return pos < 0 || !this.src ? 0 : this.src.line(pos);
  }

  setComments(groups: ast.CommentGroup[]): void {
    this.comments = groups;
    this.commentIdx = 0;
    this.commentPos = -1;
    this.nextComment();
  }

  private nextComment(): void {
    while (this.commentIdx < this.comments.length) {
      const c = this.comments[this.commentIdx++]!;
      if (c.length > 0) {
        this.cur = c;
        this.commentPos = c[0]!.pos;
        return;
      }
    }
    this.commentPos = -1;
  }

  private commentBefore(nextOff: number): boolean {
    return this.commentPos >= 0 && this.commentPos <= nextOff;
  }

  // --- Write(...) argument kinds -------------------------------------------------------------

  space(w: Ws): void {
    if (w === WS_IGNORE) return;
    if (this.wsLen === 16) this.writeWhitespace(16);
    this.ws[this.wsLen++] = w;
    this.lastTok = T.LITERAL;
  }

  at(pos: Pos): void {
    if (pos >= 0 && this.src) {
      this.pOff = pos;
      this.pLine = this.src.line(pos);
    }
  }

  ident(name: string): void {
    this.lastTok = T.IDENT;
    this.emit(name);
  }

  literal(kind: Token, value: string): void {
    this.lastTok = kind;
    this.emit(value);
  }

  token(t: Token): void {
    // Keep `1 .` and `/ *` apart so the output scans as the same tokens.
    if ((this.lastTok === T.NUMBER && t === T.DOT) || (this.lastTok === T.DIV && t === T.MUL)) {
      this.ws[0] = WS_BLANK;
      this.wsLen = 1;
    }
    this.lastTok = t;
    this.emit(tokenString(t));
  }

  /** A block name: the fragments joined by dots, written one by one rather than joined into a new string. */
  blockName(fragments: readonly string[]): void {
    this.lastTok = T.IDENT;
    this.emit(fragments[0] ?? '');
    for (let i = 1; i < fragments.length; i++) {
      this.writeString(0, 0, '.', false);
      this.writeString(0, 0, fragments[i]!, false);
    }
  }

  /** A string literal of `s` quoted as Go's %q does; plain text is written between quotes without copying. */
  quoted(s: string): void {
    if (!isPlain(s)) {
      this.literal(T.STRING, goQuote(s));
      return;
    }
    this.lastTok = T.STRING;
    this.emit('"');
    this.writeString(0, 0, s, false);
    this.writeString(0, 0, '"', false);
  }

  private emit(data: string): void {
    const nOff = this.pOff;
    const nLine = this.pLine;
    this.flush(nOff, nLine, this.lastTok);
    this.writeString(nOff, nLine, data, false);
  }

  flush(nOff: number, nLine: number, tok: Token): void {
    if (this.commentBefore(nOff)) this.injectComments(nOff, nLine, tok);
    else if (tok !== T.EOF) this.writeWhitespace(this.wsLen);
  }

  private injectComments(nOff: number, nLine: number, tok: Token): void {
    let lastComment: ast.Comment | undefined;
    while (this.commentBefore(nOff)) {
      for (const c of this.cur) {
        this.writeCommentPrefix(nLine, c);
        this.writeString(c.pos, this.lineOf(c.pos), c.text, true);
        lastComment = c;
      }
      this.nextComment();
    }
    this.writeCommentSuffix(nLine, tok, lastComment!);
  }

  private writeCommentPrefix(nLine: number, c: ast.Comment): void {
    if (this.tw.isEmpty()) return;
    const cLine = this.lineOf(c.pos);
    if (cLine === this.lastLine) {
      // A block comment followed by a token on the same line gets a space, anything else a tab cell.
      this.writeByte(cLine === nLine ? WS_BLANK : 0x09, 1);
      return;
    }
    let wsCount = 0;
    for (let i = 0; i < this.wsLen; i++) {
      const w = this.ws[i]!;
      if (w === WS_INDENT || w === WS_UNINDENT) continue;
      if (w === WS_BLANK || w === WS_VTAB || w === WS_NEWLINE || w === WS_FORMFEED) this.ws[i] = WS_IGNORE;
      wsCount = i;
      break;
    }
    this.writeWhitespace(wsCount);
    let newlines = 0;
    if (cLine > 0 && this.lastLine > 0) newlines = cLine - this.lastLine;
    if (newlines > 0) this.writeByte(WS_FORMFEED, newlineLimit(newlines));
  }

  private writeCommentSuffix(nLine: number, tok: Token, lastComment: ast.Comment): void {
    if (tok === T.EOF) return;
    let droppedFF = false;
    if (lastComment.text.charCodeAt(1) === 0x2a && nLine === this.lineOf(endPos(lastComment))) this.writeByte(WS_BLANK, 1);
    const newlines = nLine - this.lastLine;
    for (let i = 0; i < this.wsLen; i++) {
      const w = this.ws[i]!;
      if (w === WS_BLANK || w === WS_VTAB) this.ws[i] = WS_IGNORE;
      else if (w === WS_NEWLINE || w === WS_FORMFEED) {
        if (w === WS_FORMFEED) droppedFF = true;
        this.ws[i] = WS_IGNORE;
      }
    }
    this.writeWhitespace(this.wsLen);
    if (newlines > 0) this.writeByte(droppedFF ? WS_FORMFEED : WS_NEWLINE, newlineLimit(newlines));
  }

  /** Writes text; a positive `line` first moves the position estimate to where the text is in the source. */
  private writeString(off: number, line: number, s: string, isLit: boolean): void {
    if (this.atLineStart) this.writeIndent();
    if (line > 0) {
      this.pOff = off;
      this.pLine = line;
    }
    const tw = this.tw;
    const len = tw.write(s, isLit);
    this.pOff += len;
    if (tw.newlines > 0) {
      this.pLine += tw.newlines;
      this.atLineStart = tw.tail === 0;
    } else if (len > 0) {
      this.atLineStart = false;
    }
    this.lastLine = this.pLine;
  }

  private writeIndent(): void {
    const depth = this.indent;
    this.tw.tabs(depth);
    this.pOff += depth;
    if (depth > 0) this.atLineStart = false;
  }

  private writeByte(ch: number, n: number): void {
    if (this.atLineStart) this.writeIndent();
    if (ch === WS_BLANK) this.tw.repeat(ch, n);
    else for (let i = 0; i < n; i++) this.tw.terminate(ch);
    this.pOff += n;
    if (ch === WS_NEWLINE || ch === WS_FORMFEED) {
      this.pLine += n;
      this.atLineStart = true;
    } else if (n > 0) {
      this.atLineStart = false;
    }
  }

  private writeWhitespace(n: number): void {
    for (let i = 0; i < n; i++) {
      const w = this.ws[i]!;
      if (w === WS_IGNORE) continue;
      if (w === WS_INDENT) this.indent++;
      else if (w === WS_UNINDENT) this.indent = Math.max(0, this.indent - 1);
      else this.writeByte(w, 1);
    }
    if (n === this.wsLen) this.wsLen = 0;
    else if (n > 0) {
      this.ws.copyWithin(0, n, this.wsLen);
      this.wsLen -= n;
    }
  }

  finish(): string {
    this.flush(MAX_INT, MAX_INT, T.EOF);
    return this.tw.finish();
  }
}

class Walker {
  constructor(private readonly p: Printer) {}

  private lines(n: ast.Stmt | ast.Expr): number {
    return this.endLine(n) - this.p.lineOf(nodeStart(n)) + 1;
  }

  /** Line of a node's last byte; the same as lineOf(endPos(n)) without measuring literals byte by byte. */
  private endLine(n: ast.Stmt | ast.Expr): number {
    const p = this.p;
    switch (n.type) {
      case 'Literal':
        // Only raw (backtick) strings can span lines: a double-quoted one ends at a line break.
        return n.value.charCodeAt(0) !== 0x60 || n.value.indexOf('\n') < 0 ? p.lineOf(n.pos) : p.lineOf(endPos(n));
      case 'Identifier':
        return p.lineOf(n.ident.pos);
      case 'Access':
        return p.lineOf(n.name.pos);
      case 'Attribute':
        return this.endLine(n.value);
      case 'Unary':
        return this.endLine(n.value);
      case 'Binary':
        return this.endLine(n.right);
      default:
        return p.lineOf(endPos(n));
    }
  }

  private nameEndLine(name: ast.Ident): number {
    return name.name.indexOf('\n') < 0 ? this.p.lineOf(name.pos) : this.p.lineOf(endPos(name));
  }

  stmts(ss: ast.Stmt[]): void {
    const p = this.p;
    let prevEnd = 0; // last line of the previous statement
    for (let i = 0; i < ss.length; i++) {
      const s = ss[i]!;
      // Each statement's first and last lines are looked up once: for the blank line before it (always
      // one before a block) and for the break after it (a blank line after a multi-line statement).
      const start = p.lineOf(s.type === 'Attribute' ? s.name.pos : s.namePos);
      if (i > 0 && (s.type === 'Block' || start - prevEnd > 1)) p.space(WS_FORMFEED);
      let end: number;
      if (s.type === 'Attribute') {
        this.attribute(s);
        end = this.endLine(s.value);
      } else {
        this.block(s);
        end = p.lineOf(s.rcurly);
      }
      p.space(end > start ? WS_FORMFEED : WS_NEWLINE);
      prevEnd = end;
    }
  }

  private attribute(s: ast.AttributeStmt): void {
    const p = this.p;
    p.at(s.name.pos);
    p.ident(s.name.name);
    p.space(WS_VTAB);
    p.token(T.ASSIGN);
    p.space(WS_BLANK);
    this.expr(s.value);
  }

  private block(s: ast.BlockStmt): void {
    const p = this.p;
    p.at(s.namePos);
    p.blockName(s.name);
    if (s.label !== '') {
      p.space(WS_BLANK);
      p.at(s.labelPos);
      p.quoted(s.label);
    }
    p.space(WS_BLANK);
    p.at(s.lcurly);
    p.token(T.LCURLY);
    p.space(WS_INDENT);
    if (s.body.length > 0) {
      p.space(WS_FORMFEED);
      this.stmts(s.body);
    } else {
      p.space(WS_BLANK);
    }
    p.space(WS_UNINDENT);
    p.at(s.rcurly);
    p.token(T.RCURLY);
  }

  expr(e: ast.Expr): void {
    const p = this.p;
    switch (e.type) {
      case 'Literal':
        p.at(e.pos);
        p.literal(e.kind, e.value);
        return;
      case 'Array':
        this.array(e);
        return;
      case 'Object':
        this.object(e);
        return;
      case 'Identifier':
        p.at(e.ident.pos);
        p.ident(e.ident.name);
        return;
      case 'Access':
        this.expr(e.value);
        p.token(T.DOT);
        p.ident(e.name.name);
        return;
      case 'Index':
        this.expr(e.value);
        p.at(e.lbrack);
        p.token(T.LBRACK);
        this.expr(e.index);
        p.at(e.rbrack);
        p.token(T.RBRACK);
        return;
      case 'Call':
        this.call(e);
        return;
      case 'Unary':
        p.at(e.opPos);
        p.token(e.op);
        this.expr(e.value);
        return;
      case 'Binary':
        this.expr(e.left);
        p.space(WS_BLANK);
        p.at(e.opPos);
        p.token(e.op);
        p.space(WS_BLANK);
        this.expr(e.right);
        return;
      case 'Paren':
        p.token(T.LPAREN);
        this.expr(e.inner);
        p.token(T.RPAREN);
        return;
    }
  }

  private array(e: ast.ArrayExpr): void {
    const p = this.p;
    p.at(e.lbrack);
    p.token(T.LBRACK);
    let prevLine = p.lineOf(e.lbrack);
    for (let i = 0; i < e.elements.length; i++) {
      const el = e.elements[i]!;
      let addedNewline = false;
      if (prevLine !== p.lineOf(nodeStart(el))) {
        p.space(WS_INDENT);
        p.space(WS_FORMFEED);
        addedNewline = true;
      } else if (i > 0) {
        p.space(WS_BLANK);
      }
      prevLine = this.endLine(el);
      this.expr(el);
      if (i + 1 < e.elements.length) p.token(T.COMMA);
      if (addedNewline) p.space(WS_UNINDENT);
    }
    if (e.elements.length > 0 && prevLine !== p.lineOf(e.rbrack)) {
      p.token(T.COMMA);
      p.space(WS_INDENT);
      p.space(WS_FORMFEED);
      p.space(WS_UNINDENT);
    }
    p.at(e.rbrack);
    p.token(T.RBRACK);
  }

  private object(e: ast.ObjectExpr): void {
    const p = this.p;
    p.at(e.lcurly);
    p.token(T.LCURLY);
    p.space(WS_INDENT);
    let prevLine = p.lineOf(e.lcurly);
    for (let i = 0; i < e.fields.length; i++) {
      const f = e.fields[i]!;
      if (prevLine !== p.lineOf(f.name.pos)) {
        if (i > 0 && this.lines(e.fields[i - 1]!.value) === 1) p.space(WS_NEWLINE);
        else p.space(WS_FORMFEED);
      } else if (i > 0) {
        p.space(WS_BLANK);
      }
      prevLine = this.nameEndLine(f.name);
      p.at(f.name.pos);
      if (f.quoted) p.quoted(f.name.name);
      else p.ident(f.name.name);
      p.space(WS_VTAB);
      p.token(T.ASSIGN);
      p.space(WS_BLANK);
      this.expr(f.value);
      if (i + 1 < e.fields.length) p.token(T.COMMA);
    }
    if (e.fields.length > 0 && prevLine !== p.lineOf(e.rcurly)) {
      p.token(T.COMMA);
      p.space(WS_FORMFEED);
    }
    p.space(WS_UNINDENT);
    p.at(e.rcurly);
    p.token(T.RCURLY);
  }

  private call(e: ast.CallExpr): void {
    const p = this.p;
    this.expr(e.value);
    p.token(T.LPAREN);
    let prevLine = p.lineOf(e.lparen);
    for (let i = 0; i < e.args.length; i++) {
      const arg = e.args[i]!;
      let addedNewline = false;
      if (prevLine !== p.lineOf(nodeStart(arg))) {
        p.space(WS_FORMFEED);
        p.space(WS_INDENT);
        addedNewline = true;
      }
      this.expr(arg);
      prevLine = this.endLine(arg);
      if (i + 1 < e.args.length) {
        p.token(T.COMMA);
        p.space(WS_BLANK);
      }
      if (addedNewline) p.space(WS_UNINDENT);
    }
    if (prevLine !== p.lineOf(e.rparen)) {
      p.token(T.COMMA);
      p.space(WS_FORMFEED);
    }
    p.token(T.RPAREN);
  }
}

/** Prints a file as `alloy fmt` does, without the final newline that `alloy fmt` appends. */
export function printFile(file: ast.File): string {
  const p = new Printer(file.source);
  p.setComments(file.comments);
  new Walker(p).stmts(file.body);
  return p.finish();
}

/** Prints one expression (no comments). */
export function printExpr(e: ast.Expr, source?: SourceFile): string {
  const p = new Printer(source);
  new Walker(p).expr(e);
  return p.finish();
}
