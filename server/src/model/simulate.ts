// The model's entry points: one run (a RunInput) in, its RunResult out. The step loop is
// simulation.ts, its fast-forward fastForward.ts, the result's assembly result.ts.
import type { RunInput } from './input';
import type { RunResult } from './output';
import { now } from './clock';
import { Simulation, type SimulateOptions } from './simulation';
import { buildResult, toArray, toTyped } from './result';

export type { SimulateOptions } from './simulation';

export function simulate(run: RunInput, opts: SimulateOptions = {}): RunResult<number[]> {
  return buildResult(...runSimulation(run, opts), toArray);
}

/**
 * `simulate` with the series as Float64Arrays (the model's own arrays, handed over): the
 * language server's workers hand their buffers to the main thread without copying them,
 * where plain arrays cost a conversion on each side (docs/limits.md, the time budget).
 */
export function simulateTyped(run: RunInput, opts: SimulateOptions = {}): RunResult<Float64Array> {
  return buildResult(...runSimulation(run, opts), toTyped);
}

/** How many of a run's steps the fast-forward copied instead of simulating (for tests and benchmarks). */
export function skippedSteps(run: RunInput, opts: SimulateOptions = {}): { steps: number; skipped: number } {
  const [sim, steps] = runSimulation(run, opts);
  return { steps, skipped: sim.ff?.skipped ?? 0 };
}

function runSimulation(run: RunInput, opts: SimulateOptions): [Simulation, number] {
  const t0wall = now();
  const sim = new Simulation(run, opts);
  return [sim, sim.runSteps(opts.budgetMs ?? Infinity, t0wall)];
}
