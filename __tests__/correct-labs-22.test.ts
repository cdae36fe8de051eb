import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppVolume, argoCd, certManagerComponent, cilium, ChartRelease, ClusterChart, declareExternal, flux, gatewayApi, HomelabApp, host, k3s, localPathStorage, metalLb, noNetworkPolicy, 
  servesPorts, traefik, WildcardCertificate,
} from '../constructs';
import type { Host } from '../constructs';
import { projectAllowsNamespace } from '../constructs/platform/argo-cd-project-permits';
import { projectTakesRepository } from '../constructs/validation/argo-cd-source-repos';
import { LAB_ROOT } from './support/lab-ca-lab';
import type { Peer } from './support/lab-output';
import { describeDeservedFindings, describeOutputRuns } from './support/lab-runs';
import { denyIngress, hardenedWorkload, labSite, oneNodeLab } from './support/lab-sites';

// A twenty-second round of labs a user writes from the README alone, each meeting the checks added in the last
// releases in a correct but less common form: a Gateway whose port 80 the owner keeps for routes of their own, with an
// issuer of RFC 2136 DNS-01 and a certificate of a full subject; trust-manager in a trust namespace of its own,
// reading a root a Certificate makes there, an inline PEM and a ConfigMap of all its keys; an AppProject written by
// hand of globbed repositories and kinds, a blacklist and destinations that deny the system namespaces, under an
// ApplicationSet of a list and hooks of several types and waves; Flux alerts by label and wildcard, a Receiver of
// generic HMAC and image automation at v1; RKE2 and kubeadm declared by name with workers of their own and
// host-network pods on free ports; hand-written policies that admit DNS in each of its forms, and Cilium's by one
// clusterwide rule through its DNS proxy; NAS classes of csi-driver-nfs and templated Secrets. Each synthesizes with
// only the findings it deserves, every cluster folder builds with kustomize, every probe and Service reaches a port
// its pod declares, and every NetworkPolicy lets in the ingress on routed ports.

/** A hand-written object of the lab. */
function object(scope: Construct, id: string, manifest: Record<string, unknown>): ApiObject {
  return new ApiObject(scope, id, manifest as ConstructorParameters<typeof ApiObject>[2]);
}

/**
 * Envoy Gateway installed by hand and port 80 left to the owner: one HTTPRoute of theirs redirects every host, another serves the printer's status page on plain HTTP; cert-manager answers DNS-01 on the
 * owner's BIND by RFC 2136, and an internal service gets a certificate with a full subject.
 */
