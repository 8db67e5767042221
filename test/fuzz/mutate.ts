// Seeded mutations of scenario text for fuzzing: token and line edits, random bytes and
// Unicode, truncation, extreme numbers, deep nesting, very long lines, odd line ends and
// markup in names. Deterministic for a given seed so a failure can be replayed.

/** mulberry32: a tiny, good-enough PRNG with a 32-bit state. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, n: number) => Math.floor(r() * n);

const NUMBERS = ['0', '-1', '1e308', '-1e308', '1e-320', '999999999999999999999', 'NaN', 'Infinity', '-0', '0.0000001', '1.', '.5', '00012', '4294967296', '1e6'];
const UNITS = ['s', 'ms', '%', 'cps', 'GiB', 'MiB/s', 'Gbps', 'GHz', 'N', 'xyz', ''];
const HOSTILE = ['<img src=x onerror=alert(1)>', '**bold**', '[link](command:workbench.action.quit)', '`code`', '</script><script>alert(1)</script>', '"quoted"', '\u202e', '\u0000', '😀', 'a'.repeat(300)];

function tokens(text: string): string[] {
  return text.split(/(\s+)/);
}

const MUTATORS: ((t: string, r: Rand) => string)[] = [
  // delete a token
  (t, r) => {
    const ts = tokens(t);
    ts.splice(int(r, ts.length), 1);
    return ts.join('');
  },
  // duplicate a token
  (t, r) => {
    const ts = tokens(t);
    const i = int(r, ts.length);
    ts.splice(i, 0, ts[i] ?? '');
    return ts.join('');
  },
  // swap two tokens
  (t, r) => {
    const ts = tokens(t);
    const i = int(r, ts.length);
    const j = int(r, ts.length);
    [ts[i], ts[j]] = [ts[j], ts[i]];
    return ts.join('');
  },
  // delete, duplicate or swap lines
  (t, r) => {
    const ls = t.split('\n');
    const i = int(r, ls.length);
    const op = int(r, 3);
    if (op === 0) ls.splice(i, 1);
    else if (op === 1) ls.splice(i, 0, ls[i]);
    else {
      const j = int(r, ls.length);
      [ls[i], ls[j]] = [ls[j], ls[i]];
    }
    return ls.join('\n');
  },
  // random bytes / Unicode at a random place
  (t, r) => {
    const i = int(r, t.length + 1);
    let s = '';
    for (let k = 0; k < 1 + int(r, 8); k++) s += String.fromCharCode(int(r, r() < 0.5 ? 128 : 0xffff));
    return t.slice(0, i) + s + t.slice(i);
  },
  // truncate
  (t, r) => t.slice(0, int(r, t.length + 1)),
  // replace a number with an extreme or odd one, maybe with another unit
  (t, r) => {
    const nums = [...t.matchAll(/-?\d+(\.\d+)?/g)];
    if (!nums.length) return t;
    const m = pick(r, nums);
    const unit = r() < 0.3 ? ' ' + pick(r, UNITS) : '';
    return t.slice(0, m.index) + pick(r, NUMBERS) + unit + t.slice(m.index! + m[0].length);
  },
  // deep nesting
  (t, r) => {
    const d = 1 + int(r, 200);
    return t + '\nmodel ' + '{ a '.repeat(d) + '}'.repeat(int(r, d + 1));
  },
  // a very long line
  (t, r) => {
    const i = int(r, t.length + 1);
    return t.slice(0, i) + pick(r, ['x', '1 ', '{', '"', 'a,', '%']).repeat(100_000 / 2) + t.slice(i);
  },
  // CRLF or lone CR line ends
  (t, r) => t.replace(/\n/g, r() < 0.5 ? '\r\n' : '\r'),
  // hostile text in names
  (t, r) => {
    const names = [...t.matchAll(/\b(pm\d|sipas\d|sip_as|poweredge|cgl_sipas)\b/g)];
    if (!names.length) return t;
    const m = pick(r, names);
    return t.slice(0, m.index) + JSON.stringify(pick(r, HOSTILE)) + t.slice(m.index! + m[0].length);
  },
];

/** Applies 1 to 4 random mutations. */
export function mutate(text: string, r: Rand): string {
  let t = text;
  for (let k = 0; k < 1 + int(r, 4); k++) t = pick(r, MUTATORS)(t, r);
  return t;
}

/**
 * A mutation that keeps the scenario runnable most of the time: new values, within their
 * documented ranges, for the settings the model reads (sweep, speed cap, downtime, start of a
 * migration, duration, step). Used to drive the model path of the language server; callers
 * keep only the results that still analyze without errors.
 */
export function mutateValid(text: string, r: Rand): string {
  const edits: [RegExp, () => string][] = [
    [/sweep \d+ cps to \d+ cps step \d+ cps/, () => {
      const from = int(r, 50);
      return `sweep ${from} cps to ${from + 5 + int(r, 200)} cps step ${pick(r, [1, 5, 10, 25, 50])} cps`;
    }],
    [/speed_cap \d+ (MiB|GiB)\/s/, () => `speed_cap ${1 + int(r, 1000)} MiB/s`],
    [/max_downtime \d+ ms/, () => `max_downtime ${1 + int(r, 2000)} ms`],
    [/ at \d+ s\n/, () => ` at ${int(r, 300)} s\n`],
    // Mostly short scenarios; now and then one long enough to hit the model's time budget.
    [/duration \d+ s/, () => `duration ${r() < 0.15 ? 5000 + int(r, 15_000) : 300 + int(r, 900)} s`],
    [/step \d+ ms/, () => `step ${pick(r, [50, 100, 200, 500, 1000])} ms`],
  ];
  let t = text;
  for (let k = 0; k < 1 + int(r, 3); k++) {
    const [re, value] = pick(r, edits);
    t = t.replace(re, value);
  }
  return t;
}
