// What the model's results mean for the text: per sweep point, how the guest CPU of the
// active VM relates to the phase-1 threshold, and per `migrate` statement the predicted
// migration time, downtime and incomplete calls. Pure: offsets and language diagnostics
// in, nothing of the protocol.
import type { Analysis } from '../../language';
import type { RunInput } from '../../model/input';
import type { MigrationResult, RunResult, SeriesValues } from '../../model/output';
import { convergence, incompleteBeyond, startsInBacklogOf, type StartsInBacklog } from '../../model/summary';
import { num } from './markdown';
import { child, field, prop, type MigrationEntity } from '../../language/semantic/entities';
import type { Span } from '../../language/syntax/tree';

/** The model's answer for one version of the runs (aligned with `runs`). */
export interface Outcome {
  runs: RunInput[];
  results: RunResult[];
  budgetMs: number;
}

export interface PhaseThreshold {
  /** 1-based, in the order the phases are written. */
  phase: number;
  /** `start_above`: the threshold, how long the CPU must stay above it, and where it is written. */
  pct: number;
  persistenceS: number;
  /** Span of the `70 %` value, and of the whole `start_above` line. */
  span: Span;
  line: Span;
  stopBelowPct?: number;
}

/** The thresholds of the cpu_phases policy as written (none under another policy). */
export function phaseThresholds(a: Analysis): PhaseThreshold[] {
  const oc = child(a.entities.app, 'overload_control')[0];
  if (!oc || (field(prop(oc, 'policy'), 'policy')?.text ?? 'cpu_phases') !== 'cpu_phases') return [];
  return child(oc, 'phase').flatMap((ph, i) => {
    const start = prop(ph, 'start_above');
    const pct = field(start, 'threshold');
    const persistence = field(start, 'persistence');
    if (!start || pct?.num === undefined || persistence?.num === undefined) return [];
    return [{ phase: i + 1, pct: pct.num, persistenceS: persistence.num, span: { start: pct.start, end: pct.end }, line: start.member, stopBelowPct: field(prop(ph, 'stop_below'), 'threshold')?.num }];
  });
}

/** Phase 1's start threshold: the one whose silence PRED001 reports. */
export function thresholdSite(a: Analysis): PhaseThreshold | undefined {
  const first = phaseThresholds(a)[0];
  return first?.phase === 1 ? first : undefined;
}

export interface ThresholdPoint {
  label: string;
  cps: number;
  vm: string;
  /** Highest per-step guest CPU of the active VM over the run. */
  peakPct: number;
  /** Longest stretch with the guest CPU above the threshold (NaN without a series). */
  longestAboveS: number;
  incomplete: number;
  byCause: Record<string, number>;
  maxPhase: number;
  migrated: boolean;
}

export function thresholdPoints(o: Outcome, thresholdPct: number): ThresholdPoint[] {
  return o.results.map((r, i) => {
    const vm = o.runs[i]?.scenario.cluster.active ?? '';
    const cpu = r.series?.[`vmCpu.${vm}`];
    const t = r.series?.tS;
    return {
      label: r.label,
      cps: r.offeredCps,
      vm,
      peakPct: cpu?.length ? maxOf(cpu) : r.cpu.vms[vm]?.peakDuringPct ?? NaN,
      longestAboveS: cpu && t ? longestAbove(t, cpu, thresholdPct) : NaN,
      incomplete: r.incompleteCalls.total,
      byCause: r.incompleteCalls.byCause,
      maxPhase: r.overload.maxPhase,
      migrated: r.migrations.length > 0,
    };
  });
}

function maxOf(values: SeriesValues): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i];
  return m;
}

/** Longest run of consecutive steps strictly above the threshold, in seconds. */
export function longestAbove(t: SeriesValues, values: SeriesValues, threshold: number): number {
  const dt = t.length > 1 ? t[1] - t[0] : 0;
  let best = 0;
  let cur = 0;
  for (let i = 0; i < values.length; i++) {
    cur = values[i] > threshold ? cur + 1 : 0;
    if (cur > best) best = cur;
  }
  return best * dt;
}

/** A migration whose calls fail while the CPU-based control stays silent: what the product exists to show. */
export function isSilentFailure(p: ThresholdPoint): boolean {
  return p.migrated && Math.round(p.incomplete) >= 1 && p.maxPhase === 0;
}

export interface MigrationPoint {
  label: string;
  cps: number;
  result: MigrationResult;
  /** Incomplete calls attributed to this migration (from its start to the next migration's start). */
  incomplete: number;
  byCause: Record<string, number>;
  failover: boolean;
  /** The run's longest wait of a new call (s, at most Timer B) and its Timer B: the margin to failing calls. */
  peakInviteWaitS: number;
  timerBS: number;
  speedCapBytesPerS?: number;
  maxDowntimeS?: number;
  durationS: number;
  /** The run stopped at the model's time budget, before the scenario's end (PRED004). */
  cut: boolean;
  /** It starts while the SIP-AS still works off the backlog an earlier migration left (null: not). */
  backlog: StartsInBacklog | null;
}

export interface MigrationPrediction {
  entity: MigrationEntity;
  points: MigrationPoint[];
}

