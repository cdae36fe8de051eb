import { ApiObject } from 'cdk8s';
import {
  ClusterChart, CROSSPLANE_PROVIDERS, CrossplaneProviders, host, hostPlacement, loki, rolePlacement, SecretReference, tailscaleLoadBalancer, trivyOperator,
} from '../../constructs';
import type { BadInput } from './cases';
import { arm1, gpu1, guarded, labCluster } from './lab';

// Add-on components whose options point at what the cluster does not have (a host, a role, a StorageClass),
// a Tailscale OAuth Secret in the wrong namespace, and a Crossplane managed resource of a cluster-scoped kind
// written with a namespace: each synthesized before, or gave two errors for one mistake.

/** A host of the site's network that is no node of the lab cluster. */
const nas = host('nas', { arch: 'amd64', roles: ['worker'], address: '10.0.0.9' });

const cloudflareRecord = (metadata: Record<string, unknown>) => guarded((cluster: ClusterChart) => {
  new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.cloudflare]);
  new ApiObject(cluster.platform.configScope('dns'), 'www', {
    apiVersion: 'dns.cloudflare.crossplane.io/v1alpha1', kind: 'Record', metadata: { name: 'www', ...metadata },
    spec: { forProvider: { name: 'www', type: 'A', content: '192.0.2.10', zone: 'lab.test' }, providerConfigRef: { name: 'cloudflare' } },
  });
});

export const CASES: BadInput[] = [
  {
    name: 'Loki placed on a role no host of the cluster has',
    build: guarded((cluster) => cluster.platform.require(loki({ placement: rolePlacement([gpu1, arm1], 'monitoring') }))),
    layer: 'inventory', path: 'platform', field: 'components.loki.placement', hint: /gpu1 \(amd64\), arm1 \(arm64\)/,
  },
  {
    name: 'the Trivy operator placed on a host outside the cluster',
    build: guarded((cluster) => cluster.platform.require(trivyOperator({ placement: hostPlacement(nas) }))),
    layer: 'inventory', path: 'platform', field: 'components.trivy-operator.placement', hint: /gpu1/,
  },
  {
    name: "Loki's claim on a StorageClass the cluster does not provide",
    build: guarded((cluster) => cluster.platform.require(loki({ placement: hostPlacement(arm1), storageClass: 'longhorn' }))),
    layer: 'references', path: 'platform', field: 'components.loki.storageClass',
  },
  {
    name: "the Tailscale operator's OAuth Secret in another namespace than tailscale",
    build: guarded((_c, app) => labCluster(app, 'edge', {
      loadBalancer: tailscaleLoadBalancer({
        oauth: { clientId: SecretReference.external('web', 'operator-oauth', 'client_id'), clientSecret: SecretReference.external('web', 'operator-oauth', 'client_secret') },
      }),
    })),
    layer: 'references', path: 'edge', field: 'loadBalancer.oauth',
  },
  {
    name: 'a Cloudflare Record, cluster-scoped as its CRD says, written with a namespace',
    build: cloudflareRecord({ namespace: 'web' }),
    layer: 'schema', path: 'platform/config/dns/www', field: 'metadata.namespace',
  },
];
