// Parse + validate throughput on generated scenarios (1x, 10x, 100x of 100 lines), next to
// JSON.parse of an equivalent JSON document as the ceiling.
import { analyze } from '../../server/src/language';
import { parse } from '../../server/src/language/syntax/parser';
import { generateScenario, toEquivalentJson } from './generate';
import { median, time } from './timing';

export function bench(root: string) {
  const rows: { name: string; value: number; unit: string; goal?: string }[] = [];
  for (const lines of [100, 1000, 10000]) {
    const text = generateScenario(root, lines);
    const errors = analyze(text).diagnostics.filter((d) => d.severity === 'error').length;
    if (errors) throw new Error(`generated ${lines}-line scenario has ${errors} errors`);
    const mb = text.length / 1e6;
    const ms = time(() => analyze(text));
    rows.push({ name: `analyze ${lines} lines (${(text.length / 1024).toFixed(0)} KiB)`, value: ms, unit: 'ms' });
    if (lines === 10000) {
      const json = toEquivalentJson(text);
      const parseMs = time(() => parse(text));
      const jsonMs = time(() => JSON.parse(json));
      rows.push({ name: 'parse only, 10000 lines', value: parseMs, unit: 'ms' });
      // A keystroke: one character typed in the middle, analyzed with the earlier analysis (as
      // the language server does), which keeps the top-level blocks the edit did not touch.
      const earlier = analyze(text);
      const mid = text.indexOf('\nhost ', text.length >> 1) + 1;
      const typed = text.slice(0, mid) + '#' + text.slice(mid);
      // (Warmed up for 300 ms: the re-parse's code is compiled only after a few calls.)
      rows.push({ name: 'analyze 10000 lines after typing one character (with the earlier analysis)', value: time(() => analyze(typed, earlier), 10, 500, 300), unit: 'ms' });
      rows.push({ name: 'parse + validate throughput', value: mb / (ms / 1000), unit: 'MB/s', goal: '>= 1/10 of JSON.parse' });
      rows.push({ name: 'JSON.parse throughput (equivalent JSON)', value: json.length / 1e6 / (jsonMs / 1000), unit: 'MB/s' });
      // The spread behind the median: every analysis of a steady run of 20, garbage collection
      // included, as wall time (mean) and as CPU time of the process (GC threads included).
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < 20; i++) {
        const c = process.cpuUsage();
        const t = performance.now();
        analyze(text);
        wall.push(performance.now() - t);
        const d = process.cpuUsage(c);
        cpu.push((d.user + d.system) / 1000);
      }
      rows.push({ name: 'analyze 10000 lines, mean of 20 (wall, GC included)', value: wall.reduce((a, b) => a + b) / wall.length, unit: 'ms' });
      rows.push({ name: 'analyze 10000 lines, CPU time, median of 20', value: median(cpu), unit: 'ms' });
    }
  }
  const sample = generateScenario(root, 0);
  rows.push({ name: 'analyze paper sample (one keystroke, fast path)', value: time(() => analyze(sample), 50), unit: 'ms', goal: '<= 30 ms p95 (with LSP)' });
  return rows;
}
