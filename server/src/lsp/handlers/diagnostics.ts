// Diagnostics in two speeds. Fast path: syntax and validation for the newest version,
// at once after a change (throttled during bursts, see FAST_PATH_INTERVAL_MS). Slow path: the model,
// after a debounce, for the runs of the newest version; its diagnostics are published
// only if the document still has those runs, and always together with the fast-path
// diagnostics of the current version, tagged with that version. So no diagnostic of an
// older text is ever shown, and an edit that does not change the runs (a comment) gets
// its model diagnostics back at once from the cache.
import type { Diagnostic as LangDiagnostic } from '../../language/diagnostics';
import { toLspDiagnostic } from '../convert';
import { guard, type ServerContext } from '../context';
import { predictionDiagnostics } from '../features/predictionDiagnostics';
import type { ModelOutcome } from '../model/service';
import type { Snapshot } from '../store';

import { RESULTS_CHANGED } from '../protocol';

export interface DiagnosticsHub {
  /** Re-publish every open document (after a settings change). */
  refreshAll(): void;
}

/**
 * The fast path runs at once after a quiet spell, and while changes keep coming at most
 * once per this interval, or per the time the last analysis took if that was longer (a
 * huge document): a burst (a paste replayed, a macro, 50 changes a second) is analyzed
 * for its newest version only, and requests always get at least half of the thread.
 */
export const FAST_PATH_INTERVAL_MS = 15;

export function registerDiagnostics(ctx: ServerContext): DiagnosticsHub {
  const dirty = new Set<string>();
  let timer: NodeJS.Immediate | NodeJS.Timeout | undefined;
  /** When the next flush may run at the earliest. */
  let nextFlush = -Infinity;
  /** Per document, the version and results the client was last told about. */
  const announced = new Map<string, { version: number; key: string }>();

  const flush = () => {
    timer = undefined;
    const start = performance.now();
    const uris = [...dirty];
    dirty.clear();
    for (const uri of uris) guard(ctx, 'diagnostics', undefined, () => fastPath(uri));
    const end = performance.now();
    nextFlush = end + Math.max(FAST_PATH_INTERVAL_MS, end - start);
  };
  const markDirty = (uri: string) => {
    dirty.add(uri);
    if (timer) return;
    const wait = nextFlush - performance.now();
    timer = wait > 0 ? setTimeout(flush, wait) : setImmediate(flush);
  };

  const publish = (snap: Snapshot, outcome: ModelOutcome | undefined) => {
    const a = snap.analysis;
    const all: LangDiagnostic[] = outcome ? [...a.diagnostics, ...predictionDiagnostics(a, outcome)] : a.diagnostics;
    void ctx.connection.sendDiagnostics({ uri: snap.uri, version: snap.version, diagnostics: all.map((d) => toLspDiagnostic(snap.index, snap.uri, d)) });
    if (outcome) {
      announce(snap, outcome);
      ctx.advice.warmFor(outcome);
    }
  };

  const announce = (snap: Snapshot, outcome: ModelOutcome) => {
    const last = announced.get(snap.uri);
    if (last?.version === snap.version && last.key === outcome.key) return;
    announced.set(snap.uri, { version: snap.version, key: outcome.key });
    // Every version with results is announced (the panel needs the statements' new ranges);
    // inlay hints are asked again only when the results themselves are new: the editor
    // already asks for them after each edit.
    void ctx.connection.sendNotification(RESULTS_CHANGED, { uri: snap.uri, version: snap.version });
    if (last?.key !== outcome.key && ctx.client.inlayHintRefresh && ctx.settings().inlayHints) void ctx.connection.languages.inlayHint.refresh().catch(() => undefined);
  };

  const fastPath = (uri: string) => {
    const snap = ctx.store.get(uri);
    if (!snap) return;
    const runs = snap.analysis.runs;
    if (!runs.length) {
      ctx.model.cancel(uri);
      ctx.advice.cancel(uri);
      publish(snap, undefined);
      return;
    }
    const prepared = ctx.model.prepare(runs);
    // Advice being computed for runs this version no longer has is of no use: stop it now.
    ctx.advice.retain(uri, prepared.key);
    const cached = ctx.model.get(prepared.key);
    publish(snap, cached);
    if (cached) return;
    ctx.model.schedule(uri, prepared, (o) =>
      guard(ctx, 'model diagnostics', undefined, () => {
        const now = ctx.store.get(uri);
        // Published only when the current version still has exactly these runs.
        if (now && now.analysis.runs.length && ctx.model.prepare(now.analysis.runs).key === o.key) publish(now, o);
      }),
    );
  };

  ctx.documents.onDidChangeContent((e) => markDirty(e.document.uri));
  ctx.documents.onDidClose((e) => {
    dirty.delete(e.document.uri);
    announced.delete(e.document.uri);
    ctx.model.cancel(e.document.uri);
    ctx.advice.cancel(e.document.uri);
    ctx.store.forget(e.document.uri);
    void ctx.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  return { refreshAll: () => ctx.store.uris().forEach(markDirty) };
}
