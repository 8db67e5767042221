// The parser (chevrotain). The grammar is deliberately tiny and tolerant:
//
//   document := (NEWLINE | member | stray '}')*
//   member   := atom atom* block?  |  block
//   block    := '{' (NEWLINE | member)* '}'?
//   atom     := number | string | ident | '%' | ','   (one token category; a number takes
//               the unit after it, see atomsOfLine)
//
// What a member means (which properties a block takes, what their values must be) is
// decided later by the schema, not by the grammar: a typo in a keyword then gives one
// precise "unknown property" diagnostic instead of derailing the parse. Structural
// mistakes (an unclosed block, a stray brace, an unterminated string) are reported
// here, and parsing goes on.
import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import { allTokens, AtomTok, Comma, Ident, LBrace, lex, Newline, NumberLit, Percent, RBrace, StringLit } from './lexer';
import type { Atom, Block, Document, Member, Span, SyntaxError } from './tree';
import { lookupUnit } from '../units';

/** Deeper nesting than this is never meaningful in a scenario; refusing it keeps recursion bounded. */
export const MAX_NESTING = 16;
const MAX_SYNTAX_ERRORS = 1000;

// Performance: the alternatives of every OR (and the OPTION definitions) are built once per
// parser, not on every call, as chevrotain's performance guide advises; allocating them per
// call was most of the parser's garbage on large files. The tree's lists are copied at their
// exact length from scratch arrays and its texts are one string per distinct text, which
// more than halved the memory an analysis allocates (docs/performance.md).
class SipmigParser extends EmbeddedActionsParser {
  syntaxErrors: SyntaxError[] = [];
  /** SYN006 errors, reported after all others (as they always were). */
  unclosed: SyntaxError[] = [];
  /** The text being parsed: atoms take their texts from it (see Strings). */
  source = '';
  strings = new Strings();
  // Arguments and block members are collected in scratch arrays and copied at their exact
  // length: a list grown by push reserves room for 16 and more, which on a large file was most
  // of the tree's memory. (The scratch arrays are never shortened: V8 would give back their
  // room, to grow it again.) A line's words are made atoms before its block is parsed, so one
  // member's arguments are never collected while another's are; the members of every open
  // block share one stack.
  private readonly scratchTokens: IToken[] = [];
  private tokenCount = 0;
  private readonly scratchAtoms: Atom[] = [];
  private readonly scratchMembers: Member[] = [];
  membersTop = 0;
  /** Whether the member just parsed has an unclosed block in it (its own included). */
  private memberUnclosed = false;
  /** Whether a member of the block just parsed has an unclosed block in it. */
  private blockUnclosedInside = false;
  /** Whether a member of the block being parsed has an unclosed block in it (so far). */
  private unclosedInside = false;

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  public document = this.RULE('document', (): Member[] => {
    const members: Member[] = [];
    this.MANY(() => {
      const m = this.OR(this.documentAlts);
      if (m) members.push(m);
    });
    return members;
  });

  private documentAlts: { ALT: () => Member | undefined }[] = [
    { ALT: () => void this.CONSUME(Newline) },
    { ALT: () => this.SUBRULE(this.member) },
    {
      ALT: () => {
        const t = this.CONSUME(RBrace);
        this.ACTION(() => this.error(t, 'SYN003', "Unmatched '}': no block is open here. Remove it or add the block it should close."));
        return undefined;
      },
    },
  ];

  private member = this.RULE('member', (): Member => this.OR(this.memberAlts));

  // The words of a line are collected, as tokens, into scratchTokens (the rest of them by a
  // closure made once).
  private collectArg = () => {
    const t = this.CONSUME2(AtomTok);
    this.scratchTokens[this.tokenCount++] = t;
  };

  private optionalBody = () => this.SUBRULE(this.block);

  private memberAlts: { ALT: () => Member }[] = [
    {
      ALT: () => {
        const first = this.CONSUME(AtomTok);
        this.scratchTokens[0] = first;
        this.tokenCount = 1;
        this.MANY(this.collectArg);
        // Made before the body is parsed: its members reuse the scratch arrays.
        const count = this.ACTION(() => this.atomsOfLine());
        const key = this.scratchAtoms[0];
        const args = this.ACTION(() => this.scratchAtoms.slice(1, count));
        const body = this.OPTION(this.optionalBody);
        return this.ACTION(() => {
          const m = { key, args, body, start: key.start, end: body ? body.end : (args.length ? args[args.length - 1] : key).end };
          if (body) this.checkClosed(m, body);
          else this.memberUnclosed = false;
          return m;
        });
      },
    },
    {
      ALT: () => {
        const body = this.SUBRULE2(this.block);
        return this.ACTION(() => {
          this.syntaxErrors.push({ code: 'SYN004', message: "A block needs a keyword before '{' (for example `host pm1 { ... }`).", start: body.start, end: body.start + 1 });
          const key: Atom = { kind: 'ident', text: '', start: body.start, end: body.start };
          const m = { key, args: [], body, start: body.start, end: body.end };
          this.checkClosed(m, body);
          return m;
        });
      },
    },
  ];

