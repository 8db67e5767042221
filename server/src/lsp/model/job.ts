// One model job: every run (sweep point) of one document version. Shared by the worker
// and the inline runner so both behave the same: the budget is for the whole job, and a
// job is checked for cancellation between runs (a run itself is short and synchronous).
import { simulate } from '../../model';
import type { RunInput } from '../../model/input';
import type { RunResult } from '../../model/output';

export interface JobRequest {
  id: number;
  runs: RunInput[];
  budgetMs: number;
}

export type JobReply = { id: number; results: RunResult[]; elapsedMs: number } | { id: number; cancelled: true } | { id: number; error: string };

/** Runs the job; `cancelled()` is asked before each run. Yields (await) between runs when `yieldEach` is set. */
export async function runJob(job: JobRequest, cancelled: () => boolean, yieldEach?: () => Promise<void>): Promise<JobReply> {
  const t0 = performance.now();
  const results: RunResult[] = [];
  try {
    for (const run of job.runs) {
      if (yieldEach) await yieldEach();
      if (cancelled()) return { id: job.id, cancelled: true };
      // Each run gets what is left of the job's budget (at least 1 ms, so it reports budgetExceeded itself).
      const left = Math.max(1, job.budgetMs - (performance.now() - t0));
      results.push(simulate(run, { series: true, budgetMs: left }));
    }
  } catch (e) {
    return { id: job.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
  return { id: job.id, results, elapsedMs: performance.now() - t0 };
}
