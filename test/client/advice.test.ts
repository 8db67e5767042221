// The client side of sipmig/advice: the panel checks the answer's shape before the webview
// sees it, and builds the options table and the comparison input from it.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/language';
import { comparisonInput, isAdviceAnswer, optionTables } from '../../client/src/advice';
import type { AdviceAnswer } from '../../server/src/lsp/protocol';
import { syntheticRun } from '../charts/fixtures';
import { fakeAdvice } from '../lsp/adviceFixtures';
import { ACTIVE } from '../lsp/fixture';

const advice = fakeAdvice(analyze(ACTIVE));
const comparison = { runLabel: '40 cps', current: syntheticRun({ cps: 40 }), recommended: syntheticRun({ cps: 10 }), option: 'Switch over first', optionId: 'switch_roles', migration: 0, activeVm: { current: 'sipas1', recommended: 'sipas2' }, thresholdPct: 70 };
// The server's answer type is what the client reads (checked by the compiler).
const answer: AdviceAnswer = { uri: 'file:///a.sipmig', version: 3, advice, comparison };
const response: AdviceAnswer = answer;

describe('sipmig/advice on the client', () => {
  it('accepts the server\'s answers, with and without a comparison', () => {
    expect(isAdviceAnswer(response)).toBe(true);
    expect(isAdviceAnswer({ version: null, advice: { migrations: [], failsCalls: false }, message: 'The document is not open in the language server.' })).toBe(true);
  });

  it.each([
    ['a non-object', 'advice'],
    ['no advice', { version: 1 }],
    ['a version that is not a number', { version: '1', advice }],
    ['migrations that are not a list', { version: 1, advice: { migrations: {} } }],
    ['a comparison without runs', { version: 1, advice, comparison: { ...comparison, recommended: null } }],
    ['a comparison without active VMs', { version: 1, advice, comparison: { ...comparison, activeVm: undefined } }],
  ])('rejects %s', (_name, value) => {
    expect(isAdviceAnswer(value)).toBe(false);
  });

  it('builds the options table: the options the editor offers, in its order', () => {
    const [t] = optionTables(advice);
    expect(t.caption).toBe('migrate sipas1 (active) from pm1 to pm3 at 120 s, at 40 cps: 50 incomplete calls, migration 148 s');
    expect(t.envelope).toBe('Safe envelope: up to 20 cps of constant load (margin −20 cps)');
    const [behind] = optionTables({ ...advice, migrations: [{ ...advice.migrations[0], behind: { atS: 120, inviteWaitS: 17.04, timedOutCalls: 0, rejectedCalls: 0 } }] });
    expect(behind.envelope, 'a run behind before its migration says so under the envelope').toBe('Safe envelope: up to 20 cps of constant load (margin −20 cps). Behind before any migration: at 120 s new calls already wait 17 s. No migration setting removes that backlog: lower the load or add capacity');
    const [backlog] = optionTables({ ...advice, migrations: [{ ...advice.migrations[0], startsInBacklog: { afterVm: 'sipas2', afterEndS: 110.04, waitS: 5.24, drainedAtS: 123.46 } }] });
    expect(backlog.envelope, 'a migration that starts in an earlier one\'s backlog says so under the envelope').toBe("Safe envelope: up to 20 cps of constant load (margin −20 cps). Starts in a backlog: the migration of 'sipas2' ended at 110 s; at 120 s new calls still wait 5.2 s; without this migration it is gone at 123.5 s");
    const [overlapped] = optionTables({ ...advice, migrations: [{ ...advice.migrations[0], overlappedBy: { vm: 'sipas2', startS: 130 } }] });
    expect(overlapped.envelope, 'a migration another starts during says so, and where the fix is').toBe("Safe envelope: up to 20 cps of constant load (margin −20 cps). Overlapped: the migration of 'sipas2' starts at 130 s, while this one is under way: both answer for the calls failed from then on; see its advice for a start after this one");
    const [overlapping] = optionTables({ ...advice, migrations: [{ ...advice.migrations[0], overlaps: { withVm: 'sipas2', withStartS: 100, withEndS: 231.66, drainedAtS: null } }] });
    expect(overlapping.envelope, 'a migration that starts while another is under way says so under the envelope').toBe("Safe envelope: up to 20 cps of constant load (margin −20 cps). Overlaps another migration: the migration of 'sipas2' (100-231.7 s) is still under way when this one starts at 120 s; without this migration its backlog does not drain within the scenario");
    expect(t.rows.map((r) => [r.rank, r.incomplete, r.migrationTime, r.allRuns])).toEqual([['1', '0', '120 s', '0'], ['2', '1', '119 s', '1'], ['3', '5', '115 s', '5']]);
    expect(optionTables({ migrations: [{ ...advice.migrations[0], current: { ...advice.migrations[0].current, incompleteCalls: 0 } }], failsCalls: false }), 'no table for a migration that fails no calls').toEqual([]);
  });

  it('adds the whole plan to the caption and the rows when the run has other migrations', () => {
    expect(optionTables(advice)[0].wholePlan, 'one migration: no whole-plan column').toBe(false);
    const m = advice.migrations[0];
    const several = { ...advice, migrations: [{ ...m, current: { ...m.current, planIncompleteCalls: 90 }, planWithoutThis: 12, options: m.options.map((o, i) => ({ ...o, prediction: { ...o.prediction, planIncompleteCalls: 40 + i }, planTotalAllRuns: 41 + i })) }] };
    const [t] = optionTables(several);
    expect(t.wholePlan).toBe(true);
    expect(t.caption).toBe('migrate sipas1 (active) from pm1 to pm3 at 120 s, at 40 cps: 50 incomplete calls, migration 148 s; whole plan 90, 12 without this migration');
    expect(t.rows.map((r) => [r.incomplete, r.wholePlan, r.allRuns])).toEqual([['0', '40', '0 (whole plan 41)'], ['1', '41', '1 (whole plan 42)'], ['5', '42', '5 (whole plan 43)']]);
  });

  it('reads advice from a server older than the whole-plan figures (no such fields): the same table, no "undefined"', () => {
    const m = advice.migrations[0];
    const strip = <T extends object>(x: T, ...keys: string[]) => Object.fromEntries(Object.entries(x).filter(([k]) => !keys.includes(k))) as T;
    const old = { ...advice, migrations: [{ ...m, current: strip(m.current, 'planIncompleteCalls'), options: m.options.map((o) => strip({ ...o, prediction: strip(o.prediction, 'planIncompleteCalls') }, 'planTotalAllRuns')) }] };
    const [t] = optionTables(old);
    expect(JSON.stringify(t), 'no field reads "undefined"').not.toContain('undefined');
    expect(t.wholePlan).toBe(false);
    expect(t.rows.map((r) => [r.rank, r.incomplete, r.allRuns]), 'the options that help this migration are still offered').toEqual([['1', '0', '0'], ['2', '1', '1'], ['3', '5', '5']]);
  });

  it('gives each side of the comparison its own active VM', () => {
    const input = comparisonInput(response)!;
    expect(input.current.activeVm).toBe('sipas1');
    expect(input.recommended.activeVm).toBe('sipas2');
    expect(input.thresholdPct).toBe(70);
    expect(comparisonInput({ ...response, comparison: undefined })).toBeUndefined();
  });
});
