// The chart panel's comparison of the plan as written with the advisor's recommendation:
// both plans in each chart, each with its own active VM, names escaped.
import { describe, expect, it } from 'vitest';
import { comparisonCharts, comparisonCpuSpec, comparisonIncompleteSpec, PLANS, renderSvg, totalIncomplete, type ComparisonInput } from '../../server/src/charts';
import { syntheticRun } from './fixtures';

/** Counts vega data-mark groups of a mark type in an SVG. */
const marks = (svg: string, type: string) => (svg.match(new RegExp(`class="mark-${type} role-mark`, 'g')) ?? []).length;

function input(o: Partial<{ vm: string; option: string }> = {}): ComparisonInput {
  const current = syntheticRun({ cps: 40, vm: o.vm });
  // The recommendation: switch roles, so the other VM is the active, and no call fails.
  const recommended = syntheticRun({ cps: 10, vm: 'sipas2', role: 'standby' });
  recommended.label = current.label;
  return { current: { run: current, activeVm: o.vm ?? 'sipas1' }, recommended: { run: recommended, activeVm: 'sipas1' }, option: o.option ?? "Switch over first, so that 'sipas1' is migrated as the standby", thresholdPct: 70 };
}

describe('comparison charts', () => {
  it('lists the two comparison charts with stable ids', () => {
    expect(comparisonCharts(input()).map((c) => c.id)).toEqual(['compare-incomplete', 'compare-cpu']);
  });

  it('sums the causes into one cumulative count per step', () => {
    const run = syntheticRun({ cps: 40 });
    const total = totalIncomplete(run);
    expect(total).toHaveLength(run.series!.tS.length);
    expect(total.at(-1)).toBe(run.incompleteCalls.total);
    expect(totalIncomplete(syntheticRun({ cps: 40, withSeries: false }))).toEqual([]);
  });

  it('draws incomplete calls of both plans, with the totals and the option in the subtitle', async () => {
    const svg = await renderSvg(comparisonIncompleteSpec(input()));
    expect(marks(svg, 'line'), 'one line per plan').toBe(2);
    expect(marks(svg, 'rect'), 'each plan\'s migration shaded').toBeGreaterThan(0);
    expect(svg).toContain('50 incomplete calls as planned, 0 with the recommendation');
    expect(svg.includes(PLANS.current)).toBe(true);
    expect(svg.includes(PLANS.recommended), 'the legend names both plans').toBe(true);
  });

  it('draws the guest CPU of each plan\'s own active VM against the threshold', async () => {
    const spec = comparisonCpuSpec(input()) as unknown as { layer: { data: { values: { plan?: string; value?: number }[] } }[] };
    const line = spec.layer.find((l) => l.data.values.some((v) => v.value !== undefined && v.plan))!;
    const plans = new Set(line.data.values.map((v) => v.plan));
    expect([...plans]).toEqual([PLANS.current, PLANS.recommended]);
    const svg = await renderSvg(comparisonCpuSpec(input()));
    expect(marks(svg, 'line')).toBe(2);
    expect(marks(svg, 'rule'), 'the threshold').toBe(1);
    expect(svg).toContain('active VM: sipas1 as planned, sipas1 with the recommendation');
  });

  it('escapes names from the scenario and the option title', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    for (const c of comparisonCharts(input({ vm: evil, option: `Switch over first, so that '${evil}' is migrated` }))) {
      const svg = await renderSvg(c.spec);
      expect(svg, `${c.id}: no raw markup`).not.toContain('<img');
      expect(svg, `${c.id}: the escaped name`).toContain('&lt;img');
    }
  });
});
