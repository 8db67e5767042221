// Hover content: schema documentation on keywords and properties, the entity on a name,
// and on the phase-1 threshold and on `migrate` statements the model's predictions with
// a small chart. Pure apart from the chart renderer, which is passed in.
import type { Analysis } from '../../language';
import type { MigrationResult, RunResult } from '../../model/output';
import { behindAtMigrationStart, migratedVmCpu } from '../../model';
import type { Span } from '../../language/syntax/tree';
import { TOP_LEVEL } from '../../language/schema/blocks';
import { locate } from './locate';
import { blockDoc, propDoc } from './schemaDocs';
import { entityDoc } from './entityDoc';
import { md, num, span, table } from './markdown';
import { causesText, isSilentFailure, labels, migrationPredictions, migrationTime, thresholdPoints, thresholdSite, type Outcome } from './predictions';
import type { AdviceView } from './advice';
import { adviceSection } from './adviceHover';
import { REFERENCE_POINTS } from '../../charts/reference';

/** Incomplete calls the reference study measured during the active VM's migration above 20 cps. */
const STUDY_INCOMPLETE = REFERENCE_POINTS.find((p) => p.id === 'incomplete-active-40cps')!.value;

export type ChartRenderer = (run: RunResult, opts: { vm?: string; thresholdPct?: number }) => Promise<string>;

export interface HoverRequest {
  a: Analysis;
  offset: number;
  /** Model results for this version of the text, when known. */
  outcome?: Outcome;
  chart?: ChartRenderer;
  /** The advisor's answer for this version, asked only for a hover on a `migrate` statement (it may wait for the advice job). */
  advice?: () => Promise<AdviceView>;
}

export async function hoverAt(req: HoverRequest): Promise<{ markdown: string; span: Span } | undefined> {
  const { a, offset } = req;
  const t = locate(a, offset);
  if (!t) return undefined;
  switch (t.kind) {
    case 'ref':
      return { span: t.ref, markdown: t.decl ? entityDoc(a, t.decl) : `Unknown ${t.ref.kind.replace('_', ' ')} ${md(t.ref.name)}: nothing with this name is declared.` };
    case 'decl':
      return { span: t.decl.span, markdown: entityDoc(a, t.decl) };
    case 'block':
      return { span: t.block.member.key, markdown: blockDoc(t.block.def, t.parent?.def) };
    case 'prop': {
      const doc = propDoc(t.prop.def, t.block.def);
      const span = t.onKey ? t.prop.member.key : t.prop.member;
      const site = thresholdSite(a);
      if (site && site.line.start === t.prop.member.start) return { span, markdown: `${doc}\n\n---\n\n${await thresholdSection(req, site.pct, site.persistenceS)}` };
      if (t.prop.def.name === 'migrate' && t.block.def === TOP_LEVEL.get('migration')) return { span, markdown: `${doc}\n\n---\n\n${await migrationSection(req, t.prop.member.start)}` };
      return { span, markdown: doc };
    }
  }
}

function pending(req: HoverRequest): string | undefined {
  if (!req.a.runs.length) return '*No predictions while the scenario has errors.*';
  if (!req.outcome) return '*Predictions appear here once the model has run (a moment after the last edit).*';
  return undefined;
}

async function thresholdSection(req: HoverRequest, pct: number, persistenceS: number): Promise<string> {
  const wait = pending(req);
  if (wait) return wait;
  const o = req.outcome!;
  const points = thresholdPoints(o, pct);
  const vm = points[0]?.vm ?? '';
  const rows = points.map((p) => [md(p.label), `${num(p.peakPct, 0)} %`, Number.isNaN(p.longestAboveS) ? '–' : `${num(p.longestAboveS)} s`, p.maxPhase ? `phase ${p.maxPhase}` : 'none', String(Math.round(p.incomplete))]);
  const silent = points.filter(isSilentFailure);
  const parts = [
    `**Predicted:** guest CPU of the active VM ${md(vm)} against this ${num(pct)} % threshold (phase 1 needs ${num(persistenceS)} s above it).`,
    table(['load', 'peak CPU', 'longest above', 'overload control', 'incomplete calls'], rows),
  ];
  if (silent.length) parts.push(`**Calls fail while the overload control never triggers** at ${md(labels(silent))} (${md(causesText(silent.map((p) => p.byCause)) || 'incomplete calls')}).`);
  const worst = worstRun(o);
  if (worst !== undefined && req.chart) parts.push(await chartBlock(req.chart, o.results[worst], { vm, thresholdPct: pct }));
  return parts.join('\n\n');
}

