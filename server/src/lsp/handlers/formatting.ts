// textDocument/formatting with the canonical layout of language/format.ts. Sends the
// smallest single edit (common prefix and suffix left alone), so the cursor and the
// undo history outside the changed lines stay put. No edit when the text has syntax errors.
import type { TextEdit } from 'vscode-languageserver';
import { guard, type ServerContext } from '../context';
import { toRange } from '../convert';
import { format } from '../../language/format';

export function registerFormatting(ctx: ServerContext): void {
  ctx.connection.onDocumentFormatting((p) =>
    guard(ctx, 'formatting', [] as TextEdit[], () => {
      const snap = ctx.store.get(p.textDocument.uri);
      const formatted = snap && format(snap.text);
      if (!snap || formatted == null || formatted === snap.text) return [];
      const e = minimalEdit(snap.text, formatted);
      return [{ range: toRange(snap.index, e), newText: e.newText }];
    }),
  );
}

export function minimalEdit(before: string, after: string): { start: number; end: number; newText: string } {
  let head = 0;
  const max = Math.min(before.length, after.length);
  while (head < max && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < max - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  // Never split a CRLF or a surrogate pair: positions inside them do not exist for the client.
  const inside = (i: number) => i > 0 && i < before.length && ((before[i - 1] === '\r' && before[i] === '\n') || (/[\uD800-\uDBFF]/.test(before[i - 1]) && /[\uDC00-\uDFFF]/.test(before[i])));
  while (inside(head)) head--;
  while (tail > 0 && inside(before.length - tail)) tail--;
  return { start: head, end: before.length - tail, newText: after.slice(head, after.length - tail) };
}
