// Overload control as documented: each phase's release threshold below its start
// (hysteresis), later phases above earlier ones, non-zero persistence, settings that
// belong to the chosen policy.
import type { Rule } from '../context';
import { child, field, prop } from '../../semantic/entities';
import type { BoundBlock } from '../../schema/bind';

export const overloadControl: Rule = (ctx) => {
  const oc = child(ctx.entities.app, 'overload_control')[0];
  if (!oc) return;
  const policy = field(prop(oc, 'policy'), 'policy')?.text ?? 'cpu_phases';
  const phases = child(oc, 'phase');

  const unused = (name: string, why: string) => {
    const p = prop(oc, name);
    if (p) ctx.report('OLC005', p.member.key, `'${name}' is ignored: ${why}.`);
  };
  if (policy !== 'queue_delay') unused('max_delay', `it belongs to the queue_delay policy, and this one is ${policy}`);
  if (policy !== 'rate') unused('admit', `it belongs to the rate policy, and this one is ${policy}`);
  if (policy !== 'cpu_phases') for (const ph of phases) ctx.report('OLC005', ph.member.key, `'phase' blocks are ignored: they belong to the cpu_phases policy, and this one is ${policy}.`);
  if (policy === 'rate' && !prop(oc, 'admit')) ctx.report('OLC006', oc.member.key, "The rate policy needs 'admit' (e.g. `admit 30 cps`).");
  if (policy !== 'cpu_phases') return;
  if (phases.length === 0) {
    ctx.report('OLC004', oc.member.key, 'The cpu_phases policy has no phase: add `phase 1 { start_above 70 % for 20 s ... }`.');
    return;
  }

  let prev: { block: BoundBlock; start: number; admit?: number } | undefined;
  phases.forEach((ph, i) => {
    const n = ph.name ? Number(ph.name.text) : NaN;
    if (ph.name && n !== i + 1) ctx.report('OLC004', ph.name.span, `Phases are numbered in order from 1: this is the ${ordinal(i + 1)} phase but is numbered ${ph.name.text}.`, { fixes: [{ title: `Number it ${i + 1}`, edits: [{ ...ph.name.span, newText: String(i + 1) }] }] });
    const start = prop(ph, 'start_above');
    const stop = prop(ph, 'stop_below');
    const s = field(start, 'threshold');
    const r = field(stop, 'threshold');
    for (const p of [start, stop]) {
      const persistence = field(p, 'persistence');
      if (persistence?.num === 0) ctx.report('OLC003', persistence, `A persistence of 0 s makes phase ${ph.name?.text ?? i + 1} flap on every CPU sample. The study uses 20 s to start and 40 s to stop.`);
    }
    if (s?.num !== undefined && r?.num !== undefined && r.num >= s.num) {
      ctx.report('OLC001', r, `Phase ${ph.name?.text ?? i + 1} is released below ${r.num} % but starts above ${s.num} %: the release threshold must be below the start threshold, or the phase flaps.`, {
        fixes: [{ title: `Swap: start above ${r.num} %, stop below ${s.num} %`, edits: [{ start: s.start, end: s.end, newText: r.text + ' %' }, { start: r.start, end: r.end, newText: s.text + ' %' }], preferred: true }],
      });
    }
    const admit = field(prop(ph, 'admit'), 'rate')?.num;
    if (prev && s?.num !== undefined && s.num <= prev.start)
      ctx.report('OLC002', s, `Phase ${ph.name?.text ?? i + 1} starts above ${s.num} %, not above phase ${prev.block.name?.text ?? i} (${prev.start} %): a later phase must need more load.`);
    if (prev?.admit !== undefined && admit !== undefined && admit > prev.admit)
      ctx.report('OLC007', field(prop(ph, 'admit'), 'rate')!, `Phase ${ph.name?.text ?? i + 1} admits ${admit} cps, more than phase ${prev.block.name?.text ?? i} (${prev.admit} cps): deeper overload should admit fewer calls.`);
    if (s?.num !== undefined) prev = { block: ph, start: s.num, admit };
  });
};

function ordinal(n: number): string {
  return n === 1 ? 'first' : n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`;
}
