// Binds the syntax tree to the schema: which block and property each member is, its
// typed values, and the references it makes. Unknown keys, wrong shapes and units are
// reported here; cross-entity rules run later on the bound tree.
import type { Member, Span } from '../syntax/tree';
import type { BlockDef, PropDef } from './types';
import { BLOCKS } from './blocks';
import { matchProperty, type MatchResult, type Reference } from './signature';
import type { Diagnostic, Report } from '../diagnostics';
import { severityOf } from '../validation/codes';
import { closest } from '../text';

export interface BoundProp {
  def: PropDef;
  member: Member;
  match: MatchResult;
}

export interface BoundBlock {
  def: BlockDef;
  member: Member;
  name?: { text: string; span: Span };
  props: Map<string, BoundProp[]>;
  blocks: BoundBlock[];
  /** Known names that unknown keys in this block are probably typos of: a missing required
   * property is not reported again when its misspelt line is already flagged. */
  typos: ReadonlySet<string>;
}

export interface Declaration {
  kind: NonNullable<BlockDef['declares']>;
  name: string;
  span: Span;
  block: BoundBlock;
}

export interface Bound {
  blocks: BoundBlock[];
  refs: Reference[];
  decls: Declaration[];
}

/** Last occurrence of a property (the one that wins), if any. */
export function prop(b: BoundBlock | undefined, name: string): BoundProp | undefined {
  return b?.props.get(name)?.at(-1);
}

export function child(b: BoundBlock | undefined, kind: string): BoundBlock[] {
  return b ? b.blocks.filter((c) => c.def.kind === kind) : [];
}

/**
 * What binding one top-level member produced, kept by the member's identity: a tree is never
 * changed once parsed, and a re-parse (syntax/parser.ts) hands the blocks an edit did not
 * touch to the next analysis as the same objects, so their binding is taken from here.
 */
interface TopLevelBinding {
  modelProps: PropDef[];
  blocks: BoundBlock[];
  refs: Reference[];
  decls: Declaration[];
  diagnostics: Diagnostic[];
}
const bindings = new WeakMap<Member, TopLevelBinding>();

/**
 * `room` says how many more diagnostics the caller keeps: at none, binding stops early. A
 * top-level member's earlier binding is reused only when its diagnostics fit (binding it again
 * would otherwise stop early, and differ).
 */
