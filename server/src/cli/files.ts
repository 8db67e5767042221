// Reading scenario files for the CLI with clear messages for everything that is not a
// readable text scenario (missing, directory, binary, empty, too big).
import { readFileSync, statSync } from 'node:fs';
import { LIMITS } from '../language/validation/rules/limits';

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
  if (size > LIMITS.maxFileBytes) return { ok: false, message: `${path}: ${(size / 1e6).toFixed(1)} MB is above the ${LIMITS.maxFileBytes / 1e6} MB limit for a scenario`, usage: false };
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
