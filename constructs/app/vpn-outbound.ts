import { networkBounds, type VlanNetwork } from '../inventory/vlan';
import type { PropProblem } from '../validation/known-props';
import { type FirewalledContainer, isGluetunImage } from './vpn-firewall';

// Gluetun, run as a sidecar, routes every connection of the pod that leaves the pod's own subnet into the
// tunnel, and its firewall lets out nothing else but to the subnets of FIREWALL_OUTBOUND_SUBNETS (gluetun's
// documentation: "subnets that Gluetun and the containers sharing its network stack are allowed to access").
// An app of the cluster the pod calls lies at a Service address (and, once translated, a pod address), and so
// does the cluster DNS that finds its name: without both ranges there, the VPN provider gets the call and
// nothing answers. Prowlarr behind gluetun pushing its indexers into Sonarr is the common case.

/** A pod or Service range of the cluster, as {@link vpnOutboundProblems} reads it. */
export interface CallableRange {
  /** The range, a CIDR block. */
  readonly cidr: string;
  /** Whose range it is, for messages, e.g. `K3s' Service range`. */
  readonly label: string;
  /** `pod range` or `Service range`. */
  readonly what: string;
}

/** The name of the variable that lists the subnets gluetun lets the pod reach outside the tunnel. */
const OUTBOUND_SUBNETS = 'FIREWALL_OUTBOUND_SUBNETS';

/** Whether `outer` holds every address of `inner`. Pure. */
function holds(outer: VlanNetwork, inner: VlanNetwork): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

/** A problem of {@link vpnOutboundProblems}, an error unless the setup may work. */
export interface OutboundProblem extends PropProblem {
  readonly severity: 'error' | 'warning';
}

/**
 * The gluetun containers among `containers` whose pod calls the apps `callees` names, yet whose
 * `FIREWALL_OUTBOUND_SUBNETS` leaves out a pod or Service range of `ranges` (the cluster's ranges in force,
 * none where the library does not know them): one problem on that variable, or on the container's `env` where
 * it is not set. With the ranges unknown, only a variable not set at all is judged. A call to a Service leaves
 * the pod for the Service address, which kube-proxy translates on the node: a pod range left out alone is an
 * error only where `inPodTranslation` (Cilium's kube-proxy replacement translates it in the pod's own
 * connect()), a warning elsewhere (a headless Service's calls still go to pod addresses). Pure.
 */
export function vpnOutboundProblems(
  containers: readonly FirewalledContainer[], callees: readonly string[], ranges: readonly CallableRange[], inPodTranslation: boolean,
): OutboundProblem[] {
  if (callees.length === 0) {
    return [];
  }
  const calls = `the pod calls ${callees.join(', ')} of the cluster, at a Service address found through the cluster DNS (a Service address too)`;
  const written = ranges.length > 0 ? ranges.map((r) => r.cidr).join(',') : "<the cluster's pod range>,<its Service range>";
  return containers.filter((c) => isGluetunImage(c.image)).flatMap((vpn): OutboundProblem[] => {
    const listed = vpn.env.get(OUTBOUND_SUBNETS);
    if (listed === undefined && vpn.referenced?.has(OUTBOUND_SUBNETS) === true) {
      return [];
    }
    if (listed === undefined) {
      return [{
        severity: 'error', field: vpn.field('env'),
        message: `gluetun sends every connection of the pod that leaves its own subnet into the tunnel, and lets none out elsewhere but to the subnets of ${OUTBOUND_SUBNETS}, which it does not set; ${calls}: those calls go to the VPN provider and time out`,
        hint: `let the pod reach the cluster: env: { ${OUTBOUND_SUBNETS}: '${written}' } on container "${vpn.name}"`,
      }];
    }
    const subnets = listed.split(',').map((s) => networkBounds(s.trim())).filter((s): s is VlanNetwork => s !== undefined);
    const missing = ranges.filter((r) => {
      const range = networkBounds(r.cidr);
      return range !== undefined && !subnets.some((s) => holds(s, range));
    });
    if (missing.length === 0) {
      return [];
    }
    const kept = listed.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const severity = inPodTranslation || missing.some((r) => r.what !== 'pod range') ? 'error' : 'warning';
    return [{
      severity, field: vpn.field(`env.${OUTBOUND_SUBNETS}`),
      message: `gluetun lets the pod reach outside the tunnel only the subnets of ${OUTBOUND_SUBNETS} (${listed}), which leave out ${missing.map((r) => `${r.cidr}, ${r.label}`).join('; ')}; ${severity === 'error' ? `${calls}: those calls go to the VPN provider and time out` : `the pod calls ${callees.join(', ')} of the cluster, and a call to a pod's own address (a headless Service's) goes to the VPN provider and times out`}`,
      hint: `add the cluster's ranges: env: { ${OUTBOUND_SUBNETS}: '${[...kept, ...missing.map((r) => r.cidr)].join(',')}' } on container "${vpn.name}"`,
    }];
  });
}
