// SAF AMF 2N: the active and the standby must be different VMs on different hosts,
// before and after every migration; otherwise one host failure takes both.
import type { Rule } from '../context';
import { placementTimeline } from '../placement';

export const haRedundancy: Rule = (ctx) => {
  const act = ctx.entities.placements.find((p) => p.role === 'active');
  const sby = ctx.entities.placements.find((p) => p.role === 'standby');
  if (!act || !sby) return;
  if (act.vm.value === sby.vm.value) {
    ctx.report('HA003', sby.vm.span, `'${sby.vm.value}' is both active and standby: 2N needs two VMs. Declare a second VM for the standby.`);
    return;
  }
  if (act.host.value === sby.host.value) {
    const other = [...ctx.entities.hosts.keys()].find((h) => h !== act.host.value);
    ctx.report('HA001', sby.host.span, `Active '${act.vm.value}' and standby '${sby.vm.value}' are both on host '${act.host.value}': one host failure takes down both (2N loses its hardware redundancy). Place the standby on another host.`, {
      fixes: other ? [{ title: `Move the standby to '${other}'`, edits: [{ ...sby.host.span, newText: other }], preferred: true }] : undefined,
    });
  }
  for (const state of placementTimeline(ctx.entities).slice(1)) {
    const m = state.after!;
    const a = state.finalHost.get(act.vm.value);
    const s = state.finalHost.get(sby.vm.value);
    if (a && a === s) {
      const spare = [...ctx.entities.hosts.keys()].find((h) => h !== a && h !== m.from.value);
      ctx.report('HA002', m.to.span, `After migrating '${m.vm.value}' to '${m.to.value}' at ${m.at.value} s, active and standby both run on '${a}': 2N loses its hardware redundancy. Migrate to another host.`, {
        fixes: spare ? [{ title: `Migrate to '${spare}' instead`, edits: [{ ...m.to.span, newText: spare }], preferred: true }] : undefined,
      });
    }
  }
};
