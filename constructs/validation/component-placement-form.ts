import { workloadRoleLabel } from '../inventory/node-labels';
import { isRolePlacement, placementCallProblem } from '../platform/node-role';
import type { ForeignForm } from './known-props';

// hostPlacement() and rolePlacement() place a platform component's pods, as the nodeSelector and tolerations a
// chart's values take; their result fits an App's `placement` by type (it has `hosts`), so a user passes it there.

/**
 * An App's `placement` given as a component's placement ({@link isRolePlacement}): one problem on `placement`
 * whose hint writes the App's own form of it, a workload role or the hosts it names. Pure.
 */
export function componentPlacementForm(placement: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  const misused = placementCallProblem(placement);
  if (misused !== undefined) {
    // An App takes neither call: its own form is the intent, with the host object itself.
    return { keys: Object.keys(placement), message: misused.message, hint: "give the App its placement intent, with the host object the inventory declares: placement: { host: <host> } or { workloadRole: '<role>' }" };
  }
  if (!isRolePlacement(placement)) {
    return undefined;
  }
  const rolePrefix = workloadRoleLabel('');
  const role = Object.keys(placement.nodeSelector).find((label) => label.startsWith(rolePrefix))?.slice(rolePrefix.length);
  const names = placement.hosts.map((h) => h.name);
  const meant = role !== undefined ? `{ workloadRole: '${role}' }` : names.length === 1 ? `{ host: ${names[0]} }` : `{ hosts: [${names.join(', ')}] }`;
  return {
    keys: Object.keys(placement),
    message: "placement is a platform component's placement (hostPlacement() or rolePlacement()), whose nodeSelector and tolerations an App does not take",
    hint: `give the App its placement intent, from which it renders the node selector and the tolerations of the hosts' taints: placement: ${meant}`,
  };
}
