// The SIP-AS as a server. Messages are kept as amounts per (arrival step, message class) -
// memory grows with the backlog (the steps between the oldest queued message and now), never
// with calls: a bin's storage is reused once the queue's heads have moved past it.
//
// Each step:
// 1. transaction timers: requests still queued when they reach Timer B (INVITE) or Timer F
//    (PRACK, UPDATE, BYE...) have failed at the CSCF; they are counted once, by cause, and stay
//    queued as "zombies" (the SIP-AS will still process them, uselessly, and they start nothing);
// 2. retransmissions: for every message its sender retransmits until an answer is passed on,
//    the copies due now are those whose answer has not been served yet (service is in arrival
//    order within a class, so cumulative counts tell answered cohorts from unanswered ones);
// 3. service within three budgets - vCPU work, messages through the emulated I/O path, and
//    worker time (processing plus synchronous checkpoint round trips, in proportion to the
//    work a message does; absorbing a retransmission writes no checkpoint). Messages of calls in progress are served before
//    initial INVITEs (`priority`), oldest first in each group, as carrier-grade SIP servers do:
//    when capacity falls short, new calls wait and time out with 408 while established calls
//    proceed. A served message makes its successor in the call flow arrive after the flow's
//    delay. An initial INVITE reaching service passes the overload control, which knows how
//    long it waited; a rejected one is answered 503 (about the work of serving it, but no
//    checkpoint and no call). A zombie INVITE that is rejected costs just that, and is not
//    counted twice.
import type { CallFlowModel } from './callflow';
import { sameBit } from './bits';

export interface Admission {
  /** Of `amount` initial INVITEs reaching service after waiting `waitedS`, how many are processed (the rest get 503). */
  admit(amount: number, waitedS: number): number;
  /** Whether every INVITE that waited `waitedS` will be refused (so none needs worker time for checkpoints). */
  refusesAll(waitedS: number): boolean;
}

/** What the SIP-AS can do in one step. */
export interface ServiceBudget {
  /** Work units (an ordinary message is one unit; vCPU time per unit is the caller's business). */
  work: number;
  /** Messages the emulated I/O path can carry. */
  messages: number;
  /** Worker-seconds available. */
  workerS: number;
  /** Worker-seconds per work unit (processing). */
  workerPerUnit: number;
  /** Worker-seconds per work unit of a call (its share of synchronous checkpoint round trips). */
  workerPerCallUnit: number;
}

export interface ServeResult {
  /** Work units and messages served this step (zombies and rejected INVITEs included). */
  work: number;
  messages: number;
  /** Initial INVITEs served in time and admitted (calls started). */
  callsStarted: number;
  /** Initial INVITEs (not yet timed out) answered 503 by the overload control. */
  rejected: number;
  /** Work units served that write checkpoints: messages of calls, timed-out ones included (the
   * SIP-AS does not know the CSCF gave up), not retransmissions nor rejected INVITEs. */
  live: number;
}

const EPS = 1e-12;
/** Additions to servedCum logged per step; a step with more is never treated as steady. */
const LOG_CAP = 64;
/** Bins the window holds at first (a power of two); it doubles when the backlog needs more. */
const MIN_ROWS = 64;
/** Bins cleared at a time, ahead of their step (fewer, longer loops than one bin a step). */
const CLEAR_AHEAD = 16;

/** The queue's scalars, in SipQueue.st. */
const enum Q {
  /** Work units queued in bins up to the current step. */
  Work,
  /** Messages queued in bins up to the current step. */
  Msgs,
  /** Initial INVITEs that failed with 408, cumulative. */
  Failed408,
  /** Other transactions that failed, cumulative. */
  FailedOther,
  /** Initial INVITEs queued (arrived, not yet served). */
  Invites,
  /** (How many there are.) */
  Count,
}

/** The smallest power of two that is at least n. */
function pow2AtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * The share of `amount` messages (each `w` work units and `perK` worker-seconds) that fits
 * what is left of the step's budgets: work units, messages, worker-seconds. 1 when all fit.
 */
function fitting(amount: number, w: number, perK: number, work: number, messages: number, workerS: number): number {
  let f = 1;
  if (amount * w > work) f = work / (amount * w);
  if (amount * f > messages) f = messages / amount;
  if (amount * perK * f > workerS) f = workerS / (amount * perK);
  return f;
}

