import { ApiObject, App as CdkApp } from 'cdk8s';
import { ChartRelease, ClusterChart, flux, HomelabApp, host, localPathStorage, metalLb, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, guarded } from './lab';

// A new user's month, from the README alone, on three amd64 mini PCs running K3s with Flux and Traefik, filled
// from blog posts and answers of 2018 to 2022: Home Assistant, Pi-hole, a media stack, Nextcloud, Grafana with
// Prometheus, cert-manager and MetalLB. Most of the posts' habits were refused already (earlier rounds: removed
// API versions, operators' old groups, Ingress paths without pathType, the class annotation beside the field, beta
// node labels in a selector, gitRepo volumes, host paths); these passed: each was taken by the API server and then
// ignored, so the pods ran without the seccomp profile, priority, tolerations, spreading, allow-list or GPU the
// post promised, and MetalLB announced no address.

export const mini1 = host('nu51-mini1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.51.11', memoryGigabytes: 16 });
export const mini2 = host('nu51-mini2', { arch: 'amd64', roles: ['worker'], address: '192.168.51.12', memoryGigabytes: 16 });
export const mini3 = host('nu51-mini3', { arch: 'amd64', roles: ['worker'], address: '192.168.51.13', memoryGigabytes: 16 });
/** The lab's site: three mini PCs and a range of the LAN that MetalLB hands out. */
export const lab51 = site('nu51-minis', {
  domain: 'minis.example', hosts: [mini1, mini2, mini3], pools: { vips: { first: '192.168.51.200', last: '192.168.51.220' } },
  git: { url: 'https://git.minis.example/lab.git' },
});

/** The lab's cluster `home`, as the README's quick start writes it: K3s with Traefik, MetalLB and Flux. */
export function homeCluster(app: CdkApp): ClusterChart {
  return new ClusterChart(app, 'home', {
    site: lab51, hosts: [mini1, mini2, mini3], routes: traefik({ address: lab51.pools.vips.at('192.168.51.200') }),
    loadBalancer: metalLb({ pools: [lab51.pools.vips] }), storage: { local: localPathStorage() }, gitops: flux(),
  });
}

/** Builds `build` into the lab's cluster `home`. */
export const home = (build: (c: ClusterChart) => void) => guarded((_main: ClusterChart, app: CdkApp) => build(homeCluster(app)));

/** The pod spec of a post's workload that passes every check; `pod` adds to it, `container` to its one container. */
export const podSpec = (pod: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => ({
  containers: [goodContainer(container)], securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, ...pod,
});

/** A workload `kind` (Deployment or DaemonSet) `name` of namespace `media` as a post wrote it, hand-written as `id`. */
export const postWorkload = (id: string, kind: 'Deployment' | 'DaemonSet', pod: Record<string, unknown>, annotations?: Record<string, string>, container: Record<string, unknown> = {}) => home((c) => {
  c.namespaces.ensure('media');
  new ApiObject(c, id, {
    apiVersion: 'apps/v1', kind, metadata: { name: id, namespace: 'media' },
    spec: {
      ...(kind === 'Deployment' ? { replicas: 1 } : {}), selector: { matchLabels: { app: id } },
      template: { metadata: { labels: { app: id }, annotations }, spec: podSpec(pod, container) },
    },
  });
});

/** A hand-written object `id`, with its namespace declared when it has one. */
const handWritten = (id: string, manifest: Record<string, unknown>) => home((c) => {
  const namespace = (manifest.metadata as { namespace?: string }).namespace;
  if (namespace !== undefined) {
    c.namespaces.ensure(namespace);
  }
  new ApiObject(c, id, manifest as never);
});

/** An Ingress of Nextcloud at cloud.minis.example with Traefik's class, as a Traefik 1 post annotated it, with `tls` as its one TLS entry. */
export const traefikOneIngress = (annotations: Record<string, string>, tls?: Record<string, unknown>) => home((c) => {
  c.namespaces.ensure('cloud');
  new ApiObject(c, 'nextcloud-ingress', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'nextcloud', namespace: 'cloud', annotations },
    spec: {
      ingressClassName: 'traefik', ...(tls === undefined ? {} : { tls: [tls] }),
      rules: [{ host: 'cloud.minis.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'nextcloud', port: { number: 80 } } } }] } }],
    },
  });
  new ApiObject(c, 'nextcloud-service', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'nextcloud', namespace: 'cloud' },
    spec: { selector: { app: 'nextcloud' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
  });
  new ApiObject(c, 'nextcloud', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nextcloud', namespace: 'cloud' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'nextcloud' } }, template: { metadata: { labels: { app: 'nextcloud' } }, spec: podSpec() } },
  });
});

