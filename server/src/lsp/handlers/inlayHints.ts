// textDocument/inlayHint: predicted figures after migrate, load and threshold lines
// (features/inlayHints.ts), only when the model's results match the current text, and
// not at all when sipmig.inlayHints.enabled is false.
import { type InlayHint } from 'vscode-languageserver';
import { guard, type ServerContext } from '../context';
import { inlayHints } from '../features/inlayHints';

export function registerInlayHints(ctx: ServerContext): void {
  ctx.connection.languages.inlayHint.on((p) =>
    guard(ctx, 'inlayHint', [] as InlayHint[], () => {
      if (!ctx.settings().inlayHints) return [];
      const snap = ctx.store.get(p.textDocument.uri);
      const outcome = snap && ctx.outcomeOf(snap);
      if (!snap || !outcome) return [];
      return inlayHints(snap.analysis, outcome).map((h) => ({ position: snap.index.position(h.offset), label: h.label, tooltip: h.tooltip, paddingLeft: true }));
    }),
  );
}
