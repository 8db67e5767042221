// Pre-copy live migration as qemu-kvm 0.12 does it, as a fluid model.
//
// State: F = bytes of the first pass still to send (every non-zero page, plus zero pages that
// travel as a few bytes each), R = bytes of pages dirtied after they were sent. qemu's scan
// walks RAM in address order, so the first pass goes first and re-dirtied pages follow in
// later passes ("rounds"). Each qemu tick:
//   sent      = min(rate * tick, F + R)                       (F first, then R)
//   R        += w_eff * tick * clean                          (new dirty pages, at the tick's end)
//   clean     = max(0, 1 - F / V - R / M_w)                   (a page already waiting to be
//                                                             sent cannot be dirtied "again")
// where w_eff is the guest's distinct-page dirtying rate (see dirtying in simulation.ts), V the
// first-pass size and M_w the memory the writes spread over. After the first pass, qemu stops
// the guest as soon as the remaining bytes it knows of (bitmap synced at the start of the tick,
// minus what the tick sent) could be sent within max_downtime at its bandwidth estimate:
// (F + R) / bw_est <= max_downtime. qemu 0.12 measures bw_est over the time its send
// loop runs, not the wall clock, so it is the speed of the loop under the global lock.
// Downtime = remaining / link goodput + device-state and resume time; the guest is paused
// meanwhile and then runs on the destination. The bitmap sync and the convergence test happen
// once per qemu tick (mig_tick), whatever the simulation's step: a step of several ticks is
// advanced tick by tick, and a step shorter than a tick carries the tick's dirtying over to the
// next step, so the downtime does not depend on the step. No iteration or data cap, no
// auto-converge: a guest that dirties faster than the rate never converges and is reported as
// such.
import type { MigrationSpec, VmSpec } from './input';
import type { Coefficients } from './params';

export const PAGE_BYTES = 4096;

/**
 * At most this many bitmap syncs per simulation step: a step longer than this many ticks (over
 * 1 s at the documented 100 ms) syncs this many times per step instead, so the work per step
 * stays bounded whatever `mig_tick` and the step are.
 */
export const MAX_SYNCS_PER_STEP = 10;

/**
 * How far ahead `projectEnd` looks for a migration still under way when the scenario ends. It
 * advances a copy in chunks of ten ticks (at least 1 s): exactly tick by tick at the documented
 * 100 ms, and like a long simulation step (ten syncs per chunk) for a `mig_tick` under 100 ms,
 * so the work stays at 36 000 syncs whatever the tick.
 */
export const PROJECTION_MAX_S = 3600;

/** Where a migration under way is going: resumes `afterS` later, or is stuck (and why). */
export type Projection = { afterS: number; stuck: null } | { afterS: null; stuck: 'dirtying' | 'slow' };

export const enum MigPhase {
  Off = 0,
  PreCopy = 1,
  StopCopy = 2,
  Done = 3,
}

export class Migration {
  phase: MigPhase = MigPhase.Off;
  round = 0;
  readonly V: number;
  readonly Mw: number;
  /** Page content qemu reads per wire byte: first pass (zero pages are read, barely sent) and later. */
  readonly scanFirst: number;
  readonly scanLater: number;
  /** Wire bytes per byte of page content. */
  readonly wire: number;
  /** qemu's iteration period (s): the dirty bitmap is synced and convergence tested once per tick. */
  readonly tick: number;
  // Numeric state in a typed array (unboxed doubles, stable object shape for the hot loop):
  // F, R, roundLeft, sent, stopAtS, endAtS, downtimeS, rate, dirtyRate, then the time of the
  // next bitmap sync, the bytes dirtied since the last one (not yet in R) and the last step's
  // convergence threshold.
  private readonly s = Float64Array.of(0, 0, 0, 0, NaN, NaN, NaN, 0, 0, 0, 0, 0);

