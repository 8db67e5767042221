// Runs model jobs off the main thread, so that keystrokes, completion and hovers never
// wait for the model. A small pool of workers; at most one job running and one waiting per document
// (a newer job for a document replaces its waiting one and stops its running one), so a
// burst of edits never queues more work than there are open documents.
//
// The worker is the built server.js started again (see main.ts). When it is not there
// (tests that import the TypeScript sources), jobs run inline between event-loop turns.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { runJob, type JobReply, type JobRequest, type TypedRunResult } from './job';
import { WORKER_FLAG } from './worker';
import type { RunInput } from '../../model/input';
import { availableParallelism } from 'node:os';

export type JobResult = Exclude<JobReply, { cancelled: true } | { error: string }>;

export interface Runner {
  /** Resolves with the results, or null when the job was cancelled or failed (failures are logged). */
  run(key: string, runs: RunInput[], budgetMs: number): Promise<JobResult | null>;
  /** Stops the job with this key (running or waiting). */
  cancel(key: string): void;
  /** Get ready for a job soon (start the workers), without running anything. */
  warm(): void;
  dispose(): void;
}

interface Pending {
  id: number;
  key: string;
  runs: RunInput[];
  budgetMs: number;
  resolve: (r: JobResult | null) => void;
}

/** Where the bundled server lives next to the running bundle (server.js or cli.js in server/dist). */
export function workerScript(): string | undefined {
  const candidate = join(__dirname, 'server.js');
  return existsSync(candidate) ? candidate : undefined;
}

export function createRunner(log: (message: string) => void): Runner {
  const script = workerScript();
  // A job's sweep points are shared among the workers, so more workers answer sooner. A job
  // runs only after a pause in typing and is stopped between runs when the text changes, and
  // the main thread's own work is short (the fast path takes milliseconds), so on two cores
  // both serve the model (measured: model diagnostics p50 157 -> 98 ms, fast path p95 unchanged,
  // docs/performance.md); with more cores one is left to the main thread and the editor.
  // SIPMIG_MODEL_WORKERS overrides the pool size (benchmarks, constrained machines).
  const cores = availableParallelism();
  const wanted = Number(process.env.SIPMIG_MODEL_WORKERS) || (cores <= 2 ? cores : cores - 1);
  return script ? new WorkerRunner(script, log, Math.max(1, Math.min(MAX_WORKERS, wanted))) : new InlineRunner(log);
}

let nextId = 1;

abstract class QueueRunner implements Runner {
  protected current: Pending | undefined;
  protected readonly waiting = new Map<string, Pending>();

  constructor(protected readonly log: (message: string) => void) {}

  run(key: string, runs: RunInput[], budgetMs: number): Promise<JobResult | null> {
    return new Promise((resolve) => {
      this.cancel(key);
      this.waiting.set(key, { id: nextId++, key, runs, budgetMs, resolve });
      this.pump();
    });
  }

  cancel(key: string): void {
    const w = this.waiting.get(key);
    if (w) {
      this.waiting.delete(key);
      w.resolve(null);
    }
    if (this.current?.key === key) this.stop(this.current);
  }

  protected pump(): void {
    if (this.current) return;
    const next = this.waiting.values().next().value as Pending | undefined;
    if (!next) return;
    this.waiting.delete(next.key);
    this.current = next;
    this.start(next);
  }

  protected finish(id: number, reply: JobReply | null): void {
    const job = this.current;
    if (!job || job.id !== id) return;
    this.current = undefined;
    if (reply && 'error' in reply) this.log(`sipmig model failed: ${reply.error}`);
    job.resolve(reply && 'results' in reply ? reply : null);
    this.pump();
  }

  protected abstract start(job: Pending): void;
  protected abstract stop(job: Pending): void;
  abstract warm(): void;
  abstract dispose(): void;
}

/** Most workers in the pool: the sweep points of a job are shared among them. */
export const MAX_WORKERS = 4;

/**
 * A pool of workers; each job's runs are dealt out round-robin (neighbouring sweep points
 * cost alike) and its results put back in order. All parts of a job run at once, so the
 * job's time budget holds for each part.
 */
export class WorkerRunner extends QueueRunner {
  private readonly workers: (Worker | undefined)[];
  private readonly cancelSlot = new Int32Array(new SharedArrayBuffer(4));
  private watchdog: NodeJS.Timeout | undefined;
  /** Parts of the current job: results per worker, and how many are still out. */
  private parts: { id: number; results: TypedRunResult[][]; out: number; elapsedMs: number } | undefined;

