// Matches the atoms of one property line against its parts, converting quantities to
// base units and reporting the first mismatch precisely (one typo, one diagnostic).
import type { Atom, Member, Span } from '../syntax/tree';
import type { Part, PropDef, SymbolKind } from './types';
import { DIMENSION_EXAMPLES, DIMENSION_NAMES, lookupUnit, unitCaseFix, unitsOf, type Dimension } from '../units';
import type { Diagnostic, Fix } from '../diagnostics';
import { severityOf } from '../validation/codes';
import { closest } from '../text';

export interface Value extends Span {
  /** Quantities in base units; plain numbers as written. */
  num?: number;
  /** The unit as written (quantities only). */
  unit?: string;
  text?: string;
  bool?: boolean;
  items?: { text: string; span: Span }[];
}

export interface Reference extends Span {
  name: string;
  kind: SymbolKind;
}

export interface MatchResult {
  values: Record<string, Value>;
  refs: Reference[];
  ok: boolean;
}

/** The references of every line that makes none (most of them): one frozen empty list. */
const NO_REFS: Reference[] = Object.freeze([]) as unknown as Reference[];

const BOOLS: Record<string, boolean> = { yes: true, no: false, true: true, false: false, on: true, off: false };

export function matchProperty(def: PropDef, m: Member, report: (d: Diagnostic) => void): MatchResult {
  const x = matcher.reset(def, m, report);
  for (const p of def.parts) x.matchPart(p);
  const atoms = m.args;
  if (!x.failed && x.i < atoms.length) {
    const extra = atoms[x.i];
    x.fail('SCH004', { start: extra.start, end: atoms.at(-1)!.end }, `Unexpected '${extra.text}' after the value of '${def.name}' (e.g. \`${def.example}\`).`);
  }
  const result = { values: x.values, refs: x.refs ?? NO_REFS, ok: !x.failed };
  x.release();
  return result;
}

/**
 * The state of matching one line: a class rather than closures because every property line
 * of a document goes through here, and one object per line is much less garbage than a set
 * of closures per line (docs/performance.md).
 */
class Matcher {
  atoms: Atom[] = [];
  values: Record<string, Value> = {};
  /** Made at their exact length (a list grown by push reserves 16 slots; a line has at most three). */
  refs: Reference[] | undefined = undefined;
  i = 0;
  failed = false;
  def!: PropDef;
  m!: Member;
  report!: (d: Diagnostic) => void;

  /** Ready to match a new line: one matcher serves every line (lines are matched one at a time). */
  reset(def: PropDef, m: Member, report: (d: Diagnostic) => void): this {
    this.def = def;
    this.m = m;
    this.report = report;
    this.atoms = m.args;
    this.values = {};
    this.refs = undefined;
    this.i = 0;
    this.failed = false;
    return this;
  }

  /** Keeps nothing of the line (nor of the caller, through `report`) once it is matched. */
  release(): void {
    this.m = this.def = this.report = undefined!;
    this.atoms = this.values = this.refs = undefined!;
  }

  fail(code: string, span: Span, message: string, fixes?: Fix[]): void {
    if (this.failed) return;
    this.failed = true;
    this.report({ code, severity: severityOf(code), message, start: span.start, end: span.end, fixes });
  }

  endSpan(): Span {
    const last = this.atoms.at(-1) ?? this.m.key;
    return { start: last.end, end: last.end };
  }

  expect(what: string): void {
    const at = this.atoms[this.i];
    const example = `e.g. \`${this.def.example}\``;
    if (at) this.fail('SCH003', at, `'${this.def.name}' expects ${what} here, not '${at.text}' (${example}).`);
    else this.fail('SCH003', this.atoms.length ? this.endSpan() : this.m.key, `'${this.def.name}' needs ${what} (${example}).`);
  }

