// Text summary of a FileResult for the sipmig output channel (Run Scenario).
import type { FileResult, MigrationResult } from '../../server/src/model/output';
import { neverConverges } from '../../server/src/model/summary';

const n = (v: number | null, digits = 1): string => (v === null ? '–' : v.toFixed(digits));

/** The calls a migration answers for: what the server sent (`answerableCalls`), else its window's raw count. */
function itsCalls(m: MigrationResult): string {
  const n = m.answerableCalls?.total ?? m.incompleteCalls?.total;
  return n === undefined ? '–' : String(n);
}

/**
 * One row per migration of each run: its figures, the incomplete calls it answers for ("its
 * incomplete") and, on the run's first row, the run's total and highest overload phase.
 */
export function formatSummary(file: FileResult, at: Date, name = file.file): string {
  const lines = [`sipmig run ${name} (${at.toLocaleTimeString()})`];
  const header = ['run', 'calls/s', 'migration', 'time s', 'downtime ms', 'rounds', 'its incomplete', 'incomplete', 'max phase', 'notes'];
  const rows: string[][] = [header];
  for (const r of file.runs) {
    const ms = r.migrations.length ? r.migrations : [null];
    ms.forEach((m, i) => {
      const notes = [r.failover ? 'fail-over' : '', r.budgetExceeded ? 'stopped at time budget' : '', m && !m.converged ? (neverConverges(m) ? 'not converged' : 'unfinished') : ''].filter(Boolean).join(', ');
      rows.push([
        i === 0 ? r.label : '',
        i === 0 ? String(r.offeredCps) : '',
        m ? `${m.vm} ${m.from}->${m.to}` : 'none',
        m ? n(m.migrationTimeS) : '–',
        m ? n(m.downtimeMs) : '–',
        m ? String(m.rounds) : '–',
        m ? itsCalls(m) : '–',
        i === 0 ? String(r.incompleteCalls.total) : '',
        i === 0 ? String(r.overload.maxPhase) : '',
        notes,
      ]);
    });
  }
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) lines.push(r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  return lines.join('\n');
}
