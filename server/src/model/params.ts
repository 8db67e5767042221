// Every coefficient of the performance model: name, unit, default, range, source, meaning.
//
// The language validates `model { <name> <value> <unit> }` against this table and lowers the
// values, in the unit given here, into ScenarioInput.coefficients. The model reads a
// coefficient only through `resolveCoefficients`, so a value can never be used without being
// listed (and documented) here. Costs of CPU work are expressed at the reference clock
// (the study's Xeon E5502 at 1.87 GHz); a faster core does the same work in less time.
//
// Units are restricted to the ones the language knows for model coefficients:
// s, ms, %, cps, B, MB, GB, MiB, MB/s, MiB/s, Gbps, GHz and '' (dimensionless).

export type ParamUnit = 's' | 'ms' | '%' | 'cps' | 'B' | 'MB' | 'GB' | 'MiB' | 'MB/s' | 'MiB/s' | 'Gbps' | 'GHz' | '';

export interface ModelParameter {
  name: string;
  unit: ParamUnit;
  default: number;
  min: number;
  max: number;
  /** Where the default comes from: a document, a measurement, or "calibrated" (and against what). */
  source: string;
  doc: string;
  /** Section of docs/model.md the parameter belongs to. */
  group: 'hardware' | 'guest' | 'sip' | 'checkpoint' | 'io' | 'migration' | 'dirtying' | 'control';
}

const P = (group: ModelParameter['group'], name: string, unit: ParamUnit, def: number, min: number, max: number, source: string, doc: string): ModelParameter => ({
  name,
  unit,
  default: def,
  min,
  max,
  source,
  doc,
  group,
});

