// The calibration targets of the reference study as checks on model results: every measured
// point (reference-results.json) and every qualitative "shape" statement, each with the
// measured value and what it is compared against. Used by the calibration tests and by the
// generator of docs/model.md, so the documented table is exactly what the tests check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceMetrics, type ReferenceMetrics } from '../../server/src/model';
import type { RunResult } from '../../server/src/model/output';

/** A VM's mean CPU before the migration: the paper runs migrate at 120 s, so there is one. */
function beforeOf(r: RunResult, vm: string): number {
  const b = r.cpu.vms[vm].beforePct;
  if (b === null) throw new Error(`${r.label}: no CPU before the migration of ${vm} (does it start at 0 s?)`);
  return b;
}

export interface RefPoint {
  id: string;
  role: 'active' | 'standby';
  cps: number;
  metric: keyof ReferenceMetrics;
  value: number;
  tolerance?: number;
  min?: number;
  max?: number;
}

export interface Reference {
  points: RefPoint[];
  shapes: string[];
}

export const REFERENCE: Reference = JSON.parse(readFileSync(join(__dirname, 'reference-results.json'), 'utf8'));

export interface Check {
  id: string;
  statement: string;
  ok: boolean;
  measured: string;
  expected: string;
  /**
   * For a statement the model does not fully reproduce (KNOWN_GAPS): the weaker statement it
   * does reproduce, checked instead of nothing so that what is left keeps being tested.
   */
  reproduced?: { ok: boolean; expected: string };
}

/**
 * Reference statements the calibrated model does not reproduce, with the reason. Their tests
 * are expected failures: one that starts passing fails the suite, so this list cannot go stale.
 */
export const KNOWN_GAPS: Record<string, string> = {
  'shape-6':
    'the fluid model fails calls only once the wait of new calls reaches Timer B; at 25-35 cps the predicted capacity during the migration stays above the load or close to it, so new calls wait less than that and none fails (docs/model.md, section 6)',
};

export interface Sweeps {
  active: RunResult[];
  standby: RunResult[];
}

const fmt = (x: number | null | undefined, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));
const at = (runs: RunResult[], cps: number) => {
  const r = runs.find((x) => x.offeredCps === cps);
  if (!r) throw new Error(`no run at ${cps} cps`);
  return r;
};

/** Bounds of a reference point: [value*(1-tol), value*(1+tol)] or [min, max]. */
export function bounds(p: RefPoint): [number, number] {
  if (p.min !== undefined && p.max !== undefined) return [p.min, p.max];
  const tol = p.tolerance ?? 0;
  return [p.value * (1 - tol), p.value * (1 + tol)];
}

export function pointChecks(s: Sweeps): Check[] {
  return REFERENCE.points.map((p) => {
    const run = at(p.role === 'active' ? s.active : s.standby, p.cps);
    const v = referenceMetrics(run)[p.metric];
    const [lo, hi] = bounds(p);
    return {
      id: p.id,
      statement: `${p.metric}, ${p.role} VM migrated, ${p.cps} cps`,
      ok: v !== null && v >= lo && v <= hi,
      measured: fmt(v),
      expected: `${p.value} (${fmt(lo)} .. ${fmt(hi)})`,
    };
  });
}

/** Least-squares line through (x, y): slope and coefficient of determination. */
export function linearFit(x: number[], y: number[]): { slope: number; r2: number } {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return { slope: sxy / sxx, r2: syy > 0 ? (sxy * sxy) / (sxx * syy) : 1 };
}

/**
 * Seconds after the migration ends until the VM's guest CPU (1 s average) is back within
 * 2 points of its mean over the 60 s before the migration.
 */
export function elevatedAfterS(r: RunResult, vm: string): number {
  const m = r.migrations[0];
  const cpu = r.series?.[`vmCpu.${vm}`];
  const t = r.series?.tS;
  if (!m?.endS || !cpu || !t) return NaN;
  const dt = t.length > 1 ? t[1] - t[0] : 0.1;
  const w = Math.max(1, Math.round(1 / dt));
  const before = beforeOf(r, vm);
  const i0 = Math.ceil(m.endS / dt - 1e-9);
  for (let i = i0; i + w <= cpu.length; i++) {
    let s = 0;
    for (let j = i; j < i + w; j++) s += cpu[j];
    if (s / w <= before + 2) return (i - i0) * dt;
  }
  return (cpu.length - i0) * dt;
}

