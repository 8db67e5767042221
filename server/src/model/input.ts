// The model's input: a fully resolved scenario, in SI base units.
//
// The language layer lowers a checked document into this shape; the model never sees
// syntax, ranges or names it cannot resolve. Every field is plain data so a run can be
// reproduced from JSON alone (tests build these objects directly).
//
// Units: seconds, bytes, bytes per second, bits per second, GHz, calls per second,
// percent (0..100) where the name ends in Pct.

export interface CpuSpec {
  /** Catalog or declared CPU model name, e.g. "Intel Xeon E5502". */
  model: string;
  sockets: number;
  coresPerSocket: number;
  threadsPerCore: number;
  /** Base clock in GHz. */
  ghz: number;
}

export type NicPurpose = 'sip' | 'cluster' | 'management' | 'migration' | 'storage' | 'general';

export interface NicGroup {
  count: number;
  bitsPerS: number;
  purposes: NicPurpose[];
}

export interface HostSpec {
  name: string;
  cpu: CpuSpec;
  memoryBytes: number;
  nics: NicGroup[];
}

export interface VmSpec {
  name: string;
  vcpus: number;
  memoryBytes: number;
  /** Non-zero memory at migration start: what the first pre-copy pass must send. */
  touchedBytes: number;
  diskBytes: number;
  /** Whether the disk image lives on shared storage (NFS): live migration then moves memory only. */
  diskShared: boolean;
  nicCount: number;
  nicModel: 'e1000' | 'virtio' | 'rtl8139';
  /** Paravirtual drivers in the guest (virtio-net/blk). Without them every I/O is emulated by qemu. */
  virtio: boolean;
  /** Whether the guest kernel accounts steal time (Linux >= 2.6.37 with kvm-clock). */
  stealTime: boolean;
}

export interface ClusterSpec {
  name: string;
  redundancy: '2N';
  active: string;
  standby: string;
  /** SAF CKPT synchronization from active to standby. */
  checkpoint: boolean;
  /** How long the HA middleware tolerates a silent active before it fails over. */
  failoverAfterS: number;
}

export interface SipTimers {
  t1S: number;
  t2S: number;
  t4S: number;
  timerBS: number;
  timerFS: number;
}

export interface CpuPhase {
  /** 1-based phase number as documented. */
  phase: number;
  startAbovePct: number;
  startForS: number;
  stopBelowPct: number;
  stopForS: number;
  /** Initial INVITEs admitted per second while in this phase (0 = reject all with 503). */
  admitCps: number;
}

export type OverloadPolicy =
  | { kind: 'none' }
  /** The documented CPU-threshold phases, evaluated on the guest-visible CPU of the active VM. */
  | { kind: 'cpu-phases'; phases: CpuPhase[] }
  /** Reject initial INVITEs with 503 while the estimated queueing delay exceeds maxDelayS. */
  | { kind: 'queue-delay'; maxDelayS: number }
  /** RFC 7415-style: admit at most admitCps initial INVITEs per second. */
  | { kind: 'rate'; admitCps: number };

export interface SipApplication {
  name: string;
  transport: 'tcp' | 'udp';
  /** Messages seen at the SIP-AS per call, in order, e.g. INVITE 100 180 PRACK 200 200 ACK UPDATE 200 BYE 200. */
  callFlow: string[];
  /** Called UE sends 200 OK (INVITE) this long after the 200 OK to its PRACK. */
  answerDelayS: number;
  /** Called UE sends BYE this long after it receives the ACK. */
  holdS: number;
  /** UPDATE (session refresh) this long after the ACK; null when the flow has no UPDATE. */
  refreshAfterS: number | null;
  timers: SipTimers;
  overload: OverloadPolicy;
}

/** Offered load as a step profile: `cps` holds from `atS` until the next point. */
export interface LoadPoint {
  atS: number;
  cps: number;
}

export interface MigrationSpec {
  vm: string;
  from: string;
  to: string;
  startS: number;
  /** qemu migrate_set_speed; qemu-kvm 0.12 default 32 MiB/s. */
  speedCapBytesPerS: number;
  /** qemu migrate_set_downtime; qemu-kvm 0.12 default 30 ms. */
  maxDowntimeS: number;
  /** Line rate of the network the migration stream crosses. */
  linkBitsPerS: number;
}

export interface ScenarioInput {
  name: string;
  durationS: number;
  stepS: number;
  hosts: HostSpec[];
  vms: VmSpec[];
  /** VM name -> host name at t = 0. */
  placement: Record<string, string>;
  cluster: ClusterSpec;
  app: SipApplication;
  load: LoadPoint[];
  migrations: MigrationSpec[];
  /**
   * Temporary admission limit: while any migration is under way (pre-copy or stop-and-copy),
   * at most this many initial INVITEs per second are admitted; the rest get 503. Absent: none.
   */
  admitDuringMigrationCps?: number;
  /** Overrides of named model coefficients (see model/params.ts), in the coefficient's unit. */
  coefficients: Record<string, number>;
}

/** One run per sweep point; a file without a sweep has exactly one run. */
export interface RunInput {
  label: string;
  /** The constant offered load of this run (or the profile's peak). */
  offeredCps: number;
  scenario: ScenarioInput;
}
