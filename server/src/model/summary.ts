// Summaries of per-step CPU and the reference metrics of the study (paper §6), computed from
// a finished run. Pure functions of their inputs.
import type { CpuSummary, MigrationResult, RunResult } from './output';

/**
 * The first `n` values of a series as a plain array (JSON writes a typed array as an object).
 * A plain loop: Array.from on a typed array, with or without a map function, is about ten
 * times slower.
 */
export function plainArray(a: ArrayLike<number>, n = a.length): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = a[i];
  return out;
}

/** Mean of a[i] for steps whose start time lies in [fromS, toS). NaN for an empty window. */
export function windowMean(a: ArrayLike<number>, dt: number, fromS: number, toS: number): number {
  const i0 = Math.max(0, Math.ceil(fromS / dt - 1e-9));
  const i1 = Math.min(a.length, Math.ceil(toS / dt - 1e-9));
  let s = 0;
  for (let i = i0; i < i1; i++) s += a[i];
  return i1 > i0 ? s / (i1 - i0) : NaN;
}

export function windowMax(a: ArrayLike<number>, dt: number, fromS: number, toS: number): number {
  const i0 = Math.max(0, Math.ceil(fromS / dt - 1e-9));
  const i1 = Math.min(a.length, Math.ceil(toS / dt - 1e-9));
  let m = -Infinity;
  for (let i = i0; i < i1; i++) if (a[i] > m) m = a[i];
  return i1 > i0 ? m : NaN;
}

/** CPU percentages are reported to 0.01 (summaries and series alike). */
export const r2 = (x: number) => Math.round(x * 100) / 100;

/** The windows before and after a migration that the CPU summaries average (the study's minute). */
export const CPU_WINDOW_S = 60;

/**
 * beforePct: mean over the 60 s before the first migration starts; duringPct: over
 * [first start, last end); afterPct: over the 60 s after the last end; peakDuringPct: highest
 * step during. Windows are clipped to the simulated time. A run without migration gives the
 * whole run's mean for all three; a migration that starts at 0 s has no before (null: the first
 * step is already part of the migration, and reading it as "before" made the rise look like
 * nothing); one that never ends, or ends with the run, gives the last step for after.
 */
export function summarizeCpu(a: ArrayLike<number>, dt: number, n: number, startS: number | null, endS: number | null): CpuSummary {
  const horizon = n * dt;
  if (startS === null || n === 0) {
    const m = windowMean(a, dt, 0, horizon);
    const v = Number.isFinite(m) ? r2(m) : 0;
    return { beforePct: v, duringPct: v, afterPct: v, peakDuringPct: n ? r2(windowMax(a, dt, 0, horizon)) : 0 };
  }
  const end = endS ?? horizon;
  const last = n > 0 ? a[n - 1] : 0;
  const before = windowMean(a, dt, Math.max(0, startS - CPU_WINDOW_S), startS);
  const during = windowMean(a, dt, startS, end);
  const after = windowMean(a, dt, end, Math.min(horizon, end + CPU_WINDOW_S));
  const pick = (x: number, fallback: number) => r2(Number.isFinite(x) ? x : fallback);
  return {
    beforePct: Number.isFinite(before) ? r2(before) : null,
    duringPct: pick(during, last),
    afterPct: pick(after, last),
    peakDuringPct: pick(windowMax(a, dt, startS, end), last),
  };
}

/** During minus before (NaN when the migration starts at 0 s: there is no before to rise from). */
const rise = (c: CpuSummary) => (c.beforePct === null ? NaN : r2(c.duringPct - c.beforePct));

export interface ReferenceMetrics {
  migrationTimeS: number | null;
  sourcePmCpuRisePct: number;
  migratedVmCpuRisePct: number;
  migratedVmCpuDuringPct: number;
  incompleteCalls: number;
}

/**
 * The study's metrics for a run's first migration: migration time (end - start), the source
 * PM's and the migrated VM's mean CPU during migration minus the mean in the 60 s before, the
 * migrated VM's mean CPU during migration, and the total of incomplete calls.
 */
export function referenceMetrics(r: RunResult): ReferenceMetrics {
  const m = r.migrations[0];
  const host = m ? r.cpu.hosts[m.from] : undefined;
  const vm = m ? r.cpu.vms[m.vm] : undefined;
  return {
    migrationTimeS: m ? m.migrationTimeS : null,
    sourcePmCpuRisePct: host ? rise(host) : 0,
    migratedVmCpuRisePct: vm ? rise(vm) : 0,
    migratedVmCpuDuringPct: vm ? vm.duringPct : 0,
    incompleteCalls: r.incompleteCalls.total,
  };
}

/**
 * A wait of new calls at the first migration's start from which the SIP-AS counts as behind
 * its load: a tenth of Timer B. Shorter waits come and go with the load's own bursts (what a
 * warm-started run just at its capacity edge shows is in the generated table of
 * docs/model.md §3.7); a server that already fell this far behind does not keep up without a
 * migration.
 */
export const BEHIND_WAIT_SHARE = 0.1;

