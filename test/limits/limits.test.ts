// Every documented limit (docs/limits.md) produces its diagnostic just past the limit, at the
// value to change, and not at the limit itself. The model's time budget is in budget.test.ts.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/language';
import { countUtf8, LIMITS } from '../../server/src/language/validation/rules/limits';
import { MAX_NESTING } from '../../server/src/language/syntax/parser';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { activeText as S, describeDiagnostics, edit, ROOT } from '../helpers';
import { codesOf, uriOf } from '../lsp/client';
import { useServer } from '../lsp/fixture';
import { tempDir } from '../tempDir';

/** The LIM001 diagnostics of a text, as "covered text: message". */
function limits(text: string): { at: string; message: string }[] {
  return analyze(text)
    .diagnostics.filter((d) => d.code === 'LIM001')
    .map((d) => ({ at: text.slice(d.start, d.end), message: d.message }));
}

function expectOne(text: string, at: string, message: RegExp): void {
  const found = limits(text);
  expect(found, `one LIM001 at ${JSON.stringify(at)} expected; got:\n${describeDiagnostics(analyze(text).diagnostics.slice(0, 20), text)}`).toHaveLength(1);
  expect(found[0].at).toBe(at);
  expect(found[0].message).toMatch(message);
}

function expectNone(text: string): void {
  expect(limits(text), 'no LIM001 at the limit itself').toEqual([]);
}

const LOAD = (s: string) => edit(s, 'sweep 0 cps to 40 cps step 5 cps', 'load 10 cps');