function gatewayLab(scope: Construct): void {
  const lab = labSite('gate', '10.238.1', [host('gate-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.238.1.11' })]);
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [...lab.hosts], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })], loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    routes: gatewayApi({ gatewayClassName: 'envoy-gateway', address: lab.pools.lb.at('10.238.1.200'), redirectPlainHttp: false }),
    storage: { fast: localPathStorage() }, gitops: flux(),
  });
  cluster.platform.declarePreinstalled({
    source: 'Envoy Gateway, installed by hand', namespaces: ['envoy-gateway-system'], provides: { gatewayClasses: ['envoy-gateway'] },
    crds: [{ group: 'gateway.networking.k8s.io', kinds: ['Gateway', 'HTTPRoute'] }],
  });
  cluster.platform.require(certManagerComponent());
  declareExternal(cluster, { secrets: [{ namespace: 'cert-manager', name: 'bind-tsig' }] });
  object(cluster, 'rfc2136-issuer', {
    apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'bind' },
    spec: { acme: {
      server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'certs@jdoe.dev', privateKeySecretRef: { name: 'bind-account-key' },
      solvers: [{
        selector: { dnsZones: ['gate.jdoe.dev'] },
        dns01: { rfc2136: { nameserver: '10.238.1.2:53', tsigKeyName: 'cert-manager.', tsigAlgorithm: 'HMACSHA512', tsigSecretSecretRef: { name: 'bind-tsig', key: 'secret' } } },
      }],
    } },
  });
  new WildcardCertificate(cluster, 'wildcard', { issuer: 'bind', namespace: 'gateway', secretName: 'main-gateway-tls', replicate: false });
  new HomelabApp(cluster, 'whoami', { namespace: 'web', image: 'traefik/whoami:v1.10.3', args: ['--port', '8080'], ports: [{ name: 'http', port: 8080 }], route: { host: 'whoami' } });
  object(cluster, 'whoami-certificate', {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'whoami-internal', namespace: 'web' },
    spec: {
      secretName: 'whoami-internal-tls', issuerRef: { name: 'bind', kind: 'ClusterIssuer' }, dnsNames: ['whoami.gate.jdoe.dev'], commonName: 'whoami.gate.jdoe.dev',
      subject: { organizations: ['Doe family'], organizationalUnits: ['Home lab'], countries: ['NL'], localities: ['Utrecht'], provinces: ['Utrecht'], serialNumber: '0001' },
      privateKey: { algorithm: 'ECDSA', size: 384, rotationPolicy: 'Always' }, usages: ['server auth', 'digital signature'],
    },
  });
  // Port 80 is the owner's: one redirect of every host, and the printer's page on plain HTTP, whose whole name outranks the wildcard.
  const onHttp = { name: 'main-gateway', namespace: 'gateway', sectionName: 'http' };
  object(cluster, 'redirect-route', {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'to-https', namespace: 'gateway' },
    spec: { parentRefs: [onHttp], hostnames: ['*.gate.jdoe.dev'], rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }] },
  });
  new HomelabApp(cluster, 'printer-status', {
    namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }],
    allowFrom: [{ namespace: 'envoy-gateway-system' }],
  });
  object(cluster, 'printer-route', {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'printer-status', namespace: 'web' },
    spec: { parentRefs: [onHttp], hostnames: ['printer.gate.jdoe.dev'], rules: [{ backendRefs: [{ name: 'printer-status', port: 8080 }] }] },
  });
}

/**
 * trust-manager with a trust namespace of its own, `pki`: a self-signed root CA Certificate there, of a full subject,
 * whose Secret the Bundle reads by `ca.crt`; an inline PEM of the old CA; and a ConfigMap whose every key is a root.
 */
function trustLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'trust', '10.238.2');
  cluster.platform.require(certManagerComponent());
  new ChartRelease(cluster, 'trust-manager', {
    namespace: 'cert-manager', network: servesPorts({ port: 6443, purpose: 'admission webhook' }, { port: 9402, purpose: 'metrics' }),
    chart: { repository: 'https://charts.jetstack.io', chart: 'trust-manager', version: 'v0.12.0' },
    crds: [{ group: 'trust.cert-manager.io', kinds: ['Bundle'] }], values: { app: { trust: { namespace: 'pki' } } },
  });
  cluster.namespaces.ensure('pki');
  denyIngress(cluster, 'pki');
  object(cluster, 'self-signed', { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'self-signed', namespace: 'pki' }, spec: { selfSigned: {} } });
  object(cluster, 'root-certificate', {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'home-root', namespace: 'pki' },
    spec: {
      isCA: true, commonName: 'Doe Home Root CA', secretName: 'home-root', duration: '87600h', issuerRef: { name: 'self-signed', kind: 'Issuer' },
      subject: { organizations: ['Doe family'], countries: ['NL'] }, privateKey: { algorithm: 'ECDSA', size: 256 },
    },
  });
  object(cluster, 'home-ca-issuer', { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'home-ca' }, spec: { ca: { secretName: 'home-root' } } });
  object(cluster, 'partner-roots', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'partner-roots', namespace: 'pki' }, data: { 'nas.pem': LAB_ROOT, 'router.pem': LAB_ROOT } });
  object(cluster, 'bundle', {
    apiVersion: 'trust.cert-manager.io/v1alpha1', kind: 'Bundle', metadata: { name: 'home-ca' },
    spec: {
      sources: [{ useDefaultCAs: true }, { secret: { name: 'home-root', key: 'ca.crt' } }, { inLine: LAB_ROOT }, { configMap: { name: 'partner-roots', includeAllKeys: true } }],
      target: { configMap: { key: 'ca-certificates.crt' }, namespaceSelector: { matchLabels: { 'trust.jdoe.dev/home-ca': 'true' } } },
    },
  });
}