  /** First-pass bytes still to send. */
  get F(): number {
    return this.s[0];
  }
  /** Re-dirtied bytes waiting to be sent. */
  get R(): number {
    return this.s[1];
  }
  get sent(): number {
    return this.s[3];
  }
  get stopAtS(): number {
    return this.s[4];
  }
  get endAtS(): number {
    return this.s[5];
  }
  get downtimeS(): number {
    return this.s[6];
  }
  /** Rate and dirtying of the last step, bytes/s (for the series). */
  get rate(): number {
    return this.s[7];
  }
  set rate(v: number) {
    this.s[7] = v;
  }
  get dirtyRate(): number {
    return this.s[8];
  }

  constructor(
    readonly spec: MigrationSpec,
    readonly vm: VmSpec,
    private readonly coefficients: Coefficients,
  ) {
    const c = coefficients;
    this.wire = (PAGE_BYTES + c.mig_page_header) / PAGE_BYTES;
    this.tick = c.mig_tick / 1000;
    const touched = Math.min(vm.touchedBytes, Math.max(vm.memoryBytes, vm.touchedBytes));
    const zeroPages = Math.max(0, vm.memoryBytes - touched) / PAGE_BYTES;
    this.V = touched * this.wire + zeroPages * c.mig_zero_page_bytes;
    // The first pass reads every page: a zero page costs mig_zero_page_cost of a data page's
    // work but almost nothing on the wire, so per wire byte the first pass works harder.
    const dataPages = touched / PAGE_BYTES;
    this.scanFirst = this.V > 0 ? ((dataPages + zeroPages * c.mig_zero_page_cost) * PAGE_BYTES) / this.V : 1;
    this.scanLater = 1 / this.wire;
    this.Mw = Math.max(PAGE_BYTES, touched * (c.wws_region / 100) * this.wire);
  }

  /** Page bytes processed per wire byte at the current position of the scan. */
  get scanPerWireByte(): number {
    return this.s[0] > 0 ? this.scanFirst : this.scanLater;
  }

  get remaining(): number {
    return this.s[0] + this.s[1];
  }

  /** Starts the migration at `t0S`: every page is dirty, dirty logging is on. */
  start(t0S: number): void {
    this.phase = MigPhase.PreCopy;
    this.s[0] = this.V;
    this.s[1] = 0;
    this.s[9] = t0S + this.tick;
    this.s[10] = 0;
    this.round = 0;
  }

  /**
   * One pre-copy step of `dt` starting at `t0S`, tick by tick. `rate` is what the source can
   * send (bytes/s), `dirtyBps` the guest's distinct-page dirtying (content bytes/s),
   * `thresholdBytes` the convergence threshold bw_est * max_downtime.
   */
  advance(t0S: number, dt: number, rate: number, dirtyBps: number, thresholdBytes: number, linkGoodput: number, resumeS: number): void {
    if (this.phase !== MigPhase.PreCopy) return;
    const s = this.s;
    s[7] = rate;
    s[8] = dirtyBps;
    s[11] = thresholdBytes;
    const end = t0S + dt;
    // A tick ending within a hair of the step's end is that step's (rounding of t * dt).
    const eps = 1e-9 * (1 + Math.abs(end));
    const tick = dt > this.tick * MAX_SYNCS_PER_STEP ? dt / MAX_SYNCS_PER_STEP : this.tick;
    // A migration not advanced for a while (its VM had no host) syncs a tick from now.
    if (s[9] <= t0S + eps) s[9] = t0S + tick;
    let t = t0S;
    while (t < end - eps && this.phase === MigPhase.PreCopy) {
      const sync = s[9];
      const segEnd = sync < end - eps ? sync : end;
      // (A step that is one tick passes dt itself: end - t0S may differ from it in the last bit.)
      this.segment(t === t0S && segEnd === end ? dt : segEnd - t, rate, dirtyBps);
      if (segEnd >= sync - eps) {
        this.sync(segEnd, thresholdBytes, linkGoodput, resumeS);
        s[9] = sync + tick;
      }
      t = segEnd;
    }
  }

