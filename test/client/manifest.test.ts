import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const json = (p: string) => JSON.parse(readFileSync(path.join(root, p), 'utf8'));

describe('extension manifest', () => {
  const pkg = json('client/package.json');

  it('activates on the sipmig language only', () => {
    expect(pkg.activationEvents).toEqual(['onLanguage:sipmig']);
  });

  it('binds Ctrl+K V to Preview Charts in sipmig editors, as Markdown does', () => {
    expect(pkg.contributes.keybindings).toContainEqual(expect.objectContaining({ command: 'sipmig.previewCharts', key: 'ctrl+k v', when: 'editorLangId == sipmig' }));
  });

  it('declares every command it registers and the sipmig.* settings', () => {
    const src = ['commands.ts'].map((f) => readFileSync(path.join(root, 'client/src', f), 'utf8')).join('\n');
    const registered = [...src.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    expect(pkg.contributes.commands.map((c: { command: string }) => c.command).sort()).toEqual(registered);
    expect(Object.keys(pkg.contributes.configuration.properties).sort()).toEqual(
      ['sipmig.diagnostics.debounceMs', 'sipmig.hover.charts', 'sipmig.inlayHints.enabled', 'sipmig.model.step', 'sipmig.model.timeBudgetMs', 'sipmig.server.path', 'sipmig.trace.server'],
    );
  });

  it('has a snippet for every block the issue lists', () => {
    const snippets = json('client/snippets/sipmig.code-snippets');
    const prefixes = Object.values(snippets).map((s) => (s as { prefix: string }).prefix);
    for (const p of ['hardware', 'host', 'flavor', 'vm', 'cluster', 'sip_application', 'overload_control', 'workload', 'migration']) {
      expect(prefixes, `snippet with prefix ${p}`).toContain(p);
    }
  });

  it('auto-closes braces and quotes and indents after an opening brace', () => {
    const conf = json('client/language-configuration.json');
    expect(conf.autoClosingPairs.map((p: { open: string }) => p.open)).toEqual(['{', '"']);
    expect(new RegExp(conf.indentationRules.increaseIndentPattern).test('hardware poweredge {  # note')).toBe(true);
    expect(new RegExp(conf.indentationRules.increaseIndentPattern).test('  cpu "a {"')).toBe(false);
  });
});
