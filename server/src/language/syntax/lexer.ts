// Tokens of the sipmig language. Newlines are tokens: a property ends at the end of its
// line, as in the configuration files operators already read.
//
// The token definitions are chevrotain token types (their patterns are the specification,
// and `test/language/lexer.test.ts` checks the scanner below against chevrotain's own lexer
// built from them). Scanning itself is hand-written: it produces the tokens as three typed
// arrays (kind, start, end) instead of one object and one string per token, which made
// lexing a 10 000-line scenario several times faster and its garbage negligible
// (docs/performance.md).
import { createToken, Lexer, type TokenType } from 'chevrotain';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /(?:#|\/\/)[^\r\n]*/, group: 'comments' });
export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n|;/, line_breaks: true });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Percent = createToken({ name: 'Percent', pattern: /%/ });
export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\r\n]|\\.)*"/ });
/** An opening quote with no closing one on the same line: lexed so that the parser can say so precisely. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\r\n]|\\.)*/ });
export const NumberLit = createToken({ name: 'NumberLit', pattern: /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/ });
/** Names, keywords and units; `MiB/s`-style rate units keep their slash. */
export const Ident = createToken({ name: 'Ident', pattern: /[A-Za-z_][A-Za-z0-9_.\-]*(?:\/[A-Za-z]+)?/ });

/** In the order chevrotain tries them (the first that matches wins). */
export const allTokens = [WhiteSpace, Comment, Newline, LBrace, RBrace, Comma, Percent, StringLit, UnterminatedString, NumberLit, Ident];

/** Token kinds of the scanner: indexes into `allTokens`. */
export const enum K {
  WhiteSpace = 0,
  Comment = 1,
  Newline = 2,
  LBrace = 3,
  RBrace = 4,
  Comma = 5,
  Percent = 6,
  StringLit = 7,
  UnterminatedString = 8,
  NumberLit = 9,
  Ident = 10,
  /** Past the last token. */
  Eof = 11,
}

/** The tokens of a text (without whitespace and comments) as parallel arrays. */
export interface Scan {
  count: number;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  comments: { start: number; end: number }[];
  errors: { start: number; end: number }[];
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Characters `.` in a regular expression does not match. */
const isLineTerminator = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const isSpace = (c: number) => c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;

// The kind and end of the token matched at `at`, exactly as the token patterns above would
// (tried in order, the first match wins); `matchKind` is -1 when no pattern matches.
let matchKind = -1;
let matchEnd = 0;

function matchAt(text: string, at: number): void {
  const n = text.length;
  const c = text.charCodeAt(at);
  let i = at + 1;
  matchKind = -1;
  if (isLetter(c) || c === 95) {
    for (; i < n; i++) {
      const d = text.charCodeAt(i);
      if (!(isLetter(d) || isDigit(d) || d === 95 || d === 46 || d === 45)) break;
    }
    if (text.charCodeAt(i) === 47 && isLetter(text.charCodeAt(i + 1))) for (i += 2; i < n && isLetter(text.charCodeAt(i)); i++);
    matchKind = K.Ident;
  } else if (isSpace(c)) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    matchKind = K.WhiteSpace;
  } else if (c === 10 || c === 59) {
    matchKind = K.Newline;
  } else if (c === 13) {
    if (text.charCodeAt(i) === 10) i++;
    matchKind = K.Newline;
  } else if (isDigit(c) || c === 43 || c === 45 || c === 46) {
    // [+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?
    i = at;
    if (c === 43 || c === 45) i++;
    if (isDigit(text.charCodeAt(i))) {
      while (isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46) for (i++; isDigit(text.charCodeAt(i)); i++);
    } else if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
      for (i += 2; isDigit(text.charCodeAt(i)); i++);
    } else return;
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      let j = i + 1;
      const s = text.charCodeAt(j);
      if (s === 43 || s === 45) j++;
      if (isDigit(text.charCodeAt(j))) {
        while (isDigit(text.charCodeAt(j))) j++;
        i = j;
      }
    }
    matchKind = K.NumberLit;
  } else if (c === 34) {
    // "(?:[^"\\\r\n]|\\.)*" and, when no closing quote follows, "(?:[^"\\\r\n]|\\.)*
    matchKind = K.UnterminatedString;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === 34) {
        i++;
        matchKind = K.StringLit;
        break;
      }
      if (d === 92) {
        if (i + 1 < n && !isLineTerminator(text.charCodeAt(i + 1))) i += 2;
        else break;
      } else if (d === 10 || d === 13) break;
      else i++;
    }
  } else if (c === 123) matchKind = K.LBrace;
  else if (c === 125) matchKind = K.RBrace;
  else if (c === 44) matchKind = K.Comma;
  else if (c === 37) matchKind = K.Percent;
  else if (c === 35 || (c === 47 && text.charCodeAt(i) === 47)) {
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === 10 || d === 13) break;
      i++;
    }
    matchKind = K.Comment;
  }
  matchEnd = i;
}

/**
 * Scans a text as chevrotain's lexer would with the tokens above: whitespace skipped,
 * comments apart, and characters no token starts with dropped up to the next place where a
 * token matches, as one error.
 */
export function scan(text: string): Scan {
  const n = text.length;
  // A token has at least one character: n + 1 slots always suffice, but most texts have about
  // one token per five characters; the arrays grow when needed.
  let cap = Math.max(16, (n >> 2) + 16);
  let kinds = new Uint8Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let count = 0;
  const comments: Scan['comments'] = [];
  const errors: Scan['errors'] = [];
  let at = 0;
  while (at < n) {
    matchAt(text, at);
    if (matchKind < 0) {
      const start = at;
      do {
        at++;
        if (at >= n) break;
        matchAt(text, at);
      } while (matchKind < 0);
      errors.push({ start, end: at });
      continue;
    }
    if (matchKind === K.WhiteSpace) {
      // skipped
    } else if (matchKind === K.Comment) comments.push({ start: at, end: matchEnd });
    else {
      if (count === cap) {
        cap *= 2;
        const k2 = new Uint8Array(cap);
        k2.set(kinds);
        kinds = k2;
        const s2 = new Int32Array(cap);
        s2.set(starts);
        starts = s2;
        const e2 = new Int32Array(cap);
        e2.set(ends);
        ends = e2;
      }
      kinds[count] = matchKind;
      starts[count] = at;
      ends[count] = matchEnd;
      count++;
    }
    at = matchEnd;
  }
  return { count, kinds, starts, ends, comments, errors };
}

/** A token as an object, for the formatter (which works on tokens, not on the tree). */
export interface Token {
  tokenType: TokenType;
  image: string;
  startOffset: number;
}

export interface LexResult {
  tokens: Token[];
  comments: Token[];
  errors: { start: number; end: number; text: string }[];
}

export function lex(text: string): LexResult {
  const s = scan(text);
  const tokens: Token[] = [];
  for (let i = 0; i < s.count; i++) tokens.push({ tokenType: allTokens[s.kinds[i]], image: text.slice(s.starts[i], s.ends[i]), startOffset: s.starts[i] });
  return {
    tokens,
    comments: s.comments.map((c) => ({ tokenType: Comment, image: text.slice(c.start, c.end), startOffset: c.start })),
    errors: s.errors.map((e) => ({ start: e.start, end: e.end, text: text.slice(e.start, e.end) })),
  };
}
