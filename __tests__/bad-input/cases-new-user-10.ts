import type { App as CdkApp } from 'cdk8s';
import { ApiObject } from 'cdk8s';
import {
  App, AppVolume, argoCd, ClusterChart, CrossplanePostgres, declareExternal, ExternalSecret, flux, gatekeeper, hostPlacement, k3s, kubePrometheusStack, metalLb, nfsStorage, SealedSecret, SecretReference, site, VaultClusterSecretStore, VaultSecretProviderClass, zfsSnapshotClass,
} from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, lab, labCluster } from './lab';

// First labs of someone who read the README and the TSDoc only: a K3s server flag that taints the node
// behind the inventory's back (every app was then checked against an untainted node and stayed Pending),
// Prometheus given a volume smaller than the samples it keeps or one on NFS (the disk filled, or the
// database was corrupted, long after synth), a Vault key written as `vault kv get` shows it, with its mount
// (the operator and the owner's policy read another path, and the Secret never came), and a Secret mounted
// from where it is not: a ConfigMap of the name, or a Secret of another namespace, which the hint now names;
// a Flux notification source in the Alert's own form, where a kind is taken, whose hint writes the kind; and a
// Gatekeeper constraint kind declared in lower case, as its template is named (the hint names the spelling);
// Argo CD's known hosts of a Forgejo that serves SSH on port 2222 written for port 22 (ssh refused its key);
// Vault's auth mount path and role written as Vault refuses them, and a ClusterSecretStore named as a SecretStore;
// an app's metrics port that is UDP (never scraped), two ZFS snapshot classes that are both the default, and an
// IPv6 load-balancer address on a cluster whose Service range is IPv4 alone (the API server refused the Service);
// and the databases of a Crossplane PostgreSQL platform on NFS, which its TSDoc warned of but nothing checked.

const SEALED = `Ag${'B'.repeat(720)}==`;
const web = (props: Record<string, unknown>) => (cluster: ClusterChart) =>
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });
/** A second cluster of the lab whose K3s server is started with `flags`. */
const k3sWith = (flags: string[]) => guarded((_c: ClusterChart, app: CdkApp) => {
  labCluster(app, 'nu10-k3s', { preinstalled: [k3s({ extraServerFlags: flags })] });
});
/** The monitoring stack on gpu1 with `options` (and what `more` adds), in a second cluster whose storage tiers are the lab's and `nfs`. */
export const monitoring = (options: Record<string, unknown>, more: (cluster: ClusterChart) => unknown = () => undefined) => guarded((_c: ClusterChart, app: CdkApp) => {
  const cluster = labCluster(app, 'nu10-mon', { storage: { fast: gpu1.zfs.fast, nfs: nfsStorage(lab.nfs.share) } });
  cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin', ...options } as never));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
  more(cluster);
});
/** An ExternalSecret of the Vault store `vault` (KV mount `secret`) whose password is at `remoteKey`. */
const vaultKey = (remoteKey: string) => (cluster: ClusterChart) => {
  new VaultClusterSecretStore(cluster, 'vault', { name: 'vault', server: 'https://bao.lab.test:8200', role: 'eso' });
  const db = new ExternalSecret(cluster, 'db', { namespace: 'web', store: { name: 'vault' }, data: { password: { remoteKey, property: 'password' } } });
  web({ env: { DB_PASSWORD: db.key('password') } })(cluster);
};

