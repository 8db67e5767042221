// Behaviour of the model as a component: API, registry, series, bounds, transports, fail-over.
import { describe, expect, it } from 'vitest';
import { BEHIND_WAIT_SHARE, behindAtMigrationStart, MODEL_PARAMETERS, referenceMetrics, resolveCoefficients, simulate, simulateAll, startsInBacklogOf } from '../../server/src/model';
import { analyze } from '../../server/src/language';
import { backToBackText } from '../helpers';
import { buildCallFlow, retransmitOffsets } from '../../server/src/model/callflow';
import { run1, sampleAtLoad, sampleRun, sampleRuns, variant } from './fixtures';

const ALLOWED_UNITS = ['s', 'ms', '%', 'cps', 'B', 'MB', 'GB', 'MiB', 'MB/s', 'MiB/s', 'Gbps', 'GHz', ''];

describe('coefficient registry', () => {
  it('names every coefficient once, in snake_case, with a unit the language knows, a default in range, a source and a doc', () => {
    const names = new Set<string>();
    for (const p of MODEL_PARAMETERS) {
      expect(p.name, p.name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(names.has(p.name), `${p.name} listed twice`).toBe(false);
      names.add(p.name);
      expect(ALLOWED_UNITS, `${p.name} unit ${p.unit}`).toContain(p.unit);
      expect(p.min <= p.default && p.default <= p.max, `${p.name}: ${p.min} <= ${p.default} <= ${p.max}`).toBe(true);
      expect(p.source.length, `${p.name} source`).toBeGreaterThan(5);
      expect(p.doc.length, `${p.name} doc`).toBeGreaterThan(20);
    }
  });

  it('overrides by name, and refuses unknown names and values out of range', () => {
    expect(resolveCoefficients({ sip_cpu_per_call: 20 }).sip_cpu_per_call).toBe(20);
    expect(resolveCoefficients({}).sip_cpu_per_call).toBe(MODEL_PARAMETERS.find((p) => p.name === 'sip_cpu_per_call')!.default);
    expect(() => resolveCoefficients({ no_such_thing: 1 })).toThrow(/Unknown model coefficient/);
    expect(() => resolveCoefficients({ wws_region: 1000 })).toThrow(/outside/);
  });

  it('an override reaches the result (the model reads coefficients only through the registry)', () => {
    const base = run1(sampleRun('active-migration', 20));
    const costly = run1(variant(sampleRun('active-migration', 20), (s) => (s.coefficients = { sip_cpu_per_call: 19.2 })));
    expect(costly.cpu.vms.sipas1.beforePct! - 3).toBeCloseTo(2 * (base.cpu.vms.sipas1.beforePct! - 3), 1);
  });
});

describe('call flow', () => {
  const app = sampleRun('active-migration', 0).scenario.app;

  it('reads the paper flow: timers, triggers and delays of each message', () => {
    const f = buildCallFlow(app, 2);
    expect(f.classes.map((c) => c.name)).toEqual(['INVITE', '100/INVITE', '180/INVITE', 'PRACK', '200/PRACK', '200/INVITE', 'ACK', 'UPDATE', '200/UPDATE', 'BYE', '200/BYE']);
    const byName = Object.fromEntries(f.classes.map((c, i) => [c.name, { ...c, i }]));
    expect(byName['200/INVITE'].delayS).toBe(10);
    expect(byName.UPDATE.trigger).toBe(byName.ACK.i);
    expect(byName.UPDATE.delayS).toBe(90);
    expect(byName.BYE.trigger).toBe(byName.ACK.i);
    expect(byName.BYE.delayS).toBe(180);
    expect(byName.INVITE.timeoutS).toBe(32);
    expect(byName.INVITE.cause).toBe('408');
    expect(byName.UPDATE.cause).toBe('update-timeout');
    expect(byName.ACK.timeoutS).toBe(0);
    expect(f.workPerCall).toBe(12);
  });

  it('over TCP only the reliable 180 and the 2xx are retransmitted (no Timer A/E)', () => {
    const f = buildCallFlow(app, 2);
    expect(f.retransmissions.map((r) => [f.classes[r.x].name, f.classes[r.y].name])).toEqual([
      ['180/INVITE', 'PRACK'],
      ['200/INVITE', 'ACK'],
    ]);
    const udp = buildCallFlow({ ...app, transport: 'udp' }, 2);
    const subjects = udp.retransmissions.map((r) => udp.classes[r.x].name);
    expect(subjects).toEqual(expect.arrayContaining(['INVITE', 'PRACK', 'UPDATE', 'BYE']));
  });

  it('uses the RFC 3261 schedules: Timer A doubles, Timer E and 2xx cap at T2', () => {
    expect(retransmitOffsets(0.5, Infinity, 32)).toEqual([0.5, 1.5, 3.5, 7.5, 15.5, 31.5]);
    expect(retransmitOffsets(0.5, 4, 32)).toEqual([0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5]);
    expect(retransmitOffsets(0, 4, 32)).toEqual([]);
  });
});

describe('runs', () => {
  it('is deterministic', () => {
    const r = sampleRun('active-migration', 40);
    expect(simulate(r, { series: true })).toEqual(simulate(r, { series: true }));
  });

  it('records every step in the series, with every documented key', () => {
    const r = run1(sampleRun('active-migration', 20), true);
    const s = r.series!;
    const n = Math.round(420 / 0.1);
    for (const k of ['tS', 'offeredCps', 'servedCps', 'queueDelayS', 'retransmissionsPerS', 'overloadPhase', 'incomplete408', 'incomplete503', 'incompleteOther', 'migRemainingBytes', 'migSentBytes', 'migPhase', 'migRound', 'vmCpu.sipas1', 'vmCpu.sipas2', 'hostCpu.pm1', 'hostCpu.pm2', 'hostCpu.pm3']) {
      expect(s[k]?.length, k).toBe(n);
      expect(s[k].every(Number.isFinite), k).toBe(true);
    }
    expect(s.tS[1] - s.tS[0]).toBeCloseTo(0.1, 9);
    expect(new Set(s.migPhase)).toEqual(new Set([0, 1, 2, 3]));
    // Without series, the same summary.
    const plain = run1(sampleRun('active-migration', 20));
    expect(plain.series).toBeUndefined();
    expect(plain.cpu).toEqual(r.cpu);
  });

  it('moves the VM: CPU follows it from the source host to the destination', () => {
    const r = run1(sampleRun('active-migration', 20), true);
    const s = r.series!;
    const end = r.migrations[0].endS!;
    const i = (t: number) => Math.round(t / 0.1);
    expect(s['hostCpu.pm3'][i(100)]).toBeLessThan(2);
    expect(s['hostCpu.pm3'][i(end + 20)]).toBeGreaterThan(s['hostCpu.pm1'][i(end + 20)]);
    expect(r.migrations[0].bytesSent).toBeGreaterThan(2e9);
  });

  it('memory and time grow with steps, not with calls: a million calls per second costs no more than forty', () => {
    const busy = variant(sampleRun('active-migration', 40), (s) => (s.load = [{ atS: 0, cps: 1e6 }]));
    const t0 = performance.now();
    const r = run1(busy, true);
    const dt = performance.now() - t0;
    expect(dt).toBeLessThan(2000);
    expect(r.incompleteCalls.total).toBeGreaterThan(1e6);
    expect(Object.values(r.series!).every((a) => a.length === 4200)).toBe(true);
  });

  it('stops at its time budget and says so', () => {
    const long = variant(sampleRun('active-migration', 40), (s) => ((s.durationS = 3600), (s.stepS = 0.01)));
    const r = simulate(long, { series: true, budgetMs: 1 });
    expect(r.budgetExceeded).toBe(true);
    expect(r.series!.tS.length).toBeLessThan(360000);
    expect(r.series!.tS.length).toBeGreaterThan(0);
    const all = simulateAll([long, long], { budgetMs: 1 });
    expect(all.every((x) => x.budgetExceeded)).toBe(true);
    // A run whose budget is already spent (later runs of a batch) simulates nothing at all.
    const spent = simulate(long, { series: true, budgetMs: 0 });
    expect(spent.budgetExceeded, 'a spent budget is reported').toBe(true);
    expect(spent.series!.tS.length, 'a spent budget simulates no step').toBe(0);
    expect(spent.migrations[0].converged, 'a migration that was never simulated has not converged').toBe(false);
    expect(simulate(sampleRun('active-migration', 0)).budgetExceeded).toBe(false);
  });

  it('bounds the steps it allocates, whatever the input asks for', () => {
    const absurd = variant(sampleRun('active-migration', 0), (s) => ((s.durationS = 1e9), (s.stepS = 0.001), (s.app.holdS = 1e12)));
    const r = simulate(absurd, { budgetMs: 50 });
    expect(r.budgetExceeded).toBe(true);
  });

  it('without a migration, every CPU summary is the run mean and nothing fails', () => {
    const r = run1(variant(sampleRun('active-migration', 20), (s) => (s.migrations = [])));
    expect(r.migrations).toEqual([]);
    const c = r.cpu.vms.sipas1;
    expect(c.beforePct).toBe(c.duringPct);
    expect(c.afterPct).toBe(c.duringPct);
    expect(r.incompleteCalls.total).toBe(0);
  });

  it('has no CPU before a migration that starts at 0 s (null, not the first step of the migration)', () => {
    const r = run1(variant(sampleRun('active-migration', 20), (s) => s.migrations.forEach((m) => (m.startS = 0))));
    for (const [name, c] of Object.entries({ ...r.cpu.vms, ...r.cpu.hosts })) {
      expect(c.beforePct, `${name}: nothing runs before 0 s`).toBeNull();
      expect(Number.isFinite(c.duringPct) && Number.isFinite(c.afterPct), `${name}: during and after are measured`).toBe(true);
    }
    expect(referenceMetrics(r).migratedVmCpuRisePct, 'no rise without a before').toBeNaN();
    expect(JSON.parse(JSON.stringify(r)).cpu.vms.sipas1.beforePct, 'JSON says null').toBeNull();
    // A start inside the first minute averages what there is before it.
    const early = run1(variant(sampleRun('active-migration', 20), (s) => s.migrations.forEach((m) => (m.startS = 10))));
    expect(early.cpu.vms.sipas1.beforePct, 'the 10 s before a start at 10 s').toBeCloseTo(run1(sampleRun('active-migration', 20)).cpu.vms.sipas1.beforePct!, 0);
  });

  it('starts in the steady state of its load, or empty with warm_start 0', () => {
    const warm = run1(sampleRun('active-migration', 20), true).series!;
    const cold = run1(variant(sampleRun('active-migration', 20), (s) => (s.coefficients = { warm_start: 0 })), true).series!;
    const i = Math.round(5 / 0.1);
    expect(warm['vmCpu.sipas1'][i]).toBeCloseTo(warm['vmCpu.sipas1'][Math.round(100 / 0.1)], 6);
    expect(cold['vmCpu.sipas1'][i]).toBeLessThan(warm['vmCpu.sipas1'][i]);
  });
});

describe('the SIP-AS when the first migration starts', () => {
  it('is idle in every paper run: nothing waits and nothing has failed at 120 s', () => {
    for (const r of sampleRuns('active-migration').map((x) => run1(x))) {
      expect(r.atMigrationStart, `${r.label}: expected the state at 120 s with no wait and no failure`).toEqual({ atS: 120, inviteWaitS: 0, timedOutCalls: 0, rejectedCalls: 0 });
      expect(behindAtMigrationStart(r), r.label).toBe(false);
    }
  });

  it('counts calls a policy refused apart: refusing calls is keeping up by design, not falling behind', () => {
    const r = run1(variant(sampleRun('active-migration', 40), (s) => (s.app.overload = { kind: 'rate', admitCps: 30 })));
    const s = r.atMigrationStart!;
    expect(s.rejectedCalls, 'a 30 cps rate limit under 40 cps refuses about 10 calls a second for 120 s').toBeGreaterThan(1000);
    expect(s.timedOutCalls).toBe(0);
    expect(s.inviteWaitS).toBe(0);
    expect(behindAtMigrationStart(r)).toBe(false);
  });

  it('is null without a migration', () => {
    expect(run1(variant(sampleRun('active-migration', 20), (s) => (s.migrations = []))).atMigrationStart).toBeNull();
  });

  it('shows a load the server cannot carry: the wait the same load reaches without any migration, and it grows with a later start', () => {
    const over = (cps: number, startS: number) => variant(sampleAtLoad('active-migration', cps), (s) => s.migrations.forEach((m) => (m.startS = startS)));
    const r = run1(over(90, 120));
    const s = r.atMigrationStart!;
    expect(s.atS).toBe(120);
    // Until the migration starts the run is the run without one: cut there, its longest wait is the same.
    const before = run1(variant(over(90, 120), (sc) => ((sc.migrations = []), (sc.durationS = 120))));
    expect(s.inviteWaitS, 'wait at the start vs the run without migration cut at 120 s').toBeCloseTo(before.peakInviteWaitS, 3);
    expect(s.inviteWaitS, 'at 90 cps new calls should already wait a good part of Timer B').toBeGreaterThan(BEHIND_WAIT_SHARE * r.timerBS);
    expect(behindAtMigrationStart(r)).toBe(true);
    const later = run1(over(90, 180)).atMigrationStart!;
    expect(later.inviteWaitS, `started at 180 s: ${later.inviteWaitS} s, at 120 s: ${s.inviteWaitS} s`).toBeGreaterThan(s.inviteWaitS);
    // Calls that failed before the start are counted as they are in the series.
    const worse = run1(over(100, 120), true);
    const failed = worse.atMigrationStart!.timedOutCalls;
    expect(failed, 'at 100 cps calls fail before the migration starts').toBeGreaterThan(0);
    expect(failed).toBe(Math.round(worse.series!.incomplete408[Math.round(120 / 0.1) - 1]));
  });
});

describe('the SIP-AS when each migration starts', () => {
  it('records the new-call wait at every start: a second migration 11 s after the first finds its backlog', () => {
    const r = run1(analyze(backToBackText()).runs[0]);
    const [first, second] = r.migrations;
    expect(first.startWaitS, 'nothing waits at 120 s').toBe(0);
    expect(first.startWaitS).toBe(r.atMigrationStart!.inviteWaitS);
    expect(second.startWaitS, 'at 270 s new calls still wait for the backlog of the first migration').toBeGreaterThanOrEqual(BEHIND_WAIT_SHARE * r.timerBS);
    expect(startsInBacklogOf(r, 0)).toBeNull();
    expect(startsInBacklogOf(r, 1), 'the second starts in the backlog the first left').toEqual({ after: first, waitS: second.startWaitS });
  });

  it('blames no earlier migration for a wait the load causes, nor a migration that never started', () => {
    const over = analyze(backToBackText().replace('load 40 cps', 'load 90 cps')).runs[0];
    const r = run1(over);
    expect(behindAtMigrationStart(r), 'at 90 cps the server is behind before any migration').toBe(true);
    expect(startsInBacklogOf(r, 1), 'the load, not the schedule, is the cause').toBeNull();
    const cut = run1(variant(analyze(backToBackText()).runs[0], (s) => (s.durationS = 200)));
    expect(cut.migrations[1].startWaitS, 'the scenario ends before the second starts').toBeNull();
    expect(startsInBacklogOf(cut, 1)).toBeNull();
  });
});

describe('transports and timers', () => {
  it('over TCP a slowed SIP-AS causes no retransmissions of requests; over UDP Timer A and E retransmit', () => {
    const tcp = run1(sampleRun('active-migration', 40), true);
    const udp = run1(variant(sampleRun('active-migration', 40), (s) => (s.app.transport = 'udp')), true);
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0) * 0.1;
    expect(sum(udp.series!.retransmissionsPerS)).toBeGreaterThan(sum(tcp.series!.retransmissionsPerS) + 1000);
  });

  it('a longer Timer B lets the same waits complete', () => {
    const short = run1(sampleRun('active-migration', 40));
    const long = run1(variant(sampleRun('active-migration', 40), (s) => (s.app.timers.timerBS = 64)));
    expect(short.incompleteCalls.total).toBeGreaterThan(0);
    expect(long.incompleteCalls.total).toBe(0);
  });
});

