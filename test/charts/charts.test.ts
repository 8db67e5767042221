import { describe, expect, it } from 'vitest';
import {
  compareWithReference,
  cpuSpec,
  HOVER_MAX_BYTES,
  hoverChartMarkdown,
  hoverChartSvg,
  isSweep,
  renderSvg,
  runCharts,
  sweepCharts,
  thresholdsOf,
} from '../../server/src/charts';
import { syntheticRun, syntheticSweep } from './fixtures';

const ctx = { thresholds: [{ label: 'phase 1 start', pct: 70, vm: 'sipas1' }, { label: 'phase 2 start', pct: 80, vm: 'sipas1' }] };

/** Counts vega data-mark groups (not axes) of a mark type in an SVG, e.g. marks(svg, 'line'). */
function marks(svg: string, type: string): number {
  return (svg.match(new RegExp(`class="mark-${type} role-mark`, 'g')) ?? []).length;
}

describe('run charts', () => {
  const run = syntheticRun({ cps: 40 });

  it('lists CPU, incomplete calls and migration progress for a run with a migration', () => {
    expect(runCharts(run, ctx).map((c) => c.id), 'chart ids of a run with series and one migration').toEqual(['cpu', 'incomplete', 'migration']);
  });

  it('renders the CPU chart with one line per VM and host, phase shading and threshold rules', async () => {
    const svg = await renderSvg(cpuSpec(run, ctx));
    expect(svg.startsWith('<svg'), 'renderSvg returns an SVG document').toBe(true);
    // vega draws each series of a multi-series line in a mark group of its own.
    expect(marks(svg, 'line'), 'one CPU line per VM and host (2 VMs + 3 hosts)').toBe(5);
    expect(marks(svg, 'rect'), 'migration phases shaded with rect marks').toBeGreaterThan(0);
    expect(marks(svg, 'rule'), 'overload thresholds drawn as rules').toBeGreaterThan(0);
    expect(svg, 'threshold label in the chart').toContain('phase 1 start (sipas1)');
  });

  it("tells in the shading's tooltip the migrated VM's CPU during it and, from the language server, the calls it answers for", () => {
    const shading = (r: typeof run) => (cpuSpec(r, ctx) as { layer: { mark: { type: string }; data?: { values: Record<string, unknown>[] }; encoding?: { tooltip?: { title: string }[] } }[] }).layer.find((l) => l.mark.type === 'rect')!;
    const own = shading(run);
    const titles = own.encoding!.tooltip!.map((t) => t.title);
    expect(titles, 'the CPU of the migrated VM during its migration').toContain('its guest CPU during (%)');
    expect(titles, 'no calls without the language server count').not.toContain('incomplete calls it answers for');
    expect(own.data!.values[0].cpuPct, "the migration's own CPU window").toBe(run.migrations[0].cpu!.vms.sipas1.duringPct);
    const sent = structuredClone(run);
    sent.migrations[0].answerableCalls = { total: 31, byCause: { '408': 31 } };
    const lsp = shading(sent);
    expect(lsp.encoding!.tooltip!.map((t) => t.title)).toContain('incomplete calls it answers for');
    expect(new Set(lsp.data!.values.map((v) => v.calls)), 'every window of the migration says 31 (and there are windows)').toEqual(new Set([31]));
  });

  it('escapes user-chosen names in chart text', async () => {
    const evil = syntheticRun({ cps: 10, vm: '<img src=x onerror=alert(1)>&"' });
    for (const c of runCharts(evil, ctx)) {
      const svg = await renderSvg(c.spec);
      expect(svg, `chart ${c.id} must not contain raw markup from a VM name`).not.toContain('<img');
      expect(svg, `chart ${c.id} shows the escaped name`).toContain('&lt;img');
    }
  });

  it('downsamples 4200 steps so a chart stays small', async () => {
    const svg = await renderSvg(cpuSpec(run, ctx));
    expect(svg.length, 'CPU chart SVG size in bytes').toBeLessThan(150_000);
  });

  it('still charts a run without per-step series (summary only)', async () => {
    const bare = syntheticRun({ cps: 5, withSeries: false });
    const svg = await renderSvg(cpuSpec(bare, ctx));
    expect(marks(svg, 'rect'), 'migration window from start/end times').toBeGreaterThan(0);
  });
});

