import type { SynthesizedCluster } from '../synth/collect';
import { foreignServiceCalls } from './app-calls';
import { forwardAuthForeignCalls } from './middleware-references';
import { madeServices } from './called-services';
import { loadBalancerAddress, routeHostnames } from './exposed-addresses';
import { fields, namespaceOf, text } from './manifest';
import { indexOf } from './object-index';
import { backendRefs } from './backend-refs';
import type { ClusterFacts } from './cluster-facts';
import type { Finding } from './finding';
import { onWrittenProps } from './written-props';

// An app moved to another cluster of the fleet (or a second site) keeps calling a Service of its old cluster
// by its in-cluster name (`postgres.db`, `postgres.db.svc.cluster.local`): the name resolves only inside the
// cluster that has the Service, so every connection from the new one fails, and one cluster alone cannot tell
// a Service of another cluster from a machine of the network (`nas.lan`).

/** A call of a Service in a namespace its cluster does not have, as the checks across clusters see it. */
export interface ForeignServiceCall {
  /** The Service as the call names it, `<service>.<namespace>`. */
  readonly service: string;
  /** How messages name the call: `env DB_HOST`, `pg_isready -h`. */
  readonly label: string;
  /**
   * Where a finding about the call points (the prop that wrote it, for an App), and how severe; its message and
   * hint are the cluster's own finding, given where no cluster has the Service (see `toldHere`).
   */
  readonly finding: Finding;
  /** Whether the cluster alone tells of the call (`finding`): a namespace one typo from its own, or a name written as its cluster's (`….svc`). */
  readonly toldHere: boolean;
  /** What the message of a finding on that place ends in (where a prop wrote it: ` (at <field> of <object>)`). */
  readonly suffix: string;
}

/** The cluster's {@link ForeignServiceCall}s, each on the prop that wrote it. */
export function foreignServiceCallFacts(cluster: SynthesizedCluster): ForeignServiceCall[] {
  const drafts = [...foreignServiceCalls(cluster), ...forwardAuthForeignCalls(cluster)];
  if (drafts.length === 0) {
    return [];
  }
  const onProps = onWrittenProps(cluster);
  return drafts.map(({ service, label, finding }) => {
    const placed = onProps(finding);
    return { service, label, finding: placed, toldHere: finding.message !== '', suffix: placed.message.slice(finding.message.length) };
  });
}

/** The Services of the cluster the checks across clusters index, `<service>.<namespace>`. */
export function serviceFacts(cluster: SynthesizedCluster): readonly string[] {
  return madeServices(cluster);
}

/**
 * Where the cluster exposes its Services outside itself, as `[<service>.<namespace>, how]`: the host of each
 * route that sends to one (`route host wiki.lab.test`), the address of a LoadBalancer Service (`load balancer
 * 10.0.8.11:5432`, or its tailnet name), in object order: what a call from another cluster may use instead of
 * the Service's in-cluster name.
 */
export function serviceExposureFacts(cluster: SynthesizedCluster): Array<readonly [string, string]> {
  const index = indexOf(cluster.objects);
  const exposures = new Map<string, readonly [string, string]>();
  const add = (service: string, how: string) => exposures.set(`${service}\n${how}`, [service, how]);
  for (const service of index.of('Service')) {
    const address = loadBalancerAddress(service.manifest);
    if (address !== undefined && !address.startsWith('auto:')) {
      add(`${text(fields(service.manifest.metadata).name) ?? ''}.${namespaceOf(service)}`, `load balancer ${address}`);
    }
  }
  for (const ref of backendRefs(index)) {
    for (const host of routeHostnames(ref.route.manifest)) {
      add(`${text(ref.name) ?? ''}.${ref.namespace}`, `route host ${host}`);
    }
  }
  return [...exposures.values()];
}

/**
 * Calls of a Service by its in-cluster name from a cluster that does not have its namespace: where another
 * cluster of the fleet has that Service, the finding says which, and how to reach it; else the cluster's own
 * finding stands (a namespace it has no Service of). One index of the fleet's Services, built once.
 */
export function checkCallsAcrossClusters(clusters: readonly ClusterFacts[]): Finding[] {
  if (!clusters.some((cluster) => (cluster.foreignServiceCalls ?? []).length > 0)) {
    return [];
  }
  const homes = new Map<string, string[]>();
  const exposed = new Map<string, string[]>();
  for (const cluster of clusters) {
    for (const service of cluster.services ?? []) {
      const folders = homes.get(service);
      if (folders === undefined) {
        homes.set(service, [cluster.folder]);
      } else if (!folders.includes(cluster.folder)) {
        folders.push(cluster.folder);
      }
    }
    for (const [service, how] of cluster.serviceExposures ?? []) {
      const hows = exposed.get(service);
      if (hows === undefined) {
        exposed.set(service, [`${how} of cluster ${cluster.folder}`]);
      } else {
        hows.push(`${how} of cluster ${cluster.folder}`);
      }
    }
  }
  return clusters.flatMap((cluster) => (cluster.foreignServiceCalls ?? []).flatMap(({ service, label, finding, toldHere, suffix }): Finding[] => {
    const elsewhere = (homes.get(service) ?? []).filter((folder) => folder !== cluster.folder);
    if (elsewhere.length === 0) {
      return toldHere ? [finding] : [];
    }
    const [name, namespace] = service.split('.');
    const where = elsewhere.length === 1 ? `cluster ${elsewhere[0]}` : `clusters ${elsewhere.join(', ')}`;
    return [{
      ...finding,
      message: `${label} calls Service ${service}, which is in ${where}, not in this one (${cluster.folder} has no namespace "${namespace}"): `
        + `a Service's in-cluster name resolves only inside its own cluster, so connections to this name would find no such host${suffix}`,
      hint: exposed.has(service)
        ? `call it where ${where} exposes it: ${exposed.get(service)!.join(', or ')}; or deploy ${name} in namespace "${namespace}" of this cluster too`
        : `${where} exposes it nowhere outside: deploy ${name} in namespace "${namespace}" of this cluster too, or expose it there (a route, or a LoadBalancer Service with an address) and call that address`,
    }];
  }));
}