/** MetalLB's configuration file as a post of before MetalLB 0.13 wrote it into the ConfigMap `config`. */
const metalLbConfigMap = (config: string) => handWritten('metallb-config', {
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config', namespace: 'metallb-system' }, data: { config },
});

const TEMPLATE = 'spec.template.spec';

export const CASES: BadInput[] = [
  // Annotations that a 1.30 kubelet and scheduler no longer read.
  {
    name: "Pi-hole's Deployment asking for seccomp's runtime profile by the alpha pod annotation",
    build: postWorkload('pihole', 'Deployment', {}, { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' }),
    layer: 'schema', path: 'pihole', field: 'spec.template.metadata.annotations.seccomp.security.alpha.kubernetes.io/pod', hint: /seccompProfile: \{ type: RuntimeDefault \}/,
  },
  {
    name: "a media server's container seccomp annotation of a container",
    build: postWorkload('jellyfin', 'Deployment', {}, { 'container.seccomp.security.alpha.kubernetes.io/web': 'localhost/profiles/jellyfin.json' }),
    layer: 'schema', path: 'jellyfin', field: 'spec.template.metadata.annotations.container.seccomp.security.alpha.kubernetes.io/web', hint: /on container web/,
  },
  {
    name: "MetalLB's old speaker DaemonSet marked critical by scheduler.alpha.kubernetes.io/critical-pod",
    build: postWorkload('speaker', 'DaemonSet', {}, { 'scheduler.alpha.kubernetes.io/critical-pod': '' }),
    layer: 'schema', path: 'speaker', field: 'spec.template.metadata.annotations.scheduler.alpha.kubernetes.io/critical-pod', hint: /priorityClassName: system-cluster-critical/,
  },
  {
    name: 'init containers written into the pod.beta.kubernetes.io/init-containers annotation',
    build: postWorkload('sonarr', 'Deployment', {}, { 'pod.beta.kubernetes.io/init-containers': '[{"name":"chown","image":"busybox:1.36","command":["chown","-R","1000","/config"]}]' }),
    layer: 'schema', path: 'sonarr', field: 'spec.template.metadata.annotations.pod.beta.kubernetes.io/init-containers', hint: /spec\.initContainers/,
  },
  // Tolerations of taints under the keys Kubernetes renamed.
  {
    name: "node-exporter's DaemonSet tolerating the node-role.kubernetes.io/master taint",
    build: postWorkload('node-exporter', 'DaemonSet', { tolerations: [{ key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }] }),
    layer: 'schema', path: 'node-exporter', field: `${TEMPLATE}.tolerations[0].key`, hint: /node-role\.kubernetes\.io\/control-plane/,
  },
  {
    name: "Home Assistant's quick failover tolerating node.alpha.kubernetes.io/unreachable for 30 seconds",
    build: postWorkload('homeassistant', 'Deployment', {
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
        { key: 'node.alpha.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      ],
    }),
    layer: 'schema', path: 'homeassistant', field: `${TEMPLATE}.tolerations[1].key`, hint: /key: node\.kubernetes\.io\/unreachable/,
  },
  {
    name: 'a toleration of the node.alpha.kubernetes.io/notReady taint',
    build: postWorkload('radarr', 'Deployment', { tolerations: [{ key: 'node.alpha.kubernetes.io/notReady', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }),
    layer: 'schema', path: 'radarr', field: `${TEMPLATE}.tolerations[0].key`, hint: /node\.kubernetes\.io\/not-ready/,
  },
  // Spreading and affinity over the beta topology labels no node carries.
  {
    name: "Nextcloud's pods spread over failure-domain.beta.kubernetes.io/zone",
    build: postWorkload('nextcloud', 'Deployment', {
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'failure-domain.beta.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'nextcloud' } } }],
    }),
    layer: 'schema', path: 'nextcloud', field: `${TEMPLATE}.topologySpreadConstraints[0].topologyKey`, hint: /kubernetes\.io\/hostname/,
  },
  {
    name: "Grafana's preferred anti-affinity over failure-domain.beta.kubernetes.io/zone",
    build: postWorkload('grafana', 'Deployment', {
      affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'failure-domain.beta.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'grafana' } } } }] } },
    }),
    layer: 'schema', path: 'grafana', field: `${TEMPLATE}.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey`, hint: /topology\.kubernetes\.io\/zone/,
  },
  {
    name: 'a required pod affinity over failure-domain.beta.kubernetes.io/region',
    build: postWorkload('bazarr', 'Deployment', {
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'failure-domain.beta.kubernetes.io/region', labelSelector: { matchLabels: { app: 'sonarr' } } }] } },
    }),
    layer: 'schema', path: 'bazarr', field: `${TEMPLATE}.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey`, hint: /topology\.kubernetes\.io\/region/,
  },
  // A resource no node has offered since 1.10.
  {
    name: "Plex's transcoder asking for alpha.kubernetes.io/nvidia-gpu",
    build: postWorkload('plex', 'Deployment', {}, undefined, { resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi', 'alpha.kubernetes.io/nvidia-gpu': 1 } } }),
    layer: 'schema', path: 'plex', field: `${TEMPLATE}.containers[0].resources.limits.alpha.kubernetes.io/nvidia-gpu`, hint: /nvidia\.com\/gpu/,
  },
  // MetalLB's configuration of before 0.13.
  {
    name: "MetalLB's layer-2 pool written as the ConfigMap config of before 0.13",
    build: metalLbConfigMap('address-pools:\n- name: default\n  protocol: layer2\n  addresses:\n  - 192.168.51.230-192.168.51.240\n'),
    layer: 'schema', path: 'metallb-config', field: 'data.config', hint: /IPAddressPool.*L2Advertisement/,
  },
  {
    name: "MetalLB's BGP peer and pool written as the ConfigMap config of before 0.13",
    build: metalLbConfigMap('peers:\n- peer-address: 192.168.51.1\n  peer-asn: 64501\n  my-asn: 64500\naddress-pools:\n- name: default\n  protocol: bgp\n  addresses:\n  - 192.168.51.224/28\n'),
    layer: 'schema', path: 'metallb-config', field: 'data.config', hint: /BGPPeer/,
  },
  // Traefik 1's Ingress annotations, which Traefik 2 and 3 never read.
  {
    name: "Nextcloud's Ingress limited to the LAN by Traefik 1's whitelist-source-range",
    build: traefikOneIngress({ 'traefik.ingress.kubernetes.io/whitelist-source-range': '192.168.51.0/24' }),
    layer: 'schema', path: 'nextcloud-ingress', field: 'metadata.annotations.traefik.ingress.kubernetes.io/whitelist-source-range', hint: /ipAllowList.*router\.middlewares/,
  },
  {
    name: "an Ingress redirected to HTTPS by Traefik 1's ingress.kubernetes.io/ssl-redirect",
    build: traefikOneIngress({ 'ingress.kubernetes.io/ssl-redirect': 'true' }),
    layer: 'schema', path: 'nextcloud-ingress', field: 'metadata.annotations.ingress.kubernetes.io/ssl-redirect', hint: /router\.entrypoints: websecure/,
  },
  {
    name: "an Ingress stripping its prefix by Traefik 1's traefik.frontend.rule.type: PathPrefixStrip",
    build: traefikOneIngress({ 'traefik.frontend.rule.type': 'PathPrefixStrip' }),
    layer: 'schema', path: 'nextcloud-ingress', field: 'metadata.annotations.traefik.frontend.rule.type', hint: /stripPrefix/,
  },
  {
    name: "an Ingress rewritten by Traefik 1's traefik.ingress.kubernetes.io/rewrite-target",
    build: traefikOneIngress({ 'traefik.ingress.kubernetes.io/rewrite-target': '/' }),
    layer: 'schema', path: 'nextcloud-ingress', field: 'metadata.annotations.traefik.ingress.kubernetes.io/rewrite-target', hint: /replacePathRegex/,
  },
  // Helm 2's Tiller in a chart's values.
  {
    name: "kube-prometheus-stack's values from a Helm 2 post setting tillerNamespace",
    build: home((c) => new ChartRelease(c, 'prometheus-stack', {
      namespace: 'monitoring', chart: { repository: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '65.1.1' },
      values: { tillerNamespace: 'kube-system', grafana: { enabled: true } },
    })),
    layer: 'props', path: 'prometheus-stack', field: 'values.tillerNamespace', hint: /rbac\.create/,
  },
  // Operators' API groups that later releases renamed: the hint is the group that replaced them, not a CRD to install.
  {
    name: "Home Assistant's IngressRoute of Traefik 2's traefik.containo.us/v1alpha1",
    build: handWritten('homeassistant-route', {
      apiVersion: 'traefik.containo.us/v1alpha1', kind: 'IngressRoute', metadata: { name: 'homeassistant', namespace: 'home' },
      spec: { entryPoints: ['websecure'], routes: [{ match: 'Host(`ha.minis.example`)', kind: 'Rule', services: [{ name: 'homeassistant', port: 8123 }] }] },
    }),
    layer: 'references', path: 'homeassistant-route', field: 'apiVersion', hint: /traefik\.io\/v1alpha1.*ipAllowList/,
  },
  {
    name: "Pi-hole installed by Flux v1's helm.fluxcd.io/v1 HelmRelease",
    build: handWritten('pihole-release', {
      apiVersion: 'helm.fluxcd.io/v1', kind: 'HelmRelease', metadata: { name: 'pihole', namespace: 'dns' },
      spec: { releaseName: 'pihole', chart: { repository: 'https://mojo2600.github.io/pihole-kubernetes/', name: 'pihole', version: '2.18.0' }, values: { serviceDns: { type: 'LoadBalancer' } } },
    }),
    layer: 'references', path: 'pihole-release', field: 'apiVersion', hint: /helm\.toolkit\.fluxcd\.io\/v2.*sourceRef.*interval/,
  },
  {
    name: "a Let's Encrypt ClusterIssuer of cert-manager's certmanager.k8s.io/v1alpha1",
    build: handWritten('letsencrypt', {
      apiVersion: 'certmanager.k8s.io/v1alpha1', kind: 'ClusterIssuer', metadata: { name: 'letsencrypt' },
      spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'admin@minis.example', privateKeySecretRef: { name: 'letsencrypt' }, http01: {} } },
    }),
    layer: 'references', path: 'letsencrypt', field: 'apiVersion', hint: /cert-manager\.io\/v1.*solvers/,
  },
  // Values of the charts' earlier releases, given to the library's own Traefik and MetalLB.
  {
    name: "Traefik 1's chart values ssl.enforced and dashboard.domain added to Traefik 3's",
    build: home((c) => c.platform.get('traefik')!.addValues({ ssl: { enabled: true, enforced: true }, dashboard: { enabled: true, domain: 'traefik.minis.example' } })),
    layer: 'props', path: 'platform/installs/traefik', field: 'addValues.ssl', hint: /ports\.web\.http\.redirections/,
  },
  {
    name: "Traefik 1's chart value serviceType added to Traefik 3's",
    build: home((c) => c.platform.get('traefik')!.addValues({ serviceType: 'NodePort' })),
    layer: 'props', path: 'platform/installs/traefik', field: 'addValues.serviceType', hint: /service\.type/,
  },
  {
    name: "MetalLB's pools given to its chart as configInline",
    build: home((c) => c.platform.get('metallb')!.addValues({ configInline: { 'address-pools': [{ name: 'default', protocol: 'layer2', addresses: ['192.168.51.230-192.168.51.240'] }] } })),
    layer: 'props', path: 'platform/installs/metallb', field: 'addValues.configInline', hint: /metalLb\(\{ pools \}\)/,
  },
  {
    name: "MetalLB's chart asked for a PodSecurityPolicy by psp.create",
    build: home((c) => c.platform.get('metallb')!.addValues({ psp: { create: true } })),
    layer: 'props', path: 'platform/installs/metallb', field: 'addValues.psp', hint: /Pod Security level/,
  },
  // Annotations of a claim and a Service that the fields of the same name replaced.
  {
    name: "Nextcloud's claim naming its class by volume.beta.kubernetes.io/storage-class",
    build: handWritten('nextcloud-data', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'nextcloud-data', namespace: 'cloud', annotations: { 'volume.beta.kubernetes.io/storage-class': 'nfs-client' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '50Gi' } } },
    }),
    layer: 'references', path: 'nextcloud-data', field: 'metadata.annotations.volume.beta.kubernetes.io/storage-class', hint: /spec\.storageClassName: "nfs-client"/,
  },
  {
    name: "a StatefulSet's claim template naming its class by volume.beta.kubernetes.io/storage-class",
    build: home((c) => {
      c.namespaces.ensure('monitoring');
      new ApiObject(c, 'prometheus', {
        apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'prometheus', namespace: 'monitoring' },
        spec: {
          serviceName: 'prometheus', replicas: 1, selector: { matchLabels: { app: 'prometheus' } },
          template: { metadata: { labels: { app: 'prometheus' } }, spec: podSpec({}, { volumeMounts: [{ name: 'data', mountPath: '/prometheus' }] }) },
          volumeClaimTemplates: [{
            metadata: { name: 'data', annotations: { 'volume.beta.kubernetes.io/storage-class': 'local-path' } },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
          }],
        },
      });
    }),
    layer: 'references', path: 'prometheus', field: 'spec.volumeClaimTemplates[0].metadata.annotations.volume.beta.kubernetes.io/storage-class', hint: /spec\.volumeClaimTemplates\[0\]\.spec\.storageClassName: "local-path"/,
  },
  {
    name: "a database's headless Service publishing unready pods by service.alpha.kubernetes.io/tolerate-unready-endpoints",
    build: home((c) => {
      c.namespaces.ensure('cloud');
      new ApiObject(c, 'mariadb', {
        apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'mariadb', namespace: 'cloud' },
        spec: { serviceName: 'mariadb', replicas: 1, selector: { matchLabels: { app: 'mariadb' } }, template: { metadata: { labels: { app: 'mariadb' } }, spec: podSpec() } },
      });
      new ApiObject(c, 'mariadb-service', {
        apiVersion: 'v1', kind: 'Service',
        metadata: { name: 'mariadb', namespace: 'cloud', annotations: { 'service.alpha.kubernetes.io/tolerate-unready-endpoints': 'true' } },
        spec: { clusterIP: 'None', selector: { app: 'mariadb' }, ports: [{ name: 'http', port: 8080 }] },
      });
    }),
    layer: 'schema', path: 'mariadb-service', field: 'metadata.annotations.service.alpha.kubernetes.io/tolerate-unready-endpoints', hint: /publishNotReadyAddresses: true/,
  },
  // The App of the lab's JavaScript version (no type checker), with a compose file's Traefik 1 labels.
  {
    name: "Home Assistant's App labelled traefik.frontend.rule: Host:… and traefik.port from a Traefik 1 compose file",
    build: home((c) => new HomelabApp(c, 'homeassistant', {
      namespace: 'home', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
      labels: { 'traefik.enable': 'true', 'traefik.frontend.rule': 'Host:ha.minis.example', 'traefik.port': '8080' },
    } as never)),
    layer: 'props', path: 'homeassistant', field: 'labels.traefik.frontend.rule', hint: /route: \{ host: 'ha\.minis\.example', port: 8080 \}/,
  },
  {
    name: "an App labelled with Traefik 1's traefik.backend alone",
    build: home((c) => new HomelabApp(c, 'sonarr', {
      namespace: 'media', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], labels: { 'traefik.backend': 'sonarr' },
    } as never)),
    layer: 'props', path: 'sonarr', field: 'labels.traefik.backend', hint: /route: \{ host: '<name>' \}/,
  },
  // cert-manager's Ingress annotations of before 0.11: one error, not also the TLS Secret nothing makes.
  {
    name: "Nextcloud's Ingress asking cert-manager for its certificate by certmanager.k8s.io/cluster-issuer",
    build: traefikOneIngress({ 'certmanager.k8s.io/cluster-issuer': 'letsencrypt-prod' }, { hosts: ['cloud.minis.example'], secretName: 'nextcloud-tls' }),
    layer: 'schema', path: 'nextcloud-ingress', field: 'metadata.annotations.certmanager.k8s.io/cluster-issuer', hint: /cert-manager\.io\/cluster-issuer: "letsencrypt-prod"/,
  },
  {
    name: "an Ingress choosing cert-manager's challenge by certmanager.k8s.io/acme-challenge-type",
    build: traefikOneIngress({ 'certmanager.k8s.io/acme-challenge-type': 'http01' }, { hosts: ['cloud.minis.example'], secretName: 'nextcloud-tls' }),
    layer: 'schema', path: 'nextcloud-ingress', field: 'metadata.annotations.certmanager.k8s.io/acme-challenge-type', hint: /solvers/,
  },
];
