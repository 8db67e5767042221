// Formatting over the protocol: the canonical layout, idempotent, comments kept.
import { describe, expect, it } from 'vitest';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { uriOf } from './client';
import { ACTIVE, applyEdits, useServer } from './fixture';
import { format } from '../../server/src/language/format';

const MESSY = ACTIVE.replace('  speed_cap 32 MiB/s', '        speed_cap   32MiB/s').replace('host pm2 { hardware poweredge }', 'host pm2{hardware poweredge}').replace('nic 4 x 1 Gbps for sip, cluster', 'nic 4 x 1 Gbps for sip ,cluster');

describe('formatting', () => {
  const server = useServer();
  const formatting = (uri: string) => server().request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });

  it('returns no edit for a document already in the canonical layout', async () => {
    const uri = uriOf('f1.sipmig');
    server().open(uri, ACTIVE);
    expect(await formatting(uri)).toEqual([]);
  });

  it('lays out a messy document canonically, keeping comments, and is idempotent', async () => {
    const uri = uriOf('f2.sipmig');
    server().open(uri, MESSY);
    const edits = await formatting(uri);
    expect(edits.length).toBe(1);
    const once = applyEdits(MESSY, edits);
    expect(once).toBe(format(MESSY));
    expect(once).toBe(ACTIVE);
    server().change(uri, 2, once);
    expect(await formatting(uri), 'formatting the formatted text changes nothing').toEqual([]);
  });

  it('leaves a document with syntax errors alone', async () => {
    const uri = uriOf('f3.sipmig');
    server().open(uri, 'host pm1 {\n      hardware poweredge\n');
    expect(await formatting(uri)).toEqual([]);
  });
});
