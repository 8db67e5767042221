// Runs advice jobs in a worker thread of their own, one at a time, at most one waiting per
// document (a newer job for a document replaces its waiting one and stops its running one).
//
// Separate from the model's pool: an advice job is some 60 model runs in one call to
// advise(), which has no point where it could be asked to stop, so a stale or overdue job
// is stopped by terminating its worker (the next job starts a fresh one, ~0.3 s). The
// model's pool is never terminated for that, so diagnostics never wait for the advisor.
import { Worker } from 'node:worker_threads';
import { runAdviceJob, type AdviceReply, type AdviceRequest } from './adviceJob';
import { workerScript } from './runner';
import { WORKER_FLAG } from './worker';

export type AdviceJobResult = Extract<AdviceReply, { advice: unknown }> | { kind: 'cancelled' } | { kind: 'failed'; message: string };

export interface AdviceRunner {
  /** Resolves when the job ends: with the advice, cancelled (a newer job for the document, or cancel()), or failed (error, over budget). */
  run(uri: string, job: { text: string; stepS?: number }, budgetMs: number): Promise<AdviceJobResult>;
  /** Stops the document's job, running or waiting. */
  cancel(uri: string): void;
  /** Get ready for a job soon (start the worker), without running anything. */
  warm(): void;
  dispose(): void;
}

interface Pending {
  id: number;
  uri: string;
  job: { text: string; stepS?: number };
  budgetMs: number;
  resolve: (r: AdviceJobResult) => void;
}

const CANCELLED: AdviceJobResult = { kind: 'cancelled' };

const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`);

export function createAdviceRunner(log: (message: string) => void): AdviceRunner {
  const script = workerScript();
  return script ? new WorkerAdviceRunner(script, log) : new InlineAdviceRunner();
}

let nextId = 1;

export class WorkerAdviceRunner implements AdviceRunner {
  private worker: Worker | undefined;
  private current: Pending | undefined;
  private readonly waiting = new Map<string, Pending>();
  private deadline: NodeJS.Timeout | undefined;

  constructor(private readonly script: string, private readonly log: (message: string) => void) {}

  run(uri: string, job: { text: string; stepS?: number }, budgetMs: number): Promise<AdviceJobResult> {
    return new Promise((resolve) => {
      this.cancel(uri);
      this.waiting.set(uri, { id: nextId++, uri, job, budgetMs, resolve });
      this.pump();
    });
  }

  cancel(uri: string): void {
    const w = this.waiting.get(uri);
    if (w) {
      this.waiting.delete(uri);
      w.resolve(CANCELLED);
    }
    if (this.current?.uri === uri) {
      this.kill();
      this.finish(CANCELLED);
    }
  }

  private pump(): void {
    if (this.current) return;
    const next = this.waiting.values().next().value as Pending | undefined;
    if (!next) return;
    this.waiting.delete(next.uri);
    this.current = next;
    const request: AdviceRequest = { kind: 'advice', id: next.id, text: next.job.text, stepS: next.job.stepS };
    (this.worker ?? this.spawn()).postMessage(request);
    this.deadline = setTimeout(() => {
      this.log(`sipmig advisor: job for ${next.uri} took longer than its ${next.budgetMs} ms budget; stopped`);
      this.kill();
      this.finish({ kind: 'failed', message: `the advisor did not finish within ${duration(next.budgetMs)} (run \`sipmig advise\` on the file for its answer)` });
    }, next.budgetMs);
    this.deadline.unref();
  }

  warm(): void {
    if (!this.worker) this.spawn();
  }

  private finish(result: AdviceJobResult): void {
    clearTimeout(this.deadline);
    const job = this.current;
    this.current = undefined;
    job?.resolve(result);
    this.pump();
  }

  private spawn(): Worker {
    // A dummy cancel slot: the worker script expects one (model jobs), advice jobs never read it.
    const w = new Worker(this.script, { workerData: { [WORKER_FLAG]: true, cancel: new SharedArrayBuffer(4) }, stdout: true, stderr: true });
    w.stdout.on('data', (d: Buffer) => this.log(`advisor: ${d.toString().trimEnd()}`));
    w.stderr.on('data', (d: Buffer) => this.log(`advisor: ${d.toString().trimEnd()}`));
    w.on('message', (reply: AdviceReply) => {
      if (this.worker !== w || reply.id !== this.current?.id) return;
      if ('error' in reply) {
        this.log(`sipmig advisor failed: ${reply.error}`);
        return this.finish({ kind: 'failed', message: 'the advisor failed (see the sipmig output)' });
      }
      this.finish(reply);
    });
    w.on('error', (e) => this.log(`sipmig advisor worker error: ${e.stack ?? e.message}`));
    w.on('exit', () => {
      if (this.worker !== w) return;
      this.worker = undefined;
      if (this.current) this.finish({ kind: 'failed', message: 'the advisor worker exited' });
    });
    w.unref();
    this.worker = w;
    return w;
  }

  private kill(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }

  dispose(): void {
    clearTimeout(this.deadline);
    this.kill();
  }
}

/** Without the built server.js (tests on the TypeScript sources): the job runs on this thread, after a turn of the event loop. */
class InlineAdviceRunner implements AdviceRunner {
  private readonly live = new Map<string, number>();

  async run(uri: string, job: { text: string; stepS?: number }, _budgetMs: number): Promise<AdviceJobResult> {
    const id = nextId++;
    this.live.set(uri, id);
    await new Promise<void>((r) => setImmediate(r));
    if (this.live.get(uri) !== id) return CANCELLED;
    const reply = runAdviceJob({ kind: 'advice', id, text: job.text, stepS: job.stepS });
    if (this.live.get(uri) === id) this.live.delete(uri);
    return 'error' in reply ? { kind: 'failed', message: reply.error } : reply;
  }

  cancel(uri: string): void {
    this.live.delete(uri);
  }

  warm(): void {}

  dispose(): void {}
}
