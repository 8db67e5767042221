// Model-derived diagnostics (codes PRED001..PRED007, registered in validation/codes.ts):
// the silent-overload warning on the phase-1 threshold, the predicted figures on each
// `migrate` statement, non-convergence, a migration the scenario ends before it resumes, a model
// run cut short by its time budget, a predicted fail-over and a server behind before any
// migration. Messages carry the numbers so the Problems list alone tells the story.
import type { Analysis } from '../../language';
import type { Diagnostic, Fix } from '../../language/diagnostics';
import { severityOf } from '../../language/validation/codes';
import { child, field, prop } from '../../language/semantic/entities';
import { behindAtMigrationStart, convergence, CPU_WINDOW_S } from '../../model';
import type { MigrationResult } from '../../model/output';
import { formatQuantity } from '../../language/units';
import { TOP_LEVEL } from '../../language/schema/blocks';
import { causesText, isSilentFailure, labels, migrationPredictions, thresholdPoints, thresholdSite, type MigrationPoint, type MigrationPrediction, type Outcome } from './predictions';

import { num, span } from './markdown';

export function predictionDiagnostics(a: Analysis, o: Outcome): Diagnostic[] {
  const out: Diagnostic[] = [];
  const diag = (code: string, s: { start: number; end: number }, message: string, extra: Partial<Diagnostic> = {}) =>
    out.push({ code, severity: severityOf(code), message, start: s.start, end: s.end, ...extra });
  const migrations = migrationPredictions(a, o);

  const site = thresholdSite(a);
  if (site) {
    const silent = thresholdPoints(o, site.pct).filter(isSilentFailure);
    if (silent.length) {
      const vm = silent[0].vm;
      const longest = Math.max(...silent.map((p) => p.longestAboveS));
      const causes = causesText(silent.map((p) => p.byCause));
      const above = Number.isNaN(longest) ? '' : ` and stays above it for at most ${num(longest)} s in a row (phase 1 needs ${num(site.persistenceS)} s)`;
      diag(
        'PRED001',
        site.span,
        `Calls fail during the migration, but this overload control never triggers: at ${labels(silent)} the model predicts ${span(silent.map((p) => Math.round(p.incomplete)), 'incomplete calls', 0)}${causes ? ` (${causes})` : ''}, while the guest CPU of the active VM '${vm}' peaks at ${span(silent.map((p) => p.peakPct), '%', 0)} against this ${num(site.pct)} % threshold${above}. A CPU threshold does not see a migration's delays: watch the server during and after the migration.`,
        { related: migrations.map((m) => ({ span: m.entity.prop.member, message: `migration of '${m.entity.vm.value}' at ${num(m.entity.at.value)} s` })) },
      );
    }
  }

  for (const m of migrations) {
    const line = m.entity.prop.member;
    const ok = m.points.filter((p) => p.result.converged && p.result.migrationTimeS !== null);
    if (ok.length) diag('PRED002', line, migrationSummary(m, ok));
    const stuck = m.points.filter((p) => convergence(p.result) === 'never');
    // A run the time budget stopped is unfinished for another reason (PRED004): the scenario is long enough.
    const running = m.points.filter((p) => convergence(p.result) === 'unfinished' && !p.cut);
    if (running.length) diag('PRED007', line, unfinishedMessage(m.entity.vm.value, m.entity.to.value, running), { related: durationSite(a), fixes: lengthenFix(a, neededDurationS(running)) });
    if (stuck.length) {
      const p = stuck[stuck.length - 1];
      // The settings as the user wrote them (or the documented defaults), not converted.
      const written = (name: 'speed_cap' | 'max_downtime', part: string) => {
        const v = field(prop(a.entities.migration, name), part);
        return v ? a.text.slice(v.start, v.end) : `${TOP_LEVEL.get('migration')!.props.find((x) => x.name === name)!.default} (default)`;
      };
      const cap = written('speed_cap', 'cap');
      const downtime = written('max_downtime', 'downtime');
      const related = (['speed_cap', 'max_downtime'] as const).map((n) => prop(a.entities.migration, n)).filter((x) => x !== undefined).map((x) => ({ span: x.member, message: `${x.def.name} of this migration` }));
      // Too slow (a first pass bigger than an hour at the cap) is a different story from dirtying.
      const slow = p.result.unfinished?.stuck === 'slow';
      diag(
        'PRED003',
        line,
        slow
          ? `'${m.entity.vm.value}' does not converge at ${labels(stuck)}: ${formatQuantity(p.result.unfinished!.remainingBytes, 'bytes')} are still to send when the scenario ends at ${num(p.durationS)} s, more than another hour at ${cap}. Raise speed_cap, or migrate a VM with less memory in use.`
          : `'${m.entity.vm.value}' never converges at ${labels(stuck)}: after ${p.result.rounds} pre-copy rounds and ${formatQuantity(p.result.bytesSent, 'bytes')} sent, the memory it dirties still does not fit in ${downtime} of downtime at ${cap} when the scenario ends at ${num(p.durationS)} s, and at that rate and dirtying it never will. Raise speed_cap or max_downtime, or migrate at a lower load.`,
        { related },
      );
    }
    const failover = m.points.filter((p) => p.failover);
    if (failover.length && m === migrations.find((x) => x.points.some((p) => p.failover)))
      diag('PRED005', line, `The model predicts an HA fail-over at ${labels(failover)}: the active VM stops answering the middleware longer than failover_after during this migration. The study saw none; check the migration settings and the load.`);
  }

  const behind = behindBeforeMigration(a, o);
  if (behind) out.push(behind);

  const cut = o.results.filter((r) => r.budgetExceeded);
  if (cut.length) {
    const step = field(prop(a.entities.scenario, 'step'), 'step');
    const where = step ?? a.entities.scenario?.member.key ?? { start: 0, end: 0 };
    diag('PRED004', where, `The model stopped at its time budget (${o.budgetMs} ms) in ${cut.length} of ${o.results.length} runs (${cut.map((r) => r.label).join(', ')}); their predictions cover only part of the scenario. Use a larger step (or the sipmig.model.step setting) or raise sipmig.model.timeBudgetMs.`);
  }
  return out;
}

