// Text renderings of model results for the CLI: the `sipmig run` table and the CSV time series.
import type { FileResult, IncompleteCalls, RunResult } from '../model/output';
import { behindAtMigrationStart, convergence, overlappedAtStart, startsInBacklogOf } from '../model/summary';
import type { MigrationResult } from '../model/output';

const f1 = (x: number | null | undefined, unit = '') => (x === null || x === undefined || !Number.isFinite(x) ? '-' : `${x.toFixed(1)}${unit}`);

/**
 * One row per run: offered load, migrated VM and role, migration time, downtime, peak guest CPU,
 * overload phase, the longest wait of a new call against Timer B, incomplete calls; and, where
 * `costs` has them, the calls each migration answers for, when they say more than the run's
 * total: with several migrations, or when the run loses calls without its migration too.
 */
export function formatRunTable(r: FileResult, costs: (IncompleteCalls | null)[][] = []): string {
  const vms = [...new Set(r.runs.flatMap((run) => Object.keys(run.cpu.vms)))];
  const header = ['offered', 'migration', 'time', 'downtime', ...vms.map((v) => `peak ${v}`), 'phase', 'new-call wait', 'incomplete'];
  const rows = r.runs.map((run, i) => {
    const migs = run.migrations.map((m) => `${m.vm} (${m.role}) ${m.from}->${m.to}`).join(', ') || 'none';
    const times = run.migrations.map(migrationTime).join(', ') || '-';
    const downs = run.migrations.map((m) => f1(m.downtimeMs, ' ms')).join(', ') || '-';
    const peaks = vms.map((v) => f1(run.cpu.vms[v]?.peakDuringPct, ' %'));
    const causes = Object.entries(run.incompleteCalls.byCause).map(([c, n]) => `${n} x ${c}`).join(', ');
    const own = costs[i] ?? [];
    const tellsMore = own.length > 1 || (own.length === 1 && own[0] !== null && own[0].total !== run.incompleteCalls.total);
    const each = tellsMore ? `; by migration: ${run.migrations.map((m, k) => `${m.vm} ${own[k] ? own[k].total : '-'}`).join(', ')}` : '';
    const inc = `${run.incompleteCalls.total}${causes ? ` (${causes})` : ''}${each}${run.failover ? ' FAIL-OVER' : ''}${run.budgetExceeded ? ' (stopped: time budget)' : ''}`;
    return [`${run.label}`, migs, times, downs, ...peaks, String(run.overload.maxPhase), `${f1(run.peakInviteWaitS, ' s')} of ${f1(run.timerBS, ' s')}`, inc];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [`${r.file}`, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ...behindNotes(r.runs), ...backlogNotes(r.runs), ...overlapNotes(r.runs)].join('\n');
}

/** "138.7 s"; "unfinished, 68.7 s more" when the scenario ends first; "no convergence". */
export function migrationTime(m: Pick<MigrationResult, 'migrationTimeS' | 'converged' | 'unfinished'>): string {
  const c = convergence(m);
  if (c === 'converged') return f1(m.migrationTimeS, ' s');
  return c === 'unfinished' ? `unfinished, ${f1(m.unfinished!.resumesAfterS, ' s')} more` : 'no convergence';
}

/**
 * A note under the table for each run whose SIP-AS was already behind when the first migration
 * started: the migration starts from a backlog that no migration setting removes.
 */
function behindNotes(runs: RunResult[]): string[] {
  return runs.filter(behindAtMigrationStart).map((run) => {
    const s = run.atMigrationStart!;
    const failed = s.timedOutCalls >= 1 ? ` and ${s.timedOutCalls} calls have timed out` : '';
    return `note: ${run.label}: the SIP-AS does not keep up with this load before any migration - when the first migration starts at ${f1(s.atS, ' s')}, new calls already wait ${f1(s.inviteWaitS, ' s')}${failed}. The migration starts from that backlog.`;
  });
}

/**
 * A note under the table for each migration that starts, in some runs, while the SIP-AS still
 * works off the backlog an earlier migration left (model/summary.ts; it reads the series, which
 * `sipmig run` adds to the runs that need them).
 */
function backlogNotes(runs: RunResult[]): string[] {
  return perMigrationNotes(runs, (run, i) => startsInBacklogOf(run, i), (hits, m) => {
    const after = hits[0].hit.after;
    const wait = range(hits.map((x) => x.hit.waitS), (v) => f1(v), ' s');
    return `the migration of ${m.vm} at ${m.startS} s starts in the backlog the migration of ${after.vm} left (ended at ${f1(after.endS, ' s')}): new calls already wait ${wait}. sipmig advise says when to start it instead.`;
  });
}

/**
 * A note under the table for each migration that starts, in runs that fail calls, while an
 * earlier-started one is still under way: both answer for the calls failed from then on
 * (model/attribution.ts), so the counts by migration add up to more than the run's.
 */
function overlapNotes(runs: RunResult[]): string[] {
  return perMigrationNotes(runs, (run, i) => (run.incompleteCalls.total >= 1 ? overlappedAtStart(run, i) : null), (hits, m) => {
    const o = hits[0].hit;
    const total = range(hits.map((x) => x.run.incompleteCalls.total), String, '');
    return `the migration of ${m.vm} at ${m.startS} s starts while the migration of ${o.vm} (from ${o.startS} s) is under way: both answer for the calls failed from then on, so the counts by migration overlap (the run fails ${total} in all). sipmig advise says when to start it instead.`;
  });
}

/**
 * "note: 35 cps, 40 cps: ..." for each migration (by its index in the runs) that `find` finds
 * something about in some run: `say` words it from the runs where it did (the first run's
 * migration named).
 */
function perMigrationNotes<T>(runs: RunResult[], find: (run: RunResult, i: number) => T | null, say: (hits: { run: RunResult; hit: T }[], m: MigrationResult) => string): string[] {
  const count = runs[0]?.migrations.length ?? 0;
  const notes: string[] = [];
  for (let i = 0; i < count; i++) {
    const hits = runs.flatMap((run) => {
      const hit = find(run, i);
      return hit === null ? [] : [{ run, hit }];
    });
    if (hits.length) notes.push(`note: ${hits.map((x) => x.run.label).join(', ')}: ${say(hits, hits[0].run.migrations[i])}`);
  }
  return notes;
}

/** "5.2 s", or "3.1-5.2 s" when the values differ. */
function range(values: number[], fmt: (v: number) => string, unit: string): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? `${fmt(lo)}${unit}` : `${fmt(lo)}-${fmt(hi)}${unit}`;
}

/** The run's time series as CSV, one row per step, columns in the order of `series`. */
export function seriesToCsv(r: RunResult): string {
  const s = r.series;
  if (!s) return '';
  const keys = ['tS', ...Object.keys(s).filter((k) => k !== 'tS')];
  const n = s.tS.length;
  const out = [keys.join(',')];
  for (let i = 0; i < n; i++) out.push(keys.map((k) => s[k][i]).join(','));
  return out.join('\n');
}
