// Hostile names through the whole batch path: analyze -> model -> charts -> HTML report
// (sipmig report, and the SVG files of --svg). Nothing a name contains may come out as
// markup: not in the results table, not in chart titles, legends or aria labels, not in the
// page title. (test/charts checks a hostile VM name in chart text and in one report table;
// this runs every name of a scenario through every chart of the report.)
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/language';
import { simulateAll } from '../../server/src/model';
import { buildReport } from '../../server/src/charts';
import { escapeHtml } from '../../server/src/charts/data';
import { HOSTILE, HOSTILE_TITLE, hostileScenario } from './hostile';

/** Raw fragments that would be markup if they came out unescaped. */
const RAW = ['<img src=x', '<script>', '</script>', '<a href=command', '<https://evil'];

describe('HTML report and charts with hostile names', async () => {
  // A 1 s step keeps the runs short; every run charted (--run all) so every chart sees the names.
  const a = analyze(hostileScenario().replace('step 100 ms', 'step 1 s'));
  const file = { file: `reports/${HOSTILE.pm3}.sipmig`, runs: simulateAll(a.runs, { series: true }) };
  const { html, svgs } = await buildReport(file, { runs: 'all', thresholds: [{ label: `phase 1 ${HOSTILE.sip_as}`, pct: 70, vm: HOSTILE.sipas2 }] });

  it('the page has no markup from a name, and shows the names escaped', () => {
    for (const raw of RAW) expect(html.includes(raw), `the report contains ${JSON.stringify(raw)}`).toBe(false);
    expect(html, 'the hostile host (migration target) in the results table').toContain(escapeHtml(HOSTILE.pm3));
    expect(html, 'the hostile file name in the title').toContain(`<title>sipmig report: ${escapeHtml(HOSTILE.pm3)}.sipmig</title>`);
    expect(html.match(/<script/gi), 'no script element at all').toBeNull();
  });

  it('every chart (inline and as an --svg file) has no markup from a name', () => {
    expect(Object.keys(svgs).length, 'the sweep charts and each run charts').toBeGreaterThan(9);
    for (const [name, svg] of Object.entries(svgs)) {
      for (const raw of RAW) expect(svg.includes(raw), `${name} contains ${JSON.stringify(raw)}`).toBe(false);
      // Only the tags, their attribute values emptied: an escaped name in text or in aria-label="..." is text.
      const tags = (svg.match(/<[^>]*>/g) ?? []).map((t) => t.replace(/"[^"]*"/g, '""')).join('');
      expect(/<(script|foreignObject|iframe)\b|\son[a-z]+\s*=/i.exec(tags)?.[0], `${name}: no script, foreign content or event handler`).toBeUndefined();
    }
    const withStandby = Object.values(svgs).filter((s) => s.includes(escapeHtml(HOSTILE.sipas2)));
    expect(withStandby.length, 'the hostile standby VM is named (escaped) in the CPU charts').toBeGreaterThan(0);
  });

  it('the scenario title never reaches the page unescaped', () => {
    expect(html.includes(HOSTILE_TITLE)).toBe(false);
  });
});
