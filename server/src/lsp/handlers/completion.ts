// textDocument/completion over features/completion.ts.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import { toOffset, toRange } from '../convert';
import { guard, type ServerContext } from '../context';
import { completionsAt, type EntryKind } from '../features/completion';

/** Space: what comes next on a line (a unit after a number, `on` after a VM...); quote: CPU models. */
export const COMPLETION_TRIGGERS = [' ', '"'];

const KIND: Record<EntryKind, CompletionItemKind> = {
  block: CompletionItemKind.Module,
  property: CompletionItemKind.Property,
  keyword: CompletionItemKind.Keyword,
  value: CompletionItemKind.EnumMember,
  unit: CompletionItemKind.Unit,
  reference: CompletionItemKind.Reference,
  cpu: CompletionItemKind.Constant,
};

export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion((p) =>
    guard(ctx, 'completion', [] as CompletionItem[], () => {
      const snap = ctx.store.get(p.textDocument.uri);
      if (!snap) return [];
      return completionsAt(snap.analysis, toOffset(snap.index, p.position)).map((e): CompletionItem => {
        const snippet = e.snippet && ctx.client.snippets;
        return {
          label: e.label,
          kind: KIND[e.kind],
          detail: e.detail,
          documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
          textEdit: { range: toRange(snap.index, e.replace), newText: snippet ? e.insertText : e.plainText },
          insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
          filterText: e.filterText,
          sortText: e.sortText,
        };
      });
    }),
  );
}
