import { App as CdkApp } from 'cdk8s';
import {
  actionsRunnerController, argoCd, ClusterChart, flux, hostPlacement, nfsStorage, kubePrometheusStack, localPathStorage, loki, metalLb, renovate, runnerScaleSet,
  RequiredPodLabels, SealedSecret, SecretReference, traefik,
} from '../../constructs';
import type { BadInput } from './cases';
import { arm1, gpu1, guarded, lab, labCluster, raw } from './lab';

// First labs of someone who chooses and tunes the platform layers from the README alone: a component's
// Secret sealed with the keys a blog post or an older chart named (Renovate's `token`, Grafana's `username`
// and `password`, a runner's `token`): the API server takes the Secret, and the component's pods then start
// without the value or not at all. Then each component squeezed onto a small node with a memory limit a
// fraction of what it holds at rest (Prometheus at 64Mi, MetalLB at 8Mi): every size passed, and the pod was
// killed as it started, over and over. Then Gatekeeper's required labels over the namespace of a component,
// whose chart's pods carry no such label: Gatekeeper refused them as they restarted. Last, a provider's
// options with the key that says where to send left out (Flux's notification address, Alertmanager's URL,
// external-dns' token or AdGuard's address): each ended in "this construct failed" on another construct.
// And an NFS tier's mount options with the NFS version given twice, of which mount keeps one, and two
// StorageClasses written by hand (Longhorn's, an NFS one), each marked the default.

const SEALED = `Ag${'B'.repeat(720)}==`;
const sealed = (namespace: string, name: string, keys: string[]) => (cluster: ClusterChart) => new SealedSecret(cluster, name, {
  namespace, encryptedData: Object.fromEntries(keys.map((key) => [key, SEALED])),
});
const withSecret = (secret: (cluster: ClusterChart) => unknown, build: (cluster: ClusterChart) => unknown) => guarded((cluster: ClusterChart) => {
  secret(cluster);
  build(cluster);
});
const bot = (cluster: ClusterChart) => cluster.platform.require(renovate({ placement: hostPlacement(gpu1), repositories: ['me/lab'], tokenSecret: 'renovate' }));
const stack = (cluster: ClusterChart) => cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(arm1), grafanaAdminSecret: 'grafana-admin' }));
const runners = (cluster: ClusterChart) => {
  cluster.platform.require(actionsRunnerController({ placement: hostPlacement(gpu1) }));
  cluster.platform.require(runnerScaleSet({ name: 'lab-runners', githubConfigUrl: 'https://github.com/me/lab', githubConfigSecret: 'github-runner', placement: hostPlacement(gpu1), namespace: 'arc-runners' }));
};

const squeezed = { memoryRequest: '8Mi', memoryLimit: '16Mi' };
const onCluster = (props: Record<string, unknown>) => guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'small', props));

