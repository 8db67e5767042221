// The migration schedule: destinations, timing, overlap, shared storage, speed cap.
import type { Rule } from '../context';
import { field, numField, prop } from '../../semantic/entities';
import { formatQuantity } from '../../units';
import { defaults } from '../../defaults';

export const migrationSchedule: Rule = (ctx) => {
  const e = ctx.entities;
  const where = new Map(e.placements.map((p) => [p.vm.value, p.host.value]));
  const duration = numField(prop(e.scenario, 'duration'), 'duration')?.value ?? defaults.durationS;
  const cap = numField(prop(e.migration, 'speed_cap'), 'cap')?.value ?? defaults.speedCapBytesPerS;
  const busyUntil = new Map<string, { until: number; at: number }>();

  for (const m of e.migrations) {
    const vm = e.vms.get(m.vm.value);
    if (!vm) continue;
    const current = where.get(m.vm.value);
    if (!current) {
      ctx.report('MIG007', m.vm.span, `VM '${m.vm.value}' is not placed on any host: place it in the cluster (\`active ${m.vm.value} on ${m.from.value}\`) before migrating it.`);
      continue;
    }
    if (m.from.value === m.to.value) ctx.report('MIG001', m.to.span, `'${m.vm.value}' would migrate from '${m.from.value}' to the same host. Choose another destination.`);
    else if (current !== m.from.value)
      ctx.report('MIG002', m.from.span, `At ${m.at.value} s '${m.vm.value}' runs on '${current}', not on '${m.from.value}'.`, { fixes: [{ title: `Migrate from '${current}'`, edits: [{ ...m.from.span, newText: current }], preferred: true }] });
    if (m.at.value >= duration)
      ctx.report('MIG003', m.at.span, `The migration starts at ${m.at.value} s but the scenario ends at ${duration} s. Start it earlier or lengthen the scenario's duration.`);

    // A migration lasts at least touched memory / speed cap: a second one before that overlaps.
    const touched = vm.touched?.value ?? vm.memory?.value ?? 0;
    const minDuration = touched / cap;
    const prev = busyUntil.get(m.vm.value);
    if (prev && m.at.value < prev.until)
      ctx.report('MIG004', m.at.span, `'${m.vm.value}' is still migrating at ${m.at.value} s: the migration that starts at ${prev.at} s sends at least ${formatQuantity(touched, 'bytes')} at ${formatQuantity(cap, 'byteRate')}, so it ends no sooner than ${prev.until.toFixed(1)} s.`);
    busyUntil.set(m.vm.value, { until: m.at.value + minDuration, at: m.at.value });
    where.set(m.vm.value, m.to.value);

    const storageName = vm.diskStorage?.value;
    const storage = storageName ? e.storages.get(storageName) : undefined;
    const type = field(prop(storage, 'type'), 'type')?.text;
    if (vm.disk && (!storageName || type === 'local'))
      ctx.report('MIG005', m.vm.span, `The disk image of '${m.vm.value}' is ${storageName ? `on local storage '${storageName}'` : 'not on any declared storage'}: live migration would have to copy ${formatQuantity(vm.disk.value, 'bytes')} of disk (block migration). Put the image on shared storage (e.g. \`disk 100 GB on vm_images\` with \`type nfs\`).`);
  }

  const netName = field(prop(e.migration, 'network'), 'network')?.text;
  const net = netName ? e.networks.get(netName) : undefined;
  const link = numField(prop(net, 'speed'), 'speed');
  const capProp = prop(e.migration, 'speed_cap');
  if (link && capProp?.match.ok && cap * 8 > link.value)
    ctx.report('MIG006', capProp.match.values.cap, `The speed cap ${formatQuantity(cap, 'byteRate')} (${formatQuantity(cap * 8, 'bitRate')}) is above the ${formatQuantity(link.value, 'bitRate')} link of network '${netName}': the link, not the cap, will limit the migration.`);
};
