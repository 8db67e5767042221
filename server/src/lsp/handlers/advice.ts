// Request `sipmig/advice` { uri } (docs/editors.md): the advisor's answer for the document
// and, when it has an option, the advised run as planned and with the best option applied,
// for the chart panel's side-by-side comparison (their series decimated to at most
// RESULTS_MAX_POINTS points, as in sipmig/results). Waits for the model and then for the
// advice job (which its own time budget bounds), like `sipmig/results` waits for the model.
import type { ServerContext } from '../context';
import type { Advice } from '../../advisor/types';
import { ADVICE_REQUEST, RESULTS_MAX_POINTS, type AdviceAnswer, type UriParams as AdviceParams } from '../protocol';
import { decimateRun } from '../../charts/decimate';
import { thresholdSite } from '../features/predictions';

const NO_ADVICE: Advice = { migrations: [], failsCalls: false };
/** A document that keeps changing gets this many tries. */
const ATTEMPTS = 3;

export function registerAdvice(ctx: ServerContext): void {
  ctx.connection.onRequest(ADVICE_REQUEST, async (p: AdviceParams): Promise<AdviceAnswer> => {
    const uri = typeof p?.uri === 'string' ? p.uri : '';
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const snap = ctx.store.get(uri);
      if (!snap) return { uri, version: null, advice: NO_ADVICE, message: 'The document is not open in the language server.' };
      const base = { uri, version: snap.version, advice: NO_ADVICE };
      const a = snap.analysis;
      if (!a.runs.length) return { ...base, message: 'The scenario has errors; fix them to get advice.' };
      const outcome = await ctx.model.ensure(uri, ctx.model.prepare(a.runs));
      // Null or 'computing' (with no wait): a job was stopped, because the document changed or the worker failed.
      const view = outcome ? await ctx.adviceOf(snap, outcome, Infinity) : undefined;
      if (!outcome || !view || view.kind === 'computing') {
        if (ctx.store.version(uri) !== snap.version) continue;
        return { ...base, message: `The ${outcome ? 'advisor' : 'model'} did not finish; see the sipmig output for details.` };
      }
      if (view.kind === 'none') return { ...base, message: 'The model predicts no incomplete calls: nothing to advise.' };
      if (view.kind === 'failed') return { ...base, message: `No advice: ${view.message}` };
      const c = view.comparison;
      const current = c && outcome.results.find((r) => r.label === c.runLabel);
      // Two runs' series for two charts: bounded as sipmig/results bounds a run's (min/max decimation).
      const comparison = c && current ? { runLabel: c.runLabel, current: decimateRun(current, RESULTS_MAX_POINTS), recommended: decimateRun(c.recommended, RESULTS_MAX_POINTS), option: c.option, optionId: c.optionId, migration: c.migration, activeVm: c.activeVm, thresholdPct: thresholdSite(a)?.pct } : undefined;
      return { ...base, advice: view.advice, comparison };
    }
    return { uri, version: ctx.store.version(uri) ?? null, advice: NO_ADVICE, message: 'The document kept changing; ask again.' };
  });
}
