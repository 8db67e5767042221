// textDocument/definition: from a reference (or a declaration) to the declaration.
import { guard, type ServerContext } from '../context';
import { toOffset, toRange } from '../convert';
import { definitionOf } from '../features/navigation';

export function registerDefinition(ctx: ServerContext): void {
  ctx.connection.onDefinition((p) =>
    guard(ctx, 'definition', null, () => {
      const snap = ctx.store.get(p.textDocument.uri);
      const span = snap && definitionOf(snap.analysis, toOffset(snap.index, p.position));
      return snap && span ? { uri: snap.uri, range: toRange(snap.index, span) } : null;
    }),
  );
}
