// Where each VM is over time: the cluster placement at t = 0, then each scheduled
// migration. Shared by the resource and HA rules (and the model lowering).
import type { Entities, MigrationEntity } from '../semantic/entities';

export interface PlacementState {
  /** The situation just after this migration has started (null: the initial placement). */
  after: MigrationEntity | null;
  /** VM -> hosts holding its memory (two hosts while a migration is under way). */
  hostsOf: Map<string, string[]>;
  /** VM -> host it runs on when the migration has finished. */
  finalHost: Map<string, string>;
}

export function placementTimeline(e: Entities): PlacementState[] {
  const where = new Map<string, string>();
  for (const p of e.placements) if (!where.has(p.vm.value)) where.set(p.vm.value, p.host.value);
  const states: PlacementState[] = [{ after: null, hostsOf: new Map([...where].map(([vm, h]) => [vm, [h]])), finalHost: new Map(where) }];
  for (const m of e.migrations) {
    const hostsOf = new Map([...where].map(([vm, h]) => [vm, [h]]));
    if (where.has(m.vm.value)) hostsOf.set(m.vm.value, [where.get(m.vm.value)!, m.to.value]);
    where.set(m.vm.value, m.to.value);
    states.push({ after: m, hostsOf, finalHost: new Map(where) });
  }
  return states;
}
