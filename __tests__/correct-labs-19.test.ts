import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AppController, AppDevice, AppVolume, ClusterChart, declareExternal, existingStorageClass, flux, HomelabApp, host, k3s, localPathStorage, pinnedImage, rootInitExemption, SecretReference, site,
  tailscaleLoadBalancer, traefik,
} from '../constructs';
import { setsKubeconfig } from '../constructs/validation/kubectl-tokens';
import { namesAccount } from '../constructs/validation/rbac-groups';
import type { Peer } from './support/lab-output';
import { describeDeservedFindings, describeOutputRuns } from './support/lab-runs';
import { appDatabase, denyIngress, k3sCluster, KUBECTL, kubectlPod, labSite, mariaDatabase, oneNodeLab } from './support/lab-sites';

// A nineteenth round of labs a user writes from the README alone, each meeting the checks added in the last releases in
// a correct but less common form: nightly `kubectl rollout restart` jobs granted through the group of a namespace's
// ServiceAccounts, an account's user name, a ClusterRole of `*` verbs bound in one namespace, an aggregated ClusterRole
// and a Role of resourceNames; kubectl given a kubeconfig from a Secret at its home folder or by KUBECONFIG, a projected
// token beside the cluster's CA, a long-lived token Secret at the in-cluster path, automountServiceAccountToken off on
// the ServiceAccount and on for the pod; ServiceAccounts made by a chart K3s installs, by hand (declared external) and by
// an App; two sites on one tailnet, each Traefik named on it, one site serving a second domain of its own; Immich pinned
// by digest on its own PostgreSQL named by its full Service name, Gitea, Forgejo and Wiki.js given database types in the
// spellings each takes; a ReadWriteOnce claim of a network tier shared by two apps placed on one node; gluetun told both
// K3s ranges by one supernet, Transmission's whitelists by wildcards, DaemonSets every board holds, a pinned image.
// Each synthesizes with only the findings it deserves, every cluster folder builds with kustomize, every probe and
// Service reaches a port its pod declares, and every NetworkPolicy lets in the ingress on routed ports.

const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);
const RBAC = 'rbac.authorization.k8s.io/v1';

/** A hand-written object of the lab. */
function object(scope: Construct, id: string, manifest: Record<string, unknown>): ApiObject {
  return new ApiObject(scope, id, manifest as ConstructorParameters<typeof ApiObject>[2]);
}

/** A CronJob `name` of `namespace` running `spec` at 04:00 each night. */
function nightly(scope: Construct, name: string, namespace: string, spec: Record<string, unknown>): void {
  object(scope, name, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace }, spec: { schedule: '0 4 * * *', jobTemplate: { spec: { template: { spec } } } } });
}

/** A ServiceAccount `name` of `namespace`, with `extra` fields. */
function serviceAccount(scope: Construct, namespace: string, name: string, extra: Record<string, unknown> = {}): void {
  object(scope, `${namespace}-${name}-sa`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace }, ...extra });
}

/** A binding `name` (a RoleBinding in `namespace`, or a ClusterRoleBinding without one) of role `roleRef` to `subjects`. */
function binding(scope: Construct, name: string, namespace: string | undefined, roleRef: { kind: string; name: string }, subjects: Array<Record<string, unknown>>): void {
  object(scope, `${namespace ?? 'cluster'}-${name}-binding`, {
    apiVersion: RBAC, kind: namespace === undefined ? 'ClusterRoleBinding' : 'RoleBinding', metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects,
  });
}

