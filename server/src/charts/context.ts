// What a chart needs beyond RunResult: the overload thresholds and the cluster roles live in
// the scenario (model input), not in the model output. The language server sends them with
// `sipmig/results`; the CLI derives them from its ScenarioInput with chartContextOf().
import type { OverloadPolicy, ScenarioInput } from '../model/input';
import type { FileResult, RunResult } from '../model/output';
import type { SentRun } from './decimate';

export interface Threshold {
  /** e.g. "phase 1 start" */
  label: string;
  pct: number;
  /** The VM whose CPU the threshold applies to (the active VM for cpu_phases). */
  vm?: string;
}

export interface ChartContext {
  thresholds?: Threshold[];
  cluster?: { active: string; standby: string };
}

/** A source range as LSP sends it (0-based line and character). */
export interface SourceRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * The `sipmig/results` answer as the panel reads it. `file` is the model output; each
 * migration may carry the `range` of its `migrate` statement (or the file carries
 * `migrationRanges`, aligned with the scenario's migrate statements), so a click on a
 * migration in a chart can reveal the statement. `file` is null while the document has
 * errors that stop the model; `message` then says why.
 */
export interface ResultsResponse {
  /** Document version the results belong to; null when the server does not have the document open. */
  version: number | null;
  /** Runs may carry `decimated` (their series were thinned for transfer) or `seriesOmitted` (not asked for). */
  file: (Omit<FileResult, 'runs'> & ChartContext & { runs: SentRun[]; migrationRanges?: SourceRange[] }) | null;
  thresholds?: Threshold[];
  cluster?: { active: string; standby: string };
  message?: string;
}

export function thresholdsOf(policy: OverloadPolicy, activeVm?: string): Threshold[] {
  if (policy.kind !== 'cpu-phases') return [];
  const out: Threshold[] = [];
  for (const p of policy.phases) {
    out.push({ label: `phase ${p.phase} start`, pct: p.startAbovePct, vm: activeVm });
  }
  return out;
}

export function chartContextOf(scenario: ScenarioInput): ChartContext {
  return {
    thresholds: thresholdsOf(scenario.app.overload, scenario.cluster.active),
    cluster: { active: scenario.cluster.active, standby: scenario.cluster.standby },
  };
}

/**
 * Active and standby VM names: from the context when given, otherwise guessed from a
 * migration's role (in a 2N cluster of two VMs the other VM has the other role).
 */
export function clusterOf(run: RunResult, ctx: ChartContext): { active?: string; standby?: string } {
  if (ctx.cluster) return ctx.cluster;
  const vms = Object.keys(run.cpu.vms);
  const m = run.migrations.find((x) => x.role === 'active' || x.role === 'standby');
  if (!m || vms.length !== 2) return {};
  const other = vms.find((v) => v !== m.vm);
  return m.role === 'active' ? { active: m.vm, standby: other } : { active: other, standby: m.vm };
}
