// textDocument/prepareRename and rename: a declared name and all its references, quoted
// when the new name is not a plain identifier; refused when the name is taken.
import { ResponseError, ErrorCodes, type WorkspaceEdit } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { toOffset, toRange, toTextEdit } from '../convert';
import { prepareRename, renameEdits } from '../features/navigation';

export function registerRename(ctx: ServerContext): void {
  ctx.connection.onPrepareRename((p) => {
    const snap = ctx.store.get(p.textDocument.uri);
    if (!snap) return null;
    const r = prepareRename(snap.analysis, toOffset(snap.index, p.position));
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return { range: toRange(snap.index, r.span), placeholder: r.placeholder };
  });
  ctx.connection.onRenameRequest((p): WorkspaceEdit | null => {
    const snap = ctx.store.get(p.textDocument.uri);
    if (!snap) return null;
    const r = renameEdits(snap.analysis, toOffset(snap.index, p.position), p.newName);
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return { changes: { [snap.uri]: r.edits.map((e) => toTextEdit(snap.index, e)) } };
  });
}