  /** Part of a tick: `h` seconds of sending (first pass first) and of dirtying, not yet synced. */
  private segment(h: number, rate: number, dirtyBps: number): void {
    const s = this.s;
    let budget = rate * h;
    const fromF = s[0] < budget ? s[0] : budget;
    s[0] -= fromF;
    budget -= fromF;
    const fromR = s[1] < budget ? s[1] : budget;
    s[1] -= fromR;
    s[3] += fromF + fromR;
    if (this.round === 0 && s[0] <= 0) {
      s[0] = 0;
      this.round = 1;
      s[2] = s[1];
    } else if (this.round > 0) {
      s[2] -= fromR;
      if (s[2] <= 0) {
        this.round++;
        s[2] = s[1];
      }
    }
    // Pages dirtied during this tick show up at its end, in the next bitmap sync.
    const clean = 1 - s[0] / this.V - (s[1] + s[10]) / this.Mw;
    if (clean > 0) s[10] += dirtyBps * this.wire * h * clean;
  }

  /**
   * The end of a tick at `atS`: qemu synced the dirty bitmap before sending, so the convergence
   * test sees only what was known minus what the tick sent; then this tick's dirtying joins R.
   */
  private sync(atS: number, thresholdBytes: number, linkGoodput: number, resumeS: number): void {
    const s = this.s;
    const dirtied = s[10];
    s[10] = 0;
    if (s[0] <= 0 && s[1] <= thresholdBytes) {
      // Stop-and-copy: the known remainder plus what the guest dirtied during this last tick.
      const last = s[1] + dirtied;
      this.phase = MigPhase.StopCopy;
      s[4] = atS;
      s[6] = last / linkGoodput + resumeS;
      s[5] = s[4] + s[6];
      s[3] += last;
      s[1] = 0;
      return;
    }
    s[1] += dirtied;
  }

  /**
   * A migration still under way at `atS` (the scenario's end): the seconds until the VM would
   * resume on the destination if the last step's transfer rate, dirtying and convergence
   * threshold held; or why it would not: its dirtied memory settles above the threshold
   * ('dirtying'), or it is still sending PROJECTION_MAX_S later ('slow'). The same tick
   * equations run on a copy of the state, so the projection and the run agree on how a
   * pre-copy converges.
   */
  projectEnd(atS: number, linkGoodput: number, resumeS: number): Projection {
    const slow = { afterS: null, stuck: 'slow' } as const;
    if (this.phase === MigPhase.StopCopy) return { afterS: Math.max(0, this.s[5] - atS), stuck: null };
    if (this.phase !== MigPhase.PreCopy) return slow;
    const rate = this.s[7];
    const threshold = this.s[11];
    if (!(rate > 0)) return slow;
    const copy = new Migration(this.spec, this.vm, this.coefficients);
    copy.phase = this.phase;
    copy.round = this.round;
    copy.s.set(this.s);
    const chunk = Math.max(this.tick * MAX_SYNCS_PER_STEP, 1);
    for (let k = 0, n = Math.ceil(PROJECTION_MAX_S / chunk); k < n; k++) {
      copy.advance(atS + k * chunk, chunk, rate, this.s[8], threshold, linkGoodput, resumeS);
      if (copy.phase !== MigPhase.PreCopy) return { afterS: copy.s[5] - atS, stuck: null };
      if (copy.s[0] <= 0 && copy.settlesAbove(rate, threshold)) return { afterS: null, stuck: 'dirtying' };
    }
    return slow;
  }

  /**
   * After the first pass, with a constant rate r and dirtying w (wire bytes/s), the bytes left
   * after each tick's sending follow x' = x + w * tick * (1 - x / M_w) - r * tick, which settles
   * at x* = M_w * (1 - r / w); when x* is above the threshold the pre-copy never converges.
   * (Only for a monotone approach, w * tick < M_w; otherwise the caller keeps running ticks.)
   */
  private settlesAbove(rate: number, threshold: number): boolean {
    const w = this.s[8] * this.wire;
    if (!(w > rate) || w * this.tick >= this.Mw) return false;
    return this.Mw * (1 - rate / w) > threshold;
  }

  /** Fraction of [t0S, t0S + dt) the guest is paused for stop-and-copy. */
  pausedFraction(t0S: number, dt: number): number {
    if (this.phase !== MigPhase.StopCopy) return 0;
    const a = Math.max(t0S, this.s[4]);
    const b = Math.min(t0S + dt, this.s[5]);
    return b > a ? (b - a) / dt : 0;
  }
}
