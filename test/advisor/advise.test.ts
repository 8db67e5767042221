// The migration advisor: every figure comes from model runs, and the best advice for the
// paper scenarios at 40 cps, applied to the text, is predicted to bring incomplete calls to 0.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyze } from '../../server/src/language';
import { applyEdits } from '../../server/src/language/applyEdits';
import { advise } from '../../server/src/advisor/advise';
import { convergence, simulate, startsInBacklogOf, withoutMigrations } from '../../server/src/model';
import { ACTIVE_SAMPLE, ROOT, STANDBY_SAMPLE, answeredFor, backToBackText, describeDiagnostics, edit, threeMigrationsText, overlappingText } from '../helpers';
import { bestForPlan, improving } from '../../server/src/advisor/offered';
import { join } from 'node:path';

function at40(text: string) {
  const run = analyze(text).runs.find((r) => r.offeredCps === 40);
  if (!run) throw new Error('no 40 cps run');
  return simulate(run, { series: true });
}

describe('advisor on the paper scenarios', () => {
  for (const [name, file] of [['active', ACTIVE_SAMPLE], ['standby', STANDBY_SAMPLE]] as const) {
    it(`${name} migration at 40 cps: the top option, applied to the text, predicts zero incomplete calls`, () => {
      const text = readFileSync(file, 'utf8');
      const before = at40(text);
      const advice = advise(analyze(text));
      const m = advice.migrations[0];
      expect(m.offeredCps, 'advice is given at the sweep point where calls fail most').toBe(40);
      expect(before.incompleteCalls.total, `the calibrated model predicts failing calls for the ${name} migration at 40 cps (the study saw some)`).toBeGreaterThan(0);
      expect(m.options.length, 'options offered when calls fail').toBeGreaterThan(0);
      const best = m.options[0];
      const after = applyEdits(text, best.edits);
      const a = analyze(after);
      const errors = a.diagnostics.filter((d) => d.severity !== 'info');
      expect(errors, `applying "${best.title}" leaves the scenario valid:\n${describeDiagnostics(errors, after)}`).toEqual([]);
      const r = at40(after);
      expect(r.incompleteCalls.total, `"${best.title}" should bring incomplete calls at 40 cps from ${before.incompleteCalls.total} to 0`).toBe(0);
      expect(best.totalIncompleteAllRuns, 'verified on every sweep point').toBe(0);
    });
  }

  it('the safe envelope is the edge between zero and some incomplete calls', () => {
    const a = analyze(readFileSync(ACTIVE_SAMPLE, 'utf8'));
    const m = advise(a, { verifyTop: 0, combinations: false }).migrations[0];
    const run = a.runs.find((r) => r.offeredCps === 40)!;
    // As the advisor counts: the migration's calls, less those the same load fails without it.
    const at = (cps: number) => {
      const scenario = { ...run.scenario, load: [{ atS: 0, cps }] };
      return answeredFor({ ...run, scenario }, 0).total;
    };
    expect(m.safeEnvelope.atLeast, 'calls fail at 40 cps, so the envelope has an edge below it').toBe(false);
    expect(at(m.safeEnvelope.maxSafeCps), `no incomplete calls at the envelope (${m.safeEnvelope.maxSafeCps} cps)`).toBe(0);
    expect(at(m.safeEnvelope.maxSafeCps + 1), `some incomplete calls just above the envelope`).toBeGreaterThan(0);
    expect(m.safeEnvelope.marginCps).toBeCloseTo(m.safeEnvelope.maxSafeCps - 40, 6);
  });

  it('options are ranked by predicted incomplete calls', () => {
    const m = advise(analyze(readFileSync(ACTIVE_SAMPLE, 'utf8')), { verifyTop: 0 }).migrations[0];
    const counts = m.options.map((o) => o.prediction.incompleteCalls);
    expect(counts, 'ascending').toEqual([...counts].sort((x, y) => x - y));
  });

  it('in a load profile it proposes starting when the load is low', () => {
    const text = readFileSync(ACTIVE_SAMPLE, 'utf8').replace('sweep 0 cps to 40 cps step 5 cps', 'profile {\n    at 0 s 40 cps\n    at 300 s 5 cps\n  }');
    const m = advise(analyze(text)).migrations[0];
    expect(m.current.incompleteCalls, 'migrating at 40 cps fails calls, so there is something to advise').toBeGreaterThan(0);
    expect(m.options.map((o) => o.id)).toContain('start=300s');
  });
});

