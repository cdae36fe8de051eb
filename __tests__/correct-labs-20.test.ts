import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import {
  acmeIssuer, AppController, AppVolume, cilium, ciliumOnTalos, ClusterChart, ClusterIssuer, cloudflareDns01, declareExternal, existingStorageClass, flux, gatewayApi, HomelabApp, host, k3s,
  LETSENCRYPT_PRODUCTION, localPathStorage, metalLb, SecretReference, site, talos,
} from '../constructs';
import { namespaceValue } from '../constructs/validation/kubectl-namespace-variables';
import { keda } from './bad-input/cases-new-user-121';
import type { Peer } from './support/lab-output';
import { describeDeservedFindings, describeOutputRuns } from './support/lab-runs';
import { configFile, denyIngress, hardenedWorkload, k3sCluster, KUBECTL, kubectlPod, labSite, oneNodeLab, opsCrd } from './support/lab-sites';

// A twentieth round of labs a user writes from the README alone, each meeting the checks added in the last releases in
// a correct but less common form: a Gateway of the owner's own with a wildcard listener whose certificate cert-manager
// issues through a DNS-01 solver from the Gateway's annotation, plain HTTP redirected by a route attached by port, TLS
// passed through; KEDA scaling a StatefulSet on a cron window and a queue worker to zero beside CPU, budgets under
// the autoscalers' minimums, a spread whose minDomains counts each revision apart, kured given every duration flag in
// Go's spellings; kubectl deleting by selector in its own namespace and in another, granted by a ClusterRole bound in
// one namespace; Litestream replicating to MinIO on the LAN by a configuration of its own path, and to S3 through an
// egress; a backup Job that follows its app by an affinity of matchExpressions; CRD rules whose lists and strings
// carry the bounds that keep their cost within budget, numbers compared once converted, formats in messages; a
// ServiceAccount listing its Secrets once each. Each synthesizes with only the findings it deserves, every cluster
// folder builds with kustomize, every probe and Service reaches a port its pod declares, and every NetworkPolicy
// lets in the ingress on routed ports.

const RBAC = 'rbac.authorization.k8s.io/v1';
const RESOURCES = { cpuRequest: '20m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

/** A hand-written object of the lab. */
function object(scope: Construct, id: string, manifest: Record<string, unknown>): ApiObject {
  return new ApiObject(scope, id, manifest as ConstructorParameters<typeof ApiObject>[2]);
}

/** A hand-written object `name` of the Gateway API in `namespace`. */
function gatewayObject(scope: Construct, kind: string, name: string, namespace: string, spec: Record<string, unknown>, apiVersion = 'gateway.networking.k8s.io/v1'): void {
  object(scope, `${namespace}-${kind.toLowerCase()}-${name}`, { apiVersion, kind, metadata: { name, namespace }, spec });
}

/** A CiliumNetworkPolicy that lets Cilium's Gateway proxies reach `app`'s pods of namespace `app` on `port`. */
function admitGateway(scope: Construct, app: string, port: number): void {
  object(scope, `${app}-from-gateway`, {
    apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: `${app}-from-gateway`, namespace: app },
    spec: { endpointSelector: { matchLabels: { 'app.kubernetes.io/name': app } }, ingress: [{ fromEntities: ['ingress'], toPorts: [{ ports: [{ port: String(port), protocol: 'TCP' }] }] }] },
  });
}

/** Routes of every namespace, as a listener allows them. */
const ALL = { namespaces: { from: 'All' } };

/** A Gateway `name` of Cilium's class in namespace apps-gateway, its certificates asked of cert-manager by `annotations`. */
function annotatedGateway(scope: Construct, name: string, annotations: Record<string, string>, listeners: Array<Record<string, unknown>>): void {
  object(scope, `${name}-gateway`, {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name, namespace: 'apps-gateway', annotations }, spec: { gatewayClassName: 'cilium', listeners },
  });
}

/**
 * Cilium's Gateway on Talos, and a Gateway of the owner's own for the apps of `*.apps.<domain>`: one wildcard
 * listener whose certificate cert-manager issues from the Gateway's annotation by DNS-01, plain HTTP redirected by a
 * route that names the listener by its port, and TLS passed through to an app that terminates it.
 */