export class SipQueue {
  readonly nc: number; // message classes + 1 (retransmissions)
  readonly rtx: number; // index of the retransmission class
  // Per-bin state lives in a window of `rows` bins (a power of two): bin b is row b & mask.
  // Live bins run from the older of the two heads (h0, h1) to the current step or the next;
  // rows are cleared a few bins ahead (up to `ready`), older rows are reused. Arrays over the
  // whole horizon took about 170 bytes a step (34 MB for 200 000 steps, with the
  // retransmission arrays below); the window takes a few kilobytes unless messages pile up.
  private rows = MIN_ROWS;
  private mask = MIN_ROWS - 1;
  /** The first bin whose row has not been cleared yet (the arrays start out clear). */
  private ready = CLEAR_AHEAD;
  private rem: Float64Array; // unserved amount per row x class
  // Per-bin totals of the two service groups: 0 = initial INVITEs, 1 = everything else.
  private w0: Float64Array;
  private m0: Float64Array;
  private w1: Float64Array;
  private m1: Float64Array;
  private r1: Float64Array; // retransmissions (no checkpoint)
  private h0 = 0;
  private h1 = 0;
  private current = -1;
  // Scalar state lives in a typed array: V8 keeps doubles there unboxed and the object's shape
  // never changes, so the hot loop is not deoptimized run after run.
  private readonly st = new Float64Array(Q.Count);
  /** Work units queued in bins up to the current step. */
  get queuedWork(): number {
    return this.st[Q.Work];
  }
  get queuedMsgs(): number {
    return this.st[Q.Msgs];
  }
  /** Cumulative failures of the initial INVITE (408) and of other transactions. */
  get failed408(): number {
    return this.st[Q.Failed408];
  }
  get failedOther(): number {
    return this.st[Q.FailedOther];
  }
  /** Initial INVITEs queued (arrived, not yet served). */
  get queuedInvites(): number {
    return this.st[Q.Invites];
  }

  private readonly weight: Float64Array;
  private readonly timeoutSteps: Int32Array;
  /** Classes with a transaction timer. */
  private readonly timed: Int32Array;
  /** Successors: for class c, successor list start/end into succCls/succDelay. */
  private readonly succStart: Int32Array;
  private readonly succCls: Int32Array;
  private readonly succDelay: Int32Array;
  private readonly causeOf: string[];
  /** Budget left in the current step: work, messages, worker-seconds. */
  private readonly left = new Float64Array(3);

  // Retransmission bookkeeping. Arrivals of retransmitted classes per bin, and their running
  // sums, are read back at most the longest retransmission offset: rings of `rtxRows` bins
  // (a power of two), bin b in slot b & rtxMask.
  private readonly rX: Int32Array;
  private readonly rY: Int32Array;
  private readonly rOff: Int32Array[];
  private readonly rtxMask: number;
  private readonly arrX: Float64Array[];
  private readonly cumX: Float64Array[];
  // Rings for delayed arrivals, one per class with a delay, all in `ring`: a power of two of
  // slots (more than the delay), step s in slot s & mask, so no position has to be kept.
  /** Slot mask of each class's ring (0: the class has none). */
  private readonly ringMask: Int32Array;
  private readonly ringOff: Int32Array;
  private readonly ring: Float64Array;
  /** The classes with a ring, and the offset and mask of each (read every step). */
  private readonly ringed: Int32Array;
  private readonly ringedOff: Int32Array;
  private readonly ringedMask: Int32Array;
  /** Classes whose service answers a retransmitted message (their service counts are kept). */
  private readonly answers: Uint8Array;
  /** Rule index per class (-1: not retransmitted) - a class is the subject of at most one rule. */
  private readonly ruleOf: Int32Array;
  /** Cumulative served (processed) messages per class. */
  readonly servedCum: Float64Array;
  // The additions to servedCum in the current step, in order (class, amount): a steady step
  // skipped by the simulation's fast-forward repeats exactly these (see replaySteadyStep).
  private readonly logCls: Int32Array;
  private readonly logAmt: Float64Array;
  private logN = 0;
  /** What each ringed class's ring delivered at the current step (see steadyArrivalsUntil). */
  private readonly ringArrived: Float64Array;
  /** What the last steady step found puts into each ringed class's ring (see steadyArrivalsUntil). */
  private readonly quietRing: Float64Array;
  /** The current bin's row in a verified steady state (see readRow). */
  private readonly quietRow: Float64Array;
  /** Arrivals per step of each retransmitted class in a verified steady state. */
  private readonly quietArr: Float64Array;
  /** Delay in steps of each class after its trigger (from the call flow). */
  private readonly delaySteps: Int32Array;
  /** Delay in steps of each ringed class (unclipped: slots beyond the horizon stay empty). */
  private readonly ringedDelay: Int32Array;
  /** Failures per cause, cumulative. */
  readonly failures = new Map<string, number>();

