import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppController, AppVolume, cilium, ciliumLoadBalancer, ciliumOnTalos, ClusterChart, declareExternal, flux, gatewayApi, HomelabApp, host, localPathStorage, nfsStorage, SecretReference,
  talos, zfsSnapshotClass,
} from '../constructs';
import { goPatternProblem } from '../constructs/validation/regex-syntax';
import { translateGoRegExp } from '../constructs/validation/schema/go-regexp';
import { type Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { configFile, k3sCluster, labSite, oneNodeLab, opsCrd } from './support/lab-sites';

// An eighteenth round of labs a user writes from the README alone, each meeting the checks added in the last releases in
// a correct but less common form: a CRD whose rules compare timestamps, durations and bytes as such, numbers across int
// and double, an int-or-string field by its type, a nullable field and a free-form one, with the list functions
// Kubernetes has, map and list literals of one type, duration and timestamp constants of every form Go reads, patterns
// of Unicode scripts and classes, a root rule on the object's name, and an embedded object's labels its schema declares; CloudNativePG from a ClusterImageCatalog, its
// operator in a namespace of its own reaching instances behind a default deny by named ports, a Pooler in session mode
// on the replicas, a pvcTemplate's class; restartOnConfigChange on a StatefulSet and a DaemonSet, app-template's image
// volume and advancedMounts on a sidecar; Cilium's L2 announcements on Talos by patterns matching both naming schemes;
// a snapshot of a ZFS claim beside apps on NFS.
// Each synthesizes with only the findings it deserves, every cluster folder builds with kustomize, every probe and
// Service reaches a port its pod declares, and every NetworkPolicy lets in the ingress on routed ports.

const claim = (size: string, tier = 'fast') => AppVolume.claim({ tier, size });
const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);
const text = (maxLength: number) => ({ type: 'string', maxLength });
const rule = (expression: string, message: string) => ({ rule: expression, message });

