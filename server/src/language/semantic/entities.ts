// Resolved entities: each host, VM, the cluster, the application, the workload and the
// migration schedule, with effective values (a host's own line overrides its hardware
// profile, a VM's its flavor) and the span each value came from, so that rules can point
// at the exact place to fix.
import type { Span } from '../syntax/tree';
import { child, prop, type Bound, type BoundBlock, type BoundProp } from '../schema/bind';
import type { Value } from '../schema/signature';
import type { Scope } from './scope';

export interface Field<T> {
  value: T;
  span: Span;
}

export interface NicGroupEntity {
  count: number;
  bitsPerS: number;
  purposes: string[];
  span: Span;
}

export interface HostEntity {
  name: string;
  span: Span;
  block: BoundBlock;
  /** The hardware profile it takes values from, when it names a declared one. */
  profile?: BoundBlock;
  cpu?: Field<string>;
  sockets: Field<number> | undefined;
  cores?: Field<number>;
  threads?: Field<number>;
  ghz?: Field<number>;
  memory?: Field<number>;
  nics: NicGroupEntity[];
}

export interface VmEntity {
  name: string;
  span: Span;
  block: BoundBlock;
  /** The flavor it takes values from, when it names a declared one. */
  profile?: BoundBlock;
  vcpus?: Field<number>;
  memory?: Field<number>;
  touched?: Field<number>;
  disk?: Field<number>;
  diskStorage?: Field<string>;
  nicCount?: Field<number>;
  nicModel?: Field<string>;
  nicMapping?: Field<string>;
  virtio?: Field<boolean>;
  stealTime?: Field<boolean>;
}

export interface PlacementEntity {
  role: 'active' | 'standby';
  vm: Field<string>;
  host: Field<string>;
  prop: BoundProp;
}

export interface MigrationEntity {
  vm: Field<string>;
  from: Field<string>;
  to: Field<string>;
  at: Field<number>;
  prop: BoundProp;
}

export interface Entities {
  scenario?: BoundBlock;
  hosts: Map<string, HostEntity>;
  vms: Map<string, VmEntity>;
  storages: Map<string, BoundBlock>;
  networks: Map<string, BoundBlock>;
  cluster?: BoundBlock;
  placements: PlacementEntity[];
  app?: BoundBlock;
  workload?: BoundBlock;
  migration?: BoundBlock;
  migrations: MigrationEntity[];
  model?: BoundBlock;
}

/** The value of a property part, if the line matched. */
export function field(p: BoundProp | undefined, part: string): Value | undefined {
  return p?.match.ok ? p.match.values[part] : undefined;
}

function num(p: BoundProp | undefined, part: string): Field<number> | undefined {
  const v = field(p, part);
  return v?.num !== undefined ? { value: v.num, span: v } : undefined;
}
function txt(p: BoundProp | undefined, part: string): Field<string> | undefined {
  const v = field(p, part);
  return v?.text !== undefined ? { value: v.text, span: v } : undefined;
}
function bool(p: BoundProp | undefined, part: string): Field<boolean> | undefined {
  const v = field(p, part);
  return v?.bool !== undefined ? { value: v.bool, span: v } : undefined;
}

/** The profile block a host (`hardware X`) or VM (`flavor X`) names, if declared. */
function profileOf(b: BoundBlock, kind: 'hardware' | 'flavor', scope: Scope): BoundBlock | undefined {
  const name = field(prop(b, kind), kind)?.text;
  return name ? scope.lookup(kind, name)?.block : undefined;
}

const matched = (p: BoundProp) => p.match.ok;

export function resolveEntities(bound: Bound, scope: Scope): Entities {
  // The top-level blocks by kind, in document order: one pass instead of one filter per kind.
  const byKind = new Map<string, BoundBlock[]>();
  for (const b of bound.blocks) {
    const list = byKind.get(b.def.kind);
    if (list) list.push(b);
    else byKind.set(b.def.kind, [b]);
  }
  const top = (kind: string): BoundBlock[] => byKind.get(kind) ?? [];
  const e: Entities = {
    scenario: top('scenario')[0],
    hosts: new Map(),
    vms: new Map(),
    storages: new Map(),
    networks: new Map(),
    cluster: top('cluster')[0],
    placements: [],
    app: top('sip_application')[0],
    workload: top('workload')[0],
    migration: top('migration')[0],
    migrations: [],
    model: top('model')[0],
  };
  for (const b of top('storage')) if (b.name && !e.storages.has(b.name.text)) e.storages.set(b.name.text, b);
  for (const b of top('network')) if (b.name && !e.networks.has(b.name.text)) e.networks.set(b.name.text, b);

  for (const b of top('host')) {
    if (!b.name || e.hosts.has(b.name.text)) continue;
    const hw = profileOf(b, 'hardware', scope);
    // The host's own line wins over its hardware profile.
    const eff = (name: string) => prop(b, name) ?? prop(hw, name);
    const nicLines = b.props.get('nic') ?? hw?.props.get('nic') ?? [];
    e.hosts.set(b.name.text, {
      name: b.name.text,
      span: b.name.span,
      block: b,
      profile: hw,
      cpu: txt(eff('cpu'), 'model'),
      sockets: num(eff('sockets'), 'sockets'),
      cores: num(eff('cores_per_socket'), 'cores'),
      threads: num(eff('threads_per_core'), 'threads'),
      ghz: num(eff('clock'), 'clock'),
      memory: num(eff('memory'), 'memory'),
      // (Mapped directly when every line matched, as they usually all do: no intermediate list.)
      nics: (nicLines.every(matched) ? nicLines : nicLines.filter(matched)).map((p) => ({
        count: p.match.values.count.num!,
        bitsPerS: p.match.values.speed.num!,
        purposes: p.match.values.purposes?.items?.map((i) => i.text) ?? [],
        span: p.member,
      })),
    });
  }

  for (const b of top('vm')) {
    if (!b.name || e.vms.has(b.name.text)) continue;
    const fl = profileOf(b, 'flavor', scope);
    const eff = (name: string) => prop(b, name) ?? prop(fl, name);
    e.vms.set(b.name.text, {
      name: b.name.text,
      span: b.name.span,
      block: b,
      profile: fl,
      vcpus: num(eff('vcpus'), 'vcpus'),
      memory: num(eff('memory'), 'memory'),
      touched: num(eff('touched_memory'), 'touched'),
      disk: num(eff('disk'), 'size'),
      diskStorage: txt(eff('disk'), 'storage'),
      nicCount: num(eff('nics'), 'count'),
      nicModel: txt(eff('nics'), 'model'),
      nicMapping: txt(eff('nics'), 'mapping'),
      virtio: bool(eff('virtio'), 'virtio'),
      stealTime: bool(eff('steal_time'), 'steal'),
    });
  }

  for (const role of ['active', 'standby'] as const) {
    const p = prop(e.cluster, role);
    const vm = txt(p, 'vm');
    const host = txt(p, 'host');
    if (p && vm && host) e.placements.push({ role, vm, host, prop: p });
  }

  for (const p of e.migration?.props.get('migrate') ?? []) {
    const vm = txt(p, 'vm');
    const from = txt(p, 'from');
    const to = txt(p, 'to');
    const at = num(p, 'at');
    if (vm && from && to && at) e.migrations.push({ vm, from, to, at, prop: p });
  }
  e.migrations.sort((a, b) => a.at.value - b.at.value);
  return e;
}

export { child, prop, num as numField, txt as textField, bool as boolField };
