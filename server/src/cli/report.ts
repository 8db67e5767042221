// `sipmig report FILE [-o report.html] [--svg DIR] [--run all|LABEL]...`
// Writes one self-contained HTML page (inline SVG charts + results table) to --out
// (default: FILE with .html instead of .sipmig) and, with --svg DIR, one SVG per chart.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildReport, type ChartContext, chartContextOf } from '../charts';
import { simulateAll } from '../model';
import type { FileResult } from '../model/output';
import { loadCheckedScenario } from './files';
import type { CliIo } from './io';

export interface ReportArgs {
  file: string;
  out?: string;
  svgDir?: string;
  runs?: 'all' | string[];
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
  const loaded = loadCheckedScenario(file, io);
  if (!loaded.ok) return loaded.code;
  const a = loaded.analysis;
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
