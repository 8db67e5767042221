// The time-stepped model: one loop over steps of `stepS`, everything as rates and amounts.
//
// Resources of a VM in a step (see docs/model.md for the equations):
// - its host's CPU: every thread on the host (vCPUs, qemu's main thread, the migration's kernel
//   work, the host's own) gets the share phi = min(1, capacity / demand) of what it asks for;
//   a guest without steal-time accounting counts the time it waited for the host as busy;
// - qemu's global lock (main I/O thread): a migration holds it for h = rate * lock cost per
//   byte of each tick; the rest of the time emulates the e1000 packets. A vCPU that exits to
//   qemu while the migration holds the lock waits h * (h * tick) / 2 on average (probability of
//   hitting the burst times its mean residual) - time the guest sees as busy;
// - its vCPUs: nvcpu minus the time blocked on the lock, times phi, times the clock ratio.
// The active VM serves the SIP queue (sip.ts) within its vCPU budget, its I/O budget and its
// worker pool (workers are held by synchronous checkpoint writes for a round trip through the
// standby, which couples the two VMs); the standby applies the checkpoints the active's served
// messages produce, so its work and memory dirtying follow the active's served load.
import type { RunInput, ScenarioInput } from './input';
import type { MigrationRole } from './output';
import { resolveCoefficients, type Coefficients } from './params';
import { buildCallFlow } from './callflow';
import { SipQueue, type ServeResult, type ServiceBudget } from './sip';
import { OverloadControl } from './overload';
import { Migration, MigPhase, PAGE_BYTES } from './migration';
import { now } from './clock';
import { FastForward, type SteppedModel } from './fastForward';
import { SERIES_KEYS, timeOfStep, type SeriesArrays, type SeriesKey } from './series';

export interface SimulateOptions {
  /** Record every step in `series`. */
  series?: boolean;
  /**
   * Wall-clock budget for the run in milliseconds; the run stops early and says so when hit.
   * A budget of 0 or less (already spent by earlier runs of a batch) simulates no step and
   * allocates nothing for them, so a batch past its budget ends at once.
   */
  budgetMs?: number;
  /**
   * Skip steps whose whole state repeats the previous step's (default true): their outputs are
   * copied and what keeps growing is replayed, so results are identical to simulating every
   * step (tested). False simulates every step, for that test.
   */
  fastForward?: boolean;
}

/** The scalars a step carries to the next, in Simulation.st. */
const enum Sc {
  /** Initial INVITEs answered 503 by the overload control, cumulative. */
  Rejected,
  /** Checkpoint writes waiting at the standby. */
  CkptBacklog,
  /** Round trip of a synchronous checkpoint write (s). */
  CkptRtt,
  /** Checkpoint packets of the last step. */
  CkptPackets,
  /** Retransmissions that arrived in the step. */
  Retransmissions,
  /** When the HA middleware would declare the active dead (s; NaN: never). */
  FailoverAt,
  /** Longest wait of a queued initial INVITE so far (s). */
  PeakInviteWait,
  /** When the first migration started (s; NaN: none has). */
  FirstStartAt,
  /** The new-call wait (s), the timed-out calls and the 503s (fluid) when it started. */
  FirstStartWait,
  FirstStartTimedOut,
  FirstStartRejected,
  /** (How many there are.) */
  Count,
}

const HMAX = 0.95; // qemu's main loop still runs between two migration iterations
/**
 * At most this many steps are simulated (memory is 8 bytes per step for the load and for each
 * host's and VM's CPU, more with series; the SIP queue's follows its backlog); a longer
 * run stops there with budgetExceeded set. The language refuses such scenarios earlier.
 */
export const MAX_STEPS = 500_000;

/** Offered load as a per-step array (the profile is a step function). */
function loadSteps(sc: ScenarioInput, nSteps: number, dt: number): Float64Array {
  const out = new Float64Array(nSteps);
  const pts = [...sc.load].sort((a, b) => a.atS - b.atS);
  let k = -1;
  for (let t = 0; t < nSteps; t++) {
    while (k + 1 < pts.length && pts[k + 1].atS <= t * dt + 1e-9) k++;
    out[t] = k >= 0 ? pts[k].cps : 0;
  }
  return out;
}

interface MigRt {
  g: Migration;
  vi: number;
  dst: number;
  linkGoodput: number;
  /** Rate the migration asks for: min(speed cap, link goodput). */
  want: number;
  /** The new-call wait when it started (s; NaN: it has not). */
  startWaitS: number;
  /** The calls failed by cause when it started (null: it has not): where its own count begins. */
  failedAtStart: Map<string, number> | null;
}


