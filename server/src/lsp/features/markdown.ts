// Markdown for hovers and completion documentation. Everything that comes from the
// scenario (names, strings) goes through `md()` so that a name like `<img src=x>` or
// `[x](command:...)` is shown as text, never as markup, HTML or a link.

const PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~]/g;

/** Text from the scenario, safe inside markdown (also inside table cells). */
export function md(text: string): string {
  return String(text)
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(PUNCTUATION, (c) => '\\' + c);
}

/** A fenced code block whose fence is longer than any backtick run in the content. */
export function codeBlock(content: string, lang = 'sipmig'): string {
  const longest = Math.max(2, ...Array.from(content.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${content}\n${fence}`;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Numbers for people: no trailing zeros, at most `digits` decimals. */
export function num(v: number, digits = 1): string {
  if (!Number.isFinite(v)) return '–';
  return String(+v.toFixed(digits));
}

/** "0 cps" / "0–40 cps" for a set of values (en dash for ranges). */
export function span(values: number[], unit: string, digits = 1): string {
  if (!values.length) return '–';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? `${num(lo, digits)} ${unit}` : `${num(lo, digits)}–${num(hi, digits)} ${unit}`;
}