  /**
   * Reports the innermost unclosed block only: when a '}' is forgotten, every enclosing
   * block is unclosed too, but the fix belongs to the innermost one. Called once the block
   * of `m` is parsed (so inner blocks come first), with `blockUnclosedInside` still set by it.
   */
  private checkClosed(m: Member, body: Block): void {
    const inner = this.blockUnclosedInside;
    if (!body.closed && !inner) {
      const name = m.key.text ? `'${m.key.text}${m.args[0] ? ' ' + m.args[0].text : ''}'` : 'this block';
      this.unclosed.push({ code: 'SYN006', message: `Block ${name} is never closed: add '}' after its last line.`, start: body.start, end: body.start + 1 });
    }
    this.memberUnclosed = inner || !body.closed;
  }

  private blockMember = () => {
    const m = this.OR(this.blockAlts);
    if (m) {
      this.scratchMembers[this.membersTop++] = m;
      this.unclosedInside ||= this.memberUnclosed;
    }
  };

  private block = this.RULE('block', (): Block => {
    const open = this.CONSUME(LBrace);
    const base = this.membersTop;
    const outerUnclosedInside = this.unclosedInside;
    this.unclosedInside = false;
    this.MANY(this.blockMember);
    const close = this.OPTION(this.closeBrace);
    return this.ACTION(() => {
      this.blockUnclosedInside = this.unclosedInside;
      this.unclosedInside = outerUnclosedInside;
      const members = this.scratchMembers.slice(base, this.membersTop);
      this.membersTop = base;
      return {
        members,
        closed: close !== undefined,
        start: open.startOffset,
        end: close ? close.startOffset + 1 : members.length ? members[members.length - 1].end : open.startOffset + 1,
      };
    });
  });

  private blockAlts: { ALT: () => Member | undefined }[] = [{ ALT: () => void this.CONSUME(Newline) }, { ALT: () => this.SUBRULE(this.member) }];

  private closeBrace = () => this.CONSUME(RBrace);

  /**
   * The atoms of a line from its tokens (scratchTokens) into scratchAtoms, the key first;
   * returns how many. A number takes the unit written right after it ("120 s", "32 MiB/s",
   * "70 %").
   */
  private atomsOfLine(): number {
    const n = this.tokenCount;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const a = this.atomAt(this.scratchTokens[i], i + 1 < n ? this.scratchTokens[i + 1] : undefined);
      if (a.unitSpan) i++;
      this.scratchAtoms[count++] = a;
    }
    return count;
  }

  /** The atom token `t` stands for; `next` is taken as its unit when `t` is a number and `next` one. */
  private atomAt(t: IToken, next: IToken | undefined): Atom {
    const type = t.tokenType;
    if (type === NumberLit) {
      // Both shapes are built whole (same keys, same order as adding the unit later would
      // give): adding properties to an existing object costs a second allocation.
      const start = t.startOffset;
      const end = start + t.image.length;
      const text = this.strings.get(this.source, start, end);
      if (!next || !this.isUnit(next)) return { kind: 'number', text, value: Number(text), start, end };
      const unitSpan = { start: next.startOffset, end: next.startOffset + next.image.length };
      return { kind: 'number', text, value: Number(text), start, end: unitSpan.end, unit: this.strings.get(this.source, unitSpan.start, unitSpan.end), unitSpan };
    }
    if (type === Ident) return this.simple(t, 'ident');
    if (type === StringLit) return this.simple(t, 'string');
    if (type === Percent) return this.simple(t, 'percent');
    if (type === Comma) return this.simple(t, 'comma');
    this.error(t, 'SYN002', 'Unterminated string: add the closing " on the same line.');
    return this.simple(t, 'string');
  }

  private isUnit(t: IToken): boolean {
    if (t.tokenType === Percent) return true;
    return t.tokenType === Ident && lookupUnit(t.image) !== undefined;
  }

  private simple(t: IToken, kind: Atom['kind']): Atom {
    const start = t.startOffset;
    const end = start + t.image.length;
    const text = kind === 'string' ? this.stringText(t.image, start, end) : this.strings.get(this.source, start, end);
    return { kind, text, start, end };
  }

  /** The text of a string literal: without its quotes, unescaped (one string per distinct text when it has no escape). */
  private stringText(image: string, start: number, end: number): string {
    if (image.length < 2 || !image.endsWith('"') || image.indexOf('\\') >= 0) return unquote(image);
    return this.strings.get(this.source, start + 1, end - 1);
  }

  private error(t: IToken, code: string, message: string): void {
    // Past this many, more syntax errors only cost time (a file of stray braces).
    if (this.syntaxErrors.length >= MAX_SYNTAX_ERRORS) return;
    this.syntaxErrors.push({ code, message, start: t.startOffset, end: t.startOffset + t.image.length });
  }
}

