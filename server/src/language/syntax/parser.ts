// The parser: a hand-written recursive descent over the scanner's token arrays. The grammar
// is deliberately tiny and tolerant:
//
//   document := (NEWLINE | member | stray '}')*
//   member   := atom atom* block?  |  block
//   block    := '{' (NEWLINE | member)* '}'?
//   atom     := number unit? | string | ident | '%' | ','
//
// Every token can start or continue something, so parsing never fails. What a member means
// (which properties a block takes, what their values must be) is decided later by the schema,
// not by the grammar: a typo in a keyword then gives one precise "unknown property"
// diagnostic instead of derailing the parse. Structural mistakes (an unclosed block, a stray
// brace, an unterminated string) are reported here, and parsing goes on.
//
// Performance: this replaced a chevrotain parser of the same grammar (whose results it
// reproduces exactly: tree and errors); working on typed arrays of tokens rather than token
// objects, it parses a 10 000-line scenario several times faster (docs/performance.md).
import { K, scan, type Scan } from './lexer';
import type { Atom, Block, Document, Member, SyntaxError } from './tree';
import { lookupUnit } from '../units';

/** Deeper nesting than this is never meaningful in a scenario; refusing it keeps recursion bounded. */
export const MAX_NESTING = 16;
const MAX_SYNTAX_ERRORS = 1000;

class Parser {
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly count: number;
  i = 0;
  readonly syntaxErrors: SyntaxError[] = [];

  constructor(
    readonly text: string,
    tokens: Scan,
  ) {
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.count = tokens.count;
  }

  kind(i: number): number {
    return i < this.count ? this.kinds[i] : K.Eof;
  }

  document(): Member[] {
    const members: Member[] = [];
    while (this.i < this.count) {
      const k = this.kinds[this.i];
      if (k === K.Newline) this.i++;
      else if (k === K.RBrace) {
        this.error(this.i, 'SYN003', "Unmatched '}': no block is open here. Remove it or add the block it should close.");
        this.i++;
      } else members.push(this.member());
    }
    return members;
  }

  member(): Member {
    if (this.kinds[this.i] === K.LBrace) {
      const body = this.block();
      this.syntaxErrors.push({ code: 'SYN004', message: "A block needs a keyword before '{' (for example `host pm1 { ... }`).", start: body.start, end: body.start + 1 });
      const key: Atom = { kind: 'ident', text: '', start: body.start, end: body.start };
      return { key, args: [], body, start: body.start, end: body.end };
    }
    const key = this.atom();
    const args: Atom[] = [];
    while (isAtomStart(this.kind(this.i))) args.push(this.atom());
    const body = this.kind(this.i) === K.LBrace ? this.block() : undefined;
    return { key, args, body, start: key.start, end: body ? body.end : (args.length ? args[args.length - 1] : key).end };
  }

  block(): Block {
    const open = this.starts[this.i++];
    const members: Member[] = [];
    let k: number;
    while ((k = this.kind(this.i)) !== K.RBrace && k !== K.Eof) {
      if (k === K.Newline) this.i++;
      else members.push(this.member());
    }
    const closed = k === K.RBrace;
    let end: number;
    if (closed) end = this.starts[this.i++] + 1;
    else end = members.length ? members[members.length - 1].end : open + 1;
    return { members, closed, start: open, end };
  }

  atom(): Atom {
    const i = this.i++;
    const start = this.starts[i];
    const end = this.ends[i];
    const image = this.text.slice(start, end);
    switch (this.kinds[i]) {
      case K.NumberLit: {
        const k = this.kind(this.i);
        if (k === K.Percent || (k === K.Ident && lookupUnit(this.text.slice(this.starts[this.i], this.ends[this.i])) !== undefined)) {
          const u = this.i++;
          const unitSpan = { start: this.starts[u], end: this.ends[u] };
          return { kind: 'number', text: image, value: Number(image), start, end: unitSpan.end, unit: this.text.slice(unitSpan.start, unitSpan.end), unitSpan };
        }
        return { kind: 'number', text: image, value: Number(image), start, end };
      }
      case K.StringLit:
        return { kind: 'string', text: unquote(image), start, end };
      case K.UnterminatedString:
        this.error(i, 'SYN002', 'Unterminated string: add the closing " on the same line.');
        return { kind: 'string', text: unquote(image), start, end };
      case K.Ident:
        return { kind: 'ident', text: image, start, end };
      case K.Percent:
        return { kind: 'percent', text: image, start, end };
      default:
        return { kind: 'comma', text: image, start, end };
    }
  }

