// `npm run bench:ab -- REV [--cps N] [--windows N] [--per-window N] [--warm N] [--json]`: is the
// model of the working tree faster or slower than at git revision REV? Both builds run the same 600 s run of the paper's
// active sample, alternately, in short windows; the answer is the median ratio of the windows
// (B = working tree, A = REV) and whether both give the same outputs. A benchmark, not a test:
// on this machine a single figure can move 2x with the load of other tenants, a ratio taken
// side by side cannot (docs/performance.md).
import { bundleTs } from './bench/run-ts.mjs';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run bench:ab -- REV [--cps N] [--windows N] [--per-window N] [--warm N] [--json]';
const DEFAULTS = { '--cps': 40, '--windows': 30, '--per-window': 10, '--warm': 300 };
const fail = (message) => {
  console.error(message);
  process.exit(2);
};
const args = process.argv.slice(2);
const numbers = { ...DEFAULTS };
const positional = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--json') continue;
  if (a in DEFAULTS) {
    const v = Number(args[++i]);
    // A load may be 0 cps; every count must be at least 1.
    if (!Number.isInteger(v) || v < (a === '--cps' ? 0 : 1)) fail(`bench:ab: ${a} takes a whole number${a === '--cps' ? '' : ' of at least 1'}; ${USAGE}`);
    numbers[a] = v;
  } else if (a.startsWith('-')) fail(`bench:ab: unknown option ${a}; ${USAGE}`);
  else positional.push(a);
}
const rev = positional[0];
if (!rev || positional.length > 1) fail(USAGE);
// A commit (REV is never an option here: the loop above refuses every argument that starts with '-').
const verified = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: root, encoding: 'utf8' });
if (verified.status !== 0) fail(`bench:ab: '${rev}' is not a commit of this repository`);
const commit = verified.stdout.trim();

/** Thrown after a usage message has been printed: ends the run without a stack trace. */
class Stop extends Error {}

const dir = mkdtempSync(join(tmpdir(), 'sipmig-ab-'));
try {
  // REV's sources, as committed.
  let tar;
  try {
    tar = execFileSync('git', ['archive', '--format=tar', commit, 'server/src'], { cwd: root, maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    console.error(`bench:ab: ${rev} (${commit.slice(0, 10)}) has no server/src`);
    process.exitCode = 2;
    throw new Stop();
  }
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  const out = join(dir, 'ab.mjs');
  const built = await bundleTs(join(root, 'scripts/bench/ab.ts'), out, {
    metafile: true,
    alias: { 'sipmig-a': join(dir, 'server/src'), 'sipmig-b': join(root, 'server/src') },
    // REV's tree lies outside the repository: its imports resolve from the working tree's packages.
    nodePaths: [join(root, 'node_modules'), join(root, 'server/node_modules')],
  });
  // Both trees must be in the bundle (tsconfig's paths map both names to the working tree for
  // the type-check; the aliases have to win here).
  const inputs = Object.keys(built.metafile.inputs).map((p) => resolve(root, p));
  if (!inputs.some((p) => p.startsWith(dir)) || !inputs.some((p) => p.startsWith(join(root, 'server/src')))) throw new Error('bench:ab: the bundle does not hold both trees');
  const { compare, NoSuchRun } = await import(pathToFileURL(out).href);
  let r;
  try {
    r = compare({ root, sample: 'samples/paper/active-migration.sipmig', cps: numbers['--cps'], windows: numbers['--windows'], perWindow: numbers['--per-window'], warmRuns: numbers['--warm'] });
  } catch (e) {
    if (!(e instanceof NoSuchRun)) throw e;
    console.error(`bench:ab: ${e.message}`);
    process.exitCode = 2;
    throw new Stop();
  }
  const result = { a: rev, b: 'working tree', ...r };
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`${r.run}; A = ${rev}, B = the working tree`);
    console.log(`  median ms: A ${r.medianA.toFixed(2)}, B ${r.medianB.toFixed(2)}`);
    console.log(`  B/A: ${r.ratio.toFixed(3)} (windows ${r.fastestRatio.toFixed(3)}-${r.slowestRatio.toFixed(3)})`);
    console.log(`  outputs: ${r.sameOutputs ? 'every output of A, bit for bit, in B' : 'DIFFERENT: B changes some output of A'}`);
  }
} catch (e) {
  if (!(e instanceof Stop)) throw e;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
