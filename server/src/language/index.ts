// The language core's entry point: text in, everything an editor or the CLI needs out.
// Never throws on any input: parsing returns a tree plus errors, and each later stage
// works on what the earlier ones could make sense of.
import { parse } from './syntax/parser';
import type { Document } from './syntax/tree';
import { bind, type Bound } from './schema/bind';
import { buildScope, type Scope } from './semantic/scope';
import { resolveEntities, type Entities } from './semantic/entities';
import { makeReporter, type RuleContext } from './validation/context';
import { RULE_SET } from './validation/registry';
import { fileSizeProblem, LIMITS } from './validation/rules/limits';
import type { Diagnostic } from './diagnostics';
import { lowerRuns } from './lower';
import { modelPropDefs } from './modelParams';
import type { RunInput } from '../model/input';

export interface Analysis {
  text: string;
  document: Document;
  bound: Bound;
  scope: Scope;
  entities: Entities;
  diagnostics: Diagnostic[];
  /** Model runs (one per sweep point); empty while the document has errors. */
  runs: RunInput[];
}

/**
 * Analyzes `text`. `previous`, the analysis of an earlier version of the same file, lets the
 * parser keep the top-level blocks an edit did not touch (syntax/parser.ts); the result is the
 * same as without it.
 */
export function analyze(text: string, previous?: Analysis): Analysis {
  const diagnostics: Diagnostic[] = [];
  let dropped = 0;
  const sink = (d: Diagnostic) => {
    if (diagnostics.length < LIMITS.maxDiagnostics) diagnostics.push(d);
    else dropped++;
  };
  /** Diagnostics still kept before the limit. */
  const room = () => LIMITS.maxDiagnostics - diagnostics.length;
  const tooBig = fileSizeProblem(text) ?? (lineCountAbove(text, LIMITS.maxLines) ? `The file has more than ${LIMITS.maxLines} lines, the limit for a scenario.` : undefined);
  if (tooBig) {
    // Analyze nothing rather than something partial: a scenario this large is a mistake, and
    // analyzing it on every keystroke would stall the editor.
    const document: Document = { members: [], comments: [], errors: [], length: text.length };
    const bound: Bound = { blocks: [], refs: [], decls: [] };
    const scope = buildScope(bound, sink);
    sink({ code: 'LIM001', severity: 'error', message: tooBig, start: 0, end: 0 });
    return { text, document, bound, scope, entities: resolveEntities(bound, scope), diagnostics, runs: [] };
  }
  const document = parse(text, previous?.document);
  for (const e of document.errors) diagnostics.push({ ...e, severity: 'error' });
  const bound = bind(document.members, modelPropDefs(), sink, room);
  const scope = buildScope(bound, sink);
  const entities = resolveEntities(bound, scope);
  const ctx: RuleContext = { text, bound, scope, entities, report: makeReporter(sink) };
  for (const rule of RULE_SET) rule(ctx);
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
  if (room() <= 0) diagnostics.push({ code: 'LIM001', severity: 'error', message: `Too many problems: only the first ${LIMITS.maxDiagnostics} are shown${dropped ? ` (${dropped} more found)` : ''}.`, start: 0, end: 0 });
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const name = bound.blocks.find((b) => b.def.kind === 'scenario')?.name?.text ?? 'scenario';
  const runs = hasErrors || !canRun(entities) ? [] : lowerRuns(entities, name);
  return { text, document, bound, scope, entities, diagnostics, runs };
}

function lineCountAbove(text: string, max: number): boolean {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++n > max) return true;
  return false;
}

/** A document without errors can still be a fragment (a hardware library, an empty file). */
function canRun(e: Entities): boolean {
  return !!e.cluster && !!e.app && !!e.workload && e.placements.some((p) => p.role === 'active') && e.placements.some((p) => p.role === 'standby');
}

export type { Diagnostic } from './diagnostics';
export type { RunInput } from '../model/input';
