// Runs model jobs off the main thread, so that keystrokes, completion and hovers never
// wait for the model. One worker; at most one job running and one waiting per document
// (a newer job for a document replaces its waiting one and stops its running one), so a
// burst of edits never queues more work than there are open documents.
//
// The worker is the built server.js started again (see main.ts). When it is not there
// (tests that import the TypeScript sources), jobs run inline between event-loop turns.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { runJob, type JobReply, type JobRequest } from './job';
import { WORKER_FLAG } from './worker';
import type { RunInput } from '../../model/input';

export type JobResult = Exclude<JobReply, { cancelled: true } | { error: string }>;

export interface Runner {
  /** Resolves with the results, or null when the job was cancelled or failed (failures are logged). */
  run(key: string, runs: RunInput[], budgetMs: number): Promise<JobResult | null>;
  /** Stops the job with this key (running or waiting). */
  cancel(key: string): void;
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
  return script ? new WorkerRunner(script, log) : new InlineRunner(log);
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
  abstract dispose(): void;
}

class WorkerRunner extends QueueRunner {
  private worker: Worker | undefined;
  private readonly cancelSlot = new Int32Array(new SharedArrayBuffer(4));
  private watchdog: NodeJS.Timeout | undefined;

  constructor(private readonly script: string, log: (message: string) => void) {
    super(log);
    this.spawn();
  }

  private spawn(): Worker {
    // stdout/stderr: true keeps anything the model prints away from the LSP stdio stream.
    const w = new Worker(this.script, { workerData: { [WORKER_FLAG]: true, cancel: this.cancelSlot.buffer }, stdout: true, stderr: true });
    w.stdout.on('data', (d: Buffer) => this.log(`model: ${d.toString().trimEnd()}`));
    w.stderr.on('data', (d: Buffer) => this.log(`model: ${d.toString().trimEnd()}`));
    w.on('message', (reply: JobReply) => {
      clearTimeout(this.watchdog);
      this.finish(reply.id, reply);
    });
    w.on('error', (e) => this.log(`sipmig model worker error: ${e.stack ?? e.message}`));
    w.on('exit', () => {
      if (this.worker !== w) return;
      this.worker = undefined;
      clearTimeout(this.watchdog);
      if (this.current) this.finish(this.current.id, null);
    });
    w.unref();
    this.worker = w;
    return w;
  }

  protected start(job: Pending): void {
    const w = this.worker ?? this.spawn();
    const request: JobRequest = { id: job.id, runs: job.runs, budgetMs: job.budgetMs };
    w.postMessage(request);
    // The model keeps to its budget; a job far past it means a bug: replace the worker.
    this.watchdog = setTimeout(() => {
      this.log(`sipmig model worker did not answer within ${job.budgetMs + 10_000} ms; restarting it`);
      this.worker = undefined;
      void w.terminate();
      this.finish(job.id, null);
    }, job.budgetMs + 10_000);
    this.watchdog.unref();
  }

  protected stop(job: Pending): void {
    Atomics.store(this.cancelSlot, 0, job.id);
  }

  dispose(): void {
    clearTimeout(this.watchdog);
    void this.worker?.terminate();
    this.worker = undefined;
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

  dispose(): void {}
}
