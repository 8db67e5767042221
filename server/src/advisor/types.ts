// The advisor's vocabulary: an option an operator controls, and what the model predicts
// for it. Plain data, so the CLI prints it, the language server turns it into hovers and
// code actions, and the chart panel compares it with the plan as written.
import type { ScenarioInput } from '../model/input';
import type { MigrationStartState, UnfinishedMigration } from '../model/output';
import type { TextEdit } from '../language/diagnostics';

export type OptionKind = 'speed_cap' | 'max_downtime' | 'start_time' | 'switch_roles' | 'policy' | 'admission_limit';

export interface Candidate {
  id: string;
  kind: OptionKind;
  title: string;
  /** What it costs the operator: bandwidth, a switch-over, rejected calls, a later window. */
  cost: string;
  /** Ordinal cost used to break ties (0 = free). */
  costRank: number;
  /** The scenario with the option applied (pure). */
  apply(sc: ScenarioInput): ScenarioInput;
  /** The same change as edits of the scenario text. */
  edits: TextEdit[];
}

export interface Prediction {
  incompleteCalls: number;
  byCause: Record<string, number>;
  migrationTimeS: number | null;
  downtimeMs: number | null;
  /** Whether the migration resumed within the scenario; with `unfinished`, as the model gives them (convergence() tells converged, unfinished and never apart). */
  converged: boolean;
  unfinished: UnfinishedMigration | null;
  /**
   * The calls the whole run loses to its migrations together (model/attribution.ts, planCost),
   * when it has more than one: a change that helps this migration can hurt another, and the
   * per-migration counts overlap where migrations do. Null for a run with one migration, whose
   * count is the plan's.
   */
  planIncompleteCalls: number | null;
}

export interface RankedOption {
  id: string;
  kind: OptionKind;
  title: string;
  cost: string;
  edits: TextEdit[];
  /** At the advised run (the sweep point with the most incomplete calls). */
  prediction: Prediction;
  /** Incomplete calls summed over every run (sweep point) of the file with the option applied; null when not verified. */
  totalIncompleteAllRuns: number | null;
  /** The whole plan's calls lost to migrations (Prediction.planIncompleteCalls) summed over every run; null when not verified or when the plan has one migration. */
  planTotalAllRuns: number | null;
}

export interface MigrationAdvice {
  /** Index of the migrate statement in the file's schedule. */
  index: number;
  vm: string;
  role: 'active' | 'standby' | 'other';
  from: string;
  to: string;
  startS: number;
  /** Span of the migrate statement. */
  span: { start: number; end: number };
  /** The run the options were evaluated on. */
  runLabel: string;
  offeredCps: number;
  current: Prediction;
  /**
   * The SIP-AS when the first migration of the advised run started, when it was already behind
   * its load (null otherwise): new calls waited, or calls had timed out, before any migration. No
   * migration setting removes that backlog; the options only change what the migration adds.
   */
  behind: MigrationStartState | null;
  /**
   * When this migration starts while the SIP-AS still works off the backlog an earlier migration
   * left (model/summary.ts, startsInBacklogOf): that migration's VM and end, the new-call wait at
   * this one's start, and when the backlog would be gone without this migration (null: not
   * within the scenario). Null otherwise.
   */
  startsInBacklog: { afterVm: string; afterEndS: number; waitS: number; drainedAtS: number | null } | null;
  /**
   * When this migration starts while an earlier-started one is still under way (model/summary.ts,
   * overlappedAtStart): that migration's VM, start and end, and when the SIP-AS would have worked
   * off its backlog without this migration (null: not within the scenario). Null otherwise.
   */
  overlaps: { withVm: string; withStartS: number; withEndS: number; drainedAtS: number | null } | null;
  /**
   * A later migration that starts while this one is under way (the first such): both answer for
   * the calls failed from then on (model/attribution.ts), and its advice holds a later start for
   * it. `drainedAtS`: when, in the plan without this migration, the SIP-AS has worked off the
   * backlog after that later migration ends (null: not within the scenario, or not computed
   * because this migration fails no call); this advice then proposes starting there, after it.
   * Null otherwise.
   */
  overlappedBy: { vm: string; startS: number; drainedAtS?: number | null } | null;
  /**
   * The whole plan's incomplete calls at the advised run without this migration (one more model
   * run): how much of the plan's loss it adds, interactions with the others included. Null for a
   * run with one migration, or when the whole plan fails no call.
   */
  planWithoutThis: number | null;
  /** Highest constant offered load with zero predicted incomplete calls for this migration. */
  safeEnvelope: { maxSafeCps: number; atLeast: boolean; marginCps: number };
  options: RankedOption[];
  /** Model evaluations spent on this migration. */
  evaluations: number;
  elapsedMs: number;
}

export interface Advice {
  migrations: MigrationAdvice[];
  /** True when some migration is predicted to fail calls. */
  failsCalls: boolean;
}
