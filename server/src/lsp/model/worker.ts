// The worker-thread side: the built server.js is started again as a worker (main.ts
// checks workerData) and answers model jobs here. Cancellation comes through shared
// memory, because the worker cannot read messages while a job runs.
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, seriesBuffers, type JobRequest } from './job';
import { isAdviceRequest, runAdviceJob, type AdviceRequest } from './adviceJob';

export const WORKER_FLAG = 'sipmigModelWorker';

export function isModelWorker(data: unknown = workerData): boolean {
  return !!data && typeof data === 'object' && (data as Record<string, unknown>)[WORKER_FLAG] === true;
}

export function runModelWorker(): void {
  const port = parentPort;
  if (!port) return;
  /** Slot 0: the id of the job the main thread wants stopped. */
  const cancel = new Int32Array((workerData as { cancel: SharedArrayBuffer }).cancel);
  port.on('message', (job: JobRequest | AdviceRequest) => {
    // The advice worker (adviceRunner.ts) is the same script; it gets advice jobs only.
    if (isAdviceRequest(job)) {
      const reply = runAdviceJob(job);
      const transfer = 'comparison' in reply && reply.comparison ? seriesBuffers([reply.comparison.recommended]) : [];
      port.postMessage(reply, transfer);
      return;
    }
    void runJob(job, () => Atomics.load(cancel, 0) === job.id).then((reply) => {
      const transfer = 'results' in reply ? seriesBuffers(reply.results) : [];
      port.postMessage(reply, transfer);
    });
  });
}