  constructor(
    private readonly flow: CallFlowModel,
    private readonly nSteps: number,
    private readonly dt: number,
    retransmissionWeight: number,
    /** Serve messages of established calls before initial INVITEs. */
    private readonly priority: boolean,
  ) {
    const n = flow.classes.length;
    this.nc = n + 1;
    this.rtx = n;
    this.rem = new Float64Array(MIN_ROWS * this.nc);
    this.w0 = new Float64Array(MIN_ROWS);
    this.m0 = new Float64Array(MIN_ROWS);
    this.w1 = new Float64Array(MIN_ROWS);
    this.m1 = new Float64Array(MIN_ROWS);
    this.r1 = new Float64Array(MIN_ROWS);
    this.weight = new Float64Array(this.nc);
    this.delaySteps = Int32Array.from(flow.classes, (k) => Math.round(k.delayS / dt));
    this.timeoutSteps = new Int32Array(this.nc);
    this.causeOf = [];
    for (let c = 0; c < n; c++) {
      const k = flow.classes[c];
      this.weight[c] = k.weight;
      this.timeoutSteps[c] = k.timeoutS > 0 ? Math.max(1, Math.round(k.timeoutS / dt)) : 0;
      this.causeOf.push(k.cause);
    }
    this.weight[n] = retransmissionWeight;
    this.causeOf.push('');
    this.timed = Int32Array.from(flow.classes.map((k, c) => (k.timeoutS > 0 ? c : -1)).filter((c) => c >= 0));
    // Successor lists (a class can trigger several: ACK triggers UPDATE and BYE).
    const succ: number[][] = Array.from({ length: this.nc }, () => []);
    for (let c = 0; c < n; c++) {
      const tr = flow.classes[c].trigger;
      if (tr >= 0) succ[tr].push(c);
    }
    this.succStart = new Int32Array(this.nc + 1);
    const flat: number[] = [];
    for (let c = 0; c < this.nc; c++) {
      this.succStart[c] = flat.length;
      flat.push(...succ[c]);
    }
    this.succStart[this.nc] = flat.length;
    this.succCls = Int32Array.from(flat);
    this.succDelay = Int32Array.from(flat.map((c) => this.delaySteps[c]));

    const r = flow.retransmissions;
    this.rX = Int32Array.from(r.map((x) => x.x));
    this.rY = Int32Array.from(r.map((x) => x.y));
    this.rOff = r.map((x) => Int32Array.from(x.offsetsS.map((s) => Math.max(1, Math.round(s / dt)))));
    // Bins from now back to the longest offset, and those cleared ahead (INVITEs land a step ahead).
    let maxOff = 0;
    for (const offs of this.rOff) for (const o of offs) maxOff = Math.max(maxOff, o);
    const rtxRows = pow2AtLeast(Math.min(maxOff, nSteps) + 2 + CLEAR_AHEAD);
    this.rtxMask = rtxRows - 1;
    this.arrX = r.map(() => new Float64Array(rtxRows));
    this.cumX = r.map(() => new Float64Array(rtxRows));
    // Rings for delayed arrivals: at least one slot per step of the class's delay, plus slack.
    this.ringMask = new Int32Array(this.nc);
    this.ringOff = new Int32Array(this.nc);
    let off = 0;
    for (let c = 0; c < n; c++) {
      // A delay beyond the horizon needs no ring: those arrivals are never simulated.
      const d = Math.min(this.delaySteps[c], nSteps);
      if (d > 0) {
        const slots = pow2AtLeast(d + 2);
        this.ringMask[c] = slots - 1;
        this.ringOff[c] = off;
        off += slots;
      }
    }
    this.ring = new Float64Array(off);
    this.ringed = Int32Array.from([...this.ringMask.keys()].filter((c) => this.ringMask[c] > 0));
    this.ringedOff = this.ringed.map((c) => this.ringOff[c]);
    this.ringedMask = this.ringed.map((c) => this.ringMask[c]);
    this.ruleOf = new Int32Array(this.nc).fill(-1);
    this.answers = new Uint8Array(this.nc);
    r.forEach((x) => (this.answers[x.y] = 1));
    r.forEach((x, i) => (this.ruleOf[x.x] = i));
    this.servedCum = new Float64Array(this.nc);
    this.logCls = new Int32Array(LOG_CAP);
    this.logAmt = new Float64Array(LOG_CAP);
    this.ringArrived = new Float64Array(this.ringed.length);
    this.quietRing = new Float64Array(this.ringed.length);
    this.quietRow = new Float64Array(this.rowWidth);
    this.quietArr = new Float64Array(r.length);
    this.ringedDelay = this.ringed.map((c) => this.delaySteps[c]);
  }

