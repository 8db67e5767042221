// Documented limits (docs/limits.md): they keep every keystroke's work bounded.
import type { Rule } from '../context';
import { child, field, prop } from '../../semantic/entities';
import { defaults } from '../../defaults';

export const LIMITS = {
  maxDurationS: 86_400,
  minStepS: 0.001,
  maxStepsPerRun: 200_000,
  /** All runs together (sweep points x steps): `sipmig report` keeps every run's series, about 370 bytes a step. */
  maxStepsPerScenario: 1_000_000,
  maxSweepPoints: 200,
  maxLoadCps: 10_000,
  maxMigrations: 50,
  /** UTF-8 bytes, in the editor and on disk alike (fileSizeProblem). */
  maxFileBytes: 1_000_000,
  maxLines: 50_000,
  /** More diagnostics than this are not useful to anyone; stop making them (and their suggestions). */
  maxDiagnostics: 1000,
};

/** The UTF-8 length of a text counted in JS: for a host without Node's Buffer (0.13 ms for 1 MB with it, 3 ms without). */
export function countUtf8(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: 2 UTF-16 units, 4 bytes
      i++;
    } else bytes += 2; // the rest of the BMP, and a lone surrogate (written as U+FFFD)
  }
  return bytes;
}

/** Node's Buffer when there is one: the language core itself does not depend on Node. */
const nodeBuffer = (globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }).Buffer;

/** The UTF-8 length of a text: what it takes on disk (a lone surrogate is written as U+FFFD, 3 bytes). */
export function utf8Bytes(text: string): number {
  return nodeBuffer ? nodeBuffer.byteLength(text, 'utf8') : countUtf8(text);
}

/** The message for a file of `bytes` UTF-8 bytes, or undefined within the limit. The same words in the editor (LIM001) and the CLI. */
export function fileSizeMessage(bytes: number): string | undefined {
  if (bytes <= LIMITS.maxFileBytes) return undefined;
  return `The file is ${(bytes / 1e6).toFixed(1)} MB (${bytes} bytes in UTF-8); scenarios are limited to ${LIMITS.maxFileBytes / 1e6} MB (${LIMITS.maxFileBytes} bytes).`;
}

/**
 * Whether a text is above the file size limit, measured in UTF-8 bytes as on disk; the
 * bytes are counted only when the characters could exceed it (a UTF-16 unit is at most
 * 3 bytes), so a scenario of normal size costs nothing.
 */
export function fileSizeProblem(text: string): string | undefined {
  if (text.length * 3 <= LIMITS.maxFileBytes) return undefined;
  return fileSizeMessage(utf8Bytes(text));
}

export const scenarioLimits: Rule = (ctx) => {
  const e = ctx.entities;
  const dur = field(prop(e.scenario, 'duration'), 'duration');
  const step = field(prop(e.scenario, 'step'), 'step');
  if (dur?.num !== undefined && dur.num > LIMITS.maxDurationS) ctx.report('LIM001', dur, `A scenario may last at most ${LIMITS.maxDurationS} s (one day); this one lasts ${dur.num} s.`);
  const steps = (dur?.num ?? defaults.durationS) / (step?.num ?? defaults.stepS);
  if (steps > LIMITS.maxStepsPerRun) ctx.report('LIM001', step ?? dur!, `${Math.round(steps)} model steps per run is above the limit of ${LIMITS.maxStepsPerRun}: use a larger step or a shorter duration.`);
  const sweep = prop(e.workload, 'sweep');
  const from = field(sweep, 'from')?.num;
  const to = field(sweep, 'to')?.num;
  const st = field(sweep, 'step');
  if (from !== undefined && to !== undefined && st?.num && st.num > 0) {
    const points = Math.floor((to - from) / st.num + 1e-9) + 1;
    if (points > LIMITS.maxSweepPoints) ctx.report('LIM001', st, `This sweep has ${points} points; at most ${LIMITS.maxSweepPoints} are allowed. Use a larger step.`);
    // Each limit alone still allows 200 runs of 200 000 steps: bound the product too.
    else if (steps <= LIMITS.maxStepsPerRun && points * steps > LIMITS.maxStepsPerScenario)
      ctx.report('LIM001', st, `${points} runs of ${Math.round(steps)} model steps are ${Math.round(points * steps)} steps in all, above the limit of ${LIMITS.maxStepsPerScenario} per scenario: use fewer sweep points, a larger step or a shorter duration.`);
  }
  const loads = [field(prop(e.workload, 'load'), 'load'), field(sweep, 'to'), ...(child(e.workload, 'profile')[0]?.props.get('at') ?? []).map((p) => field(p, 'load'))];
  for (const l of loads) if (l?.num !== undefined && l.num > LIMITS.maxLoadCps) ctx.report('LIM001', l, `${l.num} cps is above the limit of ${LIMITS.maxLoadCps} cps.`);
  const migs = e.migration?.props.get('migrate') ?? [];
  if (migs.length > LIMITS.maxMigrations) ctx.report('LIM001', migs[LIMITS.maxMigrations].member.key, `At most ${LIMITS.maxMigrations} migrations per scenario.`);
};