/**
 * One run's state. Everything the step loop touches is a typed array or a number fixed at
 * construction, so V8 compiles the loop once and never has to deoptimize it.
 */
export class Simulation implements SteppedModel {
  readonly dt: number;
  readonly nSteps: number;
  readonly requestedSteps: number;
  readonly tick: number;
  readonly load: Float64Array;
  // hosts
  readonly nH: number;
  readonly hCap: Float64Array; // reference-core-seconds per second
  readonly hSpeed: Float64Array; // core speed relative to the reference clock
  readonly hPhi: Float64Array; // share of its demand each thread gets
  readonly hDemand: Float64Array;
  readonly hUsed: Float64Array;
  readonly hCpu: Float64Array[];
  // VMs
  readonly nV: number;
  readonly roles: MigrationRole[];
  readonly vHost: Int32Array;
  readonly vNv: Float64Array;
  readonly vIoF: Float64Array;
  readonly vCpuF: Float64Array;
  readonly vSteal: Uint8Array;
  readonly vH: Float64Array; // share of each tick qemu's lock is held by migration work
  readonly vOmega: Float64Array; // mean wait of an exit for the lock (s)
  readonly vW: Float64Array; // vCPU-seconds per second blocked on the lock
  readonly vPaused: Float64Array;
  readonly vMig: Uint8Array;
  readonly vWork: Float64Array; // reference vCPU-seconds of work this step
  readonly vBusy: Float64Array; // the part of it serving load (it dirties memory)
  readonly vFaults: Float64Array;
  readonly vPkts: Float64Array;
  readonly vMain: Float64Array; // qemu main-thread I/O work this step
  readonly vWanted: Float64Array; // work it would have done with more CPU
  readonly vVisible: Float64Array;
  readonly vDirty: Float64Array;
  readonly vCpu: Float64Array[];
  readonly A: number;
  readonly S: number;
  // SIP
  readonly queue: SipQueue;
  readonly control: OverloadControl;
  /** Synchronous checkpoint writes per work unit of a call. */
  readonly ckptPerUnit: number;
  readonly cUnitBase: number;
  // migrations
  readonly migs: MigRt[];
  readonly nM: number;
  readonly failoverAfterS: number;
  // coefficients in SI
  readonly cCkpt: number;
  readonly cPkt: number;
  readonly ppm: number;
  readonly exitsPerPkt: number;
  readonly ckptPkts: number;
  readonly workers: number;
  readonly admitDuringMig: number;
  readonly idleShare: number;
  readonly faultCost: number;
  readonly wwsHot: number;
  readonly dirtyPerCpu: number;
  readonly dirtyIdle: number;
  readonly lockPerByte: number;
  readonly srcPerByte: number;
  readonly dstPerByte: number;
  readonly migOverhead: number;
  readonly hostBase: number;
  readonly rtt0: number;
  readonly resumeS: number;
  // series
  readonly wantSeries: boolean;
  /** The recorded series by name (empty arrays without `series`). */
  readonly ser: SeriesArrays;
  readonly res: ServeResult = { work: 0, messages: 0, callsStarted: 0, rejected: 0, live: 0 };
  readonly budget: ServiceBudget = { work: 0, messages: 0, workerS: 0, workerPerUnit: 0, workerPerCallUnit: 0 };
  /** Scalars carried across steps, indexed by Sc (a typed array: V8 keeps them unboxed). */
  private readonly st: Float64Array;
  /** The fast-forward over steady stretches (null: every step simulated). */
  readonly ff: FastForward | null;
  /** The per-VM arrays a step leaves for the next (compared by the fast-forward). */
  private readonly vmStepState: ArrayLike<number>[];

