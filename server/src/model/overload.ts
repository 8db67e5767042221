// Overload control of the SIP-AS: decides, when an initial INVITE reaches service, whether it
// is processed or answered with 503. Only initial INVITEs are regulated (paper §4).
//
// - 'cpu-phases': the documented phases. Phase k starts when the guest-visible CPU of the
//   active VM stays above its start threshold for its persistence time, and ends (back to
//   k - 1) when the CPU stays below its stop threshold for its stop persistence time. The CPU
//   read is the guest's own figure, averaged over `overload_cpu_window`: without steal time the
//   guest cannot see capacity the host takes away, which is why this control misses migration.
// - 'queue-delay': rejects an initial INVITE whose queueing delay (how long it waited before
//   reaching service, measured as CoDel does) exceeds maxDelayS - a delay signal maps directly
//   onto SIP timers. At the transaction timeout it sheds only INVITEs the CSCF has given up on,
//   so the server stops wasting work on them; well below it, it also refuses calls that would
//   have completed late (shorter post-dial delay, more incomplete calls).
// - 'rate': admits at most admitCps initial INVITEs per second (RFC 7415 style).
import type { OverloadPolicy } from './input';
import type { PhaseTransition } from './output';
import type { Admission } from './sip';

export class OverloadControl implements Admission {
  phase = 0;
  maxPhase = 0;
  readonly transitions: PhaseTransition[] = [];
  readonly policyName: string;
  // [tokens, admitted rate, window sum]: typed storage keeps the object's shape stable.
  private readonly st = Float64Array.of(0, Infinity, 0);
  private readonly above: Float64Array;
  private readonly below: Float64Array;
  private readonly window: Float64Array;
  /** A temporary admission limit in force now (Infinity: none), set by the simulation each step. */
  temporaryLimit = Infinity;
  private wIdx = 0;
  private wCount = 0;

  constructor(
    private readonly policy: OverloadPolicy,
    private readonly dt: number,
    windowS: number,
  ) {
    this.policyName = policy.kind;
    const n = policy.kind === 'cpu-phases' ? policy.phases.length : 0;
    this.above = new Float64Array(n);
    this.below = new Float64Array(n);
    this.window = new Float64Array(Math.max(1, Math.round(windowS / dt)));
    if (policy.kind === 'rate') this.st[1] = policy.admitCps;
  }

  /**
   * Called once per step before service with the guest-visible CPU (percent) of every VM and
   * the index of the active VM (an array and an index, so that no number is boxed per call).
   */
  update(t: number, vmCpuPct: Float64Array, active: number): void {
    const cpuPct = vmCpuPct[active];
    const p = this.policy;
    if (p.kind === 'cpu-phases') {
      // Moving average over the sampling window.
      const w = this.window;
      this.st[2] += cpuPct - w[this.wIdx];
      w[this.wIdx] = cpuPct;
      if (++this.wIdx === w.length) this.wIdx = 0;
      if (this.wCount < w.length) this.wCount++;
      const cpu = this.st[2] / this.wCount;
      const phases = p.phases;
      for (let k = 0; k < phases.length; k++) {
        this.above[k] = cpu > phases[k].startAbovePct ? this.above[k] + this.dt : 0;
        this.below[k] = cpu < phases[k].stopBelowPct ? this.below[k] + this.dt : 0;
      }
      let next = this.phase;
      // Enter the highest phase whose start condition has persisted long enough.
      for (let k = phases.length - 1; k >= 0; k--) {
        if (phases[k].phase > next && this.above[k] >= phases[k].startForS - 1e-9) {
          next = phases[k].phase;
          break;
        }
      }
      // Leave the current phase when its stop condition has persisted.
      if (next === this.phase && this.phase > 0) {
        const k = phases.findIndex((ph) => ph.phase === this.phase);
        if (k >= 0 && this.below[k] >= phases[k].stopForS - 1e-9) {
          next = k > 0 ? phases[k - 1].phase : 0;
          this.below[k] = 0;
        }
      }
      if (next !== this.phase) {
        this.phase = next;
        this.transitions.push({ atS: +(t * this.dt).toFixed(6), phase: next });
        if (next > this.maxPhase) this.maxPhase = next;
        const ph = phases.find((x) => x.phase === next);
        this.st[1] = next === 0 || !ph ? Infinity : ph.admitCps;
        this.st[0] = Math.min(this.st[0], this.st[1]);
      }
    }
    const rate = this.rateNow();
    if (rate !== Infinity) {
      // Token bucket: refills at the admitted rate, holds at most one second of tokens.
      this.st[0] = Math.min(this.st[0] + rate * this.dt, Math.max(rate, rate * this.dt));
    }
  }

  /** No admitted rate in force: admitting spends no tokens, so a step's admissions repeat while its state does. */
  get unlimited(): boolean {
    return this.rateNow() === Infinity;
  }

  /** The policy's admitted rate, capped by a temporary limit while one is in force. */
  private rateNow(): number {
    return this.st[1] < this.temporaryLimit ? this.st[1] : this.temporaryLimit;
  }

  refusesAll(waitedS: number): boolean {
    // A step's INVITEs arrived over the step: those aged maxDelay have waited up to half a
    // step longer, so reaching the bound counts as exceeding it.
    return (this.policy.kind === 'queue-delay' && waitedS >= this.policy.maxDelayS - 1e-9) || this.rateNow() === 0;
  }

  admit(amount: number, waitedS: number): number {
    if (this.policy.kind === 'queue-delay' && waitedS >= this.policy.maxDelayS - 1e-9) return 0;
    if (this.rateNow() === Infinity) return amount;
    const a = amount < this.st[0] ? amount : this.st[0];
    this.st[0] -= a;
    return a;
  }
}
