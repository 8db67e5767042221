// Scheduling of model runs (server/src/lsp/model/service.ts) with a fake runner whose jobs
// finish when the test says: debounce, stale jobs stopped, cache reuse, a results request
// arriving during the debounce.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/language';
import { ModelService, runsKey, type ModelOutcome } from '../../server/src/lsp/model/service';
import type { JobResult, Runner } from '../../server/src/lsp/model/runner';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/lsp/settings';
import type { RunInput } from '../../server/src/model/input';
import type { RunResult } from '../../server/src/model/output';

class FakeRunner implements Runner {
  jobs: { key: string; runs: RunInput[]; finish: (r: JobResult | null) => void; cancelled: boolean }[] = [];
  warmed = 0;
  run(key: string, runs: RunInput[]): Promise<JobResult | null> {
    return new Promise((finish) => {
      for (const j of this.jobs) if (j.key === key && !j.cancelled) this.cancelJob(j);
      this.jobs.push({ key, runs, finish, cancelled: false });
    });
  }
  private cancelJob(j: FakeRunner['jobs'][number]) {
    j.cancelled = true;
    j.finish(null);
  }
  cancel(key: string): void {
    for (const j of this.jobs) if (j.key === key && !j.cancelled) this.cancelJob(j);
  }
  warm(): void {
    this.warmed++;
  }
  dispose(): void {}
  /** Completes the newest live job with one result per run, labelled by the runs' names. */
  complete(): void {
    const j = this.jobs.filter((x) => !x.cancelled).at(-1)!;
    j.cancelled = true;
    j.finish({ id: 0, results: j.runs.map((r) => ({ label: r.label }) as RunResult<Float64Array>), elapsedMs: 1 });
  }
}

