// sipmig's custom LSP messages (docs/editors.md), shared by the language server and the
// VS Code client so that neither side can drift from the other. Types only and constants:
// the client bundles this file without any server code (charts/data.ts is pure).
import type { Advice } from '../advisor/types';
import type { SentRun } from '../charts/decimate';
import { MAX_POINTS } from '../charts/data';

/** Request, params `ResultsParams`: the model's results for the document. */
export const RESULTS_REQUEST = 'sipmig/results';
/** Notification, params `{ uri, version }`: newer results exist for the document. */
export const RESULTS_CHANGED = 'sipmig/resultsChanged';
/** Request, params `{ uri }`: the advisor's answer for the document. */
export const ADVICE_REQUEST = 'sipmig/advice';

export interface UriParams {
  uri: string;
}

/**
 * Params of `sipmig/results`. Without the optional fields the answer carries every run's
 * series, decimated (min/max-preserving, server/src/charts/decimate.ts) to at most
 * RESULTS_MAX_POINTS points per run and RESULTS_MAX_VALUES values in all.
 */
export interface ResultsParams extends UriParams {
  /** Indices into `file.runs` of the runs whose series to send; the others come without `series` (and with `seriesOmitted`). `[]`: summaries only. Default: every run. */
  runs?: number[];
  /** At most this many points per run's series (default RESULTS_MAX_POINTS; at least 16). The answer-wide bound RESULTS_MAX_VALUES may lower it, never below RESULTS_MIN_POINTS. */
  maxPoints?: number;
  /** Every step of every selected run, no bound (tens of MB at the step limits). */
  fullResolution?: boolean;
}

/**
 * Points per run's series in a `sipmig/results` answer, by default: what a chart draws per
 * line (MAX_POINTS), so that the chart draws every point sent and the minima and maxima
 * kept by the decimation reach the picture instead of being averaged again.
 */
export const RESULTS_MAX_POINTS = MAX_POINTS;
/** Series values (points × series, summed over the runs) in a `sipmig/results` answer: a few MB of JSON. */
export const RESULTS_MAX_VALUES = 1_000_000;
/** The answer-wide bound never leaves a run fewer points than this (a run with many hosts has many series). */
export const RESULTS_MIN_POINTS = 200;

export interface ResultsChangedParams {
  uri: string;
  version: number;
}

export interface AdviceAnswer {
  uri: string;
  /** The document version the advice belongs to (its edits and spans are UTF-16 offsets into that text); null when the document is not open. */
  version: number | null;
  advice: Advice;
  comparison?: {
    runLabel: string;
    /** Series decimated to at most RESULTS_MAX_POINTS points (`decimated` says so), as in sipmig/results. */
    current: SentRun;
    recommended: SentRun;
    /** The option's title. */
    option: string;
    optionId: string;
    /** Index of the migration the option is for. */
    migration: number;
    activeVm: { current: string; recommended: string };
    /** The phase-1 start threshold of the plan as written, for the CPU chart. */
    thresholdPct?: number;
  };
  /** Why there is no advice (nothing fails, errors, the job failed). */
  message?: string;
}
