// How a finished simulation becomes its RunResult: migrations, CPU summaries, incomplete calls
// by cause, and the series (plain arrays for JSON, or the model's own typed arrays).
import type { CpuSummaries, IncompleteCalls, MigrationResult, MigrationStartState, RunResult, Series, SeriesValues, UnfinishedMigration } from './output';
import type { Simulation } from './simulation';
import { MigPhase, type Migration, type Projection } from './migration';
import { closingMigration, type WindowBounds } from './attribution';
import { plainArray, r2, summarizeCpu } from './summary';
import { SERIES_KEYS } from './series';

/** The first `n` values of one of the model's arrays, as a series (CPU percentages rounded to 0.01). */
export type SeriesOf<V> = (a: Float64Array, n: number, percent: boolean) => V;

/** The RunResult of a simulation that ran `steps` steps, its series made by `seriesOf`. */
export function buildResult<V extends SeriesValues>(sim: Simulation, steps: number, seriesOf: SeriesOf<V>): RunResult<V> {
  const { dt, run, queue } = sim;
  const sc = run.scenario;
  const horizon = steps * dt;
  const isConverged = (g: Migration) => g.phase === MigPhase.Done || (g.phase === MigPhase.StopCopy && g.endAtS <= horizon + 1e-9);
  const bounds = sim.migs.map((m): WindowBounds => ({ startS: m.g.spec.startS, endS: isConverged(m.g) ? round3(m.g.endAtS) : null, started: m.failedAtStart !== null }));
  const failedAtEnd = sim.failedSoFar();
  const migrations: MigrationResult[] = sim.migs.map((m, k) => {
    const g = m.g;
    const converged = isConverged(g);
    const endS = bounds[k].endS;
    const closing = closingMigration(bounds, k);
    return {
      vm: g.spec.vm,
      role: m.vi >= 0 ? sim.roles[m.vi] : 'other',
      from: g.spec.from,
      to: g.spec.to,
      startS: g.spec.startS,
      endS,
      migrationTimeS: converged ? round3(g.endAtS - g.spec.startS) : null,
      downtimeMs: converged ? round3(g.downtimeS * 1000) : null,
      bytesSent: Math.round(g.sent),
      rounds: g.round + (converged ? 1 : 0),
      converged,
      unfinished: converged || g.phase === MigPhase.Off ? null : unfinished(g.remaining, g.projectEnd(horizon, m.linkGoodput, sim.resumeS)),
      startWaitS: Number.isNaN(m.startWaitS) ? null : round3(Math.min(m.startWaitS, sc.app.timers.timerBS)),
      incompleteCalls: m.failedAtStart && callsBetween(m.failedAtStart, (closing >= 0 && sim.migs[closing].failedAtStart) || failedAtEnd),
      cpu: m.failedAtStart && migrationCpu(sim, steps, g.spec.vm, g.spec.from, g.spec.to, g.spec.startS, endS),
    };
  });
  const started = migrations.filter((m) => m.startS < horizon);
  const firstStart = started.length ? Math.min(...started.map((m) => m.startS)) : null;
  const ends = started.map((m) => m.endS);
  const lastEnd = started.length && ends.every((e) => e !== null) ? Math.max(...(ends as number[])) : null;
  const cpu: RunResult['cpu'] = { vms: {}, hosts: {} };
  sc.vms.forEach((v, i) => (cpu.vms[v.name] = summarizeCpu(sim.vCpu[i], dt, steps, firstStart, lastEnd)));
  sc.hosts.forEach((h, i) => (cpu.hosts[h.name] = summarizeCpu(sim.hCpu[i], dt, steps, firstStart, lastEnd)));

  // Fluid amounts become counts of calls.
  const byCause: Record<string, number> = {};
  let total = 0;
  const add = (cause: string, x: number) => {
    const n = Math.round(x);
    if (n > 0) {
      byCause[cause] = (byCause[cause] ?? 0) + n;
      total += n;
    }
  };
  for (const [cause, x] of queue.failures) add(cause, x);
  add('503', sim.rejected503);

  const result: RunResult<V> = {
    label: run.label,
    offeredCps: run.offeredCps,
    migrations,
    incompleteCalls: { total, byCause },
    overload: { maxPhase: sim.control.maxPhase, transitions: sim.control.transitions, policy: sim.control.policyName },
    failover: !Number.isNaN(sim.failoverAtS),
    failoverAtS: Number.isNaN(sim.failoverAtS) ? null : round3(sim.failoverAtS),
    peakInviteWaitS: round3(Math.min(sim.peakInviteWaitS, sc.app.timers.timerBS)),
    timerBS: sc.app.timers.timerBS,
    atMigrationStart: migrationStartState(sim, sc.app.timers.timerBS),
    cpu,
    budgetExceeded: steps < sim.requestedSteps,
  };
  if (sim.wantSeries) {
    const series: Series<V> = {};
    for (const k of SERIES_KEYS) series[k] = seriesOf(sim.ser[k], steps, false);
    sc.vms.forEach((v, i) => (series[`vmCpu.${v.name}`] = seriesOf(sim.vCpu[i], steps, true)));
    sc.hosts.forEach((h, i) => (series[`hostCpu.${h.name}`] = seriesOf(sim.hCpu[i], steps, true)));
    result.series = series;
  }
  return result;
}