describe('advisor when the load is too much without a migration', () => {
  it('says the SIP-AS is behind before the migration starts, with the wait, and nothing of the kind for the paper plan', () => {
    expect(advise(analyze(readFileSync(ACTIVE_SAMPLE, 'utf8')), { verifyTop: 0, combinations: false }).migrations[0].behind, 'the paper plan keeps up until 120 s').toBeNull();
    const a = analyze(readFileSync(ACTIVE_SAMPLE, 'utf8').replace('sweep 0 cps to 40 cps step 5 cps', 'load 90 cps'));
    const m = advise(a, { verifyTop: 0, combinations: false }).migrations[0];
    const start = simulate(a.runs[0]).atMigrationStart!;
    expect(m.behind, 'at 90 cps new calls already wait before the migration: the advice must say so').toEqual(start);
    expect(start.inviteWaitS).toBeGreaterThan(3.2);
  });
});

describe('advisor when a migration starts in the backlog of an earlier one', () => {
  it('says so and proposes the start once the backlog is gone, which the model predicts fails far fewer calls', () => {
    const text = backToBackText();
    const advice = advise(analyze(text));
    expect(advice.migrations[0].startsInBacklog, 'the first migration starts with nothing queued').toBeNull();
    const m = advice.migrations[1];
    expect(m.startsInBacklog, 'the standby starts 11 s after the active resumed, its backlog not drained').toMatchObject({ afterVm: 'sipas1', afterEndS: advice.migrations[0].current.migrationTimeS! + 120 });
    const b = m.startsInBacklog!;
    expect(b.waitS, 'new calls wait at least a tenth of Timer B when it starts').toBeGreaterThanOrEqual(3.2);
    expect(b.drainedAtS, 'the backlog drains after the planned start, within the scenario').toBeGreaterThan(270);
    const later = m.options.find((o) => o.kind === 'start_time');
    expect(later, `a later start among: ${m.options.map((o) => o.id).join(', ')}`).toBeDefined();
    const at = Math.ceil(b.drainedAtS! / 10) * 10;
    expect(later!.id).toBe(`start=${at}s`);
    expect(later!.prediction.incompleteCalls, `starting at ${at} s instead of 270 s should fail far fewer than ${m.current.incompleteCalls} calls`).toBeLessThan(m.current.incompleteCalls / 4);
    const after = applyEdits(text, later!.edits);
    expect(after, 'the edit moves the standby migration').toContain(`migrate sipas2 from pm2 to pm1 at ${at} s`);
    const moved = advise(analyze(after), { verifyTop: 0, combinations: false }).migrations[1];
    expect(moved.startsInBacklog, 'moved, it no longer starts in a backlog').toBeNull();
    expect(moved.current.incompleteCalls, 'the advice predicted what the moved plan gives').toBe(later!.prediction.incompleteCalls);
  });

  it('does not blame an earlier migration whose backlog had drained: there the load rose since', () => {
    // The active's migration ends at 258.7 s and its backlog drains; from 300 s the load is more
    // than the server carries once its calls' later messages come in, so new calls wait when the
    // standby starts at 600 s.
    const text = backToBackText().replace('load 40 cps', 'profile {\n    at 0 s 40 cps\n    at 300 s 95 cps\n  }').replace('pm1 at 270 s', 'pm1 at 600 s').replace('duration 600 s', 'duration 800 s');
    const a = analyze(text);
    const r = simulate(a.runs[0]);
    expect(r.migrations[1].startWaitS, 'new calls wait at 600 s (95 cps)').toBeGreaterThan(3.2);
    expect(startsInBacklogOf(r, 1), 'from the summary alone, the wait looks like the first migration\'s backlog').not.toBeNull();
    expect(startsInBacklogOf(simulate(a.runs[0], { series: true }), 1), 'the series show the queue empty between the two').toBeNull();
    expect(advise(a, { verifyTop: 0, combinations: false }).migrations[1].startsInBacklog, 'the queue emptied after the first migration: not its backlog').toBeNull();
  });
});