describe('documented limits', () => {
  it(`file size: ${LIMITS.maxFileBytes} bytes of UTF-8`, () => {
    const atLimit = '#' + 'x'.repeat(LIMITS.maxFileBytes - 1);
    expectNone(atLimit);
    const over = atLimit + 'x';
    expect(analyze(over).diagnostics.map((d) => d.code), 'the file is not analyzed at all: one diagnostic').toEqual(['LIM001']);
    expectOne(over, '', /^The file is 1\.0 MB \(1000001 bytes in UTF-8\); scenarios are limited to 1 MB \(1000000 bytes\)\.$/);
  });

  // Bytes, not characters: the editor counts what the file takes on disk, as the CLI does.
  for (const [name, ch] of [['2-byte é', 'é'], ['3-byte €', '€'], ['4-byte 😀 (a UTF-16 surrogate pair)', '😀']] as const) {
    it(`file size counts ${name} in bytes, as on disk: none at the limit, LIM001 one byte past it`, () => {
      const size = Buffer.byteLength(ch);
      const pad = (LIMITS.maxFileBytes - 1) % size;
      const atLimit = '#' + ch.repeat(Math.floor((LIMITS.maxFileBytes - 1) / size)) + 'x'.repeat(pad);
      expect(Buffer.byteLength(atLimit), 'test setup: exactly the limit').toBe(LIMITS.maxFileBytes);
      expect(atLimit.length, 'test setup: far fewer characters than bytes').toBeLessThan(LIMITS.maxFileBytes * 0.6);
      expectNone(atLimit);
      expectOne(atLimit + 'x', '', /\(1000001 bytes in UTF-8\); scenarios are limited to 1 MB/);
      expectOne(atLimit + ch, '', new RegExp(`\\(${LIMITS.maxFileBytes + size} bytes in UTF-8\\)`));
    });
  }

  it('file size: the count without Node (countUtf8) agrees with Buffer.byteLength', () => {
    for (const t of ['', 'abc', 'é€😀', 'x\ud800y', '\udc00', '\ud83d\ude00\ud83d', S]) expect(countUtf8(t), JSON.stringify(t)).toBe(Buffer.byteLength(t));
  });

  it('file size: a lone surrogate counts as the 3 bytes of U+FFFD it is written as', () => {
    const atLimit = '#' + '\ud800'.repeat(333_333);
    expect(Buffer.byteLength(atLimit)).toBe(LIMITS.maxFileBytes);
    expectNone(atLimit);
    expectOne(atLimit + 'x', '', /1000001 bytes/);
  });

  it('file size: the CLI refuses the file on disk with the same words, and checks it at the limit', () => {
    const dir = tempDir('size');
    const fill = (bytes: number) => S + '\n#' + 'é'.repeat(Math.floor(bytes / 2)) + (bytes % 2 ? 'x' : '') + '\n';
    const base = Buffer.byteLength(fill(0));
    const atLimit = fill(LIMITS.maxFileBytes - base);
    const over = fill(LIMITS.maxFileBytes - base + 1);
    expect([Buffer.byteLength(atLimit), Buffer.byteLength(over)], 'test setup').toEqual([LIMITS.maxFileBytes, LIMITS.maxFileBytes + 1]);
    const check = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return { path: p, ...spawnSync(process.execPath, [join(ROOT, 'server/bin/sipmig.js'), 'check', p], { encoding: 'utf8', timeout: 60_000 }) };
    };
    const ok = check('at-limit.sipmig', atLimit);
    expect(ok.status, `a file of exactly 1 MB is checked: ${ok.stderr}`).toBe(0);
    expect(limits(atLimit), 'and the editor agrees').toEqual([]);
    const bad = check('over.sipmig', over);
    expect(bad.status, 'one byte more is refused').toBe(1);
    const editor = limits(over);
    expect(editor, 'the editor refuses it too').toHaveLength(1);
    expect(bad.stderr.trim(), 'the same message as the editor').toBe(`sipmig: ${bad.path}: ${editor[0].message}`);
  });

  it(`lines: ${LIMITS.maxLines}`, () => {
    const lines = (n: number) => S + '\n'.repeat(n - S.split('\n').length);
    expect(lines(LIMITS.maxLines).split('\n')).toHaveLength(LIMITS.maxLines);
    expectNone(lines(LIMITS.maxLines));
    expectOne(lines(LIMITS.maxLines + 1), '', new RegExp(`more than ${LIMITS.maxLines} lines`));
  });

  it(`scenario duration: ${LIMITS.maxDurationS} s`, () => {
    const d = (s: number) => edit(edit(S, 'step 100 ms', 'step 1 s'), 'duration 420 s', `duration ${s} s`);
    expectNone(d(LIMITS.maxDurationS));
    expectOne(d(LIMITS.maxDurationS + 1), `${LIMITS.maxDurationS + 1} s`, /at most 86400 s \(one day\)/);
    // Written in days, as an operator might: one day is allowed, two are not.
    const days = (n: number) => LOAD(edit(edit(S, 'step 100 ms', 'step 1 s'), 'duration 420 s', `duration ${n} d`));
    expectNone(days(1));
    expectOne(days(2), '2 d', /at most 86400 s \(one day\); this one lasts 172800 s/);
  });

  it(`model steps per run: ${LIMITS.maxStepsPerRun}`, () => {
    // 20 000 s at 100 ms is exactly the limit (one run: a constant load).
    expectNone(LOAD(edit(S, 'duration 420 s', 'duration 20000 s')));
    expectOne(edit(S, 'step 100 ms', 'step 1 ms'), '1 ms', /420000 model steps per run is above the limit of 200000/);
  });

  it(`model steps per scenario (all sweep points): ${LIMITS.maxStepsPerScenario}`, () => {
    // 9 sweep points: 11 111 s is 999 990 steps in all, 11 112 s is 1 000 080.
    expectNone(edit(S, 'duration 420 s', 'duration 11111 s'));
    expectOne(edit(S, 'duration 420 s', 'duration 11112 s'), '5 cps', /9 runs of 111120 model steps are 1000080 steps in all, above the limit of 1000000/);
  });

  it(`sweep points: ${LIMITS.maxSweepPoints}`, () => {
    expectNone(edit(S, 'sweep 0 cps to 40 cps step 5 cps', 'sweep 0 cps to 199 cps step 1 cps'));
    expectOne(edit(S, 'sweep 0 cps to 40 cps step 5 cps', 'sweep 0 cps to 200 cps step 1 cps'), '1 cps', /201 points; at most 200/);
  });

  it(`offered load: ${LIMITS.maxLoadCps} cps, in each form of load`, () => {
    expectNone(edit(S, 'sweep 0 cps to 40 cps step 5 cps', 'load 10000 cps'));
    expectOne(edit(S, 'sweep 0 cps to 40 cps step 5 cps', 'load 10001 cps'), '10001 cps', /above the limit of 10000 cps/);
    expectOne(edit(S, 'sweep 0 cps to 40 cps step 5 cps', 'sweep 9901 cps to 10001 cps step 100 cps'), '10001 cps', /above the limit of 10000 cps/);
    expectOne(edit(S, 'sweep 0 cps to 40 cps step 5 cps', 'profile {\n    at 0 s 10 cps\n    at 60 s 10001 cps\n  }'), '10001 cps', /above the limit of 10000 cps/);
  });

  it(`migrations per scenario: ${LIMITS.maxMigrations}`, () => {
    // sipas1 back and forth between pm1 and pm3, 100 s apart (each takes about 60 s).
    const migrations = (n: number) => {
      const lines = Array.from({ length: n }, (_, i) => `  migrate sipas1 from ${i % 2 ? 'pm3' : 'pm1'} to ${i % 2 ? 'pm1' : 'pm3'} at ${120 + 100 * i} s`);
      return LOAD(edit(edit(S, 'duration 420 s', `duration ${200 + 100 * n} s`), '  migrate sipas1 from pm1 to pm3 at 120 s', lines.join('\n')));
    };
    expectNone(migrations(LIMITS.maxMigrations));
    const over = migrations(LIMITS.maxMigrations + 1);
    expectOne(over, 'migrate', /At most 50 migrations per scenario/);
    const d = analyze(over).diagnostics.find((x) => x.code === 'LIM001')!;
    expect(over.slice(d.start, over.indexOf('\n', d.start)), 'on the first migration past the limit').toBe(`migrate sipas1 from pm1 to pm3 at ${120 + 100 * LIMITS.maxMigrations} s`);
  });

  it(`diagnostics: the first ${LIMITS.maxDiagnostics}, then one that says more were found`, () => {
    const problems = (n: number) => S + '\n' + Array.from({ length: n }, (_, i) => `unknown_block_${i} 1`).join('\n');
    const at = analyze(problems(LIMITS.maxDiagnostics - 10)).diagnostics;
    expect(at.filter((d) => d.code === 'LIM001'), 'no cut below the limit').toEqual([]);
    const over = analyze(problems(LIMITS.maxDiagnostics + 500)).diagnostics;
    expect(over).toHaveLength(LIMITS.maxDiagnostics + 1);
    expect(over.at(-1)!.code).toBe('LIM001');
    expect(over.at(-1)!.message).toMatch(/Too many problems: only the first 1000 are shown \(\d+ more found\)/);
  });

  it('syntax errors: at most 1000, then the same cut', () => {
    const ds = analyze('}\n'.repeat(1500)).diagnostics;
    expect(ds.filter((d) => d.code === 'SYN003')).toHaveLength(1000);
    expect(ds.at(-1)!.code).toBe('LIM001');
  });

  it(`block nesting: ${MAX_NESTING} levels (SYN005)`, () => {
    const nest = (n: number) => S + '\nmodel ' + '{ a\n'.repeat(n) + '}'.repeat(n) + '\n';
    expect(analyze(nest(MAX_NESTING)).diagnostics.map((d) => d.code)).not.toContain('SYN005');
    const over = nest(MAX_NESTING + 1);
    const d = analyze(over).diagnostics.filter((x) => x.code === 'SYN005');
    expect(d, 'one SYN005').toHaveLength(1);
    expect(d[0].message).toMatch(/nested deeper than 16 levels/);
    const model = over.indexOf('\nmodel ');
    expect(over.slice(model, d[0].start).split('{').length - 1, 'on the 17th brace of the model block').toBe(MAX_NESTING);
  });
});

describe('file size in the language server', () => {
  const server = useServer();

  it('publishes the byte-counted LIM001 for a document of multi-byte characters, and nothing at the limit', async () => {
    const c = server();
    const atLimit = '#' + '€'.repeat((LIMITS.maxFileBytes - 1) / 3);
    expect(Buffer.byteLength(atLimit), 'test setup').toBe(LIMITS.maxFileBytes);
    const uri = uriOf('size-euro.sipmig');
    c.open(uri, atLimit, 1);
    const at = await c.waitForDiagnostics(uri, (p) => p.version === 1, 30_000);
    expect(codesOf(at.diagnostics), 'no LIM001 at exactly 1 MB').not.toContain('LIM001');
    c.change(uri, 2, atLimit + 'é');
    const over = await c.waitForDiagnostics(uri, (p) => p.version === 2, 30_000);
    expect(over.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([`LIM001: ${limits(atLimit + 'é')[0].message}`]);
    expect(over.diagnostics[0].message).toContain('(1000002 bytes in UTF-8)');
  });
});
