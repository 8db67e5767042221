// Diagnostics over the protocol: the fast path (syntax, validation) on every change, the
// model's diagnostics after the debounce, both always for the current version.
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { codesOf, uriOf } from './client';
import { ACTIVE, edit, textOf, useServer } from './fixture';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const hasCode = (code: string) => (p: PublishDiagnosticsParams) => codesOf(p.diagnostics).includes(code);

describe('diagnostics', () => {
  const server = useServer();
  /** Opens `text` as `name` and waits for the model's diagnostic `code`: the publication and that diagnostic. */
  const modelDiagnostic = async (name: string, text: string, code: string, what: string) => {
    const c = server();
    const uri = uriOf(name);
    c.open(uri, text, 1);
    const p = await c.waitForDiagnostics(uri, hasCode(code), 30_000, what);
    return { p, d: p.diagnostics.find((x) => x.code === code)! };
  };

  it('publishes validation diagnostics for the opened version at once, tagged with its version', async () => {
    const c = server();
    const uri = uriOf('fast.sipmig');
    c.open(uri, ACTIVE, 7);
    const first = await c.waitForDiagnostics(uri, () => true);
    expect(first.version, 'diagnostics must carry the document version they belong to').toBe(7);
    expect(codesOf(first.diagnostics)).toEqual(expect.arrayContaining(['GST001', 'GST002']));
    expect(codesOf(first.diagnostics).filter((x) => x.startsWith('PRED')), 'model diagnostics come after the debounce, not with the first publish').toEqual([]);
  });

  it('adds the predicted figures on the migrate statement after the debounce', async () => {
    const c = server();
    const uri = uriOf('model.sipmig');
    c.open(uri, ACTIVE, 1);
    const p = await c.waitForDiagnostics(uri, hasCode('PRED002'), 30_000, 'PRED002 on the migrate statement');
    expect(p.version).toBe(1);
    const info = p.diagnostics.find((d) => d.code === 'PRED002')!;
    expect(info.severity).toBe(DiagnosticSeverity.Information);
    expect(textOf(ACTIVE, info.range)).toBe('migrate sipas1 from pm1 to pm3 at 120 s');
    expect(info.message, 'PRED002 should give the predicted migration time range over the sweep').toMatch(/^Predicted over 0–40 cps: migration time [\d.]+ s \(0 cps\) to [\d.]+ s \(\d+ cps\), downtime up to [\d.]+ ms/);
  });

  it('warns on the phase-1 threshold of the paper sample, as the study saw: calls fail while the CPU never stays above 70 % for 20 s', async () => {
    const c = server();
    const uri = uriOf('paper.sipmig');
    c.open(uri, ACTIVE, 1);
    const p = await c.waitForDiagnostics(uri, hasCode('PRED002'), 30_000, 'model diagnostics');
    const warn = p.diagnostics.find((d) => d.code === 'PRED001');
    expect(warn, `PRED001 expected on the phase-1 threshold; got ${JSON.stringify(p.diagnostics.map((d) => d.code + ': ' + d.message))}`).toBeDefined();
    expect(warn!.severity).toBe(DiagnosticSeverity.Warning);
    expect(textOf(ACTIVE, warn!.range), 'PRED001 sits on the start_above value of phase 1').toBe('70 %');
    expect(warn!.message).toMatch(/never triggers/);
    expect(warn!.message, 'the message names the peak CPU against the threshold').toMatch(/peaks at [\d–]+ % against this 70 % threshold/);
    expect(warn!.message, 'and the persistence the phase needs').toMatch(/phase 1 needs 20 s/);
    expect(warn!.message, 'and the cause').toMatch(/408 Request Timeout/);
    expect(warn!.message, 'and the sweep points').toMatch(/at (\d+ cps, )*40 cps/);
    expect(codesOf(p.diagnostics), 'the paper sample keeps up with its load until the migration').not.toContain('PRED006');
  });

  it('warns on the load when the SIP-AS is already behind before any migration (90 cps on the study hardware)', async () => {
    const text = edit(ACTIVE, 'sweep 0 cps to 40 cps step 5 cps', 'load 90 cps');
    const { d: warn } = await modelDiagnostic('behind.sipmig', text, 'PRED006', 'PRED006 on the load');
    expect(warn.severity).toBe(DiagnosticSeverity.Warning);
    expect(textOf(text, warn.range)).toBe('load 90 cps');
    expect(warn.message).toMatch(/^The SIP-AS does not keep up with its load before any migration: when 'sipas1' starts migrating at 120 s, new calls already wait [\d.]+ s \(Timer B is 32 s\), while the guest CPU of the active VM 'sipas1' averages \d+ % over the minute before\./);
    expect(warn.relatedInformation?.map((r) => textOf(text, r.location.range)), 'related: the migrate statement').toEqual(['migrate sipas1 from pm1 to pm3 at 120 s']);
  });

  it('never shows model diagnostics of older text: an edit that changes the runs drops them until the model has run again', async () => {
    const c = server();
    const uri = uriOf('drop.sipmig');
    c.open(uri, ACTIVE, 1);
    await c.waitForDiagnostics(uri, (p) => p.version === 1 && hasCode('PRED002')(p), 30_000);
    const text2 = edit(ACTIVE, 'migrate sipas1 from pm1 to pm3 at 120 s', 'migrate sipas1 from pm1 to pm3 at 150 s');
    c.change(uri, 2, text2);
    const fast = await c.waitForDiagnostics(uri, (p) => p.version === 2);
    expect(codesOf(fast.diagnostics).filter((x) => x.startsWith('PRED')), 'the first publish of version 2 has no model diagnostics (they were for 120 s)').toEqual([]);
    const slow = await c.waitForDiagnostics(uri, (p) => p.version === 2 && hasCode('PRED002')(p), 30_000);
    expect(textOf(text2, slow.diagnostics.find((d) => d.code === 'PRED002')!.range)).toBe('migrate sipas1 from pm1 to pm3 at 150 s');
  });

  it('reuses the model results when an edit does not change the runs (a comment): model diagnostics come with the fast path, at their new positions', async () => {
    const c = server();
    const uri = uriOf('comment.sipmig');
    c.open(uri, ACTIVE, 1);
    await c.waitForDiagnostics(uri, (p) => p.version === 1 && hasCode('PRED002')(p), 30_000);
    const text2 = '# a new first line\n' + ACTIVE;
    c.change(uri, 2, text2);
    const first2 = await c.waitForDiagnostics(uri, (p) => p.version === 2);
    const info = first2.diagnostics.find((d) => d.code === 'PRED002');
    expect(info, 'the first publish of version 2 already carries PRED002 from the cache').toBeDefined();
    expect(textOf(text2, info!.range)).toBe('migrate sipas1 from pm1 to pm3 at 120 s');
  });

  it('reports errors and no model diagnostics while the scenario has errors', async () => {
    const c = server();
    const uri = uriOf('error.sipmig');
    const broken = edit(ACTIVE, 'speed_cap 32 MiB/s', 'speed_cap 32');
    c.open(uri, broken, 1);
    const p = await c.waitForDiagnostics(uri, (x) => x.version === 1);
    const err = p.diagnostics.find((d) => d.code === 'UNIT001');
    expect(err?.severity).toBe(DiagnosticSeverity.Error);
    expect(textOf(broken, err!.range)).toBe('32');
    await new Promise((r) => setTimeout(r, 400));
    expect((c.published.get(uri) ?? []).flatMap((x) => codesOf(x.diagnostics)).filter((x) => x.startsWith('PRED'))).toEqual([]);
  });

  it('reports an error on a migrate statement that cannot converge', async () => {
    // 1 MiB/s cannot keep up with the dirtying of a loaded SIP-AS.
    const text = edit(ACTIVE, 'speed_cap 32 MiB/s', 'speed_cap 1 MiB/s');
    const { d: err } = await modelDiagnostic('stuck.sipmig', text, 'PRED003', 'PRED003 for a 1 MiB/s speed cap');
    expect(err.severity).toBe(DiagnosticSeverity.Error);
    expect(textOf(text, err.range)).toBe('migrate sipas1 from pm1 to pm3 at 120 s');
    expect(err.message).toMatch(/never converges at .* at 1 MiB\/s when/);
  });

  it('warns, without calling it non-converging, when the scenario ends before the migration resumes', async () => {
    // The paper migration takes 139 s at 40 cps: a 200 s scenario ends in its second pre-copy round.
    const text = edit(edit(ACTIVE, 'duration 420 s', 'duration 200 s'), 'sweep 0 cps to 40 cps step 5 cps', 'load 40 cps');
    const { p, d: w } = await modelDiagnostic('short.sipmig', text, 'PRED007', 'PRED007 for a 200 s scenario');
    expect(w.severity).toBe(DiagnosticSeverity.Warning);
    expect(textOf(text, w.range)).toBe('migrate sipas1 from pm1 to pm3 at 120 s');
    expect(w.message).toMatch(/still migrating at 40 cps when the scenario ends \(at 200 s, [\d.]+ MB left\): .* resume on pm3 [\d.]+ s later, so it only needs more time\. .* at least \d+ s \(duration\)\.$/);
    expect(codesOf(p.diagnostics), 'an unfinished migration is not a non-converging one').not.toContain('PRED003');
  });

  it('does not blame a migration for the calls the plan\'s rate policy refuses anyway (maintenance window)', async () => {
    const c = server();
    const uri = uriOf('window.sipmig');
    const text = readFileSync(join(ROOT, 'samples/modern/maintenance-window.sipmig'), 'utf8');
    c.open(uri, text, 1);
    const p = await c.waitForDiagnostics(uri, (x) => x.diagnostics.filter((d) => d.code === 'PRED002').length === 2, 30_000, 'PRED002 on both migrate statements');
    // The rate policy refuses about 1 500 calls with or without the migrations (sipmig run's total says so).
    for (const d of p.diagnostics.filter((x) => x.code === 'PRED002')) expect(d.message, `${textOf(text, d.range)}: ${d.message}`).not.toMatch(/incomplete calls/);
  });

  it('clears the diagnostics of a closed document', async () => {
    const c = server();
    const uri = uriOf('closed.sipmig');
    c.open(uri, edit(ACTIVE, 'speed_cap 32 MiB/s', 'speed_cap 32'), 1);
    await c.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await c.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined, 5000, 'an empty publish after close');
  });
});
