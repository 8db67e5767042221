// Model results per document, cached by the runs they were computed from: an edit that
// leaves the runs as they were (a comment, a blank line, a reordering the lowering does
// not see) reuses the results at once. Runs are started after a debounce, and a newer
// version of a document stops its older, now stale, job.
import { createHash } from 'node:crypto';
import type { RunInput } from '../../model/input';
import type { Outcome } from '../features/predictions';
import type { Settings } from '../settings';
import type { Runner } from './runner';

export interface ModelOutcome extends Outcome {
  key: string;
  elapsedMs: number;
}

export interface Prepared {
  key: string;
  runs: RunInput[];
  budgetMs: number;
}

interface Inflight {
  key: string;
  promise: Promise<ModelOutcome | null>;
  /** The newest caller waiting for this job's outcome (diagnostics of the current version). */
  notify?: (o: ModelOutcome) => void;
}

/**
 * The cache key of a set of runs: a hash of their JSON, in which an object that several runs
 * share is written once and then referred to by its number. The runs of a sweep share every
 * part of their scenario but the load, so a scenario of thousands of hosts is serialized once
 * per document version, not once per sweep point (at 10 000 lines that was 9 MB of JSON on
 * every keystroke). Equal keys still mean equal runs: a reference stands for the JSON written
 * at its first appearance (and \u0001 never occurs in JSON, so the parts cannot run together).
 */
export function runsKey(runs: RunInput[], extra: string): string {
  const h = createHash('sha1');
  const ids = new Map<object, number>();
  for (const r of runs) {
    h.update(JSON.stringify([r.label, r.offeredCps]));
    for (const [field, value] of Object.entries(r.scenario)) {
      const object = typeof value === 'object' && value !== null;
      const shared = object ? ids.get(value) : undefined;
      if (shared !== undefined) {
        h.update(`\u0001${field}#${shared}`);
        continue;
      }
      if (object) ids.set(value, ids.size);
      h.update(`\u0001${field}=${JSON.stringify(value)}`);
    }
    h.update('\u0001\u0001');
  }
  return h.update(extra).digest('hex');
}

/** Results of this many distinct run sets are kept (each holds per-step series for every sweep point). */
const CACHE_SIZE = 6;

export class ModelService {
  private readonly cache = new Map<string, ModelOutcome>();
  /** The job running (or waiting) per document. */
  private readonly inflight = new Map<string, Inflight>();
  /** Debounced runs per document, with the caller waiting for them. */
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; key: string; done: (o: ModelOutcome) => void }>();
  /** prepare() per runs array: each analysis has its own, so this is once per document version. */
  private prepared = new WeakMap<RunInput[], Prepared>();

  constructor(private readonly runner: Runner, private readonly settings: () => Settings) {}

  /** The runs as the model will see them (with the step override) and their cache key. */
  prepare(runs: RunInput[]): Prepared {
    const known = this.prepared.get(runs);
    if (known) return known;
    const s = this.settings();
    const effective = s.modelStepS === undefined ? runs : runs.map((r) => ({ ...r, scenario: { ...r.scenario, stepS: s.modelStepS! } }));
    const key = runsKey(effective, `\u0000${s.timeBudgetMs}`);
    const p = { key, runs: effective, budgetMs: s.timeBudgetMs };
    this.prepared.set(runs, p);
    return p;
  }

  get(key: string): ModelOutcome | undefined {
    const hit = this.cache.get(key);
    if (hit) {
      // Most recently used last: Map keeps insertion order.
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** Runs after the debounce unless a newer schedule for the uri comes first; `done` gets the fresh outcome. */
  schedule(uri: string, p: Prepared, done: (o: ModelOutcome) => void): void {
    this.clearTimer(uri);
    const running = this.inflight.get(uri);
    if (running?.key === p.key) {
      // Edits that keep the runs (comments) while the model runs: one callback, the newest.
      running.notify = done;
      return;
    }
    // The running job computes runs this document no longer has: stop it now, not after the debounce.
    if (running) this.cancel(uri);
    this.runner.warm();
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.startNotifying(uri, p, done);
    }, this.settings().debounceMs);
    this.timers.set(uri, { timer, key: p.key, done });
  }

  /** The outcome for these runs now: cached, already running, or started without waiting for the debounce. */
  ensure(uri: string, p: Prepared): Promise<ModelOutcome | null> {
    const hit = this.get(p.key);
    if (hit) return Promise.resolve(hit);
    const running = this.inflight.get(uri);
    if (running?.key === p.key) return running.promise;
    // A debounced run of these runs is due: start it now, and its caller still hears of it.
    const pending = this.timers.get(uri);
    this.clearTimer(uri);
    return pending?.key === p.key ? this.startNotifying(uri, p, pending.done) : this.start(uri, p);
  }

  cancel(uri: string): void {
    this.clearTimer(uri);
    this.inflight.delete(uri);
    this.runner.cancel(uri);
  }

  /** After a settings change: the step override and budget are part of every key. */
  settingsChanged(): void {
    this.prepared = new WeakMap();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.runner.dispose();
  }

  private clearTimer(uri: string): void {
    clearTimeout(this.timers.get(uri)?.timer);
    this.timers.delete(uri);
  }

  private startNotifying(uri: string, p: Prepared, done: (o: ModelOutcome) => void): Promise<ModelOutcome | null> {
    const hit = this.get(p.key);
    if (hit) {
      done(hit);
      return Promise.resolve(hit);
    }
    const promise = this.start(uri, p);
    this.inflight.get(uri)!.notify = done;
    return promise;
  }

  private start(uri: string, p: Prepared): Promise<ModelOutcome | null> {
    const hit = this.get(p.key);
    if (hit) return Promise.resolve(hit);
    const entry: Inflight = { key: p.key, promise: Promise.resolve(null) };
    entry.promise = this.runner.run(uri, p.runs, p.budgetMs).then((r) => {
      if (this.inflight.get(uri) === entry) this.inflight.delete(uri);
      if (!r) return null;
      const o: ModelOutcome = { key: p.key, runs: p.runs, results: r.results, budgetMs: p.budgetMs, elapsedMs: r.elapsedMs };
      this.cache.set(p.key, o);
      while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      entry.notify?.(o);
      return o;
    });
    this.inflight.set(uri, entry);
    return entry.promise;
  }
}
