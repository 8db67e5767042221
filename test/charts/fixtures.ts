// Synthetic model results shaped like the reference study (active VM migrated at 120 s,
// sweep 0..40 cps), for testing the charts and the report before and apart from the model.
import type { FileResult, MigrationResult, RunResult, Series } from '../../server/src/model/output';

export interface FixtureOptions {
  cps: number;
  /** Name of the migrated VM; may hold markup to test escaping. */
  vm?: string;
  role?: 'active' | 'standby';
  durationS?: number;
  stepS?: number;
  withSeries?: boolean;
}

export function syntheticRun(o: FixtureOptions): RunResult<number[]> {
  const vm = o.vm ?? 'sipas1';
  const peer = vm === 'sipas2' ? 'sipas1' : 'sipas2';
  const role = o.role ?? 'active';
  const duration = o.durationS ?? 420;
  const step = o.stepS ?? 0.1;
  const startS = 120;
  const migS = 60 + o.cps * 2.2;
  const endS = startS + migS;
  const n = Math.round(duration / step);
  const s: Series<number[]> = { tS: [], migPhase: [], migRound: [], migRemainingBytes: [], migSentBytes: [], incomplete408: [], incomplete503: [], incompleteOther: [] };
  const vmCpu: number[] = [];
  const peerCpu: number[] = [];
  const pm1: number[] = [];
  const pm2: number[] = [];
  const pm3: number[] = [];
  const incomplete = o.cps > 20 ? 50 : 0;
  for (let i = 0; i < n; i++) {
    const t = round1(i * step);
    const migrating = t >= startS && t < endS;
    const stopCopy = migrating && t >= endS - 0.3;
    const base = 1.2 * o.cps + 3 * Math.sin(t / 7);
    s.tS.push(t);
    s.migPhase.push(t < startS ? 0 : stopCopy ? 2 : migrating ? 1 : 3);
    const frac = migrating ? (t - startS) / migS : t < startS ? 0 : 1;
    s.migRound.push(migrating ? 1 + Math.floor(frac * 8) : t < startS ? 0 : 9);
    s.migRemainingBytes.push(t < startS ? 0 : migrating ? 2e9 * (1 - frac) + 5e7 * Math.abs(Math.sin(t)) : 0);
    s.migSentBytes.push(t < startS ? 0 : Math.min(1, frac) * 2.4e9);
    const failed = migrating && frac > 0.5 ? Math.round(incomplete * Math.min(1, (frac - 0.5) * 2)) : t >= endS ? incomplete : 0;
    s.incomplete408.push(failed);
    s.incomplete503.push(0);
    s.incompleteOther.push(0);
    vmCpu.push(clamp(base + (migrating ? 6 + 0.6 * Math.min(o.cps, 15) : 0)));
    peerCpu.push(clamp(0.8 * o.cps + 2));
    pm1.push(clamp(base * 1.1 + (migrating ? 50 : 0)));
    pm2.push(clamp(0.8 * o.cps * 1.1 + 3));
    pm3.push(clamp(migrating ? 20 : t >= endS ? base * 1.1 : 2));
  }
  s[`vmCpu.${vm}`] = vmCpu;
  s[`vmCpu.${peer}`] = peerCpu;
  s['hostCpu.pm1'] = pm1;
  s['hostCpu.pm2'] = pm2;
  s['hostCpu.pm3'] = pm3;
  const summary = (before: number, during: number) => ({ beforePct: before, duringPct: during, afterPct: before, peakDuringPct: during + 5 });
  const cpu = {
    vms: { [vm]: summary(1.2 * o.cps, 1.2 * o.cps + 6 + 0.6 * Math.min(o.cps, 15)), [peer]: summary(0.8 * o.cps + 2, 0.8 * o.cps + 2) },
    hosts: { pm1: summary(1.3 * o.cps, 1.3 * o.cps + 50), pm2: summary(0.9 * o.cps + 3, 0.9 * o.cps + 3), pm3: summary(2, 20) },
  };
  const incompleteCalls = { total: incomplete, byCause: (incomplete ? { '408': incomplete } : {}) as Record<string, number> };
  // The migration's own figures are the run's (nothing fails before it, one migration), as copies:
  // a test that changes one in place must not change the other.
  const migration: MigrationResult = {
    vm, role, from: 'pm1', to: 'pm3', startS, endS, migrationTimeS: migS, downtimeMs: 28 + o.cps * 0.2, bytesSent: 2.4e9, rounds: 9, converged: true, unfinished: null, startWaitS: 0, incompleteCalls: structuredClone(incompleteCalls), cpu: structuredClone(cpu),
  };
  return {
    label: `${o.cps} cps`,
    offeredCps: o.cps,
    migrations: [migration],
    incompleteCalls,
    overload: { maxPhase: 0, transitions: [], policy: 'cpu_phases' },
    failover: false,
    peakInviteWaitS: incomplete ? 32 : Math.min(31, o.cps / 4),
    timerBS: 32,
    atMigrationStart: { atS: 120, inviteWaitS: 0, timedOutCalls: 0, rejectedCalls: 0 },
    cpu,
    budgetExceeded: false,
    series: o.withSeries === false ? undefined : s,
  };
}

export function syntheticSweep(o: Partial<FixtureOptions> = {}): FileResult<number[]> {
  const runs: RunResult<number[]>[] = [];
  for (let cps = 0; cps <= 40; cps += 5) runs.push(syntheticRun({ ...o, cps }));
  return { file: 'samples/paper/active-migration.sipmig', runs };
}

function clamp(v: number): number {
  return Math.max(0, Math.min(100, v));
}
function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
