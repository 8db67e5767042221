// Headless rendering of a vega-lite spec to an SVG string (no canvas, no DOM): used by the
// report and by hovers. Text widths are estimated without canvas, which is fine for SVG.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const runtime = vega.parse(compile(spec).spec);
  const view = new vega.View(runtime, { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
