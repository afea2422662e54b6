// Block-style YAML for plain JSON-shaped data, byte for byte what the `yaml` library's stringify
// gives with the options of lib/k8s/yaml.ts, about ten times faster: render spends a third of its
// time turning objects into text. The structure (maps, sequences, indentation, empty collections)
// is written here, and so are the two kinds of scalar whose rules are simple: plain words, and
// literal blocks of several lines. Every other scalar and key comes from the library itself, once
// per distinct value and context, so quoting and YAML 1.1 safety follow its rules exactly.
// Anything unusual (a key that needs `? `, a value that is not JSON-shaped) is handed to the
// library whole. One deviation from the library, on both paths: strings of blank lines are
// double-quoted (see isBlankLines). test/lib/yaml/block.test.ts compares the two on random data
// and on every rendered file, and reads every text back.
import { Document, isScalar as isScalarNode, stringify, visit, type ToStringOptions, type CreateNodeOptions, type DocumentOptions, type SchemaOptions } from 'yaml';

export type YamlOptions = DocumentOptions & SchemaOptions & CreateNodeOptions & ToStringOptions;

/** The library's answer when this emitter cannot vouch for its own. */
class Unusual extends Error {}

/** Scalars and keys as the library writes them; short ones remembered (they repeat a lot). */
interface Texts {
  key: Map<unknown, string>;
  value: Map<unknown, string>;
  item: Map<unknown, string>;
  /** Strings the caller wants double-quoted, as the library writes a QUOTE_DOUBLE scalar. */
  quoted: { options: YamlOptions; value: Map<unknown, string>; item: Map<unknown, string> };
}

export interface EmitOptions {
  /** Strings written double-quoted wherever they are a value or an item (a key so chosen is left to the library). */
  doubleQuoted?: (s: string) => boolean;
}

/** Strings longer than this are not remembered; nor is anything once a memo holds MEMO_ENTRIES. */
const MEMO_LIMIT = 200;
const MEMO_ENTRIES = 100_000;

/** One memo per options object, kept across calls: a fleet of environments repeats most texts. */
const memos = new WeakMap<YamlOptions, Texts>();
const PROBE = '\u0000probe';

function remembered(memo: Map<unknown, string>, v: unknown, make: () => string): string {
  // Long strings are rarely repeated; -0 and 0 are one key to a Map but two texts.
  const long = (typeof v === 'string' && v.length > MEMO_LIMIT) || Object.is(v, -0);
  if (!long) {
    const hit = memo.get(v);
    if (hit !== undefined) return hit;
  }
  const text = make();
  if (!long && memo.size < MEMO_ENTRIES) memo.set(v, text);
  return text;
}

// A word that starts with a letter and holds only letters, digits and `_./-` is written plain by
// the library (numbers, dates, `.inf` and `~` start otherwise), unless its YAML 1.1 schema could
// read it as something else: a boolean or null word, or an exponent alone (`e5`, `E-3`, which the
// library's 1.1 float pattern accepts). Such words are most of what render writes (names, labels,
// images, paths); they skip the library entirely. The tests compare them with the library's text.
const WORD = /^[A-Za-z][A-Za-z0-9_./-]*$/;
const EXPONENT = /^[eE][-+]?[0-9]+$/;
const KEYWORDS = new Set(['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null']);

function isPlainWord(v: unknown): v is string {
  return typeof v === 'string' && WORD.test(v) && !(v.length <= 5 && KEYWORDS.has(v.toLowerCase())) && !EXPONENT.test(v);
}

// The library writes a string of several lines in block context as a literal block scalar (the
// steps of its blockString, stringify/stringifyString.js, under lineWidth 0 and an indent of two).
// Written here for the common cases, which are the long texts render carries (configs,
// dashboards); the library keeps those whose rules are subtle: control characters or lone
// surrogates (double-quoted), a last line of only blanks (quoted), trailing line breaks to keep
// (`|+`), and document markers at the start of a line.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
const BLANK_LAST_LINE = /\n[\t ]+$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const BLOCK_INDENT = '  ';

