// Public API of the performance model. Pure functions: a RunInput in, a RunResult out; the
// model knows nothing of the language, the editor or the CLI.
import type { RunInput } from './input';
import type { RunResult } from './output';
import { simulate, type SimulateOptions } from './simulate';

export { simulate, simulateTyped, type SimulateOptions } from './simulate';
export { MODEL_PARAMETERS, resolveCoefficients, findParameter, type ModelParameter, type ParamName, type Coefficients } from './params';
export { behindAtMigrationStart, BEHIND_WAIT_SHARE, convergence, CPU_WINDOW_S, firstOverlapping, migratedVmCpu, neverConverges, type Convergence, overlappedAtStart, plainArray, queueEmptyAt, referenceMetrics, startsInBacklogOf, type StartsInBacklog, summarizeCpu, type ReferenceMetrics } from './summary';
export { attributionWindow, failureSeriesOf, failuresInWindow, incompleteBeyond, migrationCost, planCost, withoutMigrations, type FailureSeries } from './attribution';
export type * from './input';
export type * from './output';

/**
 * Simulates every run (sweep point) in order. A `budgetMs` applies to the whole batch: each run
 * gets what is left, and once it is spent the remaining runs come back with budgetExceeded set.
 */
export function simulateAll(runs: RunInput[], opts: SimulateOptions = {}): RunResult<number[]>[] {
  const start = Date.now();
  return runs.map((r) => {
    if (opts.budgetMs === undefined) return simulate(r, opts);
    const left = Math.max(0, opts.budgetMs - (Date.now() - start));
    return simulate(r, { ...opts, budgetMs: left });
  });
}