function wildcardGatewayLab(scope: Construct): void {
  const domain = 'wild.jdoe.dev';
  const node = host('wild-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.238.1.11' });
  const lab = site('wild', { domain, hosts: [node], pools: { lb: { first: '10.238.1.200', last: '10.238.1.209' } }, git: { url: 'https://github.com/jdoe/wild.git' } });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node], preinstalled: [talos({ bootstrapNode: node, allowSchedulingOnControlPlanes: true })],
    cni: cilium({ ...ciliumOnTalos(), gatewayApi: {} }), networkPolicy: 'cilium', loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.lb.at('10.238.1.200') }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  new ClusterIssuer(cluster, 'letsencrypt', {
    name: 'letsencrypt',
    issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'me@jdoe.dev', solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare', 'api-token') })] }),
  });
  // The flavor's Gateway serves its own apps; its certificate is the wildcard of the domain.
  new HomelabApp(cluster, 'whoami', { namespace: 'web', image: 'traefik/whoami:v1.10.3', ports: [{ name: 'http', port: 8080 }], args: ['--port', '8080'], route: { host: 'whoami' } });
  object(cluster, 'main-gateway-certificate', {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'main-gateway', namespace: 'gateway' },
    spec: { secretName: 'main-gateway-tls', issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' }, dnsNames: [domain, `*.${domain}`] },
  });
  // The owner's Gateway: one wildcard HTTPS listener, its Secret made by cert-manager from the annotation.
  cluster.namespaces.ensure('apps-gateway');
  annotatedGateway(cluster, 'apps', { 'cert-manager.io/cluster-issuer': 'letsencrypt' }, [
    { name: 'plain', protocol: 'HTTP', port: 80, hostname: `*.apps.${domain}`, allowedRoutes: ALL },
    { name: 'apps', protocol: 'HTTPS', port: 443, hostname: `*.apps.${domain}`, tls: { certificateRefs: [{ kind: 'Secret', name: 'apps-wildcard-tls' }] }, allowedRoutes: ALL },
    { name: 'unifi', protocol: 'TLS', port: 8443, hostname: `unifi.apps.${domain}`, tls: { mode: 'Passthrough' }, allowedRoutes: { ...ALL, kinds: [{ kind: 'TLSRoute' }] } },
    // Any other host, by a certificate of the owner's own Certificate: the shim skips a listener without a hostname.
    { name: 'fallback', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'apps-fallback-tls' }] }, allowedRoutes: { namespaces: { from: 'Same' } } },
  ]);
  object(cluster, 'apps-fallback-certificate', {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'apps-fallback', namespace: 'apps-gateway' },
    spec: { secretName: 'apps-fallback-tls', issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' }, dnsNames: [`apps.${domain}`] },
  });
  // A Gateway of the home's own domain, whose certificate a namespaced Issuer of its namespace issues.
  object(cluster, 'home-issuer', {
    apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'home-dns', namespace: 'apps-gateway' },
    spec: {
      acme: {
        server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'me@jdoe.dev', privateKeySecretRef: { name: 'home-dns-account' },
        solvers: [{ dns01: { cloudflare: { apiTokenSecretRef: { name: 'cloudflare-home', key: 'api-token' } } } }],
      },
    },
  });
  declareExternal(cluster, { secrets: [{ namespace: 'apps-gateway', name: 'cloudflare-home' }] });
  annotatedGateway(cluster, 'home', { 'cert-manager.io/issuer': 'home-dns' }, [
    { name: 'home', protocol: 'HTTPS', port: 443, hostname: '*.home.jdoe.dev', tls: { mode: 'Terminate', certificateRefs: [{ name: 'home-wildcard-tls' }] }, allowedRoutes: { namespaces: { from: 'Same' } } },
  ]);
  // A Gateway of one host whose certificate an issuer of HTTP-01 answers on the Gateway itself, by an HTTPRoute.
  object(cluster, 'letsencrypt-http', {
    apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'letsencrypt-http' },
    spec: {
      acme: {
        server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'me@jdoe.dev', privateKeySecretRef: { name: 'letsencrypt-http-account' },
        solvers: [{ http01: { gatewayHTTPRoute: { parentRefs: [{ name: 'photos', namespace: 'apps-gateway', kind: 'Gateway', sectionName: 'http' }] } } }],
      },
    },
  });
  annotatedGateway(cluster, 'photos', { 'cert-manager.io/cluster-issuer': 'letsencrypt-http' }, [
    { name: 'http', protocol: 'HTTP', port: 80, hostname: `photos.${domain}`, allowedRoutes: ALL },
    { name: 'https', protocol: 'HTTPS', port: 443, hostname: `photos.${domain}`, tls: { certificateRefs: [{ name: 'photos-tls' }] }, allowedRoutes: ALL },
  ]);
  new HomelabApp(cluster, 'photos', { namespace: 'photos', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }] });
  admitGateway(cluster, 'photos', 8080);
  gatewayObject(cluster, 'HTTPRoute', 'photos', 'photos', {
    parentRefs: [{ name: 'photos', namespace: 'apps-gateway', sectionName: 'https' }], hostnames: [`photos.${domain}`], rules: [{ backendRefs: [{ name: 'photos', port: 8080 }] }],
  });
  // Plain HTTP of every app host to HTTPS, attached by the listener's port rather than its name.
  gatewayObject(cluster, 'HTTPRoute', 'to-https', 'apps-gateway', {
    parentRefs: [{ name: 'apps', port: 80 }], hostnames: [`*.apps.${domain}`],
    rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
  });
  new HomelabApp(cluster, 'notes', { namespace: 'notes', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }] });
  admitGateway(cluster, 'notes', 8080);
  gatewayObject(cluster, 'HTTPRoute', 'notes', 'notes', {
    parentRefs: [{ name: 'apps', namespace: 'apps-gateway', sectionName: 'apps' }], hostnames: [`notes.apps.${domain}`],
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'notes', port: 8080 }] }],
  });
  new HomelabApp(cluster, 'unifi', { namespace: 'unifi', image: 'ghcr.io/jdoe/tls-echo:1.0.0', ports: [{ name: 'https', port: 8443 }] });
  admitGateway(cluster, 'unifi', 8443);
  gatewayObject(cluster, 'TLSRoute', 'unifi', 'unifi', {
    parentRefs: [{ name: 'apps', namespace: 'apps-gateway', sectionName: 'unifi' }], hostnames: [`unifi.apps.${domain}`], rules: [{ backendRefs: [{ name: 'unifi', port: 8443 }] }],
  }, 'gateway.networking.k8s.io/v1alpha2');
}