export function bind(members: Member[], modelProps: PropDef[], report: Report, room: () => number = () => Infinity): Bound {
  const isFull = () => room() <= 0;
  const bound: Bound = { blocks: [], refs: [], decls: [] };
  // The diagnostics of the top-level member being bound, when they are being kept (see bindings).
  let kept: Diagnostic[] | undefined;
  const keep: Report = (d) => {
    kept?.push(d);
    report(d);
  };
  const diag = (code: string, span: Span, message: string, extra: Partial<Diagnostic> = {}) =>
    keep({ code, severity: severityOf(code), message, start: span.start, end: span.end, ...extra });

  const bindBlock = (def: BlockDef, m: Member): BoundBlock => {
    // Most blocks have no typo: they share one empty set until they get one (see bindMember).
    const b: BoundBlock = { def, member: m, props: new Map(), blocks: [], typos: NO_TYPOS };
    bindHeader(def, m, b);
    const props = def.kind === 'model' ? modelProps : def.props;
    // The schema's lists by name, looked up once per block rather than once per line.
    const propsByName = byName(props, nameOf);
    const blocksByName = byName(def.blocks, kindOf);
    for (const inner of m.body?.members ?? []) bindMember(inner, props, def.blocks, propsByName, blocksByName, b, def);
    checkRequired(b, props);
    return b;
  };

  const bindHeader = (def: BlockDef, m: Member, b: BoundBlock) => {
    // Indexing rather than destructuring: no rest array per block.
    const first = m.args[0] as Member['args'][number] | undefined;
    const keySpan = m.key;
    if (def.name === 'none') {
      if (first) diag('SCH007', { start: first.start, end: m.args.at(-1)!.end }, `'${def.kind}' blocks take no name: remove '${first.text}'.`);
      return;
    }
    if (!first) {
      if (def.name === 'required' || def.name === 'number')
        diag('SCH007', keySpan, `'${def.kind}' needs ${def.name === 'number' ? 'a number' : 'a name'} before '{' (e.g. \`${def.example.split('\n')[0]}\`).`);
      return;
    }
    const okKind = def.name === 'number' ? first.kind === 'number' && !first.unit : first.kind === 'ident' || first.kind === 'string';
    if (!okKind) {
      diag('SCH007', first, def.name === 'number' ? `'${def.kind}' is numbered: write e.g. \`${def.kind} 1 {\`.` : `'${first.text}' is not a valid name: use letters, digits and _ or a quoted text.`);
      return;
    }
    if (m.args.length > 1) diag('SCH004', { start: m.args[1].start, end: m.args.at(-1)!.end }, `Unexpected '${m.args[1].text}' after the name of this ${def.kind}. Names with spaces go in double quotes.`);
    b.name = { text: first.text, span: { start: first.start, end: first.end } };
    if (def.declares) bound.decls.push({ kind: def.declares, name: first.text, span: b.name.span, block: b });
  };

  const bindMember = (m: Member, props: PropDef[], blocks: BlockDef[], propsByName: Map<string, PropDef>, blocksByName: Map<string, BlockDef>, into: BoundBlock | undefined, parent: BlockDef | undefined) => {
    const key = m.key.text;
    if (isFull()) return;
    if (m.key.kind !== 'ident') {
      if (m.key.text !== '' || !m.body) diag('SCH001', m.key, `A line must start with a ${parent ? 'property' : 'block'} name, not '${m.key.text}'.`);
      return;
    }
    const blockDef = blocksByName.get(key);
    const propDef = propsByName.get(key);
    if (m.body) {
      if (blockDef) {
        const b = bindBlock(blockDef, m);
        if (into) into.blocks.push(b);
        else bound.blocks.push(b);
        return;
      }
      if (propDef) return void diag('SCH002', m.key, `'${key}' is a property, not a block: write it on one line (e.g. \`${propDef.example}\`).`);
    } else {
      if (propDef && into) {
        const match = matchProperty(propDef, m, keep);
        const list = into.props.get(key);
        // A new list is made at its exact length ([x]): one grown by push reserves 16 slots.
        if (!list) into.props.set(key, [{ def: propDef, member: m, match }]);
        else {
          if (!propDef.repeat) {
            diag('SCH006', m.key, `'${key}' is already set in this block (line above); this one wins. Remove one of them.`, {
              related: [{ span: list[0].member.key, message: 'first set here' }],
            });
          }
          list.push({ def: propDef, member: m, match });
        }
        for (const r of match.refs) bound.refs.push(r);
        return;
      }
      if (blockDef) return void diag('SCH002', m.key, `'${key}' is a block: add '{ ... }' (e.g. \`${blockDef.example.split('\n')[0]}\`).`);
    }
    const candidates = [...props.map((p) => p.name), ...blocks.map((b) => b.kind)];
    const near = closest(key, candidates);
    if (near && into) {
      if (into.typos === NO_TYPOS) into.typos = new Set([near]);
      else (into.typos as Set<string>).add(near);
    }
    const where = parent ? `in '${parent.kind}'` : 'at the top level';
    const fixes = near ? [{ title: `Change to '${near}'`, edits: [{ start: m.key.start, end: m.key.end, newText: near }], preferred: true }] : undefined;
    diag(parent?.kind === 'model' ? 'MOD001' : 'SCH001', m.key, `Unknown ${parent?.kind === 'model' ? 'model coefficient' : parent ? 'property' : 'block'} '${key}' ${where}.${near ? ` Did you mean '${near}'?` : ` Expected one of: ${candidates.join(', ')}.`}`, { fixes });
  };

  const checkRequired = (b: BoundBlock, props: PropDef[]) => {
    // A block that inherits from a profile (host -> hardware, vm -> flavor) gets its required values there.
    for (const p of props) if (p.required && !b.props.has(p.name) && !b.typos.has(p.name)) diag('SCH005', b.member.key, `'${b.def.kind}${b.name ? ' ' + b.name.text : ''}' is missing '${p.name}' (e.g. \`${p.example}\`).`, { fixes: [insertLineFix(b, p.example)] });
    for (const c of b.def.blocks) if (c.required && !b.blocks.some((x) => x.def === c)) diag('SCH005', b.member.key, `'${b.def.kind}' is missing its '${c.kind}' block.`);
    // A block with fewer than two child blocks cannot repeat one (and needs no map).
    if (b.blocks.length < 2) return;
    const counts = new Map<BlockDef, BoundBlock[]>();
    for (const c of b.blocks) {
      const list = counts.get(c.def);
      if (list) list.push(c);
      else counts.set(c.def, [c]);
    }
    for (const [def, list] of counts) if (!def.repeat && def.name !== 'required' && list.length > 1) for (const extra of list.slice(1)) diag('SCH008', extra.member.key, `Only one '${def.kind}' block is allowed here.`);
  };

  const topProps = byName(NO_PROPS, nameOf);
  const topBlocks = byName(BLOCKS, kindOf);
  for (const m of members) {
    const earlier = bindings.get(m);
    if (earlier && earlier.modelProps === modelProps && earlier.diagnostics.length < room()) {
      for (const d of earlier.diagnostics) report(d);
      for (const b of earlier.blocks) bound.blocks.push(b);
      for (const r of earlier.refs) bound.refs.push(r);
      for (const d of earlier.decls) bound.decls.push(d);
      continue;
    }
    // (Three numbers, not a destructured array: this runs for every top-level block on every keystroke.)
    const blocksFrom = bound.blocks.length;
    const refsFrom = bound.refs.length;
    const declsFrom = bound.decls.length;
    kept = [];
    bindMember(m, NO_PROPS, BLOCKS, topProps, topBlocks, undefined, undefined);
    // Kept only when binding never met a full report (it would have stopped early).
    if (!isFull()) bindings.set(m, { modelProps, blocks: bound.blocks.slice(blocksFrom), refs: bound.refs.slice(refsFrom), decls: bound.decls.slice(declsFrom), diagnostics: kept });
    kept = undefined;
  }
  const top = new Map<BlockDef, BoundBlock[]>();
  for (const b of bound.blocks) {
    const list = top.get(b.def);
    if (list) list.push(b);
    else top.set(b.def, [b]);
  }
  for (const def of BLOCKS) {
    const list = top.get(def) ?? [];
    if (def.required && list.length === 0 && members.length > 0)
      diag('SCH005', { start: 0, end: 0 }, `The scenario has no '${def.kind}' block; add one (e.g. \`${def.example.split('\n')[0]}\`).`);
    if (!def.declares && !def.repeat) for (const extra of list.slice(1)) diag('SCH008', extra.member.key, `Only one '${def.kind}' block is allowed in a scenario; merge it with the first.`, { related: [{ span: list[0].member.key, message: 'first one here' }] });
  }
  return bound;
}

