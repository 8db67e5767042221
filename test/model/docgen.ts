// Generated sections of docs/model.md: the coefficient table (from MODEL_PARAMETERS), the
// prediction against every reference point and shape (from the same checks the calibration
// tests run), a per-load summary of both paper samples, and a comparison of overload policies.
// Prose lives in docs/model.md itself; only the text between
// `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` markers is replaced.
import { behindAtMigrationStart, MODEL_PARAMETERS, simulate, type ModelParameter } from '../../server/src/model';
import type { OverloadPolicy, ScenarioInput } from '../../server/src/model/input';
import type { RunResult } from '../../server/src/model/output';
import { windowMean } from '../../server/src/model/summary';
import { sampleAtLoad, sampleResults, sampleRun, variant } from './fixtures';
import { elevatedAfterS, KNOWN_GAPS, pointChecks, shapeChecks, type Check } from './shapes';

const GROUP_TITLES: Record<ModelParameter['group'], string> = {
  hardware: 'Hardware',
  guest: 'Guest',
  sip: 'SIP-AS',
  checkpoint: 'Checkpoint (SAF CKPT)',
  io: 'Emulated I/O (qemu main thread)',
  migration: 'Migration (qemu-kvm 0.12)',
  dirtying: 'Memory dirtying',
  control: 'Control and start-up',
};

const esc = (s: string) => s.replace(/\|/g, '\\|');
const num = (x: number) => (Number.isInteger(x) ? String(x) : String(+x.toPrecision(6)));
const f = (x: number | null | undefined, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));

