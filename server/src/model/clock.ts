// The wall clock a run's time budget is measured with (performance.now where the host has it).
export const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