  matchPart(p: Part): void {
    if (this.failed) return;
    const { atoms, def, values } = this;
    const a: Atom | undefined = atoms[this.i];
    switch (p.t) {
      case 'kw':
        if (a?.kind === 'ident' && a.text === p.word) this.i++;
        else this.expect(`'${p.word}'`);
        return;
      case 'q': {
        if (a?.kind !== 'number') return this.expect(`${DIMENSION_NAMES[p.dim]} such as ${DIMENSION_EXAMPLES[p.dim]}`);
        this.i++;
        const unitText = a.unit;
        if (!unitText) {
          const next = atoms[this.i];
          if (next?.kind === 'ident' && !p.dim.startsWith('redund')) {
            const fix = unitCaseFix(next.text);
            if (fix && fix.dimension === p.dim)
              return this.fail('UNIT003', next, `Unknown unit '${next.text}': did you mean '${fix.unit}'?`, [{ title: `Write '${fix.unit}'`, edits: [{ start: next.start, end: next.end, newText: fix.unit }], preferred: true }]);
            const near = closest(next.text, unitsOf(p.dim));
            if (near || /^[A-Za-z]+(\/s)?$/.test(next.text) && next.text.length <= 6)
              return this.fail('UNIT003', next, `Unknown unit '${next.text}': ${DIMENSION_NAMES[p.dim]} takes ${unitsOf(p.dim).join(', ')}.`, near ? [{ title: `Write '${near}'`, edits: [{ start: next.start, end: next.end, newText: near }], preferred: true }] : undefined);
          }
          const unit = defaultUnitFor(p.dim);
          return this.fail('UNIT001', a, `${a.text} needs a unit: '${def.name}' is ${DIMENSION_NAMES[p.dim]} (${unitsOf(p.dim).join(', ')}), e.g. ${DIMENSION_EXAMPLES[p.dim]}.`, [
            { title: `Add unit '${unit}'`, edits: [{ start: a.end, end: a.end, newText: unit === '%' ? ' %' : ` ${unit}` }], preferred: true },
          ]);
        }
        const u = lookupUnit(unitText)!;
        if (u.dimension !== p.dim) {
          return this.fail('UNIT002', a.unitSpan ?? a, `'${unitText}' is ${DIMENSION_NAMES[u.dimension]} unit, but '${def.name}' is ${DIMENSION_NAMES[p.dim]} (${unitsOf(p.dim).join(', ')}).`);
        }
        const base = a.value! * u.factor;
        if (!this.checkNumber(a, a.value!, base, p)) return;
        values[p.name] = { start: a.start, end: a.end, num: base, unit: unitText, text: a.text };
        return;
      }
      case 'num': {
        if (a?.kind !== 'number') return this.expect('a number');
        this.i++;
        if (a.unit) return this.fail('UNIT004', a.unitSpan ?? a, `'${def.name}' is a plain count: remove the unit '${a.unit}'.`, [{ title: `Remove '${a.unit}'`, edits: [{ start: a.start + a.text.length, end: a.end, newText: '' }], preferred: true }]);
        if (!this.checkNumber(a, a.value!, a.value!, p)) return;
        values[p.name] = { start: a.start, end: a.end, num: a.value };
        return;
      }
      case 'ref':
        if (a?.kind !== 'ident' && a?.kind !== 'string') return this.expect(`the name of a ${p.kind.replace('_', ' ')}`);
        this.i++;
        values[p.name] = { start: a.start, end: a.end, text: a.text };
        const r: Reference = { name: a.text, kind: p.kind, start: a.start, end: a.end };
        this.refs = this.refs ? [...this.refs, r] : [r];
        return;
      case 'enum':
        if (a?.kind !== 'ident') return this.expect(`one of ${p.values.join(', ')}`);
        this.i++;
        if (!p.values.includes(a.text)) return this.badEnum(a, p.values);
        values[p.name] = { start: a.start, end: a.end, text: a.text };
        return;
      case 'str':
        if (a?.kind !== 'string' && a?.kind !== 'ident') return this.expect('a text in double quotes');
        this.i++;
        values[p.name] = { start: a.start, end: a.end, text: a.text };
        return;
      case 'bool': {
        const b = a?.kind === 'ident' ? BOOLS[a.text.toLowerCase()] : undefined;
        if (b === undefined) return this.expect('yes or no');
        this.i++;
        values[p.name] = { start: a!.start, end: a!.end, bool: b };
        return;
      }
      case 'list': {
        const items: { text: string; span: Span }[] = [];
        for (;;) {
          const it = atoms[this.i];
          if (it?.kind !== 'ident') return this.expect(`one of ${p.values.join(', ')}`);
          this.i++;
          if (!p.values.includes(it.text)) return this.badEnum(it, p.values);
          items.push({ text: it.text, span: { start: it.start, end: it.end } });
          if (atoms[this.i]?.kind !== 'comma') break;
          this.i++;
        }
        values[p.name] = { start: items[0].span.start, end: items.at(-1)!.span.end, items: items.slice() };
        return;
      }
      case 'opt': {
        const first = p.parts[0];
        const present = first.t === 'kw' ? a?.kind === 'ident' && a.text === first.word : first.t === 'enum' ? a?.kind === 'ident' && p.parts.length === 1 : a !== undefined;
        if (present) for (const q of p.parts) this.matchPart(q);
        return;
      }
      case 'words': {
        const words = atoms.slice(this.i).filter((w) => w.kind === 'ident' || w.kind === 'number');
        if (words.length === 0) return this.expect('one or more words');
        const bad = atoms.slice(this.i).find((w) => w.kind !== 'ident' && w.kind !== 'number');
        if (bad) return this.fail('SCH003', bad, `'${def.name}' takes message names and status codes only, not '${bad.text}'.`);
        values[p.name] = { start: words[0].start, end: words.at(-1)!.end, items: words.map((w) => ({ text: w.text, span: { start: w.start, end: w.end } })) };
        this.i = atoms.length;
        return;
      }
    }
  }

