import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding, text } from './manifest';

// Ceph CSI's StorageClasses name the Rook cluster and its pools as text: `clusterID` is the namespace the
// CephCluster runs in, `pool` a CephBlockPool of it, and for CephFS `fsName` a CephFilesystem and `pool` one of
// its data pools as Rook names it, `<filesystem>-<data pool>`. A name that is none of these is taken by the API
// server, and every claim of the class stays Pending while the provisioner retries. They are judged only where
// the output makes the Rook objects of that namespace, so a cluster or pool made elsewhere is left alone.

/** Ceph CSI's drivers, `<operator namespace>.rbd.csi.ceph.com` and `<operator namespace>.cephfs.csi.ceph.com`. */
const CEPH_CSI_DRIVER = /\.(rbd|cephfs)\.csi\.ceph\.com$/;

/** The Rook objects of the output a Ceph CSI StorageClass may name, by the namespace of their CephCluster. */
interface RookNamespace {
  readonly blockPools: string[];
  /** Each CephFilesystem by name, with the names Rook gives its data pools (`<filesystem>-<pool>`). */
  readonly filesystems: Map<string, string[]>;
}

function rookNamespaces(objects: readonly SynthesizedObject[]): Map<string, RookNamespace> {
  const namespaces = new Map<string, RookNamespace>();
  const rook = objects.filter((o) => o.manifest.apiVersion.startsWith('ceph.rook.io/'));
  for (const cluster of rook.filter((o) => o.manifest.kind === 'CephCluster')) {
    namespaces.set(namespaceOf(cluster), { blockPools: [], filesystems: new Map() });
  }
  for (const object of rook) {
    const namespace = namespaces.get(namespaceOf(object));
    const name = text(fields(object.manifest.metadata).name) ?? '';
    if (namespace === undefined) {
      continue;
    }
    if (object.manifest.kind === 'CephBlockPool') {
      // A pool may give Ceph another name than its object's (`spec.name`, as for `.mgr`).
      namespace.blockPools.push(text(fields(object.manifest.spec).name) ?? name);
    } else if (object.manifest.kind === 'CephFilesystem') {
      const dataPools = list(fields(object.manifest.spec).dataPools).map((pool, i) => `${name}-${text(pool.name) ?? `data${i}`}`);
      namespace.filesystems.set(name, dataPools);
    }
  }
  return namespaces;
}

/** `value` is one of `known`; else a finding on `field` naming the one meant. */
function unknownName(storageClass: SynthesizedObject, field: string, value: string, known: readonly string[], what: string, consequence: string): Finding[] {
  if (known.includes(value)) {
    return [];
  }
  const meant = closestName(value, known) ?? (known.length === 1 ? known[0] : undefined);
  return [objectFinding(storageClass, {
    layer: 'references', severity: 'error', field,
    message: `"${value}" is no ${what} (${known.length > 0 ? `the output has ${known.map((k) => `"${k}"`).join(', ')}` : 'the output has none'}): ${consequence}`,
    hint: meant !== undefined ? `write ${field.replace(/^parameters\./, '')}: '${meant}'` : `name one of ${what}s the output makes, or make it`,
  })];
}

const PENDING = "Ceph CSI cannot provision there, so every claim of the class stays Pending";

function classFindings(storageClass: SynthesizedObject, driver: 'rbd' | 'cephfs', namespaces: Map<string, RookNamespace>): Finding[] {
  const parameters = fields(storageClass.manifest.parameters);
  const clusterId = text(parameters.clusterID);
  if (clusterId === undefined) {
    return [];
  }
  const rook = namespaces.get(clusterId);
  if (rook === undefined) {
    return unknownName(storageClass, 'parameters.clusterID', clusterId, [...namespaces.keys()], 'namespace of a CephCluster', `clusterID is the namespace the Rook cluster runs in, and ${PENDING}`);
  }
  const pool = text(parameters.pool);
  if (driver === 'rbd') {
    return pool === undefined || rook.blockPools.length === 0 ? []
      : unknownName(storageClass, 'parameters.pool', pool, rook.blockPools, `CephBlockPool of namespace "${clusterId}"`, PENDING);
  }
  const fsName = text(parameters.fsName);
  if (fsName === undefined || rook.filesystems.size === 0) {
    return [];
  }
  const dataPools = rook.filesystems.get(fsName);
  if (dataPools === undefined) {
    return unknownName(storageClass, 'parameters.fsName', fsName, [...rook.filesystems.keys()], `CephFilesystem of namespace "${clusterId}"`, PENDING);
  }
  return pool === undefined || dataPools.length === 0 ? []
    : unknownName(storageClass, 'parameters.pool', pool, dataPools, `data pool of CephFilesystem "${fsName}" as Rook names it (<filesystem>-<data pool>)`, PENDING);
}

/** Each Ceph CSI StorageClass names a Rook cluster, and pools or a filesystem of it, that the output makes. */
export function checkCephStorageClasses(cluster: SynthesizedCluster): Finding[] {
  const classes = cluster.objects.filter((o) => o.manifest.kind === 'StorageClass' && CEPH_CSI_DRIVER.test(text(o.manifest.provisioner) ?? ''));
  if (classes.length === 0) {
    return [];
  }
  const namespaces = rookNamespaces(cluster.objects);
  if (namespaces.size === 0) {
    return [];
  }
  return classes.flatMap((storageClass) => classFindings(storageClass, CEPH_CSI_DRIVER.exec(text(storageClass.manifest.provisioner)!)![1] as 'rbd' | 'cephfs', namespaces));
}
