import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';

// A control plane of another cluster that this one runs or provisions (k0smotron, Cluster API), each replica a
// member of one etcd: etcd needs a majority of its members, so an even count survives no more failures than the odd
// count below it and has one member more to lose.

/** The kinds whose `spec.replicas` are etcd members, by API group, with the field that moves their store off etcd. */
const CONTROL_PLANES: Readonly<Record<string, Readonly<Record<string, string | undefined>>>> = {
  'controlplane.cluster.x-k8s.io': { K0smotronControlPlane: 'kineDataSourceURL', KubeadmControlPlane: undefined, TalosControlPlane: undefined, K0sControlPlane: undefined },
  'k0smotron.io': { Cluster: 'kineDataSourceURL' },
};

/** A warning on an even `spec.replicas` of a control plane whose replicas are the members of its etcd. */
export function checkControlPlaneReplicas(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    const kinds = CONTROL_PLANES[object.manifest.apiVersion.split('/')[0]];
    if (kinds === undefined || !Object.prototype.hasOwnProperty.call(kinds, object.manifest.kind)) {
      continue;
    }
    const spec = fields(object.manifest.spec);
    const storeField = kinds[object.manifest.kind];
    const externalEtcd = fields(fields(fields(fields(spec.kubeadmConfigSpec).clusterConfiguration).etcd).external);
    const replicas = spec.replicas;
    if (typeof replicas !== 'number' || replicas < 2 || replicas % 2 !== 0
      || (storeField !== undefined && text(spec[storeField]) !== undefined) || Object.keys(externalEtcd).length > 0) {
      continue;
    }
    findings.push(objectFinding(object, {
      layer: 'references', severity: 'warning', field: 'spec.replicas',
      message: `${replicas} control-plane replicas, each a member of one etcd, which needs a majority of its members: ${replicas} survive ${replicas / 2 - 1} failure${replicas === 2 ? 's' : ''} as ${replicas - 1} ${replicas === 2 ? 'does' : 'do'}, with one member more to lose`,
      hint: `run an odd number, replicas: ${replicas - 1} or ${replicas + 1}`,
    }));
  }
  return findings;
}