/** Media apps restarted each night from a maintenance namespace, granted through the forms RBAC takes beside a ServiceAccount subject. */
function restartsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'restarts', '10.237.1');
  new HomelabApp(cluster, 'jellyfin', {
    namespace: 'media', image: 'jellyfin/jellyfin:10.10.3', runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 8096 }],
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' }, cache: { volume: AppVolume.emptyDir(), mountPath: '/cache' } },
    route: { host: 'jellyfin' },
  });
  new HomelabApp(cluster, 'navidrome', {
    namespace: 'media', image: 'deluan/navidrome:0.54.3', runAsUser: 1000, runAsGroup: 1000, controller: AppController.statefulSet(), ports: [{ name: 'http', port: 4533 }],
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' },
      music: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/music', readOnly: true },
    },
    route: { host: 'music' },
  });
  cluster.namespaces.ensure('maintenance');
  denyIngress(cluster, 'maintenance');
  // Every account of the maintenance namespace may restart Jellyfin: a Role of resourceNames bound to their group.
  object(cluster, 'restart-jellyfin-role', {
    apiVersion: RBAC, kind: 'Role', metadata: { name: 'restart-jellyfin', namespace: 'media' },
    rules: [{ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['jellyfin'], verbs: ['get', 'patch'] }],
  });
  binding(cluster, 'maintenance-restarts-jellyfin', 'media', { kind: 'Role', name: 'restart-jellyfin' }, [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccounts:maintenance' }]);
  serviceAccount(cluster, 'maintenance', 'restarter');
  nightly(cluster, 'restart-jellyfin', 'maintenance', kubectlPod(['kubectl', 'rollout', 'restart', 'deployment/jellyfin', '-n', 'media'], { serviceAccountName: 'restarter' }));
  // Navidrome by a ClusterRole of every verb on StatefulSets, bound in media alone to the account by its user name.
  object(cluster, 'statefulset-operator', {
    apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'statefulset-operator' }, rules: [{ apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['*'] }],
  });
  serviceAccount(cluster, 'maintenance', 'music-restarter');
  binding(cluster, 'music-restarter', 'media', { kind: 'ClusterRole', name: 'statefulset-operator' }, [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccount:maintenance:music-restarter' }]);
  nightly(cluster, 'restart-navidrome', 'maintenance', kubectlPod(['sh', '-c', 'kubectl --namespace=media rollout restart sts navidrome'], { serviceAccountName: 'music-restarter' }));
  // An aggregated ClusterRole, whose rules come from the roles its selector gathers, bound cluster-wide.
  object(cluster, 'restarter-aggregate', {
    apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'workload-restarter' },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.jdoe.dev/aggregate-to-restarter': 'true' } }] }, rules: [],
  });
  object(cluster, 'restarter-deployments', {
    apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'workload-restarter-deployments', labels: { 'rbac.jdoe.dev/aggregate-to-restarter': 'true' } },
    rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'patch'] }],
  });
  serviceAccount(cluster, 'maintenance', 'fleet-restarter');
  binding(cluster, 'fleet-restarter', undefined, { kind: 'ClusterRole', name: 'workload-restarter' }, [{ kind: 'ServiceAccount', name: 'fleet-restarter', namespace: 'maintenance' }]);
  nightly(cluster, 'restart-all', 'maintenance', kubectlPod(['kubectl', 'rollout', 'restart', 'deploy', 'jellyfin', '-n', 'media'], { serviceAccountName: 'fleet-restarter' }));
  // An App restarting its own namespace's DaemonSet, by the rule the README writes.
  new HomelabApp(cluster, 'node-exporter', {
    namespace: 'media', image: 'quay.io/prometheus/node-exporter:v1.9.0', controller: AppController.daemonSet(), ports: [{ name: 'metrics', port: 9100 }],
    resources: { cpuRequest: '20m', memoryRequest: '32Mi', memoryLimit: '64Mi' },
  });
  new HomelabApp(cluster, 'restart-exporter', {
    namespace: 'media', image: KUBECTL, controller: AppController.cronJob({ schedule: '30 4 * * 0' }), command: ['kubectl', 'rollout', 'restart', 'ds/node-exporter'],
    serviceAccount: { reason: 'restarts node-exporter weekly', rules: [{ apiGroups: ['apps'], resources: ['daemonsets'], resourceNames: ['node-exporter'], verbs: ['get', 'patch'] }] },
  });
}