/** Each `migrate` statement with its result in every run (matched by VM and start time). */
export function migrationPredictions(a: Analysis, o: Outcome): MigrationPrediction[] {
  const ms = a.entities.migrations;
  return ms.map((m, k) => {
    const points: MigrationPoint[] = [];
    o.results.forEach((r, i) => {
      const res = r.migrations.find((x) => x.vm === m.vm.value && Math.abs(x.startS - m.at.value) < 1e-6);
      if (!res) return;
      const next = ms[k + 1]?.at.value ?? Infinity;
      const spec = o.runs[i]?.scenario.migrations.find((x) => x.vm === m.vm.value && Math.abs(x.startS - m.at.value) < 1e-6);
      const inc = migrationCalls(r, ms.length === 1 ? 0 : m.at.value, ms.length === 1 ? Infinity : next);
      points.push({ label: r.label, cps: r.offeredCps, result: res, incomplete: inc.total, byCause: inc.byCause, failover: r.failover, peakInviteWaitS: r.peakInviteWaitS, timerBS: r.timerBS, speedCapBytesPerS: spec?.speedCapBytesPerS, maxDowntimeS: spec?.maxDowntimeS, durationS: o.runs[i]?.scenario.durationS ?? NaN, cut: r.budgetExceeded, backlog: startsInBacklogOf(r, r.migrations.indexOf(res)) });
    });
    return { entity: m, points };
  });
}

const CAUSE_SERIES: Record<string, string> = { incomplete408: '408', incomplete503: '503', incompleteOther: 'other' };

/** A result with, when the language server computed it, the same run's incomplete calls without migrations (lsp/model/job.ts). */
type WithBaseline = RunResult & { withoutMigrations?: Record<'incomplete408' | 'incomplete503' | 'incompleteOther', ArrayLike<number>> };

/**
 * The calls a migration is answerable for in [fromS, toS) (the whole run for the only
 * migration): those that fail then, less those the run without migrations fails then. An
 * overload policy that refuses calls at all times costs a migration nothing (the advisor counts
 * the same way: advisor/advise.ts, migrationCost).
 */
function migrationCalls(r: WithBaseline, fromS: number, toS: number): { total: number; byCause: Record<string, number> } {
  const whole = fromS <= 0 && toS === Infinity;
  const mine = whole ? { total: r.incompleteCalls.total, byCause: r.incompleteCalls.byCause } : incompleteBetween(r, fromS, toS);
  const b = r.withoutMigrations;
  if (!b || !r.series?.tS) return mine;
  const last = (a: ArrayLike<number>) => (a.length ? a[a.length - 1] : 0);
  const anyway = whole
    ? { byCause: { '408': last(b.incomplete408), '503': last(b.incomplete503), other: last(b.incompleteOther) } as Record<string, number> }
    : incompleteBetween({ ...r, series: { tS: r.series.tS, ...b } }, fromS, toS);
  return incompleteBeyond(mine, anyway.byCause);
}

/** Incomplete calls that happened in [fromS, toS), from the cumulative per-cause series. */
function incompleteBetween(r: RunResult, fromS: number, toS: number): { total: number; byCause: Record<string, number> } {
  const s = r.series;
  if (!s?.tS?.length) return { total: 0, byCause: {} };
  const tS = s.tS;
  const at = (t: number) => {
    for (let i = 0; i < tS.length; i++) if (tS[i] >= t) return i;
    return tS.length - 1;
  };
  const i0 = Math.max(0, at(fromS) - 1);
  const i1 = toS === Infinity ? s.tS.length - 1 : at(toS);
  const byCause: Record<string, number> = {};
  let total = 0;
  for (const [key, cause] of Object.entries(CAUSE_SERIES)) {
    const c = s[key];
    if (!c) continue;
    const d = Math.max(0, c[i1] - c[i0]);
    if (d > 0) byCause[cause] = d;
    total += d;
  }
  return { total, byCause };
}

/** "408 Request Timeout" for the model's cause keys (`408`, `incomplete408`, `timeout`, ...). */
function causeLabel(key: string): string {
  if (/408|timeout/i.test(key)) return '408 Request Timeout';
  if (/503|reject|overload/i.test(key)) return '503 Service Unavailable';
  return key;
}

/**
 * Causes, largest first: "52 × 408 Request Timeout, 3 × 503 Service Unavailable" for one
 * run; for several runs only the names (a sum over sweep points is not a count anyone saw).
 */
export function causesText(list: Record<string, number>[]): string {
  const merged = new Map<string, number>();
  for (const byCause of list) for (const [k, v] of Object.entries(byCause)) merged.set(causeLabel(k), (merged.get(causeLabel(k)) ?? 0) + v);
  const kept = [...merged].filter(([, v]) => Math.round(v) >= 1).sort((a, b) => b[1] - a[1]);
  return kept.map(([k, v]) => (list.length === 1 ? `${Math.round(v)} × ${k}` : k)).join(', ');
}

/** "25 cps, 30 cps, 40 cps"; long lists shortened to their first five and the last. */
export function labels(points: { label: string }[]): string {
  const ls = points.map((p) => p.label);
  return ls.length > 6 ? `${ls.slice(0, 5).join(', ')} … ${ls.at(-1)} (${ls.length} sweep points)` : ls.join(', ');
}

/** A migration's time as a hover shows it: "138.7 s", "unfinished, 68.7 s more" (the scenario ends first), "does not converge". */
export function migrationTime(m: Pick<MigrationResult, 'migrationTimeS' | 'converged' | 'unfinished'>): string {
  const c = convergence(m);
  if (c === 'converged' && m.migrationTimeS !== null) return `${num(m.migrationTimeS)} s`;
  return c === 'unfinished' ? `unfinished, ${num(m.unfinished!.resumesAfterS!)} s more` : 'does not converge';
}