/** A maintenance window's CRD: rules on typed fields, list functions, literals, constants and patterns; a root rule on the name. */
function windowsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'windows', '10.236.1');
  const spec = {
    type: 'object', required: ['start', 'end', 'timeout', 'ratio', 'weights'],
    'x-kubernetes-validations': [
      rule('self.end > self.start && self.end - self.start <= duration(\'168h\')', 'a window ends after it starts, within a week'),
      rule("self.start >= timestamp('2024-02-29T23:59:59.5+05:30') && string(self.start).startsWith('20')", 'a window starts after the old system was retired'),
      rule("self.timeout >= duration('90s') && self.timeout + duration('30m') <= duration('1h59m59.999s')", 'a timeout between 90s and 1.5h'),
      rule("self.timeout != duration('300ms') && self.timeout > duration('-1h30m') && duration('2us') < duration('1ms')", 'no timeout of 300ms'),
      rule('self.ratio > 0 && self.ratio <= 1', 'a ratio in (0, 1]'),
      rule("{'fast': 1.0, 'safe': 0.5}[self.mode] >= self.ratio", 'a safe window drains at most half the nodes'),
      rule('self.weight in [1, 2, 5, 10] && self.weight >= 0.5', 'a weight of 1, 2, 5 or 10'),
      rule("type(self.port) == string ? self.port.matches('^[a-z][a-z0-9-]*$') : self.port > 0", 'a port by number or by name'),
      rule('size(self.caBundle) > 0 && size(self.caBundle) <= 4096', 'a CA bundle of at most 4 KiB'),
      rule('!has(self.note) || size(self.note) <= 200', 'a short note'),
      rule('self.ports.isSorted() && self.ports.min() >= 1024 && self.ports.max() <= 65535', 'unprivileged ports in order'),
      rule('self.weights.sum() == 100 && self.weights.indexOf(0) == -1', 'weights that add up to 100, none of them 0'),
      rule("self.tags.lastIndexOf('main') <= 0 && self.tags.all(t, t.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'))", "tags of DNS labels, 'main' first"),
      rule("self.title.matches('^\\\\p{Lu}[\\\\p{L}\\\\p{N} ,.-]*$') && [['a', 'b'], ['c']].size() == 2", 'a title that starts with a capital letter'),
      rule("!has(self.extra) || !has(self.extra.owner) || self.extra.owner != ''", 'an owner, where one is named'),
    ],
    properties: {
      start: { type: 'string', format: 'date-time' },
      end: { type: 'string', format: 'date-time' },
      timeout: { type: 'string', format: 'duration' },
      caBundle: { type: 'string', format: 'byte', maxLength: 8192 },
      ratio: { type: 'number', minimum: 0 },
      weight: { type: 'integer', default: 1 },
      port: { 'x-kubernetes-int-or-string': true },
      mode: { type: 'string', enum: ['fast', 'safe'], default: 'safe' },
      note: { ...text(400), nullable: true },
      title: { type: 'string', maxLength: 64, pattern: '^[\\p{Latin}\\p{N} ,.-]+$' },
      ports: { type: 'array', maxItems: 8, items: { type: 'integer' } },
      weights: { type: 'array', maxItems: 8, items: { type: 'integer' } },
      tags: { type: 'array', maxItems: 8, items: text(32) },
      extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
  new ApiObject(cluster, 'window-crd', {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'windows.ops.jdoe.dev' },
    spec: {
      group: 'ops.jdoe.dev', scope: 'Namespaced', names: { kind: 'Window', plural: 'windows', singular: 'window', listKind: 'WindowList' },
      versions: [{
        name: 'v1', served: true, storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object', properties: { spec },
            'x-kubernetes-validations': [rule("self.metadata.name.startsWith('win-') && size(self.metadata.name) <= 40", "a window's name starts with win-")],
          },
        },
      }],
    },
  });
  // A notice embedding a ConfigMap whose schema declares apiVersion, kind and metadata itself: its rules read the labels.
  const str = { type: 'string' };
  opsCrd(cluster, 'Notice', {
    type: 'object', required: ['template'],
    properties: {
      template: {
        type: 'object', 'x-kubernetes-embedded-resource': true,
        'x-kubernetes-validations': [rule("self.kind == 'ConfigMap' && (!has(self.metadata.labels) || !('tier' in self.metadata.labels) || self.metadata.labels.tier in ['gold', 'silver', 'bronze'])", 'a ConfigMap of a known tier')],
        properties: {
          apiVersion: str, kind: str, data: { type: 'object', additionalProperties: text(256) },
          metadata: { type: 'object', properties: { name: str, generateName: str, labels: { type: 'object', additionalProperties: text(63) } } },
        },
      },
    },
  });
  cluster.namespaces.ensure('maintenance');
  new ApiObject(cluster, 'notice', {
    apiVersion: 'ops.jdoe.dev/v1', kind: 'Notice', metadata: { name: 'nightly-notice', namespace: 'maintenance' },
    spec: { template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notice', labels: { tier: 'gold' } }, data: { text: 'Patching tonight' } } },
  });
  new ApiObject(cluster, 'nightly', {
    apiVersion: 'ops.jdoe.dev/v1', kind: 'Window', metadata: { name: 'win-nightly', namespace: 'maintenance' },
    spec: {
      start: '2025-06-01T02:00:00Z', end: '2025-06-01T04:00:00Z', timeout: '45m', caBundle: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t', ratio: 0.25, weight: 5,
      port: 'https', mode: 'safe', title: 'Nightly patches, 2 nodes', ports: [8080, 8443], weights: [60, 40], tags: ['main', 'nightly'],
      extra: { owner: 'jdoe', retries: 3 },
    },
  });
}