/** The three nodes of an autoscaled lab. */
const trio = (name: string, prefix: string) => [1, 2, 3].map((n) => host(`${name}-${n}`, { arch: 'amd64', roles: n === 1 ? ['control-plane', 'worker'] : ['worker'], address: `${prefix}.${10 + n}` }));

/**
 * Three nodes through reboots: KEDA scaling a StatefulSet on a cron window and a queue worker to zero beside its CPU,
 * budgets under each autoscaler's minimum, a spread whose minDomains counts each revision apart, and kured given its
 * duration flags in Go's spellings.
 */
function autoscaledLab(scope: Construct): void {
  const nodes = trio('keda', '10.238.2');
  const cluster = k3sCluster(scope, labSite('keda', '10.238.2', nodes));
  keda(cluster);
  const noPolicy = { 'security.homelab.dev/no-network-policy': 'reached only from the ingress of its own namespace' };
  cluster.namespaces.ensure('web');
  // A StatefulSet scaled by working hours alone, with one pod at night and a budget that lets one go.
  const search = hardenedWorkload(cluster, 'search', { kind: 'StatefulSet', namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', port: 8080, user: 101, scratch: '/tmp', annotations: noPolicy });
  search.addJsonPatch(JsonPatch.remove('/spec/replicas'));
  object(cluster, 'search-scaler', {
    apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'search', namespace: 'web' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'search' }, minReplicaCount: 1, maxReplicaCount: 3,
      triggers: [{ type: 'cron', metadata: { timezone: 'Europe/Berlin', start: '0 8 * * *', end: '0 20 * * *', desiredReplicas: '3' } }],
    },
  });
  object(cluster, 'search-budget', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'search', namespace: 'web' }, spec: { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'search' } } } });
  // A queue worker at zero while its queue is empty, on CPU too while it works; a budget of a share of its pods.
  const worker = hardenedWorkload(cluster, 'worker', { kind: 'Deployment', namespace: 'web', image: 'ghcr.io/jdoe/queue-worker:2.1.0', port: 8080, user: 1000, scratch: '/tmp', annotations: noPolicy });
  worker.addJsonPatch(JsonPatch.remove('/spec/replicas'));
  object(cluster, 'worker-scaler', {
    apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'worker', namespace: 'web' },
    spec: {
      scaleTargetRef: { name: 'worker' }, maxReplicaCount: 6, cooldownPeriod: 300,
      triggers: [
        { type: 'redis', metadata: { address: 'redis.web.svc.cluster.local:6379', listName: 'jobs', listLength: '5' } },
        { type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } },
      ],
    },
  });
  object(cluster, 'worker-budget', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'worker', namespace: 'web' }, spec: { maxUnavailable: '50%', selector: { matchLabels: { 'app.kubernetes.io/name': 'worker' } } } });
  // An API of two pods at least, held to one per node while it surges: each revision counted apart.
  const api = hardenedWorkload(cluster, 'api', { kind: 'Deployment', namespace: 'web', image: 'ghcr.io/jdoe/api:3.0.1', port: 8080, user: 1000, scratch: '/tmp', annotations: noPolicy });
  api.addJsonPatch(JsonPatch.remove('/spec/replicas'));
  api.addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [{
      maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', minDomains: 3, matchLabelKeys: ['pod-template-hash'],
      labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
    }]));
  object(cluster, 'api-scaler', {
    apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'api', namespace: 'web' },
    spec: { scaleTargetRef: { name: 'api' }, minReplicaCount: 3, maxReplicaCount: 3, idleReplicaCount: 0, triggers: [{ type: 'cron', metadata: { timezone: 'Europe/Berlin', start: '0 7 * * 1-5', end: '0 19 * * 1-5', desiredReplicas: '3' } }] },
  });
  object(cluster, 'api-budget', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api', namespace: 'web' }, spec: { minAvailable: 2, selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } } });
  // kured, one node at a time in a weekend window, its durations in every spelling Go reads.
  new HomelabApp(cluster, 'kured', {
    namespace: 'kured', image: 'ghcr.io/kubereboot/kured:1.17.1', controller: AppController.daemonSet({ everyNode: true }),
    command: [
      '/usr/bin/kured', '--ds-namespace=kured', '--reboot-sentinel=/sentinel/reboot-required', '--reboot-days=sat,sun', '--start-time=2am', '--end-time=5am', '--time-zone=Europe/Berlin',
      '--period=1h0m0s', '--drain-timeout', '15m', '--drain-delay=30s', '--reboot-delay=1m30s', '--lock-ttl=0', '--lock-release-delay=5m', '--drain-grace-period=-1',
    ],
    ports: [{ name: 'metrics', port: 8080 }], env: { KURED_NODE_ID: { fieldPath: 'spec.nodeName' } },
    persistence: { sentinel: { volume: AppVolume.hostPath('/var/run'), mountPath: '/sentinel', readOnly: true } },
    exemptions: { hostPid: 'enters the host through process 1 to reboot it', privileged: 'runs systemctl reboot in the host mount namespace', hostPath: 'reads the reboot sentinel', runAsRoot: 'reboots the node' },
    serviceAccount: {
      reason: 'takes its lock on its DaemonSet and drains the node',
      rules: [{ apiGroups: ['apps'], resources: ['daemonsets'], resourceNames: ['kured'], verbs: ['get', 'update', 'patch'] }],
      clusterRules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch'] }, { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] }, { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] }],
    },
  });
}

