// The advisor's code actions (features/advice.ts) as LSP code actions: one per top option,
// the best preferred, each a WorkspaceEdit of the option's text edits. They wait for the
// advice at most the model's time budget; a job still running then shows as a disabled
// "computing…" action (for clients that show those) instead of holding the menu.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { toTextEdit, toSpan } from '../convert';
import { touches, type Span } from '../../language/syntax/tree';
import type { Snapshot } from '../store';
import { advisorActions, advisorSiteIn } from '../features/advice';

/** Model diagnostics an advisor action answers: calls fail silently (threshold), the migration summary or its failure to converge. */
const ANSWERS = new Set(['PRED001', 'PRED002', 'PRED003']);

export async function advisorCodeActions(ctx: ServerContext, snap: Snapshot, range: Span, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  if (!advisorSiteIn(snap.analysis, range)) return [];
  const outcome = ctx.outcomeOf(snap);
  if (!outcome) return [];
  const view = await ctx.adviceOf(snap, outcome, ctx.settings().timeBudgetMs);
  if (view.kind === 'computing') {
    return ctx.client.codeActionDisabled ? [{ title: 'Advisor: computing options…', kind: CodeActionKind.QuickFix, disabled: { reason: 'The advisor is still computing; try again in a moment.' } }] : [];
  }
  if (view.kind !== 'ready') return [];
  // The version may have moved on while we waited: edits must fit the text the client has.
  if (ctx.store.version(snap.uri) !== snap.version) return [];
  return advisorActions(snap.analysis, view.advice, outcome, range).map((a) => {
    const answered = diagnostics.filter((d) => ANSWERS.has(String(d.code)) && touches(toSpan(snap.index, d.range), a.site));
    return {
      title: a.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: answered.length ? answered : undefined,
      isPreferred: a.preferred,
      edit: { changes: { [snap.uri]: a.edits.map((e) => toTextEdit(snap.index, e)) } },
    };
  });
}