/** CloudNativePG from a ClusterImageCatalog, its operator in a namespace of its own, a default deny admitting it by named ports, a Pooler on the replicas. */
function postgresLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'pg', '10.236.2', {
    preinstalled: [{ source: 'cloudnative-pg', namespaces: ['database-system'], crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'Pooler', 'ClusterImageCatalog'] }] }],
  });
  cluster.namespaces.ensure('db');
  const object = (name: string, kind: string, body: Record<string, unknown>, namespace: string | undefined = 'db') =>
    new ApiObject(cluster, `${kind.toLowerCase()}-${name}`, { apiVersion: 'postgresql.cnpg.io/v1', kind, metadata: { name, ...(namespace === undefined ? {} : { namespace }) }, ...body });
  object('postgresql', 'ClusterImageCatalog', { spec: { images: [{ major: 16, image: 'ghcr.io/cloudnative-pg/postgresql:16.6' }, { major: 17, image: 'ghcr.io/cloudnative-pg/postgresql:17.2' }] } }, undefined);
  object('pg', 'Cluster', {
    spec: {
      instances: 3, imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'postgresql', major: 17 }, enableSuperuserAccess: true,
      storage: { pvcTemplate: { storageClassName: 'local-path', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } },
      postgresql: { parameters: { max_connections: '150', shared_buffers: '256MB', 'pg_stat_statements.max': '10000', log_min_duration_statement: '1s', jit: 'off' } },
      bootstrap: { initdb: { database: 'shop', owner: 'shop' } },
    },
  });
  object('pg-replicas', 'Pooler', { spec: { cluster: { name: 'pg' }, instances: 2, type: 'ro', pgbouncer: { poolMode: 'session', parameters: { max_client_conn: '300', default_pool_size: '20' } } } });
  const policy = (name: string, spec: Record<string, unknown>) =>
    new ApiObject(cluster, `db-${name}`, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'db' }, spec });
  const instances = { matchLabels: { 'cnpg.io/cluster': 'pg', 'cnpg.io/podRole': 'instance' } };
  policy('default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
  policy('pg-from-operator', {
    podSelector: instances,
    ingress: [{
      from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['database-system'] }] } }],
      ports: [{ port: 'status' }, { port: 'postgresql' }],
    }],
  });
  policy('pg-from-itself', { podSelector: instances, ingress: [{ from: [{ podSelector: { matchLabels: { 'cnpg.io/cluster': 'pg' } } }], ports: [{ port: 'postgresql', protocol: 'TCP' }] }] });
  policy('pooler-from-shop', { podSelector: { matchLabels: { 'cnpg.io/poolerName': 'pg-replicas' } }, ingress: [{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'shop' } } }], ports: [{ port: 5432 }] }] });
  new HomelabApp(cluster, 'shop', {
    namespace: 'db', image: 'ghcr.io/jdoe/shop:2.4.1', ports: [{ name: 'http', port: 8080 }],
    env: {
      DB_HOST: 'pg-replicas', DB_PORT: '5432', DB_NAME: secret('db', 'pg-app', 'dbname'), DB_USER: secret('db', 'pg-app', 'username'), DB_PASSWORD: secret('db', 'pg-app', 'password'),
      DATABASE_WRITE_URL: secret('db', 'pg-app', 'fqdn-uri'), ADMIN_PASSWORD: secret('db', 'pg-superuser', 'password'),
    },
    route: { host: 'shop' },
  });
}

