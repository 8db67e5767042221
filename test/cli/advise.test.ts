// `sipmig advise`: a pipeline can refuse a plan predicted to drop calls (exit 3) and apply
// the advice (--apply), after which the plan passes.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIVE_SAMPLE, ROOT, backToBackFigures, backToBackText, edit, threeMigrationsText, overlappingText } from '../helpers';
import { bestForPlan } from '../../server/src/advisor/offered';
import type { Advice } from '../../server/src/advisor/types';
import { applyEdits } from '../../server/src/language/applyEdits';
import { tempDir } from '../tempDir';

const BIN = join(ROOT, 'server/bin/sipmig.js');
const sipmig = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('sipmig advise', () => {
  it('exits 3 on the paper active migration, and 0 once --apply has applied the best option', () => {
    const file = join(tempDir('advise'), 'plan.sipmig');
    copyFileSync(ACTIVE_SAMPLE, file);
    const first = sipmig('advise', file);
    expect(first.status, first.stdout + first.stderr).toBe(3);
    expect(first.stdout).toMatch(/safe envelope: up to [\d.]+ cps/);
    expect(first.stdout).toMatch(/1\. .+: 0 incomplete/);
    expect(first.stdout, 'the paper plan keeps up before its migration').not.toContain('behind before any migration');
    const applied = sipmig('advise', '--apply', file);
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Applied to .*: .+ Predicted now: no incomplete calls\./);
    expect(readFileSync(file, 'utf8')).not.toBe(readFileSync(ACTIVE_SAMPLE, 'utf8'));
    const again = sipmig('advise', file);
    expect(again.status, again.stdout).toBe(0);
  });

  it('says when the load is too much before any migration: no migration setting removes that backlog', () => {
    const file = join(tempDir('advise'), 'over.sipmig');
    writeFileSync(file, readFileSync(ACTIVE_SAMPLE, 'utf8').replace('sweep 0 cps to 40 cps step 5 cps', 'load 90 cps'));
    const r = sipmig('advise', file);
    expect(r.status, r.stdout + r.stderr).toBe(3);
    expect(r.stdout).toMatch(/\n {2}behind before any migration: at 120 s new calls already wait \d+(\.\d)? s\. No migration setting removes that backlog: lower the load or add capacity\.\n/);
  });

  it('says when migrations overlap, on both, and lists the later start of the second among its options', () => {
    const file = join(tempDir('advise'), 'overlapping.sipmig');
    writeFileSync(file, overlappingText());
    const r = sipmig('advise', file);
    expect(r.status, r.stdout + r.stderr).toBe(3);
    const [active, standby] = r.stdout.split(/\n(?=migrate )/);
    expect(active, r.stdout).toContain("\n  overlapped: the migration of 'sipas2' starts at 130 s, while this one is under way: both answer for the calls failed from then on; see its advice for a start after this one.\n");
    expect(standby, r.stdout).toMatch(/\n {2}overlaps another migration: the migration of 'sipas1' \(120-[\d.]+ s\) is still under way when this one starts at 130 s; without this migration the SIP-AS has worked off its backlog at [\d.]+ s\.\n/);
    expect(standby).toMatch(/\n {2}1\. Start the migration at \d+0 s, after the migration of 'sipas1' and the backlog it leaves, instead of during it/);
  });

  it('says when a migration starts in the backlog of an earlier one, and lists the later start among the options', () => {
    const file = join(tempDir('advise'), 'back-to-back.sipmig');
    writeFileSync(file, backToBackText());
    const r = sipmig('advise', file);
    expect(r.status, r.stdout + r.stderr).toBe(3);
    const standby = r.stdout.split(/\n(?=migrate )/)[1] ?? '';
    expect(standby, r.stdout).toMatch(/^migrate sipas2 \(standby\) from pm2 to pm1 at 270 s/);
    const { firstEndS, secondWaitS } = backToBackFigures();
    expect(standby).toContain(`\n  starts in a backlog: the migration of 'sipas1' ended at ${+firstEndS.toFixed(1)} s; at 270 s new calls still wait ${+secondWaitS.toFixed(1)} s; without this migration it is gone at `);
    expect(standby).toMatch(/; without this migration it is gone at [\d.]+ s\.\n/);
    expect(standby).toMatch(/\n {2}\d+\. (.+, and s|S)tart the migration at \d+0 s, once the SIP-AS has worked off the backlog of the migration of 'sipas1'/);
  });

  it('says when the scenario ends before the advised migration resumes: calls after its end are not counted', () => {
    const file = join(tempDir('advise'), 'short.sipmig');
    writeFileSync(file, readFileSync(ACTIVE_SAMPLE, 'utf8').replace('duration 420 s', 'duration 220 s'));
    const r = sipmig('advise', file);
    expect(r.stdout, r.stderr).toMatch(/, migration unfinished, \d+\.\d s more\n/);
    expect(r.stdout).toContain('the scenario ends before this migration resumes: calls that fail at its end or after it are not counted; lengthen the scenario (PRED007)');
  });

  it('lists only options that make each migration or the whole plan better (both VMs migrated: some options make the standby worse)', () => {
    const file = join(tempDir('advise'), 'both.sipmig');
    const both = edit(
      edit(edit(readFileSync(ACTIVE_SAMPLE, 'utf8'), 'host pm3 { hardware poweredge }', 'host pm3 { hardware poweredge }\nhost pm4 { hardware poweredge }'), 'migrate sipas1 from pm1 to pm3 at 120 s', 'migrate sipas1 from pm1 to pm3 at 120 s\n  migrate sipas2 from pm2 to pm4 at 130 s'),
      'sweep 0 cps to 40 cps step 5 cps',
      'load 40 cps',
    );
    writeFileSync(file, both);
    const r = sipmig('advise', file);
    expect(r.status, r.stdout + r.stderr).toBe(3);
    const blocks = r.stdout.split(/\n(?=migrate )/);
    expect(blocks.length, r.stdout).toBe(2);
    const head = /: (\d+) incomplete calls.*; whole plan (\d+), \d+ without this migration\n/;
    for (const b of blocks) {
      expect(b, 'each migration line gives its count and the whole plan').toMatch(head);
      const [, current, plan] = head.exec(b)!.map(Number);
      expect(b, 'what "whole plan" means is said once per migration').toContain('whole plan: the calls every migration of the run fails together (each counted once)');
      const listed = [...b.matchAll(/\n {2}\d+\. .+?: (\d+) incomplete \(whole plan (\d+)\),/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(listed.length, `options listed for:\n${b}`).toBeGreaterThan(0);
      for (const [own, whole] of listed) {
        expect(whole, `an option listed that makes the whole plan worse than planned (${plan}):\n${b}`).toBeLessThanOrEqual(plan);
        expect(own < current || whole < plan, `an option listed that makes neither this migration (${current}) nor the plan (${plan}) better:\n${b}`).toBe(true);
      }
    }
    // --json still has every option tried, better or not.
    const json = JSON.parse(sipmig('advise', '--json', file).stdout);
    expect(json.migrations[1].options.some((o: { prediction: { incompleteCalls: number } }) => o.prediction.incompleteCalls > json.migrations[1].current.incompleteCalls), 'the standby has options that make it worse').toBe(true);
  });

  it('--apply on a plan of several migrations writes the option the whole plan fails fewest calls with', () => {
    const file = join(tempDir('advise'), 'three.sipmig');
    writeFileSync(file, threeMigrationsText());
    const before: Advice = JSON.parse(sipmig('advise', '--json', file).stdout);
    const r = sipmig('advise', '--apply', file);
    expect(r.status, 'calls still fail after one option: exit 3').toBe(3);
    // What the CLI must write: the advisor's pick for the whole plan (advisor/offered.ts), from the same advice.
    const best = bestForPlan(before)!;
    expect(best, 'the advice has an option to apply').toBeDefined();
    const applied = new RegExp(`Applied to .* \\(advice on migrate ${best.migration.vm} at ${best.migration.startS} s\\): (.+)\\. Predicted now`).exec(r.stdout)?.[1];
    expect(applied, r.stdout).toBe(best.option.title);
    const text = readFileSync(file, 'utf8');
    expect(text, 'the file holds the option as written').toBe(applyEdits(threeMigrationsText(), best.option.edits));
    const copy = join(tempDir('advise'), 'three-json.sipmig');
    writeFileSync(copy, threeMigrationsText());
    const done = JSON.parse(sipmig('advise', '--json', '--apply', copy).stdout).applied;
    expect(done, '--json says which migration\'s option it applied').toMatchObject({ option: best.option.title, optionId: best.option.id, migration: best.migration.index, failsCallsAfter: true });
    const after = JSON.parse(sipmig('advise', '--json', file).stdout);
    const planned = before.migrations[0].current.planIncompleteCalls!;
    expect(after.migrations[0].current.planIncompleteCalls, 'the whole plan fails what the option predicted').toBe(best.option.prediction.planIncompleteCalls);
    expect(after.migrations[0].current.planIncompleteCalls, `fewer than the ${planned} planned`).toBeLessThan(planned);
  });

  it('says nothing of the whole plan where it fails no call (maintenance sample: two migrations, none fails a call)', () => {
    const r = sipmig('advise', join(ROOT, 'samples/modern/maintenance-window.sipmig'));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout.match(/^migrate /gm)?.length, r.stdout).toBe(2);
    expect(r.stdout, 'a whole plan of 0 says nothing the migrations\' own 0 do not').not.toContain('whole plan');
  });

  it('--json gives the advice as data', () => {
    const r = sipmig('advise', '--json', ACTIVE_SAMPLE);
    const json = JSON.parse(r.stdout);
    expect(json.migrations[0]).toMatchObject({ vm: 'sipas1', role: 'active', offeredCps: 40 });
    expect(json.migrations[0].options[0].edits.length).toBeGreaterThan(0);
  });
});