/**
 * Cleanups by selector: finished Jobs of the app's own namespace by label, evicted pods of another namespace by a
 * ClusterRole bound there alone, the namespace taken from the pod itself; and a backup Job that follows its app to
 * the node of its ReadWriteOnce claim by an affinity of matchExpressions.
 */
function cleanupLab(scope: Construct): void {
  const nodes = [1, 2].map((n) => host(`tidy-${n}`, { arch: 'amd64', roles: n === 1 ? ['control-plane', 'worker'] : ['worker'], address: `10.238.3.${10 + n}` }));
  const lab = labSite('tidy', '10.238.3', nodes, { nfs: { backups: { server: '10.238.3.5', path: '/mnt/tank/backups' } } });
  const cluster = k3sCluster(scope, lab, {
    storage: { block: existingStorageClass('longhorn') }, preinstalled: [{ source: 'longhorn', provides: { storageClasses: ['longhorn'] } }],
  });
  new HomelabApp(cluster, 'wiki', {
    namespace: 'apps', image: 'ghcr.io/jdoe/wiki:4.2.0', ports: [{ name: 'http', port: 3000 }], route: { host: 'wiki' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'block', size: '5Gi' }), mountPath: '/data' } },
  });
  // Finished backup Jobs of this namespace, by their label, with the rule the README writes.
  new HomelabApp(cluster, 'job-sweeper', {
    namespace: 'apps', image: KUBECTL, resources: RESOURCES, egress: [], controller: AppController.cronJob({ schedule: '15 3 * * *' }),
    command: ['kubectl', 'delete', 'jobs.batch', '--selector', 'app.kubernetes.io/component=backup', '--field-selector=status.successful=1', '--ignore-not-found'],
    serviceAccount: { reason: 'deletes finished backup Jobs', rules: [{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['list', 'delete'] }] },
  });
  // Failed pods of the media namespace, from a maintenance namespace, by a ClusterRole bound in media alone.
  cluster.namespaces.ensure('media');
  denyIngress(cluster, 'media');
  cluster.namespaces.ensure('maintenance');
  denyIngress(cluster, 'maintenance');
  object(cluster, 'pod-cleaner-role', { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'pod-cleaner' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] }] });
  object(cluster, 'maintenance-cleaner-sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'cleaner', namespace: 'maintenance' } });
  object(cluster, 'media-cleaner-binding', {
    apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'maintenance-cleaner', namespace: 'media' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pod-cleaner' }, subjects: [{ kind: 'ServiceAccount', name: 'cleaner', namespace: 'maintenance' }],
  });
  object(cluster, 'clean-media', {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'clean-media', namespace: 'maintenance' },
    spec: { schedule: '0 5 * * *', jobTemplate: { spec: { template: { spec: kubectlPod(['sh', '-c', 'kubectl delete pods --namespace=media --field-selector status.phase=Failed'], { serviceAccountName: 'cleaner' }) } } } },
  });
  // Succeeded pods of every namespace, granted to the group of the namespace's accounts cluster-wide.
  object(cluster, 'pod-reaper-binding', {
    apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'maintenance-pod-reaper' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pod-cleaner' }, subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccounts:maintenance' }],
  });
  object(cluster, 'maintenance-reaper-sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reaper', namespace: 'maintenance' } });
  object(cluster, 'reap-everywhere', {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'reap-everywhere', namespace: 'maintenance' },
    spec: { schedule: '0 6 * * 0', jobTemplate: { spec: { template: { spec: kubectlPod(['kubectl', 'delete', 'po', '--all-namespaces=true', '--field-selector', 'status.phase=Succeeded'], { serviceAccountName: 'reaper' }) } } } },
  });
  // Its own namespace's evicted pods, the namespace given from the pod by the downward API.
  object(cluster, 'maintenance-self-role', {
    apiVersion: RBAC, kind: 'Role', metadata: { name: 'self-cleaner', namespace: 'maintenance' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list', 'delete'] }],
  });
  object(cluster, 'maintenance-self-binding', {
    apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'self-cleaner', namespace: 'maintenance' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'self-cleaner' }, subjects: [{ kind: 'ServiceAccount', name: 'cleaner', namespace: 'maintenance' }],
  });
  object(cluster, 'clean-self', {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'clean-self', namespace: 'maintenance' },
    spec: {
      schedule: '30 5 * * *', jobTemplate: {
        spec: {
          template: {
            spec: kubectlPod(['kubectl', 'delete', 'pods', '-n', '$(POD_NAMESPACE)', '-l', 'app.kubernetes.io/managed-by=cronjob', '--field-selector=status.phase==Succeeded'], { serviceAccountName: 'cleaner' }, {
              env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
            }),
          },
        },
      },
    },
  });
  // The same in a shell script, which expands the variable itself.
  object(cluster, 'clean-self-shell', {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'clean-self-shell', namespace: 'maintenance' },
    spec: {
      schedule: '45 5 * * *', jobTemplate: {
        spec: {
          template: {
            spec: kubectlPod(['sh', '-c', 'kubectl delete pods -n "$POD_NAMESPACE" --field-selector=status.phase==Failed'], { serviceAccountName: 'cleaner' }, {
              env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
            }),
          },
        },
      },
    },
  });
  // The wiki's nightly export, beside the wiki on the node its claim is attached to.
  const exporter = new HomelabApp(cluster, 'wiki-export', {
    namespace: 'apps', image: 'alpine:3.20', command: ['sh', '-c', 'tar czf /backups/wiki-$(date +%F).tgz -C /data .'], resources: RESOURCES, egress: [],
    controller: AppController.cronJob({ schedule: '0 2 * * *', timeZone: 'Europe/Berlin' }),
    persistence: {
      data: { volume: AppVolume.existingClaim('wiki-data'), mountPath: '/data', readOnly: true },
      backups: { volume: AppVolume.nfs(lab.nfs.backups, 'wiki'), mountPath: '/backups' },
    },
  });
  exporter.workload.addJsonPatch(JsonPatch.add('/spec/jobTemplate/spec/template/spec/affinity', {
    podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
        labelSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['wiki'] }] }, namespaces: ['apps'], topologyKey: 'kubernetes.io/hostname',
      }],
    },
  }));
}

