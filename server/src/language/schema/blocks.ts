// Every block and property of the language, with its documentation and the source of
// its meaning and default. Hovers, completion, validation and docs/language.md read this.
import type { BlockDef, Part, PropDef } from './types';

const q = (name: string, dim: Extract<Part, { t: 'q' }>['dim'], extra: { min?: number; max?: number; integer?: boolean } = {}): Part => ({ t: 'q', name, dim, ...extra });
const num = (name: string, extra: { min?: number; max?: number; integer?: boolean } = {}): Part => ({ t: 'num', name, ...extra });
const kw = (word: string): Part => ({ t: 'kw', word });

export const NIC_PURPOSES = ['sip', 'cluster', 'management', 'migration', 'storage', 'general'] as const;
export const POLICIES = ['cpu_phases', 'queue_delay', 'rate', 'none'] as const;

const hardwareProps: PropDef[] = [
  { name: 'cpu', parts: [{ t: 'str', name: 'model' }], doc: 'CPU model. Catalog models are checked against their datasheet values.', source: 'CPU datasheet (built-in catalog)', required: true, example: 'cpu "Intel Xeon E5502"' },
  { name: 'sockets', parts: [num('sockets', { min: 1, max: 16, integer: true })], doc: 'Number of CPU sockets.', default: '1', source: 'paper §1: 2 sockets', example: 'sockets 2' },
  { name: 'cores_per_socket', parts: [num('cores', { min: 1, max: 512, integer: true })], doc: 'Physical cores per socket.', source: 'CPU datasheet; paper §1: 2', required: true, example: 'cores_per_socket 2' },
  { name: 'threads_per_core', parts: [num('threads', { min: 1, max: 8, integer: true })], doc: 'Hardware threads per core (2 with Hyper-Threading / SMT).', default: '1', source: 'CPU datasheet; paper §1: no Hyper-Threading', example: 'threads_per_core 1' },
  { name: 'clock', parts: [q('clock', 'frequency', { min: 0.1, max: 10 })], doc: 'Base clock frequency. Scales the call-processing capacity of the VMs on the host.', source: 'CPU datasheet; paper §1: 1.87 GHz', required: true, example: 'clock 1.87 GHz' },
  { name: 'memory', parts: [q('memory', 'bytes', { min: 1 })], doc: 'Physical RAM. VMs placed on the host (now and after each migration) must fit in it.', source: 'server specification', required: true, example: 'memory 16 GiB' },
  { name: 'disk', parts: [q('disk', 'bytes', { min: 1 })], doc: 'Local disk capacity (informational).', source: 'paper §1: SCSI 146 GB', example: 'disk 146 GB' },
  {
    name: 'nic',
    parts: [num('count', { min: 1, max: 64, integer: true }), kw('x'), q('speed', 'bitRate', { min: 1e6 }), { t: 'opt', parts: [kw('for'), { t: 'list', name: 'purposes', values: NIC_PURPOSES }] }],
    doc: 'A group of physical NICs: count, line rate and what they carry. VM NICs mapped one-to-one need as many physical NICs.',
    source: 'paper §1: onboard NICs plus 4 x 1 Gbps for SIP, cluster and management traffic',
    repeat: true,
    example: 'nic 4 x 1 Gbps for sip, cluster',
  },
];