  error(i: number, code: string, message: string): void {
    // Past this many, more syntax errors only cost time (a file of stray braces).
    if (this.syntaxErrors.length >= MAX_SYNTAX_ERRORS) return;
    this.syntaxErrors.push({ code, message, start: this.starts[i], end: this.ends[i] });
  }
}

function isAtomStart(k: number): boolean {
  return k === K.NumberLit || k === K.Ident || k === K.StringLit || k === K.UnterminatedString || k === K.Percent || k === K.Comma;
}

function unquote(s: string): string {
  const body = s.endsWith('"') && s.length > 1 ? s.slice(1, -1) : s.slice(1);
  return body.indexOf('\\') < 0 ? body : body.replace(/\\(.)/g, '$1');
}

export function parse(text: string): Document {
  const tokens = scan(text);
  const errors: SyntaxError[] = [];
  for (const e of tokens.errors) {
    if (errors.length >= MAX_SYNTAX_ERRORS) break;
    const t = text.slice(e.start, e.end);
    errors.push({
      code: 'SYN001',
      message: `Unexpected character${t.length > 1 ? 's' : ''} '${t.length > 20 ? t.slice(0, 20) + '…' : t}': names use letters, digits and _, text goes in double quotes.`,
      start: e.start,
      end: e.end,
    });
  }
  const parser = new Parser(text, limitNesting(tokens, errors));
  const members = parser.document();
  for (const e of parser.syntaxErrors) errors.push(e);
  collectUnclosed(members, errors);
  const comments = tokens.comments.map((c) => ({ text: text.slice(c.start, c.end), start: c.start, end: c.end }));
  return { members, comments, errors: errors.sort((a, b) => a.start - b.start), length: text.length };
}

/** Drops braces nested deeper than MAX_NESTING (and their partners) with one diagnostic, so recursion stays bounded. */
function limitNesting(tokens: Scan, errors: SyntaxError[]): Scan {
  const { kinds, starts, ends, count } = tokens;
  let depth = 0;
  let dropped = 0;
  let reported = false;
  // The copy is made only from the first dropped brace on: a file within the limit (every
  // real one) keeps its token arrays as they are.
  let out = -1;
  for (let i = 0; i < count; i++) {
    const k = kinds[i];
    if (k === K.LBrace) {
      if (depth >= MAX_NESTING) {
        dropped++;
        if (out < 0) out = i;
        if (!reported) {
          errors.push({ code: 'SYN005', message: `Blocks are nested deeper than ${MAX_NESTING} levels; the deeper braces are ignored.`, start: starts[i], end: starts[i] + 1 });
          reported = true;
        }
        continue;
      }
      depth++;
    } else if (k === K.RBrace) {
      if (dropped > 0) {
        dropped--;
        continue;
      }
      if (depth > 0) depth--;
    }
    // Kept tokens move down over the dropped ones (in place: the arrays are this parse's own).
    if (out >= 0) {
      kinds[out] = k;
      starts[out] = starts[i];
      ends[out] = ends[i];
      out++;
    }
  }
  return out < 0 ? tokens : { ...tokens, count: out };
}

/**
 * Reports the innermost unclosed block only: when a '}' is forgotten, every enclosing
 * block is unclosed too, but the fix belongs to the innermost one.
 */
function collectUnclosed(members: Member[], errors: SyntaxError[]): boolean {
  let found = false;
  for (const m of members) {
    if (!m.body) continue;
    const inner = collectUnclosed(m.body.members, errors);
    if (!m.body.closed && !inner) {
      const name = m.key.text ? `'${m.key.text}${m.args[0] ? ' ' + m.args[0].text : ''}'` : 'this block';
      errors.push({ code: 'SYN006', message: `Block ${name} is never closed: add '}' after its last line.`, start: m.body.start, end: m.body.start + 1 });
    }
    found ||= inner || !m.body.closed;
  }
  return found;
}