/** kubectl given credentials other than an automounted token: a kubeconfig at its home folder or in KUBECONFIG, a projected token. */
function credentialsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'creds', '10.237.2');
  new HomelabApp(cluster, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }], route: { host: 'www' } });
  denyIngress(cluster, 'web');
  declareExternal(cluster, { secrets: [{ namespace: 'web', name: 'offsite-kubeconfig' }] });
  // The offsite cluster's kubeconfig, from a Secret, where kubectl looks without KUBECONFIG: $HOME/.kube/config.
  nightly(cluster, 'restart-offsite', 'web', kubectlPod(['kubectl', 'rollout', 'restart', 'deployment/web-mirror', '-n', 'mirror'], {
    automountServiceAccountToken: false,
    volumes: [{ name: 'home', emptyDir: {} }, { name: 'kubeconfig', secret: { secretName: 'offsite-kubeconfig' } }],
  }, {
    env: [{ name: 'HOME', value: '/home/kubectl' }],
    volumeMounts: [{ name: 'home', mountPath: '/home/kubectl' }, { name: 'kubeconfig', mountPath: '/home/kubectl/.kube/config', subPath: 'config', readOnly: true }],
  }));
  // The same kubeconfig named by KUBECONFIG, for an App without a ServiceAccount of this cluster.
  new HomelabApp(cluster, 'offsite-status', {
    namespace: 'web', image: KUBECTL, controller: AppController.cronJob({ schedule: '0 5 * * *' }),
    command: ['kubectl', 'rollout', 'restart', 'deployment/web-mirror', '--namespace', 'mirror'], env: { KUBECONFIG: '/etc/offsite/config' },
    persistence: { kubeconfig: { volume: AppVolume.secret('offsite-kubeconfig'), mountPath: '/etc/offsite', readOnly: true } },
  });
  // A short-lived token projected where kubectl reads its in-cluster credentials, the automounted one turned off.
  serviceAccount(cluster, 'web', 'web-restarter', { automountServiceAccountToken: false });
  object(cluster, 'web-restarter-role', {
    apiVersion: RBAC, kind: 'Role', metadata: { name: 'web-restarter', namespace: 'web' },
    rules: [{ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['get', 'patch'] }],
  });
  binding(cluster, 'web-restarter', 'web', { kind: 'Role', name: 'web-restarter' }, [{ kind: 'ServiceAccount', name: 'web-restarter' }]);
  const projected = {
    name: 'token',
    projected: {
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
  nightly(cluster, 'restart-web', 'web', kubectlPod(['kubectl', 'rollout', 'restart', 'deployment/web'], {
    serviceAccountName: 'web-restarter', automountServiceAccountToken: false, volumes: [projected],
  }, { volumeMounts: [{ name: 'token', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] }));
  // A long-lived token of that account, mounted where kubectl reads its in-cluster credentials.
  object(cluster, 'web-restarter-token', {
    apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
    metadata: { name: 'web-restarter-token', namespace: 'web', annotations: { 'kubernetes.io/service-account.name': 'web-restarter' } },
  });
  nightly(cluster, 'restart-web-by-secret', 'web', kubectlPod(['kubectl', 'rollout', 'restart', 'deployment/web'], {
    serviceAccountName: 'web-restarter', automountServiceAccountToken: false, volumes: [{ name: 'token', secret: { secretName: 'web-restarter-token' } }],
  }, { volumeMounts: [{ name: 'token', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] }));
  // An account that mounts no token unless a pod asks, and the one pod that asks.
  serviceAccount(cluster, 'web', 'web-restarter-weekly', { automountServiceAccountToken: false });
  binding(cluster, 'web-restarter-weekly', 'web', { kind: 'Role', name: 'web-restarter' }, [{ kind: 'ServiceAccount', name: 'web-restarter-weekly', namespace: 'web' }]);
  nightly(cluster, 'restart-web-weekly', 'web', kubectlPod(['kubectl', 'rollout', 'restart', 'deployment/web'], { serviceAccountName: 'web-restarter-weekly', automountServiceAccountToken: true }));
}

/** ServiceAccounts this repository does not render: made by a chart K3s installs, by hand (declared external); a token for an App's own. */
function accountsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'accounts', '10.237.3');
  // Headlamp from its chart through K3s' Helm controller, and a long-lived token of the account the chart makes.
  cluster.namespaces.ensure('headlamp');
  object(cluster, 'headlamp-chart', {
    apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { name: 'headlamp', namespace: 'kube-system' },
    spec: { repo: 'https://kubernetes-sigs.github.io/headlamp/', chart: 'headlamp', version: '0.28.0', targetNamespace: 'headlamp' },
  });
  object(cluster, 'headlamp-policy', {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny-ingress', namespace: 'headlamp' }, spec: { podSelector: {}, policyTypes: ['Ingress'] },
  });
  object(cluster, 'headlamp-token', {
    apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
    metadata: { name: 'headlamp-login', namespace: 'headlamp', annotations: { 'kubernetes.io/service-account.name': 'headlamp' } },
  });
  // Homepage's own account, whose long-lived token Home Assistant reads from outside the cluster.
  new HomelabApp(cluster, 'homepage', {
    namespace: 'home', image: 'ghcr.io/gethomepage/homepage:v1.2.0', runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 3000 }],
    env: { HOMEPAGE_ALLOWED_HOSTS: 'home.accounts.jdoe.dev' },
    serviceAccount: { reason: 'discovers the services it shows', clusterRules: [{ apiGroups: ['', 'networking.k8s.io'], resources: ['namespaces', 'pods', 'nodes', 'ingresses'], verbs: ['get', 'list'] }] },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/config' } },
    route: { host: 'home' },
  });
  object(cluster, 'homepage-token', {
    apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
    metadata: { name: 'homepage-long-lived', namespace: 'home', annotations: { 'kubernetes.io/service-account.name': 'homepage' } },
  });
  // A backup job as an account the owner made with kubectl create serviceaccount, bound by hand to what it reads.
  cluster.namespaces.ensure('backup');
  denyIngress(cluster, 'backup');
  declareExternal(cluster, { serviceAccounts: [{ namespace: 'backup', name: 'etcd-snapshotter' }], secrets: [{ namespace: 'backup', name: 'restic' }] });
  nightly(cluster, 'list-claims', 'backup', kubectlPod(['kubectl', 'get', 'pvc', '-A', '-o', 'wide'], { serviceAccountName: 'etcd-snapshotter' }));
}