function unquote(s: string): string {
  const body = s.endsWith('"') && s.length > 1 ? s.slice(1, -1) : s.slice(1);
  return body.indexOf('\\') < 0 ? body : body.replace(/\\(.)/g, '$1');
}

/**
 * The distinct texts of a parse, found by their characters in the source: a scenario repeats
 * its keywords, units, values and names thousands of times, and the tree then holds one string
 * for each distinct text instead of one per atom.
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

let shared: SipmigParser | undefined;

/** The text each document was parsed from: what a later parse compares its text with. */
const sources = new WeakMap<Document, string>();

/**
 * Parses `text`. With `previous`, the parse of an earlier version of the same file, the
 * top-level members before and after the lines an edit touched are taken from it (those after
 * moved by the edit's change of length) and only the lines between are parsed: on a 10 000-line
 * inventory a keystroke then re-parses a block, not the file. The result is the same as
 * without `previous` (tested against a full parse on random edits); whenever something an edit
 * could change reaches beyond its block (an unclosed block, the nesting limit, many errors),
 * the whole text is parsed.
 */
export function parse(text: string, previous?: Document): Document {
  const before = previous && sources.get(previous);
  const doc = before === undefined ? parseAll(text) : reparse(text, before, previous!);
  sources.set(doc, text);
  return doc;
}

/** Errors whose effect is not confined to one top-level block (see parse). */
const GLOBAL_ERRORS = new Set(['SYN000', 'SYN005', 'SYN006']);
/** Past this many syntax errors the error caps could apply: parse everything. */
const REPARSE_MAX_ERRORS = 200;

const isBreak = (c: number) => c === 10 || c === 13;

function reusable(d: Document): boolean {
  return d.errors.length <= REPARSE_MAX_ERRORS && !d.errors.some((e) => GLOBAL_ERRORS.has(e.code));
}

function reparse(text: string, old: string, prev: Document): Document {
  if (text === old) return prev;
  if (!reusable(prev)) return parseAll(text);
  const n0 = old.length;
  const n1 = text.length;
  const lim = Math.min(n0, n1);
  // The edit: the text differs from `p` up to `n0 - s` in the old text, `n1 - s` in the new.
  let p = 0;
  while (p < lim && text.charCodeAt(p) === old.charCodeAt(p)) p++;
  let s = 0;
  while (s < lim - p && text.charCodeAt(n1 - 1 - s) === old.charCodeAt(n0 - 1 - s)) s++;
  const delta = n1 - n0;
  // Kept before: the members that end before the line break ahead of the edit's line. The new
  // parse starts where the first other member starts, or at that line (a top-level boundary).
  let lineStart = p;
  while (lineStart > 0 && !isBreak(old.charCodeAt(lineStart - 1))) lineStart--;
  const ms = prev.members;
  let i = 0;
  while (i < ms.length && ms[i].end < lineStart) i++;
  const a = i < ms.length ? Math.min(lineStart, ms[i].start) : lineStart;
  // Kept after: from the first member that starts a line after the line where the edit ends.
  let nextLine = n0 - s;
  while (nextLine < n0 && !isBreak(old.charCodeAt(nextLine))) nextLine++;
  let j = i;
  while (j < ms.length && !(ms[j].start > nextLine && isBreak(old.charCodeAt(ms[j].start - 1)))) j++;
  const b0 = j < ms.length ? ms[j].start : n0;
  // The lines between, parsed on their own and moved to where they are in the text.
  const mid = parseAll(text.slice(a, b0 + delta));
  if (!reusable(mid)) return parseAll(text);
  const members = ms.slice(0, i);
  for (const m of mid.members) members.push(a ? shiftedMember(m, a) : m);
  for (let k = j; k < ms.length; k++) members.push(delta ? shiftedMember(ms[k], delta) : ms[k]);
  return {
    members,
    comments: [...prev.comments.filter((c) => c.end <= a), ...shiftedSpans(mid.comments, a), ...shiftedSpans(prev.comments.filter((c) => c.start >= b0), delta)],
    errors: [...prev.errors.filter((e) => e.start < a), ...shiftedSpans(mid.errors, a), ...shiftedSpans(prev.errors.filter((e) => e.start >= b0), delta)],
    length: n1,
  };
}

