// The chart panel's contract: `sipmig/results` and `sipmig/resultsChanged`.
import { describe, expect, it } from 'vitest';
import { uriOf } from './client';
import { ACTIVE, edit, textOf, useServer } from './fixture';
import type { ResultsAnswer } from '../../server/src/lsp/handlers/results';

describe('sipmig/results', () => {
  const server = useServer();

  it('announces new results and answers them with series, migration ranges and thresholds', async () => {
    const c = server();
    const uri = uriOf('results.sipmig');
    c.open(uri, ACTIVE, 3);
    const changed = (await c.waitForNotification('sipmig/resultsChanged', (p) => (p as { uri: string }).uri === uri, 30_000)) as { uri: string; version: number };
    expect(changed.version).toBe(3);
    const r = await c.request<ResultsAnswer>('sipmig/results', { uri });
    expect(r.uri).toBe(uri);
    expect(r.version).toBe(3);
    expect(r.file!.runs.map((x) => x.label)).toEqual(['0 cps', '5 cps', '10 cps', '15 cps', '20 cps', '25 cps', '30 cps', '35 cps', '40 cps']);
    expect(Object.keys(r.file!.runs[0].series!)).toEqual(expect.arrayContaining(['tS', 'vmCpu.sipas1']));
    expect(r.migrations).toHaveLength(1);
    expect(r.migrations[0].vm).toBe('sipas1');
    expect(textOf(ACTIVE, r.migrations[0].range)).toBe('migrate sipas1 from pm1 to pm3 at 120 s');
    expect(r.migrations[0].line).toBe(r.migrations[0].range.start.line);
    expect(r.thresholds).toEqual([
      { phase: 1, startAbovePct: 70, stopBelowPct: 65, label: 'phase 1 start', pct: 70, vm: 'sipas1' },
      { phase: 2, startAbovePct: 80, stopBelowPct: 75, label: 'phase 2 start', pct: 80, vm: 'sipas1' },
    ]);
    expect(r.cluster).toEqual({ active: 'sipas1', standby: 'sipas2' });
    const m = r.file!.runs[0].migrations[0] as { range?: unknown };
    expect(m.range, 'each migration carries its statement range too').toEqual(r.migrations[0].range);
    expect(r.file!.migrationRanges).toEqual([r.migrations[0].range]);
    // The 40 cps run fails calls, so the server also ran it without the migration (for attribution): that stays on the server.
    expect(Object.keys(r.file!.runs[8]), 'no baseline in the answer').not.toContain('withoutMigrations');
  });

  it('waits for the model after an edit, and says why there are no results while the scenario has errors', async () => {
    const c = server();
    const uri = uriOf('results2.sipmig');
    c.open(uri, ACTIVE, 1);
    c.change(uri, 2, edit(ACTIVE, 'pm3 at 120 s', 'pm3 at 130 s'));
    const r = await c.request<ResultsAnswer>('sipmig/results', { uri });
    expect(r.version).toBe(2);
    expect(r.file!.runs[0].migrations[0].startS).toBe(130);
    c.change(uri, 3, edit(ACTIVE, 'speed_cap 32 MiB/s', 'speed_cap 32'));
    const bad = await c.request<ResultsAnswer>('sipmig/results', { uri });
    expect(bad.version).toBe(3);
    expect(bad.file).toBeNull();
    expect(bad.message).toBe('The scenario has 1 error; fix it to get predictions.');
  });

  it('answers for a document that is not open', async () => {
    const r = await server().request<ResultsAnswer>('sipmig/results', { uri: uriOf('never-opened.sipmig') });
    expect(r.file).toBeNull();
    expect(r.version).toBeNull();
  });
});
