// The parser (chevrotain). The grammar is deliberately tiny and tolerant:
//
//   document := (NEWLINE | member | stray '}')*
//   member   := atom atom* block?  |  block
//   block    := '{' (NEWLINE | member)* '}'?
//   atom     := number unit? | string | ident | '%' | ','
//
// What a member means (which properties a block takes, what their values must be) is
// decided later by the schema, not by the grammar: a typo in a keyword then gives one
// precise "unknown property" diagnostic instead of derailing the parse. Structural
// mistakes (an unclosed block, a stray brace, an unterminated string) are reported
// here, and parsing goes on.
import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import { allTokens, Comma, Ident, LBrace, lex, Newline, NumberLit, Percent, RBrace, StringLit, UnterminatedString } from './lexer';
import type { Atom, Block, Document, Member, SyntaxError } from './tree';
import { lookupUnit } from '../units';

/** Deeper nesting than this is never meaningful in a scenario; refusing it keeps recursion bounded. */
export const MAX_NESTING = 16;
const MAX_SYNTAX_ERRORS = 1000;

// Performance: the alternatives of every OR (and the OPTION definitions) are built once per
// parser, not on every call, as chevrotain's performance guide advises; allocating them per
// call was most of the parser's garbage on large files (docs/performance.md).
class SipmigParser extends EmbeddedActionsParser {
  syntaxErrors: SyntaxError[] = [];

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

  private args: Atom[] = [];

  private collectArg = () => void this.args.push(this.SUBRULE2(this.atom));

  private optionalBody = () => this.SUBRULE(this.block);

  private memberAlts: { ALT: () => Member }[] = [
    {
      ALT: () => {
        const key = this.SUBRULE(this.atom);
        // The arguments are collected by a closure made once (collectArg), into this.args: atoms
        // never contain members, so no other member's arguments are collected meanwhile.
        const args: Atom[] = (this.args = []);
        this.MANY(this.collectArg);
        const body = this.OPTION(this.optionalBody);
        return this.ACTION(() => ({ key, args, body, start: key.start, end: body ? body.end : (args.at(-1) ?? key).end }));
      },
    },
    {
      ALT: () => {
        const body = this.SUBRULE2(this.block);
        return this.ACTION(() => {
          this.syntaxErrors.push({ code: 'SYN004', message: "A block needs a keyword before '{' (for example `host pm1 { ... }`).", start: body.start, end: body.start + 1 });
          const key: Atom = { kind: 'ident', text: '', start: body.start, end: body.start };
          return { key, args: [], body, start: body.start, end: body.end };
        });
      },
    },
  ];

  private block = this.RULE('block', (): Block => {
    const open = this.CONSUME(LBrace);
    const members: Member[] = [];
    this.MANY(() => {
      const m = this.OR(this.blockAlts);
      if (m) members.push(m);
    });
    const close = this.OPTION(this.closeBrace);
    return this.ACTION(() => {
      const last = members.at(-1);
      return {
        members,
        closed: close !== undefined,
        start: open.startOffset,
        end: close ? close.startOffset + 1 : last ? last.end : open.startOffset + 1,
      };
    });
  });

  private blockAlts: { ALT: () => Member | undefined }[] = [{ ALT: () => void this.CONSUME(Newline) }, { ALT: () => this.SUBRULE(this.member) }];

  private closeBrace = () => this.CONSUME(RBrace);

  private atom = this.RULE('atom', (): Atom => this.OR(this.atomAlts));

  private unitAlts = [{ ALT: () => this.CONSUME(Percent) }, { ALT: () => this.CONSUME(Ident) }];

  private optionalUnit = { GATE: () => this.isUnitAfterNumber(this.LA(1)), DEF: () => this.OR2(this.unitAlts) };

  private atomAlts: { ALT: () => Atom }[] = [
    {
      ALT: () => {
        const n = this.CONSUME(NumberLit);
        const unit = this.OPTION(this.optionalUnit);
        return this.ACTION((): Atom => {
          // Both shapes are built whole (same keys, same order as adding the unit later would
          // give): adding properties to an existing object costs a second allocation.
          if (!unit) return { kind: 'number', text: n.image, value: Number(n.image), start: n.startOffset, end: n.startOffset + n.image.length };
          const unitSpan = { start: unit.startOffset, end: unit.startOffset + unit.image.length };
          return { kind: 'number', text: n.image, value: Number(n.image), start: n.startOffset, end: unitSpan.end, unit: unit.image, unitSpan };
        });
      },
    },
    { ALT: () => this.simple(this.CONSUME(StringLit), 'string') },
    {
      ALT: () => {
        const t = this.CONSUME(UnterminatedString);
        this.ACTION(() => this.error(t, 'SYN002', 'Unterminated string: add the closing " on the same line.'));
        return this.simple(t, 'string');
      },
    },
    { ALT: () => this.simple(this.CONSUME2(Ident), 'ident') },
    { ALT: () => this.simple(this.CONSUME3(Percent), 'percent') },
    { ALT: () => this.simple(this.CONSUME(Comma), 'comma') },
  ];

  private isUnitAfterNumber(t: IToken): boolean {
    if (t.tokenType === Percent) return true;
    return t.tokenType === Ident && lookupUnit(t.image) !== undefined;
  }

  private simple(t: IToken, kind: Atom['kind']): Atom {
    let text = t.image;
    if (kind === 'string') text = unquote(text);
    return { kind, text, start: t.startOffset, end: t.startOffset + t.image.length };
  }

  private error(t: IToken, code: string, message: string): void {
    // Past this many, more syntax errors only cost time (a file of stray braces).
    if (this.syntaxErrors.length >= MAX_SYNTAX_ERRORS) return;
    this.syntaxErrors.push({ code, message, start: t.startOffset, end: t.startOffset + t.image.length });
  }
}

function unquote(s: string): string {
  const body = s.endsWith('"') && s.length > 1 ? s.slice(1, -1) : s.slice(1);
  return body.replace(/\\(.)/g, '$1');
}

let shared: SipmigParser | undefined;

export function parse(text: string): Document {
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
  collectUnclosed(members, errors);
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