/**
 * A copy of a member moved by `d` (the tree it comes from stays as it was). The
 * copies are object literals of the parser's own shapes, keys in the same order: copies made
 * by spreading get other hidden classes, and every later stage that reads the tree slowed down
 * (a keystroke on a 10 000-line file took longer than parsing it all again).
 */
function shiftedMember(m: Member, d: number): Member {
  const args = new Array<Atom>(m.args.length);
  for (let k = 0; k < args.length; k++) args[k] = shiftedAtom(m.args[k], d);
  return { key: shiftedAtom(m.key, d), args, body: m.body && shiftedBlock(m.body, d), start: m.start + d, end: m.end + d };
}

function shiftedBlock(b: Block, d: number): Block {
  const members = new Array<Member>(b.members.length);
  for (let k = 0; k < members.length; k++) members[k] = shiftedMember(b.members[k], d);
  return { members, closed: b.closed, start: b.start + d, end: b.end + d };
}

function shiftedAtom(x: Atom, d: number): Atom {
  const { kind, text } = x;
  if (kind !== 'number') return { kind, text, start: x.start + d, end: x.end + d };
  if (!x.unitSpan) return { kind, text, value: x.value, start: x.start + d, end: x.end + d };
  const unitSpan = { start: x.unitSpan.start + d, end: x.unitSpan.end + d };
  return { kind, text, value: x.value, start: x.start + d, end: x.end + d, unit: x.unit, unitSpan };
}

function shiftedSpans<T extends Span>(xs: T[], d: number): T[] {
  return d ? xs.map((x) => ({ ...x, start: x.start + d, end: x.end + d })) : xs;
}

function parseAll(text: string): Document {
  shared ??= new SipmigParser();
  const parser = shared;
  const lexed = lex(text);
  const errors: SyntaxError[] = lexed.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => ({
    code: 'SYN001',
    message: `Unexpected character${e.text.length > 1 ? 's' : ''} '${e.text.length > 20 ? e.text.slice(0, 20) + '…' : e.text}': names use letters, digits and _, text goes in double quotes.`,
    start: e.start,
    end: e.end,
  }));
  const tokens = limitNesting(lexed.tokens, errors);
  parser.syntaxErrors = [];
  parser.unclosed = [];
  parser.source = text;
  parser.strings = new Strings();
  parser.membersTop = 0;
  parser.input = tokens;
  const members = parser.document() ?? [];
  for (const e of parser.syntaxErrors) errors.push(e);
  // chevrotain's own recognition errors: unreachable with this grammar as far as we know,
  // but never swallowed if one appears.
  for (const ex of parser.errors) {
    const t = ex.token;
    const start = Number.isFinite(t.startOffset) ? t.startOffset : text.length;
    errors.push({ code: 'SYN000', message: ex.message, start, end: start + (t.image?.length ?? 0) });
  }
  for (const e of parser.unclosed) errors.push(e);
  return {
    members,
    comments: lexed.comments.map((c) => ({ text: c.image, start: c.startOffset, end: c.startOffset + c.image.length })),
    errors: errors.sort((a, b) => a.start - b.start),
    length: text.length,
  };
}

/** Drops braces nested deeper than MAX_NESTING (and their partners) with one diagnostic, so recursion stays bounded. */
function limitNesting(tokens: IToken[], errors: SyntaxError[]): IToken[] {
  let depth = 0;
  let dropped = 0;
  let reported = false;
  // The copy is made only from the first dropped brace on: a file within the limit (every
  // real one) keeps its token array as it is.
  let out: IToken[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.tokenType === LBrace) {
      if (depth >= MAX_NESTING) {
        dropped++;
        out ??= tokens.slice(0, i);
        if (!reported) {
          errors.push({ code: 'SYN005', message: `Blocks are nested deeper than ${MAX_NESTING} levels; the deeper braces are ignored.`, start: t.startOffset, end: t.startOffset + 1 });
          reported = true;
        }
        continue;
      }
      depth++;
    } else if (t.tokenType === RBrace) {
      if (dropped > 0) {
        dropped--;
        continue;
      }
      if (depth > 0) depth--;
    }
    out?.push(t);
  }
  return out ?? tokens;
}