const flavorProps: PropDef[] = [
  { name: 'vcpus', parts: [num('vcpus', { min: 1, max: 512, integer: true })], doc: 'Virtual CPUs. More vCPUs than the host has cores means the vCPUs compete for cores.', source: 'paper §2: 4 vCPUs', required: true, example: 'vcpus 4' },
  { name: 'memory', parts: [q('memory', 'bytes', { min: 1 })], doc: 'RAM given to the guest.', source: 'paper §2: several GB', required: true, example: 'memory 4 GiB' },
  {
    name: 'touched_memory',
    parts: [q('touched', 'bytes', { min: 0 })],
    doc: 'Non-zero guest memory when the migration starts: what the first pre-copy pass must send. qemu sends zero pages as a few bytes, so this, not the RAM size, sets the migration time.',
    default: 'memory',
    source: 'qemu-kvm 0.12 ram_save_block (dup pages); calibrated: 60 s at 32 MiB/s means about 2 GB',
    example: 'touched_memory 2 GB',
  },
  {
    name: 'disk',
    parts: [q('size', 'bytes', { min: 1 }), { t: 'opt', parts: [kw('on'), { t: 'ref', name: 'storage', kind: 'storage' }] }],
    doc: 'Virtual disk size and the storage its image lives on. Live migration without block migration needs shared storage.',
    source: 'paper §1-2: 100 GB virtual IDE disk on NFS',
    example: 'disk 100 GB on vm_images',
  },
  {
    name: 'nics',
    parts: [num('count', { min: 0, max: 64, integer: true }), kw('x'), { t: 'enum', name: 'model', values: ['e1000', 'virtio', 'rtl8139'] }, { t: 'opt', parts: [{ t: 'enum', name: 'mapping', values: ['one_to_one', 'bridged'] }] }],
    doc: 'Virtual NICs and their model. `one_to_one` maps each to its own physical NIC of the host. Emulated models (e1000, rtl8139) are served by qemu\'s main thread, the same thread that runs the migration.',
    default: '1 x virtio bridged',
    source: 'paper §2: 6 emulated e1000 NICs connected one-to-one',
    example: 'nics 6 x e1000 one_to_one',
  },
  { name: 'guest_kernel', parts: [{ t: 'str', name: 'kernel' }], doc: 'Guest kernel (informational; virtio and steal_time say what matters).', source: 'paper §2: CGL on 2.6.18', example: 'guest_kernel "2.6.18 Carrier Grade Linux"' },
  { name: 'virtio', parts: [{ t: 'bool', name: 'virtio' }], doc: 'Whether the guest has paravirtual (virtio) drivers. Without them all I/O is emulated and migration costs the guest more.', default: 'yes', source: 'paper §2: the 2.6.18 guest has no virtio', example: 'virtio no' },
  { name: 'steal_time', parts: [{ t: 'bool', name: 'steal' }], doc: 'Whether the guest accounts steal time. Without it the guest\'s CPU % cannot show capacity it loses to the host, which blinds CPU-based overload control.', default: 'yes', source: 'Linux >= 2.6.37 with kvm-clock; 2.6.18 has none', example: 'steal_time no' },
];

const phaseBlock: BlockDef = {
  kind: 'phase',
  name: 'number',
  doc: 'One overload-control phase: entered when the active VM\'s CPU stays above a threshold for a persistence time, left when it stays below a lower threshold.',
  source: 'paper §4 (overload control)',
  repeat: true,
  example: 'phase 1 {\n  start_above 70 % for 20 s\n  stop_below 65 % for 40 s\n  admit 20 cps\n}',
  blocks: [],
  props: [
    { name: 'start_above', parts: [q('threshold', 'percent', { min: 0, max: 100 }), kw('for'), q('persistence', 'time', { min: 0 })], doc: 'The phase starts when VM CPU stays above this threshold for this long.', source: 'paper §4: phase 1 > 70 % for 20 s, phase 2 > 80 % for 20 s', required: true, example: 'start_above 70 % for 20 s' },
    { name: 'stop_below', parts: [q('threshold', 'percent', { min: 0, max: 100 }), kw('for'), q('persistence', 'time', { min: 0 })], doc: 'The phase stops when VM CPU stays below this threshold for this long (hysteresis).', source: 'paper §4: phase 1 < 65 % for 40 s, phase 2 < 75 % for 40 s', required: true, example: 'stop_below 65 % for 40 s' },
    { name: 'admit', parts: [q('rate', 'callRate', { min: 0 })], doc: 'Initial INVITEs processed per second in this phase; the rest get 503. Re-INVITE, UPDATE, ACK, BYE and PRACK are never regulated.', source: 'paper §4: phase 1 admits 20 per second, phase 2 none', required: true, example: 'admit 20 cps' },
  ],
};

