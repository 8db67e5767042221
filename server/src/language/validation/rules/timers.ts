// RFC 3261 timer relations: Timer B and Timer F are 64 x T1; T2 is at least T1.
import type { Rule } from '../context';
import { child, field, prop } from '../../semantic/entities';
import { defaults } from '../../defaults';

export const sipTimers: Rule = (ctx) => {
  const t = child(ctx.entities.app, 'timers')[0];
  if (!t) return;
  const t1 = field(prop(t, 'T1'), 't1');
  const t2 = field(prop(t, 'T2'), 't2');
  const t1S = t1?.num ?? defaults.t1S;
  if (t2?.num !== undefined && t2.num < t1S)
    ctx.report('TMR002', t2, `T2 (${t2.num} s) is below T1 (${t1S} s): RFC 3261 caps retransmit intervals at T2, which must be at least T1 (default T2 = 4 s).`);
  for (const [name, part, letter] of [['timer_B', 'timerB', 'B'], ['timer_F', 'timerF', 'F']] as const) {
    const v = field(prop(t, name), part);
    const expected = 64 * t1S;
    if (v?.num !== undefined && Math.abs(v.num - expected) > 1e-9)
      ctx.report('TMR001', v, `Timer ${letter} is ${v.num} s but RFC 3261 sets it to 64 x T1 = ${+expected.toFixed(3)} s. Peers using the RFC value will time out at a different moment.`, {
        fixes: [{ title: `Set Timer ${letter} to ${+expected.toFixed(3)} s`, edits: [{ start: v.start, end: v.end, newText: `${+expected.toFixed(3)} s` }] }],
      });
  }
};
