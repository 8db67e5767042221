// Definition, references and rename over the protocol.
import { describe, expect, it } from 'vitest';
import type { Location, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { positionOf, uriOf } from './client';
import { ACTIVE, applyEdits, textOf, useServer } from './fixture';

describe('navigation', () => {
  const server = useServer();
  const uri = uriOf('nav.sipmig');
  const at = (needle: string, delta = 1) => ({ textDocument: { uri }, position: positionOf(ACTIVE, needle, delta) });

  it('goes from a reference to its declaration', async () => {
    server().open(uri, ACTIVE);
    const loc = await server().request<Location>('textDocument/definition', at('pm3 at 120'));
    expect(loc.uri).toBe(uri);
    expect(textOf(ACTIVE, loc.range)).toBe('pm3');
    expect(loc.range.start.line, 'the declaration `host pm3 { ... }`').toBe(positionOf(ACTIVE, 'host pm3').line);
  });

  it('finds every reference, with and without the declaration', async () => {
    const withDecl = await server().request<Location[]>('textDocument/references', { ...at('poweredge {', 2), context: { includeDeclaration: true } });
    expect(withDecl.map((l) => textOf(ACTIVE, l.range))).toEqual(['poweredge', 'poweredge', 'poweredge', 'poweredge']);
    const refs = await server().request<Location[]>('textDocument/references', { ...at('poweredge {', 2), context: { includeDeclaration: false } });
    expect(refs).toHaveLength(3);
  });

  it('renames a host and every use of it', async () => {
    const prep = await server().request<{ range: Range; placeholder: string }>('textDocument/prepareRename', at('pm1 to pm3'));
    expect(prep.placeholder).toBe('pm1');
    const edit = await server().request<WorkspaceEdit>('textDocument/rename', { ...at('pm1 to pm3'), newName: 'source_host' });
    const edits = edit.changes![uri];
    expect(edits).toHaveLength(3);
    const after = applyEdits(ACTIVE, edits);
    expect(after).toContain('host source_host { hardware poweredge }');
    expect(after).toContain('active sipas1 on source_host');
    expect(after).toContain('migrate sipas1 from source_host to pm3 at 120 s');
    expect(after).not.toMatch(/\bpm1\b/);
  });

  it('quotes a new name that is not an identifier, and refuses a name already taken', async () => {
    const edit = await server().request<WorkspaceEdit>('textDocument/rename', { ...at('pm3 at'), newName: 'rack 7 host' });
    expect(edit.changes![uri].map((e) => e.newText)).toEqual(['"rack 7 host"', '"rack 7 host"']);
    await expect(server().request('textDocument/rename', { ...at('pm3 at'), newName: 'pm2' })).rejects.toThrow(/A host named 'pm2' already exists/);
    await expect(server().request('textDocument/prepareRename', at('speed_cap'))).rejects.toThrow(/Only declared names/);
  });
});
