// The advisor's editor features as pure functions (server/src/lsp/features/advice*.ts):
// which migrations need advice, the code actions and their titles, the hover section,
// and advice carried over to a text whose runs did not change. No model runs.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/language';
import { applyEdits } from '../../server/src/language/applyEdits';
import { actionTitle, advisorActions, advisorSiteIn, failingMigrations, topOptions, type AdviceView } from '../../server/src/lsp/features/advice';
import { adviceSection } from '../../server/src/lsp/features/adviceHover';
import { rebaseAdvice } from '../../server/src/lsp/features/adviceRebase';
import { ACTIVE, edit } from './fixture';
import { advise } from '../../server/src/advisor/advise';
import { threeMigrationsText, overlappingText } from '../helpers';
import { fakeAdvice, fakeOutcome } from './adviceFixtures';

const a = analyze(ACTIVE);
const advice = fakeAdvice(a);
const m = advice.migrations[0];
const ready: AdviceView = { kind: 'ready', advice, elapsedMs: 812 };
const at = (needle: string) => {
  const i = ACTIVE.indexOf(needle);
  return { start: i + 1, end: i + 1 };
};

describe('which migrations need advice', () => {
  it('those the model predicts to fail calls in their window', () => {
    expect(failingMigrations(fakeOutcome(a))).toEqual([0]);
    expect(failingMigrations(fakeOutcome(a, false))).toEqual([]);
  });
});

describe('advisor code actions', () => {
  it('titles say what the option does and what it changes', () => {
    expect(actionTitle(m, m.options[1], false)).toBe("Advisor: Switch over first, so that 'sipas1' is migrated as the standby (1 incomplete call, was 50)");
    expect(actionTitle(m, m.options[0], true)).toMatch(/^Advisor \(migrate sipas1\): Switch over first, .*, and allow up to \d+ ms of downtime \(0 incomplete calls, was 50\)$/);
    const several = { ...m, current: { ...m.current, planIncompleteCalls: 90 } };
    const withPlan = { ...m.options[1], prediction: { ...m.options[1].prediction, planIncompleteCalls: 41 } };
    expect(actionTitle(several, withPlan, true), 'a run with other migrations: the whole plan too').toBe("Advisor (migrate sipas1): Switch over first, so that 'sipas1' is migrated as the standby (1 incomplete call, was 50; whole plan 41, was 90)");
    const stuck = { ...m, current: { ...m.current, converged: false } };
    expect(actionTitle(stuck, m.options[2], false)).toMatch(/\(converges, 5 incomplete calls\)$/);
  });

  it('offers the top options that improve the plan on the migrate statement, the best preferred', () => {
    expect(topOptions(m).map((o) => o.prediction.incompleteCalls), 'an option with as many incomplete calls as now is no advice').toEqual([0, 1, 5]);
    const actions = advisorActions(a, advice, fakeOutcome(a), at('migrate sipas1'));
    expect(actions.map((x) => [x.kind, x.preferred])).toEqual([['migrate', true], ['migrate', false], ['migrate', false]]);
    expect(actions[0].edits).toBe(m.options[0].edits);
  });

  it('offers them on the phase-1 threshold only while calls fail with the CPU-based control silent', () => {
    expect(advisorActions(a, advice, fakeOutcome(a), at('start_above 70 %')).map((x) => x.kind)).toEqual(['threshold', 'threshold', 'threshold']);
    const triggered = fakeOutcome(a);
    triggered.results.forEach((r) => (r.overload.maxPhase = 1));
    expect(advisorActions(a, advice, triggered, at('start_above 70 %')), 'the control did trigger: the threshold is not what failed').toEqual([]);
    expect(advisorActions(a, advice, fakeOutcome(a), at('speed_cap')), 'elsewhere').toEqual([]);
  });

  it('on the threshold, with every failing migration\'s options in one menu, prefers only the one for the whole plan', () => {
    // A second failing migration whose top option leaves the plan better than the first one's does.
    const plan = (o: (typeof m.options)[number], n: number) => ({ ...o, prediction: { ...o.prediction, planIncompleteCalls: n }, planTotalAllRuns: n });
    const first = { ...m, current: { ...m.current, planIncompleteCalls: 90 }, options: m.options.map((o, i) => plan(o, 60 + i)) };
    const second = { ...first, index: 1, startS: 300, span: { start: -10, end: -5 }, options: m.options.map((o, i) => plan(o, 20 + i)) };
    const two = { ...advice, migrations: [first, second] };
    const actions = advisorActions(a, two, fakeOutcome(a), at('start_above 70 %'));
    expect(actions.length, 'three options of each failing migration').toBe(6);
    expect(actions.map((x) => x.preferred), 'one preferred: the second migration\'s top option (whole plan 20 over all runs)').toEqual([false, false, false, true, false, false]);
  });

  it('knows where it has actions, so other ranges never wait for the advisor', () => {
    expect(advisorSiteIn(a, at('migrate sipas1'))).toBe(true);
    expect(advisorSiteIn(a, at('start_above 70 %'))).toBe(true);
    expect(advisorSiteIn(a, at('speed_cap'))).toBe(false);
  });
});