export const CASES: BadInput[] = [
  // 1. A component's Secret without the keys the component reads (each synthesized, and the pods failed)
  {
    name: "Renovate's token Secret sealed with the key token",
    build: withSecret(sealed('renovate', 'renovate', ['token']), bot),
    layer: 'references', path: 'platform/installs/renovate', field: 'readsSecrets.renovate', hint: /^add RENOVATE_TOKEN to SealedSecret /,
  },
  {
    name: "Grafana's admin Secret sealed with username and password",
    build: withSecret(sealed('monitoring', 'grafana-admin', ['username', 'password']), stack),
    layer: 'references', path: 'platform/installs/kube-prometheus-stack', field: 'readsSecrets.grafana-admin', message: /keys admin-user, admin-password, secret-key of Secret grafana-admin/,
  },
  {
    name: "Grafana's admin Secret without the key Grafana encrypts its data sources with",
    build: withSecret(sealed('monitoring', 'grafana-admin', ['admin-user', 'admin-password']), stack),
    layer: 'references', path: 'platform/installs/kube-prometheus-stack', field: 'readsSecrets.grafana-admin', hint: /^add secret-key to /,
  },
  {
    name: "a runner scale set's GitHub Secret sealed with the key token",
    build: withSecret(sealed('arc-runners', 'github-runner', ['token']), runners),
    layer: 'references', path: 'platform/installs/lab-runners', field: 'readsSecrets.github-runner', message: /key github_token, or keys github_app_id, github_app_installation_id, github_app_private_key/,
  },
  {
    name: "a runner scale set's GitHub App Secret without its private key",
    build: withSecret(sealed('arc-runners', 'github-runner', ['github_app_id', 'github_app_installation_id']), runners),
    layer: 'references', path: 'platform/installs/lab-runners', field: 'readsSecrets.github-runner',
  },
  // 2. A memory limit under half of what the part holds at rest (each synthesized)
  {
    name: 'Prometheus limited to 64Mi of memory',
    build: guarded((cluster: ClusterChart) => cluster.platform.require(kubePrometheusStack({
      placement: hostPlacement(arm1), grafanaAdminSecret: 'grafana-admin', resources: { prometheus: { memoryRequest: '32Mi', memoryLimit: '64Mi' } },
    }))),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.resources.prometheus.memoryLimit', hint: /at least 256Mi/,
  },
  {
    name: 'Loki limited to 32Mi of memory',
    build: guarded((cluster: ClusterChart) => cluster.platform.require(loki({ placement: hostPlacement(arm1), resources: { loki: { memoryRequest: '16Mi', memoryLimit: '32Mi' } } }))),
    layer: 'props', path: 'platform', field: 'components.loki.resources.loki.memoryLimit', hint: /at least 128Mi/,
  },
  {
    name: 'Renovate limited to 64Mi of memory',
    build: withSecret(sealed('renovate', 'renovate', ['RENOVATE_TOKEN']), (cluster) => cluster.platform.require(renovate({
      placement: hostPlacement(gpu1), repositories: ['me/lab'], tokenSecret: 'renovate', resources: { memoryRequest: '32Mi', memoryLimit: '64Mi' },
    }))),
    layer: 'props', path: 'platform', field: 'components.renovate.resources.memoryLimit',
  },
  {
    name: "MetalLB's speakers limited to 8Mi of memory",
    build: onCluster({ loadBalancer: metalLb({ pools: [lab.pools.vips], resources: { memoryRequest: '8Mi', memoryLimit: '8Mi' } }) }),
    layer: 'props', path: 'small', field: 'loadBalancer.resources.memoryLimit',
  },
  {
    name: "Argo CD's application controller limited to 32Mi of memory",
    build: onCluster({ gitops: argoCd({ resources: { controller: { memoryRequest: '16Mi', memoryLimit: '32Mi' } } }) }),
    layer: 'props', path: 'small', field: 'gitops.resources.controller.memoryLimit',
  },
  {
    name: 'Traefik limited to 16Mi of memory',
    build: onCluster({ routes: traefik({ resources: { traefik: squeezed } }) }),
    layer: 'props', path: 'small', field: 'routes.resources.traefik.memoryLimit',
  },
  {
    name: "cert-manager's controller limited to 8Mi of memory through the cluster's componentResources",
    build: onCluster({ componentResources: { certManager: { controller: { memoryRequest: '8Mi', memoryLimit: '8Mi' } } } }),
    layer: 'props', path: 'small', field: 'componentResources.certManager.controller.memoryLimit',
  },
  {
    name: 'the local-path provisioner limited to 8Mi of memory',
    build: onCluster({ storage: { fast: localPathStorage({ resources: { memoryRequest: '4Mi', memoryLimit: '8Mi' } }) } }),
    layer: 'props', path: 'small', field: 'storage.fast.resources.memoryLimit',
  },
  // 3. A policy engine in enforce mode over the platform's own pods (each synthesized)
  {
    name: "required pod labels enforced in the monitoring stack's namespace",
    build: withSecret(sealed('monitoring', 'grafana-admin', ['admin-user', 'admin-password', 'secret-key']), (cluster) => {
      stack(cluster);
      new RequiredPodLabels(cluster, 'owner', { labels: ['owner'], namespaces: ['apps', 'monitoring'] });
      cluster.namespaces.ensure('apps');
    }),
    layer: 'policy', path: 'owner', field: 'namespaces[1]', message: /^namespace monitoring holds the pods of component kube-prometheus-stack, made without the label owner/,
  },
  {
    name: "required pod labels enforced in every namespace that starts with kube-",
    build: guarded((cluster: ClusterChart) => new RequiredPodLabels(cluster, 'owner', { labels: ['owner'], namespaces: ['kube-*'] })),
    layer: 'policy', path: 'owner', field: 'namespaces[0]', message: /namespace kube-system holds the pods of Kubernetes/,
  },
  // 4. A notifier or DNS provider without its address or credential (each a failure of code, on another construct)
  {
    name: "Flux's notifications without their address",
    build: onCluster({ gitops: flux({ notifications: { provider: 'discord' } as any }) }),
    layer: 'props', path: 'small', field: 'gitops.notifications.address',
  },
  {
    name: "Flux's notifications without their provider",
    build: onCluster({ gitops: flux({ notifications: { address: SecretReference.external('flux-system', 'discord', 'address') } as any }) }),
    layer: 'props', path: 'small', field: 'gitops.notifications.provider',
  },
  {
    name: "Alertmanager's receiver without its URL",
    build: guarded((cluster: ClusterChart) => cluster.platform.require(kubePrometheusStack({
      placement: hostPlacement(arm1), grafanaAdminSecret: 'grafana-admin', alertReceiver: { kind: 'discord' } as any,
    }))),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.alertReceiver.url',
  },
  {
    name: "external-dns' Cloudflare options without the API token",
    build: onCluster({ dns: { publicTarget: gpu1, cloudflare: {} as any } }),
    layer: 'props', path: 'small', field: 'dns.cloudflare.apiToken',
  },
  {
    name: "external-dns' AdGuard Home options without its address",
    build: onCluster({ hosts: [arm1], dns: { publicTarget: gpu1, adguard: { username: SecretReference.external('external-dns', 'adguard', 'username'), password: SecretReference.external('external-dns', 'adguard', 'password') } as any } }),
    layer: 'props', path: 'small', field: 'dns.adguard.url',
  },
  // 5. Options given twice (synthesized)
  {
    name: 'NFS mount options with the NFS version given twice',
    build: onCluster({ storage: { bulk: nfsStorage(lab.nfs.share, { mountOptions: ['nfsvers=4.1', 'hard', 'nfsvers=3'] }) } }),
    layer: 'props', path: 'small', field: 'storage.bulk.mountOptions[2]', hint: /mountOptions: \['nfsvers=4\.1', 'hard'\]$/,
  },
  {
    name: "NFS mount options with the version given as nfsvers and as vers",
    build: onCluster({ storage: { bulk: nfsStorage(lab.nfs.share, { mountOptions: ['vers=4.2', 'nfsvers=4.1'] }) } }),
    layer: 'props', path: 'small', field: 'storage.bulk.mountOptions[1]', message: /sets nfsvers again, after mountOptions\[0\] "vers=4\.2"/,
  },
  {
    name: 'two StorageClasses written by hand, both marked the default',
    build: guarded((cluster: ClusterChart) => {
      const defaultClass = (name: string, provisioner: string) => raw(cluster, name, {
        apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
        metadata: { name, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner,
      });
      defaultClass('longhorn', 'driver.longhorn.io');
      defaultClass('nfs-fast', 'nfs.csi.k8s.io');
    }),
    layer: 'references', path: 'nfs-fast', field: 'metadata.annotations.storageclass.kubernetes.io/is-default-class', message: /as StorageClass longhorn is/,
  },
];
