// Go's strconv.Quote (`%q`), which Alloy uses for block labels, quoted object keys and builder strings.
// JSON.stringify differs from it on control characters, DEL and non-printable code points.

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x22) out += '\\"';
    else if (cp === 0x5c) out += '\\\\';
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp === 0x07) out += '\\a';
    else if (cp === 0x08) out += '\\b';
    else if (cp === 0x0c) out += '\\f';
    else if (cp === 0x0a) out += '\\n';
    else if (cp === 0x0d) out += '\\r';
    else if (cp === 0x09) out += '\\t';
    else if (cp === 0x0b) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd'; // lone surrogate: Go sees invalid UTF-8 (U+FFFD)
    else if (PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + '"';
}

/** An Alloy identifier: a letter or `_`, then letters, digits or `_` (Unicode letters and digits count). */
const IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;
const KEYWORDS = new Set(['true', 'false', 'null']);

export function isIdentifier(s: string): boolean {
  return identifierText(s) && !KEYWORDS.has(s);
}

/**
 * The syntax of an identifier. ASCII text is judged without the Unicode regular expression, whose letters
 * and digits are ASCII's there: block labels are checked on every parse, and object keys such as
 * `X-Scope-OrgID` by the builder, which would otherwise compile the expression in every cold render.
 */
function identifierText(s: string): boolean {
  if (s.length === 0) return false;
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (asciiIdentifierChar(c, i === 0)) continue;
    if (c >= 0x80) return IDENT.test(s);
    ascii = false;
  }
  return ascii;
}

/** An ASCII character an identifier may hold at its start (`first`) or after it: a letter, `_`, a digit after the start. */
export function asciiIdentifierChar(c: number, first: boolean): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (!first && c >= 0x30 && c <= 0x39);
}

/** A character Go's %q leaves as it is: printable ASCII other than `"` and `\`. */
export function quotesAsIs(c: number): boolean {
  return c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c;
}