  /** Messages of class `cls` arriving at step `step` (ignored beyond the simulated horizon). */
  arrive(step: number, cls: number, amount: number): void {
    if (step >= this.nSteps || !(amount > 0)) return;
    const ahead = step - this.current;
    // A delayed successor waits in its class's small ring until its step comes: the big
    // per-step arrays are then only written near the current step (cache friendly).
    if (ahead > 0 && ahead <= this.ringMask[cls]) this.later(step, cls, amount);
    else this.land(step, cls, amount);
  }

  /**
   * A successor arriving `step` - t > 0 steps after the current step t: it waits in its class's
   * ring (which has a slot for every step of the delay), or is ignored beyond the horizon. Only
   * the ring is touched, so V8 inlines this into the serving loop and the amount is not boxed
   * on the heap for a call (arrive() may call land(), which is not inlined).
   */
  private later(step: number, cls: number, amount: number): void {
    if (step < this.nSteps) this.ring[this.ringOff[cls] + (step & this.ringMask[cls])] += amount;
  }

  /**
   * Messages joining bin `step`: the current step or the next, never later (delayed arrivals
   * wait in their class's ring until their step comes).
   */
  private land(step: number, cls: number, amount: number): void {
    if (step >= this.ready) this.open(step);
    const row = step & this.mask;
    this.rem[row * this.nc + cls] += amount;
    const w = amount * this.weight[cls];
    if (cls === 0) {
      this.w0[row] += w;
      this.m0[row] += amount;
    } else {
      this.w1[row] += w;
      this.m1[row] += amount;
      if (cls === this.rtx) this.r1[row] += amount;
    }
    if (step <= this.current) {
      this.st[Q.Work] += w;
      this.st[Q.Msgs] += amount;
      if (cls === 0) this.st[Q.Invites] += amount;
    }
    const rule = this.ruleOf[cls];
    if (rule >= 0) this.arrX[rule][step & this.rtxMask] += amount;
  }

  /**
   * Clears the rows of the bins from `ready` to a few past `step`, growing the window first
   * rather than reuse a live bin's row.
   */
  private open(step: number): void {
    const end = step + CLEAR_AHEAD;
    if (end - 1 - Math.min(this.h0, this.h1) >= this.rows) this.grow(end - 1);
    const { rem, w0, m0, w1, m1, r1, arrX, nc, mask, rtxMask } = this;
    for (let b = this.ready; b < end; b++) {
      const row = b & mask;
      // A plain loop: TypedArray.fill is a builtin call, costly for a dozen elements.
      for (let i = row * nc, e = i + nc; i < e; i++) rem[i] = 0;
      w0[row] = m0[row] = w1[row] = m1[row] = r1[row] = 0;
      for (let i = 0; i < arrX.length; i++) arrX[i][b & rtxMask] = 0;
    }
    this.ready = end;
  }

  /** Doubles the window until it holds the live bins and bin `b`; live rows keep their values. */
  private grow(b: number): void {
    const lo = Math.min(this.h0, this.h1);
    let rows = this.rows;
    while (b - lo >= rows) rows *= 2;
    const mask = rows - 1;
    // Each live bin's row (`width` values) moves to its row in the bigger window.
    const move = (a: Float64Array, width: number): Float64Array => {
      const out = new Float64Array(rows * width);
      for (let bin = lo; bin < this.ready; bin++) {
        const from = (bin & this.mask) * width;
        const to = (bin & mask) * width;
        for (let i = 0; i < width; i++) out[to + i] = a[from + i];
      }
      return out;
    };
    this.rem = move(this.rem, this.nc);
    this.w0 = move(this.w0, 1);
    this.m0 = move(this.m0, 1);
    this.w1 = move(this.w1, 1);
    this.m1 = move(this.m1, 1);
    this.r1 = move(this.r1, 1);
    this.rows = rows;
    this.mask = mask;
  }

