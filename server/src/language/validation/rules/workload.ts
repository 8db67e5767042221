// The workload: one form of load, non-empty sweeps, increasing profile times.
import type { Rule } from '../context';
import { child, field, prop } from '../../semantic/entities';

export const workloadShape: Rule = (ctx) => {
  const w = ctx.entities.workload;
  if (!w) return;
  const forms = [prop(w, 'load'), prop(w, 'sweep'), child(w, 'profile')[0]?.member].filter(Boolean);
  const profile = child(w, 'profile')[0];
  if (forms.length > 1) {
    const keys = [prop(w, 'load')?.member.key, prop(w, 'sweep')?.member.key, profile?.member.key].filter((k) => k !== undefined);
    const second = keys.sort((a, b) => a.start - b.start)[1];
    ctx.report('WL002', second, 'Give the load one way only: `load` (constant), `sweep` (one run per point) or `profile` (over time).');
  }
  if (forms.length === 0) ctx.report('SCH005', w.member.key, 'The workload has no load: add `load 40 cps`, `sweep 0 cps to 40 cps step 5 cps` or a `profile`.');
  const sweep = prop(w, 'sweep');
  const from = field(sweep, 'from')?.num;
  const to = field(sweep, 'to');
  const step = field(sweep, 'step');
  if (sweep && from !== undefined && to?.num !== undefined && step?.num !== undefined) {
    if (step.num <= 0) ctx.report('WL001', step, 'The sweep step must be above 0 cps.');
    else if (to.num < from) ctx.report('WL001', to, `The sweep ends (${to.num} cps) below where it starts (${from} cps).`);
  }
  let last = -Infinity;
  for (const p of profile?.props.get('at') ?? []) {
    const t = field(p, 'time');
    if (t?.num === undefined) continue;
    if (t.num <= last) ctx.report('WL003', t, `Profile times must increase: ${t.num} s comes after ${last} s.`);
    last = t.num;
  }
};
