// The hand-written scanner must tokenize exactly as chevrotain's lexer does with the token
// definitions of lexer.ts (the patterns are the specification): same tokens, same comments,
// same errors, on the samples, on hand-picked edge cases and on thousands of mutations.
import { describe, expect, it } from 'vitest';
import { Lexer } from 'chevrotain';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allTokens, lex } from '../../server/src/language/syntax/lexer';
import { mutate, rng } from '../fuzz/mutate';
import { ROOT } from '../helpers';

const reference = new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true });

function viaChevrotain(text: string) {
  const r = reference.tokenize(text);
  return {
    tokens: r.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image]),
    comments: (r.groups.comments ?? []).map((t) => [t.startOffset, t.image]),
    errors: r.errors.map((e) => [e.offset, e.offset + e.length]),
  };
}

function viaScanner(text: string) {
  const r = lex(text);
  return {
    tokens: r.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image]),
    comments: r.comments.map((t) => [t.startOffset, t.image]),
    errors: r.errors.map((e) => [e.start, e.end]),
  };
}

const samples = ['samples/paper', 'samples/modern'].flatMap((dir) => readdirSync(join(ROOT, dir)).map((f) => readFileSync(join(ROOT, dir, f), 'utf8')));

const EDGE_CASES = [
  '',
  'a',
  'x 1e5 1e 1e+ 1E-3 .5 .e 5. +.5 -.5 + - . +a -1x 1.2.3 00012',
  'name_a.b-c MiB/s Mi/ Mi/5 a/b/c _x __ 9a',
  '"abc" "a\\"b" "unterminated\n"a\\\n"x\\\r\n"\\\u2028" "\u2028" "a\\',
  '# comment\n// comment\r\n/ x /// y\n#',
  '\t \f\v\u00a0\ufeff x\u3000y @ $ ! ~ ` ^ & * ( ) [ ] < > ? = | \\',
  'a;b;;c\r\rd\n\re',
  '@@@@ abc @',
  '{}}{,,%% 5% 5 % 5MiB/s',
  '😀 é ü x',
];

describe('scanner', () => {
  it('tokenizes the samples and edge cases exactly as chevrotain would', () => {
    for (const text of [...samples, ...EDGE_CASES]) expect(viaScanner(text), JSON.stringify(text.slice(0, 80))).toEqual(viaChevrotain(text));
  });

  it('tokenizes 400 mutations of the samples exactly as chevrotain would', () => {
    for (let i = 0; i < 400; i++) {
      const text = mutate(samples[i % samples.length], rng(7000 + i));
      const [a, b] = [viaScanner(text), viaChevrotain(text)];
      // Compared as JSON first: toEqual on every one of them would take minutes.
      if (JSON.stringify(a) !== JSON.stringify(b)) expect(a, `mutation ${i}`).toEqual(b);
    }
  });

  it('tokenizes every character below U+0400 and a few beyond, alone and around a word, as chevrotain would', () => {
    const chars = [...Array(0x400).keys()].map((c) => String.fromCharCode(c)).concat(['\u2028', '\u2029', '\u3000', '\ufeff', '\ud83d', '\ude00']);
    for (const c of chars) for (const text of [c, `a${c}b`, `1${c}2`, `"${c}"`, `"\\${c}"`, `${c}${c}x`]) expect(viaScanner(text), JSON.stringify(text)).toEqual(viaChevrotain(text));
  });
});
