// Shared test helpers: the paper samples and exact-text mutations that fail loudly when
// the text they edit is not there (so a mutation test can never pass by editing nothing).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Diagnostic } from '../server/src/language';

export const ROOT = join(__dirname, '..');
export const ACTIVE_SAMPLE = join(ROOT, 'samples/paper/active-migration.sipmig');
export const STANDBY_SAMPLE = join(ROOT, 'samples/paper/standby-migration.sipmig');
export const activeText = readFileSync(ACTIVE_SAMPLE, 'utf8');

export function edit(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0) throw new Error(`test setup: ${JSON.stringify(from)} is not in the text`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

export function codes(text: string): string[] {
  return analyze(text).diagnostics.map((d) => d.code);
}

export function describeDiagnostics(ds: Diagnostic[], text: string): string {
  return ds.map((d) => `${d.code} ${JSON.stringify(text.slice(d.start, d.end))}: ${d.message}`).join('\n') || '(none)';
}
