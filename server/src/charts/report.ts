// One self-contained HTML page (inline SVG charts, inline CSS, no script) with the charts of
// a FileResult and a results table. Everything a user named is HTML-escaped here; chart
// text is escaped by vega's SVG renderer.
import type { FileResult, MigrationResult, RunResult } from '../model/output';
import { behindAtMigrationStart, migratedVmCpu, neverConverges, overlappedAtStart, startsInBacklogOf } from '../model/summary';
import { type ChartEntry, runCharts, sweepCharts } from './catalog';
import type { ChartContext } from './context';
import { escapeHtml as h, round } from './data';
import { compareWithReference, METRIC_LABELS } from './reference';
import { renderSvg } from './render';
import { LIGHT_THEME } from './theme';

export interface ReportOptions extends ChartContext {
  /** Which runs get time-series charts: 'all', labels, or (default) the run with the highest load. */
  runs?: 'all' | string[];
  /** Shown in the footer; omitted for reproducible output. */
  generatedAt?: string;
  width?: number;
}

export interface Report {
  html: string;
  /** Chart file name (e.g. "sweep-cpu.svg", "40-cps-cpu.svg") -> SVG. */
  svgs: Record<string, string>;
}

function chosenRuns(file: FileResult, which: ReportOptions['runs']): RunResult[] {
  if (which === 'all') return file.runs;
  if (Array.isArray(which)) return file.runs.filter((r) => which.includes(r.label));
  const top = [...file.runs].sort((a, b) => b.offeredCps - a.offeredCps)[0];
  return top ? [top] : [];
}

/** A file-name-safe slug of a run label: "40 cps" -> "40-cps". */
export function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'run';
}

const num = (v: number | null | undefined, digits = 1): string => (v === null || v === undefined ? '–' : String(round(v, digits)));

/** "behind before the migration: new calls wait 17 s at 120 s" for a run that was (model/summary.ts). */
function behindNote(r: RunResult): string {
  const s = r.atMigrationStart;
  if (!s || !behindAtMigrationStart(r)) return '';
  const timedOut = s.timedOutCalls >= 1 ? `, ${s.timedOutCalls} timed out` : '';
  return `behind before the migration: new calls wait ${num(s.inviteWaitS)} s at ${num(s.atS)} s${timedOut}`;
}

/** "sipas2 starts in the backlog of sipas1's migration (new calls wait 5.2 s at 270 s)" for each migration of the run that does (model/summary.ts). */
function backlogNotes(r: RunResult): string[] {
  return r.migrations.flatMap((m, i) => {
    const b = startsInBacklogOf(r, i);
    return b ? [`${h(m.vm)} starts in the backlog of the migration of ${h(b.after.vm)} (new calls wait ${num(b.waitS)} s at ${num(m.startS)} s)`] : [];
  });
}

/** "sipas1 starts at 300 s while the migration of sipas2 is under way (both answer for the calls failed from then on)", in a run that fails calls. */
function overlapNotes(r: RunResult): string[] {
  if (r.incompleteCalls.total < 1) return [];
  return r.migrations.flatMap((m, i) => {
    const o = overlappedAtStart(r, i);
    return o ? [`${h(m.vm)} starts at ${num(m.startS)} s while the migration of ${h(o.vm)} is under way (both answer for the calls failed from then on)`] : [];
  });
}

/** ", its guest CPU 57.4 % during (12.6 % before)": the migrated VM around its own migration. */
function ownCpu(m: MigrationResult): string {
  const c = migratedVmCpu(m);
  if (!c) return '';
  return `, its guest CPU ${num(c.duringPct)} % during${c.beforePct === null ? '' : ` (${num(c.beforePct)} % before)`}`;
}

function runRows(file: FileResult): string {
  return file.runs
    .map((r) => {
      const migrations = r.migrations.length
        ? r.migrations
            .map((m) => `${h(m.vm)} (${h(m.role)}) ${h(m.from)} → ${h(m.to)}: ${m.converged ? `${num(m.migrationTimeS)} s, downtime ${num(m.downtimeMs)} ms, ${m.rounds} rounds` : neverConverges(m) ? 'did not converge' : `unfinished, ${num(m.unfinished!.resumesAfterS!)} s more`}${ownCpu(m)}`)
            .join('<br>')
        : 'none';
      const causes = Object.entries(r.incompleteCalls.byCause).map(([c, n]) => `${h(c)}: ${n}`).join(', ');
      const vms = Object.entries(r.cpu.vms).map(([vm, c]) => `${h(vm)} ${num(c.beforePct)} / ${num(c.duringPct)} / ${num(c.afterPct)}`).join('<br>');
      const flags = [r.failover ? 'fail-over' : '', r.budgetExceeded ? 'stopped at time budget' : '', behindNote(r), ...backlogNotes(r), ...overlapNotes(r)].filter(Boolean).join(', ');
      return `<tr><td>${h(r.label)}</td><td class="n">${num(r.offeredCps)}</td><td>${migrations}</td><td class="n">${r.incompleteCalls.total}${causes ? ` <span class="m">(${causes})</span>` : ''}</td><td class="n">${r.overload.maxPhase}</td><td>${vms}</td><td>${flags || '–'}</td></tr>`;
    })
    .join('\n');
}