const REPOSITORY = 'https://github.com/jdoe/argo.git';
const HOOK = (hook: string, wave: string) => ({ 'argocd.argoproj.io/hook': hook, 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation,HookSucceeded', 'argocd.argoproj.io/sync-wave': wave });

/**
 * Argo CD under a project written by hand: chart repositories by glob, cluster kinds by glob of group, a blacklist of quotas the owner keeps out,
 * destinations of the in-cluster cluster by name that deny the system namespaces; an ApplicationSet of a list generator; a
 * hook of two types and one before it in a negative wave; ignoreDifferences by managed fields manager.
 */
function argoLab(scope: Construct): void {
  const nuc = host('argo-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.238.3.11' });
  const lab = labSite('argo', '10.238.3', [nuc]);
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [nuc], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })], routes: traefik({ address: lab.pools.lb.at('10.238.3.200') }),
    loadBalancer: metalLb({ pools: [lab.pools.lb] }), storage: { fast: localPathStorage() }, gitops: argoCd({ project: 'home' }),
  });
  object(cluster, 'project', {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'home', namespace: 'argocd' },
    spec: {
      sourceRepos: [REPOSITORY, 'https://*.github.io/*', 'https://charts.jetstack.io', 'https://metallb.github.io/metallb'],
      destinations: [{ name: 'in-cluster', namespace: '!kube-system' }, { name: 'in-cluster', namespace: '!kube-public' }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }, { group: '*.k8s.io', kind: '*' }, { group: '*', kind: '*Class' }],
      namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }, { group: '', kind: 'LimitRange' }],
    },
  });
  new HomelabApp(cluster, 'wiki', {
    namespace: 'wiki', image: 'ghcr.io/requarks/wiki:2.5.306', runAsUser: 1000, ports: [{ name: 'http', port: 3000 }], route: { host: 'wiki' },
    env: { DB_TYPE: 'sqlite', DB_FILEPATH: '/data/wiki.sqlite' }, autoscaling: { maxReplicas: 3 },
  });
  // A hook that runs both before and after the sync, its ServiceAccount a hook of an earlier, negative wave.
  object(cluster, 'check-account', {
    apiVersion: 'v1', kind: 'ServiceAccount', automountServiceAccountToken: false, metadata: { name: 'wiki-check', namespace: 'wiki', annotations: HOOK('PreSync', '-5') },
  });
  object(cluster, 'check', {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'wiki-check', namespace: 'wiki', annotations: HOOK('PreSync,PostSync', '0') },
    spec: {
      backoffLimit: 1,
      template: {
        metadata: { annotations: { 'security.homelab.dev/no-network-policy': 'a one-shot check that serves nothing' } },
        spec: {
          restartPolicy: 'Never', automountServiceAccountToken: false, serviceAccountName: 'wiki-check',
          securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'check', image: 'busybox:1.37.0', command: ['sh', '-c', 'test -d /'],
            resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
          }],
        },
      },
    },
  });
  object(cluster, 'extras', {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 'extras', namespace: 'argocd' },
    spec: {
      goTemplate: true, goTemplateOptions: ['missingkey=error'],
      generators: [{ list: { elements: [{ name: 'wiki-extras', path: 'extras/wiki' }] } }],
      template: {
        metadata: { name: '{{.name}}' },
        spec: {
          project: 'home', source: { repoURL: REPOSITORY, targetRevision: 'HEAD', path: '{{.path}}' },
          destination: { name: 'in-cluster', namespace: 'wiki' }, syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['RespectIgnoreDifferences=true'] },
          ignoreDifferences: [{ group: 'apps', kind: 'Deployment', managedFieldsManagers: ['kube-controller-manager'] }, { group: '*', kind: '*', jsonPointers: ['/metadata/annotations/kubectl.kubernetes.io~1restartedAt'] }],
        },
      },
    },
  });
}

/**
 * Flux alerts of the cluster's own objects by label and by wildcard, with a namespace left out and a HelmRelease of
 * another; a Receiver of generic HMAC that reconciles the HelmRepositories it labels; image automation at Flux's v1.
 */
function fluxLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'alerts', '10.238.4', {
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), {
      source: 'flux bootstrap --components-extra=image-reflector-controller,image-automation-controller',
      crds: [{ group: 'image.toolkit.fluxcd.io', kinds: ['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation'] }],
    }],
  });
  declareExternal(cluster, { secrets: [{ namespace: 'flux-system', name: 'ntfy-token' }, { namespace: 'flux-system', name: 'webhook-hmac' }] });
  const fluxObject = (id: string, apiVersion: string, kind: string, name: string, spec: Record<string, unknown>, labels?: Record<string, string>) =>
    object(cluster, id, { apiVersion, kind, metadata: { name, namespace: 'flux-system', ...(labels === undefined ? {} : { labels }) }, spec });
  fluxObject('ntfy', 'notification.toolkit.fluxcd.io/v1beta3', 'Provider', 'ntfy', { type: 'generic', address: 'https://ntfy.sh/jdoe-flux', secretRef: { name: 'ntfy-token' } });
  fluxObject('alert', 'notification.toolkit.fluxcd.io/v1beta3', 'Alert', 'everything', {
    providerRef: { name: 'ntfy' }, eventSeverity: 'info',
    eventSources: [
      { kind: 'GitRepository', name: '*' }, { kind: 'Kustomization', name: 'flux-system' },
      { kind: 'HelmRelease', name: '*', namespace: 'metallb-system' }, { kind: 'HelmRepository', name: '*', matchLabels: { 'webhook.jdoe.dev/push': 'true' } },
    ],
    exclusionList: ['.*upgrade.*has.*started'],
  });
  fluxObject('charts', 'source.toolkit.fluxcd.io/v1', 'HelmRepository', 'podinfo', { interval: '24h', url: 'https://stefanprodan.github.io/podinfo' }, { 'webhook.jdoe.dev/push': 'true' });
  fluxObject('receiver', 'notification.toolkit.fluxcd.io/v1', 'Receiver', 'charts', {
    type: 'generic-hmac', secretRef: { name: 'webhook-hmac' },
    resources: [{ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', name: '*', matchLabels: { 'webhook.jdoe.dev/push': 'true' } }],
  });
  new HomelabApp(cluster, 'blog', { image: 'ghcr.io/jdoe/blog:1.2.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'blog' } });
  fluxObject('blog-images', 'image.toolkit.fluxcd.io/v1', 'ImageRepository', 'blog', { image: 'ghcr.io/jdoe/blog', interval: '5m' });
  fluxObject('blog-policy', 'image.toolkit.fluxcd.io/v1', 'ImagePolicy', 'blog', { imageRepositoryRef: { name: 'blog' }, policy: { semver: { range: '>=1.0.0' } } });
  fluxObject('blog-automation', 'image.toolkit.fluxcd.io/v1', 'ImageUpdateAutomation', 'blog', {
    interval: '30m', sourceRef: { kind: 'GitRepository', name: 'flux-system' },
    git: { checkout: { ref: { branch: 'main' } }, commit: { author: { email: 'fluxbot@jdoe.dev', name: 'fluxbot' }, messageTemplate: 'Update images' }, push: { branch: 'main' } },
    update: { path: './images', strategy: 'Setters' },
  });
}

/** Three RKE2 servers and an agent on 10.238.5.0/24. */
const rke2Nodes = (): Host[] => [
  ...[1, 2, 3].map((i) => host(`rke-${i}`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.238.5.${10 + i}` })),
  host('rke-agent', { arch: 'amd64', roles: ['worker'], address: '10.238.5.20' }),
];

/**
 * RKE2 declared by name with its Canal and ingress-nginx kept (routes through it), an agent of its own; a node
 * exporter on every node's network at 9100, and a syslog receiver on the agent's host network at 514.
 */
function rke2Lab(scope: Construct): void {
  const nodes = rke2Nodes();
  const agent = nodes[3];
  const lab = labSite('rke', '10.238.5', nodes);
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: nodes, storage: { fast: localPathStorage() }, gitops: flux(), loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    preinstalled: [{ source: 'rke2', distribution: 'RKE2', provides: { apiServices: ['v1beta1.metrics.k8s.io'] }, brings: ['CoreDNS', 'Canal', 'metrics-server'] }],
    routes: traefik({ address: lab.pools.lb.at('10.238.5.200') }),
  });
  new HomelabApp(cluster, 'syslog', {
    namespace: 'logging', image: 'balabit/syslog-ng:4.8.1', ports: [{ name: 'syslog', port: 5514, protocol: 'UDP' }],
    placement: { host: agent }, runAsUser: 0,
    exemptions: { hostNetwork: 'receives syslog from the switches at the node address', runAsRoot: "syslog-ng's image runs as root" },
    probes: { readiness: { command: ['syslog-ng-ctl', 'healthcheck'] } },
  });
}

/** kubeadm declared by name: one control plane of its own (its taint kept) and two workers, the pod range its config gives. */
function kubeadmLab(scope: Construct): void {
  const nodes = [
    host('ka-cp', { arch: 'amd64', roles: ['control-plane'], address: '10.238.6.10' }),
    ...[1, 2].map((i) => host(`ka-${i}`, { arch: 'amd64', roles: ['worker'], address: `10.238.6.${10 + i}` })),
  ];
  const lab = labSite('kadm', '10.238.6', nodes);
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: nodes, storage: { fast: localPathStorage() }, gitops: flux(), loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    preinstalled: [{ source: 'kubeadm', distribution: 'kubeadm', podNetwork: { name: 'Calico', enforcesNetworkPolicies: true }, provides: { apiServices: ['v1beta1.metrics.k8s.io'] } }],
    routes: traefik({ address: lab.pools.lb.at('10.238.6.200') }),
  });
  // Home Assistant on a worker's network for its discovery of devices by mDNS; the control plane keeps its taint.
  new HomelabApp(cluster, 'home-assistant', {
    namespace: 'home', image: 'ghcr.io/home-assistant/home-assistant:2025.1.4', ports: [{ name: 'http', port: 8123 }], route: { host: 'ha' },
    exemptions: { hostNetwork: 'finds the devices of the LAN by mDNS', runAsRoot: 'its image runs as root', writableRootFilesystem: 'it writes under /config and its Python cache' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } },
  });
}

/**
 * Hand-written workloads under policies that admit the cluster DNS each in its own form: kube-dns pods of any
 * namespace by label, the kube-system namespace on TCP and UDP, and port 53 to anywhere; named ports the pods
 * declare; peers of other namespaces picked by name through matchExpressions.
 */
function policiesLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'policies', '10.238.7');
  for (const namespace of ['shop', 'shop-db']) cluster.namespaces.ensure(namespace);
  hardenedWorkload(cluster, 'storefront', { kind: 'Deployment', namespace: 'shop', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', port: 8080, user: 101, scratch: '/tmp', annotations: {} });
  hardenedWorkload(cluster, 'catalog', { kind: 'StatefulSet', namespace: 'shop-db', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', port: 8080, user: 101, scratch: '/tmp', annotations: {} });
  object(cluster, 'catalog-service', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'catalog', namespace: 'shop-db' },
    spec: { clusterIP: 'None', selector: { 'app.kubernetes.io/name': 'catalog' }, ports: [{ name: 'http', port: 8080, targetPort: 'http' }] },
  });
  const dnsAnywhere = { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] };
  const policy = (id: string, namespace: string, spec: Record<string, unknown>) =>
    object(cluster, `${id}-policy`, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: id, namespace }, spec });
  policy('storefront', 'shop', {
    podSelector: { matchLabels: { 'app.kubernetes.io/name': 'storefront' } }, policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } } }], ports: [{ port: 'http' }] }],
    egress: [
      { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ...dnsAnywhere },
      { to: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['shop-db'] }] }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'catalog' } } }], ports: [{ port: 8080 }] },
    ],
  });
  policy('catalog', 'shop-db', {
    podSelector: {}, policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['shop'] }] } }], ports: [{ port: 'http', protocol: 'TCP' }] }],
    egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ...dnsAnywhere }, { ...dnsAnywhere }],
  });
}

/**
 * NAS classes beyond the basics: csi-driver-nfs' class with its own subDir placeholders, a csi-driver-smb class whose
 * Secret per claim is named by template, a static NFS volume of csi-driver-nfs' handle and an SMB volume whose
 * node-stage Secret is declared in the app's namespace.
 */
function nasLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'nas', '10.238.8');
  for (const [id, repository, chart, version] of [
    ['csi-driver-nfs', 'https://raw.githubusercontent.com/kubernetes-csi/csi-driver-nfs/master/charts', 'csi-driver-nfs', 'v4.9.0'],
    ['csi-driver-smb', 'https://raw.githubusercontent.com/kubernetes-csi/csi-driver-smb/master/charts', 'csi-driver-smb', '1.17.0'],
  ]) {
    new ChartRelease(cluster, id, { namespace: 'kube-system', network: noNetworkPolicy('CSI node plugins on the host network'), chart: { repository, chart, version } });
  }
  object(cluster, 'nfs-csi', {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'nfs-csi' }, provisioner: 'nfs.csi.k8s.io',
    parameters: { server: '10.238.8.5', share: '/mnt/tank/kube', subDir: '${pvc.metadata.namespace}/${pvc.metadata.name}', onDelete: 'retain' },
    reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate', mountOptions: ['nfsvers=4.1'],
  });
  object(cluster, 'smb-per-claim', {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'smb-per-claim' }, provisioner: 'smb.csi.k8s.io',
    parameters: {
      source: '//10.238.8.5/apps',
      'csi.storage.k8s.io/provisioner-secret-name': 'smb-${pvc.name}', 'csi.storage.k8s.io/provisioner-secret-namespace': '${pvc.namespace}',
      'csi.storage.k8s.io/node-stage-secret-name': 'smb-${pvc.name}', 'csi.storage.k8s.io/node-stage-secret-namespace': '${pvc.namespace}',
    },
    reclaimPolicy: 'Retain',
  });
  declareExternal(cluster, { secrets: [{ namespace: 'media', name: 'smb-media' }] });
  object(cluster, 'music-pv', {
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'music' },
    spec: {
      capacity: { storage: '500Gi' }, accessModes: ['ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: '', mountOptions: ['nfsvers=4.1'],
      csi: { driver: 'nfs.csi.k8s.io', volumeHandle: '10.238.8.5#mnt/tank/music##', volumeAttributes: { server: '10.238.8.5', share: '/mnt/tank/music' } },
      claimRef: { namespace: 'media', name: 'music' },
    },
  });
  object(cluster, 'photos-pv', {
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'photos' },
    spec: {
      capacity: { storage: '1Ti' }, accessModes: ['ReadWriteMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: '',
      mountOptions: ['dir_mode=0770', 'file_mode=0660', 'uid=1000', 'gid=1000'],
      csi: { driver: 'smb.csi.k8s.io', volumeHandle: '10.238.8.5/photos##', volumeAttributes: { source: '//10.238.8.5/photos' }, nodeStageSecretRef: { name: 'smb-media', namespace: 'media' } },
      claimRef: { namespace: 'media', name: 'photos' },
    },
  });
  for (const [name, mode, size] of [['music', 'ReadOnlyMany', '500Gi'], ['photos', 'ReadWriteMany', '1Ti']]) {
    object(cluster, `${name}-pvc`, {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'media' },
      spec: { accessModes: [mode], storageClassName: '', volumeName: name, resources: { requests: { storage: size } } },
    });
  }
  cluster.namespaces.ensure('media');
  denyIngress(cluster, 'media');
}

/**
 * Cilium's own policies on K3s: one clusterwide rule that sends every pod's lookups through the DNS proxy, and a
 * backup job's policy that reaches its off-site bucket by name (`toFQDNs` of a pattern) and nothing else.
 */
function ciliumFqdnLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'fqdn', '10.238.9', {
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'], extraServerFlags: ['--flannel-backend=none', '--disable-network-policy', '--disable-kube-proxy'] })],
    cni: cilium({ kubeProxyReplacement: true, k8sServiceHost: '10.238.9.11' }), networkPolicy: 'cilium',
  });
  object(cluster, 'dns-proxy', {
    apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'dns-through-proxy' },
    spec: {
      // Selecting every pod for visibility only: it leaves their other egress as their own policies have it.
      endpointSelector: {}, enableDefaultDeny: { egress: false, ingress: false },
      egress: [{
        toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }],
        toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }],
      }],
    },
  });
  cluster.namespaces.ensure('backup');
  hardenedWorkload(cluster, 'restic-server', { kind: 'Deployment', namespace: 'backup', image: 'restic/rest-server:0.13.0', port: 8000, user: 1000, scratch: '/data', annotations: {} });
  denyIngress(cluster, 'backup');
  object(cluster, 'offsite', {
    apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'offsite-bucket', namespace: 'backup' },
    spec: {
      endpointSelector: { matchLabels: { 'app.kubernetes.io/name': 'restic-server' } },
      egress: [{ toFQDNs: [{ matchPattern: '*.s3.eu-central-003.backblazeb2.com' }, { matchName: 's3.eu-central-003.backblazeb2.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }],
    },
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ["Gateway whose port 80 is the owner's lab", gatewayLab, { namespace: 'envoy-gateway-system', app: 'envoy' }],
  ['trust-manager in a trust namespace of its own lab', trustLab, TRAEFIK],
  ['Argo CD under a project written by hand lab', argoLab, TRAEFIK],
  ['Flux alerts by label and wildcard lab', fluxLab, TRAEFIK],
  ['RKE2 with an agent of its own lab', rke2Lab, TRAEFIK],
  ['kubeadm with a dedicated control plane lab', kubeadmLab, TRAEFIK],
  ['policies that admit DNS in each form lab', policiesLab, TRAEFIK],
  ['NAS classes beyond the basics lab', nasLab, TRAEFIK],
  ['Cilium names reached through its DNS proxy lab', ciliumFqdnLab, TRAEFIK],
];

describeDeservedFindings('a twenty-second round of correct labs synthesizes with only the findings they deserve', LABS);

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  test("a project's sourceRepos are globs of the normalized URL whose * stops at a /, and a ! entry refuses what it matches", () => {
    const takes = (sourceRepos: string[]) => ['https://argoproj.github.io/argo-helm', 'https://traefik.github.io/charts', 'https://github.com/jdoe/argo.git', 'https://github.com/evil/charts']
      .filter((repository) => projectTakesRepository(sourceRepos, repository));
    expect(takes(['https://*.github.io/*'])).toEqual(['https://argoproj.github.io/argo-helm', 'https://traefik.github.io/charts']);
    expect(takes(['https://github.com/*'])).toEqual([]);
    expect(takes(['https://github.com/**'])).toEqual(['https://github.com/jdoe/argo.git', 'https://github.com/evil/charts']);
    expect(takes(['https://GitHub.com/jdoe/argo', 'https://{argoproj,traefik}.github.io/*'])).toEqual(['https://argoproj.github.io/argo-helm', 'https://traefik.github.io/charts', 'https://github.com/jdoe/argo.git']);
    expect(takes(['*', '!https://github.com/evil/*'])).toEqual(['https://argoproj.github.io/argo-helm', 'https://traefik.github.io/charts', 'https://github.com/jdoe/argo.git']);
  });

  test("a project's destination of a ! namespace takes every other namespace and refuses that one, whatever else takes it", () => {
    const allowed = (destinations: object[]) => ['wiki', 'kube-system'].filter((namespace) => projectAllowsNamespace({ destinations }, namespace));
    expect(allowed([{ name: 'in-cluster', namespace: '!kube-system' }])).toEqual(['wiki']);
    expect(allowed([{ server: '*', namespace: '*' }, { server: '*', namespace: '!kube-system' }])).toEqual(['wiki']);
    expect(allowed([{ server: '!https://kubernetes.default.svc', namespace: '*' }, { name: 'in-cluster', namespace: '*' }])).toEqual([]);
    expect(allowed([{ name: 'in-cluster', namespace: '*' }])).toEqual(['wiki', 'kube-system']);
  });
});
