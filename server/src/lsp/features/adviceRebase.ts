// Advice is cached by the runs it was computed from, like the model's results: an edit
// that leaves the runs alone (a comment, a blank line, layout) gets the advice back at
// once. Its figures still hold, but its text edits and spans point into the old text.
// The options' edits depend on the text only, not on model runs, so they are generated
// again for the new text (cheap: no model run) and matched to the cached options by id.
import type { Analysis } from '../../language';
import type { TextEdit } from '../../language/diagnostics';
import { candidatesFor, combine } from '../../advisor/candidates';
import { proposedLaterStarts } from '../../advisor/advise';
import type { Advice, MigrationAdvice } from '../../advisor/types';

/** The same advice with edits and spans for `a.text`; options whose edits cannot be made again are dropped. */
export function rebaseAdvice(advice: Advice, a: Analysis): Advice {
  return { ...advice, migrations: advice.migrations.map((m) => rebaseMigration(m, a)) };
}

function rebaseMigration(m: MigrationAdvice, a: Analysis): MigrationAdvice {
  const entity = a.entities.migrations[m.index];
  const run = a.runs.find((r) => r.label === m.runLabel) ?? a.runs[0];
  const span = entity ? { start: entity.prop.member.start, end: entity.prop.member.end } : m.span;
  if (!run || !m.options.length) return { ...m, span };
  // The later start after an earlier migration (its backlog, or an overlap) is made again from the advice's own fields.
  const singles = candidatesFor(a, run.scenario, m.index, m.safeEnvelope.maxSafeCps, proposedLaterStarts(m, run.scenario.durationS));
  const edits = new Map<string, TextEdit[]>(singles.map((c) => [c.id, c.edits]));
  // Pairs are made by combine(); build them only when the advice holds one.
  if (m.options.some((o) => !edits.has(o.id))) {
    for (const x of singles)
      for (const y of singles) {
        if (x.kind === y.kind) continue;
        const pair = combine(x, y);
        edits.set(pair.id, pair.edits);
      }
  }
  const options = m.options.flatMap((o) => {
    const e = edits.get(o.id);
    return e ? [{ ...o, edits: e }] : [];
  });
  return { ...m, span, options };
}
