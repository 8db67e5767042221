// The chart panel's contract (docs/editors.md): request `sipmig/results` { uri, runs?,
// maxPoints?, fullResolution? } answers the model's results for the document with the
// source ranges of its migrate statements and its overload thresholds, the series bounded
// (min/max decimation, features/results.ts boundSeries) unless full resolution is asked;
// notification `sipmig/resultsChanged` { uri, version } (sent by handlers/diagnostics.ts)
// says that newer results exist. The request waits for a
// model run under way (or starts one), so "Run" works right after an edit.
import type { Range } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { toRange } from '../convert';
import { clusterOf, fileResult, migrationSites, seriesRequest, thresholdsOf, type SentRun, type ThresholdInfo } from '../features/results';
import type { FileResult } from '../../model/output';
import { RESULTS_REQUEST, type ResultsParams } from '../protocol';

export interface ResultsAnswer {
  uri: string;
  /** The document version the results (and ranges) belong to; null when the document is not open. */
  version: number | null;
  /** The model output with series (bounded as the params ask); null while the scenario has errors (see `message`). */
  file: (Omit<FileResult, 'runs'> & { runs: SentRun[]; migrationRanges: Range[]; thresholds: ThresholdInfo[]; cluster?: { active: string; standby: string } }) | null;
  /** Each migrate statement; `line` is 0-based like `range`. */
  migrations: { vm: string; line: number; range: Range }[];
  thresholds: ThresholdInfo[];
  cluster?: { active: string; standby: string };
  message?: string;
}

/** A document that keeps changing gets this many tries to produce results for its newest runs. */
const ATTEMPTS = 3;

export function registerResults(ctx: ServerContext): void {
  ctx.connection.onRequest(RESULTS_REQUEST, async (p: ResultsParams): Promise<ResultsAnswer> => {
    const uri = typeof p?.uri === 'string' ? p.uri : '';
    const req = seriesRequest(p);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const snap = ctx.store.get(uri);
      if (!snap) return { uri, version: null, file: null, migrations: [], thresholds: [], message: 'The document is not open in the language server.' };
      const a = snap.analysis;
      const sites = migrationSites(a);
      const range = (s: { start: number; end: number }) => toRange(snap.index, s);
      const base = {
        uri,
        version: snap.version,
        migrations: sites.map((s) => ({ vm: s.vm, line: range(s.span).start.line, range: range(s.span) })),
        thresholds: thresholdsOf(a),
        cluster: clusterOf(a),
      };
      if (!a.runs.length) {
        const errors = a.diagnostics.filter((d) => d.severity === 'error').length;
        return { ...base, file: null, message: `The scenario has ${errors} error${errors === 1 ? '' : 's'}; fix ${errors === 1 ? 'it' : 'them'} to get predictions.` };
      }
      const prepared = ctx.model.prepare(a.runs);
      const outcome = await ctx.model.ensure(uri, prepared);
      if (outcome) return { ...base, file: { ...fileResult(uri, outcome, sites, range, req), thresholds: base.thresholds, cluster: base.cluster } };
      // Cancelled because the document or the settings (step, budget: part of the job's key)
      // changed meanwhile: try again with the newest version and settings.
      const now = ctx.store.get(uri);
      if (now?.version === snap.version && ctx.model.prepare(now.analysis.runs).key === prepared.key) return { ...base, file: null, message: 'The model did not finish; see the sipmig output for details.' };
    }
    return { uri, version: ctx.store.version(uri) ?? null, file: null, migrations: [], thresholds: [], message: 'The document kept changing; ask again.' };
  });
}
