import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../client/src/summary';
import { syntheticSweep } from '../charts/fixtures';

describe('Run Scenario summary', () => {
  it('prints one aligned row per run with the migration figures', () => {
    const text = formatSummary(syntheticSweep(), new Date(0), 'a.sipmig');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^sipmig run a\.sipmig/);
    expect(lines[1]).toMatch(/^run\s+calls\/s\s+migration\s+time s\s+downtime ms\s+rounds\s+its incomplete\s+incomplete\s+max phase/);
    expect(lines, 'header + title + 9 runs').toHaveLength(11);
    const row40 = lines.find((l) => l.startsWith('40 cps'));
    expect(row40, 'the 40 cps row').toMatch(/sipas1 pm1->pm3\s+148\.0\s+36\.0\s+9\s+50\s+50/);
  });

  it('gives each migration of a run its own incomplete calls, as the language server counted them', () => {
    const file = syntheticSweep();
    const run = file.runs[8];
    const second = { ...run.migrations[0], vm: 'sipas2', from: 'pm2', to: 'pm1', startS: 300, answerableCalls: { total: 7, byCause: { '408': 7 } } };
    Object.assign(run.migrations[0], { answerableCalls: { total: 43, byCause: { '408': 43 } } });
    run.migrations.push(second);
    const lines = formatSummary(file, new Date(0), 'a.sipmig').split('\n');
    const at = lines.findIndex((l) => l.startsWith('40 cps'));
    expect(lines[at], 'the first migration row: its 43, then the run total 50').toMatch(/sipas1 pm1->pm3\s+148\.0\s+36\.0\s+9\s+43\s+50\s+0/);
    expect(lines[at + 1], 'the second migration row: its 7, no run figures').toMatch(/^\s+sipas2 pm2->pm1\s+148\.0\s+36\.0\s+9\s+7$/);
  });

  it('tells a migration the scenario ends before from one that never converges', () => {
    const file = syntheticSweep();
    Object.assign(file.runs[7].migrations[0], { converged: false, endS: null, migrationTimeS: null, downtimeMs: null, unfinished: { remainingBytes: 4e8, resumesAfterS: 30, stuck: null } });
    Object.assign(file.runs[8].migrations[0], { converged: false, endS: null, migrationTimeS: null, downtimeMs: null, unfinished: { remainingBytes: 9e8, resumesAfterS: null, stuck: 'dirtying' } });
    const lines = formatSummary(file, new Date(0), 'a.sipmig').split('\n');
    expect(lines.find((l) => l.startsWith('35 cps'))).toMatch(/unfinished$/);
    expect(lines.find((l) => l.startsWith('40 cps'))).toMatch(/not converged$/);
  });
});
