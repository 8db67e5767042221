// The options an operator controls for one migration, each as a pure change of the model
// input and the matching text edits. Bounds: speed caps up to the migration link's goodput,
// downtimes below the fail-over timeout, start times at the profile's steps.
import type { Analysis } from '../language';
import type { MigrationSpec, ScenarioInput } from '../model/input';
import { child } from '../language/schema/bind';
import type { Candidate } from './types';
import { insertLine, replaceBlock, replaceSpan, setProperty } from './edits';

const MiB = 1024 * 1024;
const SPEED_CAPS_MIB = [64, 128, 256, 512, 1024];
const DOWNTIMES_MS = [100, 300, 1000];
/** Queue delay well under T1 (500 ms): no retransmission is ever triggered by waiting. */
const QUEUE_DELAY_MS = 200;

const withMigration = (sc: ScenarioInput, i: number, change: Partial<MigrationSpec>): ScenarioInput => ({
  ...sc,
  migrations: sc.migrations.map((m, k) => (k === i ? { ...m, ...change } : m)),
});

/**
 * A later start proposed for a migration that starts in the backlog of an earlier one, while an
 * earlier one is still under way, or that a later one starts during (advise.ts).
 */
export interface LaterStart {
  atS: number;
  /** The VM of the other migration, which this one would then follow. */
  afterVm: string;
  why: 'backlog' | 'overlap' | 'overlapped';
}

const LATER_TITLES: Record<LaterStart['why'], (l: LaterStart) => string> = {
  overlap: (l) => `Start the migration at ${l.atS} s, after the migration of '${l.afterVm}' and the backlog it leaves, instead of during it`,
  backlog: (l) => `Start the migration at ${l.atS} s, once the SIP-AS has worked off the backlog of the migration of '${l.afterVm}'`,
  overlapped: (l) => `Start the migration at ${l.atS} s, after the migration of '${l.afterVm}' (which now starts while this one is under way) and the backlog it leaves`,
};