  constructor(
    readonly run: RunInput,
    opts: SimulateOptions,
  ) {
    const sc = run.scenario;
    const c: Coefficients = resolveCoefficients(sc.coefficients);
    this.dt = sc.stepS > 0 ? sc.stepS : 0.1;
    const dt = this.dt;
    this.requestedSteps = Math.max(0, Math.round(sc.durationS / dt));
    this.nSteps = opts.budgetMs !== undefined && opts.budgetMs <= 0 ? 0 : Math.min(this.requestedSteps, MAX_STEPS);
    const nSteps = this.nSteps;
    this.tick = c.mig_tick / 1000;
    this.load = loadSteps(sc, nSteps, dt);

    const hostIdx = new Map<string, number>();
    this.nH = sc.hosts.length;
    this.hCap = new Float64Array(this.nH);
    this.hSpeed = new Float64Array(this.nH);
    this.hPhi = new Float64Array(this.nH).fill(1);
    this.hDemand = new Float64Array(this.nH);
    this.hUsed = new Float64Array(this.nH);
    this.hCpu = [];
    sc.hosts.forEach((h, i) => {
      hostIdx.set(h.name, i);
      const cores = Math.max(1, h.cpu.sockets * h.cpu.coresPerSocket) * (1 + c.smt_gain * Math.max(0, h.cpu.threadsPerCore - 1));
      this.hSpeed[i] = h.cpu.ghz / c.ref_clock;
      this.hCap[i] = cores * this.hSpeed[i];
      this.hCpu.push(new Float64Array(nSteps));
    });

    const vmIdx = new Map<string, number>();
    const nV = (this.nV = sc.vms.length);
    this.roles = [];
    this.vHost = new Int32Array(nV);
    this.vNv = new Float64Array(nV);
    this.vIoF = new Float64Array(nV);
    this.vCpuF = new Float64Array(nV);
    this.vSteal = new Uint8Array(nV);
    this.vH = new Float64Array(nV);
    this.vOmega = new Float64Array(nV);
    this.vW = new Float64Array(nV);
    this.vPaused = new Float64Array(nV);
    this.vMig = new Uint8Array(nV);
    this.vWork = new Float64Array(nV);
    this.vBusy = new Float64Array(nV);
    this.vFaults = new Float64Array(nV);
    this.vPkts = new Float64Array(nV);
    this.vMain = new Float64Array(nV);
    this.vWanted = new Float64Array(nV);
    this.vVisible = new Float64Array(nV);
    this.vDirty = new Float64Array(nV);
    this.vCpu = [];
    sc.vms.forEach((v, i) => {
      vmIdx.set(v.name, i);
      this.roles.push(v.name === sc.cluster.active ? 'active' : v.name === sc.cluster.standby ? 'standby' : 'other');
      const pv = !!v.virtio || v.nicModel === 'virtio';
      this.vHost[i] = hostIdx.get(sc.placement[v.name]) ?? -1;
      this.vNv[i] = Math.max(1, v.vcpus);
      this.vIoF[i] = pv ? c.virtio_io_factor : 1;
      this.vCpuF[i] = pv ? c.virtio_cpu_factor : 1;
      this.vSteal[i] = v.stealTime ? 1 : 0;
      this.vCpu.push(new Float64Array(nSteps));
    });
    this.A = vmIdx.get(sc.cluster.active) ?? -1;
    this.S = vmIdx.get(sc.cluster.standby) ?? -1;

    const flow = buildCallFlow(sc.app, c.invite_work_factor);
    this.queue = new SipQueue(flow, nSteps, dt, c.retransmission_work_factor, c.sip_priority >= 0.5);
    this.control = new OverloadControl(sc.app.overload, dt, c.overload_cpu_window);
    this.ckptPerUnit = sc.cluster.checkpoint ? c.ckpt_writes_per_call / Math.max(1e-9, flow.workPerCall) : 0;
    this.cUnitBase = c.sip_cpu_per_call / 1000 / Math.max(1e-9, flow.workPerCall);
    this.cCkpt = c.ckpt_cpu_per_write / 1000;
    this.cPkt = c.io_lock_per_packet / 1000;
    this.ppm = c.packets_per_message;
    this.exitsPerPkt = c.io_exits_per_packet;
    this.ckptPkts = c.ckpt_packets_per_write;
    this.admitDuringMig = sc.admitDuringMigrationCps ?? Infinity;
    // The worker pool scales with the VM: one pool per SIP-AS process, sized by its vCPUs.
    this.workers = c.sip_workers_per_vcpu * (this.A >= 0 ? this.vNv[this.A] : 1);
    this.idleShare = c.guest_idle_cpu / 100;
    this.faultCost = c.dirty_fault / 1000;
    this.wwsHot = c.wws_hot * 1e6;
    this.dirtyPerCpu = c.dirty_per_cpu_s * 1e6;
    this.dirtyIdle = c.dirty_idle_rate * 1e6;
    this.lockPerByte = c.mig_lock_per_mb / 1000 / 1e6;
    this.srcPerByte = c.mig_src_cpu_per_mb / 1000 / 1e6;
    this.dstPerByte = c.mig_dst_cpu_per_mb / 1000 / 1e6;
    this.migOverhead = c.mig_guest_overhead / 100;
    this.hostBase = c.host_base_cpu / 100;
    this.rtt0 = c.ckpt_rtt / 1000;
    this.resumeS = c.mig_resume / 1000;
    this.failoverAfterS = sc.cluster.failoverAfterS;
    if (c.warm_start >= 0.5 && nSteps > 0) this.queue.warmStart(this.load[0]);

    this.migs = sc.migrations.map((m): MigRt => {
      const vi = vmIdx.get(m.vm) ?? -1;
      const linkGoodput = (m.linkBitsPerS / 8) * c.link_efficiency;
      return { g: new Migration(m, vi >= 0 ? sc.vms[vi] : sc.vms[0], c), vi, dst: hostIdx.get(m.to) ?? -1, linkGoodput, want: Math.min(m.speedCapBytesPerS, linkGoodput), startWaitS: NaN, failedAtStart: null };
    });
    this.nM = this.migs.length;

    this.wantSeries = !!opts.series;
    const ser = {} as Record<SeriesKey, Float64Array>;
    for (const k of SERIES_KEYS) ser[k] = new Float64Array(this.wantSeries ? nSteps : 0);
    this.ser = ser;
    this.st = new Float64Array(Sc.Count);
    this.st[Sc.CkptRtt] = this.rtt0;
    this.st[Sc.FailoverAt] = NaN;
    this.st[Sc.FirstStartAt] = NaN;
    this.vmStepState = [this.vHost, this.vW, this.vWork, this.vBusy, this.vFaults, this.vPkts, this.vMain, this.vWanted, this.vVisible, this.vDirty, this.vH, this.vPaused, this.vMig, this.vOmega];
    this.ff = opts.fastForward !== false ? new FastForward(this) : null;
  }

