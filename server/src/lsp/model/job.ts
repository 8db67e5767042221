// One model job: some runs (sweep points) of one document version. Shared by the worker
// and the inline runner so both behave the same: the budget is for the whole job, and a
// job is checked for cancellation between runs (a run itself is short and synchronous).
import { simulateTyped, withoutMigrations } from '../../model';
import type { RunInput } from '../../model/input';
import type { RunResult } from '../../model/output';

/** A run's result as jobs return it: series as Float64Arrays, handed between threads without a copy. */
export type TypedRunResult = RunResult<Float64Array> & {
  /**
   * The cumulative incomplete calls of the same run without its migrations, step by step (on the
   * run's time grid), when the run fails calls: what the plan loses anyway, so that a migration is
   * not blamed for the calls an overload policy refuses at all times (features/predictions.ts).
   */
  withoutMigrations?: BaselineSeries;
};

export interface BaselineSeries {
  incomplete408: Float64Array;
  incomplete503: Float64Array;
  incompleteOther: Float64Array;
}

export interface JobRequest {
  id: number;
  runs: RunInput[];
  budgetMs: number;
}

export type JobReply = { id: number; results: TypedRunResult[]; elapsedMs: number } | { id: number; cancelled: true } | { id: number; error: string };

/** Runs the job; `cancelled()` is asked before each run. Yields (await) between runs when `yieldEach` is set. */
export async function runJob(job: JobRequest, cancelled: () => boolean, yieldEach?: () => Promise<void>): Promise<JobReply> {
  const t0 = performance.now();
  const results: TypedRunResult[] = [];
  try {
    for (const run of job.runs) {
      if (yieldEach) await yieldEach();
      if (cancelled()) return { id: job.id, cancelled: true };
      // Each run gets what is left of the job's budget; once it is spent, the remaining runs
      // come back at once with budgetExceeded set and nothing simulated.
      const left = Math.max(0, job.budgetMs - (performance.now() - t0));
      const r: TypedRunResult = simulateTyped(run, { series: true, budgetMs: left });
      // Only a run that fails calls needs its baseline (mostly steady steps: a fraction of the run).
      if (r.incompleteCalls.total > 0 && run.scenario.migrations.length && !r.budgetExceeded) {
        const rest = Math.max(0, job.budgetMs - (performance.now() - t0));
        const b = simulateTyped(withoutMigrations(run), { series: true, budgetMs: rest });
        if (!b.budgetExceeded && b.series) r.withoutMigrations = { incomplete408: b.series.incomplete408, incomplete503: b.series.incomplete503, incompleteOther: b.series.incompleteOther };
      }
      results.push(r);
    }
  } catch (e) {
    return { id: job.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
  return { id: job.id, results, elapsedMs: performance.now() - t0 };
}

/** The buffers of the results' series, to transfer to the main thread instead of copying them. */
export function seriesBuffers(results: TypedRunResult[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const r of results) {
    if (r.series) for (const v of Object.values(r.series)) buffers.push(v.buffer as ArrayBuffer);
    if (r.withoutMigrations) for (const v of Object.values(r.withoutMigrations)) buffers.push(v.buffer as ArrayBuffer);
  }
  return buffers;
}