describe('advisor hover section', () => {
  const start = m.span.start;

  it('shows the envelope with its margin and the top options with their figures', () => {
    const md = adviceSection(ready, start);
    expect(md).toContain('**Advisor** at 40 cps, the sweep point where this migration fails the most calls: 50 incomplete calls (50 × 408 Request Timeout), migration 148 s.');
    expect(md).toContain('**Safe envelope:** up to 20 cps of constant offered load with no incomplete calls (margin −20 cps at 40 cps: the plan is over the edge).');
    expect(md).toContain('| option | incomplete calls | migration time | all runs | cost |');
    expect(md).toMatch(/\| 1\. Switch over first, .* \(preferred\) \| 0 \| 120 s \| 0 \| .+ \|/);
    expect(md).toContain('| 2. Switch over first, so that \'sipas1\' is migrated as the standby | 1 | 119 s | 1 |');
    expect(md).toContain('59 model runs, 0.8 s');
  });

  it('adds the whole plan to the head and a column when the run has other migrations, and not otherwise', () => {
    expect(adviceSection(ready, start), 'one migration: its count is the plan\'s').not.toContain('whole plan');
    const withPlan = (o: (typeof m.options)[number], plan: number) => ({ ...o, prediction: { ...o.prediction, planIncompleteCalls: plan }, planTotalAllRuns: plan + 1 });
    const several = { ...advice, migrations: [{ ...m, current: { ...m.current, planIncompleteCalls: 90 }, planWithoutThis: 12, options: m.options.map((o, i) => withPlan(o, 40 + i)) }] };
    const md = adviceSection({ kind: 'ready', advice: several, elapsedMs: 1 }, start);
    expect(md).toContain('50 incomplete calls (50 × 408 Request Timeout), migration 148 s; whole plan 90, 12 without this migration.');
    expect(md).toContain('| option | incomplete calls | whole plan | migration time | all runs | cost |');
    expect(md).toContain("| 2. Switch over first, so that 'sipas1' is migrated as the standby | 1 | 41 | 119 s | 1 (whole plan 42) |");
    expect(md).toContain('"whole plan": the calls every migration of the run fails together (each counted once), beyond the same run without migrations (as planned: 90).');
  });

  it('says when the SIP-AS is behind before the migration, which no option changes', () => {
    expect(adviceSection(ready, start), 'not behind: nothing said').not.toContain('Behind');
    const behind = { ...advice, migrations: [{ ...m, behind: { atS: 120, inviteWaitS: 17, timedOutCalls: 3, rejectedCalls: 0 } }] };
    expect(adviceSection({ kind: 'ready', advice: behind, elapsedMs: 1 }, start)).toContain(
      'migration 148 s.\n\n**Behind before any migration:** at 120 s new calls already wait 17 s and 3 calls have timed out. No migration setting removes that backlog: lower the load or add capacity.',
    );
  });

  it('says when the migration starts in the backlog of an earlier one, names escaped', () => {
    expect(adviceSection(ready, start), 'no backlog: nothing said').not.toContain('backlog');
    const inBacklog = (drainedAtS: number | null) => ({ kind: 'ready' as const, advice: { ...advice, migrations: [{ ...m, startsInBacklog: { afterVm: 'vm_*a*', afterEndS: 110.04, waitS: 5.24, drainedAtS } }] }, elapsedMs: 1 });
    expect(adviceSection(inBacklog(123.5), start)).toContain("migration 148 s.\n\n**Starts in a backlog:** the migration of 'vm\\_\\*a\\*' ended at 110 s; at 120 s new calls still wait 5.2 s; without this migration it is gone at 123.5 s.");
    expect(adviceSection(inBacklog(null), start)).toContain('new calls still wait 5.2 s; it does not drain within the scenario.');
  });

  it('says when the migration overlaps another one, either way, names escaped', () => {
    expect(adviceSection(ready, start), 'no overlap: nothing said').not.toMatch(/Overlap/);
    const both = { kind: 'ready' as const, advice: { ...advice, migrations: [{ ...m, overlaps: { withVm: 'vm_*a*', withStartS: 100, withEndS: 231.66, drainedAtS: 273.46 }, overlappedBy: { vm: 'vm_*b*', startS: 150 } }] }, elapsedMs: 1 };
    const text = adviceSection(both, start);
    expect(text).toContain("\n\n**Overlaps another migration:** the migration of 'vm\\_\\*a\\*' (100-231.7 s) is still under way when this one starts at 120 s; without this migration the SIP-AS has worked off its backlog at 273.5 s.");
    expect(text).toContain("\n\n**Overlapped:** the migration of 'vm\\_\\*b\\*' starts at 150 s, while this one is under way: both answer for the calls failed from then on; see its advice for a start after this one.");
  });

  it('says when the advisor is computing, failed or has nothing to say', () => {
    expect(adviceSection({ kind: 'computing' }, start)).toMatch(/computing options for this migration…/);
    expect(adviceSection({ kind: 'failed', message: 'the advisor did not finish within 30 s' }, start)).toBe('**Advisor:** no advice: the advisor did not finish within 30 s');
    expect(adviceSection({ kind: 'none' }, start)).toBe('');
    expect(adviceSection(ready, start + 1), 'another statement').toBe('');
    const fine = { ...advice, migrations: [{ ...m, current: { ...m.current, incompleteCalls: 0 }, options: [], safeEnvelope: { maxSafeCps: 80, atLeast: true, marginCps: 40 } }] };
    expect(adviceSection({ kind: 'ready', advice: fine, elapsedMs: 1 }, start)).toContain('at least 80 cps of constant offered load with no incomplete calls (margin +40 cps at 40 cps)');
  });

  it('escapes names from the scenario: no markup, HTML or links get through', () => {
    const evil = "<img src=x onerror=alert(1)>[x](command:evil)";
    const bad = { ...advice, migrations: [{ ...m, runLabel: evil, options: m.options.map((o) => ({ ...o, title: `Switch over first, so that '${evil}' moves`, cost: evil })) }] };
    const md = adviceSection({ kind: 'ready', advice: bad, elapsedMs: 1 }, start);
    expect(md).not.toContain('<img');
    expect(md).not.toContain('](command:');
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;\\[x\\]\\(command:evil\\)');
  });
});

