// Completion in context, from the syntax tree (which survives half-typed lines):
// - at the start of a line: the properties and blocks the enclosing block takes (not
//   those already given once), as snippets built from the schema;
// - after a property's key: what its value expects next: declared names where a
//   reference goes, keywords (`for`, `on`, `to`), enumeration values, yes/no, catalog CPU
//   models for `cpu`, and units right after a number.
import type { Analysis } from '../../language';
import type { Atom, Member, Span } from '../../language/syntax/tree';
import type { BlockDef, Part, PropDef, SymbolKind } from '../../language/schema/types';
import { BLOCKS, TOP_LEVEL } from '../../language/schema/blocks';
import { modelPropDefs } from '../../language/modelParams';
import { lookupUnit, unitsOf, DIMENSION_NAMES, type Dimension } from '../../language/units';
import { CPU_CATALOG } from '../../language/catalog';
import { label } from '../../language/semantic/scope';
import { blockDoc, propDoc } from './schemaDocs';
import { entityDoc } from './entityDoc';
import { blockSnippet, propSnippet } from './snippets';

export type EntryKind = 'block' | 'property' | 'keyword' | 'value' | 'unit' | 'reference' | 'cpu';

export interface CompletionEntry {
  label: string;
  kind: EntryKind;
  detail?: string;
  documentation?: string;
  /** Snippet text (when `snippet`) and the same without tab stops for clients without snippets. */
  insertText: string;
  plainText: string;
  snippet: boolean;
  replace: Span;
  filterText?: string;
  sortText?: string;
}

interface Container {
  def?: BlockDef;
  members: Member[];
}

export function completionsAt(a: Analysis, offset: number): CompletionEntry[] {
  const text = a.text;
  if (a.document.comments.some((c) => c.start < offset && offset <= c.end)) return [];
  const c = containerAt(a.document.members, offset);
  if (!c) return [];
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const onLine = c.members.filter((m) => m.start >= lineStart && m.start <= offset && !(m.body && m.body.start < offset));
  const m = onLine.at(-1);
  if (!m || offset <= m.key.end) {
    const replace = m ? { start: m.key.start, end: m.key.end } : wordBefore(text, offset);
    return keywordEntries(a, c, replace, m);
  }
  if (m.body) return [];
  const props = propsOf(c.def);
  const def = props.find((p) => p.name === m.key.text);
  return def ? valueEntries(a, def, m, offset) : [];
}

/** The innermost block whose body holds the offset (an unclosed block runs to the end of the file). */
function containerAt(members: Member[], offset: number): Container | undefined {
  let cur: Container = { members };
  for (;;) {
    const m = cur.members.find((x) => x.body && offset > x.body.start && (!x.body.closed || offset < x.body.end));
    if (!m) return cur;
    const def = cur.def ? cur.def.blocks.find((b) => b.kind === m.key.text) : TOP_LEVEL.get(m.key.text);
    if (!def) return undefined;
    cur = { def, members: m.body!.members };
  }
}

function propsOf(def: BlockDef | undefined): PropDef[] {
  return !def ? [] : def.kind === 'model' ? modelPropDefs() : def.props;
}

function wordBefore(text: string, offset: number): Span {
  let s = offset;
  while (s > 0 && /[A-Za-z0-9_]/.test(text[s - 1])) s--;
  return { start: s, end: offset };
}

function namesOf(a: Analysis): (kind: SymbolKind) => string[] {
  return (kind) => [...new Set(a.scope.declarations.filter((d) => d.kind === kind).map((d) => d.name))];
}

function firstSentence(doc: string): string {
  const i = doc.search(/\.(\s|$)/);
  return i < 0 ? doc : doc.slice(0, i + 1);
}

function keywordEntries(a: Analysis, c: Container, replace: Span, current: Member | undefined): CompletionEntry[] {
  const present = new Set(c.members.filter((m) => m !== current).map((m) => m.key.text));
  const names = namesOf(a);
  const out: CompletionEntry[] = [];
  for (const p of propsOf(c.def)) {
    if (present.has(p.name) && !p.repeat) continue;
    out.push({ label: p.name, kind: 'property', detail: firstSentence(p.doc), documentation: propDoc(p, c.def!), insertText: propSnippet(p, names), plainText: p.example, snippet: true, replace, sortText: `${p.required ? 0 : 1}${p.name}` });
  }
  for (const b of c.def ? c.def.blocks : BLOCKS) {
    if (present.has(b.kind) && !b.repeat && b.name !== 'required') continue;
    out.push({ label: b.kind, kind: 'block', detail: firstSentence(b.doc), documentation: blockDoc(b, c.def), insertText: blockSnippet(b, names), plainText: b.example, snippet: true, replace, sortText: `2${String(order(b)).padStart(2, '0')}` });
  }
  return out;
}

