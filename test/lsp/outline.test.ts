// Document symbols, folding ranges and semantic tokens over the protocol.
import { describe, expect, it } from 'vitest';
import type { DocumentSymbol, FoldingRange, SemanticTokens } from 'vscode-languageserver-protocol';
import { positionOf, uriOf } from './client';
import { ACTIVE, useServer } from './fixture';

describe('outline, folding, semantic tokens', () => {
  const server = useServer();
  const uri = uriOf('outline.sipmig');

  it('lists the blocks with their names, properties and nested blocks', async () => {
    server().open(uri, ACTIVE);
    const symbols = await server().request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual(['Active SIP-AS VM migrated at 120 s', 'poweredge', 'pm1', 'pm2', 'pm3', 'vm_images', 'management', 'cgl_sipas', 'sipas1', 'sipas2', 'sip_as', 'number_translation', 'workload', 'migration']);
    const app = symbols.find((s) => s.name === 'number_translation')!;
    expect(app.detail).toBe('sip_application');
    const oc = app.children!.find((c) => c.name === 'overload_control')!;
    expect(oc.children!.map((c) => c.name)).toEqual(['policy', 'phase 1', 'phase 2']);
    const migrate = symbols.find((s) => s.name === 'migration')!.children!.find((c) => c.name === 'migrate')!;
    expect(migrate.detail).toBe('sipas1 from pm1 to pm3 at 120 s');
  });

  it('folds blocks (keeping the closing brace visible) and comment runs', async () => {
    const folds = await server().request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const hw = positionOf(ACTIVE, 'hardware poweredge {').line;
    expect(folds, 'hardware poweredge: its 8 property lines fold').toContainEqual({ startLine: hw, endLine: hw + 8 });
    expect(folds).toContainEqual({ startLine: 0, endLine: 2, kind: 'comment' });
    const ocLine = positionOf(ACTIVE, 'overload_control {').line;
    expect(folds.find((f) => f.startLine === ocLine)!.endLine, 'overload_control folds up to the line before its }').toBe(positionOf(ACTIVE, 'admit 0 cps').line + 1);
  });

  it('colours keywords, properties, names, numbers, units and comments', async () => {
    const init = server().init.capabilities.semanticTokensProvider!;
    const legend = init.legend.tokenTypes;
    const { data } = await server().request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    expect(data.length % 5).toBe(0);
    // Decode into (line, character, length, type, modifiers).
    const tokens: { line: number; ch: number; len: number; type: string; decl: boolean }[] = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
      tokens.push({ line, ch, len: data[i + 2], type: legend[data[i + 3]], decl: data[i + 4] === 1 });
    }
    const lines = ACTIVE.split('\n');
    const word = (t: (typeof tokens)[number]) => lines[t.line].slice(t.ch, t.ch + t.len);
    const of = (w: string) => tokens.filter((t) => word(t) === w).map((t) => t.type + (t.decl ? '+decl' : ''));
    expect(of('migration')).toEqual(['enumMember', 'enumMember', 'keyword']); // `nic ... for management, migration`, `carries migration`, the block
    expect(of('speed_cap')).toEqual(['property']);
    expect(of('pm3')).toEqual(['variable+decl', 'variable']);
    expect(of('MiB/s')).toEqual(['type']);
    expect(of('120')).toEqual(['number']);
    expect(of('from')).toEqual(['keyword']);
    expect(tokens[0].type).toBe('comment');
  });
});