function blockLiteral(value: string): string | undefined {
  if (!value.includes('\n') || CONTROL.test(value) || BLANK_LAST_LINE.test(value) || DOCUMENT_MARKER.test(value)) return undefined;
  // Chomping from the whitespace at the end: none kept (`-`) or one line break (clip).
  let endStart = value.length;
  for (; endStart > 0; endStart--) {
    const ch = value.charCodeAt(endStart - 1);
    if (ch !== 0x0a && ch !== 0x09 && ch !== 0x20) break;
  }
  let end = value.slice(endStart);
  const endNl = end.indexOf('\n');
  if (endNl !== -1 && (endStart === 0 || endNl !== end.length - 1)) return undefined; // `|+`
  const chomp = endNl === -1 ? '-' : '';
  let body = value.slice(0, endStart);
  if (end.endsWith('\n')) end = end.slice(0, -1);
  // An indentation indicator when the text starts with a blank; leading line breaks stay as they are.
  let startWithSpace = false;
  let startEnd = 0;
  let startNl = -1;
  for (; startEnd < body.length; startEnd++) {
    const ch = body.charCodeAt(startEnd);
    if (ch === 0x20) startWithSpace = true;
    else if (ch === 0x0a) startNl = startEnd;
    else break;
  }
  let start = body.slice(0, startNl < startEnd ? startNl + 1 : startEnd);
  if (start) {
    body = body.slice(start.length);
    start = start.replace(/\n+/g, `$&${BLOCK_INDENT}`);
  }
  const header = (startWithSpace ? '2' : '') + chomp;
  return `|${header}\n${BLOCK_INDENT}${start}${body.replace(/\n+/g, `$&${BLOCK_INDENT}`)}${end}`;
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A map the library writes as `{}`: it leaves out keys whose value is undefined. */
function isEmptyMap(v: Record<string, unknown>): boolean {
  return Object.values(v).every((x) => x === undefined);
}

// A string of only blank lines (spaces or tabs, and at least one line break), such as " \n": the
// library writes it as a literal block scalar (`|+` and a line of spaces) that reads back without
// its spaces, since they pass for the block's indentation. Such strings are written double-quoted,
// here and where the library writes the whole value; test/lib/yaml/block.test.ts reads every
// text back.
const BLANK_LINES = /^[ \t\n]*$/;

function isBlankLines(v: unknown): v is string {
  return typeof v === 'string' && v.includes('\n') && BLANK_LINES.test(v) && (v.includes(' ') || v.includes('\t'));
}

/**
 * The library's text for a value, with strings of blank lines double-quoted, and so are the
 * strings `emit.doubleQuoted` picks (keys among them).
 */
export function libraryYaml(value: unknown, options: YamlOptions, emit: EmitOptions = {}): string {
  const { doubleQuoted } = emit;
  const doc = new Document(value, options);
  visit(doc, {
    Scalar(_, node) {
      if (isScalarNode(node) && (isBlankLines(node.value) || (doubleQuoted !== undefined && typeof node.value === 'string' && doubleQuoted(node.value)))) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString(options);
}

/** The library's text (see libraryYaml), written by this emitter where it can. */
export function blockYaml(value: unknown, options: YamlOptions, emit: EmitOptions = {}): string {
  return emitBlock(value, options, emit) ?? libraryYaml(value, options, emit);
}

/** This emitter's text, or undefined where it leaves the value to the library. */
export function emitBlock(value: unknown, options: YamlOptions, emit: EmitOptions = {}): string | undefined {
  if (!isPlainObject(value) && !Array.isArray(value)) return undefined;
  let texts = memos.get(options);
  if (!texts) {
    const quoted = { options: { ...options, defaultStringType: 'QUOTE_DOUBLE' as const, defaultKeyType: 'PLAIN' as const }, value: new Map(), item: new Map() };
    memos.set(options, (texts = { key: new Map(), value: new Map(), item: new Map(), quoted }));
  }
  const memo = texts;
  const { doubleQuoted } = emit;
  const quote = (v: unknown): boolean => doubleQuoted !== undefined && typeof v === 'string' && doubleQuoted(v);
  const plainWords = options.defaultStringType === undefined || options.defaultStringType === 'PLAIN';
  const literals = plainWords && options.lineWidth === 0 && (options.indent ?? 2) === 2 && options.blockQuote === undefined;

  // A scalar's text after `k: ` (a map value) or `- ` (a sequence item): its own where this
  // emitter vouches for it, else the library's (more lines for a block scalar, indented two spaces).
  const scalarText = (v: unknown, item: boolean): string => {
    const quoted = quote(v) || isBlankLines(v);
    if (!quoted && plainWords && isPlainWord(v)) return v;
    const literal = !quoted && literals && typeof v === 'string' ? blockLiteral(v) : undefined;
    if (literal !== undefined) return literal;
    const [texts, opts] = quoted ? [item ? memo.quoted.item : memo.quoted.value, memo.quoted.options] : [item ? memo.item : memo.value, options];
    return remembered(texts, v, () => {
      const [doc, prefix] = item ? [stringify([v], opts), '- '] : [stringify({ k: v }, opts), 'k: '];
      if (!doc.startsWith(prefix)) throw new Unusual();
      return doc.slice(prefix.length, -1);
    });
  };
  const valueText = (v: unknown) => scalarText(v, false);
  const itemText = (v: unknown) => scalarText(v, true);
  const keyText = (k: string) => {
    if (quote(k) || isBlankLines(k)) throw new Unusual();
    if (plainWords && isPlainWord(k)) return k;
    return remembered(memo.key, k, () => {
      const doc = stringify({ [k]: PROBE }, options);
      const end = doc.lastIndexOf(': ');
      const text = doc.slice(0, end);
      if (end < 0 || text.includes('\n') || text.startsWith('? ')) throw new Unusual();
      return text;
    });
  };
  // A scalar's text at `indent`: the lines of a block scalar move with the collection it is in.
  const placed = (text: string, indent: string) => (indent === '' || !text.includes('\n') ? text : text.replace(/\n(?!\n|$)/g, `\n${indent}`));

  const out: string[] = [];
  const map = (obj: Record<string, unknown>, indent: string, first: string) => {
    let lead = first;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (v === undefined) continue; // the library leaves such keys out
      const key = keyText(k);
      if (isScalar(v)) {
        out.push(`${lead}${key}: ${placed(valueText(v), indent)}\n`);
      } else if (Array.isArray(v)) {
        if (v.length === 0) out.push(`${lead}${key}: []\n`);
        else {
          out.push(`${lead}${key}:\n`);
          seq(v, `${indent}  `, `${indent}  `);
        }
      } else if (isPlainObject(v)) {
        if (isEmptyMap(v)) out.push(`${lead}${key}: {}\n`);
        else {
          out.push(`${lead}${key}:\n`);
          map(v, `${indent}  `, `${indent}  `);
        }
      } else {
        throw new Unusual();
      }
      lead = indent;
    }
  };
  const seq = (arr: unknown[], indent: string, first: string) => {
    let lead = first;
    for (const v of arr) {
      if (isScalar(v)) {
        out.push(`${lead}- ${placed(itemText(v), indent)}\n`);
      } else if (Array.isArray(v)) {
        if (v.length === 0) out.push(`${lead}- []\n`);
        else seq(v, `${indent}  `, `${lead}- `);
      } else if (isPlainObject(v)) {
        if (isEmptyMap(v)) out.push(`${lead}- {}\n`);
        else map(v, `${indent}  `, `${lead}- `);
      } else {
        throw new Unusual(); // undefined, a Date, a class instance: the library knows what to do
      }
      lead = indent;
    }
  };

  try {
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]\n';
      seq(value, '', '');
    } else {
      if (isEmptyMap(value)) return '{}\n';
      map(value, '', '');
    }
  } catch (e) {
    if (e instanceof Unusual) return undefined;
    throw e;
  }
  return out.join('');
}