/**
 * PRED007: a migration the scenario ends before it resumes, which would converge with more
 * time. Its figures (migration time, downtime, the CPU after it) are not in the run: the fix is
 * a longer scenario, not other migration settings.
 */
function unfinishedMessage(vm: string, to: string, running: MigrationPoint[]): string {
  const ends = running.map((p) => p.durationS);
  const more = running.map((p) => p.result.unfinished!.resumesAfterS!);
  const left = running.map((p) => p.result.unfinished!.remainingBytes);
  const needed = neededDurationS(running);
  return (
    `'${vm}' is still migrating at ${labels(running)} when the scenario ends (at ${span(ends, 's')}, ${formatQuantity(Math.max(...left), 'bytes')} left): held at its last transfer rate and dirtying, it would resume on ${to} ${span(more, 's')} later, so it only needs more time. ` +
    `Its migration time, downtime and the minute after it are not predicted: lengthen the scenario to at least ${num(needed)} s (duration).`
  );
}

/** The duration that shows every unfinished migration's end and the 60 s after it that the CPU summaries read. */
function neededDurationS(running: MigrationPoint[]): number {
  return Math.max(...running.map((p) => Math.ceil(p.durationS + p.result.unfinished!.resumesAfterS! + CPU_WINDOW_S)));
}

/** "Lengthen the scenario to 519 s": the written duration replaced (none without a `duration` to edit: its default is not in the text). */
function lengthenFix(a: Analysis, seconds: number): Fix[] {
  const v = field(prop(a.entities.scenario, 'duration'), 'duration');
  return v ? [{ title: `Lengthen the scenario to ${num(seconds)} s`, edits: [{ start: v.start, end: v.end, newText: `${seconds} s` }], preferred: true }] : [];
}

