// Scheduling of advice jobs (server/src/lsp/model/adviceService.ts) with a fake runner whose
// jobs finish when the test says: nothing runs unless calls fail, a bounded wait answers
// "computing", results are cached by runs and carried over to a new text, stale jobs stop.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/language';
import { ADVICE_BUDGET_FACTOR, AdviceService } from '../../server/src/lsp/model/adviceService';
import type { AdviceJobResult, AdviceRunner } from '../../server/src/lsp/model/adviceRunner';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { ACTIVE, edit } from './fixture';
import { fakeAdvice, fakeOutcome } from './adviceFixtures';

class FakeRunner implements AdviceRunner {
  jobs: { uri: string; text: string; budgetMs: number; finish: (r: AdviceJobResult) => void; done: boolean }[] = [];
  run(uri: string, job: { text: string }, budgetMs: number): Promise<AdviceJobResult> {
    return new Promise((finish) => {
      this.cancel(uri);
      this.jobs.push({ uri, text: job.text, budgetMs, finish, done: false });
    });
  }
  cancel(uri: string): void {
    for (const j of this.jobs) if (j.uri === uri && !j.done) this.end(j, { kind: 'cancelled' });
  }
  warmed = 0;
  warm(): void {
    this.warmed++;
  }
  dispose(): void {}
  private end(j: FakeRunner['jobs'][number], r: AdviceJobResult) {
    j.done = true;
    j.finish(r);
  }
  /** Finishes the newest live job with advice for its text, or with a failure. */
  complete(failed?: string): void {
    const j = this.jobs.filter((x) => !x.done).at(-1)!;
    this.end(j, failed ? { kind: 'failed', message: failed } : { kind: 'advice', id: 1, advice: fakeAdvice(analyze(j.text)), elapsedMs: 5 });
  }
  get live() {
    return this.jobs.filter((j) => !j.done);
  }
}

const a = analyze(ACTIVE);
const doc = { uri: 'u', text: ACTIVE, analysis: a };
const settings = { ...DEFAULT_SETTINGS, timeBudgetMs: 1000 };
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('advice service', () => {
  it('runs nothing when the model predicts no failing calls', async () => {
    const fake = new FakeRunner();
    const svc = new AdviceService(fake, () => settings);
    expect(await svc.view(doc, 'k', fakeOutcome(a, false), 1000)).toEqual({ kind: 'none' });
    expect(fake.jobs).toHaveLength(0);
    svc.warmFor(fakeOutcome(a, false));
    expect(fake.warmed, 'no worker started either').toBe(0);
    svc.warmFor(fakeOutcome(a));
    expect(fake.warmed, 'the worker is started once calls are predicted to fail').toBe(1);
  });

  it('waits at most the given time, says "computing", and caches the answer when the job ends', async () => {
    const fake = new FakeRunner();
    const svc = new AdviceService(fake, () => settings);
    const t0 = performance.now();
    expect(await svc.view(doc, 'k', fakeOutcome(a), 30)).toEqual({ kind: 'computing' });
    expect(performance.now() - t0).toBeLessThan(500);
    expect(fake.jobs.map((j) => j.budgetMs), 'the job has its own budget, a multiple of the model\'s').toEqual([1000 * ADVICE_BUDGET_FACTOR]);
    expect((await Promise.all([svc.view(doc, 'k', fakeOutcome(a), 10), tick()]))[0].kind, 'a second caller joins the running job').toBe('computing');
    expect(fake.jobs).toHaveLength(1);
    fake.complete();
    await tick();
    const v = await svc.view(doc, 'k', fakeOutcome(a), 0);
    expect(v.kind).toBe('ready');
    expect(fake.jobs, 'served from the cache').toHaveLength(1);
  });

  it('gives the cached advice to a text with the same runs, with its edits made for that text', async () => {
    const fake = new FakeRunner();
    const svc = new AdviceService(fake, () => settings);
    const pending = svc.view(doc, 'k', fakeOutcome(a), Infinity);
    fake.complete();
    const first = await pending;
    const text = `# comment\n${ACTIVE}`;
    const other = await svc.view({ uri: 'u', text, analysis: analyze(text) }, 'k', fakeOutcome(a), 0);
    expect(fake.jobs).toHaveLength(1);
    if (first.kind !== 'ready' || other.kind !== 'ready') throw new Error('expected advice');
    expect(other.advice.migrations[0].span.start).toBe(first.advice.migrations[0].span.start + '# comment\n'.length);
  });

  it('stops a job for runs the document no longer has, and keeps one for the runs it has', async () => {
    const fake = new FakeRunner();
    const svc = new AdviceService(fake, () => settings);
    void svc.view(doc, 'old', fakeOutcome(a), 0);
    await tick();
    svc.retain('u', 'old');
    expect(fake.live).toHaveLength(1);
    svc.retain('u', 'new');
    expect(fake.live, 'stale job stopped').toHaveLength(0);
    const changed = edit(ACTIVE, 'at 120 s', 'at 130 s');
    const view = svc.view({ uri: 'u', text: changed, analysis: analyze(changed) }, 'new', fakeOutcome(a), 0);
    expect(fake.live.map((j) => j.text)).toEqual([changed]);
    expect(await view).toEqual({ kind: 'computing' });
  });

  it('keeps a failure, so a job over its budget is not started again on every hover', async () => {
    const fake = new FakeRunner();
    const svc = new AdviceService(fake, () => settings);
    const v = svc.view(doc, 'k', fakeOutcome(a), Infinity);
    fake.complete('the advisor did not finish within 15 s');
    expect(await v).toEqual({ kind: 'failed', message: 'the advisor did not finish within 15 s' });
    expect(await svc.view(doc, 'k', fakeOutcome(a), 0)).toEqual({ kind: 'failed', message: 'the advisor did not finish within 15 s' });
    expect(fake.jobs).toHaveLength(1);
  });
});