  /** Migrations start and end; the rate each can sustain; qemu lock share; stop-and-copy pauses. */
  private stepMigrations(t: number): void {
    const t0 = t * this.dt;
    const { vH, vPaused, vMig, vHost, vOmega, hPhi, hSpeed, lockPerByte } = this;
    // Plain loops: TypedArray.fill is a builtin call, costly for a handful of elements.
    for (let i = 0; i < this.nV; i++) {
      vH[i] = 0;
      vPaused[i] = 0;
      vMig[i] = 0;
    }
    for (let k = 0; k < this.nM; k++) {
      const m = this.migs[k];
      const g = m.g;
      const vi = m.vi;
      if (vi < 0) continue;
      if (startsAt(g, t, this.dt)) {
        g.start(t * this.dt);
        // The SIP-AS as this migration finds it (after step t - 1's service).
        m.startWaitS = t > 0 ? this.queue.inviteAgeS(t - 1) : 0;
        m.failedAtStart = this.failedSoFar();
        if (Number.isNaN(this.st[Sc.FirstStartAt])) this.noteFirstStart(t);
      }
      if (g.phase === MigPhase.StopCopy && t0 >= g.endAtS - 1e-9) {
        g.phase = MigPhase.Done;
        if (m.dst >= 0) vHost[vi] = m.dst;
      }
      const hs = vHost[vi];
      if (g.phase === MigPhase.PreCopy && hs >= 0) {
        vMig[vi] = 1;
        const phiS = hPhi[hs];
        const speed = hSpeed[hs];
        // Both ends must find the CPU for it; qemu's main thread cannot spend the whole tick.
        const lock = lockPerByte * g.scanPerWireByte; // lock seconds per wire byte
        let r = m.want * Math.min(phiS, m.dst >= 0 ? hPhi[m.dst] : 1);
        if (lock > 0 && (r * lock) / (speed * phiS) > HMAX) r = (HMAX * speed * phiS) / lock;
        g.rate = r;
        vH[vi] += lock > 0 ? (r * lock) / (speed * phiS) : 0;
      }
      if (g.phase === MigPhase.StopCopy) vPaused[vi] = Math.max(vPaused[vi], g.pausedFraction(t0, this.dt));
    }
    for (let i = 0; i < this.nV; i++) {
      if (vH[i] > HMAX) vH[i] = HMAX;
      // An exit hits the migration's burst with probability h and then waits half of it.
      vOmega[i] = (vH[i] * vH[i] * this.tick) / 2;
    }
  }

