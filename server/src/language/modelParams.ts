// The model's named coefficients as properties of the `model { }` block: the language
// checks names, units and ranges; the model defines them (model/params.ts).
import { MODEL_PARAMETERS } from '../model/params';
import type { Part, PropDef } from './schema/types';
import { lookupUnit } from './units';

let cached: PropDef[] | undefined;

export function modelPropDefs(): PropDef[] {
  cached ??= MODEL_PARAMETERS.map((p) => {
    const u = p.unit ? lookupUnit(p.unit) : undefined;
    const part: Part = u
      ? { t: 'q', name: 'value', dim: u.dimension, min: p.min * u.factor, max: p.max * u.factor }
      : { t: 'num', name: 'value', min: p.min, max: p.max };
    return { name: p.name, parts: [part], doc: p.doc, default: `${p.default}${p.unit ? ' ' + p.unit : ''}`, source: p.source, example: `${p.name} ${p.default}${p.unit ? ' ' + p.unit : ''}` };
  });
  return cached;
}

/** Converts a value the binder holds in base units back to the coefficient's own unit. */
export function coefficientValue(name: string, base: number): number {
  const p = MODEL_PARAMETERS.find((x) => x.name === name);
  const u = p?.unit ? lookupUnit(p.unit) : undefined;
  return u ? base / u.factor : base;
}