/** Two sites on one tailnet, each Traefik under a name of its own there; the lab serving a second domain of its own beside the parents' sub-domain. */
function twoSitesLab(scope: Construct): void {
  for (const [name, domain, address, tailnetName] of [
    ['lab', 'lab.jdoe.dev', '10.237.4.11', undefined], ['parents', 'parents.lab.jdoe.dev', '10.237.5.11', 'traefik-parents'],
  ] as const) {
    const node = host(`${name}-mini`, { arch: 'amd64', roles: ['control-plane', 'worker'], address });
    const where = site(name, { domain, hosts: [node], git: { url: 'https://github.com/jdoe/sites.git' } });
    const cluster = new ClusterChart(new Construct(scope, name), 'main', {
      site: where, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(tailnetName === undefined ? {} : { tailnetName }),
      loadBalancer: tailscaleLoadBalancer(), storage: { fast: localPathStorage() }, gitops: flux(),
    });
    new HomelabApp(cluster, 'grafana', {
      namespace: 'monitoring', image: 'grafana/grafana:11.4.0', runAsUser: 472, ports: [{ name: 'http', port: 3000 }],
      env: { GF_SERVER_ROOT_URL: `https://grafana.${domain}` },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/grafana' } }, route: { host: 'grafana' },
    });
    if (name === 'lab') {
      // The family's photo site, on a domain of its own the lab also serves.
      new HomelabApp(cluster, 'photos', {
        namespace: 'photos', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }], route: { host: 'photos.doe-family.net' },
      });
    } else {
      new HomelabApp(cluster, 'nas-ui', {
        namespace: 'nas', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }], route: { host: 'nas' },
      });
    }
  }
}