const overloadBlock: BlockDef = {
  kind: 'overload_control',
  name: 'none',
  doc: 'The SIP-AS overload-control policy. `cpu_phases` is the documented CPU-threshold policy; `queue_delay` rejects initial INVITEs while the queueing delay is too high; `rate` admits a fixed rate (RFC 7415 style).',
  source: 'paper §4; RFC 6357; RFC 7415',
  example: 'overload_control {\n  policy cpu_phases\n  phase 1 {\n    start_above 70 % for 20 s\n    stop_below 65 % for 40 s\n    admit 20 cps\n  }\n}',
  blocks: [phaseBlock],
  props: [
    { name: 'policy', parts: [{ t: 'enum', name: 'policy', values: POLICIES }], doc: 'Which overload-control policy the SIP-AS runs.', default: 'cpu_phases', source: 'paper §4 (cpu_phases); RFC 7415 (rate)', example: 'policy cpu_phases' },
    { name: 'max_delay', parts: [q('delay', 'time', { min: 0.001 })], doc: 'queue_delay policy: reject initial INVITEs with 503 while the estimated queueing delay exceeds this. Well under T1 means no retransmissions.', default: '200 ms', source: 'model-notes: queue delay maps onto SIP timers (T1 = 500 ms)', example: 'max_delay 200 ms' },
    { name: 'admit', parts: [q('rate', 'callRate', { min: 0 })], doc: 'rate policy: initial INVITEs admitted per second; the rest get 503.', source: 'RFC 7415 rate-based overload control', example: 'admit 30 cps' },
  ],
};

const timersBlock: BlockDef = {
  kind: 'timers',
  name: 'none',
  doc: 'SIP transaction timers of the SIP-AS and its peers.',
  source: 'RFC 3261 §17 and Table 4',
  example: 'timers {\n  T1 500 ms\n  T2 4 s\n  timer_B 32 s\n}',
  blocks: [],
  props: [
    { name: 'T1', parts: [q('t1', 'time', { min: 0.001, max: 60 })], doc: 'RTT estimate. INVITE retransmissions over UDP start at T1 and double.', default: '500 ms', source: 'RFC 3261 §17.1.1.1', example: 'T1 500 ms' },
    { name: 'T2', parts: [q('t2', 'time', { min: 0.001, max: 600 })], doc: 'Maximum retransmit interval for non-INVITE requests and INVITE responses.', default: '4 s', source: 'RFC 3261 §17.1.2.2', example: 'T2 4 s' },
    { name: 'T4', parts: [q('t4', 'time', { min: 0, max: 600 })], doc: 'Maximum time a message stays in the network.', default: '5 s', source: 'RFC 3261 §17.1.2.2', example: 'T4 5 s' },
    { name: 'timer_B', parts: [q('timerB', 'time', { min: 0.001, max: 3600 })], doc: 'INVITE transaction timeout (64 x T1). On expiry the caller gets 408 Request Timeout and the call is incomplete.', default: '32 s', source: 'RFC 3261 §17.1.1.2', example: 'timer_B 32 s' },
    { name: 'timer_F', parts: [q('timerF', 'time', { min: 0.001, max: 3600 })], doc: 'Non-INVITE transaction timeout (64 x T1): PRACK, UPDATE, BYE.', default: '32 s', source: 'RFC 3261 §17.1.2.2', example: 'timer_F 32 s' },
  ],
};

const profileBlock: BlockDef = {
  kind: 'profile',
  name: 'none',
  doc: 'Offered load over time: each `at` line sets the load from that time on.',
  source: 'sipmig',
  example: 'profile {\n  at 0 s 10 cps\n  at 300 s 40 cps\n}',
  blocks: [],
  props: [{ name: 'at', parts: [q('time', 'time', { min: 0 }), q('load', 'callRate', { min: 0 })], doc: 'From this time on, offer this many calls per second.', source: 'sipmig', repeat: true, required: true, example: 'at 0 s 10 cps' }],
};

