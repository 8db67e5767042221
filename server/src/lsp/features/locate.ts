// What is at an offset: a block keyword, a declared name, a reference, a property key
// or one of its values. Works on the bound tree, so only members the schema knows are
// found; unknown keys have no meaning to show.
import type { Analysis } from '../../language';
import type { BoundBlock, BoundProp, Declaration } from '../../language/schema/bind';
import type { Reference } from '../../language/schema/signature';
import type { Span } from '../../language/syntax/tree';

export type Target =
  | { kind: 'block'; block: BoundBlock; parent?: BoundBlock }
  | { kind: 'decl'; decl: Declaration }
  | { kind: 'ref'; ref: Reference; decl?: Declaration }
  | { kind: 'prop'; prop: BoundProp; block: BoundBlock; onKey: boolean };

/** Inclusive at both ends: a cursor right after a word still means that word. */
export function within(s: Span, offset: number): boolean {
  return s.start <= offset && offset <= s.end;
}

export function locate(a: Analysis, offset: number): Target | undefined {
  const ref = a.scope.references.find((r) => within(r, offset));
  if (ref) return { kind: 'ref', ref, decl: a.scope.lookup(ref.kind, ref.name) };
  const decl = a.scope.declarations.find((d) => within(d.span, offset));
  if (decl) return { kind: 'decl', decl };
  const walk = (blocks: BoundBlock[], parent?: BoundBlock): Target | undefined => {
    for (const b of blocks) {
      if (!within(b.member, offset)) continue;
      if (within(b.member.key, offset)) return { kind: 'block', block: b, parent };
      for (const list of b.props.values())
        for (const p of list) if (within(p.member, offset)) return { kind: 'prop', prop: p, block: b, onKey: within(p.member.key, offset) };
      return walk(b.blocks, b);
    }
    return undefined;
  };
  return walk(a.bound.blocks);
}