describe('advice carried over to an edit that leaves the runs alone', () => {
  it('makes the edits again for the new text and moves the spans', () => {
    const text = edit(ACTIVE, 'migration {', '# approved in CAB 42\nmigration {');
    const b = analyze(text);
    expect(b.runs).toEqual(a.runs);
    const moved = rebaseAdvice(advice, b).migrations[0];
    expect(text.slice(moved.span.start, moved.span.end)).toBe('migrate sipas1 from pm1 to pm3 at 120 s');
    expect(moved.options.map((o) => o.id)).toEqual(m.options.map((o) => o.id));
    for (const [i, o] of moved.options.entries()) {
      expect(applyEdits(text, o.edits), o.id).toBe(edit(applyEdits(ACTIVE, m.options[i].edits), 'migration {', '# approved in CAB 42\nmigration {'));
    }
  });

  it('keeps the later start proposed after an overlapping migration (made again from the advice)', () => {
    const text = overlappingText();
    const real = advise(analyze(text), { verifyTop: 0, combinations: false });
    const later = real.migrations[1].options.find((o) => o.id.startsWith('start='))!;
    expect(later, `the advisor proposes a later start for the overlapping migration; options: ${real.migrations[1].options.map((o) => o.id).join(', ')}`).toBeDefined();
    const commented = edit(text, 'migration {', '# approved in CAB 42\nmigration {');
    const kept = rebaseAdvice(real, analyze(commented)).migrations[1].options.find((o) => o.id === later.id);
    expect(kept, 'still offered after a comment was added').toBeDefined();
    expect(applyEdits(commented, kept!.edits)).toContain(`migrate sipas2 from pm2 to pm1 at ${later.edits[0].newText}`);
  });

  it('keeps the start proposed after a later migration that starts during this one (made again from the advice)', () => {
    const text = threeMigrationsText();
    const real = advise(analyze(text), { verifyTop: 0, combinations: false });
    const after = real.migrations[1].options.find((o) => o.title.includes('which now starts while this one is under way'));
    expect(after, `the standby is offered a start after the third migration; options: ${real.migrations[1].options.map((o) => o.id).join(', ')}`).toBeDefined();
    const commented = edit(text, 'migration {', '# approved in CAB 42\nmigration {');
    const kept = rebaseAdvice(real, analyze(commented)).migrations[1].options.find((o) => o.id === after!.id);
    expect(kept, 'still offered after a comment was added').toBeDefined();
    expect(applyEdits(commented, kept!.edits)).toContain(`migrate sipas2 from pm2 to pm1 at ${after!.edits[0].newText}`);
  });

  it('drops an option whose edits cannot be made again', () => {
    const odd = { ...advice, migrations: [{ ...m, options: [{ ...m.options[1], id: 'no-such-option' }, m.options[2]] }] };
    expect(rebaseAdvice(odd, a).migrations[0].options.map((o) => o.id)).toEqual([m.options[2].id]);
  });
});