/**
 * Whether the SIP-AS was already behind its load when the run's first migration started: calls
 * had timed out, or new calls waited at least BEHIND_WAIT_SHARE of Timer B. Such a migration
 * starts from a backlog that no migration setting removes. Calls the overload control refused
 * (503) do not count: refusing them is how a server keeps up by policy.
 */
export function behindAtMigrationStart(r: RunResult): boolean {
  const s = r.atMigrationStart;
  return !!s && (s.timedOutCalls >= 1 || s.inviteWaitS >= BEHIND_WAIT_SHARE * r.timerBS);
}

/** A migration that starts while the SIP-AS still works off the backlog an earlier one left. */
export interface StartsInBacklog {
  /** The earlier migration: the last to end before this one started. */
  after: MigrationResult;
  /** The new-call wait when this one started (s). */
  waitS: number;
}

/**
 * Whether migration `index` of the run starts while the SIP-AS is still working off the backlog
 * of an earlier migration: new calls already wait BEHIND_WAIT_SHARE of Timer B or more when it
 * starts, an earlier migration has ended by then, and the server was not behind before any
 * migration (then the load is the cause, not the schedule). With the run's series, also the
 * SIP-AS queue never emptied between that migration's end and this start: a queue that did
 * was not carrying that backlog (the load rose since), and a later start would not help.
 * Without series a load that rose in between looks the same. Null otherwise.
 */
export function startsInBacklogOf(r: RunResult, index: number): StartsInBacklog | null {
  const m = r.migrations[index];
  if (!m || m.startWaitS === null || m.startWaitS < BEHIND_WAIT_SHARE * r.timerBS || behindAtMigrationStart(r)) return null;
  const ended = r.migrations.filter((x, i) => i !== index && x.endS !== null && x.endS <= m.startS + 1e-9);
  if (!ended.length) return null;
  const after = ended.reduce((a, b) => ((b.endS ?? -Infinity) > (a.endS ?? -Infinity) ? b : a));
  if (queueEmptyAt(r, after.endS ?? 0, m.startS - 1e-9) !== null) return null;
  return { after, waitS: m.startWaitS };
}

/**
 * The earlier-started migration still under way when migration `index` starts: the two share the
 * SIP-AS's slowed capacity. Of two that start at the same time, the one written first counts as
 * earlier. Of several, the one that ends last, preferring one that ends at all (a start after
 * it is possible). Null when no earlier one is under way then.
 */
export function overlappedAtStart(r: RunResult, index: number): MigrationResult | null {
  const m = r.migrations[index];
  if (!m || m.incompleteCalls === null) return null;
  const earlier = (x: MigrationResult, i: number) => x.startS < m.startS - 1e-9 || (Math.abs(x.startS - m.startS) <= 1e-9 && i < index);
  const under = r.migrations.filter((x, i) => i !== index && x.incompleteCalls !== null && earlier(x, i) && (x.endS === null || x.endS > m.startS + 1e-9));
  if (!under.length) return null;
  const ending = under.filter((x) => x.endS !== null);
  return (ending.length ? ending : under).reduce((a, b) => ((b.endS ?? Infinity) > (a.endS ?? Infinity) ? b : a));
}

/**
 * The later migration that migration `index` is the one under way for (overlappedAtStart), the
 * first to start of them: its index, -1 when none.
 */
export function firstOverlapping(r: RunResult, index: number): number {
  const m = r.migrations[index];
  let first = -1;
  r.migrations.forEach((x, k) => {
    if (k !== index && m && overlappedAtStart(r, k) === m && (first < 0 || x.startS < r.migrations[first].startS)) first = k;
  });
  return first;
}

/**
 * The first time in [fromS, toS) at which the SIP-AS holds nothing older than the step (its
 * queueing delay is 0), from the run's series; null when there is none, or no series.
 */
export function queueEmptyAt(r: RunResult, fromS: number, toS = Infinity): number | null {
  const s = r.series;
  if (!s?.tS || !s.queueDelayS) return null;
  for (let i = 0; i < s.tS.length && s.tS[i] < toS; i++) if (s.tS[i] >= fromS && s.queueDelayS[i] === 0) return s.tS[i];
  return null;
}

/**
 * How a migration ended: it resumed on the destination within the scenario ('converged'); it
 * was still under way when the scenario ended but would resume later at its last rate and
 * dirtying ('unfinished': the scenario is too short, nothing is wrong with the migration); or it
 * never converges ('never': its settings cannot carry what the guest dirties).
 */
export type Convergence = 'converged' | 'unfinished' | 'never';

/** The migrated VM's own CPU summary around its migration (null: the migration never started). One reader for the hover, the report and the charts. */
export function migratedVmCpu(m: Pick<MigrationResult, 'cpu' | 'vm'>): CpuSummary | null {
  return m.cpu?.vms[m.vm] ?? null;
}

export function convergence(m: Pick<MigrationResult, 'converged' | 'unfinished'>): Convergence {
  if (m.converged) return 'converged';
  return m.unfinished && m.unfinished.resumesAfterS !== null ? 'unfinished' : 'never';
}

/** Whether a migration never converges with its settings (not merely cut short by the scenario's end). */
export function neverConverges(m: Pick<MigrationResult, 'converged' | 'unfinished'>): boolean {
  return convergence(m) === 'never';
}
