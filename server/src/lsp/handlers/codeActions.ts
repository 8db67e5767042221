// textDocument/codeAction: quick fixes from features/codeActions.ts, each tied to the
// diagnostic it fixes (as published, so the client can match them).
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import { guard, type ServerContext } from '../context';
import { toLspDiagnostic, toSpan, toTextEdit } from '../convert';
import { quickFixes } from '../features/codeActions';

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction((p) =>
    guard(ctx, 'codeAction', [] as CodeAction[], () => {
      const snap = ctx.store.get(p.textDocument.uri);
      if (!snap) return [];
      if (p.context.only && !p.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.'))) return [];
      return quickFixes(snap.analysis, toSpan(snap.index, p.range)).map((f) => ({
        title: f.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toLspDiagnostic(snap.index, snap.uri, f.diagnostic)],
        isPreferred: f.preferred,
        edit: { changes: { [snap.uri]: f.edits.map((e) => toTextEdit(snap.index, e)) } },
      }));
    }),
  );
}
