// Built-in CPU catalog with datasheet values, used to check declared hosts and to offer
// completions. Sources: Intel ARK and AMD product pages (base clock, cores, threads).

export interface CatalogCpu {
  model: string;
  coresPerSocket: number;
  threadsPerCore: number;
  baseGhz: number;
  maxSockets: number;
  launched: number;
  source: string;
}

export const CPU_CATALOG: CatalogCpu[] = [
  { model: 'Intel Xeon E5502', coresPerSocket: 2, threadsPerCore: 1, baseGhz: 1.87, maxSockets: 2, launched: 2009, source: 'Intel ARK: Xeon E5502, 2 cores, 2 threads, 1.86 GHz (the study reports 1.87 GHz)' },
  { model: 'Intel Xeon E5520', coresPerSocket: 4, threadsPerCore: 2, baseGhz: 2.27, maxSockets: 2, launched: 2009, source: 'Intel ARK: Xeon E5520, 4 cores, 8 threads' },
  { model: 'Intel Xeon E5-2680 v4', coresPerSocket: 14, threadsPerCore: 2, baseGhz: 2.4, maxSockets: 2, launched: 2016, source: 'Intel ARK: Xeon E5-2680 v4, 14 cores, 28 threads' },
  { model: 'Intel Xeon Gold 6338N', coresPerSocket: 32, threadsPerCore: 2, baseGhz: 2.2, maxSockets: 2, launched: 2021, source: 'Intel ARK: Xeon Gold 6338N (NFV-optimized), 32 cores, 64 threads' },
  { model: 'Intel Xeon Gold 6438N', coresPerSocket: 32, threadsPerCore: 2, baseGhz: 2.0, maxSockets: 2, launched: 2023, source: 'Intel ARK: Xeon Gold 6438N, 32 cores, 64 threads' },
  { model: 'Intel Xeon Platinum 8480+', coresPerSocket: 56, threadsPerCore: 2, baseGhz: 2.0, maxSockets: 8, launched: 2023, source: 'Intel ARK: Xeon Platinum 8480+, 56 cores, 112 threads' },
  { model: 'AMD EPYC 7543', coresPerSocket: 32, threadsPerCore: 2, baseGhz: 2.8, maxSockets: 2, launched: 2021, source: 'AMD: EPYC 7543, 32 cores, 64 threads' },
  { model: 'AMD EPYC 9354', coresPerSocket: 32, threadsPerCore: 2, baseGhz: 3.25, maxSockets: 2, launched: 2022, source: 'AMD: EPYC 9354, 32 cores, 64 threads' },
];

const byLower = new Map(CPU_CATALOG.map((c) => [c.model.toLowerCase(), c]));

export function findCpu(model: string): CatalogCpu | undefined {
  return byLower.get(model.trim().toLowerCase());
}