/** Litestream's image. */
const LITESTREAM = 'litestream/litestream:0.3.13';

/** A Litestream container `name` of `args`, its keys from Secret `secret` of `namespace`. */
function litestream(name: string, args: string[], namespace: string, secret: string, env: Record<string, string> = {}) {
  return {
    name, image: LITESTREAM, args, resources: RESOURCES,
    env: { LITESTREAM_ACCESS_KEY_ID: SecretReference.external(namespace, secret, 'access-key-id'), LITESTREAM_SECRET_ACCESS_KEY: SecretReference.external(namespace, secret, 'secret-access-key'), ...env },
  };
}

/**
 * SQLite apps backed up by Litestream: two databases of one app to MinIO on the NAS, read from a configuration at a
 * path of its own given by -config and by LITESTREAM_CONFIG, through an egress to the NAS alone; apps to S3 by the
 * older replicas list through an egress to the internet on 443, through the home's HTTPS proxy, and under an image
 * that runs the app by replicate -exec.
 */
function litestreamLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'lite', '10.238.4');
  configFile(cluster, 'apps', 'vaultwarden-litestream', 'litestream.yml', [
    'dbs:',
    '  - path: /data/db.sqlite3',
    '    replica:',
    '      type: s3',
    '      bucket: litestream',
    '      path: vaultwarden/db',
    '      endpoint: http://10.238.4.5:9000',
    '      force-path-style: true',
    '  - path: /data/icon_cache.sqlite3',
    '    replica:',
    '      url: s3://litestream/vaultwarden/icons',
    '      endpoint: http://10.238.4.5:9000',
    '',
  ].join('\n'));
  const config = '/etc/litestream/litestream.yml';
  new HomelabApp(cluster, 'vaultwarden', {
    namespace: 'apps', image: 'vaultwarden/server:1.32.7', ports: [{ name: 'http', port: 8080 }], route: { host: 'vault' }, runAsUser: 1000, runAsGroup: 1000,
    env: { ROCKET_PORT: '8080' }, egress: [{ cidr: '10.238.4.5/32', ports: [{ port: 9000 }] }],
    persistence: {
      data: { volume: AppVolume.emptyDir(), mountPath: '/data', containers: ['vaultwarden', 'restore-db', 'restore-icons', 'litestream'] },
      litestream: { volume: AppVolume.configMap('vaultwarden-litestream'), mountPath: '/etc/litestream', containers: ['restore-db', 'restore-icons', 'litestream'] },
    },
    initContainers: [
      litestream('restore-db', ['restore', '-config', config, '-if-db-not-exists', '-if-replica-exists', '/data/db.sqlite3'], 'apps', 'minio-litestream'),
      litestream('restore-icons', ['restore', '-if-db-not-exists', '-if-replica-exists', '/data/icon_cache.sqlite3'], 'apps', 'minio-litestream', { LITESTREAM_CONFIG: config }),
    ],
    sidecars: [litestream('litestream', ['replicate', `-config=${config}`], 'apps', 'minio-litestream')],
  });
  // An app whose database goes to S3, by the older list of replicas, through the internet.
  configFile(cluster, 'apps', 'linkding-litestream', 'litestream.yml', 'dbs:\n  - path: /etc/linkding/data/db.sqlite3\n    replicas:\n      - url: s3://jdoe-lab-backups/linkding\n        retention: 72h\n');
  new HomelabApp(cluster, 'linkding', {
    namespace: 'apps', image: 'sissbruecker/linkding:1.36.0', ports: [{ name: 'http', port: 9090 }], route: { host: 'links' },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    persistence: {
      data: { volume: AppVolume.emptyDir(), mountPath: '/etc/linkding/data', containers: ['linkding', 'restore', 'litestream'] },
      config: { volume: AppVolume.configMap('linkding-litestream'), mounts: [{ mountPath: '/etc/litestream.yml', subPath: 'litestream.yml' }], containers: ['restore', 'litestream'] },
    },
    initContainers: [litestream('restore', ['restore', '-if-db-not-exists', '-if-replica-exists', '/etc/linkding/data/db.sqlite3'], 'apps', 's3-litestream')],
    sidecars: [litestream('litestream', ['replicate'], 'apps', 's3-litestream')],
  });
  // An app whose replica on S3 is reached through the home's HTTPS proxy, the one address its egress names.
  const squid = new HomelabApp(cluster, 'squid', {
    namespace: 'proxy', image: 'ubuntu/squid:6.6-24.04_beta', ports: [{ name: 'proxy', port: 3128 }], runAsUser: 13, runAsGroup: 13,
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    persistence: { cache: { volume: AppVolume.emptyDir(), mountPath: '/var/spool/squid' }, logs: { volume: AppVolume.emptyDir(), mountPath: '/var/log/squid' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run' } },
  });
  configFile(cluster, 'apps', 'shiori-litestream', 'litestream.yml', 'dbs:\n  - path: /srv/shiori/shiori.db\n    replica:\n      url: s3://jdoe-lab-backups/shiori\n');
  const proxy = { HTTPS_PROXY: 'http://squid.proxy.svc.cluster.local:3128' };
  new HomelabApp(cluster, 'shiori', {
    namespace: 'apps', image: 'ghcr.io/go-shiori/shiori:v1.7.4', ports: [{ name: 'http', port: 8080 }], route: { host: 'bookmarks' }, egress: [squid],
    env: { SHIORI_DIR: '/srv/shiori' },
    persistence: {
      data: { volume: AppVolume.emptyDir(), mountPath: '/srv/shiori', containers: ['shiori', 'restore', 'litestream'] },
      config: { volume: AppVolume.configMap('shiori-litestream'), mounts: [{ mountPath: '/etc/litestream.yml', subPath: 'litestream.yml' }], containers: ['restore', 'litestream'] },
    },
    initContainers: [litestream('restore', ['restore', '-if-db-not-exists', '-if-replica-exists', '/srv/shiori/shiori.db'], 'apps', 's3-litestream', proxy)],
    sidecars: [litestream('litestream', ['replicate'], 'apps', 's3-litestream', proxy)],
  });
  // An image that carries Litestream and runs the app under it (replicate -exec), restored from a URL to a path -o gives.
  configFile(cluster, 'apps', 'paste-litestream', 'litestream.yml', 'dbs:\n  - path: /data/paste.db\n    replica:\n      url: s3://jdoe-lab-backups/paste\n');
  new HomelabApp(cluster, 'paste', {
    namespace: 'apps', image: 'ghcr.io/jdoe/paste-litestream:1.2.0', ports: [{ name: 'http', port: 8000 }], route: { host: 'paste' }, strategy: 'Recreate',
    command: ['/usr/local/bin/litestream', 'replicate', '-exec', '/app/paste --db /data/paste.db'],
    env: { LITESTREAM_ACCESS_KEY_ID: SecretReference.external('apps', 's3-litestream', 'access-key-id'), LITESTREAM_SECRET_ACCESS_KEY: SecretReference.external('apps', 's3-litestream', 'secret-access-key') },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }, { cidr: '::/0', ports: [{ port: 443 }] }],
    persistence: {
      data: { volume: AppVolume.emptyDir(), mountPath: '/data', containers: ['paste', 'restore'] },
      config: { volume: AppVolume.configMap('paste-litestream'), mounts: [{ mountPath: '/etc/litestream.yml', subPath: 'litestream.yml' }] },
    },
    initContainers: [{
      name: 'restore', image: 'ghcr.io/jdoe/paste-litestream:1.2.0', resources: RESOURCES,
      command: ['/usr/local/bin/litestream', 'restore', '-if-replica-exists', '-o', '/data/paste.db', 's3://jdoe-lab-backups/paste'],
      env: { LITESTREAM_ACCESS_KEY_ID: SecretReference.external('apps', 's3-litestream', 'access-key-id'), LITESTREAM_SECRET_ACCESS_KEY: SecretReference.external('apps', 's3-litestream', 'secret-access-key') },
    }],
  });
}

