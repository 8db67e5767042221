// Lowers a checked document into the model's input: one RunInput per sweep point (or a
// single run). Only called when there are no errors, so every required value is there;
// optional ones take the documented defaults from defaults.ts.
import type { CpuSpec, HostSpec, MigrationSpec, NicPurpose, OverloadPolicy, RunInput, ScenarioInput, VmSpec } from '../model/input';
import { child, field, prop, type Entities } from './semantic/entities';
import { defaults } from './defaults';
import type { BoundBlock } from './schema/bind';
import { coefficientValue } from './modelParams';

const n = (b: BoundBlock | undefined, name: string, part: string) => field(prop(b, name), part)?.num;
const t = (b: BoundBlock | undefined, name: string, part: string) => field(prop(b, name), part)?.text;

export function lowerRuns(e: Entities, scenarioName: string): RunInput[] {
  const base = lowerScenario(e, scenarioName);
  const w = e.workload;
  const sweep = prop(w, 'sweep');
  if (sweep?.match.ok) {
    const from = field(sweep, 'from')!.num!;
    const to = field(sweep, 'to')!.num!;
    const step = field(sweep, 'step')!.num!;
    const runs: RunInput[] = [];
    for (let i = 0; from + i * step <= to + 1e-9; i++) {
      const cps = +(from + i * step).toFixed(6);
      runs.push({ label: `${cps} cps`, offeredCps: cps, scenario: { ...base, load: [{ atS: 0, cps }] } });
    }
    return runs;
  }
  const peak = Math.max(0, ...base.load.map((p) => p.cps));
  return [{ label: base.load.length > 1 ? 'profile' : `${peak} cps`, offeredCps: peak, scenario: base }];
}

function lowerScenario(e: Entities, name: string): ScenarioInput {
  const app = e.app;
  const timers = child(app, 'timers')[0];
  const t1S = n(timers, 'T1', 't1') ?? defaults.t1S;
  const hold = n(app, 'hold_time', 'hold') ?? defaults.holdS;
  const callFlow = field(prop(app, 'call_flow'), 'messages')?.items?.map((i) => i.text) ?? defaults.callFlow;
  const migration = e.migration;
  const netName = t(migration, 'network', 'network');
  const net = netName ? e.networks.get(netName) : undefined;
  const cluster = e.cluster!;
  const placements = Object.fromEntries(e.placements.map((p) => [p.vm.value, p.host.value]));
  const usedVms = new Set([...e.placements.map((p) => p.vm.value), ...e.migrations.map((m) => m.vm.value)]);

  return {
    name,
    durationS: n(e.scenario, 'duration', 'duration') ?? defaults.durationS,
    stepS: n(e.scenario, 'step', 'step') ?? defaults.stepS,
    hosts: [...e.hosts.values()].map(
      (h): HostSpec => ({
        name: h.name,
        cpu: { model: h.cpu?.value ?? 'unknown', sockets: h.sockets?.value ?? 1, coresPerSocket: h.cores?.value ?? 1, threadsPerCore: h.threads?.value ?? 1, ghz: h.ghz?.value ?? 2 } satisfies CpuSpec,
        memoryBytes: h.memory?.value ?? 0,
        nics: h.nics.map((g) => ({ count: g.count, bitsPerS: g.bitsPerS, purposes: (g.purposes.length ? g.purposes : ['general']) as NicPurpose[] })),
      }),
    ),
    vms: [...e.vms.values()]
      .filter((v) => usedVms.has(v.name))
      .map((v): VmSpec => {
        const storage = v.diskStorage ? e.storages.get(v.diskStorage.value) : undefined;
        return {
          name: v.name,
          vcpus: v.vcpus?.value ?? 1,
          memoryBytes: v.memory?.value ?? 0,
          touchedBytes: v.touched?.value ?? v.memory?.value ?? 0,
          diskBytes: v.disk?.value ?? 0,
          diskShared: !!storage && t(storage, 'type', 'type') !== 'local',
          nicCount: v.nicCount?.value ?? 1,
          nicModel: (v.nicModel?.value ?? 'virtio') as VmSpec['nicModel'],
          virtio: v.virtio?.value ?? true,
          stealTime: v.stealTime?.value ?? true,
        };
      }),
    placement: placements,
    cluster: {
      name: cluster.name?.text ?? 'cluster',
      redundancy: '2N',
      active: e.placements.find((p) => p.role === 'active')!.vm.value,
      standby: e.placements.find((p) => p.role === 'standby')!.vm.value,
      checkpoint: (t(cluster, 'checkpoint', 'sync') ?? 'ckpt') === 'ckpt',
      failoverAfterS: n(cluster, 'failover_after', 'timeout') ?? defaults.failoverAfterS,
    },
    app: {
      name: app?.name?.text ?? 'sip',
      transport: (t(app, 'transport', 'transport') ?? 'udp') as 'tcp' | 'udp',
      callFlow,
      answerDelayS: n(app, 'answer_after', 'delay') ?? defaults.answerDelayS,
      holdS: hold,
      refreshAfterS: callFlow.includes('UPDATE') ? n(app, 'refresh_after', 'refresh') ?? hold / 2 : null,
      timers: {
        t1S,
        t2S: n(timers, 'T2', 't2') ?? defaults.t2S,
        t4S: n(timers, 'T4', 't4') ?? defaults.t4S,
        timerBS: n(timers, 'timer_B', 'timerB') ?? 64 * t1S,
        timerFS: n(timers, 'timer_F', 'timerF') ?? 64 * t1S,
      },
      overload: lowerPolicy(child(app, 'overload_control')[0]),
    },
    load: lowerLoad(e),
    migrations: e.migrations.map(
      (m): MigrationSpec => ({
        vm: m.vm.value,
        from: m.from.value,
        to: m.to.value,
        startS: m.at.value,
        speedCapBytesPerS: n(migration, 'speed_cap', 'cap') ?? defaults.speedCapBytesPerS,
        maxDowntimeS: n(migration, 'max_downtime', 'downtime') ?? defaults.maxDowntimeS,
        linkBitsPerS: n(net, 'speed', 'speed') ?? migrationNicSpeed(e, m.from.value) ?? defaults.linkBitsPerS,
      }),
    ),
    admitDuringMigrationCps: n(migration, 'admit_during_migration', 'rate'),
    coefficients: lowerCoefficients(e.model),
  };
}