/** Immich pinned by digest on its own PostgreSQL, named by a URL; Gitea, Forgejo and Wiki.js given the database type each takes in its less usual spelling. */
function photosAndForgesLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'forges', '10.237.6');
  const database = new HomelabApp(cluster, 'immich-db', {
    namespace: 'photos', image: 'ghcr.io/immich-app/postgres:16-vectorchord0.4.3-pgvectors0.2.0', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 999,
    controller: AppController.statefulSet(),
    env: { POSTGRES_USER: 'immich', POSTGRES_DB: 'immich', POSTGRES_PASSWORD: secret('photos', 'immich-db', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata', POSTGRES_INITDB_ARGS: '--data-checksums' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
  const redis = new HomelabApp(cluster, 'immich-redis', {
    namespace: 'photos', image: 'docker.io/valkey/valkey:8.0.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }],
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
  });
  const ml = new HomelabApp(cluster, 'immich-ml', {
    namespace: 'photos', image: 'ghcr.io/immich-app/immich-machine-learning:v1.132.3', runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 3003 }],
    env: { MPLCONFIGDIR: '/cache/matplotlib' }, persistence: { cache: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/cache' } },
  });
  new HomelabApp(cluster, 'immich', {
    namespace: 'photos', image: 'ghcr.io/immich-app/immich-server:v1.132.3@sha256:6680d88486251b0264a78a1934fe82eef875555aa6d84d703a0980328a5d5c31',
    runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 3001 }],
    env: {
      IMMICH_PORT: '3001', DB_HOSTNAME: 'immich-db.photos.svc.cluster.local', DB_USERNAME: 'immich', DB_DATABASE_NAME: 'immich', DB_PASSWORD: secret('photos', 'immich-db', 'password'),
      REDIS_HOSTNAME: 'immich-redis', IMMICH_MACHINE_LEARNING_URL: 'http://immich-ml:3003',
    },
    egress: [database, redis, ml],
    persistence: { library: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/usr/src/app/upload' } },
    route: { host: 'photos' },
  });
  const giteaDb = appDatabase(cluster, 'gitea-db', 'git', 'gitea');
  new HomelabApp(cluster, 'gitea', {
    namespace: 'git', image: 'gitea/gitea:1.23.1-rootless', runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 2222 }],
    env: {
      GITEA__database__DB_TYPE: 'postgres', GITEA__database__HOST: 'gitea-db:5432', GITEA__database__NAME: 'gitea', GITEA__database__USER: 'gitea',
      GITEA__database__PASSWD: secret('git', 'gitea-db', 'password'), GITEA__server__ROOT_URL: 'https://git.forges.jdoe.dev/',
    },
    egress: [giteaDb],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/gitea' }, config: { volume: AppVolume.emptyDir(), mountPath: '/etc/gitea' } },
    route: { host: 'git' },
  });
  new HomelabApp(cluster, 'forgejo', {
    namespace: 'forgejo', image: 'codeberg.org/forgejo/forgejo:10.0.0-rootless', runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 3000 }],
    env: { FORGEJO__database__DB_TYPE: 'sqlite3', FORGEJO__database__PATH: '/var/lib/gitea/data/forgejo.db', FORGEJO__server__ROOT_URL: 'https://code.forges.jdoe.dev/' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/gitea' }, config: { volume: AppVolume.emptyDir(), mountPath: '/etc/gitea' } },
    route: { host: 'code' },
  });
  const wikiDb = mariaDatabase(cluster, 'wiki-db', 'wiki', 'wiki', 'wiki');
  new HomelabApp(cluster, 'wiki', {
    namespace: 'wiki', image: 'ghcr.io/requarks/wiki:2.5.305', runAsUser: 1000, ports: [{ name: 'http', port: 3000 }],
    env: { DB_TYPE: 'mariadb', DB_HOST: 'wiki-db', DB_PORT: '3306', DB_NAME: 'wiki', DB_USER: 'wiki', DB_PASS: secret('wiki', 'wiki-db', 'password') }, egress: [wikiDb],
    route: { host: 'wiki' },
  });
}

/** A ReadWriteOnce claim of a network tier shared by a web server and its worker, both placed on one node of three. */
function sharedClaimLab(scope: Construct): void {
  const nodes = [1, 2, 3].map((i) => host(`rw-${i}`, { arch: 'amd64', roles: i === 1 ? ['control-plane', 'worker'] : ['worker'], address: `10.237.7.1${i}` }));
  const cluster = k3sCluster(scope, labSite('rwo', '10.237.7', nodes), {
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), { source: 'longhorn', namespaces: ['longhorn-system'], provides: { storageClasses: ['longhorn'] } }],
    storage: { fast: localPathStorage(), replicated: existingStorageClass('longhorn') },
  });
  const media = AppVolume.claim({ tier: 'replicated', size: '20Gi' });
  const redis = new HomelabApp(cluster, 'gramps-redis', {
    namespace: 'family', image: 'docker.io/valkey/valkey:8.0.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }],
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
  });
  for (const [name, args] of [['gramps', undefined], ['gramps-worker', ['celery', '-A', 'gramps_webapi.celery', 'worker', '--loglevel=INFO', '--concurrency=2']]] as const) {
    new HomelabApp(cluster, name, {
      namespace: 'family', image: 'ghcr.io/gramps-project/grampsweb:v25.1.1', runAsUser: 1000, runAsGroup: 1000,
      ...(args === undefined ? { ports: [{ name: 'http', port: 5000 }], route: { host: 'family' } } : { args: [...args] }),
      placement: { host: nodes[1] }, egress: [redis],
      env: {
        GRAMPSWEB_TREE: 'Family', GRAMPSWEB_SECRET_KEY: secret('family', 'gramps', 'secret-key'),
        GRAMPSWEB_CELERY_CONFIG__broker_url: 'redis://gramps-redis:6379/0', GRAMPSWEB_CELERY_CONFIG__result_backend: 'redis://gramps-redis:6379/0',
      },
      persistence: {
        media: { volume: media, mountPath: '/app/media' },
        users: { volume: AppVolume.emptyDir(), mountPath: '/app/users' },
      },
    });
  }
}

