// One advice job, run in a worker thread: the document's text in; the advice and the run
// the chart panel compares (the advised run with the best option applied) out, as plain
// data. The worker analyzes the text itself because the advisor needs the analysis (its
// options are text edits), which holds functions and cannot cross threads.
import { analyze } from '../../language';
import { applyEdits } from '../../language/applyEdits';
import { advise } from '../../advisor/advise';
import type { Advice } from '../../advisor/types';
import { simulateTyped } from '../../model';
import type { RunInput } from '../../model/input';
import { bestForPlan, type AdviceComparison } from '../features/advice';

export interface AdviceRequest {
  kind: 'advice';
  id: number;
  text: string;
  /** The sipmig.model.step override, so the advice matches the model results of the editor. */
  stepS?: number;
}

export type AdviceReply = { kind: 'advice'; id: number; advice: Advice; comparison?: AdviceComparison; elapsedMs: number } | { kind: 'advice'; id: number; error: string };

export function isAdviceRequest(m: unknown): m is AdviceRequest {
  return !!m && typeof m === 'object' && (m as { kind?: unknown }).kind === 'advice';
}

/** The runs with the editor's step override (the same as ModelService.prepare). */
export function withStep(runs: RunInput[], stepS: number | undefined): RunInput[] {
  return stepS === undefined ? runs : runs.map((r) => ({ ...r, scenario: { ...r.scenario, stepS } }));
}

export function runAdviceJob(req: AdviceRequest): AdviceReply {
  const t0 = performance.now();
  try {
    const analysis = analyze(req.text);
    const a = { ...analysis, runs: withStep(analysis.runs, req.stepS) };
    const advice = advise(a);
    return { kind: 'advice', id: req.id, advice, comparison: comparison(req, a.runs, advice), elapsedMs: performance.now() - t0 };
  } catch (e) {
    return { kind: 'advice', id: req.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
}

/**
 * The option the whole plan fails fewest calls with (advisor/offered.ts, bestForPlan), applied to the text as the code action would
 * apply it, and its advised run simulated again: the panel's "recommended" side. Going
 * through the text (not the option's model change) also shows that the edits do what the
 * figures say.
 */
function comparison(req: AdviceRequest, runs: RunInput[], advice: Advice): AdviceComparison | undefined {
  const chosen = bestForPlan(advice);
  if (!chosen) return undefined;
  const { migration: m, option: best } = chosen;
  const after = analyze(applyEdits(req.text, best.edits));
  const run = withStep(after.runs, req.stepS).find((r) => r.label === m.runLabel);
  const current = runs.find((r) => r.label === m.runLabel);
  if (!run || !current) return undefined;
  return {
    migration: m.index,
    optionId: best.id,
    option: best.title,
    runLabel: m.runLabel,
    recommended: simulateTyped(run, { series: true }),
    activeVm: { current: current.scenario.cluster.active, recommended: run.scenario.cluster.active },
  };
}