function migrationNicSpeed(e: Entities, host: string): number | undefined {
  const nics = e.hosts.get(host)?.nics ?? [];
  return (nics.find((g) => g.purposes.includes('migration')) ?? nics.find((g) => g.purposes.includes('management')))?.bitsPerS;
}

function lowerPolicy(oc: BoundBlock | undefined): OverloadPolicy {
  if (!oc) return { kind: 'none' };
  const policy = t(oc, 'policy', 'policy') ?? 'cpu_phases';
  switch (policy) {
    case 'none':
      return { kind: 'none' };
    case 'queue_delay':
      return { kind: 'queue-delay', maxDelayS: n(oc, 'max_delay', 'delay') ?? defaults.maxQueueDelayS };
    case 'rate':
      return { kind: 'rate', admitCps: n(oc, 'admit', 'rate') ?? 0 };
    default:
      return {
        kind: 'cpu-phases',
        phases: child(oc, 'phase').map((ph, i) => ({
          phase: i + 1,
          startAbovePct: n(ph, 'start_above', 'threshold') ?? 100,
          startForS: n(ph, 'start_above', 'persistence') ?? 0,
          stopBelowPct: n(ph, 'stop_below', 'threshold') ?? 0,
          stopForS: n(ph, 'stop_below', 'persistence') ?? 0,
          admitCps: n(ph, 'admit', 'rate') ?? 0,
        })),
      };
  }
}

function lowerLoad(e: Entities): { atS: number; cps: number }[] {
  const w = e.workload;
  const profile = child(w, 'profile')[0];
  if (profile) {
    const pts = (profile.props.get('at') ?? []).filter((p) => p.match.ok).map((p) => ({ atS: p.match.values.time.num!, cps: p.match.values.load.num! }));
    if (pts.length && pts[0].atS > 0) pts.unshift({ atS: 0, cps: 0 });
    return pts.length ? pts : [{ atS: 0, cps: 0 }];
  }
  return [{ atS: 0, cps: n(w, 'load', 'load') ?? 0 }];
}

function lowerCoefficients(model: BoundBlock | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, list] of model?.props ?? []) {
    const p = list.at(-1)!;
    const v = Object.values(p.match.values)[0];
    if (p.match.ok && v?.num !== undefined) out[name] = coefficientValue(name, v.num);
  }
  return out;
}