  constructor(private readonly script: string, log: (message: string) => void, size: number) {
    super(log);
    // Started on the first warm() or job, not here: at start-up the first diagnostics come first.
    this.workers = new Array<Worker | undefined>(size).fill(undefined);
  }

  warm(): void {
    for (let i = 0; i < this.workers.length; i++) if (!this.workers[i]) this.spawn(i);
  }

  private spawn(slot: number): Worker {
    // stdout/stderr: true keeps anything the model prints away from the LSP stdio stream.
    const w = new Worker(this.script, { workerData: { [WORKER_FLAG]: true, cancel: this.cancelSlot.buffer }, stdout: true, stderr: true });
    w.stdout.on('data', (d: Buffer) => this.log(`model: ${d.toString().trimEnd()}`));
    w.stderr.on('data', (d: Buffer) => this.log(`model: ${d.toString().trimEnd()}`));
    w.on('message', (reply: JobReply) => this.onReply(slot, reply));
    w.on('error', (e) => this.log(`sipmig model worker error: ${e.stack ?? e.message}`));
    w.on('exit', () => {
      if (this.workers[slot] !== w) return;
      this.workers[slot] = undefined;
      // A part of the running job was lost with the worker: the job fails (it is logged).
      if (this.parts && this.current) this.fail(this.current.id, `a model worker exited while running job ${this.current.id}`);
    });
    w.unref();
    this.workers[slot] = w;
    return w;
  }

  private onReply(slot: number, reply: JobReply): void {
    const parts = this.parts;
    if (!parts || parts.id !== reply.id) return;
    if (!('results' in reply)) return this.end(reply.id, reply);
    parts.results[slot] = reply.results;
    parts.elapsedMs = Math.max(parts.elapsedMs, reply.elapsedMs);
    if (--parts.out > 0) return;
    // Deal the results back into run order (run i went to worker i % n).
    const n = parts.results.length;
    const total = parts.results.reduce((s, r) => s + r.length, 0);
    const results = Array.from({ length: total }, (_, i) => parts.results[i % n][Math.floor(i / n)]);
    this.end(reply.id, { id: reply.id, results, elapsedMs: parts.elapsedMs });
  }

  private end(id: number, reply: JobReply | null): void {
    clearTimeout(this.watchdog);
    this.parts = undefined;
    this.finish(id, reply);
  }

  private fail(id: number, why: string): void {
    this.end(id, { id, error: why });
  }

  protected start(job: Pending): void {
    const n = Math.max(1, Math.min(this.workers.length, job.runs.length));
    this.parts = { id: job.id, results: Array.from({ length: n }, () => []), out: n, elapsedMs: 0 };
    for (let k = 0; k < n; k++) {
      const w = this.workers[k] ?? this.spawn(k);
      const request: JobRequest = { id: job.id, runs: job.runs.filter((_, i) => i % n === k), budgetMs: job.budgetMs };
      w.postMessage(request);
    }
    // The model keeps to its budget; a job far past it means a bug: replace the workers.
    this.watchdog = setTimeout(() => {
      this.log(`sipmig model workers did not answer within ${job.budgetMs + 10_000} ms; restarting them`);
      const stuck = [...this.workers];
      this.workers.fill(undefined);
      for (const w of stuck) void w?.terminate();
      this.fail(job.id, 'timed out');
    }, job.budgetMs + 10_000);
    this.watchdog.unref();
  }

  protected stop(job: Pending): void {
    Atomics.store(this.cancelSlot, 0, job.id);
  }

  dispose(): void {
    clearTimeout(this.watchdog);
    for (const w of this.workers) void w?.terminate();
    this.workers.fill(undefined);
  }
}

class InlineRunner extends QueueRunner {
  private readonly stopped = new Set<number>();

  protected start(job: Pending): void {
    const turn = () => new Promise<void>((r) => setImmediate(r));
    void runJob({ id: job.id, runs: job.runs, budgetMs: job.budgetMs }, () => this.stopped.delete(job.id), turn).then((reply) => {
      this.stopped.delete(job.id);
      this.finish(job.id, reply);
    });
  }

  protected stop(job: Pending): void {
    this.stopped.add(job.id);
  }

  warm(): void {}

  dispose(): void {}
}
