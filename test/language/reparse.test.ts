// parse(text, previous) keeps the top-level blocks an edit did not touch and parses only the
// lines between (syntax/parser.ts). It must give exactly what parsing the whole text gives:
// here on thousands of random edits, chained as an editor sends them, each checked against a
// full parse. And it must actually keep blocks, or it is only slower.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../server/src/language/syntax/parser';
import { analyze } from '../../server/src/language';
import { mutate, rng } from '../fuzz/mutate';
import { edit as replaceOnce, ROOT } from '../helpers';
import { generateScenario } from '../../scripts/bench/generate';

const SAMPLES = ['paper/active-migration', 'paper/standby-migration', 'modern/maintenance-window', 'modern/virtio-25g'].map((n) => readFileSync(join(ROOT, 'samples', `${n}.sipmig`), 'utf8'));

/** The paper sample followed by an operator's inventory, about `lines` lines (as a large real file looks). */
const inventory = (lines: number) => generateScenario(ROOT, lines);

const SNIPPETS = ['x', ' ', '\n', '\r', '\r\n', '{', '}', '"', '#', ';', '5', ' s', '%', ',', '\u00e9', 'host h9 {\n', '}\n', '  load 40 cps\n', '// note', '"a b"', '{ }', '\n\n'];

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);

/** One edit as a user or a paste makes it: insert, delete or replace a few characters or lines. */
function edit(text: string, r: Rand): string {
  const at = int(r, text.length + 1);
  switch (int(r, 6)) {
    case 0:
      return text.slice(0, at) + SNIPPETS[int(r, SNIPPETS.length)] + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + int(r, 20));
    case 2:
      return text.slice(0, at) + SNIPPETS[int(r, SNIPPETS.length)] + text.slice(at + 1 + int(r, 5));
    case 3: {
      // A whole line deleted or duplicated.
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const end = text.indexOf('\n', at);
      const line = text.slice(start, end < 0 ? text.length : end + 1);
      return r() < 0.5 ? text.slice(0, start) + text.slice(start + line.length) : text.slice(0, start) + line + text.slice(start);
    }
    case 4: {
      // The fuzz mutations (markup, odd line ends, deep nesting, extreme numbers...), but not
      // their 100 000-character lines: the fuzz suites cover those, and here they would only
      // make each comparison slow.
      const m = mutate(text, r);
      return m.length < text.length + 2000 ? m : text;
    }
    default:
      // Retyping the same character: the text does not change.
      return text;
  }
}

function expectSameAsFullParse(text: string, previous: ReturnType<typeof parse>, what: string) {
  const incremental = parse(text, previous);
  const full = parse(text);
  // JSON first (fast); toStrictEqual to show where they differ.
  if (JSON.stringify(incremental) !== JSON.stringify(full)) expect(incremental, `${what}: the re-parse must equal a full parse`).toStrictEqual(full);
  return incremental;
}

describe('re-parsing after an edit', () => {
  it('gives what a full parse gives, edit after edit, on the samples (3 000 edits)', () => {
    const r = rng(20261126);
    for (let chain = 0; chain < 150; chain++) {
      let text = SAMPLES[chain % SAMPLES.length];
      let doc = parse(text);
      for (let k = 0; k < 20; k++) {
        const next = edit(text, r);
        doc = expectSameAsFullParse(next, doc, `chain ${chain}, edit ${k}`);
        text = next;
      }
    }
  });

  it('gives what a full parse gives on a 2 000-line file (200 edits)', () => {
    const r = rng(7);
    let text = inventory(2000);
    let doc = parse(text);
    for (let k = 0; k < 200; k++) {
      const next = edit(text, r);
      doc = expectSameAsFullParse(next, doc, `edit ${k}`);
      text = next;
    }
  });

  it('keeps the blocks before and after the edit, and leaves the earlier tree as it was', () => {
    const text = inventory(2500);
    const before = parse(text);
    const frozen = structuredClone(before);
    // A keystroke that makes the file one character longer, in the middle.
    const edited = replaceOnce(text, 'host rack50_a {', 'host rack50_ax {');
    const after = parse(edited, before);
    const kept = after.members.filter((m) => before.members.includes(m)).length;
    expect(kept, `top-level blocks kept from the earlier parse, of ${before.members.length}`).toBeGreaterThan(before.members.length / 2 - 5);
    expect(after.members.length).toBe(before.members.length);
    expect(before, 'the earlier parse (still used by the earlier analysis) is not changed').toStrictEqual(frozen);
    // Blocks after the edit moved by one character: copies, equal to a full parse's.
    expect(after).toStrictEqual(parse(edited));
  });

  it('parses everything again when an edit leaves a block unclosed, and when it closes it again', () => {
    const text = inventory(600);
    const open = replaceOnce(text, 'host rack5_a { hardware hw_5 }', 'host rack5_a { hardware hw_5 ');
    const doc = expectSameAsFullParse(open, parse(text), 'closing brace deleted');
    expect(doc.errors.map((e) => e.code)).toContain('SYN006');
    expectSameAsFullParse(text, doc, 'closing brace typed again');
  });

  it('reaches analyze: the same diagnostics and runs with the earlier analysis as without', () => {
    const text = inventory(1300);
    const edited = replaceOnce(text, 'duration 420 s', 'duration 421 s');
    const a = analyze(edited, analyze(text));
    const b = analyze(edited);
    expect(a.diagnostics).toStrictEqual(b.diagnostics);
    expect(a.runs).toStrictEqual(b.runs);
  });
});

