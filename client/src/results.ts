// The client side of the results contract with the language server (Bicep's visualizer
// pattern): the panel asks with the request, the server announces fresh results with the
// notification. The server (server/src/lsp) implements the other side.
import type { ChartContext, ResultsResponse, SourceRange } from '../../server/src/charts/context';

import type { ResultsChangedParams } from '../../server/src/lsp/protocol';

export function isResultsChanged(v: unknown): v is ResultsChangedParams {
  const o = v as ResultsChangedParams | null;
  return typeof o === 'object' && o !== null && typeof o.uri === 'string' && typeof o.version === 'number';
}

function isRange(v: unknown): v is SourceRange {
  const r = v as SourceRange | null;
  const pos = (p: unknown) => typeof p === 'object' && p !== null && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
  return typeof r === 'object' && r !== null && pos(r.start) && pos(r.end);
}

/**
 * The source range of a migration's `migrate` statement: the migration's own `range`
 * (preferred), or the file's `migrationRanges` at the same index; null when the server
 * sent neither.
 */
export function migrationRange(response: ResultsResponse | undefined, run: number, migration: number): SourceRange | null {
  const file = response?.file;
  const m = file?.runs[run]?.migrations[migration] as { range?: unknown } | undefined;
  if (!m) return null;
  if (isRange(m.range)) return m.range;
  const r = file?.migrationRanges?.[migration];
  return isRange(r) ? r : null;
}

/** Thresholds and cluster roles, wherever the server put them (top level or in `file`). */
export function chartContext(response: ResultsResponse | undefined): ChartContext {
  return {
    thresholds: response?.thresholds ?? response?.file?.thresholds,
    cluster: response?.cluster ?? response?.file?.cluster,
  };
}

/** Whether any migration in the response can be revealed in the source. */
export function hasRanges(response: ResultsResponse | undefined): boolean {
  return !!response?.file?.runs.some((r, i) => r.migrations.some((_, j) => migrationRange(response, i, j) !== null));
}
