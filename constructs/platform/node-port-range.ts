import type { NodePortRange } from '../services/node-ports';
import { K3s } from './k3s';

/** Kubernetes' own node-port range, the API server's `--service-node-port-range` unless set. */
export const DEFAULT_NODE_PORT_RANGE: NodePortRange = { first: 30000, last: 32767 };

/**
 * The range a cluster's NodePort Services take their ports from: its own `nodePortRange` where given, else the
 * range the K3s of its `preinstalled` starts the API server with (`k3s({ serviceNodePortRange })`, whose flag the
 * cluster README lists), else Kubernetes' default. A K3s given a wider range is the owner's word for the API
 * server's, so node ports inside it are no error. Pure.
 */
export function clusterNodePortRange(given: NodePortRange | undefined, preinstalled: readonly unknown[] | undefined): NodePortRange {
  const distribution = (preinstalled ?? []).find((entry): entry is K3s => entry instanceof K3s);
  return given ?? distribution?.serviceNodePortRange ?? DEFAULT_NODE_PORT_RANGE;
}