/**
 * CPU around one migration: of the migrated VM, the cluster's two VMs, and the source and
 * destination hosts (not of every VM and host: a file may have 50 migrations and many hosts, and
 * each summary reads the steps of its windows).
 */
function migrationCpu(sim: Simulation, steps: number, vm: string, from: string, to: string, startS: number, endS: number | null): CpuSummaries {
  const sc = sim.run.scenario;
  const vms = new Set([vm, sc.cluster.active, sc.cluster.standby]);
  const hosts = new Set([from, to]);
  const out: CpuSummaries = { vms: {}, hosts: {} };
  sc.vms.forEach((v, i) => {
    if (vms.has(v.name)) out.vms[v.name] = summarizeCpu(sim.vCpu[i], sim.dt, steps, startS, endS);
  });
  sc.hosts.forEach((h, i) => {
    if (hosts.has(h.name)) out.hosts[h.name] = summarizeCpu(sim.hCpu[i], sim.dt, steps, startS, endS);
  });
  return out;
}

/** The calls failed between two snapshots, by cause, rounded to whole calls as the run's total is. */
function callsBetween(from: Map<string, number>, to: Map<string, number>): IncompleteCalls {
  const byCause: Record<string, number> = {};
  let total = 0;
  for (const [cause, x] of to) {
    const n = Math.round(x - (from.get(cause) ?? 0));
    if (n > 0) {
      byCause[cause] = n;
      total += n;
    }
  }
  return { total, byCause };
}

/** A migration still under way when the scenario ends: what it has left, and when it would resume or why not. */
function unfinished(remaining: number, p: Projection): UnfinishedMigration {
  return { remainingBytes: Math.round(remaining), resumesAfterS: p.afterS === null ? null : round3(p.afterS), stuck: p.stuck };
}

/** The SIP-AS when the first migration started, as the result gives it (null: none started). */
function migrationStartState(sim: Simulation, timerBS: number): MigrationStartState | null {
  const f = sim.firstStart;
  if (Number.isNaN(f.atS)) return null;
  return { atS: round3(f.atS), inviteWaitS: round3(Math.min(f.inviteWaitS, timerBS)), timedOutCalls: Math.round(f.timedOut), rejectedCalls: Math.round(f.rejected) };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
/** A series as a plain array (see plainArray). */
export function toArray(a: Float64Array, n: number, percent: boolean): number[] {
  if (!percent) return plainArray(a, n);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = r2(a[i]);
  return out;
}

/**
 * A series as a Float64Array: the model's own array, which nothing reads once the run's result
 * is built (the CPU summaries are taken before the series are made), so it is handed over, not
 * copied; only a run cut by its budget, which filled `n` steps, gets a copy of those.
 */
export function toTyped(a: Float64Array, n: number, percent: boolean): Float64Array {
  const out = n === a.length ? a : a.slice(0, n);
  if (percent) for (let i = 0; i < n; i++) out[i] = r2(out[i]);
  return out;
}
