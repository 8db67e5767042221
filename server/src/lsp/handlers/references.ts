// textDocument/references: every use of the declared name under the cursor.
import type { Location } from 'vscode-languageserver';
import { guard, type ServerContext } from '../context';
import { toOffset, toRange } from '../convert';
import { referencesOf } from '../features/navigation';

export function registerReferences(ctx: ServerContext): void {
  ctx.connection.onReferences((p) =>
    guard(ctx, 'references', [] as Location[], () => {
      const snap = ctx.store.get(p.textDocument.uri);
      if (!snap) return [];
      return referencesOf(snap.analysis, toOffset(snap.index, p.position), p.context.includeDeclaration).map((s) => ({ uri: snap.uri, range: toRange(snap.index, s) }));
    }),
  );
}