async function migrationSection(req: HoverRequest, memberStart: number): Promise<string> {
  const wait = pending(req);
  if (wait) return wait;
  const o = req.outcome!;
  const m = migrationPredictions(req.a, o).find((x) => x.entity.prop.member.start === memberStart);
  if (!m || !m.points.length) return '*The model has no result for this migration.*';
  const rows = m.points.map((p) => [
    md(p.label),
    migrationTime(p.result),
    p.result.downtimeMs === null ? '–' : `${num(p.result.downtimeMs)} ms`,
    String(p.result.rounds),
    `${num(p.result.bytesSent / 1e9, 2)} GB`,
    guestCpuDuring(p.result),
    `${num(p.peakInviteWaitS)} s`,
    String(Math.round(p.incomplete)),
  ]);
  const timerB = m.points[0].timerBS;
  const parts = [
    `**Predicted for this migration** (${md(m.entity.vm.value)}, ${md(m.points[0].result.role)} VM):`,
    table(['load', 'migration time', 'downtime', 'rounds', 'sent', 'guest CPU during', 'new-call wait', 'incomplete calls'], rows),
    // The model's known gap (docs/model.md, section 6): a zero here is not a promise, and the
    // hover is where a planner reads it. (That the model predicts none at 25-35 cps is tested
    // in test/model/calibration.test.ts.)
    `*Guest CPU during: the mean CPU the migrated VM shows while it migrates (the 60 s before, in brackets). New-call wait: the longest an initial INVITE waits at the SIP-AS in the run; calls fail (408) once it reaches Timer B (${num(timerB)} s). The model has no per-call spread, so a real server can fail some calls before that: the reference study lost about ${STUDY_INCOMPLETE} at 25–35 cps, where the model predicts none.*`,
  ];
  const behind = o.results.filter((r) => behindAtMigrationStart(r) && m.points.some((p) => p.label === r.label));
  if (behind.length)
    parts.push(`**Behind before any migration** at ${md(labels(behind))}: when the first migration starts, new calls already wait ${span(behind.map((r) => r.atMigrationStart!.inviteWaitS), 's')}. The migration starts from that backlog (PRED006 on the load).`);
  const site = thresholdSite(req.a);
  const worst = worstRun(o);
  if (worst !== undefined && req.chart) parts.push(await chartBlock(req.chart, o.results[worst], { vm: o.runs[worst]?.scenario.cluster.active, thresholdPct: site?.pct }));
  const advice = req.advice ? adviceSection(await req.advice(), memberStart) : '';
  if (advice) parts.push(advice);
  return parts.join('\n\n');
}

/** The migrated VM's own CPU during this migration, with the minute before it: "57 % (13 %)". */
function guestCpuDuring(m: MigrationResult): string {
  const c = migratedVmCpu(m);
  if (!c) return '–';
  return c.beforePct === null ? `${num(c.duringPct)} %` : `${num(c.duringPct)} % (${num(c.beforePct)} %)`;
}

/** The run to chart: the one with the most incomplete calls, else the highest load. */
function worstRun(o: Outcome): number | undefined {
  let best: number | undefined;
  o.results.forEach((r, i) => {
    const b = best === undefined ? undefined : o.results[best];
    if (!b || r.incompleteCalls.total > b.incompleteCalls.total || (r.incompleteCalls.total === b.incompleteCalls.total && r.offeredCps > b.offeredCps)) best = i;
  });
  return best;
}

async function chartBlock(chart: ChartRenderer, run: RunResult, opts: { vm?: string; thresholdPct?: number }): Promise<string> {
  const image = await chart(run, opts).catch(() => '');
  if (!image) return '';
  return `${image}\n\n*Guest CPU of ${md(opts.vm ?? 'the active VM')} at ${md(run.label)}${opts.thresholdPct !== undefined ? `, dashed: the ${num(opts.thresholdPct)} % threshold` : ''}; shaded: the migration.*`;
}
