// The SIP-AS as a server: a first-in first-out queue of messages, kept as amounts per
// (arrival step, message class) - memory grows with the number of steps, never with calls.
//
// Each step:
// 1. transaction timers: requests still queued when they reach Timer B (INVITE) or Timer F
//    (PRACK, UPDATE, BYE...) have failed at the CSCF; they are counted once, by cause, and stay
//    queued as "zombies" (the bytes are in the TCP stream and will be processed, uselessly);
// 2. retransmissions: for every message its sender retransmits until an answer is passed on,
//    the copies due now are those whose answer has not been served yet (FIFO order lets
//    cumulative counts tell answered cohorts from unanswered ones);
// 3. service: bins are served oldest first within two budgets, vCPU work and messages (the
//    latter bounded by the emulated I/O path and the worker pool); a served message makes its
//    successor in the call flow arrive after the flow's delay. Initial INVITEs pass the
//    overload control when served: rejected ones get a 503 and start nothing.
import type { CallFlowModel } from './callflow';

export interface Admission {
  /** Of `amount` initial INVITEs reaching service now, how many are admitted (the rest get 503). */
  admit(amount: number, queueDelayS: number): number;
}

export interface ServeResult {
  /** Work units and messages served this step (zombies and rejected INVITEs included). */
  work: number;
  messages: number;
  /** Initial INVITEs admitted and served (calls started). */
  callsStarted: number;
  /** Initial INVITEs rejected with 503. */
  rejected: number;
  /** Messages of live calls served (neither zombies, retransmissions nor rejected INVITEs). */
  live: number;
}

const EPS = 1e-12;

export class SipQueue {
  readonly nc: number; // message classes + 1 (retransmissions)
  readonly rtx: number; // index of the retransmission class
  private readonly rem: Float64Array; // unserved amount per step x class
  private readonly binWork: Float64Array;
  private readonly binMsgs: Float64Array;
  private head = 0;
  private current = -1;
  // Scalar state lives in a typed array: V8 keeps doubles there unboxed and the object's shape
  // never changes, so the hot loop is not deoptimized run after run.
  private readonly st = new Float64Array(4);
  /** Work units queued in bins up to the current step. */
  get queuedWork(): number {
    return this.st[0];
  }
  get queuedMsgs(): number {
    return this.st[1];
  }
  /** Cumulative failures of the initial INVITE (408) and of other transactions. */
  get failed408(): number {
    return this.st[2];
  }
  get failedOther(): number {
    return this.st[3];
  }

  private readonly weight: Float64Array;
  private readonly timeoutSteps: Int32Array;
  /** Successors: for class c, successor list start/end into succCls/succDelay. */
  private readonly succStart: Int32Array;
  private readonly succCls: Int32Array;
  private readonly succDelay: Int32Array;
  private readonly causeOf: string[];

  // Retransmission bookkeeping.
  private readonly rX: Int32Array;
  private readonly rY: Int32Array;
  private readonly rOff: Int32Array[];
  private readonly arrX: Float64Array[];
  private readonly cumX: Float64Array[];
  /** Cumulative served (processed) messages per class. */
  readonly servedCum: Float64Array;
  /** Failures per cause, cumulative. */
  readonly failures = new Map<string, number>();

  constructor(
    private readonly flow: CallFlowModel,
    private readonly nSteps: number,
    private readonly dt: number,
    retransmissionWeight: number,
  ) {
    const n = flow.classes.length;
    this.nc = n + 1;
    this.rtx = n;
    this.rem = new Float64Array(nSteps * this.nc);
    this.binWork = new Float64Array(nSteps);
    this.binMsgs = new Float64Array(nSteps);
    this.weight = new Float64Array(this.nc);
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
    this.succDelay = Int32Array.from(flat.map((c) => Math.round(flow.classes[c].delayS / dt)));

    const r = flow.retransmissions;
    this.rX = Int32Array.from(r.map((x) => x.x));
    this.rY = Int32Array.from(r.map((x) => x.y));
    this.rOff = r.map((x) => Int32Array.from(x.offsetsS.map((s) => Math.max(1, Math.round(s / dt)))));
    this.arrX = r.map(() => new Float64Array(nSteps));
    this.cumX = r.map(() => new Float64Array(nSteps));
    this.servedCum = new Float64Array(this.nc);
  }

  /** Messages of class `cls` arriving at step `step` (ignored beyond the simulated horizon). */
  arrive(step: number, cls: number, amount: number): void {
    if (step >= this.nSteps || !(amount > 0)) return;
    this.rem[step * this.nc + cls] += amount;
    const w = amount * this.weight[cls];
    this.binWork[step] += w;
    this.binMsgs[step] += amount;
    if (step <= this.current) {
      this.st[0] += w;
      this.st[1] += amount;
    }
    for (let i = 0; i < this.rX.length; i++) if (this.rX[i] === cls) this.arrX[i][step] += amount;
  }

