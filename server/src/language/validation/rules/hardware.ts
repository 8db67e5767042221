// Hosts against the CPU catalog (datasheet), and guests without virtio / steal time.
import type { Rule } from '../context';
import { findCpu, CPU_CATALOG } from '../../catalog';
import { closest } from '../../text';

export const catalogCheck: Rule = (ctx) => {
  const seen = new Set<string>();
  for (const h of ctx.entities.hosts.values()) {
    if (!h.cpu) continue;
    // Values inherited from one hardware profile are reported once, at the profile.
    const key = `${h.cpu.span.start}:${h.cores?.span.start}:${h.ghz?.span.start}:${h.threads?.span.start}:${h.sockets?.span.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const c = findCpu(h.cpu.value);
    if (!c) {
      const near = closest(h.cpu.value, CPU_CATALOG.map((x) => x.model));
      ctx.report('CAT002', h.cpu.span, `CPU '${h.cpu.value}' is not in the catalog, so its cores and clock are not checked.${near ? ` Did you mean '${near}'?` : ''}`, near ? { fixes: [{ title: `Use '${near}'`, edits: [{ ...h.cpu.span, newText: `"${near}"` }] }] } : undefined);
      continue;
    }
    if (h.cores && h.cores.value !== c.coresPerSocket) ctx.report('CAT001', h.cores.span, `The ${c.model} has ${c.coresPerSocket} cores per socket (datasheet), not ${h.cores.value}.`, { fixes: [{ title: `Set ${c.coresPerSocket}`, edits: [{ ...h.cores.span, newText: String(c.coresPerSocket) }] }] });
    if (h.threads && h.threads.value > c.threadsPerCore) ctx.report('CAT001', h.threads.span, `The ${c.model} has ${c.threadsPerCore} thread${c.threadsPerCore > 1 ? 's' : ''} per core (datasheet), not ${h.threads.value}.`);
    if (h.ghz && Math.abs(h.ghz.value - c.baseGhz) > 0.02) ctx.report('CAT001', h.ghz.span, `The ${c.model} runs at ${c.baseGhz} GHz base clock (datasheet), not ${h.ghz.value} GHz.`, { fixes: [{ title: `Set ${c.baseGhz} GHz`, edits: [{ ...h.ghz.span, newText: `${c.baseGhz} GHz` }] }] });
    if (h.sockets && h.sockets.value > c.maxSockets) ctx.report('CAT001', h.sockets.span, `The ${c.model} supports at most ${c.maxSockets} sockets (datasheet), not ${h.sockets.value}.`);
  }
};

export const guestDevices: Rule = (ctx) => {
  const migrated = new Set(ctx.entities.migrations.map((m) => m.vm.value));
  for (const vm of ctx.entities.vms.values()) {
    if (!migrated.has(vm.name)) continue;
    const model = vm.nicModel?.value;
    if (vm.virtio && !vm.virtio.value)
      ctx.report('GST001', vm.virtio.span, `'${vm.name}' has no virtio drivers: its ${model ?? 'emulated'} NICs and disk are emulated by qemu's main thread, the same thread that runs the migration. Expect higher migration overhead and delayed packets while it migrates.`);
    if (vm.stealTime && !vm.stealTime.value)
      ctx.report('GST002', vm.stealTime.span, `'${vm.name}' does not account steal time: its CPU % cannot show the capacity it loses to the host during migration, so CPU-based overload control sees less load than there is.`);
  }
};
