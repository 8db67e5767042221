// The advisor's part of the hover on a `migrate` statement: the safe envelope with its
// margin and the top options with their predicted figures. Everything from the scenario
// (VM names inside titles and costs) goes through md(): no markup, HTML or links.
import type { MigrationAdvice, Prediction } from '../../advisor/types';
import { md, num, table } from './markdown';
import { improving, topOptions, type AdviceView } from './advice';
import { causesText, migrationTime } from './predictions';
import { convergence, neverConverges } from '../../model/summary';
import { allRunsText, backlogSentence, behindSentence, NO_OPTION_HELPS, overlappedBySentence, overlapSentence, WHOLE_PLAN_NOTE, wholePlanSuffix } from '../../advisor/explain';


/** " (51 × 408 Request Timeout)": model cause keys, not scenario text, so not escaped. */
function causes(p: Prediction): string {
  const text = causesText([p.byCause]);
  return text ? ` (${text})` : '';
}

function envelope(m: MigrationAdvice): string {
  const e = m.safeEnvelope;
  const edge = e.atLeast ? `at least ${num(e.maxSafeCps)} cps` : `up to ${num(e.maxSafeCps)} cps`;
  const margin = `${e.marginCps >= 0 ? '+' : '−'}${num(Math.abs(e.marginCps))} cps`;
  const verdict = e.marginCps < 0 ? ': the plan is over the edge' : '';
  return `**Safe envelope:** ${edge} of constant offered load with no incomplete calls (margin ${margin} at ${md(m.runLabel)}${verdict}).`;
}

/** The advised run was behind before any migration: what none of the options changes. */
function behind(m: MigrationAdvice): string {
  return m.behind ? `\n\n**Behind before any migration:** ${behindSentence(m.behind)}.` : '';
}

/** The migration starts in the backlog an earlier one left (names go through md()). */
function inBacklog(m: MigrationAdvice): string {
  return m.startsInBacklog ? `\n\n**Starts in a backlog:** ${backlogSentence(m.startsInBacklog, m.startS, md)}.` : '';
}

/** The migration overlaps an earlier one, or a later one overlaps it (names go through md()). */
function overlap(m: MigrationAdvice): string {
  const own = m.overlaps ? `\n\n**Overlaps another migration:** ${overlapSentence(m.overlaps, m.startS, md)}.` : '';
  const other = m.overlappedBy ? `\n\n**Overlapped:** ${overlappedBySentence(m.overlappedBy, md)}.` : '';
  return own + other;
}

/** Markdown for the migration whose `migrate` statement starts at `memberStart`, or '' when there is nothing to say. */
export function adviceSection(view: AdviceView, memberStart: number): string {
  switch (view.kind) {
    case 'none':
      return '';
    case 'computing':
      return '**Advisor:** computing options for this migration… (hover again in a moment).';
    case 'failed':
      return `**Advisor:** no advice: ${md(view.message)}`;
    case 'ready':
      break;
  }
  const m = view.advice.migrations.find((x) => x.span.start === memberStart);
  if (!m) return '';
  const cut = convergence(m.current) === 'unfinished' ? ' The scenario ends before this migration resumes, so calls that fail at its end or after it are not counted: lengthen the scenario (PRED007).' : '';
  const head = `**Advisor** at ${md(m.runLabel)}, the sweep point where this migration fails the most calls: ${m.current.incompleteCalls} incomplete calls${causes(m.current)}, migration ${migrationTime(m.current)}${wholePlanSuffix(m)}.${behind(m)}${inBacklog(m)}${overlap(m)}${cut}`;
  if (m.current.incompleteCalls === 0 && !neverConverges(m.current)) return `**Advisor:** no incomplete calls predicted for this migration; nothing to change.${cut}\n\n${envelope(m)}`;
  const top = topOptions(m);
  if (!top.length) return `${head}\n\n${envelope(m)}\n\nNone of the options the advisor tries (${m.options.length}) ${NO_OPTION_HELPS}.`;
  // A run with other migrations: the whole plan's count too, since a fix for one can hurt another.
  const plan = m.current.planIncompleteCalls !== null;
  const rows = top.map((o, i) => [
    `${i + 1}. ${md(o.title)}${i === 0 ? ' (preferred)' : ''}`,
    String(o.prediction.incompleteCalls),
    ...(plan ? [String(o.prediction.planIncompleteCalls ?? '–')] : []),
    migrationTime(o.prediction),
    allRunsText(o),
    md(o.cost),
  ]);
  const more = improving(m).length - top.length;
  const wholePlan = plan ? ` "whole plan": ${WHOLE_PLAN_NOTE} (as planned: ${m.current.planIncompleteCalls}).` : '';
  return [
    head,
    envelope(m),
    table(['option', 'incomplete calls', ...(plan ? ['whole plan'] : []), 'migration time', 'all runs', 'cost'], rows),
    `*Figures at ${md(m.runLabel)}; "all runs": incomplete calls summed over every sweep point with the option applied.${wholePlan} Apply an option with the code action on this line${more > 0 ? `; ${more} more with \`sipmig advise\`` : ''}. ${m.evaluations} model runs, ${num(view.elapsedMs / 1000, 1)} s.*`,
  ].join('\n\n');
}
