// Which failed calls a migration answers for. One definition for every front end (the editor's
// hovers and warnings, the advisor, the CLI), so that they never disagree on a count.
//
// A migration's window runs from its start to the first start of another migration at or after
// its end (the run's end when there is none, or when it never ends): a backlog a migration
// leaves keeps failing calls after it ends, for as long as the drain and Timer B take, and only
// a migration started after it takes the blame from there. A migration that another one
// overlaps is not relieved by it: it answers for every call failed until a migration starts
// after its own end, the overlapping one's tail included, because the model cannot tell in
// whose backlog a call waited (each would have to change to save it). Within the window, the calls the same run without migrations also fails (an
// overload policy that refuses calls at all times, a load above capacity) are not the
// migration's.
import type { RunInput } from './input';
import type { IncompleteCalls, MigrationResult, RunResult, SeriesValues } from './output';

/** The cumulative failures of a run by the series' three groups, on a time axis. */
export interface FailureSeries {
  tS: SeriesValues;
  incomplete408: SeriesValues;
  incomplete503: SeriesValues;
  incompleteOther: SeriesValues;
}

/** The same run without its migrations: it tells what the plan loses anyway. */
export function withoutMigrations(run: RunInput): RunInput {
  return { ...run, scenario: { ...run.scenario, migrations: [] } };
}

/** A run's cumulative failures with their time axis (undefined: the run has no series). */
export function failureSeriesOf(r: RunResult): FailureSeries | undefined {
  const s = r.series;
  return s?.tS && s.incomplete408 && s.incomplete503 && s.incompleteOther ? { tS: s.tS, incomplete408: s.incomplete408, incomplete503: s.incomplete503, incompleteOther: s.incompleteOther } : undefined;
}

/** What the window rule reads of a migration. */
export interface WindowBounds {
  startS: number;
  /** Null: it never ended within the run. */
  endS: number | null;
  started: boolean;
}

/** Index of the migration whose start closes the window of migration `index` (-1: none; it runs to the run's end). */
export function closingMigration(ms: readonly WindowBounds[], index: number): number {
  const end = ms[index]?.endS;
  if (end === null || end === undefined) return -1;
  let best = -1;
  ms.forEach((x, i) => {
    if (i !== index && x.started && x.startS >= end - 1e-9 && (best < 0 || x.startS < ms[best].startS)) best = i;
  });
  return best;
}

/** The window of migration `index`: [its start, the closing migration's start, or Infinity). Null when it never started. */
export function attributionWindow(migrations: readonly MigrationResult[], index: number): [number, number] | null {
  const m = migrations[index];
  if (!m || m.incompleteCalls === null) return null;
  const closing = closingMigration(migrations.map(boundsOf), index);
  return [m.startS, closing < 0 ? Infinity : migrations[closing].startS];
}

const boundsOf = (m: MigrationResult): WindowBounds => ({ startS: m.startS, endS: m.endS, started: m.incompleteCalls !== null });

/**
 * The calls failed in [fromS, toS), by group ('408', '503', 'other'; fluid amounts), counted as
 * the model counts a migration's own: from the state before the step at fromS to the state
 * before the step at toS.
 */
export function failuresInWindow(s: FailureSeries, fromS: number, toS: number): Record<string, number> {
  const i0 = firstStepAt(s.tS, fromS);
  const i1 = toS === Infinity ? s.tS.length : firstStepAt(s.tS, toS);
  const before = (c: SeriesValues, i: number) => (i > 0 && c.length ? c[Math.min(i, c.length) - 1] : 0);
  const out: Record<string, number> = {};
  for (const [cause, c] of [['408', s.incomplete408], ['503', s.incomplete503], ['other', s.incompleteOther]] as const) {
    const n = before(c, i1) - before(c, i0);
    if (n > 0) out[cause] = n;
  }
  return out;
}

/** Index of the first step whose time is at or after t (the series' length when none is). */
function firstStepAt(tS: SeriesValues, t: number): number {
  let lo = 0;
  let hi = tS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tS[mid] < t - 1e-9) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The calls migration `index` answers for: those failing in its window, less those the same run
 * without migrations (`anyway`, on the same time axis) fails in that window. Without `anyway`,
 * its window's raw count.
 */
export function migrationCost(r: Pick<RunResult, 'migrations'>, index: number, anyway?: FailureSeries): IncompleteCalls {
  const own = r.migrations[index]?.incompleteCalls;
  const window = attributionWindow(r.migrations, index);
  if (!own || !window) return { total: 0, byCause: {} };
  return anyway ? incompleteBeyond(own, failuresInWindow(anyway, window[0], window[1])) : own;
}

/** The series' group of a cause: '408' and '503' are their own, every other cause (prack-timeout, update-timeout...) is 'other'. */
const causeGroup = (cause: string): '408' | '503' | 'other' => (cause === '408' || cause === '503' ? cause : 'other');

/**
 * The calls of `mine` beyond those of `anyway` (the same run without migrations), by cause and
 * rounded to whole calls. `anyway` may be coarser (the series' 408, 503 and "other"): a finer
 * cause of `mine` (update-timeout, prack-timeout...) draws on "other".
 */
export function incompleteBeyond(mine: IncompleteCalls, anyway: Record<string, number>): IncompleteCalls {
  const left: Record<string, number> = { ...anyway };
  const byCause: Record<string, number> = {};
  let total = 0;
  for (const [cause, n] of Object.entries(mine.byCause)) {
    const group = causeGroup(cause);
    const taken = Math.min(n, left[group] ?? 0);
    left[group] = (left[group] ?? 0) - taken;
    const more = Math.round(n - taken);
    if (more > 0) {
      byCause[cause] = more;
      total += more;
    }
  }
  return { total, byCause };
}

/**
 * The calls a run loses to all its migrations together: every call it fails, less those the same
 * run without migrations (`anyway`) fails. Unlike the per-migration counts, which overlap where
 * migrations do, this counts each call once: it is what a change to one migration must not make
 * worse for the plan as a whole. Both sides are the runs' own counts, rounded alike (a fluid
 * series total would leave a rounding remainder that no migration caused).
 */
export function planCost(r: Pick<RunResult, 'incompleteCalls'>, anyway: Pick<RunResult, 'incompleteCalls'>): IncompleteCalls {
  const groups: Record<string, number> = {};
  for (const [cause, n] of Object.entries(anyway.incompleteCalls.byCause)) {
    const group = causeGroup(cause);
    groups[group] = (groups[group] ?? 0) + n;
  }
  return incompleteBeyond(r.incompleteCalls, groups);
}
