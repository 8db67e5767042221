// Fast-forward over steady stretches: an optimisation of the step loop (simulation.ts) that
// must not change a single output bit (tested: test/model/fastForward.test.ts).
//
// Before a migration and once the system has settled after one, every step repeats the
// previous one exactly: same load, no migration under way, an empty queue and nothing that
// differs. Such a step is not simulated: its outputs are copied. A steady state is taken as
// found when the step-relative state of two consecutive steps is equal bit for bit; it lasts
// while the same messages arrive as at the step that found it. Those come from the
// delayed-arrival rings: calls a migration slowed send their later messages (answer, refresh,
// BYE) up to a hold time after it, at a few scattered steps, so a stretch runs up to the first
// such step, which is simulated, and the next stretch starts after it
// (SipQueue.steadyArrivalsUntil).
// While skipping, the sums that keep growing (answered messages, arrivals of retransmitted
// classes) get exactly the additions a real step makes, and the overload control's update
// runs for real (its window and persistence timers keep counting); the skip ends, and the
// step is simulated, when the load changes, a migration starts, the control changes phase,
// the retransmissions due differ or the delayed arrivals do.
import type { OverloadControl } from './overload';
import type { SipQueue } from './sip';
import { sameBit, sameBits } from './bits';
import { now } from './clock';
import { SERIES_KEYS, timeOfStep, type SeriesArrays } from './series';

/** What the fast-forward reads and drives of a simulation (simulation.ts implements it). */
export interface SteppedModel {
  readonly nSteps: number;
  readonly dt: number;
  readonly nV: number;
  readonly nH: number;
  /** The active VM's index (-1: none). */
  readonly A: number;
  /** Offered load per step. */
  readonly load: Float64Array;
  readonly vCpu: Float64Array[];
  readonly hCpu: Float64Array[];
  /** Guest-visible CPU of each VM in the last step (the overload control reads it). */
  readonly vVisible: Float64Array;
  readonly queue: SipQueue;
  readonly control: OverloadControl;
  readonly wantSeries: boolean;
  readonly ser: SeriesArrays;
  /** Retransmissions that arrived in the last step simulated. */
  readonly stepRetransmissions: number;
  /** Whether a migration is under way. */
  migrating(): boolean;
  /** Whether a migration starts at step s. */
  migrationStartsAt(s: number): boolean;
  /** The simulation's part of the step state (hosts, VMs, scalars, service, control) from out[0]; returns its length. */
  writeSimState(t: number, out: Float64Array): number;
  /** Simulates step t from its service on (after the overload control's update). */
  finishStep(t: number): void;
}

export class FastForward {
  /** Steps whose outputs were copied, not simulated. */
  skipped = 0;
  // The step-relative state of the last two steps, and whether the previous one was written.
  private prev: Float64Array;
  private cur: Float64Array;
  private prevLen = -1;

  constructor(private readonly m: SteppedModel) {
    // The simulation's part of the state is counted by writing it once into an empty buffer
    // (a typed array ignores writes past its end, and the offset still counts them): its size
    // then follows writeSimState, field for field. The queue's part can grow with its log of
    // answers: it says how many values it writes at most.
    const size = m.writeSimState(0, new Float64Array(0)) + m.queue.stepStateSize;
    this.prev = new Float64Array(size);
    this.cur = new Float64Array(size);
  }

  /**
   * When the state at the end of step t repeats that of step t - 1, the first step after t
   * that cannot repeat step t (its delayed arrivals differ; SipQueue.steadyArrivalsUntil);
   * otherwise t + 1 or less: no steady stretch starts after t.
   */
  steadyUntil(t: number): number {
    const m = this.m;
    const A = m.A;
    // Cheap tests first: most steps that are not steady fail one of them.
    if (
      t + 1 >= m.nSteps ||
      (A >= 0 && t > 0 && !sameBit(m.vCpu[A][t], m.vCpu[A][t - 1])) ||
      !m.queue.idleAt(t) ||
      !m.control.unlimited ||
      m.migrating() ||
      m.queue.nextArrivalsDiffer(t)
    ) {
      this.prevLen = -1;
      return 0;
    }
    const cur = this.cur;
    const len = this.writeStepState(t, cur);
    const same = len === this.prevLen && sameBits(cur, this.prev, len);
    this.cur = this.prev;
    this.prev = cur;
    this.prevLen = len;
    return same ? m.queue.steadyArrivalsUntil(t) : 0;
  }

  /**
   * Steps after the steady step t, up to `until` at most, copied and replayed until something
   * changes; returns the first step left to simulate, or -1 - s when the time budget ran out
   * at step s.
   */
  skip(t: number, until: number, budgetMs: number, t0wall: number): number {
    const m = this.m;
    const q = m.queue;
    const control = m.control;
    q.captureSteady(t);
    const load = m.load[t];
    const rtx = m.stepRetransmissions;
    let s = t + 1;
    for (; s < until; s++) {
      if ((s & 255) === 255 && now() - t0wall > budgetMs) {
        this.endSkip(t, s);
        return -1 - s;
      }
      if (m.load[s] !== load || m.migrationStartsAt(s)) break;
      const phase = control.phase;
      if (m.A >= 0) control.update(s, m.vVisible, m.A);
      if (control.phase !== phase || !control.unlimited || !sameBit(q.retransmissionsDue(s), rtx)) {
        // This step differs: simulated from the service on (its control update is done).
        this.endSkip(t, s);
        m.finishStep(s);
        // The state kept for the next comparison is step t's, not this step's: step s + 1 must
        // not be compared with it.
        this.prevLen = -1;
        return s + 1;
      }
      q.replaySteadyStep(s);
    }
    this.endSkip(t, s);
    return s;
  }

  /** Everything a step leaves for the next, relative to the step (the queue's rings aside). */
  private writeStepState(t: number, out: Float64Array): number {
    const o = this.m.queue.writeStepState(t, out, this.m.writeSimState(t, out));
    // A value written past the end would be dropped silently, and the comparison would miss it.
    if (o > out.length) throw new Error(`sipmig model: the step state has ${o} values, its buffer ${out.length} (see FastForward's constructor)`);
    return o;
  }

  /**
   * Ends a skip after the steady step t: steps t + 1 .. s - 1 get step t's outputs (a whole
   * range at a time, not step by step: most skips are long), and the queue is left as at the
   * end of step s - 1.
   */
  private endSkip(t: number, s: number): void {
    const m = this.m;
    m.queue.restoreSteady(t, s - 1);
    const from = t + 1;
    if (s <= from) return;
    this.skipped += s - from;
    for (let i = 0; i < m.nV; i++) fillFrom(m.vCpu[i], t, s);
    for (let h = 0; h < m.nH; h++) fillFrom(m.hCpu[h], t, s);
    if (!m.wantSeries) return;
    const ser = m.ser;
    for (let q = from; q < s; q++) ser.tS[q] = timeOfStep(q, m.dt);
    // (The load is the same over the skip: it ends where the load changes.)
    for (const k of SERIES_KEYS) if (k !== 'tS') fillFrom(ser[k], t, s);
  }
}

/** a[t + 1 .. s - 1] = a[t]. (A plain loop for short skips measured the same: paired ratios 0.99-1.01.) */
function fillFrom(a: Float64Array, t: number, s: number): void {
  a.fill(a[t], t + 1, s);
}
