// The printer of `alloy fmt`: a port of grafana/alloy syntax/printer (printer.go, trimmer.go; Apache-2.0).
// A walker (walker.ts over a tree, reformat.ts over a token stream) writes tokens and abstract whitespace;
// the printer injects comments by source position and indents with tabs, the tabwriter aligns cells.
import type * as ast from './ast';
import { endPos } from './ast';
import { T, type Token, tokenString, type Pos, type SourceFile } from './token';
import { goQuote, quotesAsIs } from './quote';
import { TabWriter } from './tabwriter';

// Abstract whitespace. Indent/unindent change the level; the rest are written as characters.
const WS_IGNORE = 0;
export const WS_BLANK = 0x20;
export const WS_VTAB = 0x0b;
export const WS_NEWLINE = 0x0a;
export const WS_FORMFEED = 0x0c;
export const WS_INDENT = 0x3e;
export const WS_UNINDENT = 0x3c;
type Ws = number;

const MAX_NEWLINES = 2;
const MAX_INT = Number.MAX_SAFE_INTEGER;

/** The byte of each token written as one (`{`, `,`, `=`, …); 0 for the others. */
const TOKEN_BYTE = new Uint8Array(64);
for (let t = 0; t < TOKEN_BYTE.length; t++) {
  const s = tokenString(t as Token);
  if (s.length === 1) TOKEN_BYTE[t] = s.charCodeAt(0);
}

function newlineLimit(n: number): number {
  return n > MAX_NEWLINES ? MAX_NEWLINES : n;
}

/** Text Go's %q leaves as it is, so it is written between quotes without copying. */
function isPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!quotesAsIs(s.charCodeAt(i))) return false;
  return true;
}

export class Printer {
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

  // Position estimate in source space: an offset, and a line (Alloy also keeps a column nothing reads).
  // Only comments read the line, so it is kept as a base and the line breaks written since: the base is
  // the line of a source position (lineFrom), looked up when a comment needs it, or line 1 before any.
  private pOff = 0;
  private lineFrom: Pos = -1;
  private lineAdd = 0;
  // The line of the last text written, kept the same way; line 0 until there is any (lastBase).
  private lastFrom: Pos = -1;
  private lastBase = 0;
  private lastAdd = 0;
  /** The output is at the start of a line (indent pending). */
  private atLineStart = true;
  /** Every source byte is ASCII: an identifier or a number is then letters, digits and `._+-` only. */
  private readonly asciiSource: boolean;
  private readonly bytesView: DataView;

