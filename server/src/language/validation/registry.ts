// The validator registry: every cross-entity rule, run in order on the resolved
// entities. Shape, unit and name checks happen earlier (schema/bind, semantic/scope).
import type { Rule } from './context';
import { hostResources } from './rules/resources';
import { haRedundancy } from './rules/ha';
import { migrationSchedule } from './rules/migration';
import { overloadControl } from './rules/overload';
import { sipTimers } from './rules/timers';
import { catalogCheck, guestDevices } from './rules/hardware';
import { workloadShape } from './rules/workload';
import { scenarioLimits } from './rules/limits';
import { effectiveRequired } from './rules/required';

export const RULE_SET: readonly Rule[] = [hostResources, haRedundancy, migrationSchedule, overloadControl, sipTimers, catalogCheck, guestDevices, workloadShape, scenarioLimits, effectiveRequired];
