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
  readonly scratchAtoms: Atom[] = [];
  readonly scratchMembers: Member[] = [];
  membersTop = 0;
  /** SYN006 errors, reported after all others (as they always were). */
  readonly unclosed: SyntaxError[] = [];
  /** Whether the member just parsed has an unclosed block in it (its own included). */
  memberUnclosed = false;
  /** Whether a member of the block just parsed has an unclosed block in it. */
  blockUnclosedInside = false;
  readonly strings = new Strings();

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
      const m = { key, args: [], body, start: body.start, end: body.end };
      this.checkClosed(m, body);
      return m;
    }
    const key = this.atom();
    // Collected in a scratch array and copied at their exact length: a list grown by push
    // reserves room for 16 and more, which on a large file was most of the tree's memory.
    // (The scratch arrays are never shortened: V8 would give back their room, to grow it again.)
    const scratch = this.scratchAtoms;
    let n = 0;
    while (isAtomStart(this.kind(this.i))) scratch[n++] = this.atom();
    const args = scratch.slice(0, n);
    const body = this.kind(this.i) === K.LBrace ? this.block() : undefined;
    const m = { key, args, body, start: key.start, end: body ? body.end : (args.length ? args[args.length - 1] : key).end };
    if (body) this.checkClosed(m, body);
    else this.memberUnclosed = false;
    return m;
  }

  /**
   * Reports the innermost unclosed block only: when a '}' is forgotten, every enclosing
   * block is unclosed too, but the fix belongs to the innermost one. Called once the block
   * of `m` is parsed (so inner blocks come first), with `blockUnclosedInside` still set by it.
   */
  checkClosed(m: Member, body: Block): void {
    const inner = this.blockUnclosedInside;
    if (!body.closed && !inner) {
      const name = m.key.text ? `'${m.key.text}${m.args[0] ? ' ' + m.args[0].text : ''}'` : 'this block';
      this.unclosed.push({ code: 'SYN006', message: `Block ${name} is never closed: add '}' after its last line.`, start: body.start, end: body.start + 1 });
    }
    this.memberUnclosed = inner || !body.closed;
  }

  block(): Block {
    const open = this.starts[this.i++];
    // The members of every open block share one stack; each block takes its own at their
    // exact length when it ends (see scratchAtoms).
    const stack = this.scratchMembers;
    const base = this.membersTop;
    let k: number;
    let unclosedInside = false;
    while ((k = this.kind(this.i)) !== K.RBrace && k !== K.Eof) {
      if (k === K.Newline) this.i++;
      else {
        const m = this.member();
        stack[this.membersTop++] = m;
        unclosedInside ||= this.memberUnclosed;
      }
    }
    this.blockUnclosedInside = unclosedInside;
    const members = stack.slice(base, this.membersTop);
    this.membersTop = base;
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
    const kind = this.kinds[i];
    if (kind === K.StringLit) return { kind: 'string', text: this.stringText(start, end), start, end };
    const image = this.strings.get(this.text, start, end);
    switch (kind) {
      case K.NumberLit: {
        const k = this.kind(this.i);
        if (k === K.Percent || (k === K.Ident && lookupUnit(this.strings.get(this.text, this.starts[this.i], this.ends[this.i])) !== undefined)) {
          const u = this.i++;
          const unitSpan = { start: this.starts[u], end: this.ends[u] };
          return { kind: 'number', text: image, value: Number(image), start, end: unitSpan.end, unit: this.strings.get(this.text, unitSpan.start, unitSpan.end), unitSpan };
        }
        return { kind: 'number', text: image, value: Number(image), start, end };
      }
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

  /** The text of a closed string literal: without its quotes, unescaped. */
  stringText(start: number, end: number): string {
    const text = this.text;
    for (let j = start + 1; j < end - 1; j++) if (text.charCodeAt(j) === 92) return unquote(text.slice(start, end));
    return this.strings.get(text, start + 1, end - 1);
  }

  error(i: number, code: string, message: string): void {
    // Past this many, more syntax errors only cost time (a file of stray braces).
    if (this.syntaxErrors.length >= MAX_SYNTAX_ERRORS) return;
    this.syntaxErrors.push({ code, message, start: this.starts[i], end: this.ends[i] });
  }
}

/**
 * The distinct texts of a parse, found by their characters in the source: a scenario repeats
 * its keywords, units, values and names thousands of times, and the tree then holds one string
 * for each distinct text instead of one per atom; a repeated text costs no slice at all.
 * Open addressing with linear probing; the hashes are kept to grow and to compare cheaply.
 */
class Strings {
  private table: (string | undefined)[] = new Array(1024).fill(undefined);
  private hashes = new Int32Array(1024);
  private count = 0;

  get(text: string, start: number, end: number): string {
    const length = end - start;
    // Long texts are rare and seldom repeated: not worth hashing.
    if (length > 64) return text.slice(start, end);
    let h = 0x811c9dc5 | 0;
    for (let j = start; j < end; j++) h = Math.imul(h ^ text.charCodeAt(j), 16777619);
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const s = this.table[slot];
      if (s === undefined) break;
      if (this.hashes[slot] === h && s.length === length && text.startsWith(s, start)) return s;
      slot = (slot + 1) & mask;
    }
    const s = text.slice(start, end);
    this.table[slot] = s;
    this.hashes[slot] = h;
    if (++this.count * 2 > this.table.length) this.grow();
    return s;
  }

  private grow(): void {
    const oldTable = this.table;
    const oldHashes = this.hashes;
    const size = oldTable.length * 2;
    this.table = new Array(size).fill(undefined);
    this.hashes = new Int32Array(size);
    const mask = size - 1;
    for (let k = 0; k < oldTable.length; k++) {
      const s = oldTable[k];
      if (s === undefined) continue;
      let slot = oldHashes[k] & mask;
      while (this.table[slot] !== undefined) slot = (slot + 1) & mask;
      this.table[slot] = s;
      this.hashes[slot] = oldHashes[k];
    }
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
  for (const e of parser.unclosed) errors.push(e);
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