export const MODEL_PARAMETERS = [
  // ---- hardware -------------------------------------------------------------------------
  P('hardware', 'ref_clock', 'GHz', 1.87, 0.1, 10, 'paper §1 (Xeon E5502)', 'Clock at which every CPU cost below is expressed. A host core at f GHz does the same work f/ref_clock times faster (same micro-architecture assumed).'),
  P('hardware', 'smt_gain', '', 0.25, 0, 1, 'common Hyper-Threading estimate (assumption)', 'Extra capacity each additional hardware thread adds to a core (0.25 = a 2-thread core counts as 1.25 cores). The study hosts have no Hyper-Threading.'),
  P('hardware', 'host_base_cpu', '%', 1, 0, 50, 'assumption (idle RHEL 6 host with libvirt)', 'Host CPU used by the host OS, libvirtd and qemu housekeeping, in percent of the host.'),

  // ---- guest ----------------------------------------------------------------------------
  P('guest', 'guest_idle_cpu', '%', 3, 0, 90, 'calibrated: idle SIP-AS VM CPU before migration', 'Guest-visible CPU of an idle VM (CGL kernel, SAF middleware heartbeats, logging), in percent of its vCPUs.'),
  P('guest', 'virtio_cpu_factor', '', 0.8, 0.1, 1, 'assumption: paravirtual drivers avoid e1000 register emulation in the guest driver', 'Guest CPU per call with virtio drivers relative to emulated e1000/IDE.'),

  // ---- SIP-AS ---------------------------------------------------------------------------
  P('sip', 'sip_cpu_per_call', 'ms', 9.6, 0.01, 2000, 'calibrated: slope of active VM CPU vs load before migration', 'vCPU time one call costs the SIP-AS at the reference clock, all its messages together (guest network stack, e1000 driver, B2BUA logic, DB lookup, checkpoint writes).'),
  P('sip', 'invite_work_factor', '', 2, 1, 20, 'assumption: the initial INVITE triggers the DB lookup and number translation', 'Cost of processing an initial INVITE relative to any other message of the call.'),
  P('sip', 'retransmission_work_factor', '', 0.4, 0, 5, 'assumption: a retransmission is parsed, matched to its transaction and absorbed', 'Cost of a retransmitted message relative to a new one.'),
  P('sip', 'packets_per_message', '', 2, 1, 4, 'paper §4 (B2BUA: every message is received and forwarded)', 'Packets that cross the VM NICs per SIP message seen at the SIP-AS.'),
  P('sip', 'sip_priority', '', 1, 0, 1, 'paper §6: all incomplete calls were 408 to initial INVITEs; RFC 6357 §5 (favour established calls)', '1: messages of calls in progress are served before initial INVITEs, so a shortage delays new calls only; 0: one first-in first-out queue.'),
  P('sip', 'sip_workers_per_vcpu', '', 1, 0.1, 1024, 'assumption: one worker per vCPU (4 on the study VMs)', 'Concurrent message-processing workers per vCPU of the active VM, so a bigger VM serves more messages at once. A worker is held while its message is processed and while the message\'s synchronous checkpoint writes are in flight.'),

  // ---- checkpoint (SAF CKPT) ------------------------------------------------------------
  P('checkpoint', 'ckpt_writes_per_call', '', 5.88, 0, 100, 'calibrated: incomplete calls at 40 cps (20..120 with the active migrated, some with the standby migrated); about one per call state change', 'Synchronous checkpoint writes the active sends to the standby per call.'),
  P('checkpoint', 'ckpt_cpu_per_write', 'ms', 1.6, 0, 1000, 'calibrated: slope of standby VM CPU vs load', 'Standby vCPU time to apply one checkpoint write, at the reference clock.'),
  P('checkpoint', 'ckpt_packets_per_write', '', 0.05, 0, 10, 'assumption: CKPT/MSG batch updates per packet', 'Packets per checkpoint write on each side (writes are batched, so usually below 1).'),
  P('checkpoint', 'ckpt_rtt', 'ms', 0.4, 0.001, 1000, 'assumption: 1 Gbps LAN, kernel to kernel', 'Round trip of a checkpoint write and its acknowledgement when nothing waits.'),

  // ---- emulated I/O (qemu main thread) --------------------------------------------------
  P('io', 'io_lock_per_packet', 'ms', 0.55, 0.0001, 100, 'calibrated: the active VM CPU stays up about 30 s after a migration at 40 cps (capacity to work off the backlog)', 'Time qemu needs under its global lock (main I/O thread) to emulate one e1000 packet (register accesses, copy to/from the ring, tap I/O).'),
  P('io', 'io_exits_per_packet', '', 0.7, 0, 20, 'calibrated: active VM CPU during its migration rises up to 15 cps, then levels (about one exit per packet: TDT write or ICR read)', 'Guest exits per packet that must take the qemu global lock.'),
  P('io', 'virtio_io_factor', '', 0.15, 0, 1, 'assumption: vhost-net moves the packet path out of qemu', 'Share of the per-packet lock time and exits left with virtio (vhost-net) instead of e1000.'),

  // ---- migration (qemu-kvm 0.12) -------------------------------------------------------
  P('migration', 'mig_tick', 'ms', 100, 1, 1000, 'qemu-kvm 0.12 buffered_file rate limiter (100 ms)', 'Period of the migration iteration: each tick sends at most cap x tick bytes and re-syncs the dirty bitmap.'),
  P('migration', 'mig_page_header', 'B', 8, 0, 4096, 'qemu-kvm 0.12 ram_save_block (8-byte address + flags)', 'Bytes on the wire per 4 KiB page in addition to its content.'),
  P('migration', 'mig_zero_page_bytes', 'B', 9, 0, 4104, 'qemu-kvm 0.12 is_dup_page (header + one byte)', 'Bytes on the wire for a zero (or single-byte) page.'),
  P('migration', 'link_efficiency', '', 0.94, 0.1, 1, 'TCP/IP over Ethernet: about 117 MB/s goodput on 1 Gbps', 'Goodput of a link as a fraction of its line rate.'),
  P('migration', 'mig_lock_per_mb', 'ms', 12, 0, 1000, 'calibrated: active VM CPU during migration (levels off at about 60 %)', 'Time qemu\'s main thread holds the global lock per MB of page content it processes (dirty-bitmap walk, page read, copy into the send buffer). While held, no emulated I/O is done and vCPUs that exit wait.'),
  P('migration', 'mig_zero_page_cost', '', 0.05, 0, 1, 'qemu-kvm 0.12 is_dup_page reads the page before sending 9 bytes; calibrated with the active VM CPU during migration (a read, no copy, no send)', 'Work of a zero page in the first pass relative to a data page.'),
  P('migration', 'mig_src_cpu_per_mb', 'ms', 50, 0, 5000, 'calibrated: source PM CPU +50 points at 32 MiB/s (paper §6)', 'Other source-host CPU per MB sent (kernel TCP send, dirty-log harvesting, page checks outside the lock), one reference core.'),
  P('migration', 'mig_dst_cpu_per_mb', 'ms', 20, 0, 5000, 'assumption: receiving costs less than scanning and sending', 'Destination-host CPU per MB received, one reference core.'),
  P('migration', 'mig_resume', 'ms', 20, 0, 10000, 'assumption (device state of 6 e1000 + IDE, resume)', 'Time added to the stop-and-copy transfer before the VM runs on the destination.'),
  P('migration', 'mig_guest_overhead', '%', 5, 0, 90, 'calibrated: migrated idle VM CPU +6 points (paper §6)', 'Guest-visible CPU added to a VM while it is migrated, independent of its load (bitmap syncs stalling vCPUs, background exits waiting behind the migration).'),

  // ---- memory dirtying ------------------------------------------------------------------
  P('dirtying', 'dirty_per_cpu_s', 'MB', 315, 0, 100000, 'calibrated: migration time vs load (SimGrid: dirtying follows CPU work)', 'Page writes per vCPU-second of work the guest serves (raw, before repeated writes to the same page collapse).'),
  P('dirtying', 'dirty_idle_rate', 'MB/s', 0.2, 0, 10000, 'calibrated: migration time at no load (60.0 s active, 58.9 s standby)', 'Page writes of an idle guest (kernel, logs, middleware).'),
  P('dirtying', 'wws_hot', 'MB', 3, 0.001, 100000, 'calibrated: migration time almost flat above 35 cps', 'Writable working set at the bitmap-sync time scale: distinct bytes a guest can dirty within one migration tick saturate at this size (hot pages are rewritten, not added).'),
  P('dirtying', 'wws_region', '%', 100, 1, 100, 'assumption: writes spread over all non-zero memory', 'Share of the non-zero (touched) memory over which the dirtied pages spread between two passes.'),
  P('dirtying', 'dirty_fault', 'ms', 0.002, 0, 10, 'assumption: EPT write-protection fault and KVM dirty-log update', 'vCPU time of the write fault taken on the first write to a page after each bitmap sync.'),

  // ---- control --------------------------------------------------------------------------
  P('control', 'overload_cpu_window', 's', 1, 0.1, 60, 'assumption: CPU sampled once a second by the overload control', 'Averaging window of the guest CPU the CPU-threshold overload control reads.'),
  P('control', 'warm_start', '', 1, 0, 1, 'paper §5: measurement starts on a loaded, steady system', '1: calls that started before t = 0 are in progress at t = 0 (steady state); 0: the system starts empty.'),
] as const satisfies readonly ModelParameter[];

export type ParamName = (typeof MODEL_PARAMETERS)[number]['name'];
export type Coefficients = Record<ParamName, number>;

const byName = new Map<string, ModelParameter>(MODEL_PARAMETERS.map((p) => [p.name, p]));

export function findParameter(name: string): ModelParameter | undefined {
  return byName.get(name);
}

/**
 * Defaults overlaid with a scenario's overrides (in each coefficient's own unit).
 * An unknown name or a value outside [min, max] is a programming error in whoever built the
 * input (the language validates both), so it throws instead of being silently ignored.
 */
export function resolveCoefficients(overrides: Record<string, number> | undefined): Coefficients {
  const c = {} as Coefficients;
  for (const p of MODEL_PARAMETERS) c[p.name] = p.default;
  for (const [name, value] of Object.entries(overrides ?? {})) {
    const p = byName.get(name);
    if (!p) throw new Error(`Unknown model coefficient '${name}'`);
    if (!Number.isFinite(value) || value < p.min || value > p.max) throw new RangeError(`Model coefficient '${name}' = ${value} is outside [${p.min}, ${p.max}] ${p.unit}`);
    c[name as ParamName] = value;
  }
  return c;
}