  /** A successor arriving in the current step t (never an initial INVITE or a retransmission). */
  private landNow(t: number, cls: number, amount: number): void {
    const row = t & this.mask;
    this.rem[row * this.nc + cls] += amount;
    const w = amount * this.weight[cls];
    this.w1[row] += w;
    this.m1[row] += amount;
    const st = this.st;
    st[Q.Work] += w;
    st[Q.Msgs] += amount;
    const rule = this.ruleOf[cls];
    if (rule >= 0) this.arrX[rule][t & this.rtxMask] += amount;
  }

  /** Moves to step t: what was scheduled to arrive now joins the queue. */
  begin(t: number): void {
    const { ring, ringed, ringedOff, ringedMask } = this;
    const arrived = this.ringArrived;
    for (let k = 0; k < ringed.length; k++) {
      const i = ringedOff[k] + (t & ringedMask[k]);
      const a = ring[i];
      arrived[k] = a;
      if (a > 0) {
        ring[i] = 0;
        this.land(t, ringed[k], a);
      }
    }
    this.current = t;
    this.logN = 0;
    if (t >= this.ready) this.open(t);
    const row = t & this.mask;
    this.st[Q.Work] += this.w0[row] + this.w1[row];
    this.st[Q.Msgs] += this.m0[row] + this.m1[row];
    this.st[Q.Invites] += this.m0[row];
  }

  /**
   * Calls in progress at t = 0 in a steady state at `cps`: messages whose predecessor was
   * served before t = 0 arrive during the first `delay` seconds.
   */
  warmStart(cps: number): void {
    for (let c = 1; c < this.flow.classes.length; c++) {
      const d = this.delaySteps[c];
      for (let s = 0; s < d && s < this.nSteps; s++) this.arrive(s, c, cps * this.dt);
    }
  }

  /** Step 1: counts requests reaching their transaction timeout while still queued. */
  expire(t: number): void {
    const nc = this.nc;
    for (let i = 0; i < this.timed.length; i++) {
      const c = this.timed[i];
      const k = this.timeoutSteps[c];
      // Nothing that old is left when the queue's head is younger (the usual case).
      if (t - k < (c === 0 ? this.h0 : this.h1)) continue;
      const amt = this.rem[((t - k) & this.mask) * nc + c];
      if (amt > EPS) {
        const cause = this.causeOf[c];
        this.failures.set(cause, (this.failures.get(cause) ?? 0) + amt);
        if (cause === '408') this.st[Q.Failed408] += amt;
        else this.st[Q.FailedOther] += amt;
      }
    }
  }

  /** Step 2: retransmissions due at step t join bin t; returns how many. */
  retransmit(t: number): number {
    const total = this.retransmissionsDue(t);
    if (total > EPS) this.arrive(t, this.rtx, total);
    return total;
  }

  /** Retransmissions due at step t, without queueing them. */
  retransmissionsDue(t: number): number {
    let total = 0;
    for (let i = 0; i < this.rX.length; i++) {
      const offs = this.rOff[i];
      const arr = this.arrX[i];
      const cum = this.cumX[i];
      const answered = this.servedCum[this.rY[i]];
      // Cohorts are answered in arrival order: once a cohort is fully answered, older ones are too.
      for (let k = 0; k < offs.length; k++) {
        const a = t - offs[k];
        if (a < 0) break;
        const slot = a & this.rtxMask;
        const unanswered = cum[slot] - answered;
        if (unanswered <= EPS) break;
        const n = arr[slot];
        total += unanswered >= n ? n : unanswered;
      }
    }
    return total;
  }

  /** Step 3: serves what the budget allows at step t; `out` receives the step's totals. */
  serve(t: number, b: ServiceBudget, admission: Admission, out: ServeResult): void {
    out.work = 0;
    out.messages = 0;
    out.callsStarted = 0;
    out.rejected = 0;
    out.live = 0;
    const left = this.left;
    left[0] = b.work;
    left[1] = b.messages;
    left[2] = b.workerS;
    for (;;) {
      const mask = this.mask;
      while (this.h0 < t && this.m0[this.h0 & mask] <= EPS) this.h0++;
      while (this.h1 < t && this.m1[this.h1 & mask] <= EPS) this.h1++;
      const has0 = this.m0[this.h0 & mask] > EPS;
      const has1 = this.m1[this.h1 & mask] > EPS;
      if (!has0 && !has1) break;
      const g1 = has1 && (this.priority || !has0 || this.h1 <= this.h0);
      const done = g1 ? this.passCalls(t, this.h1, b, out) : this.passInvites(t, this.h0, b, admission, out);
      if (!done) break; // budget spent
    }
    if (this.st[Q.Msgs] < EPS) {
      this.st[Q.Work] = 0;
      this.st[Q.Msgs] = 0;
      this.st[Q.Invites] = 0;
    }
  }

