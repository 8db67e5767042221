// The advisor in the editor, over the protocol against the built server: `sipmig/advice`,
// the hover on a migrate statement and the code actions that apply an option. The figures
// come from the model (still being calibrated): each test that needs the model to predict
// failing calls asserts that first, computed here with the model library, so a failure
// says whether the model or the editor integration is at fault.
import { describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { positionOf, uriOf } from './client';
import { ACTIVE, applyEdits, edit, textOf, useServer } from './fixture';
import { analyze } from '../../server/src/language';
import { simulate } from '../../server/src/model';
import { migrationCost } from '../../server/src/model/attribution';
import type { AdviceAnswer } from '../../server/src/lsp/protocol';
import { RESULTS_MAX_POINTS } from '../../server/src/lsp/protocol';

/** The 40 cps run of a scenario text, simulated with the model library (as the server does). */
function at40(text: string) {
  const a = analyze(text);
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`the text has errors: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  const run = a.runs.find((r) => r.offeredCps === 40);
  if (!run) throw new Error('no 40 cps run in the text');
  return simulate(run, { series: true });
}

const failingAt40 = migrationCost(at40(ACTIVE), 0).total;
const PREMISE = `the model predicts ${failingAt40} incomplete calls for the paper's active migration at 40 cps; the advisor's editor tests need it to predict failing calls (the calibrated model predicts ~50)`;

const hoverText = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';

describe('the advisor in the editor', () => {
  const server = useServer();
  const uri = uriOf('advisor.sipmig');
  const actionsAt = (u: string, text: string, needle: string, diagnostics: Diagnostic[] = []) => {
    const p = positionOf(text, needle, 1);
    return server().request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: { start: p, end: p }, context: { diagnostics } });
  };
  const advisorOnly = (as: CodeAction[]) => as.filter((a) => a.title.startsWith('Advisor'));

  it('sipmig/advice answers the advice for the version, and the advised run as planned and with the best option applied', async () => {
    expect(failingAt40, PREMISE).toBeGreaterThan(0);
    const c = server();
    c.open(uri, ACTIVE, 4);
    const r = await c.request<AdviceAnswer>('sipmig/advice', { uri });
    expect(r.message, 'no message when there is advice').toBeUndefined();
    expect(r.version).toBe(4);
    const m = r.advice.migrations[0];
    expect(r.advice.failsCalls).toBe(true);
    expect(ACTIVE.slice(m.span.start, m.span.end), 'spans are offsets into the text of that version').toBe('migrate sipas1 from pm1 to pm3 at 120 s');
    expect(m.runLabel).toBe('40 cps');
    expect(m.options.length, 'options when calls fail').toBeGreaterThan(0);
    const cmp = r.comparison!;
    expect(cmp, 'a comparison when an option improves the plan').toBeDefined();
    expect(cmp.runLabel).toBe('40 cps');
    expect(cmp.option).toBe(m.options.find((o) => o.prediction.incompleteCalls < m.current.incompleteCalls)!.title);
    expect(cmp.thresholdPct).toBe(70);
    expect(cmp.activeVm.current).toBe('sipas1');
    for (const [side, run] of [['current', cmp.current], ['recommended', cmp.recommended]] as const) {
      const vm = cmp.activeVm[side];
      expect(run.label).toBe('40 cps');
      expect(Array.isArray(run.series?.tS), `${side}: per-step series as plain arrays`).toBe(true);
      expect(run.series?.[`vmCpu.${vm}`]?.length, `${side}: guest CPU of its active VM ${vm}`).toBe(run.series!.tS.length);
      expect(run.series!.tS.length, `${side}: series bounded like sipmig/results`).toBeLessThanOrEqual(RESULTS_MAX_POINTS);
      expect(run.decimated, `${side}: says it was decimated from the 4200 steps`).toMatchObject({ steps: 4200, points: run.series!.tS.length });
    }
    expect(migrationCost(cmp.recommended, 0).total, 'the recommended plan fails fewer calls in the migration window').toBeLessThan(migrationCost(cmp.current, 0).total);
  });

  it('hovers the top options with their figures and the safe envelope on a migrate statement', async () => {
    expect(failingAt40, PREMISE).toBeGreaterThan(0);
    const h = await server().request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(ACTIVE, 'migrate sipas1', 2) });
    const md = hoverText(h);
    expect(md, 'the per-point table is still there').toContain('**Predicted for this migration** (sipas1, active VM)');
    expect(md).toMatch(/\*\*Advisor\*\* at 40 cps, the sweep point where this migration fails the most calls: \d+ incomplete calls/);
    expect(md).toMatch(/\*\*Safe envelope:\*\* (up to|at least) [\d.]+ cps of constant offered load with no incomplete calls \(margin [+−][\d.]+ cps at 40 cps/);
    expect(md).toContain('| option | incomplete calls | migration time | all runs | cost |');
    expect(md).toMatch(/\| 1\. .+ \(preferred\) \| \d+ \| ([\d.]+ s|does not converge) \| \d+ \| .+ \|/);
    expect(md, 'names are escaped as in every hover').toContain("'sipas1'");
  });

  it('offers each top option as a code action on the migrate statement; each edit leaves the scenario valid, the preferred one fixes 40 cps', async () => {
    expect(failingAt40, PREMISE).toBeGreaterThan(0);
    const actions = advisorOnly(await actionsAt(uri, ACTIVE, 'migrate sipas1'));
    expect(actions.length, `advisor actions; got ${JSON.stringify(actions.map((a) => a.title))}`).toBeGreaterThan(0);
    expect(actions.length).toBeLessThanOrEqual(3);
    expect(actions.map((a) => a.isPreferred), 'the best option is the preferred one').toEqual(actions.map((_, i) => i === 0));
    for (const a of actions) {
      expect(a.kind).toBe('quickfix');
      expect(a.title).toMatch(new RegExp(`^Advisor: .+ \\((\\d+ incomplete calls?, was ${failingAt40}|converges, .+)\\)$`));
      const after = applyEdits(ACTIVE, a.edit!.changes![uri]);
      const errors = analyze(after).diagnostics.filter((d) => d.severity === 'error');
      expect(errors, `"${a.title}" leaves no errors`).toEqual([]);
    }
    const best = actions[0];
    const after = at40(applyEdits(ACTIVE, best.edit!.changes![uri]));
    expect(after.incompleteCalls.total, `"${best.title}" applied: the model's 40 cps run should have no incomplete calls (had ${failingAt40})`).toBe(0);
  });

  it('offers the options on the phase-1 threshold exactly when calls fail while the CPU-based control stays silent (PRED001)', async () => {
    expect(failingAt40, PREMISE).toBeGreaterThan(0);
    const c = server();
    const published = await c.waitForDiagnostics(uri, (p) => p.version === 4 && p.diagnostics.some((d) => d.code === 'PRED002'), 30_000, 'model diagnostics');
    const pred001 = published.diagnostics.filter((d) => d.code === 'PRED001');
    const actions = advisorOnly(await actionsAt(uri, ACTIVE, 'start_above 70 %', pred001));
    if (!pred001.length) {
      expect(actions, 'no PRED001: the advice does not concern the threshold').toEqual([]);
      return;
    }
    expect(actions.length).toBeGreaterThan(0);
    expect(actions[0].isPreferred).toBe(true);
    expect(actions[0].diagnostics?.map((d) => d.code), 'tied to the warning it answers').toEqual(['PRED001']);
  });

  it('an edit that leaves the runs alone gets the advice at once, with edits for the new text', async () => {
    expect(failingAt40, PREMISE).toBeGreaterThan(0);
    const c = server();
    const before = advisorOnly(await actionsAt(uri, ACTIVE, 'migrate sipas1'));
    const text = `# reviewed by the NOC\n${ACTIVE}`;
    c.change(uri, 5, text);
    const t0 = performance.now();
    const after = advisorOnly(await actionsAt(uri, text, 'migrate sipas1'));
    expect(performance.now() - t0, 'served from the cache, no advice job').toBeLessThan(1000);
    expect(after.map((a) => a.title)).toEqual(before.map((a) => a.title));
    expect(applyEdits(text, after[0].edit!.changes![uri])).toBe(`# reviewed by the NOC\n${applyEdits(ACTIVE, before[0].edit!.changes![uri])}`);
    const r = await c.request<AdviceAnswer>('sipmig/advice', { uri });
    expect(r.version).toBe(5);
    expect(textOf(text, { start: positionAt(text, r.advice.migrations[0].span.start), end: positionAt(text, r.advice.migrations[0].span.end) })).toBe('migrate sipas1 from pm1 to pm3 at 120 s');
  });

  it('does not run the advisor when the model predicts no failing calls', async () => {
    const calm = edit(ACTIVE, 'sweep 0 cps to 40 cps step 5 cps', 'sweep 0 cps to 5 cps step 5 cps');
    const a = analyze(calm);
    const failing = a.runs.map((r) => migrationCost(simulate(r, { series: true }), 0).total);
    expect(failing, 'premise: the model predicts no incomplete calls at 0 and 5 cps').toEqual([0, 0]);
    const c = server();
    const u = uriOf('advisor-calm.sipmig');
    c.open(u, calm);
    const r = await c.request<AdviceAnswer>('sipmig/advice', { uri: u });
    expect(r.advice.migrations).toEqual([]);
    expect(r.message).toBe('The model predicts no incomplete calls: nothing to advise.');
    const md = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: positionOf(calm, 'migrate sipas1', 2) }));
    expect(md).toContain('**Predicted for this migration**');
    expect(md).not.toContain('Advisor');
    expect(advisorOnly(await actionsAt(u, calm, 'migrate sipas1'))).toEqual([]);
  });

  it('answers sipmig/advice for a document that is not open, and for one with errors', async () => {
    const c = server();
    const none = await c.request<AdviceAnswer>('sipmig/advice', { uri: uriOf('never-opened.sipmig') });
    expect(none.version).toBeNull();
    expect(none.advice.migrations).toEqual([]);
    const u = uriOf('advisor-broken.sipmig');
    c.open(u, edit(ACTIVE, 'speed_cap 32 MiB/s', 'speed_cap 32'));
    const bad = await c.request<AdviceAnswer>('sipmig/advice', { uri: u });
    expect(bad.version).toBe(1);
    expect(bad.message).toBe('The scenario has errors; fix them to get advice.');
  });
});

function positionAt(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
