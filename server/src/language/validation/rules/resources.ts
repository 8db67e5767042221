// Host resources: vCPUs against cores, RAM against host memory (now and during/after each
// migration, when the destination must hold the VM too), one-to-one NICs against host NICs.
import type { Rule } from '../context';
import { placementTimeline } from '../placement';
import { formatQuantity } from '../../units';

export const hostResources: Rule = (ctx) => {
  const { hosts, vms } = ctx.entities;
  const placedOn = (vm: string, host: string) => {
    const h = hosts.get(host);
    const v = vms.get(vm);
    return h && v ? { h, v } : undefined;
  };

  for (const p of ctx.entities.placements) {
    const hv = placedOn(p.vm.value, p.host.value);
    if (!hv) continue;
    const { h, v } = hv;
    const cores = (h.sockets?.value ?? 1) * (h.cores?.value ?? 0) * (h.threads?.value ?? 1);
    if (v.vcpus && cores > 0 && v.vcpus.value > cores)
      ctx.report('RES001', p.host.span, `VM '${v.name}' has ${v.vcpus.value} vCPUs but host '${h.name}' has ${cores} hardware threads: the vCPUs will time-share cores and call processing slows. Use a host with at least ${v.vcpus.value} cores or fewer vCPUs.`);
    const oneToOne = v.nicMapping?.value === 'one_to_one' ? v.nicCount?.value ?? 0 : 0;
    const hostNics = h.nics.reduce((s, n) => s + n.count, 0);
    if (oneToOne > hostNics)
      ctx.report('RES003', p.host.span, `VM '${v.name}' maps ${oneToOne} NICs one-to-one but host '${h.name}' has ${hostNics} physical NICs. Add NICs to the host or use bridged NICs.`);
  }
  for (const m of ctx.entities.migrations) {
    const hv = placedOn(m.vm.value, m.to.value);
    if (!hv) continue;
    const oneToOne = hv.v.nicMapping?.value === 'one_to_one' ? hv.v.nicCount?.value ?? 0 : 0;
    const hostNics = hv.h.nics.reduce((s, n) => s + n.count, 0);
    if (oneToOne > hostNics)
      ctx.report('RES003', m.to.span, `VM '${hv.v.name}' maps ${oneToOne} NICs one-to-one but destination '${hv.h.name}' has ${hostNics} physical NICs.`);
  }

  for (const state of placementTimeline(ctx.entities)) {
    const used = new Map<string, { bytes: number; vms: string[] }>();
    for (const [vm, hostList] of state.hostsOf) {
      const mem = vms.get(vm)?.memory?.value ?? 0;
      for (const host of hostList) {
        const u = used.get(host) ?? { bytes: 0, vms: [] };
        u.bytes += mem;
        u.vms.push(vm);
        used.set(host, u);
      }
    }
    for (const [host, u] of used) {
      const h = hosts.get(host);
      if (!h?.memory || u.bytes <= h.memory.value) continue;
      const when = state.after ? `while '${state.after.vm.value}' migrates to it at ${state.after.at.value} s` : 'in the initial placement';
      const span = state.after ? state.after.to.span : ctx.entities.placements.find((p) => p.host.value === host)?.host.span ?? h.span;
      // The initial placement is reported once per host, not once per migration that leaves it unchanged.
      if (state.after && state.after.to.value !== host) continue;
      ctx.report('RES002', span, `Host '${host}' has ${formatQuantity(h.memory.value, 'bytes')} of RAM but its VMs (${u.vms.join(', ')}) need ${formatQuantity(u.bytes, 'bytes')} ${when}. Choose a bigger host or smaller VMs.`);
    }
  }
};
