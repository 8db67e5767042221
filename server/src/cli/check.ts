// `sipmig check FILE...`: diagnostics as `path:line:col - severity CODE: message`.
import { analyze, type Diagnostic } from '../language';
import { LineIndex } from '../language/lineIndex';
import { readScenario } from './files';
import type { CliIo } from './io';

export interface FileDiagnostics {
  file: string;
  diagnostics: (Omit<Diagnostic, 'fixes' | 'related'> & { line: number; column: number; endLine: number; endColumn: number })[];
}

export function checkFiles(files: string[], json: boolean, io: CliIo): number {
  const results: FileDiagnostics[] = [];
  let errors = 0;
  let usage = false;
  for (const file of files) {
    const read = readScenario(file);
    if (!read.ok) {
      io.err(`sipmig: ${read.message}`);
      if (read.usage) usage = true;
      else errors++;
      continue;
    }
    const a = analyze(read.text);
    const idx = new LineIndex(read.text);
    const diagnostics = a.diagnostics.map(({ fixes: _f, related: _r, ...d }) => {
      const s = idx.position(d.start);
      const e = idx.position(d.end);
      return { ...d, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
    });
    errors += diagnostics.filter((d) => d.severity === 'error').length;
    results.push({ file, diagnostics });
  }
  if (json) io.out(JSON.stringify({ files: results }, null, 2));
  else for (const r of results) for (const d of r.diagnostics) io.out(`${r.file}:${d.line}:${d.column} - ${d.severity} ${d.code}: ${d.message}`);
  if (usage) return 2;
  return errors > 0 ? 1 : 0;
}
