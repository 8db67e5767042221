// The `sipmig.*` settings the server reads (workspace/configuration, section "sipmig").
// Unknown or malformed values fall back to the defaults rather than failing: a typo in
// settings.json must not stop diagnostics.
import { lookupUnit } from '../language/units';

export interface Settings {
  /** Model step override in seconds (sipmig.model.step); undefined: the scenario's own step. */
  modelStepS?: number;
  /** Delay between the last change and the model run (sipmig.diagnostics.debounceMs). */
  debounceMs: number;
  /** Inlay hints with predicted results (sipmig.inlayHints.enabled). */
  inlayHints: boolean;
  /** Wall-clock budget for all runs of one document (sipmig.model.timeBudgetMs). */
  timeBudgetMs: number;
  /** Charts in hovers (sipmig.hover.charts); undefined: only for clients known to render images. */
  hoverCharts?: boolean;
}

export const DEFAULT_SETTINGS: Settings = { debounceMs: 300, inlayHints: true, timeBudgetMs: 2000 };

/** The raw `sipmig` section, as VS Code nests it ({ model: { step }, diagnostics: { debounceMs } ... }) or flat with dotted keys. */
export function parseSettings(raw: unknown): Settings {
  // Helix sends its whole `config` table as initializationOptions: accept { sipmig: {...} } too.
  const inner = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).sipmig : undefined;
  if (inner && typeof inner === 'object') raw = inner;
  const get = (path: string): unknown => {
    if (!raw || typeof raw !== 'object') return undefined;
    const flat = (raw as Record<string, unknown>)[path];
    if (flat !== undefined) return flat;
    return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), raw);
  };
  const int = (v: unknown, min: number, max: number, dflt: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : dflt);
  // The extension contributes `model.stepMs` and `preview.debounceMs`; the documented names
  // are `model.step` and `diagnostics.debounceMs`. Both spellings work, documented ones first.
  const stepMs = get('model.stepMs');
  return {
    modelStepS: parseStep(get('model.step')) ?? (typeof stepMs === 'number' ? parseStep(stepMs) : undefined),
    debounceMs: int(get('diagnostics.debounceMs') ?? get('preview.debounceMs'), 0, 10_000, DEFAULT_SETTINGS.debounceMs),
    inlayHints: typeof get('inlayHints.enabled') === 'boolean' ? (get('inlayHints.enabled') as boolean) : DEFAULT_SETTINGS.inlayHints,
    timeBudgetMs: int(get('model.timeBudgetMs'), 50, 600_000, DEFAULT_SETTINGS.timeBudgetMs),
    hoverCharts: typeof get('hover.charts') === 'boolean' ? (get('hover.charts') as boolean) : undefined,
  };
}

/** "500 ms", "1 s" or a bare number of milliseconds; anything else (or nothing) means no override. */
export function parseStep(v: unknown): number | undefined {
  let seconds: number | undefined;
  if (typeof v === 'number') seconds = v / 1000;
  else if (typeof v === 'string' && v.trim()) {
    const m = /^\s*([0-9]*\.?[0-9]+)\s*([A-Za-z]*)\s*$/.exec(v);
    const unit = m ? lookupUnit(m[2] || 'ms') : undefined;
    if (m && unit?.dimension === 'time') seconds = Number(m[1]) * unit.factor;
  }
  // The language allows 1 ms to 10 s (scenario `step`); the same bounds hold here.
  return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0.001 && seconds <= 10 ? seconds : undefined;
}