/** Blocks in the order a scenario usually has them (the schema's order). */
function order(b: BlockDef): number {
  const i = BLOCKS.indexOf(b);
  return i >= 0 ? i : 50;
}

type Expect = { part: Part } | { unitOf: Dimension } | undefined;

/** What the value of `def` expects at atom index `at`, given the atoms before it. */
export function expectedAt(def: PropDef, atoms: Atom[], at: number): Expect {
  const queue = [...def.parts];
  let i = 0;
  while (queue.length) {
    const p = queue.shift()!;
    if (p.t === 'opt') {
      if (i === at) return { part: p.parts[0] };
      const a = atoms[i];
      const first = p.parts[0];
      const present = first.t === 'kw' ? a?.text === first.word : first.t === 'enum' ? first.values.includes(a?.text ?? '') : a !== undefined;
      if (present) queue.unshift(...p.parts);
      continue;
    }
    if (i === at) return { part: p };
    const a = atoms[i];
    if (!a) return undefined;
    i++;
    if (p.t === 'q' && a.kind === 'number' && !a.unit) {
      if (i === at) return { unitOf: p.dim };
      if (atoms[i]?.kind === 'ident' && !lookupUnit(atoms[i].text)) i++; // a misspelt unit
    }
    if (p.t === 'list') {
      while (atoms[i]?.kind === 'comma') {
        i++;
        if (i === at) return { part: p };
        i++;
      }
    }
    if (p.t === 'words') return { part: p };
  }
  return undefined;
}

function valueEntries(a: Analysis, def: PropDef, m: Member, offset: number): CompletionEntry[] {
  // The atom being typed touches the cursor; the ones before it decide what is expected.
  let at = m.args.findIndex((x) => x.start < offset && offset <= x.end);
  const typing = at >= 0 ? m.args[at] : undefined;
  if (at < 0) at = m.args.filter((x) => x.end < offset).length;
  const replace: Span = typing ? { start: typing.start, end: typing.end } : { start: offset, end: offset };
  if (typing?.kind === 'number') {
    // Inside a number's unit ("120 m|s"): complete the unit; inside the number itself: nothing.
    if (typing.unitSpan && offset >= typing.unitSpan.start) {
      const q = expectedAt(def, m.args, at);
      const dim = q && 'part' in q && q.part.t === 'q' ? q.part.dim : lookupUnit(typing.unit!)?.dimension;
      return dim ? unitEntries(dim, typing.unitSpan) : [];
    }
    return [];
  }
  const e = expectedAt(def, m.args, at);
  if (!e) return [];
  if ('unitOf' in e) return unitEntries(e.unitOf, replace);
  const p = e.part;
  const plain = (label: string, kind: EntryKind, detail?: string, documentation?: string, insert = label): CompletionEntry => ({ label, kind, detail, documentation, insertText: insert, plainText: insert, snippet: false, replace });
  switch (p.t) {
    case 'ref':
      return a.scope.declarations.filter((d) => d.kind === p.kind).map((d) => plain(d.name, 'reference', label(d.kind), entityDoc(a, d), /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(d.name) ? d.name : JSON.stringify(d.name)));
    case 'kw':
      return [plain(p.word, 'keyword')];
    case 'enum':
      return p.values.map((v) => plain(v, 'value', p.name));
    case 'list': {
      const used = new Set(m.args.filter((x) => x !== typing).map((x) => x.text));
      return p.values.filter((v) => !used.has(v)).map((v) => plain(v, 'value', p.name));
    }
    case 'bool':
      return ['yes', 'no'].map((v) => plain(v, 'value', p.name));
    case 'str':
      if (def.name !== 'cpu') return [];
      return CPU_CATALOG.map((cpu) => ({
        ...plain(cpu.model, 'cpu', `${cpu.coresPerSocket} cores, ${cpu.coresPerSocket * cpu.threadsPerCore} threads, ${cpu.baseGhz} GHz (${cpu.launched})`, cpu.source, JSON.stringify(cpu.model)),
        filterText: JSON.stringify(cpu.model),
      }));
    default:
      return [];
  }
}

function unitEntries(dim: Dimension, replace: Span): CompletionEntry[] {
  return unitsOf(dim).map((u, i) => ({ label: u, kind: 'unit' as const, detail: DIMENSION_NAMES[dim], insertText: u, plainText: u, snippet: false, replace, sortText: String(i).padStart(2, '0') }));
}
