// Inlay hints with the model's predictions, at the end of the lines they concern: each
// `migrate` statement (migration time, downtime, incomplete calls), the load line
// (`sweep`: incomplete calls per sweep point; `load`: the run's figures) and the phase-1
// threshold (peak guest CPU, longest time above it).
import type { Analysis } from '../../language';
import { convergence } from '../../model';
import { prop } from '../../language/semantic/entities';
import { num, span } from './markdown';
import { causesText, labels, migrationPredictions, thresholdPoints, thresholdSite, type Outcome } from './predictions';

export interface Hint {
  offset: number;
  label: string;
  tooltip?: string;
}

export function inlayHints(a: Analysis, o: Outcome): Hint[] {
  const hints: Hint[] = [];
  for (const m of migrationPredictions(a, o)) {
    if (!m.points.length) continue;
    const ok = m.points.filter((p) => p.result.migrationTimeS !== null);
    const stuck = m.points.filter((p) => convergence(p.result) === 'never');
    const running = m.points.filter((p) => convergence(p.result) === 'unfinished');
    const parts: string[] = [];
    if (ok.length) parts.push(span(ok.map((p) => p.result.migrationTimeS!), 's'), `downtime ${span(ok.map((p) => p.result.downtimeMs ?? 0), 'ms', 0)}`);
    const incomplete = m.points.map((p) => Math.round(p.incomplete));
    if (incomplete.some((n) => n > 0)) parts.push(`${span(incomplete, 'incomplete', 0)}`);
    if (running.length) parts.push(`unfinished at ${labels(running)}`);
    if (stuck.length) parts.push(`no convergence at ${labels(stuck)}`);
    hints.push({ offset: m.entity.prop.member.end, label: `⇒ ${parts.join(' · ')}`, tooltip: 'Predicted by the sipmig model (migration time, downtime, incomplete calls)' });
  }

  const sweep = prop(a.entities.workload, 'sweep');
  const load = prop(a.entities.workload, 'load');
  if (sweep && o.results.length > 1) {
    const per = o.results.map((r) => `${num(r.offeredCps)}: ${Math.round(r.incompleteCalls.total)}`);
    hints.push({ offset: sweep.member.end, label: `⇒ incomplete calls ${per.join(' · ')}`, tooltip: 'Incomplete calls predicted at each sweep point (cps: calls)' });
  } else if (load && o.results.length === 1) {
    const r = o.results[0];
    const causes = causesText([r.incompleteCalls.byCause]);
    hints.push({ offset: load.member.end, label: `⇒ ${Math.round(r.incompleteCalls.total)} incomplete calls${causes ? ` (${causes})` : ''}${r.overload.maxPhase ? ` · overload phase ${r.overload.maxPhase}` : ''}` });
  }

  const site = thresholdSite(a);
  if (site) {
    const pts = thresholdPoints(o, site.pct);
    const longest = Math.max(...pts.map((p) => p.longestAboveS).filter((x) => !Number.isNaN(x)), 0);
    hints.push({ offset: site.line.end, label: `⇒ peak guest CPU ${span(pts.map((p) => p.peakPct), '%', 0)} · longest above ${num(longest)} s`, tooltip: `Guest CPU of the active VM against this threshold, over all runs (phase 1 needs ${num(site.persistenceS)} s above it)` });
  }
  return hints.sort((x, y) => x.offset - y.offset);
}