export const CASES: BadInput[] = [
  {
    name: 'a K3s server flag that taints the node the inventory leaves untainted',
    build: k3sWith(['--node-taint=dedicated=media:NoSchedule']), layer: 'props', path: 'nu10-k3s', field: 'preinstalled[0].extraServerFlags[0]',
    hint: /taints: \[\{ key: 'dedicated', value: 'media', effect: 'NoSchedule' \}\]/,
  },
  {
    name: "a K3s server flag that registers the kubelet with taints",
    build: k3sWith(['--write-kubeconfig-mode=644', '--kubelet-arg=register-with-taints=CriticalAddonsOnly=true:NoExecute']), layer: 'props', path: 'nu10-k3s', field: 'preinstalled[0].extraServerFlags[1]',
    hint: /key: 'CriticalAddonsOnly', value: 'true', effect: 'NoExecute'/,
  },
  {
    name: "Prometheus' volume smaller than the samples it keeps",
    build: monitoring({ retentionSize: '50GB', prometheusStorage: { tier: 'fast', size: '10Gi' } }),
    layer: 'props', path: 'nu10-mon/platform', field: 'components.kube-prometheus-stack.prometheusStorage.size', hint: /size: '63Gi'.*retentionSize: '8GB'/,
  },
  {
    name: "Prometheus' volume smaller than the default retentionSize",
    build: monitoring({ prometheusStorage: { tier: 'fast', size: '5Gi' } }),
    layer: 'props', path: 'nu10-mon/platform', field: 'components.kube-prometheus-stack.prometheusStorage.size', hint: /retentionSize: '4GB'/,
  },
  {
    name: "Prometheus' volume on an NFS tier",
    build: monitoring({ prometheusStorage: { tier: 'nfs', size: '10Gi' } }),
    layer: 'references', path: 'nu10-mon/platform', field: 'components.kube-prometheus-stack.prometheusStorage.tier', hint: /localPathStorage\(\)/,
  },
  {
    name: 'a Vault remote key written with a leading slash, its KV mount and data',
    build: vaultKey('/secret/data/lab/db'), layer: 'props', path: 'db', field: 'data.password.remoteKey', hint: /remoteKey: 'lab\/db'/,
  },
  {
    name: 'a Vault remote key written with its KV mount',
    build: vaultKey('secret/lab/db'), layer: 'props', path: 'db', field: 'data.password.remoteKey', hint: /remoteKey: 'lab\/db'/,
  },
  {
    name: 'a ConfigMap mounted as a Secret volume',
    build: (cluster) => {
      new ApiObject(cluster, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' }, data: { 'app.ini': 'x' } });
      web({ persistence: { settings: { volume: AppVolume.secret('settings'), mountPath: '/etc/app' } } })(cluster);
    },
    layer: 'references', path: 'web', field: 'persistence.settings.volume', hint: /is a ConfigMap.*AppVolume\.configMap\('settings'\)/,
  },
  {
    name: "a Secret of another namespace mounted as a volume",
    build: (cluster) => {
      new SealedSecret(cluster, 'db', { namespace: 'database', encryptedData: { password: SEALED } });
      web({ persistence: { db: { volume: AppVolume.secret('db'), mountPath: '/etc/db' } } })(cluster);
    },
    layer: 'references', path: 'web', field: 'persistence.db.volume', hint: /made in namespace "database".*its own namespace only/,
  },
  {
    name: 'a Secret read as a ConfigMap key',
    build: (cluster) => {
      new SealedSecret(cluster, 'db', { namespace: 'web', encryptedData: { password: SEALED } });
      web({ env: { DB_PASSWORD: { configMapName: 'db', key: 'password' } } })(cluster);
    },
    layer: 'references', path: 'web', field: 'env.DB_PASSWORD', hint: /is a Secret, not a ConfigMap/,
  },
  {
    name: "a Flux notification source written as the Alert's own { kind, name, namespace }",
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      labCluster(app, 'nu10-flux', {
        gitops: flux({ notifications: { provider: 'slack', address: SecretReference.external('flux-system', 'slack', 'address'), eventSources: [{ kind: 'HelmRelease', name: '*', namespace: 'flux-system' }] } as never }),
      });
    }),
    layer: 'props', path: 'nu10-flux', field: 'gitops.notifications.eventSources[0]', hint: /write the kind alone, as a word: 'HelmRelease'/,
  },
  {
    name: 'a Gatekeeper constraint kind declared in lower case, as the template is named',
    build: (cluster) => {
      cluster.platform.require(gatekeeper({ constraintKinds: ['k8srequiredlabels'] }));
      new ApiObject(cluster, 'owner-label', {
        apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sRequiredLabels', metadata: { name: 'owner-label' },
        spec: { match: { kinds: [{ apiGroups: [''], kinds: ['Namespace'] }] }, parameters: { labels: ['owner'] } },
      });
    },
    layer: 'references', path: 'owner-label', field: 'apiVersion', hint: /declares the kind as k8srequiredlabels.*declare it as K8sRequiredLabels/,
  },
  {
    name: "Argo CD's known hosts of a repository's server on another port, written for port 22",
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const forge = site('nu10-forge', {
        domain: 'forge.test', hosts: [gpu1], git: { url: 'ssh://git@forgejo.forge.test:2222/me/lab.git' }, pools: { vips: { first: '10.0.8.10', last: '10.0.8.20' } },
      });
      labCluster(app, 'nu10-argo', {
        site: forge, hosts: [gpu1], loadBalancer: metalLb({ pools: [forge.pools.vips] }), storage: {},
        gitops: argoCd({
          repositoryCredential: { sshPrivateKey: SecretReference.external('argocd', 'repo-ssh', 'sshPrivateKey') },
          sshKnownHosts: 'forgejo.forge.test ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
        }),
      });
    }),
    layer: 'references', path: 'nu10-argo', field: 'gitops.sshKnownHosts', hint: /ssh-keyscan -p 2222 forgejo\.forge\.test.*\[forgejo\.forge\.test\]:2222/,
  },
  {
    name: "a Vault store's auth mount path written as Vault's API path",
    build: guarded((cluster: ClusterChart) => new VaultClusterSecretStore(cluster, 'vault', { name: 'vault', server: 'https://bao.lab.test:8200', role: 'eso', authMountPath: '/auth/kubernetes' })),
    layer: 'props', path: 'vault', field: 'authMountPath', hint: /authMountPath: 'kubernetes'/,
  },
  {
    name: "a Vault store's role named with a blank",
    build: guarded((cluster: ClusterChart) => new VaultClusterSecretStore(cluster, 'vault', { name: 'vault', server: 'https://bao.lab.test:8200', role: 'external secrets' })),
    layer: 'props', path: 'vault', field: 'role', hint: /role: 'external-secrets'/,
  },
  {
    name: "a SecretProviderClass' Vault role named with a blank",
    build: guarded((cluster: ClusterChart) => new VaultSecretProviderClass(cluster, 'web-secrets', {
      namespace: 'web', vaultAddress: 'https://bao.lab.test:8200', roleName: 'web app', objects: [{ objectName: 'db-password', secretPath: 'secret/data/lab/db', secretKey: 'password' }],
    })),
    layer: 'props', path: 'web-secrets', field: 'roleName', hint: /roleName: 'web-app'/,
  },
  {
    name: 'an ExternalSecret that names a ClusterSecretStore as a SecretStore',
    build: (cluster) => {
      new VaultClusterSecretStore(cluster, 'vault', { name: 'vault', server: 'https://bao.lab.test:8200', role: 'eso' });
      const db = new ExternalSecret(cluster, 'db', { namespace: 'web', store: { name: 'vault', kind: 'SecretStore' }, data: { password: { remoteKey: 'lab/db' } } });
      web({ env: { DB_PASSWORD: db.key('password') } })(cluster);
    },
    layer: 'references', path: 'db/resource', field: 'spec.secretStoreRef.name', hint: /"vault" is a ClusterSecretStore/,
  },
  {
    name: "an app's metrics port that is UDP",
    build: monitoring({}, (cluster) => web({ ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9125, protocol: 'UDP' }], metrics: { port: 'metrics' } })(cluster)),
    layer: 'props', path: 'nu10-mon/web', field: 'metrics.port', hint: /TCP port that serves \/metrics/,
  },
  {
    name: 'two ZFS snapshot classes, both the default',
    build: (cluster) => {
      zfsSnapshotClass(cluster);
      zfsSnapshotClass(cluster, { name: 'zfs-retain', deletionPolicy: 'Retain' });
    },
    layer: 'props', path: 'main', field: 'isDefault', hint: /isDefault: false/,
  },
  {
    name: 'an IPv6 load-balancer address on a K3s cluster of IPv4 ranges',
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const dual = site('nu10-v6', {
        domain: 'v6.test', hosts: [gpu1], git: { url: 'https://git.v6.test/lab.git' },
        pools: { vips: { first: '10.0.8.10', last: '10.0.8.20' }, vips6: { first: 'fd00:8::10', last: 'fd00:8::20' } },
      });
      const cluster = labCluster(app, 'nu10-v6', {
        site: dual, hosts: [gpu1], preinstalled: [k3s()], loadBalancer: metalLb({ pools: [dual.pools.vips, dual.pools.vips6] }), storage: {},
      });
      web({ loadBalancer: { address: dual.pools.vips6.at('fd00:8::11'), ports: ['http'] } })(cluster);
    }),
    layer: 'inventory', path: 'nu10-v6/web/load-balancer', field: 'spec.ipFamilies[0]', hint: /--service-cidr/,
  },
  {
    name: "a Crossplane PostgreSQL platform's databases on an NFS tier",
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const cluster = labCluster(app, 'nu10-pg', { storage: { fast: gpu1.zfs.fast, nfs: nfsStorage(lab.nfs.share) } });
      new CrossplanePostgres(cluster, 'postgres', { group: 'database.lab.internal', storageTier: 'nfs' });
    }),
    layer: 'references', path: 'nu10-pg/postgres', field: 'storageTier', hint: /localPathStorage\(\)/,
  },
];
