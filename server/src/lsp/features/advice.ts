// The advisor in the editor, protocol-free: which migrations need advice (from the model
// results already cached for the document), which options are worth offering, and the
// code actions they become on a `migrate` statement and on the phase-1 threshold.
import type { Analysis } from '../../language';
import type { TextEdit } from '../../language/diagnostics';
import { touches, type Span } from '../../language/syntax/tree';
import type { Advice, MigrationAdvice, RankedOption } from '../../advisor/types';
import type { RunResult } from '../../model/output';
import { neverConverges } from '../../model/summary';
import { bestForPlan, topOptions } from '../../advisor/offered';
import { isSilentFailure, migrationCalls, thresholdPoints, thresholdSite, type Outcome } from './predictions';

export { bestForPlan, improving, topOptions, TOP_OPTIONS } from '../../advisor/offered';

/** What the advisor has for a document version, as hovers and code actions see it. */
export type AdviceView =
  /** The model predicts no failing calls (or the scenario has errors): nothing to advise, nothing computed. */
  | { kind: 'none' }
  /** The advice job is running (or waiting) and did not answer within the caller's wait. */
  | { kind: 'computing' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; advice: Advice; comparison?: AdviceComparison; elapsedMs: number };

/** The advised run with the best option applied: what the chart panel compares with the plan as written. */
export interface AdviceComparison {
  /** Index of the migration (in the file's schedule) whose best option is applied. */
  migration: number;
  optionId: string;
  option: string;
  runLabel: string;
  recommended: RunResult<Float64Array>;
  /** The active VM in each plan (switching roles first makes the other VM the active). */
  activeVm: { current: string; recommended: string };
}

/** Indices of the migrations the model predicts to fail calls (that the plan without migrations would not) or not to converge in some run. */
export function failingMigrations(o: Outcome): number[] {
  const count = Math.max(0, ...o.results.map((r) => r.migrations.length));
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    if (o.results.some((r) => r.migrations[i] && (neverConverges(r.migrations[i]) || migrationCalls(r, i).total > 0))) out.push(i);
  }
  return out;
}

const calls = (n: number) => `${n} incomplete call${n === 1 ? '' : 's'}`;

/** "Advisor: Switch over first… (0 incomplete calls, was 50)"; plain text (code action titles are not markdown). */
export function actionTitle(m: MigrationAdvice, o: RankedOption, several: boolean): string {
  const who = several ? ` (migrate ${m.vm})` : '';
  const figures = neverConverges(m.current) && !neverConverges(o.prediction) ? `converges, ${calls(o.prediction.incompleteCalls)}` : `${calls(o.prediction.incompleteCalls)}, was ${m.current.incompleteCalls}`;
  // In a run with other migrations, what the option does to the whole plan too (it can move calls between migrations).
  const plan = o.prediction.planIncompleteCalls !== null && m.current.planIncompleteCalls !== null ? `; whole plan ${o.prediction.planIncompleteCalls}, was ${m.current.planIncompleteCalls}` : '';
  return `Advisor${who}: ${o.title} (${figures}${plan})`;
}

export interface AdvisorAction {
  title: string;
  edits: TextEdit[];
  preferred: boolean;
  /** Where the action is offered: the `migrate` statement or the phase-1 `start_above` line. */
  site: Span;
  kind: 'migrate' | 'threshold';
}


/**
 * The advisor's code actions for a range: on a `migrate` statement, its top options; on the
 * phase-1 threshold, when calls fail while the CPU-based control stays silent (what PRED001
 * says), the top options of every failing migration. On a `migrate` statement its first option
 * is the preferred one; on the threshold, the one for the whole plan (bestForPlan).
 */
export function advisorActions(a: Analysis, advice: Advice, outcome: Outcome, range: Span): AdvisorAction[] {
  const several = advice.migrations.length > 1;
  const forMigration = (m: MigrationAdvice, site: Span, kind: AdvisorAction['kind'], preferred: (o: RankedOption, i: number) => boolean): AdvisorAction[] =>
    topOptions(m).map((o, i) => ({ title: actionTitle(m, o, several), edits: o.edits, preferred: preferred(o, i), site, kind }));
  const out: AdvisorAction[] = [];
  for (const m of advice.migrations) if (touches(m.span, range)) out.push(...forMigration(m, m.span, 'migrate', (_o, i) => i === 0));
  const threshold = thresholdSite(a);
  if (threshold && touches(threshold.line, range) && thresholdPoints(outcome, threshold.pct).some(isSilentFailure)) {
    // Every failing migration's options in one menu: only the one for the whole plan is preferred.
    const best = bestForPlan(advice)?.option;
    for (const m of advice.migrations) if (m.current.incompleteCalls > 0) out.push(...forMigration(m, threshold.line, 'threshold', (o) => o === best));
  }
  return out;
}

/** Whether a range touches a place the advisor has actions for (so other ranges never wait for it). */
export function advisorSiteIn(a: Analysis, range: Span): boolean {
  const threshold = thresholdSite(a);
  return a.entities.migrations.some((m) => touches(m.prop.member, range)) || (!!threshold && touches(threshold.line, range));
}