  /** The SIP-AS on the active VM serves its queue within its vCPU, I/O and worker budgets. */
  private serveActive(t: number): void {
    const { queue, res, st, dt } = this;
    const A = this.A;
    queue.arrive(t, 0, this.load[t] * dt);
    queue.begin(t);
    queue.expire(t);
    st[Sc.Retransmissions] = queue.retransmit(t);
    res.work = res.messages = res.callsStarted = res.rejected = res.live = 0;
    if (A < 0 || this.vHost[A] < 0) return;
    const hs = this.vHost[A];
    const sp = this.hSpeed[hs] * this.hPhi[hs];
    const run = 1 - this.vPaused[A];
    const nv = this.vNv[A];
    const cUnit = this.cUnitBase * this.vCpuF[A];
    // vCPU budget: vCPUs not blocked on qemu's lock, at the host share, minus background work.
    const vcpuRef = Math.max(0, (nv - this.vW[A]) * sp * run * dt - this.idleShare * nv * dt - this.vFaults[A]);
    const bud = this.budget;
    bud.work = vcpuRef / cUnit;
    // I/O budget: the lock time the migration leaves, minus checkpoint packets.
    const pktCost = this.cPkt * this.vIoF[A];
    // (An if, not `?:` with Infinity, which V8 would box on the heap every step.)
    if (pktCost > 0) bud.messages = (Math.max(0, ((1 - this.vH[A]) * sp) / pktCost - st[Sc.CkptPackets] / dt) / this.ppm) * dt * run;
    else bud.messages = Infinity;
    // Worker budget: a worker is held while its message is processed and while the message's
    // synchronous checkpoint writes make their round trip through the standby. Messages are
    // delivered, and so processed, between the migration's lock bursts; sending goes through
    // the transport layer, so a worker does not wait for its own packets.
    bud.workerS = this.workers * dt * run;
    bud.workerPerUnit = cUnit / sp;
    bud.workerPerCallUnit = this.ckptPerUnit * st[Sc.CkptRtt];
    queue.serve(t, bud, this.control, res);
    st[Sc.Rejected] += res.rejected;
    // The wait new calls see, after this step's service: the margin to Timer B.
    const wait = queue.inviteAgeS(t);
    if (wait > st[Sc.PeakInviteWait]) st[Sc.PeakInviteWait] = wait;
    this.vBusy[A] = res.work * cUnit;
    this.vWork[A] = this.idleShare * nv * dt * run + this.vBusy[A];
    const writes = res.live * this.ckptPerUnit;
    st[Sc.CkptPackets] = writes * this.ckptPkts;
    this.vPkts[A] = res.messages * this.ppm + st[Sc.CkptPackets];
    this.vWanted[A] = res.work >= bud.work - 1e-9 && queue.queuedWork > 0 ? Math.min(queue.queuedWork * cUnit, nv * this.hSpeed[hs] * dt) : 0;
    if (this.S >= 0) st[Sc.CkptBacklog] += writes;
  }

  /** The standby applies the checkpoints; their round trip holds the active's workers. */
  private serveStandby(t: number): void {
    const { st, dt } = this;
    const t0 = t * dt;
    const S = this.S;
    const A = this.A;
    if (S < 0 || this.vHost[S] < 0) return;
    const hs = this.vHost[S];
    const sp = this.hSpeed[hs] * this.hPhi[hs];
    const run = 1 - this.vPaused[S];
    const nv = this.vNv[S];
    const cost = this.cCkpt * this.vCpuF[S];
    const cpuPerS = (nv - this.vW[S]) * sp - this.idleShare * nv;
    const pktCost = this.cPkt * this.vIoF[S] * this.ckptPkts;
    const lockPerS = pktCost > 0 ? ((1 - this.vH[S]) * sp) / pktCost : Infinity;
    const capCpu = cost > 0 ? Math.max(0, cpuPerS * run * dt - this.vFaults[S]) / cost : Infinity;
    const done = Math.min(st[Sc.CkptBacklog], capCpu, lockPerS * run * dt);
    st[Sc.CkptBacklog] -= done;
    const capPerS = Math.min(cost > 0 ? Math.max(1e-9, cpuPerS) / cost : Infinity, lockPerS);
    // While the standby is paused, a write waits for the rest of its pause.
    let pauseLeft = 0;
    for (let k = 0; k < this.nM; k++) {
      const g = this.migs[k].g;
      if (this.migs[k].vi === S && g.phase === MigPhase.StopCopy) pauseLeft = Math.max(pauseLeft, g.endAtS - t0);
    }
    const backlogDelay = capPerS > 0 && capPerS !== Infinity ? st[Sc.CkptBacklog] / capPerS : 0;
    this.vBusy[S] = done * cost;
    this.vWork[S] = this.idleShare * nv * dt * run + this.vBusy[S];
    this.vPkts[S] = done * this.ckptPkts;
    this.vWanted[S] = st[Sc.CkptBacklog] > 0 && capCpu <= lockPerS * run * dt ? Math.min(st[Sc.CkptBacklog] * cost, nv * this.hSpeed[hs] * dt) : 0;
    st[Sc.CkptRtt] = this.rtt0 + 2 * (A >= 0 ? this.vOmega[A] : 0) + 2 * this.vOmega[S] + cost / Math.max(1e-9, sp) + backlogDelay + pauseLeft;
  }

