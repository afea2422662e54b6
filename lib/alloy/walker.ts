// The tree walker of `alloy fmt`: a port of grafana/alloy syntax/printer/walker.go (Apache-2.0). It
// prints a parsed or built tree; reformat.ts makes the same printer calls straight from source tokens.
import type * as ast from './ast';
import { endPos, nodeStart } from './ast';
import { T } from './token';
import { Printer, WS_BLANK, WS_FORMFEED, WS_INDENT, WS_NEWLINE, WS_UNINDENT, WS_VTAB } from './printer';

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
    p.ident(s.name[0] ?? '');
    for (let i = 1; i < s.name.length; i++) p.nameFragment(s.name[i]!);
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
