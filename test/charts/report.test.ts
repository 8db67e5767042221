import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, sweepMigrationTimeSpec } from '../../server/src/charts';
import { report } from '../../server/src/cli/report';
import { syntheticSweep } from './fixtures';
import { analyze } from '../../server/src/language';
import { simulate } from '../../server/src/model';
import { backToBackFigures, backToBackText, overlappingText } from '../helpers';
import { tempDir } from '../tempDir';

const ctx = { thresholds: [{ label: 'phase 1 start', pct: 70, vm: 'sipas1' }] };

describe('buildReport', () => {
  it('makes one self-contained page with sweep and run charts and a results table', async () => {
    const { html, svgs } = await buildReport(syntheticSweep(), ctx);
    expect(Object.keys(svgs).sort(), 'chart files of a sweep report (highest-load run charted)').toEqual(
      ['40-cps-cpu.svg', '40-cps-incomplete.svg', '40-cps-migration.svg', 'sweep-cpu.svg', 'sweep-incomplete.svg', 'sweep-migration-time.svg'].sort(),
    );
    expect((html.match(/<svg/g) ?? []).length, 'every chart inlined as SVG').toBe(6);
    expect(html, 'no script in the report').not.toMatch(/<script/i);
    expect(html, 'no remote resource').not.toMatch(/(src|href)="https?:/);
    expect(html, 'one table row per run').toContain('<td>35 cps</td>');
    expect(html, 'reference comparison table').toContain('Against the 2016 reference study');
    expect(html, 'no run of the synthetic study is behind before its migration').not.toContain('behind before the migration');
  });

  it('notes a run whose SIP-AS is behind its load before the migration', async () => {
    const file = syntheticSweep();
    file.runs[8].atMigrationStart = { atS: 120, inviteWaitS: 17, timedOutCalls: 3, rejectedCalls: 0 };
    const { html } = await buildReport(file, ctx);
    expect(html).toMatch(/<td>40 cps<\/td>.*<td>behind before the migration: new calls wait 17 s at 120 s, 3 timed out<\/td><\/tr>/);
  });

  it('notes a migration that starts in the backlog an earlier one left', async () => {
    const file = { file: 'back-to-back.sipmig', runs: analyze(backToBackText()).runs.map((r) => simulate(r, { series: true })) };
    const { html } = await buildReport(file, ctx);
    expect(html).toContain(`<td>sipas2 starts in the backlog of the migration of sipas1 (new calls wait ${+backToBackFigures().secondWaitS.toFixed(1)} s at 270 s)</td></tr>`);
    expect(html).toMatch(/<td>40 cps<\/td>.*<td>sipas2 starts in the backlog/);
  });

  it('notes a migration that starts while another is under way, in a run that fails calls', async () => {
    const text = overlappingText();
    const file = { file: 'overlap.sipmig', runs: analyze(text).runs.map((r) => simulate(r)) };
    const { html } = await buildReport(file, ctx);
    expect(html).toContain('sipas2 starts at 130 s while the migration of sipas1 is under way (both answer for the calls failed from then on)');
    const b2b = { file: 'back-to-back.sipmig', runs: analyze(backToBackText()).runs.map((r) => simulate(r)) };
    expect((await buildReport(b2b, ctx)).html, 'one after the other: no overlap note').not.toContain('is under way');
  });

  it('gives each migration the guest CPU of its VM during it, against the minute before it', async () => {
    const file = { file: 'back-to-back.sipmig', runs: analyze(backToBackText()).runs.map((r) => simulate(r)) };
    const { html } = await buildReport(file, ctx);
    for (const m of file.runs[0].migrations) {
      const c = m.cpu!.vms[m.vm];
      expect(html, `${m.vm}: its own CPU windows`).toContain(`${m.vm} (${m.role}) ${m.from} → ${m.to}: ${+m.migrationTimeS!.toFixed(1)} s`);
      expect(html).toContain(`its guest CPU ${+c.duringPct.toFixed(1)} % during (${+c.beforePct!.toFixed(1)} % before)`);
    }
  });

  it('tells a migration the scenario ends before from one that never converges, in the table and the sweep chart', async () => {
    const file = syntheticSweep();
    Object.assign(file.runs[7].migrations[0], { converged: false, endS: null, migrationTimeS: null, downtimeMs: null, unfinished: { remainingBytes: 4e8, resumesAfterS: 38.7, stuck: null } });
    Object.assign(file.runs[8].migrations[0], { converged: false, endS: null, migrationTimeS: null, downtimeMs: null, unfinished: { remainingBytes: 9e8, resumesAfterS: null, stuck: 'dirtying' } });
    const { html } = await buildReport(file, ctx);
    expect(html).toMatch(/<td>35 cps<\/td>.*sipas1 \(active\) pm1 → pm3: unfinished, 38\.7 s more, its guest CPU [\d.]+ % during \([\d.]+ % before\)<\/td>/);
    expect(html).toMatch(/<td>40 cps<\/td>.*sipas1 \(active\) pm1 → pm3: did not converge, its guest CPU/);
    const sub = (sweepMigrationTimeSpec(file) as { title: { subtitle: string[] } }).title.subtitle[0];
    expect(sub).toBe('did not converge at 40 calls/s; still migrating when the scenario ends at 35 calls/s');
  });

  it('shows no CPU before a migration that starts at 0 s', async () => {
    const file = syntheticSweep();
    file.runs[8].cpu.vms.sipas1.beforePct = null;
    const { html } = await buildReport(file, ctx);
    expect(html).toMatch(/<td>40 cps<\/td>.*sipas1 – \/ [\d.]+ \/ [\d.]+/);
  });

  it('escapes names in the HTML', async () => {
    const file = syntheticSweep({ vm: '<b>x</b>' });
    file.file = 'dir/<evil>.sipmig';
    const { html } = await buildReport(file, { runs: [] });
    expect(html, 'VM and file names are escaped').not.toMatch(/<b>x<\/b>|<evil>/);
    expect(html).toContain('&lt;evil&gt;.sipmig');
  });
});

describe('sipmig report', () => {
  it('writes the HTML and one SVG per chart', async () => {
    const dir = tempDir('report');
    const out = path.join(dir, 'r.html');
    const written = await report('a.sipmig', { out, svgDir: path.join(dir, 'svg') }, syntheticSweep(), ctx);
    expect(written[0]).toBe(out);
    expect(await readFile(out, 'utf8')).toContain('<svg');
    expect((await readdir(path.join(dir, 'svg'))).length, 'SVG files written').toBe(6);
  });
});
