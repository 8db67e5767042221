// `sipmig advise FILE [--json] [--apply]`: what would make each migration safe.
// Exit 3 when a migration is predicted to fail calls and no option was applied, so a
// change-management pipeline can refuse the plan; with --apply the verified option the whole
// plan fails fewest calls with is written into FILE and the exit code reflects the plan as changed.
import { writeFileSync } from 'node:fs';
import { analyze } from '../language';
import { applyEdits } from '../language/applyEdits';
import { advise } from '../advisor/advise';
import type { Advice, MigrationAdvice } from '../advisor/types';
import { loadCheckedScenario } from './files';
import type { CliIo } from './io';
import { migrationTime } from './runFormat';
import { bestForPlan, improving } from '../advisor/offered';
import { allRunsText, backlogSentence, behindSentence, NO_OPTION_HELPS, overlappedBySentence, overlapSentence, WHOLE_PLAN_NOTE, wholePlanSuffix } from '../advisor/explain';
import { convergence } from '../model/summary';

export const EXIT_FAILS_CALLS = 3;

export function adviseFile(file: string, opts: { json: boolean; apply: boolean }, io: CliIo): number {
  const loaded = loadCheckedScenario(file, io);
  if (!loaded.ok) return loaded.code;
  const a = loaded.analysis;
  const advice = advise(a);
  let applied: { option: string; optionId: string; migration: MigrationAdvice; after: Advice } | undefined;
  if (opts.apply && advice.failsCalls) {
    // One option at a time: the one the whole plan fails fewest calls with on every run.
    const best = bestForPlan(advice);
    if (best) {
      const text = applyEdits(loaded.text, best.option.edits);
      writeFileSync(file, text);
      applied = { option: best.option.title, optionId: best.option.id, migration: best.migration, after: advise(analyze(text), { verifyTop: 0, combinations: false }) };
    }
  }
  const final = applied?.after ?? advice;
  if (opts.json) {
    const done = applied ? { option: applied.option, optionId: applied.optionId, migration: applied.migration.index, failsCallsAfter: applied.after.failsCalls } : null;
    io.out(JSON.stringify({ file, ...advice, applied: done }, null, 2));
  } else {
    for (const m of advice.migrations) io.out(formatMigration(m));
    // Which migration's advice it came from: with several, the option may be a later one's (and a setting of the migration block applies to all).
    const from = applied && advice.migrations.length > 1 ? ` (advice on migrate ${applied.migration.vm} at ${applied.migration.startS} s)` : '';
    if (applied) io.out(`Applied to ${file}${from}: ${applied.option}. Predicted now: ${applied.after.failsCalls ? 'calls still fail' : 'no incomplete calls'}.`);
  }
  return final.failsCalls ? EXIT_FAILS_CALLS : 0;
}

/** An advised run the scenario ends before its migration resumes: its calls are counted only up to the end. */
const UNFINISHED_NOTE = 'the scenario ends before this migration resumes: calls that fail at its end or after it are not counted; lengthen the scenario (PRED007)';

function formatMigration(m: MigrationAdvice): string {
  const causes = Object.entries(m.current.byCause).map(([c, n]) => `${n} x ${c}`).join(', ');
  const plan = wholePlanSuffix(m);
  const lines = [
    `migrate ${m.vm} (${m.role}) from ${m.from} to ${m.to} at ${m.startS} s, at ${m.runLabel}: ${m.current.incompleteCalls} incomplete calls${causes ? ` (${causes})` : ''}, migration ${migrationTime(m.current)}${plan}`,
    `  safe envelope: ${m.safeEnvelope.atLeast ? 'at least' : 'up to'} ${m.safeEnvelope.maxSafeCps} cps constant load (margin ${m.safeEnvelope.marginCps >= 0 ? '+' : ''}${m.safeEnvelope.marginCps} cps)`,
  ];
  if (plan) lines.push(`  whole plan: ${WHOLE_PLAN_NOTE}`);
  if (m.behind) lines.push(`  behind before any migration: ${behindSentence(m.behind)}.`);
  if (m.startsInBacklog) lines.push(`  starts in a backlog: ${backlogSentence(m.startsInBacklog, m.startS)}.`);
  if (m.overlaps) lines.push(`  overlaps another migration: ${overlapSentence(m.overlaps, m.startS)}.`);
  if (m.overlappedBy) lines.push(`  overlapped: ${overlappedBySentence(m.overlappedBy)}.`);
  if (convergence(m.current) === 'unfinished') lines.push(`  ${UNFINISHED_NOTE}`);
  if (m.current.incompleteCalls === 0) lines.push('  no incomplete calls predicted: nothing to change');
  // Only options that make it better, as the editor offers them; --json has them all.
  const better = improving(m);
  if (m.options.length && !better.length) lines.push(`  none of the ${m.options.length} options tried ${NO_OPTION_HELPS}`);
  better.slice(0, 5).forEach((o, i) => {
    const whole = o.prediction.planIncompleteCalls === null ? '' : ` (whole plan ${o.prediction.planIncompleteCalls})`;
    const all = o.totalIncompleteAllRuns === null ? '' : `; all runs: ${allRunsText(o)}`;
    lines.push(`  ${i + 1}. ${o.title}: ${o.prediction.incompleteCalls} incomplete${whole}, migration ${migrationTime(o.prediction)}${all}. Cost: ${o.cost}`);
  });
  lines.push(`  (${m.evaluations} model runs, ${m.elapsedMs.toFixed(0)} ms)`);
  return lines.join('\n');
}
