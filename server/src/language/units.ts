// Units the language understands, grouped by dimension, with the factor to the model's
// SI base unit (seconds, bytes, bytes/s, bits/s, GHz, calls/s, percent).
//
// Decimal prefixes (KB, MB, GB, Mbps) are powers of 1000, binary prefixes (KiB, MiB, GiB)
// powers of 1024, as IEC 80000-13 says; qemu's "32 MiB/s" cap is 33.55 MB/s.

export type Dimension = 'time' | 'percent' | 'callRate' | 'bytes' | 'bitRate' | 'byteRate' | 'frequency' | 'redundancy';

export interface UnitDef {
  unit: string;
  dimension: Dimension;
  factor: number;
}

const table: UnitDef[] = [
  { unit: 'us', dimension: 'time', factor: 1e-6 },
  { unit: 'ms', dimension: 'time', factor: 1e-3 },
  { unit: 's', dimension: 'time', factor: 1 },
  { unit: 'min', dimension: 'time', factor: 60 },
  { unit: 'h', dimension: 'time', factor: 3600 },
  { unit: 'd', dimension: 'time', factor: 86400 },
  { unit: '%', dimension: 'percent', factor: 1 },
  { unit: 'cps', dimension: 'callRate', factor: 1 },
  { unit: 'B', dimension: 'bytes', factor: 1 },
  { unit: 'KB', dimension: 'bytes', factor: 1e3 },
  { unit: 'MB', dimension: 'bytes', factor: 1e6 },
  { unit: 'GB', dimension: 'bytes', factor: 1e9 },
  { unit: 'TB', dimension: 'bytes', factor: 1e12 },
  { unit: 'KiB', dimension: 'bytes', factor: 1024 },
  { unit: 'MiB', dimension: 'bytes', factor: 1024 ** 2 },
  { unit: 'GiB', dimension: 'bytes', factor: 1024 ** 3 },
  { unit: 'TiB', dimension: 'bytes', factor: 1024 ** 4 },
  { unit: 'Mbps', dimension: 'bitRate', factor: 1e6 },
  { unit: 'Gbps', dimension: 'bitRate', factor: 1e9 },
  { unit: 'KB/s', dimension: 'byteRate', factor: 1e3 },
  { unit: 'MB/s', dimension: 'byteRate', factor: 1e6 },
  { unit: 'GB/s', dimension: 'byteRate', factor: 1e9 },
  { unit: 'KiB/s', dimension: 'byteRate', factor: 1024 },
  { unit: 'MiB/s', dimension: 'byteRate', factor: 1024 ** 2 },
  { unit: 'GiB/s', dimension: 'byteRate', factor: 1024 ** 3 },
  { unit: 'MHz', dimension: 'frequency', factor: 1e-3 },
  { unit: 'GHz', dimension: 'frequency', factor: 1 },
  // "2N" (SAF AMF redundancy model) lexes as the number 2 with the unit N.
  { unit: 'N', dimension: 'redundancy', factor: 1 },
];

const byUnit = new Map(table.map((u) => [u.unit, u]));
const byLowerUnit = new Map(table.map((u) => [u.unit.toLowerCase(), u]));

export function lookupUnit(unit: string): UnitDef | undefined {
  return byUnit.get(unit);
}

/** A unit written with the wrong case (`gib`, `Ms`) - used to suggest the right spelling. */
export function unitCaseFix(unit: string): UnitDef | undefined {
  const u = byLowerUnit.get(unit.toLowerCase());
  return u && u.unit !== unit ? u : undefined;
}

export function unitsOf(dimension: Dimension): string[] {
  return table.filter((u) => u.dimension === dimension).map((u) => u.unit);
}

export const DIMENSION_NAMES: Record<Dimension, string> = {
  time: 'a duration',
  percent: 'a percentage',
  callRate: 'a call rate',
  bytes: 'a size',
  bitRate: 'a link speed',
  byteRate: 'a transfer rate',
  frequency: 'a clock frequency',
  redundancy: 'a redundancy model',
};

/** An example of a well-formed value per dimension, used in diagnostics and completions. */
export const DIMENSION_EXAMPLES: Record<Dimension, string> = {
  time: '120 s',
  percent: '70 %',
  callRate: '40 cps',
  bytes: '4 GiB',
  bitRate: '1 Gbps',
  byteRate: '32 MiB/s',
  frequency: '1.87 GHz',
  redundancy: '2N',
};

/** Formats a value in base units back into a readable quantity (for hovers and messages). */
export function formatQuantity(base: number, dimension: Dimension): string {
  // Trailing zeros go only after a decimal point: 100 stays 100, 2.50 becomes 2.5.
  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : (Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)).replace(/\.?0+$/, ''));
  switch (dimension) {
    case 'time':
      return base < 1 ? `${fmt(base * 1000)} ms` : `${fmt(base)} s`;
    case 'bytes':
      return base >= 1e9 ? `${fmt(base / 1e9)} GB` : base >= 1e6 ? `${fmt(base / 1e6)} MB` : `${fmt(base)} B`;
    case 'byteRate':
      return `${fmt(base / 1e6)} MB/s`;
    case 'bitRate':
      return base >= 1e9 ? `${fmt(base / 1e9)} Gbps` : `${fmt(base / 1e6)} Mbps`;
    case 'percent':
      return `${fmt(base)} %`;
    case 'callRate':
      return `${fmt(base)} cps`;
    case 'frequency':
      return `${fmt(base)} GHz`;
    case 'redundancy':
      return `${base}N`;
  }
}