export function candidatesFor(a: Analysis, sc: ScenarioInput, index: number, envelopeCps: number, later: readonly LaterStart[] = []): Candidate[] {
  const m = sc.migrations[index];
  const migBlock = a.entities.migration;
  const migrate = a.entities.migrations[index];
  const out: Candidate[] = [];
  const goodput = (m.linkBitsPerS / 8) * 0.94;

  for (const capMiB of SPEED_CAPS_MIB) {
    const cap = capMiB * MiB;
    if (cap <= m.speedCapBytesPerS || cap > goodput * 1.0001) continue;
    out.push({
      id: `speed_cap=${capMiB}MiB/s`,
      kind: 'speed_cap',
      title: `Raise the migration speed cap to ${capMiB} MiB/s`,
      cost: `${capMiB} MiB/s of the ${(m.linkBitsPerS / 1e9).toFixed(0)} Gbps migration link while it runs`,
      costRank: 1 + capMiB / 1024,
      apply: (s) => ({ ...s, migrations: s.migrations.map((x) => ({ ...x, speedCapBytesPerS: cap })) }),
      edits: setProperty(a, migBlock, 'speed_cap', 'cap', `${capMiB} MiB/s`),
    });
  }

  for (const ms of DOWNTIMES_MS) {
    if (ms / 1000 <= m.maxDowntimeS || ms / 1000 >= sc.cluster.failoverAfterS) continue;
    out.push({
      id: `max_downtime=${ms}ms`,
      kind: 'max_downtime',
      title: `Allow up to ${ms} ms of downtime`,
      cost: `a pause of up to ${ms} ms at switch-over (fail-over after ${sc.cluster.failoverAfterS} s)`,
      costRank: 1 + ms / 1000,
      apply: (s) => ({ ...s, migrations: s.migrations.map((x) => ({ ...x, maxDowntimeS: ms / 1000 })) }),
      edits: setProperty(a, migBlock, 'max_downtime', 'downtime', `${ms} ms`),
    });
  }

  // In a load profile, start when the load is lowest (each profile step is a candidate).
  if (sc.load.length > 1 && migrate) {
    const minLoad = Math.min(...sc.load.map((p) => p.cps));
    for (const p of sc.load) {
      // A profile step at the proposed later start would repeat its id (that option says why).
      if (p.cps > minLoad || p.atS === m.startS || p.atS >= sc.durationS || later.some((l) => l.atS === p.atS)) continue;
      out.push({
        id: `start=${p.atS}s`,
        kind: 'start_time',
        title: `Start the migration at ${p.atS} s, when the offered load is ${p.cps} cps`,
        cost: p.atS > m.startS ? `the migration starts ${p.atS - m.startS} s later` : 'none',
        costRank: p.atS > m.startS ? 0.5 : 0,
        apply: (s) => withMigration(s, index, { startS: p.atS }),
        edits: [replaceSpan(migrate.at.span, `${p.atS} s`)],
      });
    }
  }

  // Start once the SIP-AS has worked off the backlog an earlier migration left (or, when they
  // overlap, once that migration has ended and its backlog is gone; or, when a later one starts
  // during this one, after that one and its backlog). One option per distinct start.
  const starts = new Set<number>();
  for (const l of later) {
    if (!migrate || starts.has(l.atS)) continue;
    starts.add(l.atS);
    out.push({
      id: `start=${l.atS}s`,
      kind: 'start_time',
      title: LATER_TITLES[l.why](l),
      cost: `the migration starts ${l.atS - m.startS} s later`,
      costRank: 0.5,
      apply: (s) => withMigration(s, index, { startS: l.atS }),
      edits: [replaceSpan(migrate.at.span, `${l.atS} s`)],
    });
  }

  // Switch roles first: the VM to move becomes the standby, whose slowdown hurts calls less.
  const act = a.entities.placements.find((p) => p.role === 'active');
  const sby = a.entities.placements.find((p) => p.role === 'standby');
  if (m.vm === sc.cluster.active && act && sby) {
    out.push({
      id: 'switch_roles',
      kind: 'switch_roles',
      title: `Switch over first, so that '${m.vm}' is migrated as the standby`,
      cost: 'one switch-over before the migration (in-flight transactions resume from checkpoints)',
      costRank: 2,
      apply: (s) => ({ ...s, cluster: { ...s.cluster, active: s.cluster.standby, standby: s.cluster.active } }),
      edits: [replaceSpan(act.vm.span, sby.vm.value), replaceSpan(act.host.span, sby.host.value), replaceSpan(sby.vm.span, act.vm.value), replaceSpan(sby.host.span, act.host.value)],
    });
  }

  const app = a.entities.app;
  const oc = child(app, 'overload_control')[0];
  const policyEdits = (lines: string[]) => (oc ? [replaceBlock(a, oc, lines)] : app ? insertLine(a, app, lines.join('\n  ')) : []);
  if (sc.app.overload.kind !== 'queue-delay') {
    out.push({
      id: `policy=queue_delay(${QUEUE_DELAY_MS}ms)`,
      kind: 'policy',
      title: `Control overload by queueing delay (reject new calls with 503 while the delay exceeds ${QUEUE_DELAY_MS} ms)`,
      cost: 'new calls get 503 while the SIP-AS falls behind, instead of 408 after 32 s',
      costRank: 1.5,
      apply: (s) => ({ ...s, app: { ...s.app, overload: { kind: 'queue-delay', maxDelayS: QUEUE_DELAY_MS / 1000 } } }),
      edits: policyEdits(['overload_control {', '  policy queue_delay', `  max_delay ${QUEUE_DELAY_MS} ms`, '}']),
    });
  }
  if (envelopeCps > 0 && (sc.admitDuringMigrationCps ?? Infinity) > Math.floor(envelopeCps)) {
    const admit = Math.floor(envelopeCps);
    out.push({
      id: `admit_during_migration=${admit}cps`,
      kind: 'admission_limit',
      title: `Admit at most ${admit} new calls per second while the migration runs`,
      cost: `calls above ${admit} cps get 503 during the migration only`,
      costRank: 2.5,
      apply: (s) => ({ ...s, admitDuringMigrationCps: admit }),
      edits: setProperty(a, migBlock, 'admit_during_migration', 'rate', `${admit} cps`),
    });
  }
  if (envelopeCps > 0) {
    const admit = Math.floor(envelopeCps);
    out.push({
      id: `policy=rate(${admit}cps)`,
      kind: 'policy',
      title: `Admit at most ${admit} new calls per second (rate-based overload control, RFC 7415 style)`,
      cost: `calls above ${admit} cps get 503 at all times`,
      costRank: 3,
      apply: (s) => ({ ...s, app: { ...s.app, overload: { kind: 'rate', admitCps: admit } } }),
      edits: policyEdits(['overload_control {', '  policy rate', `  admit ${admit} cps`, '}']),
    });
  }
  return out;
}

/** Two options that change different things, applied together. */
export function combine(x: Candidate, y: Candidate): Candidate {
  return {
    id: `${x.id}+${y.id}`,
    kind: x.kind,
    title: `${x.title}, and ${y.title.charAt(0).toLowerCase()}${y.title.slice(1)}`,
    cost: `${x.cost}; ${y.cost}`,
    costRank: x.costRank + y.costRank,
    apply: (s) => y.apply(x.apply(s)),
    edits: [...x.edits, ...y.edits],
  };
}