  /**
   * Serves the messages of calls in progress (classes 1..) of bin h in call-flow order, so a
   * successor that arrives at once (same bin, higher class) is served in the same pass.
   * Returns false when the budget ran out.
   */
  private passCalls(t: number, h: number, b: ServiceBudget, out: ServeResult): boolean {
    const rem = this.rem;
    const left = this.left;
    const weight = this.weight;
    const timeoutSteps = this.timeoutSteps;
    const nc = this.nc;
    const rtx = this.rtx;
    const row = h & this.mask;
    const base = row * nc;
    const age = t - h;
    const kCall = b.workerPerUnit + b.workerPerCallUnit;
    const kRtx = b.workerPerUnit;
    let l0 = left[0];
    let l1 = left[1];
    let l2 = left[2];
    let any = false;
    let ok = true;
    let sw = 0;
    let sm = 0;
    let sr = 0;
    let written = 0;
    for (let c = 1; c < nc; c++) {
      const amt = rem[base + c];
      if (amt <= EPS) continue;
      any = true;
      const w = weight[c];
      const isCall = c !== rtx;
      const perK = w * (isCall ? kCall : kRtx);
      const f = fitting(amt, w, perK, l0, l1, l2);
      if (f <= 0) {
        ok = false;
        break;
      }
      const s = f >= 1 ? amt : amt * f;
      rem[base + c] = amt - s;
      l0 -= s * w;
      l1 -= s;
      l2 -= s * perK;
      sw += s * w;
      sm += s;
      if (this.answers[c]) this.answered(c, s);
      if (!isCall) sr += s;
      else {
        written += s * w;
        const k = timeoutSteps[c];
        // A zombie (failed already) or a retransmission starts nothing.
        if (!(k > 0 && age >= k) && s > EPS) this.successors(t, c, s);
      }
      if (f < 1) {
        ok = false;
        break;
      }
    }
    left[0] = l0;
    left[1] = l1;
    left[2] = l2;
    this.st[Q.Work] -= sw;
    this.st[Q.Msgs] -= sm;
    out.work += sw;
    out.messages += sm;
    out.live += written;
    this.w1[row] -= sw;
    this.m1[row] -= sm;
    this.r1[row] -= sr;
    // Only rounding dust left (or nothing was there): the bin is empty.
    if (this.m1[row] < EPS || !any) this.w1[row] = this.m1[row] = this.r1[row] = 0;
    return ok;
  }

  /** Serves the initial INVITEs of bin h through the overload control. Returns false when the budget ran out. */
  private passInvites(t: number, h: number, b: ServiceBudget, admission: Admission, out: ServeResult): boolean {
    const left = this.left;
    const row = h & this.mask;
    const amt = this.rem[row * this.nc];
    if (amt <= EPS) {
      this.w0[row] = this.m0[row] = 0;
      return true;
    }
    const age = t - h;
    const w = this.weight[0];
    const refused = admission.refusesAll(age * this.dt);
    const perK = w * (refused ? b.workerPerUnit : b.workerPerUnit + b.workerPerCallUnit);
    const f = fitting(amt, w, perK, left[0], left[1], left[2]);
    if (f <= 0) return false;
    const s = f >= 1 ? amt : amt * f;
    this.rem[row * this.nc] = amt - s;
    left[0] -= s * w;
    left[1] -= s;
    left[2] -= s * perK;
    if (this.answers[0]) this.answered(0, s);
    const k = this.timeoutSteps[0];
    const zombie = k > 0 && age >= k;
    this.st[Q.Invites] -= s;
    // Overload control: a rejected INVITE writes no checkpoint - give that worker time back.
    const admitted = refused ? 0 : admission.admit(s, age * this.dt);
    if (!refused) left[2] += (s - admitted) * w * b.workerPerCallUnit;
    if (!zombie) out.rejected += s - admitted;
    const live = zombie ? 0 : admitted;
    out.callsStarted += live;
    // A zombie (failed already) or a rejected INVITE starts nothing.
    if (live > EPS) this.successors(t, 0, live);
    this.st[Q.Work] -= s * w;
    this.st[Q.Msgs] -= s;
    out.work += s * w;
    out.messages += s;
    out.live += admitted * w;
    this.w0[row] -= s * w;
    this.m0[row] -= s;
    if (this.m0[row] < EPS) this.w0[row] = this.m0[row] = 0;
    return f >= 1;
  }