const linuxserver = { runAsRoot: 's6-overlay starts as root', addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'), writableRootFilesystem: 's6-overlay writes /run' };

/** Downloads on Pis beside a mini PC: gluetun told both K3s ranges by one supernet, Transmission's whitelists by wildcards; a DaemonSet every board holds. */
function piDownloadsLab(scope: Construct): void {
  const ssd = { disks: [{ media: 'ssd' as const, sizeGigabytes: 256 }] };
  const pi4 = host('pi4', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '10.237.8.11', cores: 4, memoryGigabytes: 4, model: 'Raspberry Pi 4 Model B', ...ssd });
  const pi3 = host('pi3', { arch: 'arm64', roles: ['worker'], address: '10.237.8.12', cores: 4, memoryGigabytes: 1, model: 'Raspberry Pi 3 Model B+' });
  const mini = host('mini', { arch: 'amd64', roles: ['worker'], address: '10.237.8.20', cores: 4, memoryGigabytes: 16 });
  const cluster = k3sCluster(scope, labSite('dl', '10.237.8', [pi4, pi3, mini]));
  declareExternal(cluster, { secrets: [{ namespace: 'downloads', name: 'vpn' }, { namespace: 'downloads', name: 'transmission' }] });
  const sonarr = new HomelabApp(cluster, 'sonarr', {
    namespace: 'downloads', image: 'lscr.io/linuxserver/sonarr:4.0.14', ports: [{ name: 'http', port: 8989 }], env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Berlin' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/config' } }, exemptions: linuxserver, route: { host: 'sonarr' },
    placement: { host: mini },
  });
  new HomelabApp(cluster, 'transmission', {
    namespace: 'downloads', image: 'lscr.io/linuxserver/transmission:4.0.6', ports: [{ name: 'http', port: 9091 }, { name: 'peers', port: 51413 }],
    env: {
      PUID: '1000', PGID: '1000', TZ: 'Europe/Berlin', WHITELIST: '127.0.0.1,10.*.*.*', HOST_WHITELIST: '*.dl.jdoe.dev,transmission.downloads.svc',
      PEERPORT: '51413',
    },
    persistence: {
      config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' },
      gluetun: { volume: AppVolume.emptyDir(), mountPath: '/gluetun', containers: ['gluetun'] },
    },
    sidecars: [{
      name: 'gluetun', image: 'ghcr.io/qdm12/gluetun:v3.40.0',
      env: {
        VPN_SERVICE_PROVIDER: 'private internet access', VPN_TYPE: 'openvpn', OPENVPN_PROTOCOL: 'tcp', OPENVPN_ENDPOINT_PORT: '443', VPN_PORT_FORWARDING: 'on', PORT_FORWARD_ONLY: 'on',
        OPENVPN_USER: secret('downloads', 'vpn', 'user'), OPENVPN_PASSWORD: secret('downloads', 'vpn', 'password'), SERVER_REGIONS: 'DE Frankfurt',
        FIREWALL_OUTBOUND_SUBNETS: '10.42.0.0/15', FIREWALL_INPUT_PORTS: '9091,51413',
      },
      exemptions: { runAsRoot: 'gluetun sets up routes and its firewall', addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the tunnel' } },
    }],
    devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })],
    exemptions: { ...linuxserver, hostPath: 'gluetun opens /dev/net/tun' },
    egress: [sonarr, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }], allowFrom: [sonarr], route: { host: 'transmission' },
    placement: { host: mini },
  });
  new HomelabApp(cluster, 'node-exporter', {
    namespace: 'monitoring', image: 'quay.io/prometheus/node-exporter:v1.9.0', ports: [{ name: 'metrics', port: 9100 }], controller: AppController.daemonSet(),
    resources: { cpuRequest: '25m', memoryRequest: '24Mi', memoryLimit: '48Mi' },
  });
  // Large DaemonSets kept off the boards that could not hold them: by the App's placement, and by a hand-written nodeSelector.
  new HomelabApp(cluster, 'transcoder', {
    namespace: 'downloads', image: 'ghcr.io/jdoe/transcode-worker:1.4.2', controller: AppController.daemonSet(), placement: { arch: 'amd64' },
    resources: { cpuRequest: '1500m', memoryRequest: '2Gi', memoryLimit: '3Gi' }, ports: [{ name: 'metrics', port: 9400 }],
  });
  const labels = { 'app.kubernetes.io/name': 'log-shipper' };
  object(cluster, 'log-shipper', {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'log-shipper', namespace: 'monitoring' },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, annotations: { 'security.homelab.dev/no-network-policy': 'ships logs out and serves nothing' } },
        spec: {
          nodeSelector: { 'kubernetes.io/arch': 'amd64' }, automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'vector', image: 'timberio/vector:0.43.1-distroless-libc', args: ['--config', '/etc/vector/vector.yaml'],
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            resources: { requests: { cpu: '1', memory: '3Gi' }, limits: { memory: '4Gi' } },
            readinessProbe: { httpGet: { path: '/health', port: 8686 } }, ports: [{ name: 'api', containerPort: 8686 }],
            volumeMounts: [{ name: 'data', mountPath: '/var/lib/vector' }],
          }],
          volumes: [{ name: 'data', emptyDir: {} }],
        },
      },
    },
  });
  new HomelabApp(cluster, 'pi-throttle', {
    namespace: 'monitoring', image: pinnedImage('ghcr.io/jdoe/pi-throttle-exporter:0.3.2@sha256:0d2f1c0f3b1e5c6a7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e', ['arm64']),
    ports: [{ name: 'metrics', port: 9101 }], controller: AppController.daemonSet(), placement: { arch: 'arm64' },
    resources: { cpuRequest: '5m', memoryRequest: '8Mi', memoryLimit: '16Mi' },
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['nightly restarts granted by group, user name and aggregation lab', restartsLab, TRAEFIK],
  ['kubectl with credentials of its own lab', credentialsLab, TRAEFIK],
  ['accounts made outside the repository lab', accountsLab, TRAEFIK],
  ['two sites on one tailnet lab', twoSitesLab, TRAEFIK],
  ['Immich by digest and forges by database type lab', photosAndForgesLab, TRAEFIK],
  ['shared ReadWriteOnce claim on one node lab', sharedClaimLab, TRAEFIK],
  ['downloads on Pis through a VPN lab', piDownloadsLab, TRAEFIK],
];

describeDeservedFindings('a nineteenth round of correct labs synthesizes with only the findings they deserve', LABS);

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  test("a binding reaches an account by its own subject, its user name and its namespace's group, and no other's", () => {
    const reaches = (subject: Record<string, unknown>) => namesAccount(subject, 'restarter', 'maintenance', 'media');
    expect([
      { kind: 'ServiceAccount', name: 'restarter', namespace: 'maintenance' }, { kind: 'User', name: 'system:serviceaccount:maintenance:restarter' },
      { kind: 'Group', name: 'system:serviceaccounts:maintenance' }, { kind: 'Group', name: 'system:serviceaccounts' }, { kind: 'Group', name: 'system:authenticated' },
    ].map(reaches)).toEqual([true, true, true, true, true]);
    expect([
      { kind: 'ServiceAccount', name: 'restarter' }, { kind: 'User', name: 'system:serviceaccount:media:restarter' },
      { kind: 'Group', name: 'system:serviceaccounts:media' }, { kind: 'Group', name: 'system:authenticated-users' },
    ].map(reaches)).toEqual([false, false, false, false]);
  });

  test('kubectl has a kubeconfig of its own in KUBECONFIG or at a .kube folder, not in any other folder', () => {
    const mounted = (mountPath: string) => setsKubeconfig({ volumeMounts: [{ name: 'kube', mountPath }] });
    expect(['/home/kubectl/.kube', '/home/kubectl/.kube/config', '/.kube/'].map(mounted)).toEqual([true, true, true]);
    expect(['/etc/kube', '/home/kubectl/.kubeconfig', '/config/kube/config'].map(mounted)).toEqual([false, false, false]);
    expect(setsKubeconfig({ env: [{ name: 'KUBECONFIG', value: '/etc/kube/config' }] })).toBe(true);
  });
});