export const BLOCKS: BlockDef[] = [
  {
    kind: 'scenario',
    name: 'optional',
    doc: 'Scenario settings: how long to simulate and with which time step. Optional: without it the defaults apply.',
    source: 'sipmig',
    example: 'scenario "Active VM migrated at 120 s" {\n  duration 420 s\n  step 100 ms\n}',
    blocks: [],
    props: [
      { name: 'duration', parts: [q('duration', 'time', { min: 1 })], doc: 'Simulated time from the start of measurement. Leave room for each migration to end and for the minute after it: a migration still under way at the end is reported unfinished (PRED007, with the duration it needs).', default: '600 s', source: 'sipmig', example: 'duration 420 s' },
      { name: 'step', parts: [q('step', 'time', { min: 0.001, max: 10 })], doc: 'Model time step. Smaller is slower and rarely more accurate than 100 ms (qemu rate-limits migration in 100 ms slices).', default: '100 ms', source: 'qemu-kvm 0.12 buffered_file: 100 ms rate-limit period', example: 'step 100 ms' },
    ],
  },
  {
    kind: 'hardware',
    name: 'required',
    declares: 'hardware',
    doc: 'A reusable physical server profile, declared once and used by several hosts.',
    source: 'paper §1',
    example: 'hardware poweredge {\n  cpu "Intel Xeon E5502"\n  sockets 2\n  cores_per_socket 2\n  clock 1.87 GHz\n  memory 16 GiB\n  nic 4 x 1 Gbps for sip, cluster\n}',
    blocks: [],
    props: hardwareProps,
  },
  {
    kind: 'host',
    name: 'required',
    declares: 'host',
    doc: 'A physical machine (PM). Takes its values from a `hardware` profile; any hardware property written here overrides the profile.',
    source: 'paper §1: PM1, PM2, PM3',
    example: 'host pm1 { hardware poweredge }',
    blocks: [],
    props: [{ name: 'hardware', parts: [{ t: 'ref', name: 'hardware', kind: 'hardware' }], doc: 'The hardware profile of this host.', source: 'sipmig', example: 'hardware poweredge' }, ...hardwareProps.map((p) => ({ ...p, required: false }))],
  },
  {
    kind: 'storage',
    name: 'required',
    declares: 'storage',
    doc: 'Where VM disk images live. Shared storage (nfs, iscsi, ceph) lets live migration move memory only.',
    source: 'paper §1: NFS share exported by a physical host',
    example: 'storage vm_images {\n  type nfs\n}',
    blocks: [],
    props: [{ name: 'type', parts: [{ t: 'enum', name: 'type', values: ['nfs', 'iscsi', 'ceph', 'local'] }], doc: 'Storage type; `local` is not shared between hosts.', source: 'paper §1', required: true, example: 'type nfs' }],
  },
  {
    kind: 'network',
    name: 'required',
    declares: 'network',
    doc: 'A network between the hosts, its line rate and what it carries.',
    source: 'paper §1: separate 1 Gbps NICs for SIP, cluster and management traffic',
    example: 'network management {\n  speed 1 Gbps\n  carries migration\n}',
    blocks: [],
    props: [
      { name: 'speed', parts: [q('speed', 'bitRate', { min: 1e6 })], doc: 'Line rate. About 94 % of it is TCP goodput.', source: 'paper §1: 1 Gbps', required: true, example: 'speed 1 Gbps' },
      { name: 'carries', parts: [{ t: 'list', name: 'purposes', values: NIC_PURPOSES }], doc: 'Traffic on this network.', source: 'paper §1', example: 'carries management, migration' },
    ],
  },
  {
    kind: 'flavor',
    name: 'required',
    declares: 'flavor',
    doc: 'A reusable VM sizing (as in OpenStack), declared once and used by several VMs.',
    source: 'paper §2',
    example: 'flavor cgl_sipas {\n  vcpus 4\n  memory 4 GiB\n  touched_memory 2 GB\n  nics 6 x e1000 one_to_one\n  virtio no\n  steal_time no\n}',
    blocks: [],
    props: flavorProps,
  },
  {
    kind: 'vm',
    name: 'required',
    declares: 'vm',
    doc: 'A virtual machine. Takes its sizing from a `flavor`; any flavor property written here overrides it. Its host is set by the cluster placement.',
    source: 'paper §2',
    example: 'vm sipas1 { flavor cgl_sipas }',
    blocks: [],
    props: [{ name: 'flavor', parts: [{ t: 'ref', name: 'flavor', kind: 'flavor' }], doc: 'The flavor (sizing) of this VM.', source: 'sipmig', example: 'flavor cgl_sipas' }, ...flavorProps.map((p) => ({ ...p, required: false }))],
  },
  {
    kind: 'cluster',
    name: 'required',
    declares: 'cluster',
    doc: 'The HA cluster: SA Forum AMF 2N redundancy, one active and one standby VM, each placed on a host.',
    source: 'paper §3; SAF AMF B.04 (2N redundancy model)',
    example: 'cluster sip_as {\n  redundancy 2N\n  active sipas1 on pm1\n  standby sipas2 on pm2\n  checkpoint ckpt\n}',
    blocks: [],
    props: [
      { name: 'redundancy', parts: [q('model', 'redundancy', { min: 2, max: 2, integer: true })], doc: 'AMF redundancy model. 2N: one active and one standby service unit, on different hardware.', default: '2N', source: 'SAF AMF B.04 §3.6.2', example: 'redundancy 2N' },
      { name: 'active', parts: [{ t: 'ref', name: 'vm', kind: 'vm' }, kw('on'), { t: 'ref', name: 'host', kind: 'host' }], doc: 'The VM that serves calls, and its host.', source: 'paper §3', required: true, example: 'active sipas1 on pm1' },
      { name: 'standby', parts: [{ t: 'ref', name: 'vm', kind: 'vm' }, kw('on'), { t: 'ref', name: 'host', kind: 'host' }], doc: 'The VM kept in sync through checkpoints, ready to take over, and its host.', source: 'paper §3', required: true, example: 'standby sipas2 on pm2' },
      { name: 'checkpoint', parts: [{ t: 'enum', name: 'sync', values: ['ckpt', 'none'] }], doc: 'How the standby is kept in sync. `ckpt`: SAF checkpoint service; the standby\'s work and memory writes follow the active\'s call load.', default: 'ckpt', source: 'paper §3: CKPT', example: 'checkpoint ckpt' },
      { name: 'failover_after', parts: [q('timeout', 'time', { min: 0.01, max: 600 })], doc: 'How long the middleware tolerates an unresponsive active before it fails over to the standby.', default: '3 s', source: 'assumed typical AMF health-check timeout; the study saw no fail-over', example: 'failover_after 3 s' },
    ],
  },
  {
    kind: 'sip_application',
    name: 'required',
    declares: 'sip_application',
    doc: 'The SIP application server running on the cluster: its service, call flow, timing, timers and overload control.',
    source: 'paper §4',
    required: true,
    example: 'sip_application number_translation {\n  cluster sip_as\n  transport tcp\n  call_flow INVITE 100 180 PRACK 200 200 ACK UPDATE 200 BYE 200\n}',
    blocks: [timersBlock, overloadBlock],
    props: [
      { name: 'cluster', parts: [{ t: 'ref', name: 'cluster', kind: 'cluster' }], doc: 'The HA cluster the application runs on.', source: 'paper §3-4', required: true, example: 'cluster sip_as' },
      { name: 'service', parts: [{ t: 'enum', name: 'service', values: ['b2bua', 'proxy'] }], doc: 'A B2BUA terminates and re-originates every dialog (every message passes through it).', default: 'b2bua', source: 'paper §4: B2BUA number translation', example: 'service b2bua' },
      { name: 'transport', parts: [{ t: 'enum', name: 'transport', values: ['tcp', 'udp'] }], doc: 'Transport to the CSCF. Over UDP INVITEs are retransmitted (Timer A); over TCP they are not, but Timer B still runs.', default: 'udp', source: 'paper §4: CSCF <-> SIP-AS is TCP; RFC 3261 §17', example: 'transport tcp' },
      { name: 'call_flow', parts: [{ t: 'words', name: 'messages' }], doc: 'Messages of one call as seen at the SIP-AS, in order. Each costs processing; PRACK and UPDATE add transactions.', default: 'INVITE 100 180 PRACK 200 200 ACK UPDATE 200 BYE 200', source: 'paper §4 call flow; RFC 3262 (PRACK), RFC 3311 (UPDATE)', example: 'call_flow INVITE 100 180 PRACK 200 200 ACK UPDATE 200 BYE 200' },
      { name: 'answer_after', parts: [q('delay', 'time', { min: 0, max: 3600 })], doc: 'The called UE sends 200 OK (INVITE) this long after it receives the 200 OK to its PRACK.', default: '10 s', source: 'paper §4', example: 'answer_after 10 s' },
      { name: 'hold_time', parts: [q('hold', 'time', { min: 0, max: 86400 })], doc: 'The called UE sends BYE this long after it receives the ACK.', default: '180 s', source: 'paper §4', example: 'hold_time 180 s' },
      { name: 'refresh_after', parts: [q('refresh', 'time', { min: 0, max: 86400 })], doc: 'The session refresh (UPDATE) is sent this long after the ACK. An UPDATE without answer tears the call down with BYE.', default: 'half the hold time', source: 'RFC 4028 (refresh at half the session interval); the study gives none', example: 'refresh_after 90 s' },
    ],
  },
  {
    kind: 'workload',
    name: 'none',
    doc: 'The offered load: constant, a profile over time, or a sweep (one run per point).',
    source: 'paper §5: 0 to 40 cps, constant during a run',
    required: true,
    example: 'workload {\n  sweep 0 cps to 40 cps step 5 cps\n}',
    blocks: [profileBlock],
    props: [
      { name: 'load', parts: [q('load', 'callRate', { min: 0 })], doc: 'Constant offered load in new calls per second.', source: 'paper §5', example: 'load 40 cps' },
      { name: 'sweep', parts: [q('from', 'callRate', { min: 0 }), kw('to'), q('to', 'callRate', { min: 0 }), kw('step'), q('step', 'callRate', { min: 0 })], doc: 'One run per load from `from` to `to` in steps of `step` (inclusive).', source: 'paper §5: 0 to 40 cps', example: 'sweep 0 cps to 40 cps step 5 cps' },
    ],
  },
  {
    kind: 'migration',
    name: 'none',
    doc: 'The live-migration schedule and the hypervisor\'s migration settings.',
    source: 'paper §5; qemu-kvm 0.12.1.2 migration defaults',
    example: 'migration {\n  speed_cap 32 MiB/s\n  max_downtime 30 ms\n  network management\n  migrate sipas1 from pm1 to pm3 at 120 s\n}',
    blocks: [],
    props: [
      { name: 'speed_cap', parts: [q('cap', 'byteRate', { min: 1 })], doc: 'Migration bandwidth cap (virsh migrate-setspeed). Pre-copy sends at most this much per second; the final stop-and-copy is not capped.', default: '32 MiB/s', source: 'qemu-kvm 0.12 max_throttle = 32 << 20; libvirt 0.10 QEMU_DOMAIN_DEFAULT_MIG_BANDWIDTH_MAX', example: 'speed_cap 32 MiB/s' },
      { name: 'max_downtime', parts: [q('downtime', 'time', { min: 0.001, max: 60 })], doc: 'Pre-copy stops when the remaining dirty memory can be sent within this time (virsh migrate-setmaxdowntime).', default: '30 ms', source: 'qemu-kvm 0.12 max_downtime = 30000000 ns', example: 'max_downtime 30 ms' },
      { name: 'network', parts: [{ t: 'ref', name: 'network', kind: 'network' }], doc: 'The network the migration stream crosses.', default: 'the host NICs for migration', source: 'paper §1: management network', example: 'network management' },
      {
        name: 'admit_during_migration',
        parts: [q('rate', 'callRate', { min: 0 })],
        doc: 'A temporary admission limit: while any migration runs, at most this many new calls per second are admitted (the rest get 503), whatever the overload-control policy says.',
        source: 'sipmig advisor (a what-if an operator controls); RFC 7415 rate limiting',
        example: 'admit_during_migration 25 cps',
      },
      {
        name: 'migrate',
        parts: [{ t: 'ref', name: 'vm', kind: 'vm' }, kw('from'), { t: 'ref', name: 'from', kind: 'host' }, kw('to'), { t: 'ref', name: 'to', kind: 'host' }, kw('at'), q('at', 'time', { min: 0 })],
        doc: 'Live-migrate a VM from one host to another, starting at the given time.',
        source: 'paper §5: migration starts 120 s after measurement starts',
        repeat: true,
        example: 'migrate sipas1 from pm1 to pm3 at 120 s',
      },
    ],
  },
  {
    kind: 'model',
    name: 'none',
    doc: 'Overrides of named model coefficients (see docs/model.md). Each line: coefficient name, value and unit.',
    source: 'docs/model.md',
    example: 'model {\n  guest_emulation_overhead 6 %\n}',
    blocks: [],
    props: [],
  },
];

export const TOP_LEVEL: ReadonlyMap<string, BlockDef> = new Map(BLOCKS.map((b) => [b.kind, b]));

/** All block definitions, nested ones included, by kind: for hover and completion. */
export function allBlockDefs(): BlockDef[] {
  const out: BlockDef[] = [];
  const walk = (b: BlockDef) => {
    out.push(b);
    b.blocks.forEach(walk);
  };
  BLOCKS.forEach(walk);
  return out;
}
