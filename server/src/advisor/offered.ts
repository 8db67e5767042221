// Which of the advisor's options are offered: those that make the migration better than it
// is, best first, the top few. One rule for every front end (editor, chart panel, CLI): type
// imports and one pure function of the model's summaries, so the chart panel's webview can use
// it without bundling the advisor's search or the model.
import type { Advice, MigrationAdvice, RankedOption } from './types';
import { neverConverges } from '../model/summary';

/** Options offered per migration (the advisor verifies this many on every run). */
export const TOP_OPTIONS = 3;

/**
 * Options that make the migration better than it is, best first: fewer incomplete calls without
 * more for the plan as a whole, fewer for the plan as a whole, or converging where it never did.
 * An option that saves this migration's calls by failing more at another one is not offered.
 */
export function improving(m: MigrationAdvice): RankedOption[] {
  // `== null`: advice from a server older than the whole-plan figures lacks them (the chart panel reads it too).
  const planNow = m.current.planIncompleteCalls;
  return m.options.filter((o) => {
    const plan = o.prediction.planIncompleteCalls;
    const planBetter = plan != null && planNow != null && plan < planNow;
    const planNotWorse = plan == null || planNow == null || plan <= planNow;
    return planBetter || (planNotWorse && o.prediction.incompleteCalls < m.current.incompleteCalls) || (neverConverges(m.current) && !neverConverges(o.prediction));
  });
}

export function topOptions(m: MigrationAdvice): RankedOption[] {
  return improving(m).slice(0, TOP_OPTIONS);
}

/**
 * The option to apply for the plan as a whole (`sipmig advise --apply`, the chart panel's
 * "recommended" side): of every migration's offered options verified on every run, the one the
 * whole plan fails fewest calls with over all runs (a plan with one migration: that migration);
 * ties go to the earlier migration, then to the advisor's order. Without verified options, the
 * first offered one of the first migration that has any.
 */
export function bestForPlan(advice: Advice): { migration: MigrationAdvice; option: RankedOption } | undefined {
  let best: { migration: MigrationAdvice; option: RankedOption; total: number } | undefined;
  for (const migration of advice.migrations) {
    for (const option of improving(migration)) {
      const total = option.planTotalAllRuns ?? option.totalIncompleteAllRuns;
      if (total != null && (!best || total < best.total)) best = { migration, option, total };
    }
  }
  if (best) return { migration: best.migration, option: best.option };
  const first = advice.migrations.find((m) => improving(m).length > 0);
  return first ? { migration: first, option: improving(first)[0] } : undefined;
}
