// docs/advisor.md: its examples of a migration that starts in an earlier one's backlog, and of
// one that starts while an earlier one is under way, are generated from the advisor; this test fails when it is stale. `npm run docs` rewrites it.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/language';
import { advise } from '../../server/src/advisor/advise';
import { applyEdits } from '../../server/src/language/applyEdits';
import { ROOT, backToBackText, threeMigrationsText, overlappingText } from '../helpers';
import { bestForPlan, improving } from '../../server/src/advisor/offered';
import type { RankedOption } from '../../server/src/advisor/types';
import { replaceGenerated } from '../model/docgen';

const s1 = (x: number) => String(+x.toFixed(1));

/** The back-to-back plan (test/helpers.ts) as the advisor sees its second migration. */
function backlogTable(): string {
  const [first, second] = advise(analyze(backToBackText())).migrations;
  const b = second.startsInBacklog;
  if (!b || b.drainedAtS === null) throw new Error('docs: the back-to-back plan no longer starts its second migration in a backlog');
  const later = second.options.find((o) => o.kind === 'start_time' && !o.id.includes('+'));
  if (!later) throw new Error('docs: the back-to-back plan no longer gets a later start for its second migration');
  const best = second.options[0];
  const rows = [
    [`${first.vm} (${first.role}) migrated from ${first.from} to ${first.to} at ${first.startS} s: it resumes at`, `${s1(b.afterEndS)} s`],
    [`new-call wait when ${second.vm} (${second.role}) starts migrating from ${second.from} to ${second.to} at ${second.startS} s`, `${s1(b.waitS)} s`],
    [`the backlog is gone, without ${second.vm}'s migration, at`, `${s1(b.drainedAtS)} s`],
    [`incomplete calls of ${second.vm}'s migration, as planned`, String(second.current.incompleteCalls)],
    [`the same, started at ${later.edits[0].newText} (the proposed start)`, String(later.prediction.incompleteCalls)],
    [`the same, with the top option: ${best.title}`, String(best.prediction.incompleteCalls)],
  ];
  return ['| the paper plan at 40 cps, the standby moved 11 s after the active | |', '|---|---|', ...rows.map(([a, v]) => `| ${a} | ${v} |`)].join('\n');
}

/** The back-to-back plan with the standby started 10 s after the active: the advisor on the overlap. */
function overlapTable(): string {
  const text = overlappingText();
  const [first, second] = advise(analyze(text)).migrations;
  const o = second.overlaps;
  if (!o || o.drainedAtS === null) throw new Error('docs: the overlapping plan no longer overlaps, or its backlog does not drain');
  const later = second.options.find((x) => x.kind === 'start_time' && !x.id.includes('+'));
  if (!later) throw new Error('docs: the overlapping plan no longer gets a later start for its second migration');
  const best = second.options[0];
  const rows = [
    [`${first.vm} (${first.role}) migrates from ${first.from} to ${first.to} from ${first.startS} s to`, `${s1(o.withEndS)} s`],
    [`${second.vm} (${second.role}) starts migrating from ${second.from} to ${second.to} at`, `${second.startS} s`],
    [`without ${second.vm}'s migration, the backlog is gone at`, `${s1(o.drainedAtS)} s`],
    [`incomplete calls each migration answers for, as planned`, `${first.current.incompleteCalls}, ${second.current.incompleteCalls}`],
    [`${second.vm}'s, started at ${later.edits[0].newText} (the proposed start)`, String(later.prediction.incompleteCalls)],
    [`the same, with the top option: ${best.title}`, String(best.prediction.incompleteCalls)],
    // The earlier migration keeps its own calls: the move does not make them go away.
    [`${first.vm}'s, with ${second.vm} started at ${later.edits[0].newText}`, String(advise(analyze(applyEdits(text, later.edits)), { verifyTop: 0, combinations: false }).migrations[0].current.incompleteCalls)],
  ];
  return ['| the paper plan at 40 cps, the standby started 10 s after the active | |', '|---|---|', ...rows.map(([a, v]) => `| ${a} | ${v} |`)].join('\n');
}

/** The three-migration plan (test/helpers.ts): per-migration counts, the whole plan, what is hidden and what --apply writes. */
function wholePlanTable(): string {
  const advice = advise(analyze(threeMigrationsText()));
  const ms = advice.migrations;
  const [first] = ms;
  const best = bestForPlan(advice);
  const firstBest = improving(first)[0];
  // The admission limit the prose names: it holds calls back during every migration.
  const hidden = first.options.find((o) => o.id.includes('admit_during_migration') && !improving(first).includes(o) && o.prediction.incompleteCalls < first.current.incompleteCalls);
  if (!best || !firstBest || !hidden) throw new Error('docs: the three-migration plan no longer shows a hidden option or a plan-wide best');
  const cell = (o: RankedOption) => `${o.prediction.incompleteCalls} | ${o.prediction.planIncompleteCalls}`;
  const rows = [
    [`as planned: ${ms.map((m) => `${m.vm} at ${m.startS} s`).join(', ')}`, `${ms.map((m) => m.current.incompleteCalls).join(', ')} | ${first.current.planIncompleteCalls}`],
    [`without each migration (the \`migrate\` statement removed)`, `– | ${ms.map((m) => m.planWithoutThis).join(', ')}`],
    [`the first migration's top option: ${firstBest.title}`, cell(firstBest)],
    [`not offered for the first migration: ${hidden.title}`, cell(hidden)],
    [`what \`--apply\` writes (the migration of ${best.migration.vm} at ${best.migration.startS} s): ${best.option.title}`, cell(best.option)],
  ];
  return ['| the three-migration plan at 40 cps | that migration\'s incomplete calls | whole plan |', '|---|---|---|', ...rows.map(([a, v]) => `| ${a} | ${v} |`)].join('\n');
}

describe('docs/advisor.md', () => {
  it('is up to date (run `npm run docs` to regenerate)', () => {
    const path = join(ROOT, 'docs/advisor.md');
    const have = readFileSync(path, 'utf8');
    const want = replaceGenerated(have, { backlog: backlogTable(), overlap: overlapTable(), 'whole-plan': wholePlanTable() }, 'docs/advisor.md');
    if (process.env.UPDATE_DOCS === '1') writeFileSync(path, want);
    else expect(have === want, 'docs/advisor.md differs from what the advisor generates; run `npm run docs`').toBe(true);
  });
});
