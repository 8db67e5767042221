// textDocument/semanticTokens/full, encoded relative to the previous token as LSP wants.
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { guard, type ServerContext } from '../context';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../features/semanticTokens';

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

export function registerSemanticTokens(ctx: ServerContext): void {
  ctx.connection.languages.semanticTokens.on((p) =>
    guard(ctx, 'semanticTokens', { data: [] } as SemanticTokens, () => {
      const snap = ctx.store.get(p.textDocument.uri);
      if (!snap) return { data: [] };
      const data: number[] = [];
      let line = 0;
      let char = 0;
      for (const t of semanticTokens(snap.analysis)) {
        const pos = snap.index.position(t.start);
        data.push(pos.line - line, pos.line === line ? pos.character - char : pos.character, t.length, TOKEN_TYPES.indexOf(t.type), t.declaration ? 1 : 0);
        line = pos.line;
        char = pos.character;
      }
      return { data };
    }),
  );
}