/**
 * A CRD of backup plans whose rules a user writes after the API server's cost budget: lists and strings bounded by
 * maxItems and maxLength and walked inside each other, numbers compared once converted or as their own type,
 * timestamps and durations computed with, format() in messages, a pattern repeating to its bound; and a
 * ServiceAccount listing its Secrets once each.
 */
function crdRulesLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'rules', '10.238.5');
  const name = { type: 'string', maxLength: 63 };
  opsCrd(cluster, 'BackupPlan', {
    type: 'object', required: ['targets'],
    'x-kubernetes-validations': [
      { rule: 'self.targets.all(a, self.targets.exists_one(b, b.name == a.name))', message: 'target names must be unique' },
      { rule: 'self.targets.all(t, t.paths.all(p, p.matches(\'^/[A-Za-z0-9._/-]{0,1000}$\')))', messageExpression: "'%d targets, each path absolute'.format([size(self.targets)])" },
      { rule: '!has(self.keepRatio) || (self.keepRatio > 0 && self.keepRatio <= 1 && int(self.keepRatio * 100.0) >= 10)', message: 'keepRatio keeps a tenth at least' },
      { rule: '!has(self.retries) || (self.retries == 0 || double(self.retries) * 1.5 <= 15.0)', messageExpression: "'retries is %d'.format([self.retries])" },
      { rule: '!has(self.notBefore) || self.notBefore + duration(\'24h\') > self.notBefore', message: 'notBefore is a time' },
      { rule: '!has(self.window) || self.window >= duration(\'15m\')', message: 'the window lasts 15m at least' },
      { rule: '!has(self.owner) || self.owner != null', message: 'owner is an object' },
      { rule: "!has(self.prefix) || self.prefix + '-' + string(size(self.targets)) != ''", message: 'prefix joins with the count' },
    ],
    properties: {
      targets: {
        type: 'array', maxItems: 32,
        items: {
          type: 'object', required: ['name'],
          properties: { name, paths: { type: 'array', maxItems: 16, items: { type: 'string', maxLength: 253 } } },
          'x-kubernetes-validations': [{ rule: "self.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')", message: 'a DNS label' }],
        },
      },
      keepRatio: { type: 'number' },
      retries: { type: 'integer', minimum: 0 },
      notBefore: { type: 'string', format: 'date-time' },
      window: { type: 'string', format: 'duration' },
      owner: { type: 'object', properties: { name } },
      prefix: { type: 'string', maxLength: 32 },
    },
  });
  cluster.namespaces.ensure('backups');
  denyIngress(cluster, 'backups');
  object(cluster, 'nightly-plan', {
    apiVersion: 'ops.jdoe.dev/v1', kind: 'BackupPlan', metadata: { name: 'nightly', namespace: 'backups' },
    spec: { targets: [{ name: 'photos', paths: ['/mnt/photos'] }, { name: 'docs', paths: ['/mnt/docs', '/mnt/scans'] }], keepRatio: 0.5, retries: 3, notBefore: '2026-01-01T00:00:00Z', window: '2h' },
  });
  // The registry and deploy tokens an old tool reads from its account's secrets list, each named once.
  declareExternal(cluster, { secrets: [{ namespace: 'backups', name: 'registry-token' }, { namespace: 'backups', name: 'deploy-token' }] });
  object(cluster, 'backups-sa', {
    apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'uploader', namespace: 'backups' }, automountServiceAccountToken: false,
    secrets: [{ name: 'registry-token' }, { name: 'deploy-token' }], imagePullSecrets: [{ name: 'registry-token' }],
  });
}

