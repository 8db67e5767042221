// The temporary admission limit (`admit_during_migration`): it rejects new calls with 503
// only while a migration runs, and does nothing without one.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyze } from '../../server/src/language';
import { simulate } from '../../server/src/model';
import { ACTIVE_SAMPLE, edit } from '../helpers';

const text = edit(readFileSync(ACTIVE_SAMPLE, 'utf8'), 'max_downtime 30 ms', 'max_downtime 30 ms\n  admit_during_migration 20 cps');

function run40(t: string) {
  const run = analyze(t).runs.find((r) => r.offeredCps === 40);
  if (!run) throw new Error('the edited sample should still run at 40 cps');
  return run;
}

describe('temporary admission limit during migration', () => {
  it('lowers into the model input', () => {
    expect(run40(text).scenario.admitDuringMigrationCps).toBe(20);
  });

  it('rejects with 503 only inside the migration window', () => {
    const r = simulate(run40(text), { series: true });
    const m = r.migrations[0];
    expect(m.converged).toBe(true);
    const s = r.series!;
    const rejectedBefore = s.incomplete503[s.tS.findIndex((t) => t >= m.startS) - 1];
    expect(rejectedBefore, 'no 503 before the migration starts').toBe(0);
    const total503 = r.incompleteCalls.byCause['503'] ?? 0;
    // 20 of 40 cps rejected for the migration time, give or take a step.
    const expected = 20 * m.migrationTimeS!;
    expect(total503, `about 20 cps x ${m.migrationTimeS} s of 503s`).toBeGreaterThan(expected * 0.9);
    expect(total503).toBeLessThan(expected * 1.1);
  });

  it('does nothing when no migration runs', () => {
    const noMigration = edit(text, 'migrate sipas1 from pm1 to pm3 at 120 s', 'migrate sipas1 from pm1 to pm3 at 419 s');
    const r = simulate({ ...run40(noMigration), scenario: { ...run40(noMigration).scenario, migrations: [] } });
    expect(r.incompleteCalls.total, 'no migration, no limit, no failure at 40 cps').toBe(0);
  });
});
