// textDocument/hover: markdown from features/hover.ts, with the advisor's options on a
// migrate statement (features/adviceHover.ts). The chart library (vega) is loaded
// on the first hover that shows a chart, not at start-up, and each chart is rendered once
// per model result.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { toOffset, toRange } from '../convert';
import type { ServerContext } from '../context';
import { hoverAt, type ChartRenderer } from '../features/hover';
import type { AdviceView } from '../features/advice';

export function registerHover(ctx: ServerContext): void {
  const charts = chartCache();
  ctx.connection.onHover(async (p): Promise<Hover | null> => {
    try {
      const snap = ctx.store.get(p.textDocument.uri);
      if (!snap) return null;
      const outcome = ctx.outcomeOf(snap);
      const withCharts = ctx.settings().hoverCharts ?? ctx.client.images;
      const chart: ChartRenderer | undefined = outcome && withCharts ? (run, opts) => charts(outcome.key, run, opts) : undefined;
      // On a migrate statement the hover waits for the advisor, at most the model's time budget.
      // An advisor failure costs the hover its advisor part only, not the figures above it.
      const advice = outcome
        ? () =>
            ctx.adviceOf(snap, outcome, ctx.settings().timeBudgetMs).catch((e): AdviceView => {
              ctx.log(`sipmig advisor (hover) failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
              return { kind: 'failed', message: 'the advisor failed (see the sipmig output)' };
            })
        : undefined;
      const h = await hoverAt({ a: snap.analysis, offset: toOffset(snap.index, p.position), outcome, chart, advice });
      // Markdown only: the client renders it untrusted (no command links, no HTML).
      return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(snap.index, h.span) } : null;
    } catch (e) {
      ctx.log(`sipmig hover failed: ${(e as Error).stack ?? e}`);
      return null;
    }
  });
}

function chartCache(): (key: string, ...args: Parameters<ChartRenderer>) => Promise<string> {
  const cache = new Map<string, Promise<string>>();
  return (key, run, opts) => {
    const id = `${key}|${run.label}|${opts.vm}|${opts.thresholdPct}`;
    let hit = cache.get(id);
    if (!hit) {
      hit = import('../../charts').then((c) => c.hoverChartMarkdown(run, opts));
      cache.set(id, hit);
      if (cache.size > 32) cache.delete(cache.keys().next().value!);
    }
    return hit;
  };
}
