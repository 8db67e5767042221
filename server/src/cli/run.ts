// `sipmig run FILE [--json] [--series] [--csv FILE]`: runs every run (sweep point) of a scenario.
import { writeFileSync } from 'node:fs';
import { simulateAll } from '../model';
import type { FileResult } from '../model/output';
import type { RunInput } from '../model/input';
import { formatRunTable, seriesToCsv } from './runFormat';
import { loadCheckedScenario } from './files';
import type { CliIo } from './io';

export interface RunOptions {
  json: boolean;
  series: boolean;
  csv?: string;
}

/** Analyzes and simulates a file (with series when `series` says so); returns null (after printing why) when it cannot run. */
export function simulateFile(file: string, io: CliIo, series: (runs: RunInput[]) => boolean): { result: FileResult; code: number } | { result: null; code: number } {
  const loaded = loadCheckedScenario(file, io);
  if (!loaded.ok) return { result: null, code: loaded.code };
  const runs = loaded.analysis.runs;
  return { result: { file, runs: simulateAll(runs, { series: series(runs) }) }, code: 0 };
}

export function runFile(file: string, opts: RunOptions, io: CliIo): number {
  // The table's note on a migration that starts in an earlier one's backlog reads the series.
  const sim = simulateFile(file, io, (runs) => opts.series || opts.csv !== undefined || (!opts.json && (runs[0]?.scenario.migrations.length ?? 0) > 1));
  if (!sim.result) return sim.code;
  const result = sim.result;
  if (opts.csv) {
    // One CSV per file: the runs one after another, each row tagged with its run label.
    const csv = result.runs.map((r, i) => seriesToCsv(r).split('\n').map((line, j) => (j === 0 ? (i === 0 ? `run,${line}` : '') : line ? `${JSON.stringify(r.label)},${line}` : '')).filter(Boolean).join('\n')).join('\n');
    writeFileSync(opts.csv, csv + '\n');
  }
  if (opts.json) {
    if (!opts.series) for (const r of result.runs) delete r.series;
    io.out(JSON.stringify(result, null, 2));
  } else io.out(formatRunTable(result));
  return 0;
}
