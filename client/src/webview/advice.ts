// The preview's "Current plan vs advisor's recommendation": per failing migration its safe
// envelope and top options as a table, then the advised run as planned and with the best
// option applied, side by side in the shared comparison charts (server/src/charts).
// Everything from the scenario is set as text (textContent), never as markup.
import type { Result } from 'vega-embed';
import { comparisonCharts } from '../../../server/src/charts/comparison';
import { comparisonInput, optionTables, type MigrationTable } from '../advice';
import type { AdviceAnswer } from '../../../server/src/lsp/protocol';
import { embedChart, type Post } from './chart';
import { NO_OPTION_HELPS, WHOLE_PLAN_NOTE } from '../../../server/src/advisor/explain';
import { currentTheme } from './theme';

export interface AdviceRender {
  el: HTMLElement;
  response: AdviceAnswer;
  post: Post;
  /** True once a newer render started: stop. */
  stale: () => boolean;
  /** Keeps a rendered view (finalized and resized by the caller). */
  keep: (view: Result) => void;
}

function text<K extends keyof HTMLElementTagNameMap>(tag: K, content: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.textContent = content;
  if (className) e.className = className;
  return e;
}

function optionsTable(t: MigrationTable): HTMLElement {
  if (!t.rows.length) return text('p', `None of the options the advisor tries ${NO_OPTION_HELPS}.`);
  const table = document.createElement('table');
  table.className = 'advice-options';
  const head = document.createElement('tr');
  for (const h of ['#', 'option', 'incomplete calls', ...(t.wholePlan ? ['whole plan'] : []), 'migration time', 'all runs', 'cost']) {
    const th = text('th', h);
    if (h === 'whole plan') th.title = WHOLE_PLAN_NOTE;
    head.append(th);
  }
  table.append(document.createElement('thead'), document.createElement('tbody'));
  table.tHead!.append(head);
  for (const r of t.rows) {
    const tr = document.createElement('tr');
    for (const cell of [r.rank, r.option, r.incomplete, ...(t.wholePlan ? [r.wholePlan ?? '–'] : []), r.migrationTime, r.allRuns, r.cost]) tr.append(text('td', cell));
    table.tBodies[0].append(tr);
  }
  return table;
}

/** Shows or hides the note that the advice belongs to an older version of the document than the charts above. */
export function markStale(el: HTMLElement, stale: boolean): void {
  const note = el.querySelector<HTMLElement>('.advice-stale');
  if (note) note.hidden = !stale;
}

export async function renderAdvice(r: AdviceRender): Promise<void> {
  const { el, response } = r;
  el.replaceChildren();
  const tables = optionTables(response.advice);
  el.hidden = tables.length === 0;
  if (!tables.length) return;
  el.append(text('h2', 'Current plan vs advisor’s recommendation'));
  const stale = text('p', 'For an earlier version of the document; updating…', 'advice-stale');
  stale.hidden = true;
  el.append(stale);
  for (const t of tables) el.append(text('p', t.caption, 'advice-caption'), text('p', t.envelope), optionsTable(t));
  const wholePlan = tables.some((t) => t.wholePlan) ? ` “whole plan”: ${WHOLE_PLAN_NOTE}.` : '';
  el.append(text('p', `Figures at the sweep point named above; “all runs”: incomplete calls summed over every sweep point with the option applied.${wholePlan} Apply an option with its “Advisor:” code action on the migrate statement.`, 'advice-note'));
  const input = comparisonInput(response);
  if (!input) return;
  for (const entry of comparisonCharts(input, { theme: currentTheme(), width: 'container' })) {
    const view = await embedChart(el, entry, r.post, r.stale);
    if (!view) return;
    r.keep(view);
  }
}