function paramsTable(): string {
  const out: string[] = [];
  for (const g of Object.keys(GROUP_TITLES) as ModelParameter['group'][]) {
    const ps = MODEL_PARAMETERS.filter((p) => p.group === g);
    if (!ps.length) continue;
    out.push(`#### ${GROUP_TITLES[g]}`, '', '| name | unit | default | range | source | meaning |', '|---|---|---|---|---|---|');
    for (const p of ps) out.push(`| \`${p.name}\` | ${p.unit || '-'} | ${num(p.default)} | ${num(p.min)} .. ${num(p.max)} | ${esc(p.source)} | ${esc(p.doc)} |`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}

function checksTable(checks: Check[], first: string): string {
  return [`| ${first} | predicted | target | holds |`, '|---|---|---|---|', ...checks.map((c) => `| ${esc(c.id.startsWith('shape') ? c.statement : `${c.id}: ${c.statement}`)} | ${esc(c.measured)} | ${esc(c.expected)} | ${holds(c)} |`)].join('\n');
}

/** "yes", or "**NO**" with what the model reproduces instead when the gap is a known one. */
function holds(c: Check): string {
  if (c.ok) return 'yes';
  if (!KNOWN_GAPS[c.id] || !c.reproduced) return '**NO**';
  return `**NO**, a known gap (section 6). Reproduced instead (${esc(c.reproduced.expected)}): ${c.reproduced.ok ? 'yes' : '**NO**'}`;
}

function sweepTable(runs: RunResult[], activeVm: string, standbyVm: string): string {
  const rows = runs.map((r) => {
    const m = r.migrations[0];
    const a = r.cpu.vms[activeVm];
    const s = r.cpu.vms[standbyVm];
    const src = r.cpu.hosts[m.from];
    const causes = Object.entries(r.incompleteCalls.byCause).map(([k, v]) => `${v} ${k}`).join(', ');
    return `| ${r.offeredCps} | ${m.converged ? f(m.migrationTimeS) : 'never'} | ${m.rounds} | ${f(m.downtimeMs, 0)} | ${f(src.beforePct)} / ${f(src.duringPct)} | ${f(a.beforePct)} / ${f(a.duringPct)} / ${f(a.afterPct)} | ${f(s.beforePct)} / ${f(s.duringPct)} / ${f(s.afterPct)} | ${f(r.peakInviteWaitS)} | ${r.incompleteCalls.total}${causes ? ` (${causes})` : ''} | ${f(elevatedAfterS(r, activeVm), 0)} |`;
  });
  return [
    '| cps | migration s | rounds | downtime ms | source host CPU % before / during | active VM CPU % before / during / after | standby VM CPU % before / during / after | new-call wait, s | incomplete calls | active CPU elevated after, s |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function policyTable(): string {
  const policies: [string, (timerB: number) => OverloadPolicy | null][] = [
    ['none', () => ({ kind: 'none' })],
    ['cpu phases (paper)', () => null],
    ['queue delay 0.2 s', () => ({ kind: 'queue-delay', maxDelayS: 0.2 })],
    ['queue delay 16 s', () => ({ kind: 'queue-delay', maxDelayS: 16 })],
    ['queue delay = Timer B', (b) => ({ kind: 'queue-delay', maxDelayS: b })],
    ['rate 30 cps', () => ({ kind: 'rate', admitCps: 30 })],
  ];
  const head = ['| migrated | cps |', ...policies.map(([n]) => ` ${n} |`)].join('');
  const out = [head, `|---|---|${policies.map(() => '---|').join('')}`];
  for (const sample of ['active-migration', 'standby-migration'] as const) {
    for (const cps of [30, 35, 40]) {
      const cells = policies.map(([, p]) => {
        const base = sampleRun(sample, cps);
        const pol = p(base.scenario.app.timers.timerBS);
        const r = simulate(pol ? variant(base, (s) => (s.app.overload = pol)) : base);
        const c = r.incompleteCalls.byCause;
        return ` ${r.incompleteCalls.total} (${c['408'] ?? 0} x 408, ${c['503'] ?? 0} x 503) |`;
      });
      out.push(`| ${sample.split('-')[0]} | ${cps} |${cells.join('')}`);
    }
  }
  return out.join('\n');
}

function sensitivityTable(): string {
  const def = MODEL_PARAMETERS.find((p) => p.name === 'ckpt_writes_per_call')!.default;
  const factors = [0.97, 0.99, 1, 1.01, 1.03];
  const row = (sample: 'active-migration' | 'standby-migration') =>
    `| ${sample.split('-')[0]} |${factors.map((k) => ` ${simulate(variant(sampleRun(sample, 40), (s) => (s.coefficients = { ...s.coefficients, ckpt_writes_per_call: def * k }))).incompleteCalls.total} |`).join('')}`;
  return [`| migrated |${factors.map((k) => ` ${num(+(def * k).toFixed(3))}${k === 1 ? ' (default)' : ''} |`).join('')}`, `|---|${factors.map(() => '---|').join('')}`, row('active-migration'), row('standby-migration')].join('\n');
}

/** The active sample at a constant load (the run labelled by its load). */
function activeAt(cps: number, change: (s: ScenarioInput) => void = () => undefined, series = false): RunResult<number[]> {
  return simulate(variant(sampleAtLoad('active-migration', cps), change), { series });
}

/**
 * Incomplete calls around the load where new calls first wait as long as Timer B (the active
 * sample, four loads either side of it): how steeply a fluid model's count rises there.
 */
function edgeTable(): string {
  const timerBS = sampleRun('active-migration', 40).scenario.app.timers.timerBS;
  // The edge: the first whole load at which new calls wait as long as Timer B.
  let edge = 20;
  while (edge < 200 && activeAt(edge).peakInviteWaitS < timerBS) edge++;
  const loads = Array.from({ length: 9 }, (_, k) => edge - 4 + k);
  const runs = loads.map((c) => activeAt(c));
  return [
    `| offered cps |${loads.map((c) => ` ${c} |`).join('')}`,
    `|---|${loads.map(() => '---|').join('')}`,
    `| new-call wait, s |${runs.map((r) => ` ${f(r.peakInviteWaitS)} |`).join('')}`,
    `| incomplete calls |${runs.map((r) => ` ${r.incompleteCalls.total} |`).join('')}`,
  ].join('\n');
}

/**
 * The active sample at loads past what the unmigrated server carries: the SIP-AS when the
 * migration starts (atMigrationStart) against the run's incomplete calls.
 */
function behindTable(): string {
  const loads = [80, 82, 84, 86, 88, 90, 95, 100];
  const runs = loads.map((c) => activeAt(c));
  const vm = sampleRun('active-migration', 40).scenario.cluster.active;
  return [
    `| offered cps |${loads.map((c) => ` ${c} |`).join('')}`,
    `|---|${loads.map(() => '---|').join('')}`,
    `| new-call wait when the migration starts, s |${runs.map((r) => ` ${f(r.atMigrationStart?.inviteWaitS)} |`).join('')}`,
    `| calls timed out by then |${runs.map((r) => ` ${r.atMigrationStart?.timedOutCalls ?? 'n/a'} |`).join('')}`,
    `| behind before the migration |${runs.map((r) => ` ${behindAtMigrationStart(r) ? 'yes' : 'no'} |`).join('')}`,
    `| active guest CPU before, % |${runs.map((r) => ` ${f(r.cpu.vms[vm]?.beforePct)} |`).join('')}`,
    `| incomplete calls of the run |${runs.map((r) => ` ${r.incompleteCalls.total} |`).join('')}`,
  ].join('\n');
}

/**
 * The active sample with the migration's speed cap doubled: the qemu main thread holds its
 * lock most of each tick, the emulated I/O path starves and the queue collapses.
 */
function collapseTable(): string {
  const loads = [0, 5, 10, 15, 20, 25, 30, 40, 60];
  const caps = [32, 64];
  const runs = caps.map((cap) => loads.map((c) => activeAt(c, (s) => s.migrations.forEach((m) => (m.speedCapBytesPerS = cap * 1048576)))));
  return [
    `| speed cap | |${loads.map((c) => ` ${c} cps |`).join('')}`,
    `|---|---|${loads.map(() => '---|').join('')}`,
    ...caps.flatMap((cap, i) => [
      `| ${cap} MiB/s | migration time, s |${runs[i].map((r) => ` ${f(r.migrations[0].migrationTimeS)} |`).join('')}`,
      `| | incomplete calls |${runs[i].map((r) => ` ${r.incompleteCalls.total} |`).join('')}`,
    ]),
  ].join('\n');
}

/** The active sample over TCP and over UDP at the loads where new calls start to wait: Timer A's retransmissions during the migration. */
function udpTable(): string {
  const loads = [30, 35, 40];
  const rows = (['tcp', 'udp'] as const).map((transport) => {
    const runs = loads.map((cps) => activeAt(cps, (s) => (s.app.transport = transport), true));
    const dt = sampleRun('active-migration', 40).scenario.stepS;
    const rtx = (r: RunResult<number[]>) => windowMean(r.series!.retransmissionsPerS, dt, r.migrations[0].startS, r.migrations[0].endS ?? Infinity);
    return [
      `| ${transport.toUpperCase()} | migration time, s |${runs.map((r) => ` ${f(r.migrations[0].migrationTimeS)} |`).join('')}`,
      `| | retransmissions during the migration, per s |${runs.map((r) => ` ${f(rtx(r), 0)} |`).join('')}`,
      `| | incomplete calls |${runs.map((r) => ` ${r.incompleteCalls.total} |`).join('')}`,
    ];
  });
  return [`| transport | |${loads.map((c) => ` ${c} cps |`).join('')}`, `|---|---|${loads.map(() => '---|').join('')}`, ...rows.flat()].join('\n');
}

export function generatedSections(): Record<string, string> {
  const active = sampleResults('active-migration');
  const standby = sampleResults('standby-migration');
  const sweeps = { active, standby };
  const activeVm = active[0].migrations[0].vm;
  const standbyVm = standby[0].migrations[0].vm;
  return {
    params: paramsTable(),
    points: checksTable(pointChecks(sweeps), 'reference point'),
    shapes: checksTable(shapeChecks(sweeps), 'statement'),
    'sweep-active': sweepTable(active, activeVm, standbyVm),
    'sweep-standby': sweepTable(standby, activeVm, standbyVm),
    policies: policyTable(),
    sensitivity: sensitivityTable(),
    edge: edgeTable(),
    behind: behindTable(),
    collapse: collapseTable(),
    udp: udpTable(),
  };
}

/** `doc` (the text of `file`) with each of `sections` put between its generated-section markers. */
export function replaceGenerated(doc: string, sections: Record<string, string>, file: string): string {
  let out = doc;
  for (const [name, body] of Object.entries(sections)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const i = out.indexOf(open);
    const j = out.indexOf(close);
    if (i < 0 || j < i) throw new Error(`${file} lacks the markers of the generated section '${name}'`);
    out = `${out.slice(0, i + open.length)}\n${body}\n${out.slice(j)}`;
  }
  return out;
}

/** `doc` with every generated section replaced by what the code produces now. */
export function renderModelDoc(doc: string): string {
  return replaceGenerated(doc, generatedSections(), 'docs/model.md');
}
