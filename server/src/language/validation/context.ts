// What every validation rule receives: the bound tree, the scope, the resolved entities
// and a way to report. Rules are pure functions of this context.
import type { Bound } from '../schema/bind';
import type { Scope } from '../semantic/scope';
import type { Entities } from '../semantic/entities';
import type { Diagnostic, Fix } from '../diagnostics';
import type { Span } from '../syntax/tree';
import { severityOf } from './codes';

export interface RuleContext {
  text: string;
  bound: Bound;
  scope: Scope;
  entities: Entities;
  report(code: string, span: Span, message: string, extra?: { fixes?: Fix[]; related?: Diagnostic['related'] }): void;
}

export type Rule = (ctx: RuleContext) => void;

export function makeReporter(sink: (d: Diagnostic) => void): RuleContext['report'] {
  return (code, span, message, extra) => sink({ code, severity: severityOf(code), message, start: span.start, end: span.end, ...extra });
}