describe('fail-over', () => {
  it('is declared when the active is silent longer than the HA tolerance, never in the paper runs', () => {
    for (const r of sampleRuns('active-migration')) expect(run1(r).failover).toBe(false);
    const strict = run1(variant(sampleRun('active-migration', 40), (s) => (s.cluster.failoverAfterS = 0.02)));
    expect(strict.failover).toBe(true);
    expect(strict.failoverAtS).toBeGreaterThanOrEqual(120);
    // A silent standby is not a fail-over.
    expect(run1(variant(sampleRun('standby-migration', 40), (s) => (s.cluster.failoverAfterS = 0.02))).failover).toBe(false);
  });
});

describe('degenerate inputs', () => {
  const finite = (x: unknown): boolean => (typeof x === 'number' ? Number.isFinite(x) : Array.isArray(x) ? x.every(finite) : x && typeof x === 'object' ? Object.values(x).every((v) => v === null || finite(v)) : true);
  const cases: [string, (s: Parameters<Parameters<typeof variant>[1]>[0]) => void][] = [
    ['zero duration', (s) => (s.durationS = 0)],
    ['a step longer than the run', (s) => (s.stepS = 1000)],
    ['no load points', (s) => (s.load = [])],
    ['a migration of an unknown VM', (s) => (s.migrations[0].vm = 'ghost')],
    ['a migration to an unknown host', (s) => (s.migrations[0].to = 'nowhere')],
    ['a zero-speed migration link', (s) => (s.migrations[0].linkBitsPerS = 0)],
    ['an active VM that is not declared', (s) => (s.cluster.active = 'ghost')],
    ['an empty call flow', (s) => (s.app.callFlow = [])],
    ['a flow without PRACK or UPDATE', (s) => ((s.app.callFlow = ['INVITE', '180', '200', 'ACK', 'BYE', '200']), (s.app.refreshAfterS = null))],
    ['no checkpointing', (s) => (s.cluster.checkpoint = false)],
    ['one vCPU on a one-core host', (s) => (s.vms.forEach((v) => (v.vcpus = 1)), s.hosts.forEach((h) => ((h.cpu.sockets = 1), (h.cpu.coresPerSocket = 1))))],
  ];
  for (const [name, f] of cases) {
    it(`${name}: no exception, only finite numbers`, () => {
      const r = simulate(variant(sampleRun('active-migration', 40), f), { series: true });
      expect(finite({ ...r, label: 0 }), JSON.stringify(r).slice(0, 300)).toBe(true);
    });
  }
});
