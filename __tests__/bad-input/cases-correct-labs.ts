import { ApiObject, App as CdkApp } from 'cdk8s';
import {
  AppVolume, argoCd, ChartRelease, ClusterChart, existingStorageClass, flux, HomelabApp, host, localPathStorage, noNetworkPolicy, SealedSecret, SecretReference, servesPorts, site, traefik,
} from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// The wrong forms beside the correct labs of correct-labs.test.ts: what those labs write right (an Application
// whose namespace Argo CD makes, a chart release that says what its chart installs) still fails written the
// other way.

const argoNode = host('cl-argo1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.77.11' });
const argoLab = site('cl-argo', { domain: 'argo.jdoe.dev', hosts: [argoNode], git: { url: 'https://github.com/jdoe/cluster.git' } });

/** Builds `build` into cluster `argo` of a one-node lab whose engine is Argo CD with `createProject`. */
const argo = (createProject: boolean, build: (c: ClusterChart) => void) => guarded((_main: ClusterChart, app: CdkApp) => {
  const cluster = new ClusterChart(app, 'argo', {
    site: argoLab, hosts: [argoNode], routes: traefik({ hostPorts: true }), storage: { fast: localPathStorage() },
    gitops: argoCd(createProject ? { createProject: true, project: 'homelab' } : {}),
  });
  build(cluster);
});

const nodeA = host('cl-two-a', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.78.11' });
const nodeB = host('cl-two-b', { arch: 'amd64', roles: ['worker'], address: '192.168.78.12' });
const twoNodes = site('cl-two', { domain: 'two.jdoe.dev', hosts: [nodeA, nodeB], git: { url: 'https://github.com/jdoe/two.git' } });

/** Builds `build` into cluster `two` of two untainted nodes, whose tier `longhorn` is Longhorn's and `local` local-path's. */
const twoNodeCluster = (build: (c: ClusterChart) => void) => guarded((_main: ClusterChart, app: CdkApp) => {
  const cluster = new ClusterChart(app, 'two', {
    site: twoNodes, hosts: [nodeA, nodeB], routes: traefik({ hostPorts: true }),
    storage: { local: localPathStorage(), longhorn: existingStorageClass('longhorn') }, gitops: flux(),
  });
  new ChartRelease(cluster, 'longhorn', {
    namespace: 'longhorn-system', chart: { repository: 'https://charts.longhorn.io', chart: 'longhorn', version: '1.8.1' },
    network: noNetworkPolicy('Longhorn talks among its managers and the nodes on ports of its own'), provides: { storageClasses: ['longhorn'] },
  });
  build(cluster);
});

/** An Application `podinfo` of the podinfo chart into namespace `podinfo`, in `project`, with `syncOptions`. */
const podinfo = (project: string, syncOptions: string[]) => (c: ClusterChart) => new ApiObject(c, 'podinfo-app', {
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'podinfo', namespace: 'argocd' },
  spec: {
    project, source: { repoURL: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', targetRevision: '6.7.1' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'podinfo' },
    syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions },
  },
});

/** OpenEBS' chart, as a release that says nothing of what it installs (Longhorn's chart the library knows). */
const openEbs = (c: ClusterChart) => new ChartRelease(c, 'openebs', {
  namespace: 'openebs', chart: { repository: 'https://openebs.github.io/openebs', chart: 'openebs', version: '4.2.0' },
  network: noNetworkPolicy('OpenEBS talks among its managers and the nodes on ports of its own'),
});

/** CloudNativePG's operator, as a release that does not name its CRDs. */
const cloudnativePg = (c: ClusterChart) => new ChartRelease(c, 'cloudnative-pg', {
  namespace: 'cnpg-system', chart: { repository: 'https://cloudnative-pg.github.io/charts', chart: 'cloudnative-pg', version: '0.23.2' },
  network: servesPorts({ port: 9443, purpose: 'admission webhook' }),
});

/** CloudNativePG's operator, naming its CRDs, and its database `db` in namespace `web`, which it makes Secret `db-app` for. */
const database = (c: ClusterChart) => {
  new ChartRelease(c, 'cloudnative-pg', {
    namespace: 'cnpg-system', chart: { repository: 'https://cloudnative-pg.github.io/charts', chart: 'cloudnative-pg', version: '0.23.2' },
    network: servesPorts({ port: 9443, purpose: 'admission webhook' }), crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster'] }],
  });
  c.namespaces.ensure('web');
  new ApiObject(c, 'db', {
    apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'db', namespace: 'web' },
    spec: { instances: 1, storage: { size: '1Gi', storageClass: 'local-path' } },
  });
};

const SEALED = `Ag${'B'.repeat(720)}==`;