describe('advisor when nothing fails', () => {
  it('offers no options and reports the margin to the envelope', () => {
    const text = readFileSync(ACTIVE_SAMPLE, 'utf8').replace('sweep 0 cps to 40 cps step 5 cps', 'load 10 cps');
    const m = advise(analyze(text)).migrations[0];
    expect(m.current.incompleteCalls, 'no incomplete calls at 10 cps').toBe(0);
    expect(m.options).toEqual([]);
    expect(m.safeEnvelope.marginCps, 'a positive margin at 10 cps').toBeGreaterThan(0);
  });
});

describe('advisor when the scenario ends before the migration resumes', () => {
  it('offers no migration settings for it (it only needs more time), and still does for one that never converges', () => {
    const short = readFileSync(ACTIVE_SAMPLE, 'utf8').replace('sweep 0 cps to 40 cps step 5 cps', 'load 30 cps').replace('duration 420 s', 'duration 200 s');
    const m = advise(analyze(short), { verifyTop: 0, combinations: false }).migrations[0];
    expect(convergence(m.current), `a 200 s scenario ends in the migration: ${JSON.stringify(m.current.unfinished)}`).toBe('unfinished');
    expect(m.current.incompleteCalls).toBe(0);
    expect(m.options, 'nothing to fix with migration settings').toEqual([]);
    const stuck = advise(analyze(readFileSync(ACTIVE_SAMPLE, 'utf8').replace('sweep 0 cps to 40 cps step 5 cps', 'load 30 cps').replace('speed_cap 32 MiB/s', 'speed_cap 8 MiB/s')), { verifyTop: 0, combinations: false }).migrations[0];
    expect(convergence(stuck.current), '8 MiB/s at 30 cps').toBe('never');
    expect(stuck.options.some((o) => convergence(o.prediction) === 'converged'), 'an option that makes it converge').toBe(true);
  });
});

describe('advisor: what a migration costs, against the plan without migrations', () => {
  it('does not put on a migration the calls the plan\'s own rate policy refuses at all times (maintenance window)', () => {
    const text = readFileSync(join(ROOT, 'samples/modern/maintenance-window.sipmig'), 'utf8');
    const a = analyze(text);
    const total = simulate(a.runs[0]).incompleteCalls;
    const bare = simulate({ ...a.runs[0], scenario: { ...a.runs[0].scenario, migrations: [] } }).incompleteCalls;
    expect(total, 'the migrations add no incomplete call to the plan: its rate policy refuses the same calls without them').toEqual(bare);
    expect(total.total, 'the rate policy does refuse calls (503)').toBeGreaterThan(1000);
    const advice = advise(a, { verifyTop: 0, combinations: false });
    for (const m of advice.migrations) {
      expect(m.current.incompleteCalls, `${m.vm}: ${JSON.stringify(m.current.byCause)}`).toBe(0);
      expect(m.current.planIncompleteCalls, `${m.vm}: the whole plan fails nothing beyond what the policy refuses anyway (no rounding remainder)`).toBe(0);
    }
    expect(advice.failsCalls).toBe(false);
  });

  it('an option that adds a rate policy pays for the calls it refuses', () => {
    const a = analyze(readFileSync(ACTIVE_SAMPLE, 'utf8').replace('sweep 0 cps to 40 cps step 5 cps', 'load 40 cps'));
    const m = advise(a, { verifyTop: 0, combinations: false }).migrations[0];
    const rate = m.options.find((o) => o.kind === 'policy' && /rate-based/.test(o.title));
    expect(rate, `options: ${m.options.map((o) => o.kind).join(', ')}`).toBeDefined();
    expect(rate!.prediction.byCause['503'] ?? 0, `${rate!.title}: ${JSON.stringify(rate!.prediction.byCause)}`).toBeGreaterThan(0);
  });
});