describe('sweep charts', () => {
  const file = syntheticSweep();

  it('recognises a sweep and builds the three load charts', () => {
    expect(isSweep(file)).toBe(true);
    expect(sweepCharts(file, ctx).map((c) => c.id)).toEqual(['sweep-cpu', 'sweep-migration-time', 'sweep-incomplete']);
    expect(sweepCharts({ file: 'x', runs: [file.runs[0]] }, ctx), 'a single run is not a sweep').toEqual([]);
  });

  it('shows the measured reference points beside the prediction', async () => {
    const [cpu, time, incomplete] = await Promise.all(sweepCharts(file, ctx).map((c) => renderSvg(c.spec)));
    // Reference points are hollow diamonds (symbol marks) with their band as a rule.
    for (const [name, svg] of [['cpu', cpu], ['time', time], ['incomplete', incomplete]] as const) {
      expect(marks(svg, 'symbol'), `${name}: symbol marks for predicted and measured points`).toBeGreaterThanOrEqual(2);
      expect(svg, `${name}: legend note about the reference study`).toContain('measured in the 2016 reference study');
    }
  });

  it('draws no reference point for a role the study did not measure at that load', async () => {
    const standby = syntheticSweep({ vm: 'sipas2', role: 'standby' });
    const ids = compareWithReference(standby).map((c) => c.point.id);
    expect(ids, 'only the standby point applies to a standby sweep').toEqual(['mig-time-standby-0cps']);
  });

  it('compares predictions with the measured bands', () => {
    const rows = compareWithReference(file);
    const time40 = rows.find((r) => r.point.id === 'mig-time-active-40cps');
    expect(time40?.predicted, 'fixture migration time at 40 cps').toBeCloseTo(148, 0);
    expect(time40?.holds, '148 s is within 146.7 s ± 10 %').toBe(true);
  });
});

describe('hover chart', () => {
  const run = syntheticRun({ cps: 40 });

  it(`stays under ${HOVER_MAX_BYTES} bytes and shows the threshold`, async () => {
    const svg = await hoverChartSvg(run, { vm: 'sipas1', thresholdPct: 70 });
    expect(svg, 'hover SVG for a VM with a CPU series').not.toBeNull();
    expect(svg!.length, 'hover SVG size in bytes').toBeLessThan(HOVER_MAX_BYTES);
    expect(svg, 'threshold rule').toContain('mark-rule');
  });

  it('returns null for a VM without a series and builds a base64 markdown image', async () => {
    expect(await hoverChartSvg(run, { vm: 'nope' })).toBeNull();
    const md = await hoverChartMarkdown(run, { vm: 'sipas1', thresholdPct: 70 });
    expect(md, 'markdown image with a base64 data URI').toMatch(/^!\[guest CPU over time\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)$/);
  });

  it('derives thresholds from the documented cpu_phases policy', () => {
    const t = thresholdsOf({ kind: 'cpu-phases', phases: [{ phase: 1, startAbovePct: 70, startForS: 20, stopBelowPct: 65, stopForS: 40, admitCps: 20 }] }, 'sipas1');
    expect(t).toEqual([{ label: 'phase 1 start', pct: 70, vm: 'sipas1' }]);
    expect(thresholdsOf({ kind: 'none' })).toEqual([]);
  });
});

describe('a run cut short by the time budget', () => {
  it('shades no migration that had not started when the run stopped', async () => {
    const run = syntheticRun({ cps: 40, durationS: 26 });
    run.migrations[0].endS = null;
    run.migrations[0].converged = false;
    run.budgetExceeded = true;
    const svg = await renderSvg(cpuSpec(run, ctx));
    expect((svg.match(/class="mark-rect role-mark/g) ?? []).length, 'no shading layer when the migration starts after the last step').toBe(0);
  });
});

describe('theme', () => {
  it('keeps the threshold and shading colours out of the series palette', async () => {
    const { seriesColors, DARK_THEME, LIGHT_THEME } = await import('../../server/src/charts');
    for (const theme of [LIGHT_THEME, DARK_THEME]) {
      const colors = seriesColors(theme);
      expect(colors, `${theme.kind} series colours`).not.toContain(theme.warning);
      expect(colors).not.toContain(theme.shade);
      expect(colors.length, 'enough colours for 2 VMs + 3 hosts and more').toBeGreaterThanOrEqual(6);
    }
  });
});
