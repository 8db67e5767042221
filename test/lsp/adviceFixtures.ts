// Advice shaped like the advisor's, built without model runs: real options of the paper
// sample (their ids and text edits come from the advisor's candidates) with made-up
// figures, so the editor's advisor code is tested apart from the model's calibration.
import type { Analysis } from '../../server/src/language';
import { candidatesFor, combine } from '../../server/src/advisor/candidates';
import type { Advice, Candidate, RankedOption } from '../../server/src/advisor/types';
import type { Outcome } from '../../server/src/lsp/features/predictions';
import type { RunResult } from '../../server/src/model/output';
import { syntheticSweep } from '../charts/fixtures';

const option = (c: Candidate, incomplete: number): RankedOption => ({
  id: c.id,
  kind: c.kind,
  title: c.title,
  cost: c.cost,
  edits: c.edits,
  prediction: { incompleteCalls: incomplete, byCause: incomplete ? { '408': incomplete } : {}, migrationTimeS: 120 - incomplete, downtimeMs: 30, converged: true, unfinished: null, planIncompleteCalls: null },
  totalIncompleteAllRuns: incomplete,
  planTotalAllRuns: null,
});

/** 50 incomplete calls at 40 cps; options: switch roles + downtime (0), switch roles (1), speed cap (5), downtime (50: no better). */
export function fakeAdvice(a: Analysis): Advice {
  const run = a.runs.find((r) => r.offeredCps === 40)!;
  const c = candidatesFor(a, run.scenario, 0, 20);
  const of = (kind: string) => c.find((x) => x.kind === kind)!;
  const entity = a.entities.migrations[0];
  return {
    failsCalls: true,
    migrations: [
      {
        index: 0,
        vm: 'sipas1',
        role: 'active',
        from: 'pm1',
        to: 'pm3',
        startS: 120,
        span: { start: entity.prop.member.start, end: entity.prop.member.end },
        runLabel: '40 cps',
        offeredCps: 40,
        current: { incompleteCalls: 50, byCause: { '408': 50 }, migrationTimeS: 148, downtimeMs: 36, converged: true, unfinished: null, planIncompleteCalls: null },
        behind: null,
        startsInBacklog: null,
        overlaps: null,
        overlappedBy: null,
        planWithoutThis: null,
        safeEnvelope: { maxSafeCps: 20, atLeast: false, marginCps: -20 },
        options: [option(combine(of('switch_roles'), of('max_downtime')), 0), option(of('switch_roles'), 1), option(of('speed_cap'), 5), option(of('max_downtime'), 50)],
        evaluations: 59,
        elapsedMs: 800,
      },
    ],
  };
}

/** Model results like the study's (calls fail above 20 cps while the CPU control stays silent), or with no failing call. */
export function fakeOutcome(a: Analysis, failing = true): Outcome {
  const results = syntheticSweep().runs;
  if (!failing) results.forEach(calm);
  return { runs: a.runs, results, budgetMs: 2000 };
}

function calm(r: RunResult<number[]>): void {
  r.incompleteCalls = { total: 0, byCause: {} };
  for (const m of r.migrations) m.incompleteCalls = { total: 0, byCause: {} };
  for (const k of ['incomplete408', 'incomplete503', 'incompleteOther']) r.series![k] = r.series![k].map(() => 0);
}
