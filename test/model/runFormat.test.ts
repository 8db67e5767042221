// The CLI renderings of model results: the `sipmig run` table and the CSV time series.
import { describe, expect, it } from 'vitest';
import { formatRunTable, seriesToCsv } from '../../server/src/cli/runFormat';
import { simulate } from '../../server/src/model';
import { sampleAtLoad, sampleResults, sampleRun, variant, MiB } from './fixtures';

describe('formatRunTable', () => {
  const table = formatRunTable({ file: 'samples/paper/active-migration.sipmig', runs: sampleResults('active-migration') });
  const lines = table.split('\n');

  it('has one row per run, after the file name, the header and the rule', () => {
    expect(lines[0]).toBe('samples/paper/active-migration.sipmig');
    expect(lines[1]).toMatch(/^offered\s+migration\s+time\s+downtime\s+peak sipas1\s+peak sipas2\s+phase\s+new-call wait\s+incomplete$/);
    expect(lines.length).toBe(3 + 9);
  });

  it('shows load, migrated VM and role, time, downtime, peak guest CPU of each VM, phase, new-call wait and incomplete calls', () => {
    const r = sampleResults('active-migration').find((x) => x.offeredCps === 40)!;
    const row = lines.find((l) => l.startsWith('40 cps'))!;
    const m = r.migrations[0];
    expect(row).toContain('sipas1 (active) pm1->pm3');
    expect(row).toContain(`${m.migrationTimeS!.toFixed(1)} s`);
    expect(row).toContain(`${m.downtimeMs!.toFixed(1)} ms`);
    expect(row).toContain(`${r.cpu.vms.sipas1.peakDuringPct.toFixed(1)} %`);
    expect(row).toContain(`${r.cpu.vms.sipas2.peakDuringPct.toFixed(1)} %`);
    const wait = (x: { peakInviteWaitS: number; timerBS: number }) => `${x.peakInviteWaitS.toFixed(1)} s of ${x.timerBS.toFixed(1)} s`;
    expect(r.peakInviteWaitS, 'at 40 cps calls fail: new calls waited as long as Timer B').toBe(r.timerBS);
    expect(row).toMatch(new RegExp(`\\s0\\s+${wait(r).replaceAll('.', '\\.')}\\s+${r.incompleteCalls.total} \\(${r.incompleteCalls.total} x 408\\)$`));
    const r35 = lines.find((l) => l.startsWith('35 cps'))!;
    const run35 = sampleResults('active-migration').find((x) => x.offeredCps === 35)!;
    expect(run35.peakInviteWaitS, 'at 35 cps new calls wait but none fails: the margin the table shows').toBeGreaterThan(1);
    expect(r35).toContain(wait(run35));
  });

  it('adds a note under the table for a run whose SIP-AS is behind before the migration, and none for the paper runs', () => {
    expect(lines.some((l) => l.startsWith('note:')), 'the paper runs keep up until 120 s').toBe(false);
    const over = simulate(sampleAtLoad('active-migration', 90));
    const wait = over.atMigrationStart!.inviteWaitS;
    const out = formatRunTable({ file: 'f', runs: [{ ...over, label: '90 cps' }] }).split('\n');
    expect(out.at(-1)).toBe(`note: 90 cps: the SIP-AS does not keep up with this load before any migration - when the first migration starts at 120.0 s, new calls already wait ${wait.toFixed(1)} s. The migration starts from that backlog.`);
  });

  it('says when the scenario ends before a migration resumes, and how much longer it needs', () => {
    const r = simulate(variant(sampleRun('active-migration', 40), (s) => (s.durationS = 200)));
    const more = r.migrations[0].unfinished!.resumesAfterS!;
    const table = formatRunTable({ file: 'f', runs: [r] });
    expect(table).toContain(`unfinished, ${more.toFixed(1)} s more`);
    expect(table).not.toContain('no convergence');
  });

  it('says when a migration never converges', () => {
    const r = simulate(variant(sampleRun('active-migration', 40), (s) => s.migrations.forEach((m) => (m.speedCapBytesPerS = 16 * MiB))));
    expect(formatRunTable({ file: 'f', runs: [r] })).toContain('no convergence');
  });
});

describe('seriesToCsv', () => {
  it('writes a header and one row per step, starting with the time', () => {
    const r = sampleResults('standby-migration')[2];
    const csv = seriesToCsv(r).split('\n');
    const head = csv[0].split(',');
    expect(head[0]).toBe('tS');
    expect(head).toEqual(expect.arrayContaining(['vmCpu.sipas1', 'hostCpu.pm2', 'migRemainingBytes', 'incomplete408']));
    expect(csv.length).toBe(1 + r.series!.tS.length);
    const row = csv[1201].split(',');
    expect(Number(row[0])).toBeCloseTo(120, 6);
    expect(row.length).toBe(head.length);
    expect(row.every((x) => Number.isFinite(Number(x)))).toBe(true);
  });

  it('is empty for a run without series', () => {
    expect(seriesToCsv(simulate(sampleRun('active-migration', 0)))).toBe('');
  });
});
