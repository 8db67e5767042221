// Hosts and VMs may take required values from a profile (hardware, flavor): what they end
// up with is checked here, once profiles are resolved. A value whose line is misspelt in the
// host, VM or profile is already reported there (SCH001) and not again.
import type { Rule } from '../context';
import type { BoundBlock } from '../../schema/bind';

const typo = (b: BoundBlock | undefined, name: string) => !!b?.typos.has(name);

export const effectiveRequired: Rule = (ctx) => {
  const missingOf = (block: BoundBlock, profile: BoundBlock | undefined, values: [unknown, string][]) =>
    values.filter(([has, name]) => !has && !typo(block, name) && !typo(profile, name)).map(([, name]) => name);
  for (const h of ctx.entities.hosts.values()) {
    if (h.cpu && h.cores && h.ghz && h.memory) continue;
    const missing = missingOf(h.block, h.profile, [[h.cpu, 'cpu'], [h.cores, 'cores_per_socket'], [h.ghz, 'clock'], [h.memory, 'memory']]);
    if (missing.length) ctx.report('SCH005', h.span, `Host '${h.name}' has no ${missing.join(', ')}: give it a \`hardware\` profile or write the values in the host.`);
  }
  for (const v of ctx.entities.vms.values()) {
    if (v.vcpus && v.memory) continue;
    const missing = missingOf(v.block, v.profile, [[v.vcpus, 'vcpus'], [v.memory, 'memory']]);
    if (missing.length) ctx.report('SCH005', v.span, `VM '${v.name}' has no ${missing.join(', ')}: give it a \`flavor\` or write the values in the VM.`);
  }
};
