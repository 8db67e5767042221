// One model job: some runs (sweep points) of one document version. Shared by the worker
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
      // Each run gets what is left of the job's budget; once it is spent, the remaining runs
      // come back at once with budgetExceeded set and nothing simulated.
      const left = Math.max(0, job.budgetMs - (performance.now() - t0));
      results.push(simulate(run, { series: true, budgetMs: left }));
    }
  } catch (e) {
    return { id: job.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
  return { id: job.id, results, elapsedMs: performance.now() - t0 };
}

/**
 * Series as Float64Arrays whose buffers can be transferred between threads instead of
 * copied (some 800 000 numbers for the paper's sweep). Returns the buffers to transfer.
 */
export function packSeries(results: RunResult[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const r of results) {
    if (!r.series) continue;
    const packed: Record<string, Float64Array> = {};
    for (const [k, v] of Object.entries(r.series)) {
      const f = Float64Array.from(v);
      packed[k] = f;
      buffers.push(f.buffer as ArrayBuffer);
    }
    (r as { series?: unknown }).series = packed;
  }
  return buffers;
}

/**
 * Back to plain arrays, as the rest of the server and the JSON results expect. A plain
 * loop: Array.from on a typed array is over ten times slower (40 ms against 3 ms for the
 * paper's sweep), and this runs on the thread that answers the editor.
 */
export function unpackSeries(results: RunResult[]): void {
  for (const r of results) {
    if (!r.series) continue;
    for (const [k, v] of Object.entries(r.series)) {
      if (Array.isArray(v)) continue;
      const typed = v as ArrayLike<number>;
      const plain = new Array<number>(typed.length);
      for (let i = 0; i < typed.length; i++) plain[i] = typed[i];
      r.series[k] = plain;
    }
  }
}