describe('advisor when a migration starts while an earlier one is under way', () => {
  const text = overlappingText();

  it('says so on both, and proposes starting the later one after the earlier one and its backlog', () => {
    const r = simulate(analyze(text).runs[0]);
    const advice = advise(analyze(text));
    const [first, second] = advice.migrations;
    expect(first.overlaps, 'nothing is under way when the first starts').toBeNull();
    expect(first.overlappedBy, 'the standby starts while the active migrates').toMatchObject({ vm: 'sipas2', startS: 130 });
    expect(second.overlappedBy).toBeNull();
    expect(second.overlaps, 'the active is under way from 120 s to its end in this plan').toMatchObject({ withVm: 'sipas1', withStartS: 120, withEndS: r.migrations[0].endS });
    const drained = second.overlaps!.drainedAtS!;
    expect(drained, 'without the standby, the backlog drains after the active ends, within the scenario').toBeGreaterThan(r.migrations[0].endS!);
    const at = Math.ceil(drained / 10) * 10;
    const later = second.options.find((o) => o.id === `start=${at}s`);
    expect(later, `a start at ${at} s among: ${second.options.map((o) => o.id).join(', ')}`).toBeDefined();
    expect(later!.title).toContain("after the migration of 'sipas1' and the backlog it leaves, instead of during it");
    expect(later!.prediction.incompleteCalls, `after the active instead of during it: far fewer than ${second.current.incompleteCalls}`).toBeLessThan(second.current.incompleteCalls / 10);
    const moved = advise(analyze(applyEdits(text, later!.edits)), { verifyTop: 0, combinations: false }).migrations;
    expect(moved[1].overlaps, 'moved, the migrations no longer overlap').toBeNull();
    expect(moved[0].overlappedBy).toBeNull();
    expect(moved[1].current.incompleteCalls, 'the advice predicted what the moved plan gives').toBe(later!.prediction.incompleteCalls);
  });

  it('says nothing of the kind for migrations one after the other', () => {
    const advice = advise(analyze(backToBackText()), { verifyTop: 0, combinations: false });
    expect(advice.migrations.map((m) => [m.overlaps, m.overlappedBy])).toEqual([[null, null], [null, null]]);
  });
});

