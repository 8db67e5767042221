// The advisor's findings about the state a migration starts from, in words: one wording for
// `sipmig advise`, the advice hover and the chart panel, which only frame it (a label, markup,
// punctuation). Plain text; each surface escapes names its own way through `name`.
import type { MigrationAdvice, RankedOption } from './types';

/** Seconds to 0.1, without trailing zeros ("5.2", "270"). */
const s1 = (v: number) => String(+v.toFixed(1));

/**
 * "at 120 s new calls already wait 17 s and 3 calls have timed out. No migration setting removes
 * that backlog: lower the load or add capacity": the advised run was behind before any migration.
 */
export function behindSentence(b: NonNullable<MigrationAdvice['behind']>): string {
  const failed = b.timedOutCalls >= 1 ? ` and ${b.timedOutCalls} calls have timed out` : '';
  return `at ${s1(b.atS)} s new calls already wait ${s1(b.inviteWaitS)} s${failed}. No migration setting removes that backlog: lower the load or add capacity`;
}

/**
 * "the migration of 'sipas1' ended at 258.7 s; at 270 s new calls still wait 5.2 s; without this
 * migration it is gone at 273.5 s": the migration starts in the backlog an earlier one left.
 */
export function backlogSentence(b: NonNullable<MigrationAdvice['startsInBacklog']>, startS: number, name: (s: string) => string = (s) => s): string {
  const gone = b.drainedAtS === null ? 'it does not drain within the scenario' : `without this migration it is gone at ${s1(b.drainedAtS)} s`;
  return `the migration of '${name(b.afterVm)}' ended at ${s1(b.afterEndS)} s; at ${s1(startS)} s new calls still wait ${s1(b.waitS)} s; ${gone}`;
}

/**
 * "the migration of 'sipas1' (120-231.7 s) is still under way when this one starts at 130 s;
 * without this migration the SIP-AS has worked off its backlog at 273.5 s".
 */
export function overlapSentence(o: NonNullable<MigrationAdvice['overlaps']>, startS: number, name: (s: string) => string = (s) => s): string {
  const gone = o.drainedAtS === null ? 'without this migration its backlog does not drain within the scenario' : `without this migration the SIP-AS has worked off its backlog at ${s1(o.drainedAtS)} s`;
  return `the migration of '${name(o.withVm)}' (${s1(o.withStartS)}-${s1(o.withEndS)} s) is still under way when this one starts at ${s1(startS)} s; ${gone}`;
}

/**
 * "the migration of 'sipas2' starts at 130 s, while this one is under way: both answer for the
 * calls failed from then on; see its advice for a start after this one".
 */
export function overlappedBySentence(o: NonNullable<MigrationAdvice['overlappedBy']>, name: (s: string) => string = (s) => s): string {
  return `the migration of '${name(o.vm)}' starts at ${s1(o.startS)} s, while this one is under way: both answer for the calls failed from then on; see its advice for a start after this one`;
}

/**
 * An option's "all runs" figure: this migration's calls summed over every run, with the whole
 * plan's when the run has other migrations ("17 (whole plan 2549)"); "–" when not verified.
 */
export function allRunsText(o: Pick<RankedOption, 'totalIncompleteAllRuns' | 'planTotalAllRuns'>): string {
  if (o.totalIncompleteAllRuns == null) return '–';
  // `== null`: advice from an older server lacks the field.
  return o.planTotalAllRuns == null ? String(o.totalIncompleteAllRuns) : `${o.totalIncompleteAllRuns} (whole plan ${o.planTotalAllRuns})`;
}

/**
 * "; whole plan 2902, 96 without this migration": the run's loss to all its migrations, and what
 * it would be with this `migrate` statement removed. '' for a run with one migration (its count
 * is the plan's) and where the plan fails no call (a 0 says nothing the migration's own 0 does
 * not). `== null`: advice from an older server lacks the fields.
 */
export function wholePlanSuffix(m: Pick<MigrationAdvice, 'current' | 'planWithoutThis'>): string {
  if (!m.current.planIncompleteCalls) return '';
  const without = m.planWithoutThis == null ? '' : `, ${m.planWithoutThis} without this migration`;
  return `; whole plan ${m.current.planIncompleteCalls}${without}`;
}

/** Said when no option is offered (offered.ts, improving): none helps this migration without failing more calls elsewhere in the plan. */
export const NO_OPTION_HELPS = 'makes this migration better without failing more calls elsewhere in the plan';

/** What the "whole plan" figures mean, for a footnote or a tooltip. */
export const WHOLE_PLAN_NOTE = 'the calls every migration of the run fails together (each counted once), beyond the same run without migrations';
