// Messages between the chart preview webview and the extension host. The webview is
// untrusted input as far as the extension is concerned (it renders user data with a large
// library), so every message it posts is checked against these shapes before it is acted
// on; anything else is rejected and logged. Imported by both sides: no vscode import here.
import type { ChartContext, ResultsResponse } from '../../../server/src/charts/context';
import type { AdviceAnswer } from '../../../server/src/lsp/protocol';

/** Webview -> extension. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'reveal'; run: number; migration: number }
  | { type: 'export'; chart: string; format: 'svg'; data: string }
  | { type: 'export'; chart: string; format: 'png'; data: string }
  | { type: 'error'; message: string };

/** Extension -> webview. */
export type HostMessage =
  | { type: 'results'; fileName: string; response: ResultsResponse; context: ChartContext; canReveal: boolean }
  /** The advisor's answer (sipmig/advice), checked by isAdviceAnswer before it is posted. */
  | { type: 'advice'; response: AdviceAnswer }
  | { type: 'status'; state: 'waiting' | 'no-server' | 'error'; message: string };

export const MAX_SVG_CHARS = 8_000_000;
export const MAX_PNG_CHARS = 24_000_000;
export const PNG_PREFIX = 'data:image/png;base64,';
const CHART_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 100_000;
}

function only(o: Record<string, unknown>, keys: string[]): string | null {
  const extra = Object.keys(o).filter((k) => !keys.includes(k));
  return extra.length ? `unexpected field(s) ${extra.join(', ')}` : null;
}

/** Validates a message posted by the webview. */
export function parseWebviewMessage(raw: unknown): Parsed<WebviewMessage> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  const o = raw as Record<string, unknown>;
  const bad = (reason: string): Parsed<WebviewMessage> => ({ ok: false, reason: `${String(o.type)}: ${reason}` });
  switch (o.type) {
    case 'ready': {
      const extra = only(o, ['type']);
      return extra ? bad(extra) : { ok: true, value: { type: 'ready' } };
    }
    case 'reveal': {
      const extra = only(o, ['type', 'run', 'migration']);
      if (extra) return bad(extra);
      if (!isIndex(o.run) || !isIndex(o.migration)) return bad('run and migration must be non-negative integers');
      return { ok: true, value: { type: 'reveal', run: o.run, migration: o.migration } };
    }
    case 'export': {
      const extra = only(o, ['type', 'chart', 'format', 'data']);
      if (extra) return bad(extra);
      if (typeof o.chart !== 'string' || !CHART_ID.test(o.chart)) return bad('chart must be a chart id');
      if (typeof o.data !== 'string') return bad('data must be a string');
      if (o.format === 'svg') {
        if (o.data.length > MAX_SVG_CHARS || !o.data.trimStart().startsWith('<svg')) return bad('data must be an SVG document of reasonable size');
        return { ok: true, value: { type: 'export', chart: o.chart, format: 'svg', data: o.data } };
      }
      if (o.format === 'png') {
        if (o.data.length > MAX_PNG_CHARS || !o.data.startsWith(PNG_PREFIX) || !/^[A-Za-z0-9+/=]*$/.test(o.data.slice(PNG_PREFIX.length))) {
          return bad('data must be a base64 PNG data URL of reasonable size');
        }
        return { ok: true, value: { type: 'export', chart: o.chart, format: 'png', data: o.data } };
      }
      return bad('format must be svg or png');
    }
    case 'error': {
      const extra = only(o, ['type', 'message']);
      if (extra) return bad(extra);
      if (typeof o.message !== 'string') return bad('message must be a string');
      return { ok: true, value: { type: 'error', message: o.message.slice(0, 2000) } };
    }
    default:
      return { ok: false, reason: `unknown message type ${JSON.stringify(String(o.type)).slice(0, 80)}` };
  }
}
