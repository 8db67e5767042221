// The chart panel's Content Security Policy (client/src/preview/html.ts) and the HTML
// report's: no eval, no inline or remote script, no remote source of any kind; the panel's
// script runs only by a fresh nonce. `vscode` exists only inside VS Code, so it is mocked
// with what previewHtml uses (Uri.joinPath and the webview's asWebviewUri / cspSource).
import { describe, expect, it, vi } from 'vitest';
import { buildReport } from '../../server/src/charts';
import { syntheticSweep } from '../charts/fixtures';

vi.mock('vscode', () => ({
  Uri: { joinPath: (base: { path: string }, ...parts: string[]) => ({ path: [base.path, ...parts].join('/'), toString: () => `file://${[base.path, ...parts].join('/')}` }) },
}));

const { previewHtml } = await import('../../client/src/preview/html');

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const webview = { cspSource: CSP_SOURCE, asWebviewUri: (u: { path: string }) => `${CSP_SOURCE}${u.path}` };

/** The policy of an HTML page, as directive -> sources. */
function policy(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  if (!m) throw new Error('no Content-Security-Policy meta tag in the page');
  return new Map(m[1].split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name, sources]));
}

/** Sources that would let a hostile name run code or reach the network. */
function dangerous(p: Map<string, string[]>): string[] {
  return [...p].flatMap(([directive, sources]) =>
    sources.filter((s) => s === "'unsafe-eval'" || s === "'wasm-unsafe-eval'" || s === '*' || /^(https?|wss?|ftp):?$/.test(s) || (/^https?:\/\//.test(s) && s !== CSP_SOURCE) || (directive.startsWith('script') && s === "'unsafe-inline'")).map((s) => `${directive} ${s}`),
  );
}

describe('chart panel CSP', () => {
  const html = previewHtml(webview as never, { path: '/ext' } as never);
  const p = policy(html);

  it("denies by default and allows nothing dangerous (no eval, no inline script, no remote host)", () => {
    expect(p.get('default-src')).toEqual(["'none'"]);
    expect(dangerous(p)).toEqual([]);
  });

  it('runs only its own bundled script, by a nonce that changes every time', () => {
    const script = p.get('script-src')!;
    expect(script, 'script-src is a nonce and nothing else').toHaveLength(1);
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(script[0])?.[1];
    expect(nonce, `a nonce of at least 16 base64 characters; got ${script[0]}`).toBeDefined();
    const tags = html.match(/<script[^>]*>/g) ?? [];
    expect(tags, 'one script tag, carrying the nonce and the bundled webview').toEqual([`<script nonce="${nonce}" src="${CSP_SOURCE}/ext/dist/webview.js">`]);
    const again = policy(previewHtml(webview as never, { path: '/ext' } as never)).get('script-src')![0];
    expect(again, 'a fresh nonce per page').not.toBe(script[0]);
  });

  it('loads styles, fonts and images from the extension only (images also as data:/blob: for exports)', () => {
    expect(p.get('style-src')).toEqual([CSP_SOURCE]);
    expect(p.get('font-src')).toEqual([CSP_SOURCE]);
    expect(p.get('img-src')).toEqual([CSP_SOURCE, 'data:', 'blob:']);
  });
});

describe('HTML report CSP', () => {
  it('allows no script at all and no remote source', async () => {
    const { html } = await buildReport(syntheticSweep(), { runs: [] });
    const p = policy(html);
    expect(p.get('default-src')).toEqual(["'none'"]);
    expect(p.has('script-src'), 'no script-src: scripts fall back to none').toBe(false);
    expect(dangerous(p)).toEqual([]);
  });
});
