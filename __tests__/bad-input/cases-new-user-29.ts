import { ApiObject } from 'cdk8s';
import { AppVolume, SealedSecret, traefik } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, gpu1, guarded, lab, labApp, labCluster, raw } from './lab';

// A new user changes a lab that already runs: an app renamed or moved, a claim changed, a platform choice
// taken off while apps still use it, one cluster split into two. What one synth can judge of such a change
// stops it with the field the user changed; what only the previous output shows (a claim that shrinks, a
// sealed value that moves, an image moved back) is a day-2 finding (see day-two.test.ts).

const SEALED = `Ag${'B'.repeat(720)}==`;
const kuma = (props: Record<string, unknown> = {}) => labApp('uptime-kuma', {
  persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '2Gi' }), mountPath: '/app/data' } }, ...props,
});
/** A cluster `edge` of the lab whose props the user changed; the finding is expected on `field` of `edge`. */
const edgeCase = (name: string, props: Record<string, unknown>, build: (c: ClusterChart) => void, field: string, layer: BadInput['layer'] = 'references', hint?: RegExp): BadInput => ({
  name, build: guarded((_c: ClusterChart, root) => build(labCluster(root, 'edge', props as any))), layer, path: 'edge', field, ...(hint ? { hint } : {}),
});

export const CASES: BadInput[] = [
  // Renames and moves within the cluster.
  {
    name: 'renamed app that mounts its old claim by name from its new namespace',
    build: labApp('kuma', { persistence: { data: { volume: AppVolume.existingClaim('uptime-kuma-data'), mountPath: '/app/data' } } }),
    layer: 'references', path: 'kuma', field: 'persistence.data.volume',
  },
  {
    name: 'app moved to a new namespace that still reads its sealed secret from the old one',
    build: guarded((c: ClusterChart) => {
      const secret = new SealedSecret(c, 'db', { namespace: 'uptime-kuma', encryptedData: { password: SEALED } });
      kuma({ namespace: 'monitoring', env: { DB_PASSWORD: secret.key('password') } })(c);
    }),
    layer: 'references', path: 'uptime-kuma', field: 'env.DB_PASSWORD', hint: /namespace "monitoring"/,
  },
  {
    name: 'claim switched to ReadWriteMany on a tier that serves only ReadWriteOnce',
    build: kuma({ persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '2Gi', accessMode: 'ReadWriteMany' }), mountPath: '/app/data' } } }),
    layer: 'references', path: 'uptime-kuma', field: 'persistence.data.volume.claim.accessMode',
  },
  {
    name: 'hand-written NetworkPolicy of a renamed app kept in a namespace that no longer exists',
    build: (c: ClusterChart) => {
      kuma({ namespace: 'kuma' })(c);
      raw(c, 'allow-probe', {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-probe', namespace: 'uptime-kuma' },
        spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'uptime-kuma' } }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 8080 }] }] },
      });
    },
    layer: 'references', path: 'allow-probe', field: 'metadata.namespace',
  },
  {
    name: 'hand-written NetworkPolicy that still selects the pods of an app renamed in its namespace',
    build: (c: ClusterChart) => {
      kuma({ namespace: 'monitoring' })(c);
      labApp('kuma', { namespace: 'monitoring' })(c);
      raw(c, 'allow-probe', {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-probe', namespace: 'monitoring' },
        spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'uptime' } }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 8080 }] }] },
      });
    },
    layer: 'policy', path: 'allow-probe', field: 'spec.podSelector', hint: /app\.kubernetes\.io\/name: kuma or uptime-kuma/,
  },

  // A platform choice taken off while apps still use it.
  edgeCase('load balancer taken off while Traefik keeps its address', { loadBalancer: undefined, routes: traefik({ address: lab.pools.vips.at('10.0.8.10') }) },
    () => undefined, 'routes.address', 'references', /loadBalancer/),
  edgeCase('GitOps engine taken off a cluster that still installs components', { gitops: undefined }, () => undefined, 'gitops'),
  {
    name: 'routes moved to the Gateway API while a hand-written IngressRoute stays', gatewayCluster: true,
    build: (c: ClusterChart) => void new ApiObject(c, 'old-route', {
      apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'web', namespace: 'web' },
      spec: { routes: [{ kind: 'Rule', match: 'Host(`www.lab.test`)', services: [{ name: 'web', port: 8080 }] }] },
    }),
    layer: 'references', path: 'old-route', field: 'apiVersion', hint: /routes: traefik\(\)/,
  },

  // One cluster split into two.
  {
    name: 'cluster split off with one host whose app is still placed on the other',
    build: guarded((_c: ClusterChart, root) => labApp('web', { placement: { hosts: [gpu1] } })(labCluster(root, 'edge', { hosts: [arm1], storage: {} }))),
    layer: 'inventory', path: 'edge/web', field: 'placement.hosts', hint: /arm1/,
  },
];
