// The per-step series a simulation records (with `series`): their names, and the time axis.
// Shared by the step loop that writes them, the fast-forward that copies them and the result
// that hands them out.

/** Names of the series a simulation records (with `series`), in the order a result lists them. */
export const SERIES_KEYS = [
  'tS',
  'offeredCps',
  'servedCps',
  'queueDelayS',
  'retransmissionsPerS',
  'overloadPhase',
  'incomplete408',
  'incomplete503',
  'incompleteOther',
  'migRemainingBytes',
  'migSentBytes',
  'migPhase',
  'migRound',
  'migRateBps',
  'migDirtyBps',
  'backlogMessages',
] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];
/** A simulation's recorded series, one array of steps per name. */
export type SeriesArrays = Readonly<Record<SeriesKey, Float64Array>>;

/** The time of step t as the series give it (rounded to the microsecond). */
export function timeOfStep(t: number, dt: number): number {
  return Math.round(t * dt * 1e6) / 1e6;
}
