import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scopesOf, tokenize } from './tokenize';

/** [line, token text, scope the token must carry] */
const cases: Array<[string, string, string]> = [
  ['# Dell PowerEdge', 'Dell PowerEdge', 'comment.line.number-sign.sipmig'],
  ['# Dell PowerEdge', '#', 'punctuation.definition.comment.sipmig'],
  ['// a note', 'a note', 'comment.line.double-slash.sipmig'],
  ['hardware poweredge {', 'hardware', 'storage.type.block.sipmig'],
  ['hardware poweredge {', 'poweredge', 'entity.name.type.block.sipmig'],
  ['scenario "Active SIP-AS VM" {', 'scenario', 'storage.type.block.sipmig'],
  ['scenario "Active SIP-AS VM" {', '"Active SIP-AS VM"', 'string.quoted.double.name.sipmig'],
  ['    phase 1 {', '1', 'constant.numeric.sipmig'],
  ['  overload_control {', 'overload_control', 'storage.type.block.sipmig'],
  ['host pm1 { hardware poweredge }', 'hardware', 'variable.other.property.sipmig'],
  ['host pm1 { hardware poweredge }', 'poweredge', 'variable.other.reference.sipmig'],
  // Inside sip_application, `cluster sip_as` is a reference, not a block: no brace follows.
  ['  cluster sip_as', 'cluster', 'variable.other.property.sipmig'],
  ['  clock 1.87 GHz', 'clock', 'variable.other.property.sipmig'],
  ['  clock 1.87 GHz', '1.87', 'constant.numeric.sipmig'],
  ['  clock 1.87 GHz', 'GHz', 'keyword.other.unit.sipmig'],
  ['  speed_cap 32 MiB/s', 'MiB/s', 'keyword.other.unit.sipmig'],
  ['      start_above 70 % for 20 s', '%', 'keyword.other.unit.sipmig'],
  ['      start_above 70 % for 20 s', 'for', 'keyword.other.sipmig'],
  ['  redundancy 2N', 'N', 'keyword.other.unit.sipmig'],
  ['  cpu "Intel Xeon E5502"        # 2 cores', 'Intel Xeon E5502', 'string.quoted.double.sipmig'],
  ['  cpu "Intel Xeon E5502"        # 2 cores', '2 cores', 'comment.line.number-sign.sipmig'],
  ['  nic 4 x 1 Gbps for sip, cluster', 'x', 'keyword.other.sipmig'],
  ['  nic 4 x 1 Gbps for sip, cluster', 'sip', 'support.constant.enum.sipmig'],
  ['  virtio no', 'no', 'constant.language.boolean.sipmig'],
  ['  transport tcp                 // CSCF', 'tcp', 'support.constant.enum.sipmig'],
  ['  call_flow INVITE 100 180 PRACK 200', 'PRACK', 'support.constant.sip-method.sipmig'],
  ['  call_flow INVITE 100 180 PRACK 200', '180', 'constant.numeric.sipmig'],
  ['  migrate sipas1 from pm1 to pm3 at 120 s', 'migrate', 'variable.other.property.sipmig'],
  ['  migrate sipas1 from pm1 to pm3 at 120 s', 'sipas1', 'variable.other.reference.sipmig'],
  ['  migrate sipas1 from pm1 to pm3 at 120 s', 'at', 'keyword.other.sipmig'],
  ['  policy cpu_phases', 'cpu_phases', 'support.constant.enum.sipmig'],
  ['}', '}', 'punctuation.section.block.end.sipmig'],
];

describe('TextMate grammar', () => {
  it.each(cases)('%j: %s is %s', async (line, text, scope) => {
    const scopes = await scopesOf(line, text);
    expect(scopes, `scopes of "${text}" in ${JSON.stringify(line)}`).toContain(scope);
  });

  it('leaves no token of the paper samples without a scope beyond the root', async () => {
    for (const sample of ['active-migration.sipmig', 'standby-migration.sipmig']) {
      const text = readFileSync(path.resolve(__dirname, '../../samples/paper', sample), 'utf8');
      const lines = await tokenize(text);
      lines.forEach((tokens, i) => {
        for (const t of tokens) {
          if (!t.text.trim()) continue;
          expect(t.scopes.length, `${sample}:${i + 1} token ${JSON.stringify(t.text)} has only the root scope`).toBeGreaterThan(1);
        }
      });
    }
  });

  it('ends an unterminated string at the end of its line', async () => {
    const [first, second] = await tokenize('cpu "Intel\nsockets 2');
    expect(first.at(-1)?.scopes).toContain('string.quoted.double.sipmig');
    expect(second[0].scopes, 'the next line is a property again').toContain('variable.other.property.sipmig');
  });
});
