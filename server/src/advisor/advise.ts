// The migration advisor: for each scheduled migration, the safe envelope (highest constant
// load with zero predicted incomplete calls) and the options that make it safe, ranked by the
// incomplete calls of the whole plan (when the run has several migrations), then of this
// migration, then convergence, cost and migration time. Every figure comes from model runs;
// nothing here is a rule of thumb. See docs/advisor.md.
import { analyze, type Analysis } from '../language';
import { applyEdits } from '../language/applyEdits';
import type { RunInput, ScenarioInput } from '../model/input';
import type { IncompleteCalls, RunResult } from '../model/output';
import { behindAtMigrationStart, failureSeriesOf, type FailureSeries, firstOverlapping, migrationCost, neverConverges as never, overlappedAtStart, planCost, queueEmptyAt, simulate, startsInBacklogOf, withoutMigrations } from '../model';
import { candidatesFor, combine, type LaterStart } from './candidates';
import type { Advice, Candidate, MigrationAdvice, Prediction, RankedOption } from './types';

/** After a migration ends, retransmissions and timeouts it caused still land for a while (Timer B = 32 s): a later start must leave this much of the scenario after the migration. */
const AFTERMATH_S = 60;
/** Envelope resolution in calls per second. */
const ENVELOPE_RESOLUTION_CPS = 0.5;

export interface AdviseOptions {
  /** How many of the best options are checked against every run of a sweep. */
  verifyTop?: number;
  /** Combine the best single options pairwise. */
  combinations?: boolean;
}

/**
 * Runs without their migrations, by scenario: the calls the plan loses anyway. Options are
 * measured against the plan's baseline, not their own, so an option that adds a policy refusing
 * calls pays for them. Mostly steady steps, so each costs a fraction of a run with migrations.
 * The plan's own runs have one cache for every migration's advice (they are the same runs); the
 * envelope's constant loads one per migration, dropped after it.
 */
class Baselines {
  private readonly cache = new Map<string, Baseline>();
  of(run: RunInput, count: () => void): Baseline {
    const bare = withoutMigrations(run);
    const key = JSON.stringify(bare.scenario);
    let b = this.cache.get(key);
    if (!b) {
      count();
      const r = simulate(bare, { series: true });
      // Only what the counts read: the cache holds 4 series per entry, not all of them (a long sweep's baselines were hundreds of MB).
      b = { incompleteCalls: r.incompleteCalls, failures: failureSeriesOf(r) };
      this.cache.set(key, b);
    }
    return b;
  }
}

/** What a run without migrations tells the counts: its failed calls, in all and over time. */
interface Baseline {
  incompleteCalls: RunResult['incompleteCalls'];
  failures: FailureSeries | undefined;
}

/**
 * The calls migration `index` of `r` costs (model/attribution.ts): those failing in its window,
 * less those the plan without any migration (`baseline`) fails in that window. An overload
 * policy of the plan that refuses calls at all times (a rate below the load) costs the migration
 * nothing; a policy or an admission limit that an option adds does.
 */
function costOf(r: RunResult, baseline: Baseline, index: number): IncompleteCalls {
  return migrationCost(r, index, baseline.failures);
}

/**
 * What `r` predicts for migration `index`, measured against `baseline` (the plan's run without
 * migrations): its own calls and, when the run has other migrations, the plan's.
 */
function predictionOf(r: RunResult, baseline: Baseline, index: number): Prediction {
  const m = r.migrations[index];
  const inc = costOf(r, baseline, index);
  const plan = r.migrations.length > 1 ? planCost(r, baseline).total : null;
  return { incompleteCalls: inc.total, byCause: inc.byCause, migrationTimeS: m?.migrationTimeS ?? null, downtimeMs: m?.downtimeMs ?? null, converged: m?.converged ?? false, unfinished: m?.unfinished ?? null, planIncompleteCalls: plan };
}

/** `run` changed by an option (or not), measured against `baseline`. No series: the migration's own count comes with the result; only the baseline's are read. */
function predict(run: RunInput, index: number, baseline: Baseline): Prediction {
  return predictionOf(simulate(run), baseline, index);
}