  badEnum(a: Atom, allowed: readonly string[]): void {
    const near = closest(a.text, allowed);
    this.fail('VAL003', a, `'${a.text}' is not a value of '${this.def.name}': use one of ${allowed.join(', ')}.${near ? ` Did you mean '${near}'?` : ''}`, near ? [{ title: `Write '${near}'`, edits: [{ start: a.start, end: a.end, newText: near }], preferred: true }] : undefined);
  }

  checkNumber(a: Atom, written: number, base: number, p: { min?: number; max?: number; integer?: boolean }): boolean {
    if (!Number.isFinite(written)) {
      this.fail('VAL001', a, `${a.text} is not a finite number.`);
      return false;
    }
    if (p.integer && !Number.isInteger(written)) {
      this.fail('VAL002', a, `'${this.def.name}' must be a whole number, not ${a.text}.`);
      return false;
    }
    if ((p.min !== undefined && base < p.min) || (p.max !== undefined && base > p.max)) {
      this.fail('VAL001', a, `'${this.def.name}' ${a.text}${a.unit ? ' ' + a.unit : ''} is out of range: ${rangeText(p as Part & { min?: number; max?: number })}.`);
      return false;
    }
    return true;
  }
}

function rangeText(p: Part & { min?: number; max?: number }): string {
  const fmt = (v: number) => (p.t === 'q' ? `${+(v / (lookupUnit(defaultUnitFor(p.dim))!.factor)).toPrecision(6)} ${defaultUnitFor(p.dim)}` : String(v));
  if (p.min !== undefined && p.max !== undefined) return `allowed ${fmt(p.min)} to ${fmt(p.max)}`;
  if (p.min !== undefined) return `at least ${fmt(p.min)}`;
  return `at most ${fmt(p.max!)}`;
}

/** The unit offered by "add the missing unit" fixes and used in range messages. */
export function defaultUnitFor(dim: Dimension): string {
  switch (dim) {
    case 'time': return 's';
    case 'percent': return '%';
    case 'callRate': return 'cps';
    case 'bytes': return 'GB';
    case 'bitRate': return 'Gbps';
    case 'byteRate': return 'MiB/s';
    case 'frequency': return 'GHz';
    case 'redundancy': return 'N';
  }
}

const matcher = new Matcher();
