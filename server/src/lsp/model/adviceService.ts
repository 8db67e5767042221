// Advice per document, cached by the runs it was computed from (the key ModelService gives
// the runs), like the model's results: an edit that leaves the runs alone gets the advice
// back at once, with its edits made again for the new text. Computed only on demand (a
// hover or code action on a migration, the chart panel) and only when the model's cached
// results predict failing calls; a job for runs the document no longer has is stopped.
import type { Analysis } from '../../language';
import type { Settings } from '../settings';
import type { Outcome } from '../features/predictions';
import { failingMigrations, type AdviceView } from '../features/advice';
import { rebaseAdvice } from '../features/adviceRebase';
import type { AdviceRunner } from './adviceRunner';

/** A finished job: the advice (for `text`), or why there is none. Failures are kept too, so a job over budget is not started again on every hover. */
type Entry = { key: string; text: string; view: Extract<AdviceView, { kind: 'ready' | 'failed' }> };

/** Advice for this many distinct run sets is kept (each with one run's series for the comparison). */
const CACHE_SIZE = 6;

/**
 * A job gets this many times the model's budget: it is some 60 model runs where the model's
 * job is one per sweep point (9 for the paper), and it runs in the background.
 */
export const ADVICE_BUDGET_FACTOR = 15;

export interface AdviceDocument {
  uri: string;
  text: string;
  analysis: Analysis;
}

export class AdviceService {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, { key: string; promise: Promise<Entry | null> }>();

  constructor(private readonly runner: AdviceRunner, private readonly settings: () => Settings) {}

  /**
   * The advice for a document version whose runs have `key` and whose model results are
   * `outcome`, waiting for a running job at most `waitMs` ('computing' after that; the job
   * goes on and its answer is cached). 'none' when the model predicts no failing calls.
   */
  async view(doc: AdviceDocument, key: string, outcome: Outcome, waitMs: number): Promise<AdviceView> {
    if (!doc.analysis.runs.length || !failingMigrations(outcome).length) return { kind: 'none' };
    const job = this.request(doc.uri, key, doc.text);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      if (Number.isFinite(waitMs)) timer = setTimeout(() => resolve('late'), Math.max(0, waitMs));
    });
    const entry = await Promise.race([job, late]);
    clearTimeout(timer);
    if (entry === 'late') return { kind: 'computing' };
    // Cancelled: the document changed its runs while we waited; its newer version asks again.
    if (!entry) return { kind: 'computing' };
    if (entry.view.kind === 'ready' && entry.text !== doc.text) return { ...entry.view, advice: rebaseAdvice(entry.view.advice, doc.analysis) };
    return entry.view;
  }

  /** The finished job for these runs: cached, the running one, or a new one (null: cancelled). */
  request(uri: string, key: string, text: string): Promise<Entry | null> {
    const hit = this.cache.get(key);
    if (hit) {
      // Most recently used last: Map keeps insertion order.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return Promise.resolve(hit);
    }
    const running = this.inflight.get(uri);
    if (running?.key === key) return running.promise;
    const s = this.settings();
    const entry: { key: string; promise: Promise<Entry | null> } = { key, promise: Promise.resolve(null) };
    entry.promise = this.runner.run(uri, { text, stepS: s.modelStepS }, s.timeBudgetMs * ADVICE_BUDGET_FACTOR).then((r) => {
      if (this.inflight.get(uri) === entry) this.inflight.delete(uri);
      if (r.kind === 'cancelled') return null;
      const done: Entry = { key, text, view: r.kind === 'failed' ? r : { kind: 'ready', advice: r.advice, comparison: r.comparison, elapsedMs: r.elapsedMs } };
      this.cache.set(key, done);
      while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      return done;
    });
    this.inflight.set(uri, entry);
    return entry.promise;
  }

  /** Stops the document's job unless it computes `key` (its current runs; undefined: it has none). */
  retain(uri: string, key: string | undefined): void {
    const running = this.inflight.get(uri);
    if (running && running.key !== key) this.cancel(uri);
  }

  cancel(uri: string): void {
    this.inflight.delete(uri);
    this.runner.cancel(uri);
  }

  /**
   * The model predicts failing calls for a document: a hover or code action on its migration
   * will ask for advice, so start the worker now (~0.3 s), not when the editor waits.
   */
  warmFor(outcome: Outcome): void {
    if (failingMigrations(outcome).length) this.runner.warm();
  }

  dispose(): void {
    this.runner.dispose();
  }
}
