// Shared test helpers: the paper samples and exact-text mutations that fail loudly when
// the text they edit is not there (so a mutation test can never pass by editing nothing).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Diagnostic } from '../server/src/language';
import { failureSeriesOf, migrationCost, simulate, withoutMigrations, type IncompleteCalls, type RunInput } from '../server/src/model';

export const ROOT = join(__dirname, '..');
export const ACTIVE_SAMPLE = join(ROOT, 'samples/paper/active-migration.sipmig');
export const STANDBY_SAMPLE = join(ROOT, 'samples/paper/standby-migration.sipmig');
export const activeText = readFileSync(ACTIVE_SAMPLE, 'utf8');

export function edit(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0) throw new Error(`test setup: ${JSON.stringify(from)} is not in the text`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

export function codes(text: string): string[] {
  return analyze(text).diagnostics.map((d) => d.code);
}

export function describeDiagnostics(ds: Diagnostic[], text: string): string {
  return ds.map((d) => `${d.code} ${JSON.stringify(text.slice(d.start, d.end))}: ${d.message}`).join('\n') || '(none)';
}

/**
 * The paper plan at 40 cps with the standby moved too, 11 s after the active's migration ends
 * (at 258.7 s), while the SIP-AS still works off the backlog that migration left.
 */
export function backToBackText(): string {
  const moved = edit(activeText, 'migrate sipas1 from pm1 to pm3 at 120 s', 'migrate sipas1 from pm1 to pm3 at 120 s\n  migrate sipas2 from pm2 to pm1 at 270 s');
  return edit(edit(moved, 'duration 420 s', 'duration 600 s'), 'sweep 0 cps to 40 cps step 5 cps', 'load 40 cps');
}

/** backToBackText() with the standby's migration started 10 s after the active's, while both run. */
export function overlappingText(): string {
  return edit(backToBackText(), 'migrate sipas2 from pm2 to pm1 at 270 s', 'migrate sipas2 from pm2 to pm1 at 130 s');
}

/**
 * backToBackText() with a third migration that moves the active on to a fourth host at 300 s,
 * while the standby's is still under way: an option that helps one migration changes what the
 * others fail.
 */
export function threeMigrationsText(): string {
  const three = edit(backToBackText(), 'migrate sipas2 from pm2 to pm1 at 270 s', 'migrate sipas2 from pm2 to pm1 at 270 s\n  migrate sipas1 from pm3 to pm4 at 300 s');
  return edit(edit(three, 'duration 600 s', 'duration 900 s'), 'host pm3 { hardware poweredge }', 'host pm3 { hardware poweredge }\nhost pm4 { hardware poweredge }');
}

/** What the model gives for backToBackText(): when the first migration ends, and the new-call wait when the second starts (s). */
export function backToBackFigures(): { firstEndS: number; secondWaitS: number } {
  const [first, second] = simulate(analyze(backToBackText()).runs[0]).migrations;
  return { firstEndS: first.endS!, secondWaitS: second.startWaitS! };
}

/**
 * The calls migration `index` of `run` answers for, counted as the advisor, the editor and the
 * CLI count them (model/attribution.ts): its window's calls less those the run without
 * migrations fails there.
 */
export function answeredFor(run: RunInput, index: number): IncompleteCalls {
  return migrationCost(simulate(run), index, failureSeriesOf(simulate(withoutMigrations(run), { series: true })));
}