/** The scenario's duration (or its header), as related information for PRED007. */
function durationSite(a: Analysis): { span: { start: number; end: number }; message: string }[] {
  const d = prop(a.entities.scenario, 'duration');
  const where = d?.member ?? a.entities.scenario?.member.key;
  return where ? [{ span: where, message: 'the scenario ends here' }] : [];
}

/**
 * PRED006 on the workload's load: the runs whose SIP-AS already fell behind before any
 * migration. The migration starts from a backlog that no migration setting removes; the guest
 * CPU before the migration shows how little a CPU threshold sees of it.
 */
function behindBeforeMigration(a: Analysis, o: Outcome): Diagnostic | undefined {
  const runs = o.results.map((r, i) => ({ r, run: o.runs[i] })).filter(({ r }) => behindAtMigrationStart(r));
  if (!runs.length) return undefined;
  const wl = a.entities.workload;
  const where = prop(wl, 'sweep')?.member ?? prop(wl, 'load')?.member ?? child(wl, 'profile')[0]?.member.key ?? wl?.member.key;
  if (!where) return undefined;
  const first = runs[0].r;
  const start = first.atMigrationStart!;
  // The first migration to start (it starts at the first step at or after its time).
  const vm = first.migrations.reduce<MigrationResult | undefined>((x, m) => (!x || m.startS < x.startS ? m : x), undefined)?.vm;
  const active = runs[0].run?.scenario.cluster.active ?? '';
  const cpu = runs.map(({ r }) => r.cpu.vms[active]?.beforePct).filter((x): x is number => Number.isFinite(x));
  const timedOut = runs.map(({ r }) => r.atMigrationStart!.timedOutCalls).filter((n) => n >= 1);
  const at = o.results.length > 1 ? `At ${labels(runs.map(({ r }) => r))} the` : 'The';
  return {
    code: 'PRED006',
    severity: severityOf('PRED006'),
    start: where.start,
    end: where.end,
    message:
      `${at} SIP-AS does not keep up with its load before any migration: when ${vm ? `'${vm}' starts migrating` : 'the first migration starts'} at ${num(start.atS)} s, new calls already wait ${span(runs.map(({ r }) => r.atMigrationStart!.inviteWaitS), 's')} (Timer B is ${num(first.timerBS)} s)` +
      `${timedOut.length ? ` and ${span(timedOut, 'calls', 0)} have already timed out` : ''}` +
      `${cpu.length ? `, while the guest CPU of the active VM '${active}' averages ${span(cpu, '%', 0)} over the minute before` : ''}. ` +
      `The migration starts from that backlog, and no migration setting removes it: lower the load or give the SIP-AS more capacity before migrating.`,
    related: a.entities.migrations.map((m) => ({ span: m.prop.member, message: `migration of '${m.vm.value}' at ${num(m.at.value)} s` })),
  };
}

/** "Predicted over 0–40 cps: migration time 60 s (0 cps) to 146.7 s (40 cps), downtime up to 31 ms; 48–52 incomplete calls at 25, 30 cps." */
export function migrationSummary(m: MigrationPrediction, ok = m.points.filter((p) => p.result.converged)): string {
  const downtimes = ok.map((p) => p.result.downtimeMs ?? 0);
  const failing = m.points.filter((p) => Math.round(p.incomplete) >= 1);
  const causes = causesText(failing.map((p) => p.byCause));
  const incomplete = failing.length
    ? `; ${span(failing.map((p) => Math.round(p.incomplete)), 'incomplete calls', 0)}${m.points.length > 1 ? ` at ${labels(failing)}` : ''}${causes ? ` (${causes})` : ''}`
    : '';
  const margin = waitMargin(m.points) + backlogNote(m.points) + overlapNote(m.points);
  if (ok.length === 1) {
    const p = ok[0];
    return `Predicted at ${p.label}: migration time ${num(p.result.migrationTimeS!)} s, downtime ${num(p.result.downtimeMs ?? 0)} ms${incomplete}${margin}.`;
  }
  const lo = ok.reduce((x, y) => (y.result.migrationTimeS! < x.result.migrationTimeS! ? y : x));
  const hi = ok.reduce((x, y) => (y.result.migrationTimeS! > x.result.migrationTimeS! ? y : x));
  const times = num(lo.result.migrationTimeS!) === num(hi.result.migrationTimeS!) ? `${num(lo.result.migrationTimeS!)} s at every load` : `${num(lo.result.migrationTimeS!)} s (${lo.label}) to ${num(hi.result.migrationTimeS!)} s (${hi.label})`;
  return `Predicted over ${span(ok.map((p) => p.cps), 'cps')}: migration time ${times}, downtime up to ${num(Math.max(...downtimes))} ms${incomplete}${margin}.`;
}

