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
import type { MigrationResult, MigrationRole, RunResult, Series } from './output';
import { resolveCoefficients, type Coefficients } from './params';
import { buildCallFlow } from './callflow';
import { SipQueue, type ServeResult } from './sip';
import { OverloadControl } from './overload';
import { Migration, MigPhase, PAGE_BYTES } from './migration';
import { summarizeCpu } from './summary';

export interface SimulateOptions {
  /** Record every step in `series`. */
  series?: boolean;
  /** Wall-clock budget for the run in milliseconds; the run stops early and says so when hit. */
  budgetMs?: number;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

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

export function simulate(run: RunInput, opts: SimulateOptions = {}): RunResult {
  const t0wall = now();
  const sc = run.scenario;
  const c: Coefficients = resolveCoefficients(sc.coefficients);
  const dt = sc.stepS > 0 ? sc.stepS : 0.1;
  const nSteps = Math.max(0, Math.round(sc.durationS / dt));
  const tick = c.mig_tick / 1000;
  const load = loadSteps(sc, nSteps, dt);

  // ---- hosts (struct of arrays: the hot loop touches only typed arrays) ----
  const nH = sc.hosts.length;
  const hostIdx = new Map<string, number>();
  const hCap = new Float64Array(nH); // reference-core-seconds per second
  const hSpeed = new Float64Array(nH); // core speed relative to the reference clock
  const hPhi = new Float64Array(nH).fill(1); // share of its demand each thread gets
  const hDemand = new Float64Array(nH);
  const hUsed = new Float64Array(nH);
  const hCpu: Float64Array[] = [];
  sc.hosts.forEach((h, i) => {
    hostIdx.set(h.name, i);
    const cores = Math.max(1, h.cpu.sockets * h.cpu.coresPerSocket) * (1 + c.smt_gain * Math.max(0, h.cpu.threadsPerCore - 1));
    hSpeed[i] = h.cpu.ghz / c.ref_clock;
    hCap[i] = cores * hSpeed[i];
    hCpu.push(new Float64Array(nSteps));
  });

  // ---- VMs ----
  const nV = sc.vms.length;
  const vmIdx = new Map<string, number>();
  const roles: MigrationRole[] = [];
  const vHost = new Int32Array(nV);
  const vNv = new Float64Array(nV);
  const vIoF = new Float64Array(nV);
  const vCpuF = new Float64Array(nV);
  const vSteal = new Uint8Array(nV);
  const vH = new Float64Array(nV); // share of each tick qemu's lock is held by migration
  const vOmega = new Float64Array(nV); // mean wait of an exit for the lock (s)
  const vW = new Float64Array(nV); // vCPU-seconds per second blocked on the lock
  const vPaused = new Float64Array(nV);
  const vMig = new Uint8Array(nV);
  const vWork = new Float64Array(nV); // reference vCPU-seconds of work this step
  const vBusy = new Float64Array(nV); // the part of it serving load (it dirties memory)
  const vFaults = new Float64Array(nV);
  const vPkts = new Float64Array(nV);
  const vMain = new Float64Array(nV); // qemu main-thread I/O work this step
  const vWanted = new Float64Array(nV); // work it would have done with more CPU
  const vVisible = new Float64Array(nV);
  const vDirty = new Float64Array(nV);
  const vCpu: Float64Array[] = [];
  sc.vms.forEach((v, i) => {
    vmIdx.set(v.name, i);
    roles.push(v.name === sc.cluster.active ? 'active' : v.name === sc.cluster.standby ? 'standby' : 'other');
    const pv = !!v.virtio || v.nicModel === 'virtio';
    vHost[i] = hostIdx.get(sc.placement[v.name]) ?? -1;
    vNv[i] = Math.max(1, v.vcpus);
    vIoF[i] = pv ? c.virtio_io_factor : 1;
    vCpuF[i] = pv ? c.virtio_cpu_factor : 1;
    vSteal[i] = v.stealTime ? 1 : 0;
    vCpu.push(new Float64Array(nSteps));
  });
  const A = vmIdx.get(sc.cluster.active) ?? -1;
  const S = vmIdx.get(sc.cluster.standby) ?? -1;

  // ---- SIP ----
  const app = sc.app;
  const flow = buildCallFlow(app, c.invite_work_factor);
  const queue = new SipQueue(flow, nSteps, dt, c.retransmission_work_factor);
  const control = new OverloadControl(app.overload, dt, c.overload_cpu_window);
  const msgsPerCall = flow.classes.length;
  const avgWeight = flow.workPerCall / Math.max(1, msgsPerCall);
  const ckptPerMsg = sc.cluster.checkpoint ? c.ckpt_writes_per_call / Math.max(1, msgsPerCall) : 0;
  const cUnitBase = c.sip_cpu_per_call / 1000 / Math.max(1e-9, flow.workPerCall); // ref vCPU-s per work unit
  const cCkpt = c.ckpt_cpu_per_write / 1000;
  const cPkt = c.io_lock_per_packet / 1000;
  const ppm = c.packets_per_message;
  const exitsPerPkt = c.io_exits_per_packet;
  const ckptPkts = c.ckpt_packets_per_write;
  const idleShare = c.guest_idle_cpu / 100;
  const faultCost = c.dirty_fault / 1000;
  const wwsHot = c.wws_hot * 1e6;
  const dirtyPerCpu = c.dirty_per_cpu_s * 1e6;
  const dirtyIdle = c.dirty_idle_rate * 1e6;
  const lockPerByte = c.mig_lock_per_mb / 1000 / 1e6;
  const srcPerByte = c.mig_src_cpu_per_mb / 1000 / 1e6;
  const dstPerByte = c.mig_dst_cpu_per_mb / 1000 / 1e6;
  const migOverhead = c.mig_guest_overhead / 100;
  const hostBase = c.host_base_cpu / 100;
  const rtt0 = c.ckpt_rtt / 1000;
  const resumeS = c.mig_resume / 1000;
  const hMax = 0.95; // qemu's main loop still runs between two iterations
  if (c.warm_start >= 0.5 && nSteps > 0) queue.warmStart(load[0]);

  // ---- migrations ----
  const migs = sc.migrations.map((m) => {
    const vi = vmIdx.get(m.vm) ?? -1;
    const linkGoodput = (m.linkBitsPerS / 8) * c.link_efficiency;
    return { g: new Migration(m, vi >= 0 ? sc.vms[vi] : sc.vms[0], c), vi, dst: hostIdx.get(m.to) ?? -1, linkGoodput, want: Math.min(m.speedCapBytesPerS, linkGoodput) };
  });
  const nM = migs.length;

  // ---- series ----
  const wantSeries = !!opts.series;
  const ser: Record<string, Float64Array> = {};
  const mk = (k: string) => (ser[k] = new Float64Array(wantSeries ? nSteps : 0));
  const sT = mk('tS');
  const sOffered = mk('offeredCps');
  const sServed = mk('servedCps');
  const sDelay = mk('queueDelayS');
  const sRetx = mk('retransmissionsPerS');
  const sPhase = mk('overloadPhase');
  const s408 = mk('incomplete408');
  const s503 = mk('incomplete503');
  const sOther = mk('incompleteOther');
  const sRem = mk('migRemainingBytes');
  const sSent = mk('migSentBytes');
  const sMigPhase = mk('migPhase');
  const sRound = mk('migRound');
  const sRate = mk('migRateBps');
  const sDirty = mk('migDirtyBps');
  const sBacklog = mk('backlogMessages');

  const res: ServeResult = { work: 0, messages: 0, callsStarted: 0, rejected: 0, live: 0 };
  // Scalars carried across steps: [rejected (cumulative), checkpoint backlog, checkpoint RTT,
  // checkpoint packets of the previous step].
  const st = Float64Array.of(0, 0, rtt0, 0);
  let failover = false;
  let failoverAtS: number | null = null;
  let budgetExceeded = false;
  let steps = nSteps;
  const budget = opts.budgetMs ?? Infinity;

  for (let t = 0; t < nSteps; t++) {
    if ((t & 255) === 255 && now() - t0wall > budget) {
      budgetExceeded = true;
      steps = t;
      break;
    }
    const t0 = t * dt;
    const lambda = load[t];

    // -- migrations: start, end, rate the source can sustain, lock share, pause --
    vH.fill(0);
    vPaused.fill(0);
    vMig.fill(0);
    for (let k = 0; k < nM; k++) {
      const m = migs[k];
      const g = m.g;
      if (m.vi < 0) continue;
      if (g.phase === MigPhase.Off && t0 >= g.spec.startS - 1e-9) g.start();
      if (g.phase === MigPhase.StopCopy && t0 >= g.endAtS - 1e-9) {
        g.phase = MigPhase.Done;
        if (m.dst >= 0) vHost[m.vi] = m.dst;
      }
      const vi = m.vi;
      const hs = vHost[vi];
      if (g.phase === MigPhase.PreCopy && hs >= 0) {
        vMig[vi] = 1;
        const phiS = hPhi[hs];
        const speed = hSpeed[hs];
        // Both ends must find the CPU for it; qemu's main thread cannot spend the whole tick.
        let r = m.want * Math.min(phiS, m.dst >= 0 ? hPhi[m.dst] : 1);
        if (lockPerByte > 0 && (r * lockPerByte) / (speed * phiS) > hMax) r = (hMax * speed * phiS) / lockPerByte;
        g.rate = r;
        vH[vi] += lockPerByte > 0 ? (r * lockPerByte) / (speed * phiS) : 0;
      }
      if (g.phase === MigPhase.StopCopy) vPaused[vi] = Math.max(vPaused[vi], g.pausedFraction(t0, dt));
    }
    for (let i = 0; i < nV; i++) {
      if (vH[i] > hMax) vH[i] = hMax;
      vOmega[i] = (vH[i] * vH[i] * tick) / 2;
    }

    // -- overload control reads the active guest's CPU of the previous step --
    if (A >= 0 && t > 0) control.update(t, vVisible[A]);

    // -- SIP-AS on the active VM --
    queue.arrive(t, 0, lambda * dt);
    queue.begin(t);
    queue.expire(t);
    const retx = queue.retransmit(t);
    let capRate = 0;
    res.work = res.messages = res.callsStarted = res.rejected = res.live = 0;
    if (A >= 0 && vHost[A] >= 0) {
      const hs = vHost[A];
      const sp = hSpeed[hs] * hPhi[hs];
      const run = 1 - vPaused[A];
      const cUnit = cUnitBase * vCpuF[A];
      const vcpuRef = Math.max(0, (vNv[A] - vW[A]) * sp * run * dt - idleShare * vNv[A] * dt - vFaults[A]);
      const workBudget = vcpuRef / cUnit;
      const pktCost = cPkt * vIoF[A];
      const lockMsgsPerS = pktCost > 0 ? Math.max(0, ((1 - vH[A]) * sp) / pktCost - st[3] / dt) / ppm : Infinity;
      const exitsPerMsg = (ppm / 2) * exitsPerPkt * vIoF[A];
      const tau = (cUnit * avgWeight) / sp + vOmega[A] * exitsPerMsg + ckptPerMsg * st[2];
      const workerMsgsPerS = c.sip_workers / Math.max(1e-9, tau);
      const msgBudget = Math.min(lockMsgsPerS, workerMsgsPerS) * dt * run;
      capRate = Math.min(workBudget, msgBudget * avgWeight) / dt;
      const queued = queue.queuedWork;
      const delayEst = capRate > 0 ? queued / capRate : queued > 0 ? Infinity : 0;
      queue.serve(t, workBudget, msgBudget, delayEst, control, res);
      st[0] += res.rejected;
      vBusy[A] = res.work * cUnit;
      vWork[A] = idleShare * vNv[A] * dt * run + vBusy[A];
      const writes = res.live * ckptPerMsg;
      st[3] = writes * ckptPkts;
      vPkts[A] = res.messages * ppm + st[3];
      vWanted[A] = res.work >= workBudget - 1e-9 && queue.queuedWork > 0 ? Math.min(queue.queuedWork * cUnit, vNv[A] * hSpeed[hs] * dt) : 0;
      if (S >= 0) st[1] += writes;
    }

    // -- the standby applies the checkpoints --
    if (S >= 0 && vHost[S] >= 0) {
      const hs = vHost[S];
      const sp = hSpeed[hs] * hPhi[hs];
      const run = 1 - vPaused[S];
      const cost = cCkpt * vCpuF[S];
      const cpuPerS = (vNv[S] - vW[S]) * sp - idleShare * vNv[S];
      const pktCost = cPkt * vIoF[S] * ckptPkts;
      const lockPerS = pktCost > 0 ? ((1 - vH[S]) * sp) / pktCost : Infinity;
      const capCpu = cost > 0 ? Math.max(0, cpuPerS * run * dt - vFaults[S]) / cost : Infinity;
      const done = Math.min(st[1], capCpu, lockPerS * run * dt);
      st[1] -= done;
      const capPerS = Math.min(cost > 0 ? Math.max(1e-9, cpuPerS) / cost : Infinity, lockPerS);
      // While the standby is paused, a write waits for the rest of its pause.
      let pauseLeft = 0;
      for (let k = 0; k < nM; k++) if (migs[k].vi === S && migs[k].g.phase === MigPhase.StopCopy) pauseLeft = Math.max(pauseLeft, migs[k].g.endAtS - t0);
      const backlogDelay = capPerS > 0 && capPerS !== Infinity ? st[1] / capPerS : 0;
      vBusy[S] = done * cost;
      vWork[S] = idleShare * vNv[S] * dt * run + vBusy[S];
      vPkts[S] = done * ckptPkts;
      vWanted[S] = st[1] > 0 && capCpu <= lockPerS * run * dt ? Math.min(st[1] * cost, vNv[S] * hSpeed[hs] * dt) : 0;
      st[2] = rtt0 + 2 * (A >= 0 ? vOmega[A] : 0) + 2 * vOmega[S] + cost / Math.max(1e-9, sp) + backlogDelay + pauseLeft;
    }
    for (let i = 0; i < nV; i++) {
      if (i === A || i === S) continue;
      vBusy[i] = 0;
      vWork[i] = idleShare * vNv[i] * dt * (1 - vPaused[i]);
      vPkts[i] = 0;
      vWanted[i] = 0;
    }

    // -- dirtying, dirty-log faults, lock waits, guest-visible CPU --
    for (let i = 0; i < nV; i++) {
      // Raw page writes follow the work the guest does; distinct pages per tick saturate at the
      // writable working set (hot pages are rewritten, not added).
      const raw = dirtyIdle + (dirtyPerCpu * vBusy[i]) / dt;
      vDirty[i] = wwsHot > 0 ? (wwsHot / tick) * (1 - Math.exp((-raw * tick) / wwsHot)) : raw;
      vFaults[i] = vMig[i] ? (vDirty[i] / PAGE_BYTES) * faultCost * dt : 0;
      vWork[i] += vFaults[i];
      const exits = vPkts[i] * exitsPerPkt * vIoF[i];
      vW[i] = vH[i] > 0 ? Math.min((exits / dt) * vOmega[i], vNv[i] * vH[i]) : 0;
      vMain[i] = vPkts[i] * cPkt * vIoF[i];
      const run = 1 - vPaused[i];
      const hs = vHost[i];
      if (hs < 0) vVisible[i] = 0;
      else if (run > 1e-9) {
        // Without steal time the guest counts the time it waited for a host CPU as busy.
        const wall = vWork[i] / hSpeed[hs] / (vSteal[i] ? 1 : hPhi[hs]);
        const busy = wall + vW[i] * dt * run + (vMig[i] ? migOverhead * vNv[i] * dt * run : 0);
        vVisible[i] = Math.min(100, (busy / (vNv[i] * dt * run)) * 100);
      }
      vCpu[i][t] = vVisible[i];
    }

    // -- migrations advance --
    let remSum = 0;
    let sentSum = 0;
    let mPhase = 0;
    let mRound = 0;
    let mRate = 0;
    let mDirty = 0;
    for (let k = 0; k < nM; k++) {
      const m = migs[k];
      const g = m.g;
      const vi = m.vi;
      if (g.phase === MigPhase.PreCopy && vi >= 0 && vHost[vi] >= 0) {
        const hs = vHost[vi];
        // qemu 0.12 estimates bandwidth over the time its send loop runs under the lock.
        const bwEst = lockPerByte > 0 ? (hSpeed[hs] * hPhi[hs]) / lockPerByte : m.linkGoodput;
        g.advance(t0, dt, g.rate, vDirty[vi], bwEst * g.spec.maxDowntimeS, m.linkGoodput, resumeS);
        hUsed[hs] += g.rate * (srcPerByte + lockPerByte);
        hDemand[hs] += m.want * (srcPerByte + lockPerByte);
        if (m.dst >= 0) {
          hUsed[m.dst] += g.rate * dstPerByte;
          hDemand[m.dst] += m.want * dstPerByte;
        }
        if (vi === A && !failover) {
          // The HA middleware hears nothing from the active during its pause and lock bursts.
          const silence = ((g.phase as MigPhase) === MigPhase.StopCopy ? g.downtimeS : 0) + vH[vi] * tick;
          if (silence > sc.cluster.failoverAfterS) {
            failover = true;
            failoverAtS = round3(t0 + dt);
          }
        }
      }
      if (g.phase !== MigPhase.Off) {
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

    // -- hosts: CPU used this step and the share for the next --
    for (let i = 0; i < nV; i++) {
      const hs = vHost[i];
      if (hs < 0) continue;
      hUsed[hs] += (vWork[i] + vMain[i]) / dt;
      hDemand[hs] += (vWork[i] + vMain[i] + vWanted[i]) / dt;
    }
    for (let h = 0; h < nH; h++) {
      const base = hostBase * hCap[h];
      const used = hUsed[h] + base;
      const demand = hDemand[h] + base;
      hCpu[h][t] = Math.min(100, (used / hCap[h]) * 100);
      hPhi[h] = demand > hCap[h] ? hCap[h] / demand : 1;
      hUsed[h] = 0;
      hDemand[h] = 0;
    }

    queue.end(t);

    if (wantSeries) {
      sT[t] = round3(t0);
      sOffered[t] = lambda;
      sServed[t] = res.callsStarted / dt;
      sDelay[t] = capRate > 0 ? queue.queuedWork / capRate : queue.oldestAgeS(t);
      sRetx[t] = retx / dt;
      sPhase[t] = control.phase;
      s408[t] = queue.failed408;
      s503[t] = st[0];
      sOther[t] = queue.failedOther;
      sRem[t] = remSum;
      sSent[t] = sentSum;
      sMigPhase[t] = mPhase;
      sRound[t] = mRound;
      sRate[t] = mRate;
      sDirty[t] = mDirty;
      sBacklog[t] = queue.queuedMsgs;
    }
  }

  // ---- results ----
  const horizon = steps * dt;
  const migrations: MigrationResult[] = migs.map((m) => {
    const g = m.g;
    const converged = g.phase === MigPhase.Done || (g.phase === MigPhase.StopCopy && g.endAtS <= horizon + 1e-9);
    return {
      vm: g.spec.vm,
      role: m.vi >= 0 ? roles[m.vi] : 'other',
      from: g.spec.from,
      to: g.spec.to,
      startS: g.spec.startS,
      endS: converged ? round3(g.endAtS) : null,
      migrationTimeS: converged ? round3(g.endAtS - g.spec.startS) : null,
      downtimeMs: converged ? round3(g.downtimeS * 1000) : null,
      bytesSent: Math.round(g.sent),
      rounds: g.round + (converged ? 1 : 0),
      converged,
    };
  });
  const started = migrations.filter((m) => m.startS < horizon);
  const firstStart = started.length ? Math.min(...started.map((m) => m.startS)) : null;
  const lastEnd = started.length && started.every((m) => m.endS !== null) ? Math.max(...started.map((m) => m.endS as number)) : null;
  const cpu: RunResult['cpu'] = { vms: {}, hosts: {} };
  sc.vms.forEach((v, i) => (cpu.vms[v.name] = summarizeCpu(vCpu[i], dt, steps, firstStart, lastEnd)));
  sc.hosts.forEach((h, i) => (cpu.hosts[h.name] = summarizeCpu(hCpu[i], dt, steps, firstStart, lastEnd)));

  // Fluid amounts become counts of calls.
  const byCause: Record<string, number> = {};
  let total = 0;
  const add = (cause: string, x: number) => {
    const n = Math.round(x);
    if (n > 0) {
      byCause[cause] = (byCause[cause] ?? 0) + n;
      total += n;
    }
  };
  for (const [cause, x] of queue.failures) add(cause, x);
  add('503', st[0]);

  const result: RunResult = {
    label: run.label,
    offeredCps: run.offeredCps,
    migrations,
    incompleteCalls: { total, byCause },
    overload: { maxPhase: control.maxPhase, transitions: control.transitions, policy: control.policyName },
    failover,
    failoverAtS,
    cpu,
    budgetExceeded,
  };
  if (wantSeries) {
    const series: Series = {};
    for (const [k, a] of Object.entries(ser)) series[k] = Array.from(a.subarray(0, steps));
    sc.vms.forEach((v, i) => (series[`vmCpu.${v.name}`] = Array.from(vCpu[i].subarray(0, steps), round2)));
    sc.hosts.forEach((h, i) => (series[`hostCpu.${h.name}`] = Array.from(hCpu[i].subarray(0, steps), round2)));
    result.series = series;
  }
  return result;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
