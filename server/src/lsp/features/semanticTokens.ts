// Semantic tokens: block keywords, property keys, declared names and references to
// them, numbers and their units, keyword values and comments. Syntax first (so unknown
// lines are still coloured), then what binding knows (names, keywords of a property).
import type { Analysis } from '../../language';
import type { Part } from '../../language/schema/types';
import type { BoundBlock } from '../../language/schema/bind';
import type { Member } from '../../language/syntax/tree';

export const TOKEN_TYPES = ['keyword', 'property', 'variable', 'number', 'type', 'string', 'enumMember', 'comment'] as const;
export const TOKEN_MODIFIERS = ['declaration'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

export interface SemanticToken {
  start: number;
  length: number;
  type: TokenType;
  declaration?: boolean;
}

export function semanticTokens(a: Analysis): SemanticToken[] {
  const byStart = new Map<number, SemanticToken>();
  const put = (start: number, end: number, type: TokenType, declaration = false) => {
    if (end > start) byStart.set(start, { start, length: end - start, type, declaration });
  };
  const walk = (members: Member[]) => {
    for (const m of members) {
      if (m.key.kind === 'ident') put(m.key.start, m.key.end, m.body ? 'keyword' : 'property');
      for (const x of m.args) {
        if (x.kind === 'number') {
          put(x.start, x.start + x.text.length, 'number');
          if (x.unitSpan) put(x.unitSpan.start, x.unitSpan.end, 'type');
        } else if (x.kind === 'string') put(x.start, x.end, 'string');
        else if (x.kind === 'percent') put(x.start, x.end, 'type');
        else if (x.kind === 'ident') put(x.start, x.end, 'enumMember');
      }
      if (m.body) walk(m.body.members);
    }
  };
  walk(a.document.members);

  const keywordsOf = (parts: Part[], into: Set<string>) => {
    for (const p of parts) {
      if (p.t === 'kw') into.add(p.word);
      else if (p.t === 'opt') keywordsOf(p.parts, into);
    }
    return into;
  };
  const bound = (blocks: BoundBlock[]) => {
    for (const b of blocks) {
      for (const list of b.props.values()) {
        for (const p of list) {
          const words = keywordsOf(p.def.parts, new Set());
          for (const x of p.member.args) if (x.kind === 'ident' && words.has(x.text)) put(x.start, x.end, 'keyword');
        }
      }
      bound(b.blocks);
    }
  };
  bound(a.bound.blocks);
  for (const r of a.scope.references) put(r.start, r.end, 'variable');
  for (const d of a.scope.declarations) put(d.span.start, d.span.end, 'variable', true);
  for (const c of a.document.comments) put(c.start, c.end, 'comment');
  return [...byStart.values()].sort((x, y) => x.start - y.start);
}