/**
 * "; at 40 cps it starts in the backlog the migration of 'sipas1' left (new calls wait 5.2 s at
 * 270 s): start it later (hover for the advisor)" when it does at some point.
 */
function backlogNote(points: MigrationPoint[]): string {
  const inBacklog = points.filter((p) => p.backlog);
  if (!inBacklog.length) return '';
  // In a sweep the backlog can be a different migration's at different loads: name each.
  const parts = groupBy(inBacklog, (p) => `${p.backlog!.after.vm}@${p.backlog!.after.startS}`).map((g) => {
    const scope = points.length > 1 ? ` at ${labels(g)}` : '';
    return `${scope} in the backlog the migration of '${g[0].backlog!.after.vm}' left (new calls already wait ${span(g.map((p) => p.backlog!.waitS), 's')} at ${num(g[0].result.startS)} s)`;
  });
  return `; it starts${parts.join(', and')}: start it later (hover for the advisor)`;
}

/**
 * "; it starts while the migration of 'sipas1' is under way (from 120 s to 231.7 s): start it
 * after (hover for the advisor)" when, in a run where calls fail, an earlier-started migration
 * that ends is still under way as it starts. Overlapping migrations that fail nothing are not
 * flagged. In a sweep, each earlier migration is named with the loads where it overlaps.
 */
function overlapNote(points: MigrationPoint[]): string {
  // An earlier migration that never ends cannot be waited for: nothing to propose.
  const hits = points.filter((p) => p.overlaps && p.overlaps.endS !== null && Math.round(p.incomplete) >= 1);
  if (!hits.length) return '';
  const parts = groupBy(hits, (p) => `${p.overlaps!.vm}@${p.overlaps!.startS}`).map((g) => {
    const o = g[0].overlaps!;
    const scope = points.length > 1 ? ` at ${labels(g)}` : '';
    return `${scope} while the migration of '${o.vm}' is under way (from ${num(o.startS)} s to ${span(g.map((p) => p.overlaps!.endS!), 's')})`;
  });
  return `; it starts${parts.join(', and')}: start it after (hover for the advisor)`;
}

/** `items` grouped by `key`, groups in order of their first item. */
function groupBy<T>(items: T[], key: (x: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const g = groups.get(k);
    if (g) g.push(x);
    else groups.set(k, [x]);
  }
  return [...groups.values()];
}

/** A wait of new calls shorter than this share of Timer B is not worth a mention. */
const MARGIN_SHARE = 0.1;

/**
 * How close the runs without failed calls come to failing them: "; without failed calls,
 * new calls still wait up to 28.5 s (39 cps), Timer B is 32 s". Incomplete calls appear
 * only once new calls wait as long as Timer B, so a long wait is the warning a zero hides.
 */
export function waitMargin(points: MigrationPoint[]): string {
  const fine = points.filter((p) => Math.round(p.incomplete) < 1 && p.peakInviteWaitS >= MARGIN_SHARE * p.timerBS);
  if (!fine.length) return '';
  const worst = fine.reduce((x, y) => (y.peakInviteWaitS > x.peakInviteWaitS ? y : x));
  const where = points.length > 1 ? ` (${worst.label})` : '';
  return `; without failed calls, new calls still wait up to ${num(worst.peakInviteWaitS)} s${where}, Timer B is ${num(worst.timerBS)} s`;
}

