// Quick fixes over the protocol: each applied to the text, and the result checked.
import { describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol';
import { uriOf } from './client';
import { ACTIVE, applyEdits, edit, useServer } from './fixture';
import { analyze } from '../../server/src/language';
import { simulate } from '../../server/src/model';

describe('code actions', () => {
  const server = useServer();
  const fixesFor = async (name: string, text: string, code: string) => {
    const c = server();
    const uri = uriOf(name);
    c.open(uri, text);
    const p = await c.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === code), 10_000, `a ${code} diagnostic`);
    const d = p.diagnostics.find((x) => x.code === code)!;
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range as Range, context: { diagnostics: [d as Diagnostic], only: ['quickfix'] } });
    return { uri, actions };
  };
  const apply = (text: string, uri: string, a: CodeAction) => applyEdits(text, a.edit!.changes![uri]);

  it('lengthens a scenario that ends before its migration resumes, so that the migration converges in it', async () => {
    const text = edit(edit(ACTIVE, 'duration 420 s', 'duration 200 s'), 'sweep 0 cps to 40 cps step 5 cps', 'load 40 cps');
    const c = server();
    const uri = uriOf('short.sipmig');
    c.open(uri, text);
    const p = await c.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'PRED007'), 30_000, 'PRED007 from the model');
    const d = p.diagnostics.find((x) => x.code === 'PRED007')!;
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range as Range, context: { diagnostics: [d as Diagnostic], only: ['quickfix'] } });
    const fix = actions.find((a) => a.title.startsWith('Lengthen the scenario to '));
    expect(fix, `got ${actions.map((a) => a.title)}`).toBeDefined();
    expect(fix!.isPreferred).toBe(true);
    const fixed = apply(text, uri, fix!);
    const seconds = Number(/duration (\d+) s/.exec(fixed)![1]);
    expect(fix!.title).toBe(`Lengthen the scenario to ${seconds} s`);
    expect(d.message, 'the message names the same duration').toContain(`at least ${seconds} s`);
    const m = simulate(analyze(fixed).runs[0]).migrations[0];
    expect(m.converged, `after the fix (duration ${seconds} s) the migration resumes within the scenario`).toBe(true);
    expect(seconds - m.endS!, 'with the minute after it').toBeGreaterThanOrEqual(60);
  });

  it('adds a missing unit', async () => {
    const text = edit(ACTIVE, 'speed_cap 32 MiB/s', 'speed_cap 32');
    const { uri, actions } = await fixesFor('a1.sipmig', text, 'UNIT001');
    const fix = actions.find((a) => a.title === "Add unit 'MiB/s'")!;
    expect(fix, `got ${actions.map((a) => a.title)}`).toBeDefined();
    expect(fix.kind).toBe('quickfix');
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics?.[0].code).toBe('UNIT001');
    expect(apply(text, uri, fix)).toBe(ACTIVE);
  });

  it('swaps a release threshold that is not below its start', async () => {
    const text = edit(ACTIVE, 'start_above 70 % for 20 s\n      stop_below 65 %', 'start_above 65 % for 20 s\n      stop_below 70 %');
    const { uri, actions } = await fixesFor('a2.sipmig', text, 'OLC001');
    const fix = actions.find((a) => a.title.startsWith('Swap'))!;
    expect(apply(text, uri, fix)).toBe(ACTIVE);
  });

  it('moves the standby to another host', async () => {
    const text = edit(ACTIVE, 'standby sipas2 on pm2', 'standby sipas2 on pm1');
    const { uri, actions } = await fixesFor('a3.sipmig', text, 'HA001');
    const fix = actions.find((a) => a.title === "Move the standby to 'pm2'")!;
    expect(fix, `got ${actions.map((a) => a.title)}`).toBeDefined();
    expect(apply(text, uri, fix)).toBe(ACTIVE);
  });

  it('creates an undeclared host with the hardware profile of its siblings', async () => {
    const text = edit(ACTIVE, 'migrate sipas1 from pm1 to pm3', 'migrate sipas1 from pm1 to pm4');
    const { uri, actions } = await fixesFor('a4.sipmig', text, 'NAME001');
    expect(actions.map((a) => a.title)).toEqual(["Change to 'pm1'", "Create host 'pm4'"]);
    const after = apply(text, uri, actions[1]);
    expect(after).toContain('host pm3 { hardware poweredge }\nhost pm4 { hardware poweredge }\n');
    expect(analyze(after).diagnostics.filter((d) => d.severity === 'error'), 'the created host resolves the error').toEqual([]);
  });
});
