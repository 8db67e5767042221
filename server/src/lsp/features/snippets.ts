// Snippets built from the schema's examples: each value of the example becomes a tab
// stop (numbers keep their unit as text), references become a choice of the names the
// document declares, enumerations a choice of their values. So a snippet is always a
// valid line of the language, and it follows the schema when the schema changes.
import type { BlockDef, Part, PropDef, SymbolKind } from '../../language/schema/types';
import { matchProperty } from '../../language/schema/signature';
import { parse } from '../../language/syntax/parser';
import type { Member } from '../../language/syntax/tree';
import { modelPropDefs } from '../../language/modelParams';

export type NamesOf = (kind: SymbolKind) => string[];

interface Stop {
  start: number;
  end: number;
  /** Placeholder default text, or the choices. */
  text?: string;
  choices?: string[];
}

export function propSnippet(def: PropDef, names: NamesOf): string {
  const m = parse(def.example).members[0];
  return m ? render(def.example, stopsOfProp(def, m, names)) : escapeLiteral(def.example) + '$0';
}

export function blockSnippet(def: BlockDef, names: NamesOf): string {
  const text = expandEllipsis(def);
  const root = parse(text).members[0];
  if (!root) return escapeLiteral(text) + '$0';
  const stops: Stop[] = [];
  const walk = (m: Member, d: BlockDef) => {
    const name = m.args[0];
    if (name && d.name !== 'none') stops.push({ start: name.start, end: name.end, text: name.text });
    for (const inner of m.body?.members ?? []) {
      const child = d.blocks.find((b) => b.kind === inner.key.text);
      if (inner.body && child) walk(inner, child);
      const prop = (d.kind === 'model' ? modelPropDefs() : d.props).find((p) => p.name === inner.key.text);
      if (!inner.body && prop) stops.push(...stopsOfProp(prop, inner, names));
    }
  };
  walk(root, def);
  return render(text, stops);
}

/** `overload_control`'s example says `phase 1 { ... }`: put the child block's own example there. */
function expandEllipsis(def: BlockDef): string {
  return def.example.replace(/^(\s*)(\w+)([^\n{]*)\{ \.\.\. \}$/gm, (all, indent: string, kind: string) => {
    const child = def.blocks.find((b) => b.kind === kind);
    return child ? child.example.split('\n').map((l) => indent + l).join('\n') : all;
  });
}

function stopsOfProp(def: PropDef, m: Member, names: NamesOf): Stop[] {
  const match = matchProperty(def, m, () => undefined);
  const stops: Stop[] = [];
  const visit = (p: Part) => {
    if (p.t === 'opt') return p.parts.forEach(visit);
    if (p.t === 'kw' || p.t === 'list' || p.t === 'words') return;
    const v = match.values[p.name];
    if (!v) return;
    switch (p.t) {
      case 'q':
      case 'num':
        // The number only: its unit stays as written.
        stops.push({ start: v.start, end: v.start + (v.text ?? String(v.num)).length, text: v.text ?? String(v.num) });
        return;
      case 'ref': {
        const declared = names(p.kind);
        stops.push(declared.length ? { start: v.start, end: v.end, choices: declared } : { start: v.start, end: v.end, text: v.text });
        return;
      }
      case 'enum':
        stops.push({ start: v.start, end: v.end, choices: [v.text!, ...p.values.filter((x) => x !== v.text)] });
        return;
      case 'bool':
        stops.push({ start: v.start, end: v.end, choices: v.bool ? ['yes', 'no'] : ['no', 'yes'] });
        return;
      case 'str':
        // Inside the quotes.
        stops.push({ start: v.start + 1, end: v.end - 1, text: v.text });
        return;
    }
  };
  def.parts.forEach(visit);
  return stops;
}

function render(text: string, stops: Stop[]): string {
  const sorted = [...stops].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  sorted.forEach((s, i) => {
    out += escapeLiteral(text.slice(at, s.start));
    out += s.choices ? `\${${i + 1}|${s.choices.map(escapeChoice).join(',')}|}` : `\${${i + 1}:${escapeLiteral(s.text ?? '')}}`;
    at = s.end;
  });
  return out + escapeLiteral(text.slice(at)) + '$0';
}

/** Snippet syntax: `$`, `}` and `\` are special in text. */
export function escapeLiteral(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}
function escapeChoice(s: string): string {
  return s.replace(/[\\,|$}]/g, (c) => '\\' + c);
}