function referenceTable(file: FileResult): string {
  const rows = compareWithReference(file);
  if (!rows.length) return '';
  const body = rows
    .map((c) => {
      const band = c.point.min !== undefined ? `${c.point.min}–${c.point.max}` : `± ${(c.point.tolerance ?? 0) * 100} %`;
      const verdict = c.holds === null ? 'no prediction' : c.holds ? 'within band' : 'outside band';
      return `<tr><td>${h(METRIC_LABELS[c.point.metric])}</td><td>${c.point.role} VM, ${c.point.cps} calls/s</td><td class="n">${c.point.value}</td><td class="n">${band}</td><td class="n">${num(c.predicted)}</td><td class="${c.holds ? 'ok' : 'bad'}">${verdict}</td></tr>`;
    })
    .join('\n');
  return `<h2>Against the 2016 reference study</h2>
<table><thead><tr><th>measured quantity</th><th>run</th><th>measured</th><th>band</th><th>predicted</th><th></th></tr></thead><tbody>
${body}
</tbody></table>`;
}

const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Ubuntu,sans-serif;color:#1f1f1f;background:#fff;max-width:1000px;margin:24px auto;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}td:first-child{white-space:nowrap}td.n{text-align:right;white-space:nowrap}
.m{color:#616161}.ok{color:#388a34}.bad{color:#c72e0f}figure{margin:16px 0}svg{max-width:100%;height:auto}footer{margin-top:32px;color:#616161;font-size:12px}`;

/**
 * Renders the report. `svgs` holds the same charts as separate files for `--svg DIR`.
 * Time-series charts of several runs are prefixed with the run's slug.
 */
export async function buildReport(file: FileResult, opts: ReportOptions = {}): Promise<Report> {
  const specOpts = { theme: LIGHT_THEME, width: opts.width ?? 760 };
  const runs = chosenRuns(file, opts.runs);
  const sections: Array<{ heading: string; charts: Array<ChartEntry & { name: string }> }> = [];
  const sweep = sweepCharts(file, opts, { ...specOpts, selectedCps: runs.length === 1 ? runs[0].offeredCps : undefined });
  if (sweep.length) sections.push({ heading: 'Across offered loads', charts: sweep.map((c) => ({ ...c, name: c.id })) });
  for (const run of runs) {
    const prefix = file.runs.length > 1 ? `${slug(run.label)}-` : '';
    sections.push({ heading: `Run ${h(run.label)}`, charts: runCharts(run, opts, specOpts).map((c) => ({ ...c, name: prefix + c.id })) });
  }
  const svgs: Record<string, string> = {};
  const parts: string[] = [];
  for (const section of sections) {
    parts.push(`<h2>${section.heading}</h2>`);
    for (const c of section.charts) {
      const svg = await renderSvg(c.spec);
      svgs[`${c.name}.svg`] = svg;
      parts.push(`<figure id="${h(c.name)}" aria-label="${h(c.title)}">${svg}</figure>`);
    }
  }
  const name = file.file.split(/[\\/]/).pop() ?? file.file;
  const skipped = file.runs.length - runs.length;
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>sipmig report: ${h(name)}</title><style>${CSS}</style></head>
<body>
<h1>sipmig report: ${h(name)}</h1>
<p class="m">${file.runs.length} run${file.runs.length === 1 ? '' : 's'}; CPU columns are before / during / after migration, in percent of the VM.</p>
<h2>Results</h2>
<table><thead><tr><th>run</th><th>calls/s</th><th>migrations</th><th>incomplete calls</th><th>max overload phase</th><th>VM CPU (%)</th><th>notes</th></tr></thead><tbody>
${runRows(file)}
</tbody></table>
${referenceTable(file)}
${parts.join('\n')}
${skipped > 0 ? `<p class="m">Time-series charts of ${skipped} other run${skipped === 1 ? '' : 's'} left out (sipmig report --run all includes every run).</p>` : ''}
<footer>Predicted by sipmig${opts.generatedAt ? ` on ${h(opts.generatedAt)}` : ''}.</footer>
</body></html>
`;
  return { html, svgs };
}
