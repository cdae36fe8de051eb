import { App, ClusterChart, CROSSPLANE_PROVIDERS, CrossplanePostgres, CrossplaneProviders, k3s, RequiredPodLabels, SealedSecret, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Loose ends of cluster ranges, secret references and policies: one mistake reported once, on the prop the
// user wrote, with the hint for what they meant.

export const CASES: BadInput[] = [
  // Before: one error for each node, on hosts[0] and hosts[1], each asking to check that node's address.
  {
    name: "K3s' --service-cidr written around the LAN that holds every node",
    build: guarded((_c, app) => labCluster(app, 'edge', { preinstalled: [k3s({ extraServerFlags: ['--service-cidr=10.0.0.0/16'] })] })),
    layer: 'inventory', path: 'edge', field: 'preinstalled[0].extraServerFlags', hint: /--service-cidr=<range>/,
  },
  // Before: three errors on the claim (declareExternal.secrets[0].namespace, the rendered passwordSecretRef
  // without name and key twice), one reading namespace "[object Object]".
  {
    name: 'SecretReference.external given one object for a Postgres claim',
    build: guarded((cluster: ClusterChart) => new CrossplanePostgres(cluster, 'pg', { group: 'database.lab.internal', storageTier: 'fast' }).claim(cluster, 'svc', {
      namespace: 'web', dbName: 'app', dbUser: 'app', password: (SecretReference.external as any)({ namespace: 'web', name: 'db', key: 'password' }),
    })),
    layer: 'props', path: 'svc', field: 'password', hint: /SecretReference\.external\('web', 'db', 'password'\)/,
  },
  // Before: the hint read SecretReference.external('web', 'undefined', '<key>').
  {
    name: "SecretReference.external given one object for an App's env",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'web', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', env: { DB_PASSWORD: (SecretReference.external as any)({ namespace: 'web', name: 'db', key: 'password' }) },
    })),
    layer: 'props', path: 'web', field: 'env.DB_PASSWORD', hint: /SecretReference\.external\('web', 'db', 'password'\)/,
  },
  // Before: on the rendered Deployment's spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key.
  {
    name: "an App's env reading a key its sealed Secret lacks",
    build: guarded((cluster: ClusterChart) => {
      const db = new SealedSecret(cluster, 'db', { namespace: 'web', name: 'db', encryptedData: { password: `AgB${'x'.repeat(700)}` } });
      new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', env: { DB_PASSWORD: db.key('pasword') } });
    }),
    layer: 'references', path: 'web', field: 'env.DB_PASSWORD', hint: /did you mean "password"\?/,
  },
  // Before: a namespace pattern was refused as no namespace name, whatever its form; now Gatekeeper's
  // trailing '*' is taken, and what it does not read is refused with the prefix it looks like.
  {
    name: 'required pod labels in namespaces written as a regular expression',
    build: guarded((cluster: ClusterChart) => new RequiredPodLabels(cluster, 'owner', { labels: ['owner'], namespaces: ['^peers-.*$'] })),
    layer: 'props', path: 'owner', field: 'namespaces[0]', hint: /e\.g\. 'peers-\*'/,
  },
  {
    name: 'required pod labels in namespaces written as a suffix glob',
    build: guarded((cluster: ClusterChart) => new RequiredPodLabels(cluster, 'owner', { labels: ['owner'], namespaces: ['*-peers'] })),
    layer: 'props', path: 'owner', field: 'namespaces[0]', hint: /prefix with one '\*' at its end/,
  },
  {
    name: 'required pod labels in a namespace prefix no namespace of the cluster begins with',
    build: (cluster) => {
      cluster.namespaces.ensure('peers-alice');
      new RequiredPodLabels(cluster, 'owner', { labels: ['owner'], namespaces: ['peer-*', 'peers-*'] });
    },
    layer: 'references', path: 'owner', field: 'namespaces[0]',
  },
  // Before: the hint asked for a platform component with the ProviderConfig's CRD, not the provider entry.
  {
    name: 'a Cloudflare ProviderConfig beside the Kubernetes provider only',
    build: guarded((cluster: ClusterChart) => {
      const providers = new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.kubernetes]);
      providers.addProviderConfig({ name: 'default', apiVersion: 'cloudflare.crossplane.io/v1alpha1', spec: { credentials: { source: 'None' } } });
    }),
    layer: 'references', path: 'xp', field: 'addProviderConfig(default).apiVersion', hint: /CROSSPLANE_PROVIDERS\.cloudflare/,
  },
];
