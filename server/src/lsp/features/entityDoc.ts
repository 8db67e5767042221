// Hover text for a declared name (at its declaration or at a reference): what the entity
// is, with the values it ends up with (a host's own lines over its hardware profile, a
// VM's over its flavor), and its declaration as written.
import type { Analysis } from '../../language';
import type { Declaration } from '../../language/schema/bind';
import type { Span } from '../../language/syntax/tree';
import { label } from '../../language/semantic/scope';
import { codeBlock, md } from './markdown';

const MAX_SOURCE_LINES = 14;

export function entityDoc(a: Analysis, decl: Declaration): string {
  const src = (s: Span | undefined) => (s ? a.text.slice(s.start, s.end) : undefined);
  const facts: string[] = [];
  const fact = (name: string, value: string | undefined) => value !== undefined && facts.push(`- ${name}: ${md(value)}`);
  if (decl.kind === 'host') {
    const h = a.entities.hosts.get(decl.name);
    if (h) {
      fact('CPU', h.cpu?.value);
      const sockets = h.sockets?.value ?? 1;
      if (h.cores) fact('cores', `${sockets} × ${h.cores.value}${h.threads && h.threads.value > 1 ? ` × ${h.threads.value} threads` : ''}`);
      fact('clock', src(h.ghz?.span));
      fact('memory', src(h.memory?.span));
      if (h.nics.length) fact('NICs', h.nics.map((n) => src(n.span)!.replace(/^nic\s+/, '')).join('; '));
      const roles = a.entities.placements.filter((p) => p.host.value === decl.name).map((p) => `${p.vm.value} (${p.role})`);
      if (roles.length) fact('runs at start', roles.join(', '));
    }
  } else if (decl.kind === 'vm') {
    const v = a.entities.vms.get(decl.name);
    if (v) {
      fact('vCPUs', v.vcpus ? String(v.vcpus.value) : undefined);
      fact('memory', src(v.memory?.span));
      fact('touched memory', src(v.touched?.span));
      fact('NICs', v.nicCount ? `${v.nicCount.value} × ${v.nicModel?.value ?? 'virtio'}${v.nicMapping ? ' ' + v.nicMapping.value : ''}` : undefined);
      fact('virtio', v.virtio ? (v.virtio.value ? 'yes' : 'no') : undefined);
      fact('steal time', v.stealTime ? (v.stealTime.value ? 'yes' : 'no') : undefined);
      const p = a.entities.placements.find((x) => x.vm.value === decl.name);
      if (p) fact('role', `${p.role} on ${p.host.value}`);
      for (const m of a.entities.migrations.filter((x) => x.vm.value === decl.name)) fact('migrates', `from ${m.from.value} to ${m.to.value} at ${src(m.at.span)}`);
    }
  }
  const uses = a.scope.referencesTo(decl).length;
  const lines = (src(decl.block.member) ?? '').split(/\r?\n/);
  const shown = lines.length > MAX_SOURCE_LINES ? [...lines.slice(0, MAX_SOURCE_LINES - 1), '  …'] : lines;
  return [
    `**${label(decl.kind)}** ${md(decl.name)} · ${uses === 1 ? '1 reference' : `${uses} references`}`,
    facts.join('\n'),
    codeBlock(shown.join('\n')),
  ].filter(Boolean).join('\n\n');
}
