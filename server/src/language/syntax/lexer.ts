// Tokens of the sipmig language (chevrotain lexer). Newlines are tokens: a property
// ends at the end of its line, as in the configuration files operators already read.
import { createToken, Lexer, type IToken } from 'chevrotain';

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

export const allTokens = [WhiteSpace, Comment, Newline, LBrace, RBrace, Comma, Percent, StringLit, UnterminatedString, NumberLit, Ident];

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
