// Hostile names in hovers and completion documentation: on every declaration and reference,
// and on the statements that show model predictions and a chart, a markdown renderer must
// find no HTML, no link and no remote image, and the reader must see the name as written.
// (test/lsp/predictions.test.ts checks the first line of one migrate hover; this covers the rest.)
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/language';
import { simulateAll } from '../../server/src/model';
import type { RunResult } from '../../server/src/model/output';
import { hoverAt } from '../../server/src/lsp/features/hover';
import { completionsAt } from '../../server/src/lsp/features/completion';
import { hoverChartMarkdown } from '../../server/src/charts';
import { activeMarkup, HOSTILE, hostileScenario, visibleText } from './hostile';

const text = hostileScenario();
const a = analyze(text);

describe('hover with hostile names', () => {
  it('on every declaration and reference: no markup, and the name shown as written', async () => {
    const sites = [...a.scope.declarations.map((d) => ({ name: d.name, at: d.span.start + 1 })), ...a.scope.references.map((r) => ({ name: r.name, at: r.start + 1 }))];
    const hostile = sites.filter((s) => (Object.values(HOSTILE) as string[]).includes(s.name));
    expect(hostile.length, 'every hostile name is declared and referenced').toBeGreaterThanOrEqual(2 * Object.keys(HOSTILE).length);
    for (const s of hostile) {
      const h = await hoverAt({ a, offset: s.at });
      expect(h, `a hover on ${JSON.stringify(s.name)}`).toBeDefined();
      expect(activeMarkup(h!.markdown), `hover on ${JSON.stringify(s.name)} at ${s.at}:\n${h!.markdown}`).toEqual([]);
      expect(visibleText(h!.markdown.split('\n')[0]), 'the heading names the entity as written').toContain(s.name);
    }
  });

  it('on the migrate statement and the threshold, with predictions and the chart', async () => {
    // A 1 s step keeps the model run short; the names are what matters here.
    const fast = analyze(text.replace('step 100 ms', 'step 1 s'));
    const results = simulateAll(fast.runs, { series: true });
    const outcome = { runs: fast.runs, results, budgetMs: 2000 };
    const chart = (run: RunResult, opts: { vm?: string; thresholdPct?: number }) => hoverChartMarkdown(run, opts);
    const advice = async () => ({ kind: 'failed' as const, message: `advisor on ${HOSTILE.pm3}` });
    for (const at of ['migrate sipas1', 'start_above 70 %']) {
      const h = await hoverAt({ a: fast, offset: fast.text.indexOf(at) + 2, outcome, chart, advice });
      expect(h?.markdown, `a prediction hover on ${at}`).toContain('Predicted');
      expect(activeMarkup(h!.markdown, true), `hover on ${at}:\n${h!.markdown.slice(0, 3000)}`).toEqual([]);
      expect(h!.markdown, 'the chart is there (a data: image)').toContain('data:image/svg+xml');
    }
  });

  it('in completion documentation of references, with the names as labels', () => {
    // A new migrate line, the cursor where the VM goes.
    const typing = text.replace('  network management\n', '  network management\n  migrate \n');
    const items = completionsAt(analyze(typing), typing.indexOf('  migrate \n') + '  migrate '.length);
    const vm = items.find((i) => i.label === HOSTILE.sipas2);
    expect(vm, `the hostile VM name offered as a completion; got ${items.map((i) => i.label).join(', ')}`).toBeDefined();
    expect(vm!.insertText, 'inserted quoted, as the language writes such a name').toBe(JSON.stringify(HOSTILE.sipas2));
    for (const i of items) expect(activeMarkup(i.documentation ?? ''), `documentation of ${i.label}`).toEqual([]);
  });
});
