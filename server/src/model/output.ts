// The model's output, shared by the CLI (`sipmig run --json`), the language server
// (`sipmig/results`), hovers and the charts. Field names are part of the public JSON.

export type MigrationRole = 'active' | 'standby' | 'other';

export interface MigrationResult {
  vm: string;
  role: MigrationRole;
  from: string;
  to: string;
  startS: number;
  /** When the VM resumed on the destination; null when it never converged within the scenario. */
  endS: number | null;
  migrationTimeS: number | null;
  downtimeMs: number | null;
  bytesSent: number;
  rounds: number;
  /** Whether the VM resumed on the destination within the scenario (see also `unfinished`). */
  converged: boolean;
  /**
   * A migration still under way when the scenario ends (null when it ended, or never started):
   * a slow one that only needs more time, or one that can never converge. `convergence()`
   * (summary.ts) tells them apart for every front end.
   */
  unfinished: UnfinishedMigration | null;
  /**
   * How long new calls already waited at the SIP-AS when this migration started (s, at most
   * Timer B; null: it never started). A wait at a later migration's start is often the backlog
   * an earlier migration left (summary.ts, startsInBacklogOf).
   */
  startWaitS: number | null;
  /**
   * The calls that failed, by cause, from this migration's start to the first start of another
   * migration at or after its end (the run's end if there is none, or if it never ends): the
   * failures it and its backlog can be blamed for (attribution.ts). A migration that another
   * overlaps keeps counting through the other's tail (no later start closes its window). Raw counts: the calls an overload
   * policy refuses at all times are in them; `migrationCost` takes those out. Null when it never
   * started.
   */
  incompleteCalls: IncompleteCalls | null;
  /**
   * CPU around this migration alone, of the migrated VM, the cluster's active and standby VMs,
   * and the source and destination hosts: the 60 s before its start, from its start to its end,
   * the 60 s after its end (the run-level `cpu` spans all migrations, for every VM and host).
   * Null when it never started.
   */
  cpu: CpuSummaries | null;
  /**
   * The calls this migration answers for: `incompleteCalls` less what the same run without
   * migrations fails in its window (attribution.ts, migrationCost). Not set by the model, which
   * runs no baseline: `sipmig run --json` and the language server's `sipmig/results` add it
   * (null when the migration never started).
   */
  answerableCalls?: IncompleteCalls | null;
}

/** Incomplete calls, by cause, with their total. */
export interface IncompleteCalls {
  total: number;
  byCause: Record<string, number>;
}

/** CPU summaries of every VM and host by name. */
export interface CpuSummaries {
  vms: Record<string, CpuSummary>;
  hosts: Record<string, CpuSummary>;
}

/**
 * What a migration still under way at the scenario's end has left, and where it is going. (A
 * run stopped by its time budget ends early: its figures count from where it stopped.)
 */
export interface UnfinishedMigration {
  /** Bytes still to send then: the rest of the first pass and the re-dirtied pages. */
  remainingBytes: number;
  /**
   * Seconds after the scenario's end until the VM would resume on the destination if the last
   * step's transfer rate, dirtying and convergence threshold held (the same pre-copy equations,
   * run ahead); null when it would not (see `stuck`).
   */
  resumesAfterS: number | null;
  /**
   * Why it would not resume (null when it would): 'dirtying' - the memory the guest dirties
   * settles above what max_downtime lets the stop-and-copy carry, so it never converges; 'slow'
   * - it is still sending an hour after the scenario's end (a first pass that big at that rate).
   */
  stuck: 'dirtying' | 'slow' | null;
}

export interface MigrationStartState {
  atS: number;
  /** The new-call wait then (s, at most Timer B). */
  inviteWaitS: number;
  /** Calls failed by then because a transaction timer expired (408 and other timeouts). */
  timedOutCalls: number;
  /** Initial INVITEs the overload control had answered 503 by then (refused by policy, not lost). */
  rejectedCalls: number;
}

export interface PhaseTransition {
  atS: number;
  phase: number;
}

export interface CpuSummary {
  /** Mean over the 60 s before the first migration starts; null when it starts at 0 s (nothing before it). */
  beforePct: number | null;
  duringPct: number;
  afterPct: number;
  /** Highest per-step value during the migration window. */
  peakDuringPct: number;
}

/** The values of one series: a plain array or a Float64Array (see RunResult). */
export type SeriesValues = ArrayLike<number>;

/**
 * Per-step time series, all arrays the same length as tS.
 * Keys: tS; offeredCps; servedCps; queueDelayS; retransmissionsPerS; overloadPhase;
 * incomplete408, incomplete503, incompleteOther (cumulative counts);
 * migRemainingBytes, migSentBytes, migPhase (0 off, 1 pre-copy, 2 stop-and-copy, 3 done), migRound;
 * vmCpu.<vm> (guest-visible %), hostCpu.<host> (% of the host).
 * Also: migRateBps (bytes/s sent), migDirtyBps (distinct-page dirtying of the migrated guest,
 * bytes/s), backlogMessages (messages queued at the SIP-AS).
 */
export type Series<V extends SeriesValues = SeriesValues> = Record<string, V>;

/**
 * One run's result. Its series are plain arrays when `simulate` returns them and typed arrays
 * from `simulateTyped` (the language server's workers hand those over without a copy); code
 * that only reads them takes either (the default).
 */
export interface RunResult<V extends SeriesValues = SeriesValues> {
  label: string;
  offeredCps: number;
  migrations: MigrationResult[];
  incompleteCalls: IncompleteCalls;
  overload: { maxPhase: number; transitions: PhaseTransition[]; policy: string };
  failover: boolean;
  /** When the HA middleware would have declared the active dead (null or absent: never). */
  failoverAtS?: number | null;
  cpu: CpuSummaries;
  /**
   * The longest a new call waited at the SIP-AS: the age of the oldest initial INVITE still
   * queued, over the whole run, in seconds, at most Timer B (an INVITE that waited that long
   * has failed with 408). The margin to failure: incomplete calls appear only when this
   * reaches Timer B, so a run with none but a peak wait near it is close to failing calls.
   */
  peakInviteWaitS: number;
  /** Timer B of the run (s), the wait at which an initial INVITE fails, for comparison with peakInviteWaitS. */
  timerBS: number;
  /**
   * The SIP-AS when the run's first migration started (null: none started): how long new calls
   * already waited, how many calls had already timed out and how many the overload control had
   * refused. A long wait or a timed-out call means the server was behind its load before any
   * migration (see behindAtMigrationStart).
   */
  atMigrationStart: MigrationStartState | null;
  /** True when the run stopped early because it hit the model's time budget. */
  budgetExceeded: boolean;
  series?: Series<V>;
}

export interface FileResult<V extends SeriesValues = SeriesValues> {
  file: string;
  runs: RunResult<V>[];
}
