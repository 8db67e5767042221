// Hover over the protocol: schema docs on keywords and properties, the entity on a
// reference, predictions with an inline SVG chart on the threshold (VS Code client).
import { describe, expect, it } from 'vitest';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { positionOf, uriOf } from './client';
import { ACTIVE, textOf, useServer } from './fixture';

const hoverText = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';

describe('hover', () => {
  // Named like VS Code so that charts are embedded (other clients get text only).
  const server = useServer({}, { name: 'Visual Studio Code' });
  const uri = uriOf('hover.sipmig');
  const hover = (needle: string, delta = 1) => server().request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(ACTIVE, needle, delta) });

  it('documents a property: meaning, units, default and source', async () => {
    server().open(uri, ACTIVE);
    const h = await hover('speed_cap');
    const md = hoverText(h);
    expect((h!.contents as MarkupContent).kind).toBe('markdown');
    expect(md).toContain('**speed_cap** property of `migration`');
    expect(md).toContain('Migration bandwidth cap');
    expect(md, 'units of a transfer rate').toContain('*Units:* KB/s, MB/s, GB/s, KiB/s, MiB/s, GiB/s');
    expect(md).toContain('*Default:* `32 MiB/s`');
    expect(md).toContain('*Source:* qemu-kvm 0.12 max_throttle');
    expect(textOf(ACTIVE, h!.range!)).toBe('speed_cap');
  });

  it('documents a block keyword', async () => {
    const md = hoverText(await hover('overload_control'));
    expect(md).toContain('**overload_control** block in `sip_application`');
    expect(md).toContain('*Source:* paper §4; RFC 6357; RFC 7415');
  });

  it('shows the referenced entity on a name', async () => {
    const h = await hover('pm3 at 120 s');
    const md = hoverText(h);
    expect(md).toContain('**host** pm3');
    expect(md).toContain('- CPU: Intel Xeon E5502');
    expect(md).toContain('- memory: 16 GiB');
    expect(textOf(ACTIVE, h!.range!)).toBe('pm3');
  });

  it('shows the predictions and a base64 SVG chart on the phase-1 threshold once the model has run', async () => {
    const c = server();
    await c.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'PRED002'), 30_000);
    const md = hoverText(await hover('start_above 70 %', 13));
    expect(md).toContain('**Predicted:** guest CPU of the active VM sipas1 against this 70 % threshold');
    expect(md).toMatch(/\| 40 cps \| \d+ % \| [\d.]+ s \| (none|phase \d) \| \d+ \|/);
    const image = /!\[guest CPU over time\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/.exec(md);
    expect(image, 'a markdown image with a base64 SVG data URI').not.toBeNull();
    const svg = Buffer.from(image![1], 'base64').toString('utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(image![1].length, 'the chart stays small enough for a hover').toBeLessThan(12_000);
  });

  it('shows the per-point migration figures on a migrate statement', async () => {
    const md = hoverText(await hover('migrate sipas1'));
    expect(md).toContain('**Predicted for this migration** (sipas1, active VM)');
    expect(md).toMatch(/\| 0 cps \| 60(\.\d)? s \|/);
  });

  it('answers null where there is nothing to explain', async () => {
    expect(await hover('# Dell PowerEdge', 3)).toBeNull();
  });
});
