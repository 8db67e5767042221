// Every validation rule: a case that triggers it (a small edit of the paper sample) and
// the sample itself, which must not. A rule registered without a case here fails the
// coverage test at the bottom.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/language';
import { RULES } from '../../server/src/language/validation/codes';
import { formatQuantity } from '../../server/src/language/units';
import { activeText, describeDiagnostics, edit } from '../helpers';

const S = activeText;
type Case = { code: string; why: string; text: string; at?: string };

const cases: Case[] = [
  { code: 'SYN001', why: 'stray character', text: edit(S, 'sockets 2', 'sockets 2 @') , at: '@' },
  { code: 'SYN002', why: 'unterminated string', text: edit(S, 'cpu "Intel Xeon E5502"', 'cpu "Intel Xeon E5502'), at: '"Intel Xeon E5502        # 2 cores, 1.87 GHz, no Hyper-Threading' },
  { code: 'SYN003', why: "stray '}'", text: edit(S, 'host pm3 { hardware poweredge }', 'host pm3 { hardware poweredge } }'), at: '}' },
  { code: 'SYN004', why: "block without keyword", text: edit(S, 'host pm3 { hardware poweredge }', '{ hardware poweredge }'), at: '{' },
  { code: 'SYN005', why: 'nesting too deep', text: S + '\nmodel ' + '{'.repeat(20) + '}'.repeat(20) },
  { code: 'SYN006', why: 'unclosed block', text: edit(S, 'host pm3 { hardware poweredge }', 'host pm3 { hardware poweredge'), at: '{' },
  { code: 'SCH001', why: 'typo in a property', text: edit(S, 'vcpus 4', 'vcpu 4'), at: 'vcpu' },
  { code: 'SCH002', why: 'property written as block', text: edit(S, 'vcpus 4', 'vcpus { 4 }'), at: 'vcpus' },
  { code: 'SCH003', why: 'missing keyword in migrate', text: edit(S, 'migrate sipas1 from pm1 to pm3 at 120 s', 'migrate sipas1 pm1 to pm3 at 120 s'), at: 'pm1' },
  { code: 'SCH004', why: 'extra value', text: edit(S, 'vcpus 4', 'vcpus 4 8'), at: '8' },
  { code: 'SCH005', why: 'missing required property', text: edit(S, '    stop_below 65 % for 40 s\n', ''), at: 'phase' },
  { code: 'SCH006', why: 'property twice', text: edit(S, 'vcpus 4', 'vcpus 4\n  vcpus 2'), at: 'vcpus' },
  { code: 'SCH007', why: 'host without a name', text: edit(S, 'host pm3 { hardware poweredge }', 'host { hardware poweredge }'), at: 'host' },
  { code: 'SCH008', why: 'two workload blocks', text: S + '\nworkload {\n  load 5 cps\n}\n', at: 'workload' },
  { code: 'UNIT001', why: 'missing unit', text: edit(S, 'hold_time 180 s', 'hold_time 180'), at: '180' },
  { code: 'UNIT002', why: 'wrong kind of unit', text: edit(S, 'hold_time 180 s', 'hold_time 180 GB'), at: 'GB' },
  { code: 'UNIT003', why: 'unknown unit', text: edit(S, 'hold_time 180 s', 'hold_time 180 secs'), at: 'secs' },
  { code: 'UNIT004', why: 'unit on a count', text: edit(S, 'vcpus 4', 'vcpus 4 GB'), at: 'GB' },
  { code: 'VAL001', why: 'out of range', text: edit(S, 'start_above 70 % for 20 s', 'start_above 170 % for 20 s'), at: '170 %' },
  { code: 'VAL002', why: 'fractional count', text: edit(S, 'vcpus 4', 'vcpus 2.5'), at: '2.5' },
  { code: 'VAL003', why: 'unknown enum value', text: edit(S, 'transport tcp', 'transport sctp'), at: 'sctp' },
  { code: 'NAME001', why: 'unknown host', text: edit(S, 'migrate sipas1 from pm1 to pm3', 'migrate sipas1 from pm1 to pm4'), at: 'pm4' },
  { code: 'NAME002', why: 'duplicate host', text: edit(S, 'host pm3 { hardware poweredge }', 'host pm2 { hardware poweredge }'), at: 'pm2' },
  { code: 'NAME003', why: 'a VM where a host is expected', text: edit(S, 'migrate sipas1 from pm1 to pm3', 'migrate sipas1 from pm1 to sipas2'), at: 'sipas2' },
  { code: 'RES001', why: 'more vCPUs than cores', text: edit(S, 'vcpus 4', 'vcpus 8'), at: 'pm1' },
  { code: 'RES002', why: 'RAM over-committed', text: edit(S, 'memory 4 GiB', 'memory 20 GiB'), at: 'pm1' },
  { code: 'RES003', why: 'more one-to-one NICs than host NICs', text: edit(S, 'nics 6 x e1000 one_to_one', 'nics 8 x e1000 one_to_one'), at: 'pm1' },
  { code: 'HA001', why: 'active and standby on one host', text: edit(S, 'standby sipas2 on pm2', 'standby sipas2 on pm1'), at: 'pm1' },
  { code: 'HA002', why: 'migration onto the standby host', text: edit(S, 'migrate sipas1 from pm1 to pm3', 'migrate sipas1 from pm1 to pm2'), at: 'pm2' },
  { code: 'HA003', why: 'same VM active and standby', text: edit(S, 'standby sipas2 on pm2', 'standby sipas1 on pm2'), at: 'sipas1' },
  { code: 'MIG001', why: 'migration to the same host', text: edit(S, 'migrate sipas1 from pm1 to pm3', 'migrate sipas1 from pm1 to pm1'), at: 'pm1' },
  { code: 'MIG002', why: 'migration from the wrong host', text: edit(S, 'migrate sipas1 from pm1 to pm3', 'migrate sipas1 from pm2 to pm3'), at: 'pm2' },
  { code: 'MIG003', why: 'migration after the end', text: edit(S, 'to pm3 at 120 s', 'to pm3 at 500 s'), at: '500 s' },
  { code: 'MIG004', why: 'overlapping migrations', text: edit(S, 'migrate sipas1 from pm1 to pm3 at 120 s', 'migrate sipas1 from pm1 to pm3 at 120 s\n  migrate sipas1 from pm3 to pm1 at 150 s'), at: '150 s' },
  { code: 'MIG005', why: 'disk on local storage', text: edit(S, 'type nfs', 'type local'), at: 'sipas1' },
  { code: 'MIG006', why: 'speed cap above link', text: edit(S, 'speed_cap 32 MiB/s', 'speed_cap 500 MiB/s'), at: '500 MiB/s' },
  { code: 'MIG007', why: 'migrating an unplaced VM', text: edit(edit(S, 'vm sipas2 { flavor cgl_sipas }', 'vm sipas2 { flavor cgl_sipas }\nvm spare { flavor cgl_sipas }'), 'migrate sipas1 from pm1', 'migrate spare from pm1'), at: 'spare' },
  { code: 'OLC001', why: 'release threshold above start', text: edit(S, 'stop_below 65 % for 40 s', 'stop_below 75 % for 40 s'), at: '75 %' },
  { code: 'OLC002', why: 'phase 2 not above phase 1', text: edit(S, 'start_above 80 % for 20 s', 'start_above 60 % for 20 s'), at: '60 %' },
  { code: 'OLC003', why: 'persistence of zero', text: edit(S, 'start_above 70 % for 20 s', 'start_above 70 % for 0 s'), at: '0 s' },
  { code: 'OLC004', why: 'phases numbered out of order', text: edit(S, 'phase 2 {', 'phase 3 {'), at: '3' },
  { code: 'OLC005', why: 'max_delay with cpu_phases', text: edit(S, 'policy cpu_phases', 'policy cpu_phases\n    max_delay 100 ms'), at: 'max_delay' },
  { code: 'OLC006', why: 'rate policy without admit', text: edit(S, 'policy cpu_phases', 'policy rate'), at: 'overload_control' },
  { code: 'OLC007', why: 'phase 2 admits more than phase 1', text: edit(S, 'admit 0 cps', 'admit 30 cps'), at: '30 cps' },
  { code: 'TMR001', why: 'Timer B not 64 x T1', text: edit(S, 'timer_B 32 s', 'timer_B 20 s'), at: '20 s' },
  { code: 'TMR002', why: 'T2 below T1', text: edit(S, 'T2 4 s', 'T2 100 ms'), at: '100 ms' },
  { code: 'CAT001', why: 'E5502 with 4 cores per socket', text: edit(S, 'cores_per_socket 2', 'cores_per_socket 4'), at: '4' },
  { code: 'CAT002', why: 'CPU not in the catalog', text: edit(S, 'cpu "Intel Xeon E5502"', 'cpu "Intel Xeon E5503"'), at: '"Intel Xeon E5503"' },
  { code: 'GST001', why: 'guest without virtio (the paper sample itself)', text: S, at: 'no' },
  { code: 'GST002', why: 'guest without steal time (the paper sample itself)', text: S, at: 'no' },
  { code: 'WL001', why: 'sweep ends below its start', text: edit(S, 'sweep 0 cps to 40 cps', 'sweep 50 cps to 40 cps'), at: '40 cps' },
  { code: 'WL002', why: 'load and sweep together', text: edit(S, 'sweep 0 cps to 40 cps step 5 cps', 'sweep 0 cps to 40 cps step 5 cps\n  load 10 cps'), at: 'load' },
  { code: 'WL003', why: 'profile times not increasing', text: edit(S, 'sweep 0 cps to 40 cps step 5 cps', 'profile {\n    at 0 s 10 cps\n    at 200 s 20 cps\n    at 100 s 30 cps\n  }'), at: '100 s' },
  { code: 'MOD001', why: 'unknown model coefficient', text: S + '\nmodel {\n  warp_factor 9\n}\n', at: 'warp_factor' },
  { code: 'LIM001', why: 'too many model steps', text: edit(S, 'step 100 ms', 'step 1 ms'), at: '1 ms' },
];

