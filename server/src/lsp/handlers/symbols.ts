// textDocument/documentSymbol: the outline from features/symbols.ts.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { guard, type ServerContext } from '../context';
import { toRange } from '../convert';
import { outline, type OutlineNode } from '../features/symbols';
import type { Snapshot } from '../store';

const KINDS: Record<string, SymbolKind> = {
  scenario: SymbolKind.File,
  hardware: SymbolKind.Struct,
  host: SymbolKind.Class,
  storage: SymbolKind.Package,
  network: SymbolKind.Interface,
  flavor: SymbolKind.Struct,
  vm: SymbolKind.Object,
  cluster: SymbolKind.Namespace,
  sip_application: SymbolKind.Module,
  workload: SymbolKind.Function,
  migration: SymbolKind.Event,
  migrate: SymbolKind.Event,
  phase: SymbolKind.EnumMember,
  property: SymbolKind.Property,
};

export function registerSymbols(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol((p) =>
    guard(ctx, 'documentSymbol', [] as DocumentSymbol[], () => {
      const snap = ctx.store.get(p.textDocument.uri);
      return snap ? outline(snap.analysis).map((n) => toSymbol(snap, n)) : [];
    }),
  );
}

function toSymbol(snap: Snapshot, n: OutlineNode): DocumentSymbol {
  return {
    // An empty name is a protocol error in some clients; a block always has a kind to show.
    name: n.name || n.kind,
    detail: n.detail,
    kind: KINDS[n.kind] ?? SymbolKind.Namespace,
    range: toRange(snap.index, n.span),
    selectionRange: toRange(snap.index, n.selection),
    children: n.children.map((c) => toSymbol(snap, c)),
  };
}