describe('advisor on a plan of several migrations: the whole plan counts', () => {
  it('offers no option whose edits make the scenario invalid (a start moved past another migration that puts both VMs on one host)', () => {
    // The third migration moves sipas1 to pm2, where sipas2 is until its own migration: sipas2 can no longer wait for it.
    const onPm2 = edit(edit(threeMigrationsText(), 'from pm3 to pm4 at 300 s', 'from pm3 to pm2 at 300 s'), 'host pm4 { hardware poweredge }\n', '');
    const ms = advise(analyze(onPm2)).migrations;
    expect(ms.flatMap((m) => m.options).length, 'the plan fails calls: there are options to check').toBeGreaterThan(0);
    for (const m of ms) {
      for (const o of m.options) {
        const errors = analyze(applyEdits(onPm2, o.edits)).diagnostics.filter((d) => d.severity === 'error');
        expect(errors.map((d) => `${d.code} ${d.message}`), `${m.vm} at ${m.startS} s: "${o.title}" leaves the scenario valid`).toEqual([]);
      }
    }
    expect(ms[1].overlappedBy?.drainedAtS, 'the standby could start after the third migration as far as timing goes').toBeGreaterThan(ms[1].startS);
    expect(ms[1].options.some((o) => o.title.includes('which now starts while this one is under way')), 'but that start would put sipas1 and sipas2 on pm2 (HA002): not offered').toBe(false);
  });

  const text = threeMigrationsText();
  const advice = advise(analyze(text));
  const run = analyze(text).runs[0];

  it('gives the calls the whole run loses to its migrations, each call once', () => {
    const r = simulate(run);
    const bare = simulate(withoutMigrations(run));
    const lost = r.incompleteCalls.total - bare.incompleteCalls.total;
    const sum = advice.migrations.reduce((n, m) => n + m.current.incompleteCalls, 0);
    for (const m of advice.migrations) {
      expect(m.current.planIncompleteCalls, `whole plan for the migration of ${m.vm} at ${m.startS} s: the run's ${r.incompleteCalls.total} failed calls less the ${bare.incompleteCalls.total} it fails without migrations`).toBe(lost);
    }
    expect(sum, 'the per-migration counts overlap where the migrations do, so their sum is more than the whole plan').toBeGreaterThan(lost + 100);
    for (const m of advice.migrations) {
      const others = simulate({ ...run, scenario: { ...run.scenario, migrations: run.scenario.migrations.filter((_, k) => k !== m.index) } });
      expect(m.planWithoutThis, `without the migration of ${m.vm} at ${m.startS} s the run fails ${others.incompleteCalls.total}, ${bare.incompleteCalls.total} of them without any migration`).toBe(others.incompleteCalls.total - bare.incompleteCalls.total);
    }
    const [, standby, back] = advice.migrations;
    expect(standby.planWithoutThis, 'the standby at 270 s is what the overlap hangs on: without it the plan keeps little more than the first migration\'s own calls').toBeLessThan(back.planWithoutThis!);
    const single = advise(analyze(readFileSync(ACTIVE_SAMPLE, 'utf8')), { verifyTop: 0, combinations: false });
    expect(single.migrations[0].current.planIncompleteCalls, 'a run with one migration has no separate whole-plan figure').toBeNull();
  });

  it('offers no option that saves calls at one migration by failing more at another', () => {
    for (const m of advice.migrations) {
      const planned = m.current.planIncompleteCalls!;
      const worse = improving(m).filter((o) => o.prediction.planIncompleteCalls! > planned);
      expect(worse.map((o) => `${o.title}: ${o.prediction.planIncompleteCalls}`), `migration of ${m.vm} at ${m.startS} s: every offered option keeps the whole plan at or below ${planned}`).toEqual([]);
    }
    const first = advice.migrations[0];
    const hidden = first.options.filter((o) => o.prediction.incompleteCalls < first.current.incompleteCalls && o.prediction.planIncompleteCalls! > first.current.planIncompleteCalls!);
    expect(hidden.length, 'some option helps the first migration but hurts the plan (the admission limit holds calls back during every migration), and is not offered').toBeGreaterThan(0);
  });

  it('ranks by the whole plan, and applies the option the whole plan fails fewest calls with', () => {
    for (const m of advice.migrations) {
      const plans = improving(m).map((o) => o.prediction.planIncompleteCalls!);
      const unverified = plans.slice(3);
      expect(unverified, `migration of ${m.vm} at ${m.startS} s: options past the verified three are in whole-plan order`).toEqual([...unverified].sort((x, y) => x - y));
    }
    const best = bestForPlan(advice)!;
    const [first, standby] = advice.migrations;
    expect(best.migration.index, `the loss hangs on the standby at 270 s (${standby.planWithoutThis} without it): moving it after the third migration helps the plan most: ${best.option.title}`).toBe(1);
    expect(best.option.id).toMatch(/^start=\d+s$/);
    expect(best.option.title).toContain("after the migration of 'sipas1' (which now starts while this one is under way) and the backlog it leaves");
    expect(standby.overlappedBy, 'the third migration starts while the standby\'s is under way').toMatchObject({ vm: 'sipas1', startS: 300 });
    expect(best.option.prediction.planIncompleteCalls, 'moved, the plan keeps only the first migration\'s own calls').toBe(first.current.incompleteCalls);
    const firstBest = improving(first)[0];
    expect(best.option.planTotalAllRuns!, `better for the plan than the first migration's best (${firstBest.title}: ${firstBest.planTotalAllRuns})`).toBeLessThan(firstBest.planTotalAllRuns!);
    const after = advise(analyze(applyEdits(text, best.option.edits)), { verifyTop: 0, combinations: false });
    expect(after.migrations[0].current.planIncompleteCalls, 'the applied plan fails what the option predicted').toBe(best.option.prediction.planIncompleteCalls);
  });
});
