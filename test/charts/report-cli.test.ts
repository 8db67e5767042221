import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportFile } from '../../server/src/cli/report';
import { tempDir } from '../tempDir';

const sample = path.resolve(__dirname, '../../samples/paper/active-migration.sipmig');

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('sipmig report on the paper sample (real model)', () => {
  it('writes the HTML with sweep and run charts, thresholds and the reference comparison', async () => {
    const dir = tempDir('report');
    const out = path.join(dir, 'report.html');
    const { io: cli, out: lines, err } = io();
    const code = await reportFile(sample, { out, svgDir: path.join(dir, 'svg') }, cli);
    expect(code, `exit code; stderr: ${err.join('\n')}`).toBe(0);
    expect(lines[0]).toBe(out);
    const html = await readFile(out, 'utf8');
    expect((html.match(/<svg/g) ?? []).length, 'six charts inline (3 sweep + 3 of the 40 cps run)').toBe(6);
    expect(html, 'phase thresholds from the scenario drawn on the CPU chart').toContain('phase 1 start (sipas1)');
    expect(html, 'the reference comparison table').toContain('Against the 2016 reference study');
    expect((await readdir(path.join(dir, 'svg'))).sort()).toEqual(
      ['40-cps-cpu.svg', '40-cps-incomplete.svg', '40-cps-migration.svg', 'sweep-cpu.svg', 'sweep-incomplete.svg', 'sweep-migration-time.svg'],
    );
  });

  it('refuses an unknown --run label with the list of runs', async () => {
    const { io: cli, err } = io();
    const out = path.join(tempDir('report'), 'never.html');
    expect(await reportFile(sample, { out, runs: ['99 cps'] }, cli)).toBe(2);
    expect(existsSync(out), 'no report written for an unknown run').toBe(false);
    expect(err.join('\n')).toMatch(/no run "99 cps".*runs: 0 cps, 5 cps/);
  });
});
