// Which of the advisor's options are offered: those that make the migration better than it
// is, best first, the top few. One rule for every front end (editor, chart panel, CLI): type
// imports and one pure function of the model's summaries, so the chart panel's webview can use
// it without bundling the advisor's search or the model.
import type { MigrationAdvice, RankedOption } from './types';
import { neverConverges } from '../model/summary';

/** Options offered per migration (the advisor verifies this many on every run). */
export const TOP_OPTIONS = 3;

/** Options that make the migration better than it is (fewer incomplete calls, or converging where it never did), best first. */
export function improving(m: MigrationAdvice): RankedOption[] {
  return m.options.filter((o) => o.prediction.incompleteCalls < m.current.incompleteCalls || (neverConverges(m.current) && !neverConverges(o.prediction)));
}

export function topOptions(m: MigrationAdvice): RankedOption[] {
  return improving(m).slice(0, TOP_OPTIONS);
}
