import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { fields, Fields, list, namespaceOf, objectFinding, text } from './manifest';

// Rook places each replica of a Ceph pool in another failure domain, a host unless the pool says otherwise: a pool
// of more replicas than the Rook cluster has hosts with OSDs never places them all, so its placement groups stay
// undersized and Ceph reports HEALTH_WARN for ever, and a host down takes the pool below its min_size. Its
// monitors, likewise, go one to a node.

/** The kinds of Rook whose pools take `replicated.size`, with the field path of each pool in their spec. */
function poolsOf(object: SynthesizedObject): Array<{ readonly path: string; readonly pool: Fields }> {
  const spec = fields(object.manifest.spec);
  switch (object.manifest.kind) {
    case 'CephBlockPool':
      return [{ path: 'spec', pool: spec }];
    case 'CephFilesystem':
      return [{ path: 'spec.metadataPool', pool: fields(spec.metadataPool) }, ...list(spec.dataPools).map((pool, i) => ({ path: `spec.dataPools[${i}]`, pool }))];
    case 'CephObjectStore':
      return [{ path: 'spec.metadataPool', pool: fields(spec.metadataPool) }, { path: 'spec.dataPool', pool: fields(spec.dataPool) }];
    default:
      return [];
  }
}

/**
 * The hosts a CephCluster of the output runs OSDs on: the nodes its `storage.nodes` names, or every host of the
 * cluster with `useAllNodes`; undefined for an external cluster or one that says neither (its placement decides).
 */
function osdHosts(cephCluster: SynthesizedObject, clusterHosts: readonly string[]): readonly string[] | undefined {
  const spec = fields(cephCluster.manifest.spec);
  const storage = fields(spec.storage);
  if (fields(spec.external).enable === true) {
    return undefined;
  }
  if (storage.useAllNodes === true) {
    return clusterHosts;
  }
  const named = list(storage.nodes).map((node) => text(node.name)).filter((name): name is string => name !== undefined);
  return named.length > 0 ? named : undefined;
}

/**
 * A Rook cluster's monitors, each on a node of its own unless `mon.allowMultiplePerNode`: more of them than the
 * cluster has hosts leaves the rest Pending, and the monitors' quorum never has the count it was given.
 */
function monFindings(cephCluster: SynthesizedObject, clusterHosts: readonly string[]): Finding[] {
  const spec = fields(cephCluster.manifest.spec);
  const mon = fields(spec.mon);
  if (fields(spec.external).enable === true || typeof mon.count !== 'number') {
    return [];
  }
  const fit = clusterHosts.length % 2 === 1 ? clusterHosts.length : Math.max(1, clusterHosts.length - 1);
  if (mon.allowMultiplePerNode === true || mon.count <= clusterHosts.length) {
    // An even count keeps a quorum through no more failures than one monitor fewer, and Rook warns of it.
    return mon.count % 2 === 1 || mon.count < 1 ? [] : [objectFinding(cephCluster, {
      layer: 'references', severity: 'warning', field: 'spec.mon.count',
      message: `${mon.count} monitors, an even count, which Rook warns of: a quorum is a majority, so they keep it through no more monitors lost than ${mon.count - 1} would, with one more to fail`,
      hint: `run an odd number: mon: { count: ${mon.count - 1} }${clusterHosts.length > mon.count ? `, or ${mon.count + 1}` : ''}`,
    })];
  }
  return [objectFinding(cephCluster, {
    layer: 'references', severity: 'error', field: 'spec.mon.count',
    message: `${mon.count} monitors, each on a node of its own, and the cluster has ${clusterHosts.length} host${clusterHosts.length === 1 ? '' : 's'} (${clusterHosts.join(', ')}): the rest stay Pending, and the monitors never reach the quorum they were given`,
    hint: `run an odd number the hosts hold, mon: { count: ${fit} }, or add hosts`,
  })];
}

