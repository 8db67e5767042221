// `sipmig report` as a user runs it: the HTML and SVGs on the paper sample, and its
// argument mistakes answered with one line and exit 2.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIVE_SAMPLE, ROOT } from '../helpers';
import { tempDir } from '../tempDir';

const BIN = join(ROOT, 'server/bin/sipmig.js');
const sipmig = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('sipmig report', () => {
  it('writes the HTML report and one SVG per chart for the chosen run', () => {
    const dir = tempDir('report-cli');
    const out = join(dir, 'r.html');
    const r = sipmig('report', ACTIVE_SAMPLE, '-o', out, '--svg', join(dir, 'svg'), '--run', '40 cps');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(out);
    expect(readFileSync(out, 'utf8')).toContain('<svg');
    expect(readdirSync(join(dir, 'svg')).length, 'SVG files written').toBeGreaterThan(0);
  });

  it('answers argument mistakes with one line and exit 2', () => {
    for (const args of [['report'], ['report', ACTIVE_SAMPLE, '--bogus'], ['report', ACTIVE_SAMPLE, '--run', '7 cps']]) {
      const r = sipmig(...args);
      expect(r.status, `sipmig ${args.join(' ')}`).toBe(2);
      expect(r.stderr.trim().split('\n'), `one line for sipmig ${args.join(' ')}`).toHaveLength(1);
    }
  });
});