const withScenario = (run: RunInput, scenario: ScenarioInput): RunInput => ({ ...run, scenario });
const constantLoad = (sc: ScenarioInput, cps: number): ScenarioInput => ({ ...sc, load: [{ atS: 0, cps }] });

/** Bisection on constant offered load; incomplete calls grow with load in this model (a tested property). */
function safeEnvelope(run: RunInput, index: number, currentCps: number, count: () => void): MigrationAdvice['safeEnvelope'] {
  const baselines = new Baselines();
  const safe = (cps: number) => {
    count();
    const atLoad = withScenario(run, constantLoad(run.scenario, cps));
    return predict(atLoad, index, baselines.of(atLoad, count)).incompleteCalls === 0;
  };
  let hi = Math.max(2 * currentCps, 10);
  if (safe(hi)) return { maxSafeCps: hi, atLeast: true, marginCps: hi - currentCps };
  let lo = 0;
  if (!safe(lo)) return { maxSafeCps: 0, atLeast: false, marginCps: -currentCps };
  while (hi - lo > ENVELOPE_RESOLUTION_CPS) {
    const mid = (lo + hi) / 2;
    if (safe(mid)) lo = mid;
    else hi = mid;
  }
  const max = Math.floor(lo / ENVELOPE_RESOLUTION_CPS) * ENVELOPE_RESOLUTION_CPS;
  return { maxSafeCps: max, atLeast: false, marginCps: max - currentCps };
}

/**
 * When the backlog an earlier migration left is gone, without the migration that starts at
 * `startS` (nor any later one): the first step from that migration's end on whose SIP-AS queue
 * is empty. Null when it does not drain within the scenario.
 */
function drainedAt(run: RunInput, startS: number, afterEndS: number): number | null {
  const earlier = { ...run.scenario, migrations: run.scenario.migrations.filter((x) => x.startS < startS) };
  return queueEmptyAt(simulate({ ...run, scenario: earlier }, { series: true }), afterEndS);
}

/** Start times are proposed on a 10 s grid. */
const START_GRID_S = 10;

/**
 * The start proposed for a migration that starts in an earlier one's backlog: the first 10 s
 * mark once it has drained, if that is later than planned and leaves the migration (as long as
 * it takes now) and its aftermath within the scenario; null otherwise.
 */
function laterStart(drainedAtS: number, startS: number, migrationTimeS: number | null, durationS: number): number | null {
  const at = Math.ceil(drainedAtS / START_GRID_S - 1e-9) * START_GRID_S;
  if (at <= startS || migrationTimeS === null || at + migrationTimeS + AFTERMATH_S > durationS) return null;
  return at;
}

/**
 * The later starts the advice proposes (none, or none that fits in the scenario): for a
 * migration that overlaps an earlier one or starts in its backlog, after that one (an overlap
 * wins over a backlog: when both hold, one earlier migration has ended and another is still
 * under way, and only a start after the one under way and its backlog avoids both); and, for a
 * migration that a later one starts during, after that later one and its backlog. The advice's
 * own fields decide them, so the language server can make the options' edits again for an
 * edited text (adviceRebase.ts).
 */
export function proposedLaterStarts(m: Pick<MigrationAdvice, 'startS' | 'current' | 'startsInBacklog' | 'overlaps' | 'overlappedBy'>, durationS: number): LaterStart[] {
  const after = m.overlaps ? { vm: m.overlaps.withVm, drainedAtS: m.overlaps.drainedAtS, why: 'overlap' as const } : m.startsInBacklog ? { vm: m.startsInBacklog.afterVm, drainedAtS: m.startsInBacklog.drainedAtS, why: 'backlog' as const } : null;
  const before = m.overlappedBy?.drainedAtS != null ? { vm: m.overlappedBy.vm, drainedAtS: m.overlappedBy.drainedAtS, why: 'overlapped' as const } : null;
  const out: LaterStart[] = [];
  for (const x of [after, before]) {
    if (!x || x.drainedAtS === null) continue;
    const atS = laterStart(x.drainedAtS, m.startS, m.current.migrationTimeS, durationS);
    if (atS !== null) out.push({ atS, afterVm: x.vm, why: x.why });
  }
  return out;
}

