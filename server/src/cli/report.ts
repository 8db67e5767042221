// `sipmig report FILE [-o report.html] [--svg DIR] [--run all|LABEL]...`
//
// Usage from the CLI main (which owns parsing the scenario and running the model):
//   import { parseReportArgs, report } from './report';
//   const args = parseReportArgs(argv);            // throws ReportUsageError on bad flags
//   const file = simulateAll(...);                // FileResult of args.file
//   await report(args.file, args, file, chartContextOf(scenario));
// Writes one self-contained HTML page (inline SVG charts + results table) to --out
// (default: FILE with .html instead of .sipmig) and, with --svg DIR, one SVG per chart.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildReport, type ChartContext } from '../charts';
import type { FileResult } from '../model/output';

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