  /** Dirtying, dirty-log faults, lock waits and the CPU each guest sees. */
  private guests(t: number): void {
    const { dt, tick, wwsHot, vBusy, vWork, vPaused, vH, vNv } = this;
    for (let i = 0; i < this.nV; i++) {
      if (i !== this.A && i !== this.S) {
        vBusy[i] = 0;
        vWork[i] = this.idleShare * vNv[i] * dt * (1 - vPaused[i]);
        this.vPkts[i] = 0;
        this.vWanted[i] = 0;
      }
      // Raw page writes follow the work the guest does; distinct pages per tick saturate at the
      // writable working set (hot pages are rewritten, not added).
      // (Dirtying matters only while dirty logging is on, i.e. while the VM is migrated.)
      let dirty = 0;
      if (this.vMig[i]) {
        const raw = this.dirtyIdle + (this.dirtyPerCpu * vBusy[i]) / dt;
        const x = (raw * tick) / wwsHot;
        dirty = wwsHot > 0 ? (x < 1e-6 ? raw : (wwsHot / tick) * (1 - Math.exp(-x))) : raw;
      }
      this.vDirty[i] = dirty;
      const faults = (dirty / PAGE_BYTES) * this.faultCost * dt;
      this.vFaults[i] = faults;
      vWork[i] += faults;
      const exits = this.vPkts[i] * this.exitsPerPkt * this.vIoF[i];
      this.vW[i] = vH[i] > 0 ? Math.min((exits / dt) * this.vOmega[i], vNv[i] * vH[i]) : 0;
      this.vMain[i] = this.vPkts[i] * this.cPkt * this.vIoF[i];
      const run = 1 - vPaused[i];
      const hs = this.vHost[i];
      if (hs < 0) this.vVisible[i] = 0;
      else if (run > 1e-9) {
        // Without steal time the guest counts the time it waited for a host CPU as busy.
        const wall = vWork[i] / this.hSpeed[hs] / (this.vSteal[i] ? 1 : this.hPhi[hs]);
        const busy = wall + this.vW[i] * dt * run + (this.vMig[i] ? this.migOverhead * vNv[i] * dt * run : 0);
        this.vVisible[i] = Math.min(100, (busy / (vNv[i] * dt * run)) * 100);
      }
      this.vCpu[i][t] = this.vVisible[i];
    }
  }

