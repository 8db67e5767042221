// Reading scenario files for the CLI with clear messages for everything that is not a
// readable text scenario (missing, directory, binary, empty, too big).
import { readFileSync, statSync } from 'node:fs';
import { fileSizeMessage } from '../language/validation/rules/limits';
import { analyze, type Analysis } from '../language';
import { checkFiles } from './check';
import type { CliIo } from './io';

export type ReadResult = { ok: true; text: string } | { ok: false; message: string; usage: boolean };

export function readScenario(path: string): ReadResult {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { ok: false, message: `${path}: is a directory, not a scenario file`, usage: true };
    size = st.size;
  } catch {
    return { ok: false, message: `${path}: no such file`, usage: true };
  }
  // Bytes on disk are the UTF-8 bytes the editor counts (LIM001): the same limit and words,
  // checked before reading so that a huge file is never loaded. analyze() checks the text again.
  const tooBig = fileSizeMessage(size);
  if (tooBig) return { ok: false, message: `${path}: ${tooBig}`, usage: false };
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    return { ok: false, message: `${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, usage: false };
  }
  if (buf.length === 0) return { ok: false, message: `${path}: the file is empty; a scenario needs at least a cluster, a sip_application and a workload`, usage: false };
  if (buf.includes(0)) return { ok: false, message: `${path}: looks like a binary file, not a sipmig scenario`, usage: false };
  return { ok: true, text: buf.toString('utf8') };
}

export type Loaded = { ok: true; text: string; analysis: Analysis } | { ok: false; code: number };

/**
 * Reads and analyzes a scenario for a command that needs a valid one (run, report, advise):
 * says why when it cannot (unreadable: exit 2 for a usage mistake, 1 otherwise; errors in the
 * scenario: printed as `sipmig check` would, exit 1).
 */
export function loadCheckedScenario(file: string, io: CliIo): Loaded {
  const read = readScenario(file);
  if (!read.ok) {
    io.err(`sipmig: ${read.message}`);
    return { ok: false, code: read.usage ? 2 : 1 };
  }
  const analysis = analyze(read.text);
  if (analysis.diagnostics.some((d) => d.severity === 'error')) {
    io.err(`sipmig: ${file} has errors; fix them first:`);
    checkFiles([file], false, { out: io.err, err: io.err });
    return { ok: false, code: 1 };
  }
  return { ok: true, text: read.text, analysis };
}