/** restartOnConfigChange on a StatefulSet and a DaemonSet; app-template's image volume and a sidecar's advancedMounts with a subPath. */
function reloadLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'reload', '10.236.3');
  configFile(cluster, 'home', 'mosquitto', 'mosquitto.conf', 'listener 1883\nallow_anonymous false\npassword_file /mosquitto/secrets/passwd\npersistence true\npersistence_location /mosquitto/data/\n');
  declareExternal(cluster, { secrets: [{ namespace: 'home', name: 'mosquitto' }], configMaps: [{ namespace: 'monitoring', name: 'exporter' }] });
  new HomelabApp(cluster, 'mosquitto', {
    namespace: 'home', image: 'eclipse-mosquitto:2.0.20', runAsUser: 1883, runAsGroup: 1883, controller: AppController.statefulSet(), ports: [{ name: 'mqtt', port: 1883 }],
    restartOnConfigChange: true,
    persistence: {
      data: { volume: claim('1Gi'), mountPath: '/mosquitto/data' },
      config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf', readOnly: true }] },
      secrets: { volume: AppVolume.secret('mosquitto'), mountPath: '/mosquitto/secrets', readOnly: true },
    },
  });
  new HomelabApp(cluster, 'node-exporter', {
    namespace: 'monitoring', image: 'quay.io/prometheus/node-exporter:v1.9.0', controller: AppController.daemonSet(), ports: [{ name: 'metrics', port: 9100 }],
    restartOnConfigChange: true, args: ['--web.config.file=/etc/exporter/web.yml'],
    persistence: { web: { volume: AppVolume.configMap('exporter'), mounts: [{ mountPath: '/etc/exporter/web.yml', subPath: 'web.yml', readOnly: true }] } },
    resources: { cpuRequest: '20m', memoryRequest: '32Mi', memoryLimit: '64Mi' },
  });
  // app-template's `type: image` volume of theme files, copied by an init container of that image; its nginx sidecar
  // reads the site's config from a subPath, as an advancedMounts entry of that container alone.
  const theme = 'ghcr.io/jdoe/homepage-theme:1.2.0';
  configFile(cluster, 'home', 'homepage-nginx', 'default.conf', 'server {\n  listen 8081;\n  root /themes;\n}\n');
  new HomelabApp(cluster, 'homepage', {
    namespace: 'home', image: 'ghcr.io/gethomepage/homepage:v1.2.0', runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 3000 }],
    env: { HOMEPAGE_ALLOWED_HOSTS: 'home.reload.jdoe.dev' }, restartOnConfigChange: true,
    initContainers: [{ name: 'theme', image: theme, command: ['cp', '-a', '/theme/.', '/themes'] }],
    sidecars: [{ name: 'nginx', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'themes', port: 8081 }] }],
    persistence: {
      config: { volume: claim('1Gi'), mountPath: '/app/config' },
      themes: { volume: AppVolume.emptyDir(), mountPath: '/themes', containers: ['theme', 'nginx'] },
      'nginx-config': { volume: AppVolume.configMap('homepage-nginx'), mounts: [{ mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'default.conf', readOnly: true }], containers: ['nginx'] },
    },
    route: { host: 'home' },
  });
}

