// Definition, references and rename of declared names (hosts, VMs, profiles, ...). A
// name is the same symbol only within its kind: a host and a VM may share a name.
import type { Analysis } from '../../language';
import type { Declaration } from '../../language/schema/bind';
import type { Span } from '../../language/syntax/tree';
import type { TextEdit } from '../../language/diagnostics';
import { label } from '../../language/semantic/scope';
import { locate } from './locate';

export function declarationAt(a: Analysis, offset: number): Declaration | undefined {
  const t = locate(a, offset);
  if (t?.kind === 'decl') return t.decl;
  if (t?.kind === 'ref') return t.decl;
  return undefined;
}

export function definitionOf(a: Analysis, offset: number): Span | undefined {
  return declarationAt(a, offset)?.span;
}

export function referencesOf(a: Analysis, offset: number, includeDeclaration: boolean): Span[] {
  const d = declarationAt(a, offset);
  if (!d) return [];
  const refs: Span[] = a.scope.referencesTo(d);
  return includeDeclaration ? [d.span, ...refs] : refs;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** How a name is written: bare when it lexes as one identifier, otherwise quoted. */
export function nameLiteral(name: string): string {
  return IDENT.test(name) ? name : `"${name.replace(/[\\"]/g, (c) => '\\' + c)}"`;
}

export function prepareRename(a: Analysis, offset: number): { span: Span; placeholder: string } | { error: string } {
  const d = declarationAt(a, offset);
  if (!d) return { error: 'Only declared names (hosts, VMs, profiles, networks, ...) can be renamed.' };
  const t = locate(a, offset)!;
  const span = t.kind === 'ref' ? t.ref : d.span;
  return { span: { start: span.start, end: span.end }, placeholder: d.name };
}

export function renameEdits(a: Analysis, offset: number, newName: string): { edits: TextEdit[] } | { error: string } {
  const d = declarationAt(a, offset);
  if (!d) return { error: 'Only declared names can be renamed.' };
  const name = newName.trim();
  if (!name || /[\r\n"\\]/.test(name)) return { error: `'${newName}' is not a valid name: use letters, digits and _ (or text without quotes and line breaks).` };
  const clash = a.scope.lookup(d.kind, name);
  if (clash && clash !== d) return { error: `A ${label(d.kind)} named '${name}' already exists.` };
  const literal = nameLiteral(name);
  return { edits: [d.span, ...a.scope.referencesTo(d)].map((s) => ({ start: s.start, end: s.end, newText: literal })) };
}