  /** Pre-copy progress, host CPU of the migration, fail-over check; series of the migrations. */
  private advanceMigrations(t: number): void {
    const { hUsed, hDemand, vHost, st } = this;
    const t0 = t * this.dt;
    let remSum = 0;
    let sentSum = 0;
    let mPhase = 0;
    let mRound = 0;
    let mRate = 0;
    let mDirty = 0;
    for (let k = 0; k < this.nM; k++) {
      const m = this.migs[k];
      const g = m.g;
      const vi = m.vi;
      if (g.phase === MigPhase.PreCopy && vi >= 0 && vHost[vi] >= 0) {
        const hs = vHost[vi];
        // qemu 0.12 estimates bandwidth over the time its send loop runs under the lock.
        const lock = this.lockPerByte * g.scanPerWireByte;
        const bwEst = lock > 0 ? (this.hSpeed[hs] * this.hPhi[hs]) / lock : m.linkGoodput;
        const perByte = this.srcPerByte + lock;
        hUsed[hs] += g.rate * perByte;
        hDemand[hs] += m.want * perByte;
        g.advance(t0, this.dt, g.rate, this.vDirty[vi], bwEst * g.spec.maxDowntimeS, m.linkGoodput, this.resumeS);
        if (m.dst >= 0) {
          hUsed[m.dst] += g.rate * this.dstPerByte;
          hDemand[m.dst] += m.want * this.dstPerByte;
        }
        if (vi === this.A && Number.isNaN(st[Sc.FailoverAt])) {
          // The HA middleware hears nothing from the active during its pause and lock bursts.
          const silence = ((g.phase as MigPhase) === MigPhase.StopCopy ? g.downtimeS : 0) + this.vH[vi] * this.tick;
          if (silence > this.failoverAfterS) st[Sc.FailoverAt] = t0 + this.dt;
        }
      }
      // The migrations' totals are for the series only.
      if (this.wantSeries && g.phase !== MigPhase.Off) {
        remSum += g.remaining;
        sentSum += g.sent;
        if (g.phase !== MigPhase.Done) mPhase = Math.max(mPhase === MigPhase.Done ? 0 : mPhase, g.phase);
        else if (mPhase === 0) mPhase = MigPhase.Done;
        if (g.round > mRound) mRound = g.round;
        if (g.phase === MigPhase.PreCopy) {
          mRate += g.rate;
          mDirty += g.dirtyRate;
        }
      }
    }
    if (this.wantSeries) {
      const s = this.ser;
      s.migRemainingBytes[t] = remSum;
      s.migSentBytes[t] = sentSum;
      s.migPhase[t] = mPhase;
      s.migRound[t] = mRound;
      s.migRateBps[t] = mRate;
      s.migDirtyBps[t] = mDirty;
    }
  }

  /** Host CPU used this step, and the share every thread gets in the next. */
  private hosts(t: number): void {
    const { hUsed, hDemand, hCap, dt } = this;
    for (let i = 0; i < this.nV; i++) {
      const hs = this.vHost[i];
      if (hs < 0) continue;
      hUsed[hs] += (this.vWork[i] + this.vMain[i]) / dt;
      hDemand[hs] += (this.vWork[i] + this.vMain[i] + this.vWanted[i]) / dt;
    }
    for (let h = 0; h < this.nH; h++) {
      const base = this.hostBase * hCap[h];
      const used = hUsed[h] + base;
      const demand = hDemand[h] + base;
      this.hCpu[h][t] = Math.min(100, (used / hCap[h]) * 100);
      this.hPhi[h] = demand > hCap[h] ? hCap[h] / demand : 1;
      hUsed[h] = 0;
      hDemand[h] = 0;
    }
  }

  private record(t: number): void {
    const s = this.ser;
    const q = this.queue;
    const st = this.st;
    s.tS[t] = timeOfStep(t, this.dt);
    s.offeredCps[t] = this.load[t];
    s.servedCps[t] = this.res.callsStarted / this.dt;
    s.queueDelayS[t] = q.oldestAgeS(t);
    s.retransmissionsPerS[t] = st[Sc.Retransmissions] / this.dt;
    s.overloadPhase[t] = this.control.phase;
    s.incomplete408[t] = q.failed408;
    s.incomplete503[t] = st[Sc.Rejected];
    s.incompleteOther[t] = q.failedOther;
    s.backlogMessages[t] = q.queuedMsgs;
  }

  /** Retransmissions that arrived in the last step simulated. */
  get stepRetransmissions(): number {
    return this.st[Sc.Retransmissions];
  }

  /** Initial INVITEs answered 503 so far. */
  get rejected503(): number {
    return this.st[Sc.Rejected];
  }

  /**
   * The calls failed so far, by cause: the queue's timeouts and the overload control's 503s
   * (fluid amounts; the result rounds them). Taken at a migration's start, before any of that
   * step's work, so it equals the cumulative series at the step before.
   */
  failedSoFar(): Map<string, number> {
    const out = new Map(this.queue.failures);
    out.set('503', (out.get('503') ?? 0) + this.st[Sc.Rejected]);
    return out;
  }

  /** When the HA middleware would declare the active dead (s; NaN: never). */
  get failoverAtS(): number {
    return this.st[Sc.FailoverAt];
  }

  /** Longest wait of a queued initial INVITE so far (s). */
  get peakInviteWaitS(): number {
    return this.st[Sc.PeakInviteWait];
  }