describe('validation rules', () => {
  it('the paper sample has no errors or warnings', () => {
    const bad = analyze(S).diagnostics.filter((d) => d.severity !== 'info');
    expect(bad, `expected a clean paper sample, got:\n${describeDiagnostics(bad, S)}`).toEqual([]);
  });

  for (const c of cases) {
    it(`${c.code} fires on: ${c.why}`, () => {
      const a = analyze(c.text);
      const hits = a.diagnostics.filter((d) => d.code === c.code);
      expect(hits.length, `expected ${c.code} for "${c.why}"; got:\n${describeDiagnostics(a.diagnostics, c.text)}`).toBeGreaterThan(0);
      if (c.at) expect(hits.map((d) => c.text.slice(d.start, d.end)), `expected ${c.code} to point at ${JSON.stringify(c.at)}`).toContain(c.at);
      for (const d of hits) expect(d.message.length, 'a message that explains the fix').toBeGreaterThan(20);
      if (!['GST001', 'GST002'].includes(c.code)) {
        expect(analyze(S).diagnostics.some((d) => d.code === c.code), `${c.code} must not fire on the unedited paper sample`).toBe(false);
      }
    });
  }

  it('messages print quantities as written: whole numbers keep their zeros (100 GB, not 1 GB)', () => {
    const local = analyze(edit(S, 'type nfs', 'type local')).diagnostics.find((d) => d.code === 'MIG005')!;
    expect(local.message, 'the 100 GB disk of the paper flavor').toContain('copy 100 GB of disk');
    for (const [value, dim, text] of [[100e9, 'bytes', '100 GB'], [400e6, 'bytes', '400 MB'], [2.5e9, 'bytes', '2.5 GB'], [120, 'time', '120 s'], [10, 'time', '10 s'], [0.03, 'time', '30 ms'], [1e9, 'bitRate', '1 Gbps']] as const)
      expect(formatQuantity(value, dim), `${value} ${dim}`).toBe(text);
  });

  it('every registered rule has a triggering case here', () => {
    const covered = new Set(cases.map((c) => c.code));
    const missing = RULES.map((r) => r.code).filter((code) => !covered.has(code) && !code.startsWith('PRED'));
    expect(missing, 'rules without a test case').toEqual([]);
  });
});