const loads = (runs: RunResult[]) => runs.map((r) => r.offeredCps);

export function shapeChecks(s: Sweeps): Check[] {
  const { active, standby } = s;
  const activeVm = active[0].migrations[0].vm;
  const standbyVm = standby[0].migrations[0].vm;
  const out: Check[] = [];
  const push = (i: number, ok: boolean, measured: string, expected: string, reproduced?: Check['reproduced']) =>
    out.push({ id: `shape-${i + 1}`, statement: REFERENCE.shapes[i], ok, measured, expected, reproduced });
  const cps = loads(active);

  // 1. Active VM without migration (mean over the 60 s before it starts): linear in load.
  {
    const y = active.map((r) => beforeOf(r, activeVm));
    const f = linearFit(cps, y);
    push(0, f.r2 >= 0.99 && f.slope > 0, `${y.map((v) => fmt(v)).join(', ')} %; slope ${fmt(f.slope, 3)} %/cps, R² ${fmt(f.r2, 4)}`, 'R² >= 0.99, slope > 0');
  }
  // 2. Standby: linear, the same slope before and during its own migration.
  {
    const x = loads(standby);
    const b = standby.map((r) => beforeOf(r, standbyVm));
    const d = standby.map((r) => r.cpu.vms[standbyVm].duringPct);
    const fb = linearFit(x, b);
    const fd = linearFit(x, d);
    const ok = fb.r2 >= 0.99 && fd.r2 >= 0.97 && fb.slope > 0 && Math.abs(fd.slope - fb.slope) <= 0.25 * fb.slope;
    push(1, ok, `before ${b.map((v) => fmt(v)).join(', ')}; during ${d.map((v) => fmt(v)).join(', ')} %; slopes ${fmt(fb.slope, 3)} / ${fmt(fd.slope, 3)} %/cps, R² ${fmt(fb.r2, 4)} / ${fmt(fd.r2, 4)}`, 'both linear (R² >= 0.99 before, >= 0.97 during: at 40 cps the starved active sends fewer checkpoints), slopes within 25 %');
  }
  // 3. Active during its migration: above the no-migration value, linear to 15, level from 20, < 70 %.
  {
    const b = active.map((r) => beforeOf(r, activeVm));
    const d = active.map((r) => r.cpu.vms[activeVm].duringPct);
    const lo = cps.map((c, i) => i).filter((i) => cps[i] <= 15);
    const hi = cps.map((c, i) => i).filter((i) => cps[i] >= 20);
    const fl = linearFit(lo.map((i) => cps[i]), lo.map((i) => d[i]));
    const fh = linearFit(hi.map((i) => cps[i]), hi.map((i) => d[i]));
    const hv = hi.map((i) => d[i]);
    const spread = Math.max(...hv) - Math.min(...hv);
    const ok = d.every((v, i) => v > b[i]) && fl.r2 >= 0.97 && spread <= 8 && fh.slope <= 0.35 * fl.slope && d.every((v) => v < 70);
    push(2, ok, `${d.map((v) => fmt(v)).join(', ')} %; 0-15 cps R² ${fmt(fl.r2, 3)}, slope ${fmt(fl.slope, 2)}; 20-40 cps spread ${fmt(spread)} points, slope ${fmt(fh.slope, 2)}`, 'above before-values; 0-15 linear (R² >= 0.97); 20-40 within 8 points and slope <= 35 % of the 0-15 slope; all < 70 %');
  }
  // 4. Active migration time: roughly proportional up to 25 cps, almost flat above 35.
  {
    const t = active.map((r) => r.migrations[0].migrationTimeS ?? NaN);
    const lo = cps.map((c, i) => i).filter((i) => cps[i] <= 25);
    const f = linearFit(lo.map((i) => cps[i]), lo.map((i) => t[i]));
    const i35 = cps.indexOf(35);
    const i40 = cps.indexOf(40);
    const rise = t[i35] - t[0];
    const flat = Math.abs(t[i40] - t[i35]);
    push(3, f.r2 >= 0.97 && f.slope > 0 && flat <= 0.05 * rise, `${t.map((v) => fmt(v)).join(', ')} s; 0-25 cps R² ${fmt(f.r2, 4)}; 35->40 cps ${fmt(flat)} s of a ${fmt(rise)} s rise`, '0-25 linear and rising (R² >= 0.97); |T(40) - T(35)| <= 5 % of T(35) - T(0)');
  }
  // 5. Standby migration time grows with load.
  {
    const t = standby.map((r) => r.migrations[0].migrationTimeS ?? NaN);
    const mono = t.every((v, i) => i === 0 || v >= t[i - 1]);
    push(4, mono && t[t.length - 1] > t[0] * 1.3, `${t.map((v) => fmt(v)).join(', ')} s`, 'never falls from one load to the next; 40 cps at least 30 % above 0 cps');
  }
  // 6. Incomplete calls, active migrated: none at or below 20 cps; about 50, all 408, at every
  //    load above. "About 50" is read with the band of the measured point at 40 cps. The
  //    model reproduces only part of it (KNOWN_GAPS, docs/model.md section 6).
  {
    const [lo, hi] = bounds(REFERENCE.points.find((p) => p.id === 'incomplete-active-40cps')!);
    const n = active.map((r) => r.incompleteCalls.total);
    const only408 = active.every((r) => (r.incompleteCalls.byCause['408'] ?? 0) === r.incompleteCalls.total);
    const lowZero = cps.every((c, i) => c > 20 || n[i] === 0);
    const above = cps.map((c, i) => i).filter((i) => cps[i] > 20);
    const missing = above.filter((i) => n[i] < lo || n[i] > hi).map((i) => `${cps[i]} cps: ${n[i]}`);
    const bounded = above.every((i) => n[i] <= hi);
    const nondecreasing = above.every((i, k) => k === 0 || n[i] >= n[above[k - 1]]);
    const top = n[cps.indexOf(40)];
    push(
      5,
      only408 && lowZero && missing.length === 0,
      `${n.join(', ')} (${only408 ? 'all 408' : 'not all 408'})${missing.length ? `; outside ${lo}..${hi}: ${missing.join(', ')}` : ''}`,
      `zero at <= 20 cps; ${lo}..${hi} (all 408) at every load above 20 cps`,
      {
        ok: only408 && lowZero && bounded && nondecreasing && top >= lo && top <= hi,
        expected: `zero at <= 20 cps; above: only 408, never more than ${hi}, not falling with load, ${lo}..${hi} at 40 cps`,
      },
    );
  }
  // 7. Incomplete calls, standby migrated: none at low and moderate load, some at the highest.
  {
    const x = loads(standby);
    const n = standby.map((r) => r.incompleteCalls.total);
    const ok = x.every((c, i) => c > 30 || n[i] === 0) && n[x.indexOf(40)] > 0;
    push(6, ok, n.join(', '), 'zero at <= 30 cps, more than zero at 40 cps');
  }
  // 8. After a migration at 40 cps the active VM's CPU stays elevated about 30 s.
  {
    const ea = elevatedAfterS(at(active, 40), activeVm);
    const es = elevatedAfterS(at(standby, 40), activeVm);
    push(7, ea >= 15 && ea <= 45 && es >= 15 && es <= 45, `active migrated ${fmt(ea)} s, standby migrated ${fmt(es)} s`, '15..45 s in both cases');
  }
  // 9. Overload control never enters phase 1.
  {
    const phases = [...active, ...standby].map((r) => r.overload.maxPhase);
    push(8, phases.every((p) => p === 0), `highest phase ${Math.max(...phases)}`, 'phase 0 in every run');
  }
  // 10. No fail-over.
  {
    const n = [...active, ...standby].filter((r) => r.failover).length;
    push(9, n === 0, `${n} runs with fail-over`, 'none');
  }
  return out;
}
