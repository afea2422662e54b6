// `alloy fmt` of source text without building its tree: the parser's grammar, run over the scanned tokens,
// drives the printer directly and makes the calls the tree walker (walker.ts) makes on the parsed tree, in
// the same order (writing from the source bytes what the walker writes from strings), so the output is the
// same text. The tree is most of what formatting allocates and the walker a second pass over it; `lgtm fmt`
// and the builder format whole configurations.
//
// Only well-formed input is formatted here: on anything the scanner or the parser would report, reformat()
// returns undefined and the caller parses, which reports it with Alloy's messages.
import { byteLength } from './ast';
import { MAX_NESTING } from './parser';
import { Printer, WS_BLANK, WS_FORMFEED, WS_INDENT, WS_NEWLINE, WS_UNINDENT, WS_VTAB } from './printer';
import { keyword, sliceText } from './scanner';
import { recycle, scanTokens, type Tokens } from './tokens';
import { asciiIdentifierChar, isIdentifier, quotesAsIs } from './quote';
import { binaryPrecedence, T, type Token } from './token';

/** Thrown where the parser would report an error; reformat() turns it into undefined. */
const MALFORMED = new Error('malformed Alloy input (left to the parser)');

/** The formatted text of `src` without its final newline, or undefined when the input has syntax errors. */
export function reformat(filename: string, src: Uint8Array): string | undefined {
  const tokens = scanTokens(filename, src);
  if (!tokens) return undefined;
  const p = new Printer(tokens.file, tokens.src);
  p.setComments(tokens.comments);
  try {
    new Reformatter(tokens, p).file();
  } catch (e) {
    if (e === MALFORMED) return undefined;
    throw e;
  } finally {
    recycle(tokens);
  }
  return p.finish();
}

/** Parser.parseBody and friends without the tree, each rule printing as Walker prints what it would build. */
class Reformatter {
  private readonly src: Uint8Array;
  private readonly kinds: Uint8Array;
  private readonly spans: Int32Array;
  private readonly lines: Int32Array;
  /** Index of the current token. */
  private k = 0;
  private depth = 0;

  constructor(
    tokens: Tokens,
    private readonly p: Printer,
  ) {
    this.src = tokens.src;
    this.kinds = tokens.kinds;
    this.spans = tokens.spans;
    this.lines = tokens.lines;
  }

  /** The line of token `j`'s first byte. */
  private line(j: number): number {
    return this.lines[j]!;
  }

  /** Where token `j` starts. */
  private pos(j: number): number {
    return this.spans[2 * j]!;
  }

  /** Where token `j` ends. */
  private end(j: number): number {
    return this.spans[2 * j + 1]!;
  }

  /** The text of token `j`, for the few that the printer takes as strings. */
  private text(j: number): string {
    return sliceText(this.src, this.pos(j), this.end(j));
  }

  /** isIdentifier() of the bytes [from, to), without a string for the common ASCII name. */
  private isIdentifier(from: number, to: number): boolean {
    const b = this.src;
    const n = to - from;
    for (let i = from; i < to; i++) {
      if (asciiIdentifierChar(b[i]!, i === from)) continue;
      return isIdentifier(sliceText(b, from, to)); // Unicode letters, or not a name
    }
    return n > 0 && keyword(b, from, to) === T.IDENT;
  }

  /** The bytes [from, to) are text Go's %q leaves as it is. */
  private isPlain(from: number, to: number): boolean {
    const b = this.src;
    for (let i = from; i < to; i++) if (!quotesAsIs(b[i]!)) return false;
    return true;
  }

  /** Writes token `j` as it is in the source. */
  private source(j: number): void {
    this.p.source(this.kinds[j] as Token, this.pos(j), this.end(j));
  }

  /** The current token; a method so TypeScript does not narrow it across advances. */
  private tok(): Token {
    return this.kinds[this.k] as Token;
  }

