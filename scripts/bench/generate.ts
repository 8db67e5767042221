// Generates a valid scenario of about `lines` lines: the paper sample plus many more
// hardware profiles, hosts, flavors and VMs (declared, not all placed), with comments -
// what a large operator inventory file looks like.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function generateScenario(root: string, lines: number): string {
  const base = readFileSync(join(root, 'samples/paper/active-migration.sipmig'), 'utf8');
  const parts = [base];
  let n = base.split('\n').length;
  for (let i = 0; n < lines; i++) {
    const chunk = `
# Rack ${i}: spare capacity
hardware hw_${i} {
  cpu "Intel Xeon Gold 6338N"
  sockets 2
  cores_per_socket 32
  threads_per_core 2
  clock 2.2 GHz
  memory 512 GiB
  nic 2 x 25 Gbps for sip, cluster
  nic 2 x 25 Gbps for management, migration
}
host rack${i}_a { hardware hw_${i} }
host rack${i}_b { hardware hw_${i} }
flavor fl_${i} {
  vcpus 8
  memory 16 GiB
  touched_memory 6 GB
  disk 40 GB on vm_images
  nics 2 x virtio bridged
  virtio yes
  steal_time yes
}
vm spare_${i} { flavor fl_${i} }
`;
    parts.push(chunk);
    n += chunk.split('\n').length - 1;
  }
  return parts.join('');
}

/** The same content as a JSON document (blocks as objects): the ceiling for parse speed. */
export function toEquivalentJson(text: string): string {
  const blocks: unknown[] = [];
  for (const line of text.split('\n')) {
    const code = line.replace(/#.*/, '').trim();
    if (code) blocks.push(code.split(/\s+/));
  }
  return JSON.stringify({ lines: blocks });
}