  /**
   * The SIP-AS as the first migration finds it at step t (after step t - 1's service): how long
   * new calls already wait, how many calls have timed out and how many were refused (503). A server that is behind
   * before any migration fails calls whatever the migration does (see atMigrationStart).
   */
  private noteFirstStart(t: number): void {
    const st = this.st;
    const q = this.queue;
    st[Sc.FirstStartAt] = t * this.dt;
    st[Sc.FirstStartWait] = t > 0 ? q.inviteAgeS(t - 1) : 0;
    st[Sc.FirstStartTimedOut] = q.failed408 + q.failedOther;
    st[Sc.FirstStartRejected] = st[Sc.Rejected];
  }

  /** When the first migration started, the new-call wait then, the calls timed out and refused by then (NaN: none started). */
  get firstStart(): { atS: number; inviteWaitS: number; timedOut: number; rejected: number } {
    const st = this.st;
    return { atS: st[Sc.FirstStartAt], inviteWaitS: st[Sc.FirstStartWait], timedOut: st[Sc.FirstStartTimedOut], rejected: st[Sc.FirstStartRejected] };
  }

  /** Whether a migration is under way (pre-copy or stop-and-copy). */
  migrating(): boolean {
    for (let k = 0; k < this.nM; k++) {
      const ph = this.migs[k].g.phase;
      if (ph === MigPhase.PreCopy || ph === MigPhase.StopCopy) return true;
    }
    return false;
  }

  /**
   * Runs the steps; returns how many ran (fewer than nSteps when the budget ran out). The step
   * functions take the step number only: a fractional number passed to a function V8 does not
   * inline is boxed on the heap (a few times a step otherwise, 180 KB of garbage a 600 s run).
   */
  runSteps(budgetMs: number, t0wall: number): number {
    const ff = this.ff;
    for (let t = 0; t < this.nSteps; t++) {
      if ((t & 255) === 255 && now() - t0wall > budgetMs) return t;
      this.stepMigrations(t);
      // A temporary admission limit holds while any migration is under way.
      if (this.admitDuringMig !== Infinity) this.control.temporaryLimit = this.migrating() ? this.admitDuringMig : Infinity;
      // The overload control reads the active guest's CPU of the previous step.
      if (this.A >= 0 && t > 0) this.control.update(t, this.vVisible, this.A);
      this.finishStep(t);
      if (ff === null) continue;
      const until = ff.steadyUntil(t);
      if (until > t + 1) {
        const next = ff.skip(t, until, budgetMs, t0wall);
        if (next < 0) return -1 - next;
        t = next - 1;
      }
    }
    return this.nSteps;
  }

  /** A step after the overload control's update: service, the guests, migrations, hosts. */
  finishStep(t: number): void {
    this.serveActive(t);
    this.serveStandby(t);
    this.guests(t);
    this.advanceMigrations(t);
    this.hosts(t);
    this.queue.end(t);
    if (this.wantSeries) this.record(t);
  }

  /** The simulation's part of the step state (hosts, VMs, scalars, service, control) from out[0]; returns its length. */
  writeSimState(t: number, out: Float64Array): number {
    let o = 0;
    for (let h = 0; h < this.nH; h++) {
      out[o++] = this.hPhi[h];
      out[o++] = this.hCpu[h][t];
    }
    for (let i = 0; i < this.nV; i++) {
      for (const a of this.vmStepState) out[o++] = a[i];
      out[o++] = this.vCpu[i][t];
    }
    for (let k = 0; k < this.st.length; k++) out[o++] = this.st[k];
    const r = this.res;
    out[o++] = r.work;
    out[o++] = r.messages;
    out[o++] = r.callsStarted;
    out[o++] = r.rejected;
    out[o++] = r.live;
    out[o++] = this.control.phase;
    out[o++] = this.control.maxPhase;
    out[o++] = this.control.transitions.length;
    return o;
  }

  /** Whether a migration starts at step s (as stepMigrations decides it). */
  migrationStartsAt(s: number): boolean {
    for (let k = 0; k < this.nM; k++) if (this.migs[k].vi >= 0 && startsAt(this.migs[k].g, s, this.dt)) return true;
    return false;
  }
}

/**
 * Whether a migration that has not started starts at step t. (It takes the step number, not
 * its time: a fractional argument of a call V8 does not inline is boxed on the heap.)
 */
function startsAt(g: Migration, t: number, dt: number): boolean {
  return g.phase === MigPhase.Off && t * dt >= g.spec.startS - 1e-9;
}
