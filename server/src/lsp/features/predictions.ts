// What the model's results mean for the text: per sweep point, how the guest CPU of the
// active VM relates to the phase-1 threshold, and per `migrate` statement the predicted
// migration time, downtime and incomplete calls. Pure: offsets and language diagnostics
// in, nothing of the protocol.
import type { Analysis } from '../../language';
import type { RunInput } from '../../model/input';
import type { IncompleteCalls, MigrationResult, RunResult, SeriesValues } from '../../model/output';
import { convergence, overlappedAtStart, startsInBacklogOf, type StartsInBacklog } from '../../model/summary';
import { migrationCost, type FailureSeries } from '../../model/attribution';
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
  /** Incomplete calls this migration answers for (model/attribution.ts: from its start to the first start of another migration at or after its end). */
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
  /** The earlier-started migration still under way when it starts (null: none). */
  overlaps: MigrationResult | null;
}

export interface MigrationPrediction {
  entity: MigrationEntity;
  points: MigrationPoint[];
}

/** Each `migrate` statement with its result in every run (matched by VM and start time). */
export function migrationPredictions(a: Analysis, o: Outcome): MigrationPrediction[] {
  // Diagnostics, inlay hints, hovers and every code-action request (a cursor move) ask for the
  // same document version and model answer: work them out once per pair.
  const hit = predictionCache.get(o);
  if (hit?.a === a) return hit.value;
  const value = computeMigrationPredictions(a, o);
  predictionCache.set(o, { a, value });
  return value;
}

/** The last predictions per model answer (an answer is never changed once made). */
const predictionCache = new WeakMap<Outcome, { a: Analysis; value: MigrationPrediction[] }>();

function computeMigrationPredictions(a: Analysis, o: Outcome): MigrationPrediction[] {
  return a.entities.migrations.map((m) => {
    const points: MigrationPoint[] = [];
    o.results.forEach((r, i) => {
      const res = r.migrations.find((x) => x.vm === m.vm.value && Math.abs(x.startS - m.at.value) < 1e-6);
      if (!res) return;
      const spec = o.runs[i]?.scenario.migrations.find((x) => x.vm === m.vm.value && Math.abs(x.startS - m.at.value) < 1e-6);
      const index = r.migrations.indexOf(res);
      const inc = migrationCalls(r, index);
      points.push({ label: r.label, cps: r.offeredCps, result: res, incomplete: inc.total, byCause: inc.byCause, failover: r.failover, peakInviteWaitS: r.peakInviteWaitS, timerBS: r.timerBS, speedCapBytesPerS: spec?.speedCapBytesPerS, maxDowntimeS: spec?.maxDowntimeS, durationS: o.runs[i]?.scenario.durationS ?? NaN, cut: r.budgetExceeded, backlog: startsInBacklogOf(r, index), overlaps: overlappedAtStart(r, index) });
    });
    return { entity: m, points };
  });
}

/** A result with, when the language server computed it, the same run's incomplete calls without migrations (lsp/model/job.ts). */
type WithBaseline = RunResult & { withoutMigrations?: Omit<FailureSeries, 'tS'> };

/**
 * The calls a migration is answerable for (model/attribution.ts: the advisor and the CLI count
 * the same way): an overload policy that refuses calls at all times costs it nothing.
 */
export function migrationCalls(r: WithBaseline, index: number): IncompleteCalls {
  const b = r.withoutMigrations;
  return migrationCost(r, index, b && r.series?.tS ? { tS: r.series.tS, ...b } : undefined);
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
