// Completion over the protocol: keywords of the enclosing block as snippets, declared
// names where a reference goes, units after a number, catalog CPU models.
import { describe, expect, it } from 'vitest';
import { InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-protocol';
import { positionOf, uriOf } from './client';
import { ACTIVE, edit, useServer } from './fixture';

describe('completion', () => {
  const server = useServer();
  const complete = async (uri: string, text: string, needle: string, delta: number) => {
    server().open(uri, text);
    return server().request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, needle, delta) });
  };
  const labels = (items: CompletionItem[]) => items.map((i) => i.label);

  it('offers the properties a block still lacks, as snippets with tab stops', async () => {
    const text = edit(ACTIVE, '  speed_cap 32 MiB/s\n', '  \n');
    const items = await complete(uriOf('c1.sipmig'), text, 'migration {\n  ', 'migration {\n  '.length);
    expect(labels(items)).toEqual(expect.arrayContaining(['speed_cap', 'migrate']));
    expect(labels(items), 'max_downtime is given once already').not.toContain('max_downtime');
    const cap = items.find((i) => i.label === 'speed_cap')!;
    expect(cap.insertTextFormat).toBe(InsertTextFormat.Snippet);
    expect((cap.textEdit as TextEdit).newText).toBe('speed_cap ${1:32} MiB/s$0');
    const migrate = items.find((i) => i.label === 'migrate')!;
    expect((migrate.textEdit as TextEdit).newText, 'references become a choice of the declared names').toBe('migrate ${1|sipas1,sipas2|} from ${2|pm1,pm2,pm3|} to ${3|pm1,pm2,pm3|} at ${4:120} s$0');
  });

  it('offers whole blocks at the top level', async () => {
    const text = ACTIVE + '\n\n';
    const items = await complete(uriOf('c2.sipmig'), text, ACTIVE + '\n\n', ACTIVE.length + 2);
    expect(labels(items)).toEqual(expect.arrayContaining(['host', 'vm', 'network', 'model']));
    expect(labels(items), 'only one scenario block is allowed and it exists').not.toContain('scenario');
    expect((items.find((i) => i.label === 'host')!.textEdit as TextEdit).newText).toBe('host ${1:pm1} { hardware ${2|poweredge|} \\}$0');
  });

  it('offers the declared hosts where a host is expected', async () => {
    const text = edit(ACTIVE, 'standby sipas2 on pm2', 'standby sipas2 on ');
    const items = await complete(uriOf('c3.sipmig'), text, 'standby sipas2 on ', 'standby sipas2 on '.length);
    expect(labels(items)).toEqual(['pm1', 'pm2', 'pm3']);
    expect(items[0].detail).toBe('host');
  });

  it('offers the units of the expected dimension after a number', async () => {
    const text = edit(ACTIVE, 'max_downtime 30 ms', 'max_downtime 30 ');
    const items = await complete(uriOf('c4.sipmig'), text, 'max_downtime 30 ', 'max_downtime 30 '.length);
    expect(labels(items)).toEqual(['us', 'ms', 's', 'min', 'h', 'd']);
  });

  it('offers the catalog CPU models after cpu "', async () => {
    const text = edit(ACTIVE, 'cpu "Intel Xeon E5502"', 'cpu "');
    const items = await complete(uriOf('c5.sipmig'), text, 'cpu "', 5);
    expect(labels(items)).toContain('Intel Xeon E5502');
    const e5502 = items.find((i) => i.label === 'Intel Xeon E5502')!;
    expect((e5502.textEdit as TextEdit).newText).toBe('"Intel Xeon E5502"');
    expect(e5502.detail).toBe('2 cores, 2 threads, 1.87 GHz (2009)');
  });

  it('offers the next keyword and enumeration values', async () => {
    const text = edit(ACTIVE, 'transport tcp', 'transport ');
    expect(labels(await complete(uriOf('c6.sipmig'), text, 'transport ', 10))).toEqual(['tcp', 'udp']);
    const text2 = edit(ACTIVE, 'active sipas1 on pm1', 'active sipas1 ');
    expect(labels(await complete(uriOf('c7.sipmig'), text2, 'active sipas1 ', 14))).toEqual(['on']);
  });

  it('offers nothing inside a comment', async () => {
    expect(await complete(uriOf('c8.sipmig'), ACTIVE, '# Dell PowerEdge', 5)).toEqual([]);
  });
});