/**
 * Whether an option's edits leave the scenario valid. A start moved past another migration can
 * break a rule the model does not check: sipas2 started after sipas1's move to the host sipas2
 * is still on puts both VMs of the 2N pair on one host (HA002). One analysis of the edited text
 * (reusing the blocks the edit leaves alone), a fraction of a model run.
 */
function keepsValid(a: Analysis, c: Candidate): boolean {
  return !analyze(applyEdits(a.text, c.edits), a).diagnostics.some((d) => d.severity === 'error');
}

/**
 * Best first: fewest calls lost by the whole plan (a run with one migration: by this one), then
 * by this migration, then convergence, cost and migration time. The plan comes first so that an
 * option that saves this migration's calls by costing another migration more is not preferred.
 */
function rank(a: RankedOption & { costRank: number }, b: RankedOption & { costRank: number }): number {
  const pa = a.prediction.planIncompleteCalls ?? a.prediction.incompleteCalls;
  const pb = b.prediction.planIncompleteCalls ?? b.prediction.incompleteCalls;
  const ta = a.prediction.migrationTimeS ?? Infinity;
  const tb = b.prediction.migrationTimeS ?? Infinity;
  // A migration the scenario ends before is not worse than one that resumes within it: only one that never converges is.
  const na = never(a.prediction);
  const nb = never(b.prediction);
  return pa - pb || a.prediction.incompleteCalls - b.prediction.incompleteCalls || (na === nb ? 0 : na ? 1 : -1) || a.costRank - b.costRank || ta - tb;
}

