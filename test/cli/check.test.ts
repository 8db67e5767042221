// `sipmig check`: output format, exit codes, and clear messages for files that are not
// scenarios. Runs the built CLI as a user would (node server/bin/sipmig.js).
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIVE_SAMPLE, ROOT, activeText, answeredFor, backToBackFigures, backToBackText, edit, overlappingText } from '../helpers';
import { tempDir } from '../tempDir';
import { analyze } from '../../server/src/language';
import { simulate } from '../../server/src/model';

const BIN = join(ROOT, 'server/bin/sipmig.js');

function sipmig(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** 1-based line and column of `inner` inside the first occurrence of `outer`. */
function where(text: string, outer: string, inner: string) {
  const at = text.indexOf(outer) + outer.indexOf(inner);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}

/** `content` written to a file `name` in a folder of the calling test's own. */
function file(name: string, content: string | Buffer): string {
  const p = join(tempDir('cli'), name);
  writeFileSync(p, content);
  return p;
}

describe('sipmig check', () => {
  it('exits 0 on the paper sample and prints only information lines', () => {
    const r = sipmig('check', ACTIVE_SAMPLE);
    expect(r.code, r.err).toBe(0);
    for (const line of r.out.trim().split('\n')) expect(line).toMatch(/^.+:\d+:\d+ - info [A-Z]+\d+: .+/);
  });

  it('prints path:line:col - severity CODE: message (1-based) and exits 1 on errors', () => {
    const text = edit(activeText, 'vcpus 4', 'vcpus 4 GB');
    const p = file('typo.sipmig', text);
    const r = sipmig('check', p);
    expect(r.code).toBe(1);
    const { line, col } = where(text, 'vcpus 4 GB', 'GB');
    expect(r.out).toContain(`${p}:${line}:${col} - error UNIT004: 'vcpus' is a plain count: remove the unit 'GB'.`);
  });

  it('--json prints the diagnostics with 1-based positions', () => {
    const p = file('ha.sipmig', edit(activeText, 'standby sipas2 on pm2', 'standby sipas2 on pm1'));
    const r = sipmig('check', '--json', p);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    const ha = json.files[0].diagnostics.find((d: { code: string }) => d.code === 'HA001');
    const { line, col } = where(activeText, 'standby sipas2 on pm2', 'pm2');
    expect(ha, r.out).toMatchObject({ severity: 'error', line, column: col, endLine: line, endColumn: col + 3 });
  });

  it('checks several files and exits 1 if any has errors', () => {
    const bad = file('bad.sipmig', 'host {\n');
    const r = sipmig('check', ACTIVE_SAMPLE, bad);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${bad}:1:1 - error SCH007`);
  });

  it('exits 2 with one line on usage errors', () => {
    const tmp = tempDir('cli');
    for (const args of [['check'], ['check', '--nope', ACTIVE_SAMPLE], ['frobnicate'], ['check', join(tmp, 'missing.sipmig')], ['check', tmp]]) {
      const r = sipmig(...args);
      expect(r.code, `sipmig ${args.join(' ')}`).toBe(2);
      expect(r.err.trim().split('\n'), `one line for sipmig ${args.join(' ')}`).toHaveLength(1);
      expect(r.err).toMatch(/^sipmig: /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('says clearly why an empty, binary or oversized file is not checked, without a stack trace', () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.sipmig', '', /is empty/],
      ['binary.sipmig', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]), /binary/],
      ['huge.sipmig', '# x\n'.repeat(300_000), /The file is 1\.2 MB \(1200000 bytes in UTF-8\); scenarios are limited to 1 MB/],
    ];
    for (const [name, content, message] of cases) {
      const r = sipmig('check', file(name, content));
      expect(r.code, name).toBe(1);
      expect(r.err, name).toMatch(message);
      expect(r.err, name).not.toMatch(/\n\s+at /);
    }
  });

  it('--help and --version', () => {
    expect(sipmig('--help').out).toContain('sipmig check FILE...');
    expect(sipmig('--version').out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('output into a pipe the reader closed (sipmig run plan.sipmig | head)', () => {
  it('stops quietly: exit 0, no EPIPE stack trace', async () => {
    const child = spawn(process.execPath, [BIN, 'run', ACTIVE_SAMPLE, '--json', '--series'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    // Read the first chunk, then go away as `head` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err, 'nothing on stderr').toBe('');
    expect(code, `exit code (stderr: ${err})`).toBe(0);
  });
});

describe('sipmig run', () => {
  it('--json gives each run the documented structure, and each migration its own CPU windows and incomplete calls', () => {
    const r = sipmig('run', '--json', join(ROOT, 'samples/modern/maintenance-window.sipmig'));
    expect(r.code, r.err).toBe(0);
    const run = JSON.parse(r.out).runs[0];
    expect(Object.keys(run), 'the fields of a run').toEqual(expect.arrayContaining(['label', 'offeredCps', 'migrations', 'incompleteCalls', 'overload', 'failover', 'cpu']));
    expect(run.series, 'no series without --series').toBeUndefined();
    const [standby, active] = run.migrations;
    expect(standby).toMatchObject({ vm: 'sipas2', role: 'standby', from: 'pm2', to: 'new2', startS: 60, converged: true });
    expect(active).toMatchObject({ vm: 'sipas1', role: 'active', from: 'pm1', to: 'new1', startS: 400, converged: true });
    // The rate policy refuses calls until the load falls to 20 cps at 300 s: inside the standby's window, before the active's.
    expect(standby.incompleteCalls.byCause['503'], 'the 503s refused between 60 s and 400 s belong to the standby migration window').toBeGreaterThan(0);
    expect(active.incompleteCalls, 'none fail from 400 s on').toEqual({ total: 0, byCause: {} });
    expect([standby.answerableCalls, active.answerableCalls], 'the policy refuses the same calls without the migrations: neither answers for any').toEqual([{ total: 0, byCause: {} }, { total: 0, byCause: {} }]);
    expect(standby.incompleteCalls.total + active.incompleteCalls.total, 'the windows do not overlap and start after the first refusals').toBeLessThan(run.incompleteCalls.total);
    for (const m of [standby, active]) {
      for (const w of ['beforePct', 'duringPct', 'afterPct', 'peakDuringPct']) expect(typeof m.cpu.vms[m.vm][w], `${m.vm}: cpu.vms.${m.vm}.${w}`).toBe('number');
      expect(Object.keys(m.cpu.hosts).sort(), 'the source and destination hosts').toEqual([m.from, m.to].sort());
      expect(Object.keys(m.cpu.vms).sort(), 'the cluster VMs').toEqual(['sipas1', 'sipas2']);
    }
    expect(active.cpu.vms.sipas1.duringPct, 'the active VM works harder during its own migration than over the whole window of both').toBeGreaterThan(run.cpu.vms.sipas1.duringPct + 10);
    const table = sipmig('run', join(ROOT, 'samples/modern/maintenance-window.sipmig')).out;
    expect(table, 'the table: the rate policy refuses the same calls without the migrations, so neither migration answers for any').toContain(`${run.incompleteCalls.total} (${run.incompleteCalls.total} x 503); by migration: sipas2 0, sipas1 0`);
  });

  it('says what a single migration answers for when the run loses calls without it too (a rate policy refusing calls all along)', () => {
    // The sample's whole overload_control block (its phases nest one level deeper), replaced by a rate policy.
    const policy = /\n {2}overload_control \{\n[\s\S]*?\n {4}\}\n {2}\}\n/.exec(activeText)?.[0];
    expect(policy, 'the sample has an overload_control block').toBeDefined();
    const text = edit(edit(activeText, policy!, '\n  overload_control {\n    policy rate\n    admit 38 cps\n  }\n'), 'sweep 0 cps to 40 cps step 5 cps', 'load 40 cps');
    const run = analyze(text).runs[0];
    const r = simulate(run, { series: true });
    const own = answeredFor(run, 0).total;
    expect(own, 'the policy refuses calls without the migration too: the migration answers for fewer than the run loses').toBeLessThan(r.incompleteCalls.total);
    const out = sipmig('run', file('rate.sipmig', text));
    expect(out.code, out.err).toBe(0);
    expect(out.out).toContain(`${r.incompleteCalls.total} (${r.incompleteCalls.total} x 503); by migration: sipas1 ${own}`);
    const paper = sipmig('run', file('paper40.sipmig', edit(activeText, 'sweep 0 cps to 40 cps step 5 cps', 'load 40 cps')));
    expect(paper.out, 'when the run total is the migration own count, the row says nothing more').not.toContain('by migration');
  });

  it('notes under the table a migration that starts in the backlog an earlier one left, and only then', () => {
    const r = sipmig('run', file('back-to-back.sipmig', backToBackText()));
    expect(r.code, r.err).toBe(0);
    const notes = r.out.trim().split('\n').filter((l) => l.startsWith('note:'));
    const { firstEndS, secondWaitS } = backToBackFigures();
    expect(notes, r.out).toEqual([`note: 40 cps: the migration of sipas2 at 270 s starts in the backlog the migration of sipas1 left (ended at ${firstEndS.toFixed(1)} s): new calls already wait ${secondWaitS.toFixed(1)} s. sipmig advise says when to start it instead.`]);
    const [first, second] = simulate(analyze(backToBackText()).runs[0]).migrations.map((m) => m.incompleteCalls!.total);
    expect(first, 'the first migration fails calls of its own').toBeGreaterThan(0);
    expect(r.out, 'the row says which migration fails how many calls (nothing fails without migrations here)').toContain(`${first + second} (${first + second} x 408); by migration: sipas1 ${first}, sipas2 ${second}`);
    const json = JSON.parse(sipmig('run', file('back-to-back.sipmig', backToBackText()), '--json').out);
    expect(json.runs[0].series, 'the table needed series, --json without --series has none').toBeUndefined();
    expect(json.runs[0].migrations.map((m: { startWaitS: number }) => m.startWaitS)).toEqual([0, secondWaitS]);
    const spaced = sipmig('run', file('spaced.sipmig', edit(backToBackText(), 'pm1 at 270 s', 'pm1 at 300 s')));
    expect(spaced.out, 'started at 300 s the backlog is gone: no note').not.toContain('note:');
    // A load that rises after the first migration's backlog has drained looks the same from the summary: the series tell.
    const risen = edit(edit(edit(backToBackText(), 'load 40 cps', 'profile {\n    at 0 s 40 cps\n    at 300 s 95 cps\n  }'), 'pm1 at 270 s', 'pm1 at 600 s'), 'duration 600 s', 'duration 800 s');
    const rose = sipmig('run', file('risen.sipmig', risen));
    expect(rose.code, rose.err).toBe(0);
    expect(rose.out, 'the load rose since the first migration: no backlog note').not.toContain('starts in the backlog');
  });

  it('notes under the table a migration that starts while another is under way: the counts by migration overlap', () => {
    const overlapping = overlappingText();
    const r = sipmig('run', file('overlap.sipmig', overlapping));
    expect(r.code, r.err).toBe(0);
    const total = simulate(analyze(overlapping).runs[0]).incompleteCalls.total;
    expect(r.out, 'both migrations answer for every call failed from 130 s on').toContain(`${total} (${total} x 408); by migration: sipas1 ${total}, sipas2 ${total}`);
    expect(r.out.split('\n').filter((l) => l.startsWith('note:')), r.out).toEqual([
      `note: 40 cps: the migration of sipas2 at 130 s starts while the migration of sipas1 (from 120 s) is under way: both answer for the calls failed from then on, so the counts by migration overlap (the run fails ${total} in all). sipmig advise says when to start it instead.`,
    ]);
    const b2b = sipmig('run', file('back-to-back.sipmig', backToBackText()));
    expect(b2b.out, 'one after the other: no overlap note').not.toContain('is under way');
  });
});
