// Which failed calls, and which CPU, belong to which migration (model/attribution.ts and the
// per-migration figures of a result): one rule for the editor, the advisor and the CLI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/language';
import { attributionWindow, failureSeriesOf, failuresInWindow, firstOverlapping, migrationCost, overlappedAtStart, simulate, summarizeCpu, withoutMigrations, type FailureSeries } from '../../server/src/model';
import type { RunInput, RunResult } from '../../server/src/model';
import { backToBackText, ROOT, overlappingText } from '../helpers';

const runOf = (text: string): RunInput => analyze(text).runs[0];
const failures = (r: RunResult): FailureSeries => failureSeriesOf(r)!;
const MAINTENANCE = readFileSync(join(ROOT, 'samples/modern/maintenance-window.sipmig'), 'utf8');
const overlapping = overlappingText;

describe('calls a migration answers for', () => {
  it('back to back: the first answers for its window up to the second start, the second for the rest; together the whole run', () => {
    const r = simulate(runOf(backToBackText()), { series: true });
    const [first, second] = r.migrations;
    expect(attributionWindow(r.migrations, 0), 'the first window closes when the second migration starts').toEqual([first.startS, second.startS]);
    expect(attributionWindow(r.migrations, 1), 'the last window runs to the end of the run').toEqual([second.startS, Infinity]);
    expect(first.incompleteCalls!.total, 'the first migration fails calls of its own').toBeGreaterThan(0);
    expect(second.incompleteCalls!.total, 'the second, started in the first backlog, fails more').toBeGreaterThan(first.incompleteCalls!.total);
    expect(first.incompleteCalls!.total + second.incompleteCalls!.total, `nothing failed before 120 s and the windows do not overlap: they add up to the run total ${r.incompleteCalls.total}`).toBe(r.incompleteCalls.total);
  });

  it('counts in the model (without series) what the cumulative series give over the same window, to within one call', () => {
    for (const text of [backToBackText(), overlapping(), MAINTENANCE]) {
      const run = runOf(text);
      const lean = simulate(run);
      const full = simulate(run, { series: true });
      lean.migrations.forEach((m, i) => {
        const [from, to] = attributionWindow(full.migrations, i)!;
        const fromSeries = failuresInWindow(failures(full), from, to);
        const total = Object.values(fromSeries).reduce((a, b) => a + b, 0);
        expect(Math.abs(m.incompleteCalls!.total - total), `${m.vm} at ${m.startS} s: ${m.incompleteCalls!.total} calls from the model, ${total.toFixed(2)} from the series between ${from} and ${to} s`).toBeLessThan(1);
      });
    }
  });

  it('overlapping migrations: neither is relieved by the other, each answers for every call failed from its start on', () => {
    const r = simulate(runOf(overlapping()));
    const [active, standby] = r.migrations;
    expect(standby.startS, 'the standby starts while the active still migrates').toBeLessThan(active.endS!);
    expect(active.incompleteCalls!.total, 'calls fail').toBeGreaterThan(0);
    expect(active.incompleteCalls, 'nothing failed before 120 s: the active answers for every failed call').toEqual(r.incompleteCalls);
    expect(standby.incompleteCalls, 'nothing failed before 130 s either: so does the standby (not 0 because a later migration cut the window short)').toEqual(r.incompleteCalls);
  });

  it('leaves out what the plan without migrations fails anyway: a rate policy refusing calls during the window costs the migration nothing', () => {
    const run = runOf(MAINTENANCE);
    const r = simulate(run, { series: true });
    const standby = r.migrations.findIndex((m) => m.role === 'standby');
    const raw = r.migrations[standby].incompleteCalls!;
    expect(raw.byCause['503'] ?? 0, 'the rate policy refuses calls (503) while the standby migrates').toBeGreaterThan(100);
    expect(migrationCost(r, standby, failures(simulate(withoutMigrations(run), { series: true }))), 'the same refusals happen without any migration').toEqual({ total: 0, byCause: {} });
    expect(migrationCost(r, standby), 'without the plan baseline, the raw window count').toEqual(raw);
  });

  it('is nothing for a migration that never started (scheduled after the scenario ends)', () => {
    // The language refuses such a schedule; the model still has to answer for it.
    const run = runOf(backToBackText());
    const r = simulate({ ...run, scenario: { ...run.scenario, migrations: run.scenario.migrations.map((m, i) => (i === 1 ? { ...m, startS: 700 } : m)) } });
    expect(r.migrations[1].incompleteCalls, 'no count for a migration that never started').toBeNull();
    expect(r.migrations[1].cpu, 'no CPU windows either').toBeNull();
    expect(attributionWindow(r.migrations, 0), 'it does not close the first window').toEqual([r.migrations[0].startS, Infinity]);
    expect(migrationCost(r, 1)).toEqual({ total: 0, byCause: {} });
  });
});

