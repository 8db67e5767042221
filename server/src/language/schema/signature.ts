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

const BOOLS: Record<string, boolean> = { yes: true, no: false, true: true, false: false, on: true, off: false };

export function matchProperty(def: PropDef, m: Member, report: (d: Diagnostic) => void): MatchResult {
  const atoms = m.args;
  const values: Record<string, Value> = {};
  const refs: Reference[] = [];
  let i = 0;
  let failed = false;
  const fail = (code: string, span: Span, message: string, fixes?: Fix[]) => {
    if (failed) return;
    failed = true;
    report({ code, severity: severityOf(code), message, start: span.start, end: span.end, fixes });
  };
  const endSpan = (): Span => {
    const last = atoms.at(-1) ?? m.key;
    return { start: last.end, end: last.end };
  };
  const expect = (what: string) => {
    const at = atoms[i];
    const example = `e.g. \`${def.example}\``;
    if (at) fail('SCH003', at, `'${def.name}' expects ${what} here, not '${at.text}' (${example}).`);
    else fail('SCH003', atoms.length ? endSpan() : m.key, `'${def.name}' needs ${what} (${example}).`);
  };

  const matchPart = (p: Part): void => {
    if (failed) return;
    const a: Atom | undefined = atoms[i];
    switch (p.t) {
      case 'kw':
        if (a?.kind === 'ident' && a.text === p.word) i++;
        else expect(`'${p.word}'`);
        return;
      case 'q': {
        if (a?.kind !== 'number') return expect(`${DIMENSION_NAMES[p.dim]} such as ${DIMENSION_EXAMPLES[p.dim]}`);
        i++;
        const unitText = a.unit;
        if (!unitText) {
          const next = atoms[i];
          if (next?.kind === 'ident' && !p.dim.startsWith('redund')) {
            const fix = unitCaseFix(next.text);
            if (fix && fix.dimension === p.dim)
              return fail('UNIT003', next, `Unknown unit '${next.text}': did you mean '${fix.unit}'?`, [{ title: `Write '${fix.unit}'`, edits: [{ start: next.start, end: next.end, newText: fix.unit }], preferred: true }]);
            const near = closest(next.text, unitsOf(p.dim));
            if (near || /^[A-Za-z]+(\/s)?$/.test(next.text) && next.text.length <= 6)
              return fail('UNIT003', next, `Unknown unit '${next.text}': ${DIMENSION_NAMES[p.dim]} takes ${unitsOf(p.dim).join(', ')}.`, near ? [{ title: `Write '${near}'`, edits: [{ start: next.start, end: next.end, newText: near }], preferred: true }] : undefined);
          }
          const unit = defaultUnitFor(p.dim);
          return fail('UNIT001', a, `${a.text} needs a unit: '${def.name}' is ${DIMENSION_NAMES[p.dim]} (${unitsOf(p.dim).join(', ')}), e.g. ${DIMENSION_EXAMPLES[p.dim]}.`, [
            { title: `Add unit '${unit}'`, edits: [{ start: a.end, end: a.end, newText: unit === '%' ? ' %' : ` ${unit}` }], preferred: true },
          ]);
        }
        const u = lookupUnit(unitText)!;
        if (u.dimension !== p.dim) {
          return fail('UNIT002', a.unitSpan ?? a, `'${unitText}' is ${DIMENSION_NAMES[u.dimension]} unit, but '${def.name}' is ${DIMENSION_NAMES[p.dim]} (${unitsOf(p.dim).join(', ')}).`);
        }
        const base = a.value! * u.factor;
        if (!checkNumber(a, a.value!, base, p)) return;
        values[p.name] = { start: a.start, end: a.end, num: base, unit: unitText, text: a.text };
        return;
      }
      case 'num': {
        if (a?.kind !== 'number') return expect('a number');
        i++;
        if (a.unit) return fail('UNIT004', a.unitSpan ?? a, `'${def.name}' is a plain count: remove the unit '${a.unit}'.`, [{ title: `Remove '${a.unit}'`, edits: [{ start: a.start + a.text.length, end: a.end, newText: '' }], preferred: true }]);
        if (!checkNumber(a, a.value!, a.value!, p)) return;
        values[p.name] = { start: a.start, end: a.end, num: a.value };
        return;
      }
      case 'ref':
        if (a?.kind !== 'ident' && a?.kind !== 'string') return expect(`the name of a ${p.kind.replace('_', ' ')}`);
        i++;
        values[p.name] = { start: a.start, end: a.end, text: a.text };
        refs.push({ name: a.text, kind: p.kind, start: a.start, end: a.end });
        return;
      case 'enum':
        if (a?.kind !== 'ident') return expect(`one of ${p.values.join(', ')}`);
        i++;
        if (!p.values.includes(a.text)) return badEnum(a, p.values);
        values[p.name] = { start: a.start, end: a.end, text: a.text };
        return;
      case 'str':
        if (a?.kind !== 'string' && a?.kind !== 'ident') return expect('a text in double quotes');
        i++;
        values[p.name] = { start: a.start, end: a.end, text: a.text };
        return;
      case 'bool': {
        const b = a?.kind === 'ident' ? BOOLS[a.text.toLowerCase()] : undefined;
        if (b === undefined) return expect('yes or no');
        i++;
        values[p.name] = { start: a!.start, end: a!.end, bool: b };
        return;
      }
      case 'list': {
        const items: { text: string; span: Span }[] = [];
        for (;;) {
          const it = atoms[i];
          if (it?.kind !== 'ident') return expect(`one of ${p.values.join(', ')}`);
          i++;
          if (!p.values.includes(it.text)) return badEnum(it, p.values);
          items.push({ text: it.text, span: { start: it.start, end: it.end } });
          if (atoms[i]?.kind !== 'comma') break;
          i++;
        }
        values[p.name] = { start: items[0].span.start, end: items.at(-1)!.span.end, items };
        return;
      }
      case 'opt': {
        const first = p.parts[0];
        const present = first.t === 'kw' ? a?.kind === 'ident' && a.text === first.word : first.t === 'enum' ? a?.kind === 'ident' && p.parts.length === 1 : a !== undefined;
        if (present) p.parts.forEach(matchPart);
        return;
      }
      case 'words': {
        const words = atoms.slice(i).filter((w) => w.kind === 'ident' || w.kind === 'number');
        if (words.length === 0) return expect('one or more words');
        const bad = atoms.slice(i).find((w) => w.kind !== 'ident' && w.kind !== 'number');
        if (bad) return fail('SCH003', bad, `'${def.name}' takes message names and status codes only, not '${bad.text}'.`);
        values[p.name] = { start: words[0].start, end: words.at(-1)!.end, items: words.map((w) => ({ text: w.text, span: { start: w.start, end: w.end } })) };
        i = atoms.length;
        return;
      }
    }
  };

  function badEnum(a: Atom, allowed: readonly string[]) {
    const near = closest(a.text, allowed);
    fail('VAL003', a, `'${a.text}' is not a value of '${def.name}': use one of ${allowed.join(', ')}.${near ? ` Did you mean '${near}'?` : ''}`, near ? [{ title: `Write '${near}'`, edits: [{ start: a.start, end: a.end, newText: near }], preferred: true }] : undefined);
  }

  function checkNumber(a: Atom, written: number, base: number, p: { min?: number; max?: number; integer?: boolean }): boolean {
    if (!Number.isFinite(written)) {
      fail('VAL001', a, `${a.text} is not a finite number.`);
      return false;
    }
    if (p.integer && !Number.isInteger(written)) {
      fail('VAL002', a, `'${def.name}' must be a whole number, not ${a.text}.`);
      return false;
    }
    if ((p.min !== undefined && base < p.min) || (p.max !== undefined && base > p.max)) {
      fail('VAL001', a, `'${def.name}' ${a.text}${a.unit ? ' ' + a.unit : ''} is out of range: ${rangeText(p)}.`);
      return false;
    }
    return true;
  }

  function rangeText(p: Part & { min?: number; max?: number }): string {
    const fmt = (v: number) => (p.t === 'q' ? `${+(v / (lookupUnit(defaultUnitFor(p.dim))!.factor)).toPrecision(6)} ${defaultUnitFor(p.dim)}` : String(v));
    if (p.min !== undefined && p.max !== undefined) return `allowed ${fmt(p.min)} to ${fmt(p.max)}`;
    if (p.min !== undefined) return `at least ${fmt(p.min)}`;
    return `at most ${fmt(p.max!)}`;
  }

  for (const p of def.parts) matchPart(p);
  if (!failed && i < atoms.length) {
    const extra = atoms[i];
    fail('SCH004', { start: extra.start, end: atoms.at(-1)!.end }, `Unexpected '${extra.text}' after the value of '${def.name}' (e.g. \`${def.example}\`).`);
  }
  return { values, refs, ok: !failed };
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