  /** Messages of class c served that answer a retransmitted message: counted, and logged. */
  private answered(c: number, s: number): void {
    this.servedCum[c] += s;
    const n = this.logN++;
    if (n < LOG_CAP) {
      this.logCls[n] = c;
      this.logAmt[n] = s;
    }
  }

  /** A served message of class c makes its successors arrive after the flow's delays. */
  private successors(t: number, c: number, amount: number): void {
    for (let j = this.succStart[c], j1 = this.succStart[c + 1]; j < j1; j++) {
      const d = this.succDelay[j];
      // Most successors arrive at once, in this very bin: no ring to consult.
      if (d === 0) this.landNow(t, this.succCls[j], amount);
      else this.later(t + d, this.succCls[j], amount);
    }
  }

  /** Ends step t: cumulative arrival counts of retransmitted classes become final. */
  end(t: number): void {
    const now = t & this.rtxMask;
    const prev = (t - 1) & this.rtxMask;
    for (let i = 0; i < this.arrX.length; i++) this.cumX[i][now] = (t > 0 ? this.cumX[i][prev] : 0) + this.arrX[i][now];
  }

  // Steady state. The simulation skips steps whose whole state repeats the previous step's
  // (fastForward.ts); the queue's part of that state is: empty, both heads at the
  // current step, the current bin's row, the arrivals of retransmitted classes, the logged
  // answers, and rings that hold one value per class over their delay. What grows while the
  // state repeats (servedCum, cumX) is replayed with exactly the additions of a real step.

  /** Values in a row's state: the amount of each class, then the row's w0, m0, w1, m1, r1. */
  private get rowWidth(): number {
    return this.nc + 5;
  }

  /** A row's state into out from out[o]; returns the next offset. */
  private readRow(row: number, out: Float64Array, o: number): number {
    for (let i = row * this.nc, e = i + this.nc; i < e; i++) out[o++] = this.rem[i];
    out[o++] = this.w0[row];
    out[o++] = this.m0[row];
    out[o++] = this.w1[row];
    out[o++] = this.m1[row];
    out[o++] = this.r1[row];
    return o;
  }

  /** A row's state back from `from` (as readRow wrote it). */
  private writeRow(row: number, from: Float64Array): void {
    const nc = this.nc;
    for (let c = 0; c < nc; c++) this.rem[row * nc + c] = from[c];
    this.w0[row] = from[nc];
    this.m0[row] = from[nc + 1];
    this.w1[row] = from[nc + 2];
    this.m1[row] = from[nc + 3];
    this.r1[row] = from[nc + 4];
  }

  /** Values written by writeStepState at most. */
  get stepStateSize(): number {
    // The current row, the arrivals of retransmitted classes, the two failure counts, and the
    // log of answers (its length, then class and amount of each).
    return this.rowWidth + this.arrX.length + 2 + 1 + 2 * LOG_CAP;
  }

  /** Whether the queue is empty at the end of step t with both heads at t (a steady state needs it). */
  idleAt(t: number): boolean {
    const st = this.st;
    return st[Q.Work] === 0 && st[Q.Msgs] === 0 && st[Q.Invites] === 0 && this.h0 === t && this.h1 === t && this.current === t && this.logN <= LOG_CAP;
  }

  /** Writes the queue's state at the end of step t, relative to t, from out[o]; returns the next offset. */
  writeStepState(t: number, out: Float64Array, o: number): number {
    o = this.readRow(t & this.mask, out, o);
    for (let i = 0; i < this.arrX.length; i++) out[o++] = this.arrX[i][t & this.rtxMask];
    out[o++] = this.st[Q.Failed408];
    out[o++] = this.st[Q.FailedOther];
    out[o++] = this.logN;
    for (let n = 0; n < this.logN; n++) {
      out[o++] = this.logCls[n];
      out[o++] = this.logAmt[n];
    }
    return o;
  }