describe('CPU around each migration', () => {
  it('takes each migration own windows: the active VM works hard during its own migration, not during the standby one', () => {
    const run = runOf(MAINTENANCE);
    const r = simulate(run, { series: true });
    const dt = run.scenario.stepS;
    const n = r.series!.tS.length;
    for (const m of r.migrations) {
      expect(Object.keys(m.cpu!.vms).sort(), 'the cluster VMs').toEqual(['sipas1', 'sipas2']);
      for (const vm of ['sipas1', 'sipas2']) {
        expect(m.cpu!.vms[vm], `${vm} around the migration of ${m.vm}: the windows of that migration`).toEqual(summarizeCpu(r.series![`vmCpu.${vm}`], dt, n, m.startS, m.endS));
      }
      expect(m.cpu!.vms[m.vm].duringPct, `${m.vm} works harder while it migrates (dirty logging, qemu I/O)`).toBeGreaterThan(m.cpu!.vms[m.vm].beforePct! + 3);
    }
    const [standbyMove, activeMove] = r.migrations;
    expect(activeMove.cpu!.vms.sipas1.duringPct - standbyMove.cpu!.vms.sipas1.duringPct, 'the active VM: during its own migration against during the standby one').toBeGreaterThan(30);
    expect(activeMove.cpu!.hosts.pm1.duringPct, 'its source host carries the migration then').toBeGreaterThan(activeMove.cpu!.hosts.pm1.beforePct! + 20);
    expect(Object.keys(standbyMove.cpu!.hosts).sort(), 'the hosts of that migration only: its source and destination').toEqual(['new2', 'pm2']);
  });
});

describe('which earlier migration a migration overlaps (overlappedAtStart)', () => {
  const mig = (vm: string, startS: number, endS: number | null) => ({ vm, startS, endS, incompleteCalls: { total: 0, byCause: {} } }) as unknown as RunResult['migrations'][number];
  const run = (...ms: RunResult['migrations']) => ({ migrations: ms }) as RunResult;

  it('is the earlier-started one still under way; of two starting together, the one written first', () => {
    const r = run(mig('a', 100, 200), mig('b', 150, 300), mig('c', 300, 400));
    expect(overlappedAtStart(r, 1)?.vm, 'b starts while a runs').toBe('a');
    expect(overlappedAtStart(r, 0), 'nothing runs before a').toBeNull();
    expect(overlappedAtStart(r, 2), 'c starts as b ends: no overlap').toBeNull();
    const together = run(mig('a', 100, 200), mig('b', 100, 250));
    expect([overlappedAtStart(together, 0), overlappedAtStart(together, 1)?.vm], 'the second written overlaps the first').toEqual([null, 'a']);
  });

  it('of several under way, the one that ends last, preferring one that ends at all', () => {
    const r = run(mig('a', 100, 220), mig('b', 110, 260), mig('never', 120, null), mig('c', 150, 400));
    expect(overlappedAtStart(r, 3)?.vm, 'a start after b is possible; after a migration that never ends it is not').toBe('b');
    expect(overlappedAtStart(run(mig('never', 100, null), mig('c', 150, 400)), 1)?.vm, 'alone, the one that never ends').toBe('never');
  });

  it('the other way round (firstOverlapping): the first-starting later migration a migration is the one under way for', () => {
    const r = run(mig('a', 100, 300), mig('c', 200, 400), mig('b', 150, 250), mig('d', 500, 600));
    expect(firstOverlapping(r, 0), 'b (150 s) and c (200 s) start while a runs: b first').toBe(2);
    expect(firstOverlapping(r, 2), 'c starts while a and b run, and counts a (it ends last) as the one under way').toBe(-1);
    expect(firstOverlapping(r, 3), 'nothing starts while d runs').toBe(-1);
  });
});
