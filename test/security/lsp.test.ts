// Hostile names over the protocol, as an editor receives them: hovers and completion
// documentation are MarkupContent with nothing but kind and value (no trust flags), with no
// active markup; outline names and details are plain-text fields, so they carry the names
// exactly as written (escaping them there would show "&lt;" to the user).
import { describe, expect, it } from 'vitest';
import type { CompletionItem, DocumentSymbol, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { positionOf, uriOf } from '../lsp/client';
import { useServer } from '../lsp/fixture';
import { activeMarkup, HOSTILE, hostileScenario, quoted } from './hostile';

const text = hostileScenario();

describe('hostile names over the protocol', () => {
  const server = useServer({}, { name: 'Visual Studio Code' });
  const uri = uriOf('hostile.sipmig');

  it('hover: markdown content without trust flags and without active markup', async () => {
    const c = server();
    c.open(uri, text);
    await c.waitForDiagnostics(uri, () => true);
    for (const name of Object.values(HOSTILE)) {
      const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, quoted(name), 2) });
      const content = h?.contents as MarkupContent | undefined;
      expect(content && Object.keys(content).sort(), `hover on ${name}: MarkupContent with kind and value only`).toEqual(['kind', 'value']);
      expect(content!.kind).toBe('markdown');
      expect(activeMarkup(content!.value, true), `hover on ${name}`).toEqual([]);
    }
  });

  it('completion: documentation without trust flags or active markup', async () => {
    const c = server();
    const typing = text.replace('  network management\n', '  network management\n  migrate \n');
    const u = uriOf('hostile-completion.sipmig');
    c.open(u, typing);
    const items = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: positionOf(typing, '  migrate \n', '  migrate '.length) });
    expect(items.map((i) => i.label), 'the hostile VM is offered').toContain(HOSTILE.sipas2);
    for (const i of items) {
      const doc = i.documentation as MarkupContent | undefined;
      if (!doc) continue;
      expect(Object.keys(doc).sort(), `${i.label}: MarkupContent with kind and value only`).toEqual(['kind', 'value']);
      expect(activeMarkup(doc.value), `documentation of ${i.label}`).toEqual([]);
    }
  });

  it('outline: the names as written, in plain-text fields', async () => {
    const c = server();
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const names = (ss: DocumentSymbol[]): string[] => ss.flatMap((s) => [s.name, ...names(s.children ?? [])]);
    for (const name of [HOSTILE.pm3, HOSTILE.sipas2, HOSTILE.poweredge, HOSTILE.cgl_sipas, HOSTILE.sip_as]) expect(names(symbols), 'each hostile declaration in the outline').toContain(name);
  });
});
