// The rule registry: every diagnostic code, its severity, what it checks and the spec it
// comes from. docs/rules.md is generated from this table (and a test keeps them equal).
import type { Severity } from '../diagnostics';

export interface RuleInfo {
  code: string;
  severity: Severity;
  title: string;
  source: string;
}

export const RULES: RuleInfo[] = [
  { code: 'SYN001', severity: 'error', title: 'Unexpected character', source: 'sipmig grammar' },
  { code: 'SYN002', severity: 'error', title: 'Unterminated string', source: 'sipmig grammar' },
  { code: 'SYN003', severity: 'error', title: "Unmatched '}'", source: 'sipmig grammar' },
  { code: 'SYN004', severity: 'error', title: "Block without a keyword before '{'", source: 'sipmig grammar' },
  { code: 'SYN005', severity: 'error', title: 'Blocks nested too deep', source: 'sipmig limits (docs/limits.md)' },
  { code: 'SYN006', severity: 'error', title: 'Block never closed', source: 'sipmig grammar' },
  { code: 'SCH001', severity: 'error', title: 'Unknown block or property', source: 'sipmig language reference' },
  { code: 'SCH002', severity: 'error', title: 'Property written as a block, or block without a body', source: 'sipmig language reference' },
  { code: 'SCH003', severity: 'error', title: 'Value missing or of the wrong shape', source: 'sipmig language reference' },
  { code: 'SCH004', severity: 'error', title: 'Unexpected extra value', source: 'sipmig language reference' },
  { code: 'SCH005', severity: 'error', title: 'Missing required property or block', source: 'sipmig language reference' },
  { code: 'SCH006', severity: 'warning', title: 'Property given twice (the last one wins)', source: 'sipmig language reference' },
  { code: 'SCH007', severity: 'error', title: 'Block name missing or not allowed', source: 'sipmig language reference' },
  { code: 'SCH008', severity: 'error', title: 'Block given twice where only one is allowed', source: 'sipmig language reference' },
  { code: 'UNIT001', severity: 'error', title: 'Quantity without a unit', source: 'sipmig units (docs/language.md#units)' },
  { code: 'UNIT002', severity: 'error', title: 'Unit of the wrong kind', source: 'sipmig units (docs/language.md#units)' },
  { code: 'UNIT003', severity: 'error', title: 'Unknown unit', source: 'sipmig units (docs/language.md#units)' },
  { code: 'UNIT004', severity: 'error', title: 'Unit given to a plain number', source: 'sipmig units (docs/language.md#units)' },
  { code: 'VAL001', severity: 'error', title: 'Value out of range', source: 'property definition (docs/language.md)' },
  { code: 'VAL002', severity: 'error', title: 'Whole number expected', source: 'property definition (docs/language.md)' },
  { code: 'VAL003', severity: 'error', title: 'Unknown keyword value', source: 'property definition (docs/language.md)' },
  { code: 'NAME001', severity: 'error', title: 'Unknown name', source: 'sipmig scoping' },
  { code: 'NAME002', severity: 'error', title: 'Name declared twice', source: 'sipmig scoping' },
  { code: 'NAME003', severity: 'error', title: 'Name of the wrong kind', source: 'sipmig scoping' },
  { code: 'RES001', severity: 'warning', title: "vCPUs above the host's physical cores", source: 'KVM: vCPUs beyond cores time-share; paper §1-2: 4 vCPUs on 4 cores' },
  { code: 'RES002', severity: 'error', title: 'Host RAM over-committed (now or after a migration)', source: 'KVM/libvirt: VM memory must fit in host RAM (no overcommit for carrier grade)' },
  { code: 'RES003', severity: 'error', title: 'More one-to-one mapped NICs than the host has', source: 'paper §2: 6 e1000 NICs connected one-to-one to physical NICs' },
  { code: 'HA001', severity: 'error', title: 'Active and standby on the same host', source: 'SAF AMF B.04 2N redundancy model; paper §3' },
  { code: 'HA002', severity: 'error', title: 'A migration puts active and standby on the same host', source: 'SAF AMF B.04 2N redundancy model; paper §5 (peer VM on a third PM)' },
  { code: 'HA003', severity: 'error', title: 'Active and standby are the same VM', source: 'SAF AMF B.04 2N redundancy model' },
  { code: 'MIG001', severity: 'error', title: 'Migration to the host the VM is already on', source: 'libvirt: migration needs a different destination' },
  { code: 'MIG002', severity: 'error', title: 'Migration from a host the VM is not on at that time', source: 'cluster placement and earlier migrations' },
  { code: 'MIG003', severity: 'error', title: 'Migration starts after the scenario ends', source: 'scenario duration' },
  { code: 'MIG004', severity: 'error', title: 'Two migrations of one VM overlap', source: 'qemu: one migration per VM at a time; lower bound = touched memory / speed cap' },
  { code: 'MIG005', severity: 'error', title: 'Disk image not on shared storage', source: 'paper §1: images on NFS; qemu 0.12 needs block migration otherwise' },
  { code: 'MIG006', severity: 'warning', title: 'Speed cap above the migration network link speed', source: 'qemu migrate_set_speed; link goodput is the real limit' },
  { code: 'MIG007', severity: 'error', title: 'Migrated VM is not placed on any host', source: 'cluster placement' },
  { code: 'OLC001', severity: 'error', title: 'Release threshold not below its start threshold', source: 'paper §4: start above 70 %, stop below 65 % (hysteresis)' },
  { code: 'OLC002', severity: 'error', title: 'Phase threshold not above the previous phase', source: 'paper §4: phase 2 (80 %) above phase 1 (70 %)' },
  { code: 'OLC003', severity: 'error', title: 'Persistence of zero', source: 'paper §4: 20 s to start, 40 s to stop; zero makes the control flap' },
  { code: 'OLC004', severity: 'error', title: 'cpu_phases policy without phases, or phases out of order', source: 'paper §4' },
  { code: 'OLC005', severity: 'warning', title: 'Setting not used by the chosen policy', source: 'sipmig overload-control policies' },
  { code: 'OLC006', severity: 'error', title: 'Policy setting missing', source: 'sipmig overload-control policies' },
  { code: 'OLC007', severity: 'warning', title: 'A later phase admits more calls than an earlier one', source: 'paper §4: phase 1 admits 20/s, phase 2 none' },
  { code: 'TMR001', severity: 'warning', title: 'Timer B or F is not 64 x T1', source: 'RFC 3261 §17.1.1.2, §17.1.2.2' },
  { code: 'TMR002', severity: 'error', title: 'T2 below T1', source: 'RFC 3261 §17.1.2.2' },
  { code: 'CAT001', severity: 'warning', title: 'Host values contradict the CPU datasheet', source: 'CPU datasheet (built-in catalog)' },
  { code: 'CAT002', severity: 'info', title: 'CPU model not in the catalog', source: 'CPU datasheet (built-in catalog)' },
  { code: 'GST001', severity: 'info', title: 'Guest without virtio uses emulated devices', source: 'paper §2; model-notes: qemu main thread serves emulated NICs and migration' },
  { code: 'GST002', severity: 'info', title: 'Guest without steal-time accounting', source: 'model-notes: 2.6.18 guest cannot see lost capacity' },
  { code: 'WL001', severity: 'error', title: 'Sweep range empty or step not positive', source: 'sipmig workload' },
  { code: 'WL002', severity: 'error', title: 'More than one load form (load, sweep, profile)', source: 'sipmig workload' },
  { code: 'WL003', severity: 'error', title: 'Profile times not increasing', source: 'sipmig workload' },
  { code: 'MOD001', severity: 'error', title: 'Unknown model coefficient', source: 'docs/model.md' },
  { code: 'LIM001', severity: 'error', title: 'Scenario exceeds a documented limit', source: 'docs/limits.md' },
  // Model-derived (language server, after each model run; docs/editors.md).
  { code: 'PRED001', severity: 'warning', title: 'Calls fail during a migration while the CPU overload control never triggers', source: 'paper §6: about 50 incomplete calls above 20 cps, CPU never above 70 % for 20 s; model prediction' },
  { code: 'PRED002', severity: 'info', title: 'Predicted migration time, downtime and incomplete calls', source: 'model prediction (docs/model.md)' },
  { code: 'PRED003', severity: 'error', title: 'Migration does not converge with its settings', source: 'qemu-kvm 0.12 pre-copy: stops when remaining dirty memory fits in max_downtime; model prediction' },
  { code: 'PRED004', severity: 'warning', title: 'Model run stopped at its time budget', source: 'sipmig.model.timeBudgetMs setting' },
  { code: 'PRED005', severity: 'warning', title: 'Migration predicted to cause an HA fail-over', source: 'SAF AMF health check (cluster failover_after); model prediction' },
  { code: 'PRED006', severity: 'warning', title: 'The SIP-AS does not keep up with its load before any migration', source: 'model prediction: new-call wait when the first migration starts (docs/model.md §3.7)' },
  { code: 'PRED007', severity: 'warning', title: 'Migration still under way when the scenario ends', source: 'model prediction: the pre-copy run ahead at its last rate and dirtying (docs/model.md §3.2)' },
];

export const RULE_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.code, r]));

export function severityOf(code: string): Severity {
  const r = RULE_BY_CODE.get(code);
  if (!r) throw new Error(`Diagnostic code ${code} is not registered in validation/codes.ts`);
  return r.severity;
}
