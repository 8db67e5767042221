// The canonical layout (server/src/language/format.ts): fixed points, idempotence, every
// comment kept, meaning unchanged, refusal on syntax errors.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from '../../server/src/language/format';
import { analyze } from '../../server/src/language';
import { lex } from '../../server/src/language/syntax/lexer';
import { ROOT } from '../helpers';

const samples = ['samples/paper', 'samples/modern'].flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.sipmig')).map((f) => join(d, f)));

const MESSY = `# top


 scenario "x"{duration 420s;step 100 ms}
host   pm1{hardware   poweredge}   # c1
cluster c {

  redundancy 2 N
 active a on pm1   # trailing


   # own line
 nic 4 x 1 Gbps for sip ,cluster

}


`;

const MESSY_FORMATTED = `# top

scenario "x" {
  duration 420 s
  step 100 ms
}
host pm1 { hardware poweredge }    # c1
cluster c {
  redundancy 2N
  active a on pm1  # trailing

  # own line
  nic 4 x 1 Gbps for sip, cluster
}
`;

describe('format', () => {
  it('leaves the paper samples as they are (they are written in the canonical layout)', () => {
    for (const f of samples.filter((s) => s.includes('paper'))) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      expect(format(text), `${f} should be a fixed point of the formatter`).toBe(text);
    }
  });

  it('lays out a messy scenario canonically', () => {
    expect(format(MESSY)).toBe(MESSY_FORMATTED);
  });

  it('is idempotent on every sample and on messy input', () => {
    for (const text of [MESSY, ...samples.map((f) => readFileSync(join(ROOT, f), 'utf8'))]) {
      const once = format(text)!;
      expect(once, 'format should accept a text without syntax errors').not.toBeNull();
      expect(format(once), 'formatting twice should give the same text as formatting once').toBe(once);
    }
  });

  it('keeps every comment, in order', () => {
    for (const text of [MESSY, ...samples.map((f) => readFileSync(join(ROOT, f), 'utf8'))]) {
      const before = lex(text).comments.map((c) => c.image.trimEnd());
      const after = lex(format(text)!).comments.map((c) => c.image);
      expect(after).toEqual(before);
    }
  });

  it('does not change what a scenario means (same diagnostics, same model input)', () => {
    for (const f of samples) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      const a = analyze(text);
      const b = analyze(format(text)!);
      expect(b.diagnostics.map((d) => `${d.code} ${d.message}`), f).toEqual(a.diagnostics.map((d) => `${d.code} ${d.message}`));
      expect(JSON.stringify(b.runs), `${f}: the formatted text should lower to the same runs`).toBe(JSON.stringify(a.runs));
    }
  });

  it('expands a one-line block with several members and collapses nothing else', () => {
    expect(format('host a { hardware h; sockets 2 }\n')).toBe('host a {\n  hardware h\n  sockets 2\n}\n');
    expect(format('storage s {\n  type nfs\n}\n')).toBe('storage s {\n  type nfs\n}\n');
    expect(format('vm v {}\n')).toBe('vm v { }\n');
  });

  it('keeps CRLF line endings and a byte-order mark', () => {
    expect(format('\ufeffhost a {\r\n   hardware h\r\n}\r\n')).toBe('\ufeffhost a {\r\n  hardware h\r\n}\r\n');
  });

  it('refuses (null) a text with syntax errors instead of moving lines into the wrong block', () => {
    expect(format('host a {\n  hardware h\n')).toBeNull();
    expect(format('host a }\n')).toBeNull();
    expect(format('cpu "unterminated\n')).toBeNull();
  });
});
