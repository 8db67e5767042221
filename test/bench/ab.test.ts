// `npm run bench:ab -- REV`: the paired speed comparison of the model at a revision and in the
// working tree. A benchmark: this checks that it runs and what it answers, not a speed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';

const SCRIPT = join(ROOT, 'scripts/bench-ab.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

describe('bench:ab', () => {
  it('compares the model at a revision with the working tree, side by side, and says whether the outputs agree', () => {
    const r = run('HEAD', '--windows', '2', '--per-window', '2', '--warm', '3', '--json');
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ a: 'HEAD', b: 'working tree', run: 'samples/paper/active-migration.sipmig at 40 cps, 600 s at its step' });
    for (const k of ['medianA', 'medianB', 'ratio']) expect(out[k], `${k}: a time or ratio, positive and finite`).toBeGreaterThan(0);
    expect(out.ratio, 'B/A of nearly the same code is near 1, not a unit mix-up').toBeLessThan(10);
    expect(out.fastestRatio <= out.ratio && out.ratio <= out.slowestRatio, `the median ratio ${out.ratio} lies between the fastest and slowest window's (${out.fastestRatio}, ${out.slowestRatio})`).toBe(true);
    expect(typeof out.sameOutputs, 'whether B keeps every output of A').toBe('boolean');
    // With server/src as committed, A and B are the same model: their outputs must agree bit for bit.
    const unchanged = spawnSync('git', ['diff', '--quiet', 'HEAD', '--', 'server/src'], { cwd: ROOT }).status === 0;
    if (unchanged) expect(out.sameOutputs, 'HEAD and an unchanged working tree give the same outputs').toBe(true);
  });

  it('answers a revision that does not exist, none, a git option, a bad count or a load the sample lacks with one line and exit 2', () => {
    for (const args of [['no-such-revision'], [], ['--output=/tmp/x'], ['HEAD', '--windows', '0'], ['HEAD', '--bogus', '3'], ['HEAD', '--cps', '7', '--windows', '1', '--per-window', '1', '--warm', '1']]) {
      const r = run(...args);
      expect(r.status, `bench:ab ${args.join(' ')}: exit 2 expected; ${r.stderr}${r.stdout}`).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    }
  });
});
