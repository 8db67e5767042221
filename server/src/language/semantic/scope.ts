// Scoping: every named block declares a symbol of its kind; references are resolved by
// kind. Used by validation (unknown / duplicate names) and by the editor (definition,
// references, rename).
import type { Bound, Declaration } from '../schema/bind';
import type { Reference } from '../schema/signature';
import type { SymbolKind } from '../schema/types';
import type { Report } from '../diagnostics';
import { severityOf } from '../validation/codes';
import { closest } from '../text';

export interface Scope {
  /** First declaration of each (kind, name). */
  lookup(kind: SymbolKind, name: string): Declaration | undefined;
  declarations: Declaration[];
  references: Reference[];
  /** All references resolving to a declaration. */
  referencesTo(decl: Declaration): Reference[];
}

export function buildScope(bound: Bound, report: Report): Scope {
  // One map per kind: no key string is built per declaration, reference or lookup.
  const byKind = new Map<SymbolKind, Map<string, Declaration>>();
  const get = (k: SymbolKind, n: string) => byKind.get(k)?.get(n);
  for (const d of bound.decls) {
    let names = byKind.get(d.kind);
    if (!names) byKind.set(d.kind, (names = new Map()));
    const existing = names.get(d.name);
    if (existing) {
      report({ code: 'NAME002', severity: severityOf('NAME002'), message: `${label(d.kind)} '${d.name}' is declared twice; names must be unique. Rename one of them.`, start: d.span.start, end: d.span.end, related: [{ span: existing.span, message: 'first declared here' }] });
    } else names.set(d.name, d);
  }
  for (const r of bound.refs) {
    if (get(r.kind, r.name)) continue;
    const other = bound.decls.find((d) => d.name === r.name);
    if (other) {
      report({ code: 'NAME003', severity: severityOf('NAME003'), message: `'${r.name}' is a ${label(other.kind)}, but a ${label(r.kind)} is expected here.`, start: r.start, end: r.end, related: [{ span: other.span, message: `${label(other.kind)} '${r.name}'` }] });
      continue;
    }
    const candidates = bound.decls.filter((d) => d.kind === r.kind).map((d) => d.name);
    const near = closest(r.name, candidates);
    report({
      code: 'NAME001',
      severity: severityOf('NAME001'),
      message: `Unknown ${label(r.kind)} '${r.name}'.${near ? ` Did you mean '${near}'?` : candidates.length ? ` Declared: ${candidates.join(', ')}.` : ` No ${label(r.kind)} is declared yet.`}`,
      start: r.start,
      end: r.end,
      fixes: near ? [{ title: `Change to '${near}'`, edits: [{ start: r.start, end: r.end, newText: near }], preferred: true }] : undefined,
    });
  }
  return {
    lookup: get,
    declarations: bound.decls,
    references: bound.refs,
    referencesTo: (d) => bound.refs.filter((r) => r.kind === d.kind && r.name === d.name),
  };
}

export function label(kind: SymbolKind): string {
  return kind === 'sip_application' ? 'SIP application' : kind === 'vm' ? 'VM' : kind;
}
