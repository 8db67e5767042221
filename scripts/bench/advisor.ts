// The advisor on the paper samples, in process: model evaluations and wall time per
// migration (docs/advisor.md: about 60 runs, goal <= 1 s), next to one model run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/language';
import { advise } from '../../server/src/advisor/advise';
import { simulate } from '../../server/src/model';
import { median, time } from './timing';


export function bench(root: string, repeats = 3) {
  const rows: { name: string; value: number; unit: string; goal?: string }[] = [];
  for (const name of ['active', 'standby']) {
    const a = analyze(readFileSync(join(root, `samples/paper/${name}-migration.sipmig`), 'utf8'));
    const run40 = a.runs.find((r) => r.offeredCps === 40)!;
    // Warmed up first: measured cold, the active sample's run (the process's first) read 43 ms
    // against 9 ms for the standby's, which ran after the JIT had compiled the model.
    const runMs = time(() => simulate(run40, { series: true }), 5, 200, 300);
    // Wall time of advise() per migration, its baseline runs of the file included (the
    // migration's own elapsedMs leaves them out). The first call is also the JIT's first.
    const perMigration: number[] = [];
    let evaluations = 0;
    let incomplete = 0;
    for (let i = 0; i <= repeats; i++) {
      const t = performance.now();
      const advice = advise(a);
      perMigration.push((performance.now() - t) / advice.migrations.length);
      evaluations = advice.migrations[0].evaluations;
      incomplete = advice.migrations[0].current.incompleteCalls;
    }
    rows.push({ name: `${name}: model evaluations per migration (${incomplete} incomplete calls at 40 cps)`, value: evaluations, unit: 'runs' });
    rows.push({ name: `${name}: advice time per migration, first call (cold)`, value: perMigration[0], unit: 'ms' });
    rows.push({ name: `${name}: advice time per migration (median of ${repeats} more)`, value: median(perMigration.slice(1)), unit: 'ms', goal: '<= 1000 ms' });
    rows.push({ name: `${name}: one model run, 40 cps with series (median, warm)`, value: runMs, unit: 'ms' });
  }
  return rows;
}
