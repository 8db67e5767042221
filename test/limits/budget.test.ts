// The model's time budget as users meet it: the language server says when a run was cut
// (PRED004, and budgetExceeded in sipmig/results), the CLI table and the HTML report say so
// too, and a settings change while the chart panel waits for results does not lose them.
import { describe, expect, it } from 'vitest';
import type { ResultsAnswer } from '../../server/src/lsp/handlers/results';
import { formatRunTable } from '../../server/src/cli/runFormat';
import { buildReport } from '../../server/src/charts/report';
import { codesOf, uriOf } from '../lsp/client';
import { ACTIVE, edit, useServer } from '../lsp/fixture';
import { overBudgetScenario } from '../../scripts/bench/overBudget.mjs';
import { syntheticSweep } from '../charts/fixtures';

/**
 * 990 000 steps that no step of can be copied (scripts/bench/overBudget.mjs): about 0.7 s on
 * the server's two workers on the machine that wrote this, so 100 ms leaves a margin of seven
 * for faster machines (the 300 ms used at first left about two).
 */
const LONG = overBudgetScenario(ACTIVE);

describe('time budget in the language server', () => {
  const server = useServer({ diagnostics: { debounceMs: 0 }, model: { timeBudgetMs: 100 } });

  it('publishes PRED004 and marks the cut runs when the model hits its budget', async () => {
    const c = server();
    const uri = uriOf('budget-long.sipmig');
    c.open(uri, LONG, 1);
    const res = await c.request<ResultsAnswer>('sipmig/results', { uri });
    expect(res.file, `results expected; got message ${res.message}`).not.toBeNull();
    const cut = res.file!.runs.filter((r) => r.budgetExceeded).length;
    expect(cut, '990 000 steps, none of them steady, cannot be simulated in 100 ms').toBeGreaterThan(0);
    const p = await c.waitForDiagnostics(uri, (x) => x.version === 1 && codesOf(x.diagnostics).includes('PRED004'), 30_000, 'PRED004');
    const d = p.diagnostics.find((x) => x.code === 'PRED004')!;
    expect(d.message).toContain(`in ${cut} of ${res.file!.runs.length} runs`);
    expect(d.message).toContain('100 ms');
  });

  it('still answers sipmig/results when the settings change while the model runs (found by the budget tests)', async () => {
    const c = server();
    const uri = uriOf('budget-settings.sipmig');
    c.open(uri, ACTIVE, 1);
    const answer = c.request<ResultsAnswer>('sipmig/results', { uri });
    // A new budget is part of every job's key: the running job is stopped and a new one started.
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { sipmig: { diagnostics: { debounceMs: 0 }, model: { timeBudgetMs: 5000 } } } });
    const res = await answer;
    expect(res.message, 'the request must follow the new job, not give up').toBeUndefined();
    expect(res.file?.runs.length).toBe(9);
  });
});

describe('time budget in the language server, runs that finish', () => {
  // A server of its own: after the long job above, its worker may spend the first part of
  // a small budget collecting that job's garbage, and a run that starts with its budget spent
  // is (rightly) not simulated.
  const server = useServer({ diagnostics: { debounceMs: 0 }, model: { timeBudgetMs: 2000 } });

  it('does not publish PRED004 when every run finishes', async () => {
    const c = server();
    const uri = uriOf('budget-short.sipmig');
    // 420 s with a 1 s step: 420 steps per run, far inside 2000 ms.
    c.open(uri, edit(ACTIVE, 'step 100 ms', 'step 1 s'), 1);
    const res = await c.request<ResultsAnswer>('sipmig/results', { uri });
    expect(res.file?.runs.every((r) => !r.budgetExceeded), 'no run is cut').toBe(true);
    const p = await c.waitForDiagnostics(uri, (x) => x.version === 1 && codesOf(x.diagnostics).includes('PRED002'), 30_000, 'model diagnostics');
    expect(codesOf(p.diagnostics)).not.toContain('PRED004');
  });
});

describe('time budget in the CLI table and the HTML report', () => {
  const runs = syntheticSweep().runs;
  runs[8].budgetExceeded = true;

  it('the sipmig run table marks the cut run only', () => {
    const rows = formatRunTable({ file: 'f.sipmig', runs }).split('\n');
    expect(rows.filter((l) => l.includes('(stopped: time budget)')), 'exactly the 40 cps row').toEqual([rows.find((l) => l.startsWith('40 cps'))]);
  });

  it('the HTML report marks it, in the row of the cut run', async () => {
    const { html } = await buildReport({ file: 'f.sipmig', runs });
    const rows = html.split('<tr>').filter((r) => r.includes('stopped at time budget'));
    expect(rows, 'one row says so').toHaveLength(1);
    expect(rows[0]).toContain('<td>40 cps</td>');
  });
});
