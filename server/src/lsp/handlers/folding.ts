// textDocument/foldingRange: blocks and comment runs from features/folding.ts.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import { guard, type ServerContext } from '../context';
import { folds } from '../features/folding';

export function registerFolding(ctx: ServerContext): void {
  ctx.connection.onFoldingRanges((p) =>
    guard(ctx, 'foldingRange', [] as FoldingRange[], () => {
      const snap = ctx.store.get(p.textDocument.uri);
      if (!snap) return [];
      return folds(snap.analysis, snap.index).map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: f.comment ? FoldingRangeKind.Comment : undefined }));
    }),
  );
}
