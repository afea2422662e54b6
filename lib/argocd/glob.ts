// Go's `path.Match`, which Argo CD's Git directory generator uses to select folders: `*` matches
// any run of characters except `/`, `?` one character except `/`, `[a-z]`/`[^a-z]` a class, `\`
// escapes. A port of go/src/path/match.go (same chunk algorithm, same malformed-pattern errors),
// working on code points as Go works on UTF-8 runes.

export class BadPatternError extends Error {
  constructor(pattern: string) {
    super(`syntax error in pattern "${pattern}" (Go path.Match); Argo CD logs this and matches nothing`);
  }
}

const BAD = Symbol('bad pattern');
type Chars = readonly string[];

function scanChunk(pattern: Chars): { star: boolean; chunk: Chars; rest: Chars } {
  let i = 0;
  let star = false;
  while (i < pattern.length && pattern[i] === '*') {
    i++;
    star = true;
  }
  const p = pattern.slice(i);
  let inRange = false;
  for (let j = 0; j < p.length; j++) {
    const c = p[j];
    if (c === '\\') {
      if (j + 1 < p.length) j++;
    } else if (c === '[') inRange = true;
    else if (c === ']') inRange = false;
    else if (c === '*' && !inRange) return { star, chunk: p.slice(0, j), rest: p.slice(j) };
  }
  return { star, chunk: p, rest: [] };
}

function getEsc(chunk: Chars): { r: string; rest: Chars } | typeof BAD {
  if (chunk.length === 0 || chunk[0] === '-' || chunk[0] === ']') return BAD;
  let c = chunk;
  if (c[0] === '\\') {
    c = c.slice(1);
    if (c.length === 0) return BAD;
  }
  const rest = c.slice(1);
  if (rest.length === 0) return BAD;
  return { r: c[0]!, rest };
}

/** Whether `chunk` (no `*`) matches the start of `s`; the rest of `s` on success. */
function matchChunk(chunkIn: Chars, sIn: Chars): { rest: Chars } | null | typeof BAD {
  let chunk = chunkIn;
  let s = sIn;
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    const c = chunk[0];
    if (c === '[') {
      let r = '';
      if (!failed) {
        r = s[0]!;
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
      let negated = false;
      if (chunk.length > 0 && chunk[0] === '^') {
        negated = true;
        chunk = chunk.slice(1);
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (chunk.length > 0 && chunk[0] === ']' && nrange > 0) {
          chunk = chunk.slice(1);
          break;
        }
        const lo = getEsc(chunk);
        if (lo === BAD) return BAD;
        let hi = lo.r;
        chunk = lo.rest;
        if (chunk[0] === '-') {
          const h = getEsc(chunk.slice(1));
          if (h === BAD) return BAD;
          hi = h.r;
          chunk = h.rest;
        }
        const cp = r.codePointAt(0) ?? -1;
        if (!failed && lo.r.codePointAt(0)! <= cp && cp <= hi.codePointAt(0)!) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c === '?') {
      if (!failed) {
        if (s[0] === '/') failed = true;
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
    } else {
      if (c === '\\') {
        chunk = chunk.slice(1);
        if (chunk.length === 0) return BAD;
      }
      if (!failed) {
        if (chunk[0] !== s[0]) failed = true;
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
    }
  }
  return failed ? null : { rest: s };
}

/** Go's `path.Match(pattern, name)`; throws BadPatternError where Go returns ErrBadPattern. */
export function pathMatch(patternText: string, nameText: string): boolean {
  let pattern: Chars = Array.from(patternText);
  let name: Chars = Array.from(nameText);
  outer: while (pattern.length > 0) {
    const scanned = scanChunk(pattern);
    const { star, chunk } = scanned;
    pattern = scanned.rest;
    if (star && chunk.length === 0) return !name.includes('/');
    const here = matchChunk(chunk, name);
    if (here !== null && here !== BAD && (here.rest.length === 0 || pattern.length > 0)) {
      name = here.rest;
      continue;
    }
    if (here === BAD) throw new BadPatternError(patternText);
    if (star) {
      for (let i = 0; i < name.length && name[i] !== '/'; i++) {
        const t = matchChunk(chunk, name.slice(i + 1));
        if (t !== null && t !== BAD) {
          if (pattern.length === 0 && t.rest.length > 0) continue;
          name = t.rest;
          continue outer;
        }
        if (t === BAD) throw new BadPatternError(patternText);
      }
    }
    // Go checks that the rest of the pattern is well formed before answering "no match".
    while (pattern.length > 0) {
      const next = scanChunk(pattern);
      pattern = next.rest;
      if (matchChunk(next.chunk, []) === BAD) throw new BadPatternError(patternText);
    }
    return false;
  }
  return name.length === 0;
}
