// The client side of `sipmig/advice` (docs/editors.md): the chart panel asks for the
// advisor's answer after each results refresh and compares the plan as written with the
// advisor's recommendation. No vscode import: the webview uses the same helpers.
import type { Advice, Prediction } from '../../server/src/advisor/types';
import { convergence, neverConverges } from '../../server/src/model/summary';
import type { RunResult } from '../../server/src/model/output';
import type { ComparisonInput } from '../../server/src/charts/comparison';
import type { AdviceAnswer } from '../../server/src/lsp/protocol';
import { topOptions } from '../../server/src/advisor/offered';
import { allRunsText, backlogSentence, behindSentence, overlappedBySentence, overlapSentence, wholePlanSuffix } from '../../server/src/advisor/explain';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isRun(v: unknown): v is RunResult {
  return isObject(v) && typeof v.label === 'string' && Array.isArray(v.migrations) && isObject(v.incompleteCalls);
}

/** The answer's shape, checked before the panel hands it to the webview. */
export function isAdviceAnswer(v: unknown): v is AdviceAnswer {
  if (!isObject(v) || !(v.version === null || typeof v.version === 'number')) return false;
  if (!isObject(v.advice) || !Array.isArray(v.advice.migrations)) return false;
  if (v.message !== undefined && typeof v.message !== 'string') return false;
  if (v.comparison === undefined) return true;
  const c = v.comparison;
  return isObject(c) && typeof c.runLabel === 'string' && typeof c.option === 'string' && isRun(c.current) && isRun(c.recommended) && isObject(c.activeVm) && typeof c.activeVm.current === 'string' && typeof c.activeVm.recommended === 'string';
}

/** What the comparison charts draw; undefined when the advisor has no option that helps. */
export function comparisonInput(r: AdviceAnswer | undefined): ComparisonInput | undefined {
  const c = r?.comparison;
  if (!c) return undefined;
  return { current: { run: c.current, activeVm: c.activeVm.current }, recommended: { run: c.recommended, activeVm: c.activeVm.recommended }, option: c.option, thresholdPct: c.thresholdPct };
}

export interface OptionRow {
  /** "1", "2"...; the first is the one the editor's code action marks preferred. */
  rank: string;
  option: string;
  incomplete: string;
  migrationTime: string;
  allRuns: string;
  /** The whole plan's incomplete calls at the advised run; undefined when the run has one migration. */
  wholePlan?: string;
  cost: string;
}

export interface MigrationTable {
  /** "migrate sipas1 (active) from pm1 to pm3 at 120 s, at 40 cps: 50 incomplete calls now" */
  caption: string;
  envelope: string;
  rows: OptionRow[];
  /** Whether the rows carry the whole plan's figures (the run has several migrations). */
  wholePlan: boolean;
}

/** "138.7 s", "unfinished, 68.7 s more" (the scenario ends first), "does not converge". */
function seconds(p: Prediction): string {
  const c = convergence(p);
  const s1 = (s: number) => Math.round(s * 10) / 10;
  if (c === 'converged' && p.migrationTimeS !== null) return `${s1(p.migrationTimeS)} s`;
  return c === 'unfinished' ? `unfinished, ${s1(p.unfinished!.resumesAfterS!)} s more` : 'does not converge';
}
const cps = (v: number) => `${Math.round(v * 10) / 10} cps`;

/** ". Behind before any migration: ..." when the advised run was (what no option changes). */
function behind(m: Advice['migrations'][number]): string {
  return m.behind ? `. Behind before any migration: ${behindSentence(m.behind)}` : '';
}

/** ". Starts in a backlog: the migration of ...": when an earlier migration's backlog had not drained yet. */
function inBacklog(m: Advice['migrations'][number]): string {
  return m.startsInBacklog ? `. Starts in a backlog: ${backlogSentence(m.startsInBacklog, m.startS)}` : '';
}

/** ". Overlaps another migration: ..." / ". Overlapped: ...": migrations under way at the same time. */
function overlap(m: Advice['migrations'][number]): string {
  const own = m.overlaps ? `. Overlaps another migration: ${overlapSentence(m.overlaps, m.startS)}` : '';
  const other = m.overlappedBy ? `. Overlapped: ${overlappedBySentence(m.overlappedBy)}` : '';
  return own + other;
}

/** The options table of the panel: per failing migration, its top options (the ones the editor offers). Plain strings: the webview sets them as text. */
export function optionTables(advice: Advice): MigrationTable[] {
  return advice.migrations
    .filter((m) => m.current.incompleteCalls > 0 || neverConverges(m.current))
    .map((m) => {
      const e = m.safeEnvelope;
      return {
        caption: `migrate ${m.vm} (${m.role}) from ${m.from} to ${m.to} at ${m.startS} s, at ${m.runLabel}: ${m.current.incompleteCalls} incomplete calls, migration ${seconds(m.current)}${wholePlanSuffix(m)}`,
        envelope: `Safe envelope: ${e.atLeast ? 'at least' : 'up to'} ${cps(e.maxSafeCps)} of constant load (margin ${e.marginCps >= 0 ? '+' : '−'}${cps(Math.abs(e.marginCps))})${behind(m)}${inBacklog(m)}${overlap(m)}`,
        rows: topOptions(m).map((o, i) => ({
          rank: String(i + 1),
          option: o.title,
          incomplete: String(o.prediction.incompleteCalls),
          migrationTime: seconds(o.prediction),
          allRuns: allRunsText(o),
          ...(o.prediction.planIncompleteCalls == null ? {} : { wholePlan: String(o.prediction.planIncompleteCalls) }),
          cost: o.cost,
        })),
        // `!= null`: a server older than the whole-plan figures sends none.
        wholePlan: m.current.planIncompleteCalls != null,
      };
    });
}
