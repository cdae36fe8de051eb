import { valueAt } from './chart-value-at';

// CrowdSec's chart labels each log its agent reads from `agent.acquisition` with the type `container_runtime`
// names (its `acquis-configmap.yaml`), and the type picks the parser of the line's frame: `docker` the JSON lines
// of Docker's log driver, `containerd` the CRI lines every kubelet writes since Kubernetes 1.24 dropped dockershim.
// The chart's default is `docker`, so on K3s, Talos, kubeadm or k0s each line fails the first parser and no
// scenario ever sees one: CrowdSec runs, reads, and bans nobody.

/** A problem of `container_runtime` in the values of CrowdSec's chart. */
export interface CrowdSecRuntimeProblem {
  /** An error for the chart's default left unset, a warning for `docker` written out. */
  readonly severity: 'error' | 'warning';
  /** The value's path under the release's props: `values.container_runtime`. */
  readonly field: string;
  /** What the agent does with the pods' logs. */
  readonly message: string;
  /** The value to write. */
  readonly hint: string;
}

const FIELD = 'values.container_runtime';
const HINT = "write container_runtime: 'containerd' (the CRI log format of containerd and CRI-O alike); 'docker' only for nodes that still run Docker through cri-dockerd";

/**
 * The problem of the log format CrowdSec's agent is told to parse, when it reads pods' logs (`agent.acquisition`):
 * the chart's default `docker`, left unset, is an error; `docker` written out may mean nodes on cri-dockerd, so a
 * warning. Pure.
 */
export function crowdSecRuntimeProblem(values: Readonly<Record<string, unknown>>): CrowdSecRuntimeProblem | undefined {
  const acquisition = valueAt(values, ['agent', 'acquisition']);
  if (valueAt(values, ['agent', 'enabled']) === false || !Array.isArray(acquisition) || acquisition.length === 0) {
    return undefined;
  }
  const runtime = valueAt(values, ['container_runtime']);
  const what = "the agent parses each pod's log as Docker's JSON lines, while a kubelet without dockershim (Kubernetes 1.24 on, K3s, Talos) writes CRI lines: "
    + 'no line passes the first parser, so no scenario sees one and CrowdSec bans nobody';
  if (runtime === undefined) {
    return { severity: 'error', field: FIELD, message: `container_runtime is left to the chart's default, docker: ${what}`, hint: HINT };
  }
  if (runtime === 'docker') {
    return { severity: 'warning', field: FIELD, message: `container_runtime is docker: ${what}, unless the nodes run Docker through cri-dockerd`, hint: HINT };
  }
  return undefined;
}
