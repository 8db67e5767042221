// Hosts and VMs may take required values from a profile (hardware, flavor): what they end
// up with is checked here, once profiles are resolved. A value whose line is misspelt in the
// host, VM or profile is already reported there (SCH001) and not again.
import type { Rule } from '../context';
import type { BoundBlock } from '../../schema/bind';
import type { HostEntity, VmEntity } from '../../semantic/entities';

const typo = (b: BoundBlock | undefined, name: string) => !!b?.typos.has(name);

/** Each required value: the entity's field, and the property that sets it. */
const HOST_REQUIRED: ReadonlyArray<readonly [keyof HostEntity, string]> = [
  ['cpu', 'cpu'],
  ['cores', 'cores_per_socket'],
  ['ghz', 'clock'],
  ['memory', 'memory'],
];
const VM_REQUIRED: ReadonlyArray<readonly [keyof VmEntity, string]> = [
  ['vcpus', 'vcpus'],
  ['memory', 'memory'],
];

/**
 * The properties an entity lacks that no typo explains. Undefined when none is missing (every
 * host and VM of a valid file): no list is made for them.
 */
function missingOf<E>(e: E, required: ReadonlyArray<readonly [keyof E, string]>, block: BoundBlock, profile: BoundBlock | undefined): string[] | undefined {
  let missing: string[] | undefined;
  for (const [field, name] of required) if (!e[field] && !typo(block, name) && !typo(profile, name)) (missing ??= []).push(name);
  return missing;
}

export const effectiveRequired: Rule = (ctx) => {
  for (const h of ctx.entities.hosts.values()) {
    const missing = missingOf(h, HOST_REQUIRED, h.block, h.profile);
    if (missing) ctx.report('SCH005', h.span, `Host '${h.name}' has no ${missing.join(', ')}: give it a \`hardware\` profile or write the values in the host.`);
  }
  for (const v of ctx.entities.vms.values()) {
    const missing = missingOf(v, VM_REQUIRED, v.block, v.profile);
    if (missing) ctx.report('SCH005', v.span, `VM '${v.name}' has no ${missing.join(', ')}: give it a \`flavor\` or write the values in the VM.`);
  }
};