  /**
   * Where a steady stretch that starts after step t must stop: the first step whose delayed
   * arrivals differ from those of step t. A step repeats step t only if it starts from the same
   * state (the caller's check) and the same messages arrive; each ring holds, for the steps its
   * delay reaches, what earlier steps sent, and beyond that what every repeated step sends
   * (step t's contribution, ring slot t + delay). Slots that differ are the calls an earlier
   * disturbance delayed: the stretch runs up to the first of them, and a new one can start
   * once it has been simulated. Keeps step t's contributions, which a stretch repeats, for
   * restoreSteady.
   */
  steadyArrivalsUntil(t: number): number {
    const { ring, ringedOff, ringedMask, ringedDelay, ringArrived, quietRing, nSteps } = this;
    let until = nSteps;
    for (let k = 0; k < ringedOff.length; k++) {
      const off = ringedOff[k];
      const mask = ringedMask[k];
      const a = ringArrived[k];
      const d = ringedDelay[k];
      const sent = t + d < nSteps ? ring[off + ((t + d) & mask)] : 0;
      quietRing[k] = sent;
      const last = Math.min(t + d, until - 1);
      let q = t + 1;
      while (q <= last && sameBit(ring[off + (q & mask)], a)) q++;
      // Past the slots filled before t, the ring holds what the repeated steps send: the same
      // as arrived at t, or the stretch ends at the first of those.
      if (q <= t + d) until = q;
      else if (!sameBit(sent, a)) until = Math.min(until, t + d + 1);
    }
    return until;
  }

  /** Whether other messages arrive at step t + 1 than at step t (cheap: then no stretch can start after t). */
  nextArrivalsDiffer(t: number): boolean {
    const { ring, ringedOff, ringedMask, ringArrived } = this;
    for (let k = 0; k < ringedOff.length; k++) if (!sameBit(ring[ringedOff[k] + ((t + 1) & ringedMask[k])], ringArrived[k])) return true;
    return false;
  }

  /** Keeps the steady state of step t for replay and restore (the rings' part: steadyArrivalsUntil). */
  captureSteady(t: number): void {
    this.readRow(t & this.mask, this.quietRow, 0);
    for (let i = 0; i < this.arrX.length; i++) this.quietArr[i] = this.arrX[i][t & this.rtxMask];
  }

  /** What a steady step s does to the running sums: the logged answers, the arrivals of retransmitted classes. */
  replaySteadyStep(s: number): void {
    for (let n = 0; n < this.logN; n++) this.servedCum[this.logCls[n]] += this.logAmt[n];
    const now = s & this.rtxMask;
    const prev = (s - 1) & this.rtxMask;
    for (let i = 0; i < this.arrX.length; i++) {
      this.arrX[i][now] = this.quietArr[i];
      this.cumX[i][now] = this.cumX[i][prev] + this.quietArr[i];
    }
  }

  /**
   * The queue as it is at the end of steady step s of a stretch that started after step t:
   * the slots of steps t + 1 .. s consumed, each skipped step's contribution sent, the slots
   * filled before t that are still ahead kept; current row and heads moved on.
   */
  restoreSteady(t: number, s: number): void {
    const { ring, ringedOff, ringedMask, ringedDelay, nSteps } = this;
    for (let k = 0; k < ringedOff.length; k++) {
      const off = ringedOff[k];
      const mask = ringedMask[k];
      const d = ringedDelay[k];
      // (Distinct slots: a ring has more slots than its delay, and these span at most d steps.)
      for (let q = t + 1, e = Math.min(s, t + d); q <= e; q++) ring[off + (q & mask)] = 0;
      for (let q = Math.max(t + d, s) + 1, e = Math.min(s + d, nSteps - 1); q <= e; q++) ring[off + (q & mask)] = this.quietRing[k];
    }
    this.writeRow(s & this.mask, this.quietRow);
    this.h0 = this.h1 = this.current = s;
    // Rows and retransmission slots of later bins are cleared before their first use (open).
    this.ready = s + 1;
  }

  /** Age in seconds of the oldest initial INVITE still queued: the wait new calls see. */
  inviteAgeS(t: number): number {
    for (let h = this.h0; h <= t && h < this.nSteps; h++) if (this.m0[h & this.mask] > EPS) return (t - h) * this.dt;
    return 0;
  }

  /** Age in seconds of the oldest message still queued (0 when the queue is empty). */
  oldestAgeS(t: number): number {
    const invites = this.inviteAgeS(t);
    for (let h = this.h1; h <= t && h < this.nSteps; h++) if (this.m1[h & this.mask] > EPS) return Math.max(invites, (t - h) * this.dt);
    return invites;
  }
}
