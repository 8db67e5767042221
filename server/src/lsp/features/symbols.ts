// The outline: every block (named ones under their name), with its properties and
// nested blocks as children. `migrate` statements read as "migrate sipas1 → pm3 at 120 s".
import type { Analysis } from '../../language';
import type { BoundBlock } from '../../language/schema/bind';
import type { Span } from '../../language/syntax/tree';

export interface OutlineNode {
  name: string;
  detail?: string;
  /** The block kind, or 'property' / 'migrate'. */
  kind: string;
  span: Span;
  selection: Span;
  children: OutlineNode[];
}

export function outline(a: Analysis): OutlineNode[] {
  const src = (s: Span) => a.text.slice(s.start, s.end);
  const block = (b: BoundBlock): OutlineNode => {
    const props: OutlineNode[] = [];
    for (const list of b.props.values()) {
      for (const p of list) {
        const m = p.member;
        const value = m.args.length ? src({ start: m.args[0].start, end: m.args.at(-1)!.end }) : '';
        props.push({ name: m.key.text, detail: value, kind: p.def.name === 'migrate' ? 'migrate' : 'property', span: { start: m.start, end: m.end }, selection: { start: m.key.start, end: m.key.end }, children: [] });
      }
    }
    const children = [...props, ...b.blocks.map(block)].sort((x, y) => x.span.start - y.span.start);
    const named = b.name && b.def.name !== 'number';
    return {
      name: named ? b.name!.text : b.name ? `${b.def.kind} ${b.name.text}` : b.def.kind,
      detail: named ? b.def.kind : undefined,
      kind: b.def.kind,
      span: { start: b.member.start, end: b.member.end },
      selection: named ? b.name!.span : { start: b.member.key.start, end: b.member.key.end },
      children,
    };
  };
  return a.bound.blocks.map(block);
}
