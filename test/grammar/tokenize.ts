// Loads grammars/sipmig.tmLanguage.json with the same engine VS Code uses (vscode-textmate
// on the oniguruma WASM build) and tokenizes text line by line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const require = createRequire(import.meta.url);
const root = path.resolve(__dirname, '../..');

export interface Token {
  text: string;
  scopes: string[];
}

let grammar: Promise<textmate.IGrammar> | undefined;

export function loadGrammar(): Promise<textmate.IGrammar> {
  grammar ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
    await oniguruma.loadWASM(wasm);
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
      loadGrammar: async (scope) => (scope === 'source.sipmig' ? textmate.parseRawGrammar(readFileSync(path.join(root, 'grammars/sipmig.tmLanguage.json'), 'utf8'), 'sipmig.tmLanguage.json') : null),
    });
    const g = await registry.loadGrammar('source.sipmig');
    if (!g) throw new Error('grammars/sipmig.tmLanguage.json did not load as source.sipmig');
    return g;
  })();
  return grammar;
}

/** Tokens of every line, in order. */
export async function tokenize(text: string): Promise<Token[][]> {
  const g = await loadGrammar();
  let state = textmate.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const r = g.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the (first) token whose text, trimmed, is `text` on a one-line input. */
export async function scopesOf(line: string, text: string): Promise<string[]> {
  const [tokens] = await tokenize(line);
  const t = tokens.find((x) => x.text.trim() === text);
  if (!t) throw new Error(`no token "${text}" in ${JSON.stringify(line)}; tokens: ${JSON.stringify(tokens.map((x) => x.text))}`);
  return t.scopes;
}
