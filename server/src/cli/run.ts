// `sipmig run FILE [--json] [--series] [--csv FILE]`: runs every run (sweep point) of a scenario.
import { writeFileSync } from 'node:fs';
import { failureSeriesOf, migrationCost, simulate, simulateAll, startsInBacklogOf, withoutMigrations } from '../model';
import type { FileResult, IncompleteCalls, RunResult } from '../model/output';
import type { RunInput } from '../model/input';
import { formatRunTable, seriesToCsv } from './runFormat';
import { loadCheckedScenario } from './files';
import type { CliIo } from './io';

export interface RunOptions {
  json: boolean;
  series: boolean;
  csv?: string;
}

/** Analyzes and simulates a file; returns null (after printing why) when it cannot run. */
export function simulateFile(file: string, io: CliIo, series: boolean): { result: FileResult; runs: RunInput[]; code: number } | { result: null; code: number } {
  const loaded = loadCheckedScenario(file, io);
  if (!loaded.ok) return { result: null, code: loaded.code };
  const runs = loaded.analysis.runs;
  return { result: { file, runs: simulateAll(runs, { series }) }, runs, code: 0 };
}

/**
 * The results with, for a run whose summary says a migration starts in an earlier one's
 * backlog, the two series that confirm it (startsInBacklogOf: the queue never emptied in
 * between): that run again, its other series dropped, so a long sweep does not keep them all.
 */
function withBacklogEvidence(runs: RunInput[], results: RunResult[]): RunResult[] {
  return results.map((r, i) => {
    if (r.series || !r.migrations.some((_, k) => startsInBacklogOf(r, k) !== null)) return r;
    const s = simulate(runs[i], { series: true }).series!;
    return { ...r, series: { tS: s.tS, queueDelayS: s.queueDelayS } };
  });
}

/**
 * For each run that `wanted` picks, what each of its migrations answers for
 * (model/attribution.ts): its window's calls less those the same run without migrations fails
 * there. A run that fails calls takes one more run for that, of mostly steady steps, whose
 * failure series alone are kept. Empty for the runs not picked; null for a migration that never
 * started.
 */
function migrationCosts(runs: RunInput[], results: RunResult[], wanted: (r: RunResult) => boolean): (IncompleteCalls | null)[][] {
  return results.map((r, i) => {
    if (!wanted(r)) return [];
    if (r.incompleteCalls.total === 0) return r.migrations.map((m) => (m.incompleteCalls === null ? null : { total: 0, byCause: {} }));
    const anyway = failureSeriesOf(simulate(withoutMigrations(runs[i]), { series: true }));
    return r.migrations.map((m, k) => (m.incompleteCalls === null ? null : migrationCost(r, k, anyway)));
  });
}

export function runFile(file: string, opts: RunOptions, io: CliIo): number {
  const sim = simulateFile(file, io, opts.series || opts.csv !== undefined);
  if (!sim.result) return sim.code;
  const result = sim.result;
  if (opts.csv) {
    // One CSV per file: the runs one after another, each row tagged with its run label.
    const csv = result.runs.map((r, i) => seriesToCsv(r).split('\n').map((line, j) => (j === 0 ? (i === 0 ? `run,${line}` : '') : line ? `${JSON.stringify(r.label)},${line}` : '')).filter(Boolean).join('\n')).join('\n');
    writeFileSync(opts.csv, csv + '\n');
  }
  if (opts.json) {
    // Every migration with the calls it answers for, as the language server sends them.
    const costs = migrationCosts(sim.runs, result.runs, (r) => r.migrations.length > 0);
    const runs = result.runs.map(({ series, ...r }, i) => ({ ...r, migrations: r.migrations.map((m, k) => ({ ...m, answerableCalls: costs[i][k] })), ...(opts.series ? { series } : {}) }));
    io.out(JSON.stringify({ ...result, runs }, null, 2));
  } else {
    const costs = migrationCosts(sim.runs, result.runs, (r) => r.migrations.length > 0 && r.incompleteCalls.total > 0);
    io.out(formatRunTable({ ...result, runs: withBacklogEvidence(sim.runs, result.runs) }, costs));
  }
  return 0;
}
