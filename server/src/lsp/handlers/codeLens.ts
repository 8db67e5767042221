// textDocument/codeLens: "Run" and "Preview charts" above the scenario block (or the
// first line), as commands the extension registers; they take the document's uri.
import type { CodeLens } from 'vscode-languageserver';
import { guard, type ServerContext } from '../context';
import { toRange } from '../convert';

export const RUN_COMMAND = 'sipmig.runScenario';
export const PREVIEW_COMMAND = 'sipmig.previewCharts';

export function registerCodeLens(ctx: ServerContext): void {
  ctx.connection.onCodeLens((p) =>
    guard(ctx, 'codeLens', [] as CodeLens[], () => {
      const snap = ctx.store.get(p.textDocument.uri);
      if (!snap) return [];
      const key = snap.analysis.entities.scenario?.member.key ?? { start: 0, end: 0 };
      const range = toRange(snap.index, key);
      return [
        { range, command: { title: '▶ Run', command: RUN_COMMAND, arguments: [snap.uri] } },
        { range, command: { title: 'Preview charts', command: PREVIEW_COMMAND, arguments: [snap.uri] } },
      ];
    }),
  );
}
