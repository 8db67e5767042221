// Defaults of the language, in base units, with their sources (see schema/blocks.ts for
// the user-facing text). Used where a scenario leaves a value out.
export const defaults = {
  /** sipmig default simulated time. */
  durationS: 600,
  /** qemu-kvm 0.12 rate-limits migration in 100 ms slices. */
  stepS: 0.1,
  /** qemu-kvm 0.12 max_throttle = 32 << 20 bytes/s. */
  speedCapBytesPerS: 32 * 1024 * 1024,
  /** qemu-kvm 0.12 max_downtime = 30 ms. */
  maxDowntimeS: 0.03,
  /** Link used for migration when no network is named: the hosts' NICs, 1 Gbps as in the study. */
  linkBitsPerS: 1e9,
  /** RFC 3261 §17. */
  t1S: 0.5,
  t2S: 4,
  t4S: 5,
  /** paper §4. */
  answerDelayS: 10,
  holdS: 180,
  /** Assumed AMF health-check timeout. */
  failoverAfterS: 3,
  callFlow: ['INVITE', '100', '180', 'PRACK', '200', '200', 'ACK', 'UPDATE', '200', 'BYE', '200'],
  /** Queue-delay policy default: well under T1. */
  maxQueueDelayS: 0.2,
};
