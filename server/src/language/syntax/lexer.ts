// Tokens of the sipmig language (chevrotain lexer). Newlines are tokens: a property
// ends at the end of its line, as in the configuration files operators already read.
import { createToken, Lexer, type IToken } from 'chevrotain';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /(?:#|\/\/)[^\r\n]*/, group: 'comments' });
export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n|;/, line_breaks: true });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/ });
/**
 * Every token that can be a word of a line (a key or a value). The parser consumes them as one
 * category and builds the atoms itself: one chevrotain step per word instead of a rule call
 * with a six-way choice, which was a fifth of a large file's parse.
 */
export const AtomTok = createToken({ name: 'Atom', pattern: Lexer.NA });
export const Comma = createToken({ name: 'Comma', pattern: /,/, categories: [AtomTok] });
export const Percent = createToken({ name: 'Percent', pattern: /%/, categories: [AtomTok] });
export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\r\n]|\\.)*"/, categories: [AtomTok] });
/** An opening quote with no closing one on the same line: lexed so that the parser can say so precisely. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\r\n]|\\.)*/, categories: [AtomTok] });
export const NumberLit = createToken({ name: 'NumberLit', pattern: /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/, categories: [AtomTok] });
/** Names, keywords and units; `MiB/s`-style rate units keep their slash. */
export const Ident = createToken({ name: 'Ident', pattern: /[A-Za-z_][A-Za-z0-9_.\-]*(?:\/[A-Za-z]+)?/, categories: [AtomTok] });

export const allTokens = [WhiteSpace, Comment, Newline, LBrace, RBrace, Comma, Percent, StringLit, UnterminatedString, NumberLit, Ident, AtomTok];

export const sipmigLexer = new Lexer(allTokens, {
  positionTracking: 'onlyOffset',
  ensureOptimizations: true,
});

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  errors: { start: number; end: number; text: string }[];
}

export function lex(text: string): LexResult {
  const r = sipmigLexer.tokenize(text);
  return {
    tokens: r.tokens,
    comments: r.groups.comments ?? [],
    errors: r.errors.map((e) => ({ start: e.offset, end: e.offset + e.length, text: text.slice(e.offset, e.offset + e.length) })),
  };
}