const runs = (label: string) => [{ label, offeredCps: 0, scenario: {} } as unknown as RunInput];
const settings: Settings = { ...DEFAULT_SETTINGS, debounceMs: 20 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tick = () => sleep(0);

describe('model service', () => {
  it('runs after the debounce, once, for the newest runs of a document', async () => {
    const fake = new FakeRunner();
    const svc = new ModelService(fake, () => settings);
    const seen: string[] = [];
    for (const l of ['a', 'b', 'c']) svc.schedule('u', svc.prepare(runs(l)), (o) => seen.push(o.results[0].label));
    expect(fake.jobs, 'nothing runs before the debounce').toHaveLength(0);
    await sleep(40);
    expect(fake.jobs.map((j) => j.runs[0].label)).toEqual(['c']);
    fake.complete();
    await tick();
    expect(seen).toEqual(['c']);
    expect(fake.warmed, 'the workers are started when a run is first scheduled').toBeGreaterThan(0);
  });

  it('stops a running job as soon as the document changes its runs', async () => {
    const fake = new FakeRunner();
    const svc = new ModelService(fake, () => settings);
    const seen: string[] = [];
    svc.schedule('u', svc.prepare(runs('old')), (o) => seen.push(o.results[0].label));
    await sleep(40);
    svc.schedule('u', svc.prepare(runs('new')), (o) => seen.push(o.results[0].label));
    expect(fake.jobs[0].cancelled, 'the stale job is stopped at once, not after the debounce').toBe(true);
    await sleep(40);
    fake.complete();
    await tick();
    expect(seen).toEqual(['new']);
  });

  it('keeps one callback, the newest, when edits leave the runs as they are while the model runs', async () => {
    const fake = new FakeRunner();
    const svc = new ModelService(fake, () => settings);
    const calls: number[] = [];
    const r = runs('same');
    for (let i = 0; i < 5; i++) {
      svc.schedule('u', svc.prepare(r), () => calls.push(i));
      if (i === 0) await sleep(40);
    }
    expect(fake.jobs).toHaveLength(1);
    fake.complete();
    await tick();
    expect(calls).toEqual([4]);
  });

  it('serves equal runs from the cache, whatever document they come from', async () => {
    const fake = new FakeRunner();
    const svc = new ModelService(fake, () => settings);
    const first = svc.ensure('u', svc.prepare(runs('x')));
    fake.complete();
    const o = (await first)!;
    expect(svc.get(svc.prepare(runs('x')).key)).toBe(o);
    let got: ModelOutcome | undefined;
    svc.schedule('v', svc.prepare(runs('x')), (x) => (got = x));
    await sleep(40);
    expect(got).toBe(o);
    expect(fake.jobs).toHaveLength(1);
  });

  it('starts a debounced run at once for a results request, and the diagnostics still hear of it', async () => {
    const fake = new FakeRunner();
    const svc = new ModelService(fake, () => ({ ...settings, debounceMs: 10_000 }));
    let published = '';
    const p = svc.prepare(runs('r'));
    svc.schedule('u', p, (o) => (published = o.results[0].label));
    const answer = svc.ensure('u', p);
    expect(fake.jobs).toHaveLength(1);
    fake.complete();
    expect((await answer)!.results[0].label).toBe('r');
    expect(published).toBe('r');
  });

  it('puts the step override and the budget into the key', () => {
    let s: Settings = { ...settings };
    const svc = new ModelService(new FakeRunner(), () => s);
    const r = runs('k');
    const before = svc.prepare(r);
    s = { ...settings, modelStepS: 0.5 };
    expect(svc.prepare(r).key, 'prepare() is memoized per runs array until the settings change').toBe(before.key);
    svc.settingsChanged();
    const after = svc.prepare(r);
    expect(after.key).not.toBe(before.key);
    expect(after.runs[0].scenario.stepS).toBe(0.5);
  });
});

describe('the cache key of a set of runs', () => {
  const text = readFileSync(join(__dirname, '..', '..', 'samples/paper/active-migration.sipmig'), 'utf8');
  const key = (t: string) => runsKey(analyze(t).runs, '');

  it('is the same for the same scenario analyzed again, and for an edit the lowering does not see', () => {
    expect(key(text), 'two analyses of one text').toBe(key(text));
    expect(key(text.replace('# Dell PowerEdge', '# A comment edited; Dell PowerEdge')), 'a comment edited').toBe(key(text));
  });

  it('changes with any part of any run: a part the sweep points share, one run alone, their labels', () => {
    const base = key(text);
    expect(key(text.replace('speed_cap 32 MiB/s', 'speed_cap 33 MiB/s')), 'migration speed cap (shared by every run)').not.toBe(base);
    expect(key(text.replace('hold_time 180 s', 'hold_time 181 s')), 'hold time (shared)').not.toBe(base);
    expect(key(text.replace('sweep 0 cps to 40 cps step 5 cps', 'sweep 0 cps to 45 cps step 5 cps')), 'one more sweep point').not.toBe(base);
    const runs = analyze(text).runs;
    const one = runs.map((r, i) => (i === 4 ? { ...r, scenario: { ...r.scenario, load: [{ atS: 0, cps: 21 }] } } : r));
    expect(runsKey(one, ''), 'the load of one run').not.toBe(runsKey(runs, ''));
    const relabelled = runs.map((r, i) => (i === 4 ? { ...r, label: 'x' } : r));
    expect(runsKey(relabelled, ''), 'a label').not.toBe(runsKey(runs, ''));
    expect(runsKey(runs, 'a'), 'the budget and override part').not.toBe(runsKey(runs, 'b'));
  });

  it('serializes what the runs share once: a sweep of a large scenario costs about one run', () => {
    const runs = analyze(text).runs;
    const hosts = runs[0].scenario.hosts;
    expect(runs.every((r) => r.scenario.hosts === hosts), 'the lowering shares the hosts between sweep points').toBe(true);
    // One shared object that counts how often JSON.stringify serializes it.
    let serialized = 0;
    const counted = { toJSON: () => (serialized++, hosts) } as unknown as typeof hosts;
    runsKey(runs.map((r) => ({ ...r, scenario: { ...r.scenario, hosts: counted } })), '');
    expect(serialized, `times the hosts shared by ${runs.length} runs were serialized`).toBe(1);
  });
});

