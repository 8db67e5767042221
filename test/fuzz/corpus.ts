// What both fuzz passes share: the seed scenarios (every bundled sample), the input counts
// and seed (FUZZ_N, FUZZ_LSP_N, FUZZ_SEED; `npm run fuzz -- --n N` sets FUZZ_N) and the
// regression fixtures (test/fuzz/crashers: inputs that once broke something).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';

/** Inputs of the language-core pass (analyze() in process). */
export const CORE_N = Number(process.env.FUZZ_N ?? 10_000);
/**
 * Inputs of the language-server pass (over stdio, with requests after each): a twentieth of
 * the core pass by default, since each costs a protocol round trip and, when valid, a model run.
 */
export const LSP_N = Number(process.env.FUZZ_LSP_N ?? Math.ceil(CORE_N / 20));
export const SEED = Number(process.env.FUZZ_SEED ?? 20161125);

export const SEEDS: string[] = ['samples/paper', 'samples/modern'].flatMap((d) =>
  readdirSync(join(ROOT, d))
    .filter((f) => f.endsWith('.sipmig'))
    .sort()
    .map((f) => readFileSync(join(ROOT, d, f), 'utf8')),
);

export const CRASHERS = join(ROOT, 'test/fuzz/crashers');

/** The regression fixtures, by file name. */
export function readCrashers(): { name: string; text: string }[] {
  try {
    return readdirSync(CRASHERS)
      .filter((f) => f.endsWith('.sipmig'))
      .sort()
      .map((f) => ({ name: f, text: readFileSync(join(CRASHERS, f), 'utf8') }));
  } catch {
    return [];
  }
}

/** Saves an input that broke something, so that it becomes a regression fixture; returns its path. */
export function saveCrasher(name: string, text: string): string {
  mkdirSync(CRASHERS, { recursive: true });
  const file = join(CRASHERS, name);
  writeFileSync(file, text);
  return file;
}

/**
 * LSP line lengths (UTF-16 code units, line breaks excluded) of a text: `\r\n`, `\r` and `\n`
 * all end a line, as the protocol says.
 */
export function lspLineLengths(text: string): number[] {
  const lengths: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lengths.push(i - start);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lengths.push(text.length - start);
  return lengths;
}
