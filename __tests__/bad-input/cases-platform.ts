import { App, localPathStorage, traefik, zfsSnapshotClass } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, labCluster, raw } from './lab';

// "Provided by": what an object relies on must come from a component of the same cluster, one of its
// objects, or a typed preinstalled declaration.

const pvc = (storageClassName: string) => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'web' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage: '1Gi' } } },
});

export const CASES: BadInput[] = [
  {
    name: 'a custom resource whose CRD nothing installs',
    build: (c) => raw(c, 'cert', {
      apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'web' },
      spec: { secretName: 'web-tls', dnsNames: ['web.lab.test'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
    }),
    layer: 'references', path: 'cert', field: 'apiVersion',
  },
  {
    name: 'a claim of a StorageClass nothing provides',
    build: (c) => raw(c, 'pvc', pvc('longhorn')),
    layer: 'references', path: 'pvc', field: 'spec.storageClassName',
  },
  {
    name: 'a claim of a StorageClass only a tier name promises (no provisioner, not declared preinstalled)',
    build: (_c, app) => {
      const cluster = labCluster(app, 'edge', { storage: { fast: { storageClassName: 'local-path' } } });
      raw(cluster, 'pvc', pvc('local-path'));
    },
    layer: 'references', path: 'edge/pvc', field: 'spec.storageClassName',
  },
  {
    name: 'a ZFS snapshot class on a cluster without a ZFS storage tier',
    build: (_c, app) => zfsSnapshotClass(labCluster(app, 'edge', { storage: { local: localPathStorage() } })),
    layer: 'references', path: 'edge', field: 'storage',
  },
  {
    name: 'a pod of a RuntimeClass nothing provides',
    build: (c) => raw(c, 'w', goodDeployment('web', { runtimeClassName: 'kata' })),
    layer: 'references', path: 'w', field: 'spec.template.spec.runtimeClassName',
  },
  {
    name: 'a route naming a certificate resolver Traefik does not define',
    build: (_c, app) => {
      const cluster = labCluster(app, 'edge', { routes: traefik({ certResolver: 'letsencrypt' }) });
      new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'web' } });
    },
    // The flavor's prop names the resolver for every route: reported there, once.
    layer: 'references', path: 'edge', field: 'routes.certResolver',
  },
  {
    name: 'an Ingress of an IngressClass nothing provides',
    build: (c) => raw(c, 'ing', {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'web.lab.test' }] },
    }),
    layer: 'references', path: 'ing', field: 'spec.ingressClassName',
  },
  {
    name: 'a Gateway of a GatewayClass nothing provides',
    build: (_c, app) => {
      const cluster = labCluster(app, 'edge', {
        preinstalled: [{ source: 'Gateway API CRDs', crds: [{ group: 'gateway.networking.k8s.io', kinds: ['Gateway'] }] }],
      });
      raw(cluster, 'gw', {
        apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'web' },
        spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
      });
    },
    layer: 'references', path: 'edge/gw', field: 'spec.gatewayClassName',
  },
  {
    name: 'an Ingress annotated with a cert-manager ClusterIssuer nothing provides',
    build: (c) => raw(c, 'ing', {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
      metadata: { name: 'web', namespace: 'web', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
      spec: { ingressClassName: 'traefik', rules: [{ host: 'web.lab.test' }] },
    }),
    layer: 'references', path: 'ing', field: 'metadata.annotations["cert-manager.io/cluster-issuer"]',
  },
];
