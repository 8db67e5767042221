// The model's fast-forward over steady stretches (model/fastForward.ts) must be invisible: every output
// of every step is what simulating each step gives, across transports, policies, step sizes,
// load profiles and migration schedules; and it must actually skip the steady steps.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../server/src/model';
import { skippedSteps } from '../../server/src/model/simulate';
import type { RunInput, ScenarioInput } from '../../server/src/model/input';
import { expectSameRun, sampleRun, sampleRuns, variant } from './fixtures';

const phases = (start: number) => ({
  kind: 'cpu-phases' as const,
  phases: [
    { phase: 1, startAbovePct: start, startForS: 20, stopBelowPct: start - 5, stopForS: 40, admitCps: 20 },
    { phase: 2, startAbovePct: start + 20, startForS: 20, stopBelowPct: start + 15, stopForS: 40, admitCps: 0 },
  ],
});

/** Scenarios that exercise every part of the state a steady stretch repeats or keeps counting. */
const VARIANTS: [string, (s: ScenarioInput) => void][] = [
  ['as written', () => {}],
  ['UDP (INVITE retransmissions)', (s) => (s.app.transport = 'udp')],
  ['600 s', (s) => (s.durationS = 600)],
  ['50 ms steps', (s) => (s.stepS = 0.05)],
  ['250 ms steps, 900 s', (s) => ((s.stepS = 0.25), (s.durationS = 900))],
  ['CPU phases that trigger and end', (s) => ((s.app.overload = phases(30)), (s.durationS = 900))],
  ['queue-delay policy', (s) => ((s.app.overload = { kind: 'queue-delay', maxDelayS: 0.3 }), (s.durationS = 900))],
  ['rate policy', (s) => ((s.app.overload = { kind: 'rate', admitCps: 25 }), (s.durationS = 700))],
  ['admission limit during migration', (s) => ((s.admitDuringMigrationCps = 22), (s.durationS = 900))],
  ['FIFO service', (s) => ((s.coefficients = { sip_priority: 0 }), (s.durationS = 900))],
  ['cold start', (s) => ((s.coefficients = { warm_start: 0 }), (s.durationS = 900))],
  ['short hold and refresh', (s) => ((s.app.holdS = 45), (s.app.refreshAfterS = 30), (s.durationS = 900))],
  [
    'load profile',
    (s) => ((s.load = [{ atS: 0, cps: 10 }, { atS: 300, cps: 35 }, { atS: 700, cps: 20 }]), (s.durationS = 1200)),
  ],
  [
    'two migrations',
    (s) => {
      s.migrations.push({ ...s.migrations[0], vm: s.cluster.standby, from: s.placement[s.cluster.standby], to: s.migrations[0].from, startS: 500 });
      s.durationS = 1200;
    },
  ],
];

function runsOf(name: 'active-migration' | 'standby-migration'): RunInput[] {
  // Idle, moderate, at the edge of Timer B and past it.
  return sampleRuns(name).filter((r) => [0, 20, 35, 40].includes(r.offeredCps));
}

describe('fast-forward over steady stretches', () => {
  for (const [label, change] of VARIANTS) {
    it(`gives every step's outputs exactly as simulating each step does: ${label}`, () => {
      for (const name of ['active-migration', 'standby-migration'] as const) {
        for (const base of runsOf(name)) {
          const run = variant(base, change);
          const fast = simulate(run, { series: true });
          const slow = simulate(run, { series: true, fastForward: false });
          expectSameRun(`${name} at ${run.offeredCps} cps (${label})`, slow, fast, { expected: 'without fast-forward', actual: 'with fast-forward' });
        }
      }
    });
  }

  it('simulates only the migration and the steps where the calls it slowed send their later messages', () => {
    const run = variant(sampleRun('active-migration', 20), (s) => (s.durationS = 600));
    const { steps, skipped } = skippedSteps(run);
    const sc = run.scenario;
    const app = sc.app;
    // The calls the migration slowed answer, refresh and hang up later than the others: at the
    // answer delay, then the refresh and the hold time after it, each a few steps that differ.
    // Every other step after the migration repeats the steady state and is copied, and so is
    // every step before it (a few steps at the start confirm the steady state).
    const migrationSteps = Math.round(simulate(run).migrations[0].migrationTimeS! / sc.stepS);
    const echoes = [app.answerDelayS, app.answerDelayS + (app.refreshAfterS ?? Infinity), app.answerDelayS + app.holdS].filter((x) => sc.migrations[0].startS + x < sc.durationS);
    const bound = migrationSteps + 10 + 8 * echoes.length;
    expect(steps, 'steps in the run').toBe(Math.round(sc.durationS / sc.stepS));
    expect(echoes.length, 'later messages of the calls the migration slowed within the run').toBe(3);
    expect(
      steps - skipped,
      `steps simulated out of ${steps}: at most the ${migrationSteps} of the migration, 10 to confirm steady states and 8 at each of ${echoes.length} later messages`,
    ).toBeLessThanOrEqual(bound);
    expect(skippedSteps(run, { fastForward: false }).skipped, 'steps copied with fastForward: false').toBe(0);
  });

  it('never skips while a migration runs or the rate policy holds back calls', () => {
    const run = variant(sampleRun('active-migration', 40), (s) => {
      s.app.overload = { kind: 'rate', admitCps: 25 };
      s.durationS = 600;
    });
    expect(skippedSteps(run).skipped, 'steps copied under a rate policy that admits fewer calls than offered').toBe(0);
    const idle = variant(sampleRun('active-migration', 0), (s) => (s.migrations[0].startS = 0));
    const { skipped } = skippedSteps(idle);
    const migrationSteps = Math.round(simulate(idle).migrations[0].migrationTimeS! / idle.scenario.stepS);
    expect(skipped, 'steps copied in a 420 s run migrating from 0 s').toBeLessThanOrEqual(idle.scenario.durationS / idle.scenario.stepS - migrationSteps);
  });
});