  private expect(t: Token): number {
    if (this.kinds[this.k] !== t) throw MALFORMED;
    return this.pos(this.k++);
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) throw MALFORMED;
  }

  /** Walker.endLine of an expression that ended with the last token read: the line of its last byte. */
  private endLine(): number {
    const j = this.k - 1;
    const at = this.pos(j);
    const end = this.end(j);
    // Only raw (backtick) strings span lines.
    if (this.kinds[j] === T.STRING && this.src[at] === 0x60 && this.src.subarray(at, end).indexOf(0x0a) >= 0) return this.p.lineOf(end - 1);
    return this.line(j);
  }

  file(): void {
    this.body(T.EOF);
    this.expect(T.EOF);
  }

  /** Parser.parseBody and Walker.stmts. */
  private body(until: Token): void {
    this.enter();
    const p = this.p;
    let prevEnd = 0;
    for (let i = 0; this.tok() !== until && this.tok() !== T.EOF; i++) {
      const start = this.line(this.k);
      const end = this.statement(i > 0, start - prevEnd > 1);
      p.space(end > start ? WS_FORMFEED : WS_NEWLINE);
      prevEnd = end;
      if (this.tok() === until) break;
      this.expect(T.TERMINATOR);
    }
    this.depth--;
  }

  /** One statement; returns its last line. */
  private statement(notFirst: boolean, afterBlankLine: boolean): number {
    const p = this.p;
    const namePos = this.pos(this.k);
    const nameAt = this.k;
    this.expect(T.IDENT);
    while (this.tok() === T.DOT) {
      this.k++;
      this.expect(T.IDENT);
    }
    const nameEnd = this.k;
    let labelAt = -1; // the label's token, when it is not `""` (a label the walker leaves out)
    let labelPos = -1;
    if (this.tok() !== T.ASSIGN && this.tok() !== T.LCURLY) {
      const at = this.k;
      labelPos = this.expect(T.STRING);
      if (this.src[labelPos] !== 0x22) throw MALFORMED;
      if (this.end(at) - labelPos > 2) {
        if (!this.isIdentifier(labelPos + 1, this.end(at) - 1)) throw MALFORMED;
        labelAt = at;
      }
    }
    if (this.tok() === T.ASSIGN) {
      if (nameEnd !== nameAt + 1 || labelPos >= 0) throw MALFORMED; // a dotted or labelled attribute name
      if (notFirst && afterBlankLine) p.space(WS_FORMFEED);
      p.at(namePos);
      this.source(nameAt);
      p.space(WS_VTAB);
      p.token(T.ASSIGN);
      p.space(WS_BLANK);
      this.k++;
      this.expression();
      return this.endLine();
    }
    if (notFirst) p.space(WS_FORMFEED);
    p.at(namePos);
    this.source(nameAt);
    for (let j = nameAt + 2; j < nameEnd; j += 2) p.sourceFragment(this.pos(j), this.end(j));
    if (labelAt >= 0) {
      // The walker's quoted(label): an identifier between quotes is written as it is in the source.
      p.space(WS_BLANK);
      p.at(labelPos);
      this.source(labelAt);
    }
    p.space(WS_BLANK);
    p.at(this.expect(T.LCURLY));
    p.token(T.LCURLY);
    p.space(WS_INDENT);
    if (this.tok() !== T.RCURLY) {
      p.space(WS_FORMFEED);
      this.body(T.RCURLY);
    } else {
      p.space(WS_BLANK);
    }
    p.space(WS_UNINDENT);
    const rcurly = this.expect(T.RCURLY);
    p.at(rcurly);
    p.token(T.RCURLY);
    return this.line(this.k - 1);
  }

  /**
   * Parser.parseExpression. Operator precedence shapes the tree but not the output, which is the tokens in
   * order with blanks around binary operators, so operands and operators are read in one loop. The nesting
   * depth is still counted as the parser counts it: one level per unary operator while its operand is
   * read, and one per `^` in a chain of them.
   */
  private expression(): void {
    const p = this.p;
    this.enter();
    const base = this.depth;
    for (;;) {
      let prefixes = 0;
      for (let op = this.tok(); op === T.NOT || op === T.SUB; op = this.tok()) {
        p.at(this.pos(this.k++));
        p.token(op);
        this.enter();
        prefixes++;
      }
      this.operand();
      this.depth -= prefixes;
      const op = this.tok();
      if (binaryPrecedence(op) === 0) break;
      p.space(WS_BLANK);
      p.at(this.pos(this.k++));
      p.token(op);
      p.space(WS_BLANK);
      if (op === T.POW) this.enter();
      else this.depth = base;
    }
    this.depth = base - 1;
  }

  /** A primary expression and what follows it: `.name`, `[index]`, `(arguments)`. */
  private operand(): void {
    const p = this.p;
    this.primary();
    for (;;) {
      switch (this.tok()) {
        case T.DOT:
          this.k++;
          p.token(T.DOT);
          if (this.tok() !== T.IDENT) throw MALFORMED;
          this.source(this.k++);
          break;
        case T.LBRACK:
          p.at(this.expect(T.LBRACK));
          p.token(T.LBRACK);
          this.expression();
          p.at(this.expect(T.RBRACK));
          p.token(T.RBRACK);
          break;
        case T.LPAREN:
          this.call();
          break;
        case T.STRING:
        case T.LCURLY:
          throw MALFORMED; // a block assigned to an attribute
        default:
          return;
      }
    }
  }

  private primary(): void {
    const p = this.p;
    const kind = this.tok();
    switch (kind) {
      case T.IDENT:
      case T.STRING:
      case T.NUMBER:
      case T.FLOAT:
      case T.BOOL:
      case T.NULL:
        p.at(this.pos(this.k));
        this.source(this.k++);
        return;
      case T.LPAREN:
        this.k++;
        p.token(T.LPAREN);
        this.expression();
        this.expect(T.RPAREN);
        p.token(T.RPAREN);
        return;
      case T.LBRACK:
        this.array();
        return;
      case T.LCURLY:
        this.object();
        return;
      default:
        throw MALFORMED;
    }
  }

  /**
   * Ends an item of a list up to `until` (Parser.parseExpressionList): a comma, unless the list ends here.
   * Returns whether another item follows, which is where the walker writes the comma.
   */
  private another(until: Token): boolean {
    if (this.tok() === until) return false;
    this.expect(T.COMMA);
    return this.tok() !== until;
  }

  private array(): void {
    const p = this.p;
    const lbrack = this.expect(T.LBRACK);
    p.at(lbrack);
    p.token(T.LBRACK);
    let prevLine = this.line(this.k - 1);
    let n = 0;
    for (; this.tok() !== T.RBRACK && this.tok() !== T.EOF; n++) {
      let added = false;
      if (prevLine !== this.line(this.k)) {
        p.space(WS_INDENT);
        p.space(WS_FORMFEED);
        added = true;
      } else if (n > 0) {
        p.space(WS_BLANK);
      }
      this.expression();
      prevLine = this.endLine();
      if (this.another(T.RBRACK)) p.token(T.COMMA);
      if (added) p.space(WS_UNINDENT);
    }
    const rbrack = this.expect(T.RBRACK);
    if (n > 0 && prevLine !== this.line(this.k - 1)) {
      p.token(T.COMMA);
      p.space(WS_INDENT);
      p.space(WS_FORMFEED);
      p.space(WS_UNINDENT);
    }
    p.at(rbrack);
    p.token(T.RBRACK);
  }

  private call(): void {
    const p = this.p;
    this.expect(T.LPAREN);
    p.token(T.LPAREN);
    let prevLine = this.line(this.k - 1);
    while (this.tok() !== T.RPAREN && this.tok() !== T.EOF) {
      let added = false;
      if (prevLine !== this.line(this.k)) {
        p.space(WS_FORMFEED);
        p.space(WS_INDENT);
        added = true;
      }
      this.expression();
      prevLine = this.endLine();
      if (this.another(T.RPAREN)) {
        p.token(T.COMMA);
        p.space(WS_BLANK);
      }
      if (added) p.space(WS_UNINDENT);
    }
    this.expect(T.RPAREN);
    // Even without arguments, as Alloy does (`f(\n)` prints `f(,\n)`).
    if (prevLine !== this.line(this.k - 1)) {
      p.token(T.COMMA);
      p.space(WS_FORMFEED);
    }
    p.token(T.RPAREN);
  }

  private object(): void {
    const p = this.p;
    const lcurly = this.expect(T.LCURLY);
    p.at(lcurly);
    p.token(T.LCURLY);
    p.space(WS_INDENT);
    // Alloy compares with RBRACK here, so `{]` reports a missing `}`.
    if (this.tok() === T.RBRACK) throw MALFORMED;
    let prevLine = this.line(this.k - 1);
    let prevLines = 0; // lines of the previous field's value
    let n = 0;
    for (; this.tok() !== T.RCURLY && this.tok() !== T.EOF; n++) {
      const namePos = this.pos(this.k);
      const nameAt = this.k;
      const kind = this.tok();
      if (kind !== T.IDENT && kind !== T.STRING) throw MALFORMED;
      this.k++;
      const nameEnd = this.end(nameAt);
      // Parser.parseField: a string key longer than its quotes is the text between them, which the walker
      // quotes again; a double-quoted key the quoting leaves as it is is written from the source.
      const quoted = kind === T.STRING && nameEnd - namePos > 2;
      const asIs = !quoted || (this.src[namePos] === 0x22 && this.isPlain(namePos + 1, nameEnd - 1));
      const name = asIs ? '' : this.text(nameAt).slice(1, -1);
      if (prevLine !== this.line(nameAt)) {
        if (n > 0 && prevLines === 1) p.space(WS_NEWLINE);
        else p.space(WS_FORMFEED);
      } else if (n > 0) {
        p.space(WS_BLANK);
      }
      // Walker.nameEndLine, with the parser's position of a quoted name (its opening quote).
      prevLine = name.indexOf('\n') < 0 ? this.line(nameAt) : p.lineOf(namePos + byteLength(name) - 1);
      p.at(namePos);
      if (!asIs) p.quoted(name);
      else p.source(quoted ? T.STRING : T.IDENT, namePos, nameEnd); // an identifier, or `""` written as one
      p.space(WS_VTAB);
      p.token(T.ASSIGN);
      p.space(WS_BLANK);
      this.expect(T.ASSIGN);
      const valueStart = this.line(this.k);
      this.expression();
      prevLines = this.endLine() - valueStart + 1;
      if (this.another(T.RCURLY)) p.token(T.COMMA);
    }
    const rcurly = this.expect(T.RCURLY);
    if (n > 0 && prevLine !== this.line(this.k - 1)) {
      p.token(T.COMMA);
      p.space(WS_FORMFEED);
    }
    p.space(WS_UNINDENT);
    p.at(rcurly);
    p.token(T.RCURLY);
  }
}