  /** `bytes`, the source text, is what source() writes from. */
  constructor(
    private readonly src: SourceFile | undefined,
    private readonly bytes: Uint8Array = new Uint8Array(0),
  ) {
    // Formatted text is about as long as its source: allocate once instead of doubling up to it.
    this.tw = new TabWriter((src?.size ?? 0) + ((src?.size ?? 0) >> 3) + 4096);
    this.asciiSource = src?.ascii === true;
    this.bytesView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  lineOf(pos: Pos): number {
    return pos < 0 || !this.src ? 0 : this.src.line(pos);
  }

  /** The line of the position estimate. */
  private line(): number {
    return (this.lineFrom >= 0 ? this.src!.line(this.lineFrom) : 1) + this.lineAdd;
  }

  /** The line of the last text written. */
  private lastLine(): number {
    return (this.lastFrom >= 0 ? this.src!.line(this.lastFrom) : this.lastBase) + this.lastAdd;
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
      this.lineFrom = pos;
      this.lineAdd = 0;
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
    const ch = TOKEN_BYTE[t]!;
    if (ch === 0) {
      this.emit(tokenString(t));
      return;
    }
    this.beforeToken();
    this.endText(this.tw.byte(ch));
  }

  /** A token as it is in the source, bytes [from, to): an identifier or a literal. */
  source(kind: Token, from: number, to: number): void {
    this.lastTok = kind;
    this.beforeToken();
    // Only a string can hold a tab or a line break; in an ASCII source nothing else needs looking at.
    this.endText(this.tw.writeBytes(this.bytes, this.bytesView, from, to, kind !== T.STRING && this.asciiSource));
  }

  /** A block name's fragment after the first (written with ident()): `.` and the name, as one token. */
  nameFragment(name: string): void {
    this.writeString('.');
    this.writeString(name);
  }

  /** nameFragment() of the name in the source bytes [from, to). */
  sourceFragment(from: number, to: number): void {
    this.writeString('.');
    if (this.atLineStart) this.writeIndent();
    this.endText(this.tw.writeBytes(this.bytes, this.bytesView, from, to, this.asciiSource));
  }

  /** A string literal of `s` quoted as Go's %q does; plain text is written between quotes without copying. */
  quoted(s: string): void {
    if (!isPlain(s)) {
      this.literal(T.STRING, goQuote(s));
      return;
    }
    this.lastTok = T.STRING;
    this.emit('"');
    this.writeString(s);
    this.writeString('"');
  }

  private emit(data: string): void {
    this.beforeToken();
    this.endText(this.tw.write(data, false));
  }

  /**
   * Writes the comments and whitespace due before the next token, then the indent, and moves the position
   * estimate back to where it was: the token is where the source has it, whatever came before it here.
   */
  private beforeToken(): void {
    // Most tokens follow a blank or nothing, with no comment due: nothing moves the estimate then.
    if (this.wsLen === 0 && !this.atLineStart && !this.commentBefore(this.pOff)) return;
    const off = this.pOff;
    const from = this.lineFrom;
    const add = this.lineAdd;
    this.flush(off, -1, this.lastTok);
    if (this.atLineStart) this.writeIndent();
    this.pOff = off;
    this.lineFrom = from;
    this.lineAdd = add;
  }

  /** Writes what is due before offset `nOff`; `nLine` is its line, -1 for the estimate's. */
  private flush(nOff: number, nLine: number, tok: Token): void {
    if (this.commentBefore(nOff)) this.injectComments(nOff, nLine < 0 ? this.line() : nLine, tok);
    else if (tok !== T.EOF) this.writeWhitespace(this.wsLen);
  }

  private injectComments(nOff: number, nLine: number, tok: Token): void {
    let lastComment: ast.Comment | undefined;
    while (this.commentBefore(nOff)) {
      for (const c of this.cur) {
        this.writeCommentPrefix(nLine, c);
        this.writeComment(c);
        lastComment = c;
      }
      this.nextComment();
    }
    this.writeCommentSuffix(nLine, tok, lastComment!);
  }

  private writeCommentPrefix(nLine: number, c: ast.Comment): void {
    if (this.tw.isEmpty()) return;
    const cLine = this.lineOf(c.pos);
    const lastLine = this.lastLine();
    if (cLine === lastLine) {
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
    if (cLine > 0 && lastLine > 0) newlines = cLine - lastLine;
    if (newlines > 0) this.writeByte(WS_FORMFEED, newlineLimit(newlines));
  }

  private writeCommentSuffix(nLine: number, tok: Token, lastComment: ast.Comment): void {
    if (tok === T.EOF) return;
    let droppedFF = false;
    if (lastComment.text.charCodeAt(1) === 0x2a && nLine === this.lineOf(endPos(lastComment))) this.writeByte(WS_BLANK, 1);
    const newlines = nLine - this.lastLine();
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

  /** Writes text that continues the token before it. */
  private writeString(s: string): void {
    if (this.atLineStart) this.writeIndent();
    this.endText(this.tw.write(s, false));
  }

  /** Writes a comment, moving the position estimate to where it is in the source first. */
  private writeComment(c: ast.Comment): void {
    if (this.atLineStart) this.writeIndent();
    this.at(c.pos);
    this.endText(this.tw.write(c.text, true));
  }

  /** Moves the position estimate past `len` bytes of text just written. */
  private endText(len: number): void {
    const tw = this.tw;
    this.pOff += len;
    if (tw.newlines > 0) {
      this.lineAdd += tw.newlines;
      this.atLineStart = tw.tail === 0;
    } else if (len > 0) {
      this.atLineStart = false;
    }
    this.lastFrom = this.lineFrom;
    this.lastBase = 1;
    this.lastAdd = this.lineAdd;
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
      this.lineAdd += n;
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