describe('analyzing after an edit', () => {
  /**
   * Everything an analysis gives that later stages and the editor read, as JSON (maps and sets
   * as lists of their entries: JSON.stringify alone would write the bound properties and the
   * entities' hosts and VMs as `{}`).
   */
  const facts = (a: ReturnType<typeof analyze>) =>
    JSON.stringify([a.diagnostics, a.bound, a.entities, a.runs, a.document], (_key, v: unknown) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v));

  it('gives what analyzing from scratch gives, edit after edit (1 200 edits)', () => {
    const r = rng(1126);
    for (let chain = 0; chain < 60; chain++) {
      let text = chain % 6 === 5 ? inventory(800) : SAMPLES[chain % SAMPLES.length];
      let a = analyze(text);
      for (let k = 0; k < 20; k++) {
        const next = edit(text, r);
        const incremental = analyze(next, a);
        const full = analyze(next);
        if (facts(incremental) !== facts(full)) {
          expect(incremental.diagnostics, `chain ${chain}, edit ${k}: diagnostics`).toStrictEqual(full.diagnostics);
          expect(facts(incremental), `chain ${chain}, edit ${k}: bound blocks, entities, runs and tree must equal a fresh analysis`).toBe(facts(full));
        }
        a = incremental;
        text = next;
      }
    }
  });

  it('takes the binding of every block the edit did not touch from the earlier analysis', () => {
    const text = inventory(2500);
    const before = analyze(text);
    // The same length: the blocks after the edit are the earlier parse's too.
    const edited = replaceOnce(text, 'host rack50_a { hardware hw_50 }', 'host rack50_a { hardware hw_5x }');
    const after = analyze(edited, before);
    const reused = after.bound.blocks.filter((b) => before.bound.blocks.includes(b)).length;
    expect(reused, `bound blocks taken from the earlier analysis, of ${after.bound.blocks.length}`).toBe(after.bound.blocks.length - 1);
    expect(after.diagnostics.map((d) => d.code), 'the misspelt profile is reported').toContain('NAME001');
    expect(facts(after)).toBe(facts(analyze(edited)));
  });

  it('binds again when the diagnostics reach their limit before a block (binding would stop early)', () => {
    // 1 100 unknown lines before the sample, or a comment of the same length: the sample's
    // blocks after them keep their identity, but with the errors the report is full before
    // they are bound, and a fresh analysis binds none of them.
    const errors = 'bogus 1\n'.repeat(1100);
    const comment = '#' + 'x'.repeat(errors.length - 2) + '\n';
    const quiet = comment + SAMPLES[0];
    const noisy = errors + SAMPLES[0];
    const fromQuiet = analyze(noisy, analyze(quiet));
    expect(fromQuiet.bound.blocks, 'no block bound once 1 000 problems are reported').toHaveLength(0);
    expect(facts(fromQuiet), 'errors added before the blocks').toBe(facts(analyze(noisy)));
    expect(facts(analyze(quiet, analyze(noisy))), 'errors removed before the blocks').toBe(facts(analyze(quiet)));
  });
});