  /** Moves to step t: what was scheduled to arrive now joins the queue. */
  begin(t: number): void {
    this.current = t;
    this.st[0] += this.binWork[t];
    this.st[1] += this.binMsgs[t];
  }

  /**
   * Calls in progress at t = 0 in a steady state at `cps`: messages whose predecessor was
   * served before t = 0 arrive during the first `delay` seconds.
   */
  warmStart(cps: number): void {
    const cls = this.flow.classes;
    for (let c = 1; c < cls.length; c++) {
      const d = Math.round(cls[c].delayS / this.dt);
      for (let s = 0; s < d && s < this.nSteps; s++) this.arrive(s, c, cps * this.dt);
    }
  }

  /** Step 1: counts requests reaching their transaction timeout while still queued. */
  expire(t: number): void {
    const nc = this.nc;
    for (let c = 0; c < nc; c++) {
      const k = this.timeoutSteps[c];
      if (k === 0 || t - k < 0) continue;
      const a = t - k;
      if (a < this.head) continue;
      const amt = this.rem[a * nc + c];
      if (amt > EPS) {
        const cause = this.causeOf[c];
        this.failures.set(cause, (this.failures.get(cause) ?? 0) + amt);
        if (cause === '408') this.st[2] += amt;
        else this.st[3] += amt;
      }
    }
  }

  /** Step 2: retransmissions due at step t join bin t; returns how many. */
  retransmit(t: number): number {
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
        const n = arr[a];
        if (n <= EPS) continue;
        const unanswered = cum[a] - answered;
        if (unanswered <= EPS) break;
        total += unanswered >= n ? n : unanswered;
      }
    }
    if (total > EPS) this.arrive(t, this.rtx, total);
    return total;
  }

  /**
   * Step 3: serves up to `workBudget` work units and `msgBudget` messages at step t.
   * `admission` decides on initial INVITEs; `out` receives the step's totals.
   */
  serve(t: number, workBudget: number, msgBudget: number, delayEstimateS: number, admission: Admission, out: ServeResult): void {
    out.work = 0;
    out.messages = 0;
    out.callsStarted = 0;
    out.rejected = 0;
    out.live = 0;
    const nc = this.nc;
    const rem = this.rem;
    let V = workBudget;
    let M = msgBudget;
    while (V > EPS && M > EPS) {
      while (this.head < t && this.binMsgs[this.head] <= EPS) this.head++;
      const h = this.head;
      const bm = this.binMsgs[h];
      if (bm <= EPS) break; // h === t and nothing left
      const bw = this.binWork[h];
      let f = 1;
      if (bw > V) f = V / bw;
      if (bm * f > M) f = M / bm;
      const age = t - h;
      const base = h * nc;
      let servedW = 0;
      let servedM = 0;
      for (let c = 0; c < nc; c++) {
        const amt = rem[base + c];
        if (amt <= EPS) continue;
        const s = f >= 1 ? amt : amt * f;
        rem[base + c] = amt - s;
        servedW += s * this.weight[c];
        servedM += s;
        this.servedCum[c] += s;
        if (c === this.rtx) continue;
        const k = this.timeoutSteps[c];
        if (k > 0 && age >= k) continue; // zombie: failed already, starts nothing
        let live = s;
        if (c === 0) {
          live = admission.admit(s, delayEstimateS);
          out.rejected += s - live;
          out.callsStarted += live;
        }
        if (live <= EPS) continue;
        out.live += live;
        for (let j = this.succStart[c]; j < this.succStart[c + 1]; j++) this.arrive(t + this.succDelay[j], this.succCls[j], live);
      }
      this.binWork[h] -= servedW;
      this.binMsgs[h] -= servedM;
      if (this.binMsgs[h] < EPS) {
        this.binWork[h] = 0;
        this.binMsgs[h] = 0;
      }
      this.st[0] -= servedW;
      this.st[1] -= servedM;
      V -= servedW;
      M -= servedM;
      out.work += servedW;
      out.messages += servedM;
      if (servedM <= EPS) break;
    }
    if (this.st[1] < EPS) {
      this.st[0] = 0;
      this.st[1] = 0;
    }
  }

  /** Ends step t: cumulative arrival counts of retransmitted classes become final. */
  end(t: number): void {
    for (let i = 0; i < this.arrX.length; i++) this.cumX[i][t] = (t > 0 ? this.cumX[i][t - 1] : 0) + this.arrX[i][t];
  }

  /** Age in seconds of the oldest message still queued (0 when the queue is empty). */
  oldestAgeS(t: number): number {
    let h = this.head;
    while (h < t && this.binMsgs[h] <= EPS) h++;
    return this.binMsgs[h] > EPS ? (t - h) * this.dt : 0;
  }
}
