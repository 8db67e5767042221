// The parser: every construct of the language parses, every node knows its range, and a
// typo gives one precise diagnostic while the rest of the file is still parsed and checked.
import { describe, expect, it } from 'vitest';
import { parse } from '../../server/src/language/syntax/parser';
import { analyze } from '../../server/src/language';
import { allBlockDefs, BLOCKS } from '../../server/src/language/schema/blocks';
import { activeText, describeDiagnostics, edit } from '../helpers';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';

describe('parser', () => {
  it('parses the paper sample into its 14 top-level blocks without errors', () => {
    const d = parse(activeText);
    expect(d.errors).toEqual([]);
    expect(d.members.map((m) => m.key.text)).toEqual(['scenario', 'hardware', 'host', 'host', 'host', 'storage', 'network', 'flavor', 'vm', 'vm', 'cluster', 'sip_application', 'workload', 'migration']);
  });

  it('gives every node a range that covers its text', () => {
    const d = parse(activeText);
    const migration = d.members.at(-1)!;
    const migrate = migration.body!.members.find((m) => m.key.text === 'migrate')!;
    expect(activeText.slice(migrate.start, migrate.end)).toBe('migrate sipas1 from pm1 to pm3 at 120 s');
    const at = migrate.args.at(-1)!;
    expect(activeText.slice(at.start, at.end)).toBe('120 s');
    expect(at).toMatchObject({ kind: 'number', value: 120, unit: 's' });
    expect(activeText.slice(migration.start, migration.end).startsWith('migration {')).toBe(true);
    expect(activeText.slice(migration.start, migration.end).endsWith('}')).toBe(true);
  });

  it('reads quantities with units, rates with a slash, percentages and 2N', () => {
    const d = parse('x 32 MiB/s 70 % 1.87 GHz 2N -5 ms 1e3 cps "quoted \\"name\\""\n');
    const args = d.members[0].args;
    expect(args.map((a) => [a.kind, a.value, a.unit])).toEqual([
      ['number', 32, 'MiB/s'],
      ['number', 70, '%'],
      ['number', 1.87, 'GHz'],
      ['number', 2, 'N'],
      ['number', -5, 'ms'],
      ['number', 1000, 'cps'],
      ['string', undefined, undefined],
    ]);
    expect(args.at(-1)!.text).toBe('quoted "name"');
  });

  it('keeps comments (# and //) out of the tree but in the document', () => {
    const d = parse('# one\nx 1 // two\n');
    expect(d.comments.map((c) => c.text)).toEqual(['# one', '// two']);
    expect(d.members[0].args.map((a) => a.text)).toEqual(['1']);
  });

  it('treats CRLF, lone CR and ; as line ends', () => {
    for (const nl of ['\r\n', '\r', ';']) {
      const d = parse(`a 1${nl}b 2${nl}`);
      expect(d.members.map((m) => m.key.text), `line end ${JSON.stringify(nl)}`).toEqual(['a', 'b']);
    }
  });

  it('every block example of the language reference parses and binds without errors', () => {
    for (const b of allBlockDefs()) {
      const d = parse(b.example);
      expect(d.errors, `example of '${b.kind}'`).toEqual([]);
    }
    // Each property example, placed in its block, binds (no schema or unit errors).
    for (const b of BLOCKS) {
      for (const p of b.props) {
        const header = b.name === 'none' ? b.kind : `${b.kind} x`;
        const a = analyze(`${header} {\n  ${p.example}\n}\n`);
        const shape = a.diagnostics.filter((x) => /^(SCH00[1-4]|UNIT|VAL|SYN)/.test(x.code));
        expect(shape, `example \`${p.example}\` in '${b.kind}':\n${describeDiagnostics(shape, p.example)}`).toEqual([]);
      }
    }
  });

  it('every bundled sample has no errors or warnings', () => {
    for (const dir of ['samples/paper', 'samples/modern']) {
      for (const f of readdirSync(join(ROOT, dir)).filter((x) => x.endsWith('.sipmig'))) {
        const text = readFileSync(join(ROOT, dir, f), 'utf8');
        const bad = analyze(text).diagnostics.filter((d) => d.severity !== 'info');
        expect(bad, `${dir}/${f}:\n${describeDiagnostics(bad, text)}`).toEqual([]);
      }
    }
  });
});

describe('error recovery', () => {
  it('one typo gives exactly one diagnostic, and later blocks are still checked', () => {
    const typo = edit(activeText, 'cores_per_socket 2', 'cores_per_sockt 2');
    const withLaterError = edit(typo, 'standby sipas2 on pm2', 'standby sipas2 on pm1');
    const a = analyze(withLaterError);
    const relevant = a.diagnostics.filter((d) => d.severity !== 'info');
    expect(relevant.map((d) => d.code).sort(), describeDiagnostics(relevant, withLaterError)).toEqual(['HA001', 'SCH001']);
    const sch = relevant.find((d) => d.code === 'SCH001')!;
    expect(withLaterError.slice(sch.start, sch.end)).toBe('cores_per_sockt');
    expect(sch.message).toContain("Did you mean 'cores_per_socket'?");
  });

  it('a missing closing brace is reported once, at the block that is not closed', () => {
    const text = edit(activeText, 'vm sipas1 { flavor cgl_sipas }', 'vm sipas1 { flavor cgl_sipas');
    const a = analyze(text);
    const syn = a.diagnostics.filter((d) => d.code.startsWith('SYN'));
    expect(syn.length, describeDiagnostics(syn, text)).toBe(1);
    expect(syn[0].message).toContain("'vm sipas1'");
  });

  it('never throws, whatever the input', () => {
    const inputs = ['', '{', '}', '"', '{{{{}}}}}}', 'a { b { c { d', '\u0000\u0001', 'x '.repeat(10_000), '%%%,,,', 'host "a b" {}', '1 2 3 {', '\ud800'];
    for (const input of inputs) expect(() => analyze(input), JSON.stringify(input.slice(0, 20))).not.toThrow();
  });
});
