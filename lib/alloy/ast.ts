// AST of the Alloy configuration syntax (mirrors grafana/alloy syntax/ast, Apache-2.0).
import { type Pos, NoPos, type Token, type SourceFile } from './token';

export interface Ident {
  name: string;
  pos: Pos;
}

export interface Comment {
  pos: Pos;
  /** Text without carriage returns; line comments have no trailing newline. */
  text: string;
}
export type CommentGroup = Comment[];

export interface IdentifierExpr {
  type: 'Identifier';
  ident: Ident;
}
export interface LiteralExpr {
  type: 'Literal';
  kind: Token;
  pos: Pos;
  /** Source text of the literal, quotes included. */
  value: string;
}
export interface ArrayExpr {
  type: 'Array';
  elements: Expr[];
  lbrack: Pos;
  rbrack: Pos;
}
export interface ObjectField {
  name: Ident;
  /** The key was a string; `name.name` is then the text between the quotes. */
  quoted: boolean;
  value: Expr;
}
export interface ObjectExpr {
  type: 'Object';
  fields: ObjectField[];
  lcurly: Pos;
  rcurly: Pos;
}
export interface AccessExpr {
  type: 'Access';
  value: Expr;
  name: Ident;
}
export interface IndexExpr {
  type: 'Index';
  value: Expr;
  index: Expr;
  lbrack: Pos;
  rbrack: Pos;
}
export interface CallExpr {
  type: 'Call';
  value: Expr;
  args: Expr[];
  lparen: Pos;
  rparen: Pos;
}
export interface UnaryExpr {
  type: 'Unary';
  op: Token;
  opPos: Pos;
  value: Expr;
}
export interface BinaryExpr {
  type: 'Binary';
  op: Token;
  opPos: Pos;
  left: Expr;
  right: Expr;
}
export interface ParenExpr {
  type: 'Paren';
  inner: Expr;
  lparen: Pos;
  rparen: Pos;
}

export type Expr = IdentifierExpr | LiteralExpr | ArrayExpr | ObjectExpr | AccessExpr | IndexExpr | CallExpr | UnaryExpr | BinaryExpr | ParenExpr;

export interface AttributeStmt {
  type: 'Attribute';
  name: Ident;
  value: Expr;
}
export interface BlockStmt {
  type: 'Block';
  /** Name fragments: `prometheus.remote_write` is ["prometheus", "remote_write"]. */
  name: string[];
  namePos: Pos;
  /** Label without quotes; "" when absent. */
  label: string;
  labelPos: Pos;
  body: Stmt[];
  lcurly: Pos;
  rcurly: Pos;
}
export type Stmt = AttributeStmt | BlockStmt;

export interface File {
  name: string;
  body: Stmt[];
  comments: CommentGroup[];
  /** Line table of the source; absent for ASTs built in code. */
  source?: SourceFile;
}

/** UTF-8 length of a string, which Alloy positions count in. */
export function byteLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 2; // surrogate pair: 2 code units, 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}

function add(pos: Pos, n: number): Pos {
  return pos < 0 ? NoPos : pos + n;
}

export function startPos(n: Stmt | Expr | Ident | Comment): Pos {
  return 'type' in n ? nodeStart(n) : n.pos;
}

/** startPos of a statement or expression, without the `in` check (slow on the printer's hot path). */
export function nodeStart(n: Stmt | Expr): Pos {
  switch (n.type) {
    case 'Attribute':
      return n.name.pos;
    case 'Block':
      return n.namePos;
    case 'Identifier':
      return n.ident.pos;
    case 'Literal':
      return n.pos;
    case 'Array':
      return n.lbrack;
    case 'Object':
      return n.lcurly;
    case 'Access':
    case 'Index':
    case 'Call':
      return nodeStart(n.value);
    case 'Unary':
      return n.opPos;
    case 'Binary':
      return nodeStart(n.left);
    case 'Paren':
      return n.lparen;
  }
}

/** Position of the last byte of a node. */
export function endPos(n: Stmt | Expr | Ident | Comment): Pos {
  if (!('type' in n)) return 'text' in n ? add(n.pos, byteLength(n.text) - 1) : add(n.pos, byteLength(n.name) - 1);
  switch (n.type) {
    case 'Attribute':
      return endPos(n.value);
    case 'Block':
      return n.rcurly;
    case 'Identifier':
      return endPos(n.ident);
    case 'Literal':
      return add(n.pos, byteLength(n.value) - 1);
    case 'Array':
      return n.rbrack;
    case 'Object':
      return n.rcurly;
    case 'Access':
      return endPos(n.name);
    case 'Index':
      return n.rbrack;
    case 'Call':
      return n.rparen;
    case 'Unary':
      return endPos(n.value);
    case 'Binary':
      return endPos(n.right);
    case 'Paren':
      return n.rparen;
  }
}

export function blockName(b: BlockStmt): string {
  return b.name.join('.');
}
