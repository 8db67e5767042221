// Quick fixes: every fix the language diagnostics carry (add the missing unit, swap a
// release threshold above its start, move the standby to another host, correct a typo),
// plus "Create host 'pm4'" (and the like) for a reference to an undeclared name, and the fixes
// the model's diagnostics carry (PRED007: lengthen the scenario to show a migration's end).
import type { Analysis } from '../../language';
import type { Diagnostic, TextEdit } from '../../language/diagnostics';
import type { Span } from '../../language/syntax/tree';
import type { SymbolKind } from '../../language/schema/types';
import { TOP_LEVEL } from '../../language/schema/blocks';
import { field, prop } from '../../language/semantic/entities';
import { label } from '../../language/semantic/scope';
import { nameLiteral } from './navigation';

export interface QuickFix {
  title: string;
  diagnostic: Diagnostic;
  edits: TextEdit[];
  preferred?: boolean;
}

/** `model`: the model's diagnostics as last published (some carry fixes too, e.g. PRED007's longer duration). */
export function quickFixes(a: Analysis, range: Span, model: Diagnostic[] = []): QuickFix[] {
  const out: QuickFix[] = [];
  for (const d of [...a.diagnostics, ...model]) {
    if (d.start > range.end || d.end < range.start) continue;
    for (const f of d.fixes ?? []) out.push({ title: f.title, diagnostic: d, edits: f.edits, preferred: f.preferred });
    if (d.code === 'NAME001') {
      const ref = a.scope.references.find((r) => r.start === d.start && r.end === d.end);
      if (ref) out.push({ title: `Create ${label(ref.kind)} '${ref.name}'`, diagnostic: d, edits: [declareEdit(a, ref.kind, ref.name)] });
    }
  }
  return out;
}

/** A new top-level declaration, after the last one of its kind (or at the end of the file). */
function declareEdit(a: Analysis, kind: SymbolKind, name: string): TextEdit {
  const text = template(a, kind, nameLiteral(name));
  const last = a.bound.blocks.filter((b) => b.def.declares === kind).at(-1);
  if (last) return { start: last.member.end, end: last.member.end, newText: `\n${text}` };
  const end = a.text.length;
  const sep = end === 0 ? '' : a.text.endsWith('\n') ? '\n' : '\n\n';
  return { start: end, end, newText: `${sep}${text}\n` };
}

/** A host copies the hardware profile its siblings use, a VM their flavor; other kinds take the schema's example. */
function template(a: Analysis, kind: SymbolKind, name: string): string {
  const profileOf = (k: 'host' | 'vm', p: 'hardware' | 'flavor') => {
    const sibling = a.bound.blocks.find((b) => b.def.kind === k && field(prop(b, p), p)?.text);
    return sibling ? field(prop(sibling, p), p)!.text : a.scope.declarations.find((d) => d.kind === p)?.name;
  };
  if (kind === 'host') {
    const hw = profileOf('host', 'hardware');
    if (hw) return `host ${name} { hardware ${nameLiteral(hw)} }`;
  }
  if (kind === 'vm') {
    const fl = profileOf('vm', 'flavor');
    if (fl) return `vm ${name} { flavor ${nameLiteral(fl)} }`;
  }
  const example = TOP_LEVEL.get(kind)!.example;
  // The example's header is `kind exampleName {`: put the new name in its place.
  return example.replace(/^(\S+)\s+\S+/, `$1 ${name.replace(/\$/g, '$$$$')}`);
}
