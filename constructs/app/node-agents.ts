import type { AppController } from './controller';
import { imageRows } from './image-rows';

// A node agent reads the node it runs on: its disks, its kernel's counters, its pods' logs. Run as a Deployment
// of one pod, it reads whichever node the scheduler picked, and the other nodes' data is never read, with no word.

/** An image that reads the node it runs on, and what it reads, as messages say it. */
interface NodeAgentImage {
  /** The image, by repository, with or without a registry. */
  readonly image: RegExp;
  /** The program, as messages name it. */
  readonly agent: string;
  /** What it reads of its node, as messages say it. */
  readonly reads: string;
}

/**
 * Prometheus' node exporter and smartctl exporter, cAdvisor, and the log shippers that tail the node's pod logs
 * (Promtail, Fluent Bit). Grafana Alloy and Vector also run as aggregators, which one pod serves: left out.
 */
const NODE_AGENT_IMAGES: readonly NodeAgentImage[] = [
  { image: /^((docker\.io\/)?prom|quay\.io\/prometheus)\/node-exporter(?=[:@]|$)/, agent: 'node_exporter', reads: "its node's kernel counters" },
  { image: /^((docker\.io\/)?prometheuscommunity|quay\.io\/prometheuscommunity)\/smartctl-exporter(?=[:@]|$)/, agent: 'smartctl_exporter', reads: "its node's disks" },
  { image: /^gcr\.io\/cadvisor\/cadvisor(?=[:@]|$)/, agent: 'cAdvisor', reads: "its node's containers" },
  { image: /^(docker\.io\/)?grafana\/promtail(?=[:@]|$)/, agent: 'Promtail', reads: "its node's pod logs" },
  { image: /^((docker\.io\/)?fluent|cr\.fluentbit\.io\/fluent)\/fluent-bit(?=[:@]|$)/, agent: 'Fluent Bit', reads: "its node's pod logs" },
];

/** What a node-agent check reads of an App's props. */
export interface NodeAgentProps {
  /** The main container's image, as given. @default - none: nothing to judge */
  readonly image?: unknown;
  /** The app's controller. @default - a Deployment */
  readonly controller?: AppController;
  /** The app's placement, as given. @default - none: any node */
  readonly placement?: unknown;
}

/**
 * A known node agent run as a Deployment or StatefulSet (the default controller) with no placement, on a cluster of
 * `hosts` nodes, more than one: it reads one node, whichever the scheduler picks, and misses the others. A warning on
 * `controller`: one node may be meant. Pure.
 */
export function nodeAgentControllerProblems(props: NodeAgentProps, hosts: number): Array<{ field: string; message: string; hint: string; severity: 'warning' }> {
  const kind = props.controller?.kind ?? 'Deployment';
  if (typeof props.image !== 'string' || hosts < 2 || props.placement !== undefined || (kind !== 'Deployment' && kind !== 'StatefulSet')) {
    return [];
  }
  const [row] = imageRows(NODE_AGENT_IMAGES, props.image);
  return row === undefined ? [] : [{
    field: 'controller', severity: 'warning',
    message: `${row.agent} reads ${row.reads}, and as a ${kind} of one pod it runs on one of the cluster's ${hosts} nodes, whichever the scheduler picks: the others are never read`,
    hint: 'run it on every node: controller: AppController.daemonSet(); or, for one node, place it there: placement: { host: <host> }',
  }];
}
