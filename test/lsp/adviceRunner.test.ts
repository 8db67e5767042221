// The advice worker (server/src/lsp/model/adviceRunner.ts) on the built server.js: a job
// over its budget or made stale is stopped by terminating its worker, and the next job
// gets a fresh one. The advice's figures are the advisor's business (test/advisor).
import { describe, expect, it } from 'vitest';
import { WorkerAdviceRunner } from '../../server/src/lsp/model/adviceRunner';
import { ensureServerBuilt, SERVER_JS } from './build';
import { ACTIVE } from './fixture';

describe('advice worker', () => {
  it('stops a job over its budget, then answers the next one; a newer job for a document stops the older', async () => {
    await ensureServerBuilt();
    const log: string[] = [];
    const runner = new WorkerAdviceRunner(SERVER_JS, (m) => log.push(m));
    try {
      const t0 = performance.now();
      const over = await runner.run('a', { text: ACTIVE }, 50);
      expect(over).toEqual({ kind: 'failed', message: 'the advisor did not finish within 50 ms (run `sipmig advise` on the file for its answer)' });
      expect(performance.now() - t0, 'stopped at the budget, not at the end of the job').toBeLessThan(2000);
      expect(log.join('\n')).toContain('took longer than its 50 ms budget');

      const stale = runner.run('a', { text: ACTIVE }, 60_000);
      const fresh = runner.run('a', { text: `# newer\n${ACTIVE}` }, 60_000);
      expect(await stale).toEqual({ kind: 'cancelled' });
      const r = await fresh;
      if (r.kind !== 'advice') throw new Error(`expected advice, got ${JSON.stringify(r)}; log: ${log.join('\n')}`);
      expect(r.advice.migrations).toHaveLength(1);
      expect(r.advice.migrations[0].span.start, 'computed on the newer text').toBe(ACTIVE.indexOf('migrate sipas1') + '# newer\n'.length);
      // The recommended run's series come over as Float64Arrays whose buffers were transferred,
      // not copied (the handler makes plain arrays of what it sends, see test/lsp/advice.test.ts).
      if (r.comparison) {
        const tS = r.comparison.recommended.series?.tS;
        expect(tS instanceof Float64Array, 'series handed over as Float64Arrays').toBe(true);
        expect(tS!.length, 'every step of the recommended run').toBeGreaterThan(1000);
      }
    } finally {
      runner.dispose();
    }
  });
});
