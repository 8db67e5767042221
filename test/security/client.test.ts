// The extension's trust boundaries: the markdown the language server sends (hovers,
// completion documentation) is rendered untrusted (no command links, no HTML), and messages
// from the chart webview are accepted only in their exact expected shapes. (The ordinary
// message shapes are in test/client/protocol.test.ts; these are the hostile ones.)
import { describe, expect, it, vi } from 'vitest';
import { SERVER_JS } from '../lsp/build';
import { parseWebviewMessage } from '../../client/src/preview/protocol';

const created: { options: Record<string, unknown> }[] = [];

vi.mock('vscode', () => ({
  workspace: { getConfiguration: () => ({ get: (_key: string, fallback: unknown) => fallback }) },
  window: { showErrorMessage: async () => undefined },
}));
vi.mock('vscode-languageclient/node', () => ({
  TransportKind: { ipc: 1 },
  LanguageClient: class {
    constructor(_id: string, _name: string, _server: unknown, options: Record<string, unknown>) {
      created.push({ options });
    }
    async start() {}
  },
}));

const { startClient } = await import('../../client/src/client');

describe('markdown from the language server', () => {
  it('is rendered untrusted: no command links, no HTML, no theme icons', async () => {
    const output = { appendLine: () => undefined };
    await startClient({ asAbsolutePath: () => SERVER_JS } as never, output as never);
    expect(created, 'one language client').toHaveLength(1);
    const md = created[0].options.markdown as { isTrusted?: unknown; supportHtml?: unknown } | undefined;
    // vscode-languageclient's defaults (isTrusted false, supportHtml false) hold unless these options say otherwise.
    expect(md?.isTrusted ?? false, 'command: links in hovers must not run').toBe(false);
    expect(md?.supportHtml ?? false, 'HTML in hovers must not render').toBe(false);
    expect(created[0].options.middleware, 'no middleware that could rewrite hovers into trusted markdown').toBeUndefined();
  });
});

describe('hostile messages from the webview', () => {
  it.each([
    ['a __proto__ field (prototype pollution)', JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'), /unexpected field/],
    ['a constructor field', { type: 'ready', constructor: { prototype: {} } }, /unexpected field/],
    ['a type that is not a string', { type: { toString: () => 'ready' } }, /unknown message type/],
    ['an array posing as a message', ['ready'], /not an object/],
    ['an index beyond any run', { type: 'reveal', run: 100_000, migration: 0 }, /non-negative integers/],
    ['an infinite index', { type: 'reveal', run: Infinity, migration: 0 }, /non-negative integers/],
    ['a numeric string as index', { type: 'reveal', run: '1', migration: 0 }, /non-negative integers/],
    ['a chart id with a line break', { type: 'export', chart: 'cpu\n', format: 'svg', data: '<svg/>' }, /chart id/],
    ['a chart id with a path separator', { type: 'export', chart: 'a/b', format: 'svg', data: '<svg/>' }, /chart id/],
    ['an over-long SVG', { type: 'export', chart: 'cpu', format: 'svg', data: '<svg>' + 'x'.repeat(8_000_001) }, /SVG document/],
    ['a PNG data URL with a script payload after it', { type: 'export', chart: 'cpu', format: 'png', data: 'data:image/png;base64,AAAA"><script>alert(1)</script>' }, /PNG data URL/],
  ])('rejects %s', (_name, message, reason) => {
    const r = parseWebviewMessage(message);
    expect(r.ok, 'must be rejected').toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('keeps an error message from the webview short (it goes to the output channel)', () => {
    const r = parseWebviewMessage({ type: 'error', message: '<img src=x onerror=alert(1)>'.repeat(100_000) });
    expect(r.ok).toBe(true);
    if (r.ok && r.value.type === 'error') expect(r.value.message.length).toBe(2000);
  });
});