/** Top-level lines are blocks only. */
const NO_PROPS: PropDef[] = [];
/** The typos of a block without any; never added to (bindMember gives the block its own set first). */
const NO_TYPOS: ReadonlySet<string> = new Set<string>();

const kindOf = (b: BlockDef) => b.kind;
const nameOf = (p: PropDef) => p.name;
const nameIndex = new WeakMap<readonly object[], Map<string, unknown>>();

/** The schema's lists by name (the first entry wins, as \`find\` would): built once per list, not searched per line. */
function byName<T extends object>(list: readonly T[], nameOf: (x: T) => string): Map<string, T> {
  let index = nameIndex.get(list) as Map<string, T> | undefined;
  if (!index) {
    index = new Map();
    for (const x of list) if (!index.has(nameOf(x))) index.set(nameOf(x), x);
    nameIndex.set(list, index);
  }
  return index;
}

/** A fix that inserts a property line at the end of a block, indented like its siblings. */
function insertLineFix(b: BoundBlock, line: string) {
  const body = b.member.body!;
  const lastMember = body.members.at(-1);
  if (!body.closed || !lastMember) {
    const at = body.start + 1;
    return { title: `Add \`${line}\``, edits: [{ start: at, end: at, newText: ` ${line} ` }] };
  }
  return { title: `Add \`${line}\``, edits: [{ start: lastMember.end, end: lastMember.end, newText: `\n  ${line}` }] };
}