/**
 * The nodes a CephCluster's `storage.nodes` names are nodes of the cluster: Rook matches each name against the
 * nodes' `kubernetes.io/hostname` label, so a name that is no node's (its address, its DNS name) starts no OSD
 * there, and its disks are never used.
 */
function osdNodeFindings(cephCluster: SynthesizedObject, cluster: SynthesizedCluster): Finding[] {
  const hosts = cluster.chart.hosts;
  const nodeNames = hosts.map((host) => host.nodeName);
  return list(fields(fields(cephCluster.manifest.spec).storage).nodes).flatMap((node, i) => {
    const name = text(node.name);
    if (name === undefined || nodeNames.includes(name)) {
      return [];
    }
    const meant = hosts.find((host) => host.addresses.includes(name) || name.startsWith(`${host.nodeName}.`))?.nodeName ?? closestName(name, nodeNames);
    return [objectFinding(cephCluster, {
      layer: 'references', severity: 'error', field: `spec.storage.nodes[${i}].name`,
      message: `"${name}" is no node of cluster "${cluster.chart.clusterName}" (its nodes are ${nodeNames.join(', ')}): Rook matches it against each node's kubernetes.io/hostname label, so no OSD starts for it and its disks stay unused`,
      hint: meant !== undefined ? `write the node's name: name: '${meant}'` : `name a node of the cluster (${nodeNames.join(', ')}), or add its host to the cluster's hosts`,
    })];
  });
}

/** A Rook pool's `replicated.size` is at most the hosts with OSDs of the CephCluster of its namespace, where replicas go to hosts. */
export function checkCephPools(cluster: SynthesizedCluster): Finding[] {
  const clusterHosts = cluster.chart.hosts.map((host) => host.nodeName);
  const cephClusters = new Map<string, readonly string[]>();
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    if (object.manifest.kind === 'CephCluster' && object.manifest.apiVersion.startsWith('ceph.rook.io/')) {
      findings.push(...monFindings(object, clusterHosts), ...(clusterHosts.length > 0 ? osdNodeFindings(object, cluster) : []));
      const hosts = osdHosts(object, clusterHosts);
      if (hosts !== undefined) {
        cephClusters.set(namespaceOf(object), hosts);
      }
    }
  }
  if (cephClusters.size === 0) {
    return findings;
  }
  for (const object of cluster.objects) {
    const hosts = object.manifest.apiVersion.startsWith('ceph.rook.io/') ? cephClusters.get(namespaceOf(object)) : undefined;
    for (const { path, pool } of hosts === undefined ? [] : poolsOf(object)) {
      const size = fields(pool.replicated).size;
      const domain = text(pool.failureDomain) ?? 'host';
      if (size === 1 && fields(pool.replicated).requireSafeReplicaSize === true) {
        findings.push(objectFinding(object, {
          layer: 'references', severity: 'error', field: `${path}.replicated.requireSafeReplicaSize`,
          message: 'a pool of one replica with requireSafeReplicaSize: true is refused by Rook\'s operator ("must be false"), so the pool is never made and its claims stay Pending',
          hint: 'write requireSafeReplicaSize: false to keep one copy of each object (a disk lost loses its data), or give it more replicas: replicated: { size: 3 }',
        }));
      }
      if (domain !== 'host' || typeof size !== 'number' || size <= hosts!.length) {
        continue;
      }
      findings.push(objectFinding(object, {
        layer: 'references', severity: 'error', field: `${path}.replicated.size`,
        message: `${size} replicas, one per host, and the Rook cluster of namespace "${namespaceOf(object)}" has OSDs on ${hosts!.length} host${hosts!.length === 1 ? '' : 's'} (${hosts!.join(', ')}): `
          + 'Ceph never places the rest, so the pool\'s placement groups stay undersized and the cluster in HEALTH_WARN for ever',
        hint: `give it at most ${hosts!.length} replicas (replicated: { size: ${hosts!.length} }), add a host with OSDs, or spread them over OSDs (failureDomain: 'osd'), though a host down may then hold every copy`,
      }));
    }
  }
  return findings;
}