/** The Gateway API as Envoy Gateway serves it, with the experimental routes of TCP and UDP. */
const ENVOY_GATEWAY = {
  source: 'Envoy Gateway, installed with the experimental Gateway API CRDs', namespaces: ['envoy-gateway-system'],
  crds: [{ group: 'gateway.networking.k8s.io', kinds: ['Gateway', 'HTTPRoute', 'TCPRoute', 'UDPRoute'] }],
  provides: { gatewayClasses: ['envoy-gateway'] },
};

/**
 * Envoy Gateway for the apps' routes, and a Gateway of the owner's own for a game server's TCP and UDP ports, which
 * Envoy Gateway serves (Cilium's would not): the server admits that Gateway's proxies by their labels.
 */
function gameGatewayLab(scope: Construct): void {
  const node = host('games-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.238.6.11' });
  const lab = labSite('games', '10.238.6', [node]);
  const cluster = k3sCluster(scope, lab, {
    routes: gatewayApi({ gatewayClassName: 'envoy-gateway', address: lab.pools.lb.at('10.238.6.200') }),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), ENVOY_GATEWAY],
  });
  declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new HomelabApp(cluster, 'map', { namespace: 'games', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }], route: { host: 'map' } });
  const proxies = { namespace: 'envoy-gateway-system', podLabels: { 'gateway.envoyproxy.io/owning-gateway-name': 'play' } };
  new HomelabApp(cluster, 'minecraft', {
    namespace: 'games', image: 'itzg/minecraft-server:2025.2.1', runAsUser: 1000, runAsGroup: 1000, controller: AppController.statefulSet(),
    env: { EULA: 'TRUE', TYPE: 'PAPER', MEMORY: '2G' }, resources: { cpuRequest: '1', memoryRequest: '2560Mi', memoryLimit: '3Gi' },
    ports: [{ name: 'java', port: 25565 }, { name: 'bedrock', port: 19132, protocol: 'UDP' }], allowFrom: [proxies],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data' } },
  });
  gatewayObject(cluster, 'Gateway', 'play', 'games', {
    gatewayClassName: 'envoy-gateway',
    listeners: [
      { name: 'java', protocol: 'TCP', port: 25565, allowedRoutes: { kinds: [{ kind: 'TCPRoute' }] } },
      { name: 'bedrock', protocol: 'UDP', port: 19132, allowedRoutes: { kinds: [{ kind: 'UDPRoute' }] } },
    ],
  });
  gatewayObject(cluster, 'TCPRoute', 'java', 'games', { parentRefs: [{ name: 'play', sectionName: 'java' }], rules: [{ backendRefs: [{ name: 'minecraft', port: 25565 }] }] }, 'gateway.networking.k8s.io/v1alpha2');
  gatewayObject(cluster, 'UDPRoute', 'bedrock', 'games', { parentRefs: [{ name: 'play', sectionName: 'bedrock' }], rules: [{ backendRefs: [{ name: 'minecraft', port: 19132 }] }] }, 'gateway.networking.k8s.io/v1alpha2');
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['wildcard Gateway of its own lab', wildcardGatewayLab, 'cilium-ingress'],
  ['KEDA on three nodes through reboots lab', autoscaledLab, TRAEFIK],
  ['cleanups by selector lab', cleanupLab, TRAEFIK],
  ['Litestream to MinIO and S3 lab', litestreamLab, TRAEFIK],
  ['CRD rules within budget lab', crdRulesLab, TRAEFIK],
  ['game server on a Gateway of its own lab', gameGatewayLab, { namespace: 'envoy-gateway-system' }],
];

describeDeservedFindings('a twentieth round of correct labs synthesizes with only the findings they deserve', LABS);

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  test("kubectl's namespace given by a variable is its value: the pod's own from the downward API, a written one, none from a Secret", () => {
    const env = [
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }, { name: 'TARGET', value: 'media' },
      { name: 'SECRET_NS', valueFrom: { secretKeyRef: { name: 'ns', key: 'name' } } },
    ];
    expect(['$(POD_NAMESPACE)', '$POD_NAMESPACE', '${TARGET}', '$(TARGET)', 'apps'].map((word) => namespaceValue(word, env, 'maintenance')))
      .toEqual(['maintenance', 'maintenance', 'media', 'media', 'apps']);
    expect(['$(SECRET_NS)', '$(MISSING)', 'ns-$(TARGET)'].map((word) => namespaceValue(word, env, 'maintenance'))).toEqual([undefined, undefined, undefined]);
  });
});
