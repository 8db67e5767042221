// textDocument/codeAction: quick fixes from features/codeActions.ts, each tied to the
// diagnostic it fixes (as published, so the client can match them), then the advisor's
// options on a migrate statement or the phase-1 threshold (handlers/advisorActions.ts).
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import { guard, type ServerContext } from '../context';
import { toLspDiagnostic, toSpan, toTextEdit } from '../convert';
import { quickFixes } from '../features/codeActions';
import { touches } from '../../language/syntax/tree';
import { predictionDiagnostics } from '../features/predictionDiagnostics';
import { advisorCodeActions } from './advisorActions';

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(async (p) => {
    const snap = ctx.store.get(p.textDocument.uri);
    if (!snap) return [];
    if (p.context.only && !p.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.'))) return [];
    const range = toSpan(snap.index, p.range);
    // The model's diagnostics with fixes sit on migrate statements (PRED007): built only for a
    // range that touches one (7 ms for a 200-point sweep, and editors ask on every cursor move).
    const outcome = snap.analysis.entities.migrations.some((m) => touches(m.prop.member, range)) ? ctx.outcomeOf(snap) : undefined;
    const fixes = guard(ctx, 'codeAction', [] as CodeAction[], () =>
      quickFixes(snap.analysis, range, outcome ? predictionDiagnostics(snap.analysis, outcome) : []).map((f) => ({
        title: f.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toLspDiagnostic(snap.index, snap.uri, f.diagnostic)],
        isPreferred: f.preferred,
        edit: { changes: { [snap.uri]: f.edits.map((e) => toTextEdit(snap.index, e)) } },
      })),
    );
    try {
      return [...fixes, ...(await advisorCodeActions(ctx, snap, range, p.context.diagnostics))];
    } catch (e) {
      ctx.log(`sipmig advisor code actions failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fixes;
    }
  });
}
