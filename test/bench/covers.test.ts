// bench:ab's check that the working tree keeps every output of the revision it is timed against.
import { describe, expect, it } from 'vitest';
import { covers } from '../../scripts/bench/covers';

describe('covers (bench:ab: every output of A, bit for bit, in B)', () => {
  const a = { label: '40 cps', migrations: [{ vm: 'sipas1', endS: 258.663 }], series: { tS: Float64Array.of(0, 0.1), queueDelayS: [0, 0.5] } };
  const copy = () => structuredClone(a);

  it('holds for an equal result, and for one that adds fields', () => {
    expect(covers(a, copy()), 'an equal result').toBe(true);
    const more = { ...copy(), answerableCalls: { total: 0 } };
    more.migrations[0] = { ...more.migrations[0], cpu: null } as (typeof more.migrations)[0];
    expect(covers(a, more), 'B adds fields at the top and inside a migration').toBe(true);
  });

  it('fails for a changed value, a changed bit in a typed array, a missing field or a shorter series', () => {
    const changed = copy();
    changed.migrations[0].endS = 258.664;
    expect(covers(a, changed), 'a migration ending 1 ms later').toBe(false);
    const bit = copy();
    bit.series.tS[1] = 0.1 + Number.EPSILON / 8;
    expect(bit.series.tS[1], 'the test changes the last bits of the value').not.toBe(0.1);
    expect(covers(a, bit), 'the last bits of a Float64Array series value').toBe(false);
    const missing: Record<string, unknown> = copy();
    delete missing.label;
    expect(covers(a, missing), 'a field A has and B lacks').toBe(false);
    const shorter = copy();
    shorter.series.queueDelayS.pop();
    expect(covers(a, shorter), 'a series one step shorter').toBe(false);
    expect(covers({ x: -0 }, { x: 0 }), '-0 and 0 differ in their bits').toBe(false);
  });
});
