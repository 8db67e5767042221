// The model's worker pool (server/src/lsp/model/runner.ts) on the built server.js: a job's runs
// are dealt to the workers and come back in order, each exactly as the model computes it in
// process, their series as Float64Arrays (transferred, not copied: job.ts), job after job.
import { describe, expect, it } from 'vitest';
import { WorkerRunner } from '../../server/src/lsp/model/runner';
import { simulate } from '../../server/src/model';
import { ensureServerBuilt, SERVER_JS } from './build';
import { expectSameRun, sampleRuns } from '../model/fixtures';

describe('model worker pool', () => {
  it('answers a sweep in run order, identical to the model in process, series as Float64Arrays, job after job', async () => {
    await ensureServerBuilt();
    const log: string[] = [];
    const runner = new WorkerRunner(SERVER_JS, (m) => log.push(m), 2);
    const runs = sampleRuns('active-migration').filter((r) => [0, 20, 35, 40].includes(r.offeredCps));
    try {
      for (const job of ['first', 'second']) {
        const reply = await runner.run(`paper-${job}`, runs, 60_000);
        if (!reply) throw new Error(`the ${job} job gave no results; log: ${log.join('\n')}`);
        expect(reply.results.map((r) => r.label), `the ${job} job's runs in the order asked`).toEqual(runs.map((r) => r.label));
        reply.results.forEach((r, i) => {
          const { withoutMigrations, ...result } = r;
          expectSameRun(`${job} job, ${r.label}`, simulate(runs[i], { series: true }), result, { expected: 'in process', actual: 'from a worker' });
          for (const [key, values] of Object.entries(r.series ?? {})) expect(values instanceof Float64Array, `${job} job, ${r.label}: series ${key} handed over as a Float64Array`).toBe(true);
          if (r.incompleteCalls.total > 0) expect(withoutMigrations?.incomplete408.length, `${r.label} fails calls: the calls its plan loses anyway come with it, step by step`).toBe(r.series?.tS.length);
        });
      }
    } finally {
      runner.dispose();
    }
  }, 120_000);
});
