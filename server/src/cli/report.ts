// `sipmig report FILE [-o report.html] [--svg DIR] [--run all|LABEL]...`
// Writes one self-contained HTML page (inline SVG charts + results table) to --out
// (default: FILE with .html instead of .sipmig) and, with --svg DIR, one SVG per chart.
//
// Wiring in the CLI main (server/src/cli/main.ts), next to `run`:
//   report: {
//     options: { out: { type: 'string', short: 'o' }, svg: { type: 'string' }, run: { type: 'string', multiple: true } },
//     run: (files, v, io) => files.length === 1
//       ? reportFile(files[0], { out: v.out as string | undefined, svgDir: v.svg as string | undefined, runs: reportRuns(v.run) }, io)
//       : usage(io, 'report takes exactly one FILE'),
//   },
// and in HELP: `sipmig report FILE [-o OUT.html] [--svg DIR] [--run all|LABEL]...` (REPORT_USAGE).
// Or, with a FileResult at hand: `await report(filePath, { out, svgDir }, fileResult, chartContextOf(scenario))`.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildReport, type ChartContext, chartContextOf } from '../charts';
import { analyze } from '../language';
import { simulateAll } from '../model';
import type { FileResult } from '../model/output';
import { checkFiles } from './check';
import { readScenario } from './files';
import type { CliIo } from './io';

export interface ReportArgs {
  file: string;
  out?: string;
  svgDir?: string;
  runs?: 'all' | string[];
}

export class ReportUsageError extends Error {}

export const REPORT_USAGE = `usage: sipmig report FILE [-o|--out report.html] [--svg DIR] [--run all|LABEL]...
  Writes an HTML page with the charts and results of FILE; --svg DIR also writes one SVG per chart.
  --run chooses the runs whose time series are charted (default: the highest offered load).`;

export function parseReportArgs(argv: string[]): ReportArgs {
  const args: Partial<ReportArgs> = {};
  const runs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('-')) throw new ReportUsageError(`${a} needs a value\n${REPORT_USAGE}`);
      return v;
    };
    if (a === '-o' || a === '--out') args.out = value();
    else if (a === '--svg') args.svgDir = value();
    else if (a === '--run') runs.push(value());
    else if (a.startsWith('-')) throw new ReportUsageError(`unknown option ${a}\n${REPORT_USAGE}`);
    else if (args.file) throw new ReportUsageError(`one scenario file only, got ${args.file} and ${a}\n${REPORT_USAGE}`);
    else args.file = a;
  }
  if (!args.file) throw new ReportUsageError(`no scenario file given\n${REPORT_USAGE}`);
  if (runs.length) args.runs = runs.includes('all') ? 'all' : runs;
  return args as ReportArgs;
}

/** Default output: the scenario's path with .html. */
export function defaultOut(filePath: string): string {
  const ext = path.extname(filePath);
  return (ext ? filePath.slice(0, -ext.length) : filePath) + '.html';
}

/** Writes the report; returns the paths written (HTML first). */
export async function report(filePath: string, opts: { out?: string; svgDir?: string; runs?: 'all' | string[] }, file: FileResult, ctx: ChartContext = {}): Promise<string[]> {
  const { html, svgs } = await buildReport(file, { ...ctx, runs: opts.runs, generatedAt: new Date().toISOString() });
  const out = opts.out ?? defaultOut(filePath);
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  await writeFile(out, html, 'utf8');
  const written = [out];
  if (opts.svgDir) {
    await mkdir(opts.svgDir, { recursive: true });
    for (const [name, svg] of Object.entries(svgs)) {
      const p = path.join(opts.svgDir, name);
      await writeFile(p, svg, 'utf8');
      written.push(p);
    }
  }
  return written;
}

/** `--run` values as parseArgs gives them (string[] or undefined) -> ReportArgs.runs. */
export function reportRuns(v: unknown): ReportArgs['runs'] {
  if (!Array.isArray(v) || !v.length) return undefined;
  return v.includes('all') ? 'all' : v.map(String);
}

/**
 * The `sipmig report` command: simulates FILE (series included) and writes the report.
 * Exit codes as `sipmig run`: 0 ok, 1 errors in the scenario (printed), 2 unreadable file.
 */
export async function reportFile(file: string, opts: { out?: string; svgDir?: string; runs?: ReportArgs['runs'] }, io: CliIo): Promise<number> {
  const read = readScenario(file);
  if (!read.ok) {
    io.err(`sipmig: ${read.message}`);
    return read.usage ? 2 : 1;
  }
  const a = analyze(read.text);
  if (a.diagnostics.some((d) => d.severity === 'error')) {
    io.err(`sipmig: ${file} has errors; fix them first:`);
    checkFiles([file], false, { out: io.err, err: io.err });
    return 1;
  }
  const result: FileResult = { file, runs: simulateAll(a.runs, { series: true }) };
  if (Array.isArray(opts.runs)) {
    const unknown = opts.runs.filter((l) => !result.runs.some((r) => r.label === l));
    if (unknown.length) {
      io.err(`sipmig: no run ${unknown.map((l) => JSON.stringify(l)).join(', ')} in ${file}; runs: ${result.runs.map((r) => r.label).join(', ')}`);
      return 2;
    }
  }
  // Thresholds and cluster roles come from the scenario, not from the model output.
  const scenario = a.runs[0]?.scenario;
  const written = await report(file, opts, result, scenario ? chartContextOf(scenario) : {});
  for (const p of written) io.out(p);
  return 0;
}