/** Talos nodes with Cilium's L2 announcements on patterns that match the legacy and the predictable names alike. */
function talosLab(scope: Construct): void {
  const nodes = [1, 2, 3].map((i) => host(`tl-${i}`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.236.4.1${i}`, memoryGigabytes: 16, cores: 4 }));
  const lab = labSite('tl', '10.236.4', nodes);
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: nodes,
    preinstalled: [talos({ bootstrapNode: nodes[0], allowSchedulingOnControlPlanes: true, clusterEndpoint: '10.236.4.10' })],
    cni: cilium({ ...ciliumOnTalos(), gatewayApi: {} }), networkPolicy: 'cilium',
    loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.lb], interfaces: ['^eth[0-9]+$', '^en[a-z0-9]+$'] }),
    routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.lb.at('10.236.4.200') }),
    storage: { fast: localPathStorage() }, gitops: flux(),
  });
  declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new HomelabApp(cluster, 'whoami', { namespace: 'tools', image: 'traefik/whoami:v1.11.0', ports: [{ name: 'http', port: 8080 }], args: ['--port', '8080'], route: { host: 'whoami' } });
}

/** A snapshot of a ZFS claim before an upgrade, beside apps whose claims are on NFS and take none. */
function snapshotLab(scope: Construct): void {
  const node = host('vault-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.236.5.11', zfsPools: { fast: { media: 'nvme' } } });
  const lab = labSite('vault', '10.236.5', [node], { nfs: { nas: { server: '10.236.5.5', path: '/export/k8s' } } });
  const cluster = k3sCluster(scope, lab, { storage: { fast: node.zfs.fast, shared: nfsStorage(lab.nfs.nas) } });
  zfsSnapshotClass(cluster, { deletionPolicy: 'Delete' });
  declareExternal(cluster, { secrets: [{ namespace: 'paperless', name: 'paperless' }] });
  new HomelabApp(cluster, 'paperless', {
    namespace: 'paperless', image: 'ghcr.io/paperless-ngx/paperless-ngx:2.14.7', ports: [{ name: 'http', port: 8000 }],
    env: { PAPERLESS_URL: 'https://docs.vault.jdoe.dev', PAPERLESS_SECRET_KEY: secret('paperless', 'paperless', 'secret-key'), PAPERLESS_DBENGINE: 'sqlite', USERMAP_UID: '1000', USERMAP_GID: '1000' },
    exemptions: { runAsRoot: 'its entrypoint maps USERMAP_UID and drops to it', writableRootFilesystem: 'its entrypoint writes its runtime files under /run and /tmp',
      addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'its entrypoint chowns its folders and drops to the mapped user; its init signals the app to stop it' },
    },
    persistence: {
      data: { volume: claim('5Gi'), mountPath: '/usr/src/paperless/data' },
      media: { volume: claim('50Gi', 'shared'), mountPath: '/usr/src/paperless/media' },
      consume: { volume: claim('5Gi', 'shared'), mountPath: '/usr/src/paperless/consume' },
    },
    route: { host: 'docs' },
  });
  new ApiObject(cluster, 'paperless-data-snapshot', {
    apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'paperless-data-before-upgrade', namespace: 'paperless' },
    spec: { source: { persistentVolumeClaimName: 'paperless-data' } },
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['maintenance windows CRD lab', windowsLab, TRAEFIK],
  ['CloudNativePG behind a default deny lab', postgresLab, TRAEFIK],
  ['config restarts and app-template idioms lab', reloadLab, TRAEFIK],
  ['Talos L2 announcements lab', talosLab, 'cilium-ingress'],
  ['ZFS snapshot beside NFS lab', snapshotLab, TRAEFIK],
];

/** The findings a lab deserves, by its name. */
const DESERVED: Readonly<Record<string, readonly string[]>> = {};

describe('an eighteenth round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s', (name, define) => {
    expect(shownFindings(define)).toEqual(DESERVED[name] ?? []);
  });
});

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  test("patterns Go's regexp compiles pass as a CRD's pattern or a matches() constant; what it refuses still does not", () => {
    const accepted = ['^\\p{Greek}+$', '^[\\p{Latin}\\p{N} ,.-]+$', '^\\p{^Lu}', '^[\\x{41}-\\x{5A}]+$', 'a{,3}', '^{name}$', '[]a-z]+', '[^]]+'];
    expect(accepted.filter((pattern) => goPatternProblem(pattern) !== undefined)).toEqual([]);
    const refused = ['^\\p{Klingon}+$', '(?<=a)b', '(a', '\\C', '(a)\\1'];
    expect(refused.filter((pattern) => goPatternProblem(pattern) === undefined)).toEqual([]);
  });

  test('a translated Unicode script, code point or literal brace matches what Go matches', () => {
    const matcher = (pattern: string) => new RegExp(translateGoRegExp(pattern).source ?? '(?!)', 'u');
    expect(['αβγ', 'abc'].map((value) => matcher('^\\p{Greek}+$').test(value))).toEqual([true, false]);
    expect(['AB', 'ab'].map((value) => matcher('^\\p{^Ll}+$').test(value))).toEqual([true, false]);
    expect(['{name}', 'a{,3}', 'aaa'].map((value) => matcher('^{name}$|^a{,3}$').test(value))).toEqual([true, true, false]);
    expect([']', 'a', '-'].map((value) => matcher('^[]a]$').test(value))).toEqual([true, true, false]);
  });
});