export function advise(a: Analysis, opts: AdviseOptions = {}): Advice {
  const runs = a.runs;
  if (runs.length === 0) return { migrations: [], failsCalls: false };
  const verifyTop = opts.verifyTop ?? 3;
  const results = runs.map((r) => simulate(r, { series: true }));
  const planBaselines = new Baselines();
  const advice: MigrationAdvice[] = [];

  runs[0].scenario.migrations.forEach((m, index) => {
    const t0 = performance.now();
    let evaluations = runs.length;
    const count = () => void evaluations++;
    const baselineOf = (r: RunInput) => planBaselines.of(r, count);
    // Advise on the run where this migration hurts most (for a sweep, usually the highest load).
    let worst = 0;
    let worstN = -1;
    results.forEach((r, i) => {
      const n = costOf(r, baselineOf(runs[i]), index).total;
      if (n > worstN || (n === worstN && runs[i].offeredCps > runs[worst].offeredCps)) {
        worst = i;
        worstN = n;
      }
    });
    const run = runs[worst];
    const base = results[worst];
    // Every option at the advised run is measured against this one baseline.
    const planBaseline = baselineOf(run);
    const current = predictionOf(base, planBaseline, index);
    const envelope = safeEnvelope(run, index, run.offeredCps, count);
    const backlog = startsInBacklogOf(base, index);
    let startsInBacklog: MigrationAdvice['startsInBacklog'] = null;
    if (backlog) {
      count();
      const afterEndS = backlog.after.endS ?? 0;
      startsInBacklog = { afterVm: backlog.after.vm, afterEndS, waitS: backlog.waitS, drainedAtS: drainedAt(run, m.startS, afterEndS) };
    }
    const under = overlappedAtStart(base, index);
    let overlaps: MigrationAdvice['overlaps'] = null;
    if (under && under.endS !== null) {
      count();
      overlaps = { withVm: under.vm, withStartS: under.startS, withEndS: under.endS, drainedAtS: drainedAt(run, m.startS, under.endS) };
    }
    // The plan as written without this migration (one run, where calls fail): what the plan
    // loses without it, and, when a later migration starts during this one, when the backlog
    // after that one is gone.
    let withoutThis: RunResult | null = null;
    if (run.scenario.migrations.length > 1 && (current.incompleteCalls > 0 || current.planIncompleteCalls)) {
      count();
      withoutThis = simulate(withScenario(run, { ...run.scenario, migrations: run.scenario.migrations.filter((_, k) => k !== index) }), { series: true });
    }
    const k = firstOverlapping(base, index);
    let overlappedBy: MigrationAdvice['overlappedBy'] = null;
    if (k >= 0) {
      const later = withoutThis && current.incompleteCalls > 0 ? withoutThis.migrations[k > index ? k - 1 : k] : undefined;
      overlappedBy = { vm: base.migrations[k].vm, startS: base.migrations[k].startS, drainedAtS: later?.endS != null ? queueEmptyAt(withoutThis!, later.endS) : null };
    }
    // Only when the plan fails calls: where it fails none, there is no loss to place.
    const planWithoutThis = withoutThis && current.planIncompleteCalls ? planCost(withoutThis, planBaseline).total : null;

    let options: RankedOption[] = [];
    if (current.incompleteCalls > 0 || never(current)) {
      const evaluate = (c: Candidate) => {
        count();
        return { id: c.id, kind: c.kind, title: c.title, cost: c.cost, edits: c.edits, costRank: c.costRank, prediction: predict(withScenario(run, c.apply(run.scenario)), index, planBaseline), totalIncompleteAllRuns: null as number | null, planTotalAllRuns: null as number | null, candidate: c };
      };
      const later = proposedLaterStarts({ startS: m.startS, current, startsInBacklog, overlaps, overlappedBy }, run.scenario.durationS);
      const singles = candidatesFor(a, run.scenario, index, envelope.maxSafeCps, later).filter((c) => keepsValid(a, c)).map(evaluate).sort(rank);
      let all = singles;
      if (opts.combinations !== false) {
        // Pair the best option of each kind with the best of every other kind.
        const bestPerKind = [...new Map(singles.map((s) => [s.kind, s])).values()].slice(0, 4);
        const seen = new Set<string>();
        const pairs = bestPerKind.flatMap((x, i) => bestPerKind.slice(i + 1).filter((y) => y.kind !== x.kind).map((y) => [x, y] as const));
        const combos = pairs.map(([x, y]) => combine(x.candidate, y.candidate)).filter((c) => !seen.has(c.id) && seen.add(c.id) && keepsValid(a, c)).map(evaluate);
        all = [...singles, ...combos].sort(rank);
      }
      // Verify the best few against every run of the file: advice must not fix one point and break another.
      for (const o of all.slice(0, verifyTop)) {
        let own = 0;
        let plan: number | null = null;
        for (const r of runs) {
          count();
          const p = predictionOf(simulate(withScenario(r, o.candidate.apply(r.scenario))), baselineOf(r), index);
          own += p.incompleteCalls;
          if (p.planIncompleteCalls !== null) plan = (plan ?? 0) + p.planIncompleteCalls;
        }
        o.totalIncompleteAllRuns = own;
        o.planTotalAllRuns = plan;
      }
      options = all.map(({ candidate: _c, costRank: _r, ...o }) => o);
      const verified = options.slice(0, verifyTop);
      const rest = options.slice(verifyTop);
      const verifiedTotal = (o: RankedOption) => o.planTotalAllRuns ?? o.totalIncompleteAllRuns ?? 0;
      verified.sort((x, y) => verifiedTotal(x) - verifiedTotal(y) || (x.totalIncompleteAllRuns ?? 0) - (y.totalIncompleteAllRuns ?? 0));
      options = [...verified, ...rest];
    }
    const entity = a.entities.migrations[index];
    advice.push({
      index,
      vm: m.vm,
      role: m.vm === run.scenario.cluster.active ? 'active' : m.vm === run.scenario.cluster.standby ? 'standby' : 'other',
      from: m.from,
      to: m.to,
      startS: m.startS,
      span: entity ? { start: entity.prop.member.start, end: entity.prop.member.end } : { start: 0, end: 0 },
      runLabel: run.label,
      offeredCps: run.offeredCps,
      current,
      behind: behindAtMigrationStart(base) ? base.atMigrationStart : null,
      startsInBacklog,
      overlaps,
      overlappedBy,
      planWithoutThis,
      safeEnvelope: envelope,
      options,
      evaluations,
      elapsedMs: performance.now() - t0,
    });
  });
  return { migrations: advice, failsCalls: advice.some((m) => m.current.incompleteCalls > 0) };
}
