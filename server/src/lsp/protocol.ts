// sipmig's custom LSP messages (docs/editors.md), shared by the language server and the
// VS Code client so that neither side can drift from the other. Types only and string
// constants: the client bundles this file without any server code.
import type { Advice } from '../advisor/types';
import type { RunResult } from '../model/output';

/** Request, params `{ uri }`: the model's results for the document. */
export const RESULTS_REQUEST = 'sipmig/results';
/** Notification, params `{ uri, version }`: newer results exist for the document. */
export const RESULTS_CHANGED = 'sipmig/resultsChanged';
/** Request, params `{ uri }`: the advisor's answer for the document. */
export const ADVICE_REQUEST = 'sipmig/advice';

export interface UriParams {
  uri: string;
}

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
    current: RunResult;
    recommended: RunResult;
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
