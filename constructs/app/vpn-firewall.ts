import type { PropProblem } from '../validation/known-props';

// Gluetun, run as a sidecar that gives the pod its network (compose's `network_mode: service:gluetun`), is
// also the pod's kill switch: its firewall drops every connection that comes in on the pod's own interface,
// except from the addresses of that interface's subnet. In a cluster the ingress controller and the other apps
// reach the pod from other subnets (and the kubelet too, under a CNI that gives each pod a subnet of its own),
// so the ports the pod serves are let in by number (FIREWALL_INPUT_PORTS), as gluetun's documentation says for
// Kubernetes sidecars.

/** Images of gluetun, on Docker Hub (`qmcgaw/gluetun`) and on GitHub's registry (`ghcr.io/qdm12/gluetun`). */
export const GLUETUN_IMAGE = /^(?:(?:docker\.io|ghcr\.io)\/)?(?:qmcgaw|qdm12)\/gluetun(?:[:@]|$)/;

/** Whether `image` is gluetun's (Docker Hub's `qmcgaw/gluetun`, GitHub's `ghcr.io/qdm12/gluetun`). Pure. */
export function isGluetunImage(image: string): boolean {
  return GLUETUN_IMAGE.test(image);
}

/** The variable that lists the ports gluetun's firewall lets in on the pod's own interface. */
const INPUT_PORTS = 'FIREWALL_INPUT_PORTS';

/** A container as {@link vpnFirewallProblems} reads it: its name, image, literal env and ports, and how findings name its props. */
export interface FirewalledContainer {
  readonly name: string;
  readonly image: string;
  /** Its env variables with a literal value; a variable from a Secret or a field is left out. */
  readonly env: ReadonlyMap<string, string>;
  /**
   * Its env variables whose value is read from a ConfigMap, a Secret or a field: set, with a value these checks do
   * not see, so they judge none of them (several gluetun sidecars often share one ConfigMap of the cluster's ranges).
   * @default - none
   */
  readonly referenced?: ReadonlySet<string>;
  readonly ports: ReadonlyArray<{ readonly name: string; readonly port: number }>;
  /** The field of one of its props (`sidecars[0].env.FIREWALL_INPUT_PORTS`). */
  readonly field: (prop: string) => string;
}

/**
 * The ports the other containers of a pod serve that a gluetun container among `containers` does not let in:
 * one problem on its `FIREWALL_INPUT_PORTS` (or on its `env` where it sets none), since every connection to
 * such a port from outside the pod's subnet is dropped and times out. Pure.
 */
export function vpnFirewallProblems(containers: readonly FirewalledContainer[]): PropProblem[] {
  return containers.filter((c) => isGluetunImage(c.image)).flatMap((vpn) => {
    const written = vpn.env.get(INPUT_PORTS);
    if (written === undefined && vpn.referenced?.has(INPUT_PORTS) === true) {
      return [];
    }
    const admitted = new Set((written ?? '').split(',').map((p) => p.trim()).filter((p) => p !== ''));
    const served = containers.filter((c) => c !== vpn).flatMap((c) => c.ports.map((p) => ({ ...p, container: c.name })))
      .filter((p) => !admitted.has(String(p.port)));
    if (served.length === 0) {
      return [];
    }
    const ports = [...new Set(served.map((p) => p.port))];
    const listed = served.map((p) => `${p.port} (${p.name} of ${p.container})`).join(', ');
    const all = [...admitted, ...ports.map(String)].join(',');
    return [{
      field: vpn.field(written === undefined ? 'env' : `env.${INPUT_PORTS}`),
      message: `gluetun's firewall lets in no connection from outside the pod's subnet but on the ports of ${INPUT_PORTS}${written === undefined ? ', which it does not set' : ` (${written})`}, and the pod serves ${listed}: the ingress controller, the other apps and, under a CNI that gives each pod a subnet of its own (Cilium), the kubelet's probes would wait on them until they time out`,
      hint: `let the pod's ports in: env: { ${INPUT_PORTS}: '${all}' } on container "${vpn.name}"`,
    }];
  });
}