/** Flux's HelmRepository and HelmRelease of the podinfo chart into namespace `podinfo`, with `install` as the release's. */
export const podinfoRelease = (c: ClusterChart, install: Record<string, unknown>) => {
  new ApiObject(c, 'podinfo-repository', {
    apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', metadata: { name: 'podinfo', namespace: 'flux-system' },
    spec: { url: 'https://stefanprodan.github.io/podinfo', interval: '1h' },
  });
  new ApiObject(c, 'podinfo-release', {
    apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'podinfo', namespace: 'flux-system' },
    spec: { interval: '1h', targetNamespace: 'podinfo', install, chart: { spec: { chart: 'podinfo', version: '6.7.1', sourceRef: { kind: 'HelmRepository', name: 'podinfo' } } } },
  });
};

/** An object of namespace `web`, which it declares, beside what `before` builds. */
const inWeb = (id: string, manifest: Record<string, unknown>, before: (c: ClusterChart) => unknown) => (c: ClusterChart) => {
  before(c);
  c.namespaces.ensure('web');
  new ApiObject(c, id, manifest as never);
};

export const CASES: BadInput[] = [
  {
    name: 'Argo CD Application into a namespace nothing makes, without the CreateNamespace sync option',
    build: argo(false, podinfo('default', ['ServerSideApply=true'])), layer: 'references', path: 'podinfo-app', field: 'spec.destination.namespace',
  },
  {
    name: 'Flux HelmRelease into a target namespace nothing makes, without install.createNamespace',
    build: (c) => podinfoRelease(c, { remediation: { retries: 3 } }),
    layer: 'references', path: 'podinfo-release', field: 'spec.targetNamespace',
  },
  {
    name: 'claim on the StorageClass of a chart release that does not say its chart makes it',
    build: inWeb('data', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'web' },
      spec: { storageClassName: 'openebs-hostpath', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    }, openEbs),
    layer: 'references', path: 'data', field: 'spec.storageClassName', hint: /ChartRelease of its chart that declares provides\.storageClasses/,
  },
  {
    name: 'object of a kind a chart release installs, the release not naming its CRDs',
    build: inWeb('db', {
      apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'db', namespace: 'web' },
      spec: { instances: 1, storage: { size: '1Gi', storageClass: 'local-path' } },
    }, cloudnativePg),
    layer: 'references', path: 'db', field: 'apiVersion', hint: /ChartRelease of its chart, that names it \(crds:/,
  },
  {
    name: 'external reference one letter off the Secret CloudNativePG makes for its database',
    build: (c) => {
      database(c);
      new HomelabApp(c, 'web', {
        namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
        env: { DB_PASSWORD: SecretReference.external('web', 'db-ap', 'password') },
      });
    },
    layer: 'references', path: 'web', field: 'env.DB_PASSWORD', hint: /did you mean "db-app"/,
  },
  {
    name: 'sealed Secret of the name CloudNativePG makes for its database',
    build: (c) => {
      database(c);
      new SealedSecret(c, 'db-app', { namespace: 'web', encryptedData: { password: SEALED } });
    },
    layer: 'references', path: 'db-app/resource', field: 'spec.template.metadata.name', message: /which Cluster main\/db makes as well/,
  },
  {
    name: 'RollingUpdate of an app whose ReadWriteOnce Longhorn claim the new pod may need on another node',
    build: twoNodeCluster((c) => new HomelabApp(c, 'web', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], strategy: 'RollingUpdate',
      persistence: { data: { volume: AppVolume.claim({ tier: 'longhorn', size: '1Gi' }), mountPath: '/data' } },
    })),
    layer: 'policy', path: 'web', field: 'strategy', message: /ReadWriteOnce claim "web-data"; the new pod waits forever/,
  },
  {
    name: 'hand-written Ingress serving a TLS Secret nothing makes, without the annotation that asks cert-manager for it',
    build: (c) => {
      c.namespaces.ensure('web');
      new ApiObject(c, 'wiki-ingress', {
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'wiki', namespace: 'web' },
        spec: {
          ingressClassName: 'traefik', tls: [{ hosts: ['wiki.lab.test'], secretName: 'wiki-tls' }],
          rules: [{ host: 'wiki.lab.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'wiki', port: { number: 80 } } } }] } }],
        },
      });
    },
    layer: 'references', path: 'wiki-ingress', field: 'spec.tls[0].secretName',
  },
  {
    name: "Application of the rendered upstream project from a repository it does not take, told of that project by name",
    build: argo(true, podinfo('homelab-upstream', ['CreateNamespace=true'])), layer: 'references', path: 'podinfo-app', field: 'spec.source.repoURL',
    hint: /whose Application the project homelab-upstream takes$/,
  },
];
