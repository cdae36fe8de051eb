import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppController, AppDevice, AppVolume, declareExternal, HomelabApp, host, MediaContainers, pinnedImage, rootInitExemption, SecretReference } from '../constructs';
import { transmissionWhitelistProblems } from '../constructs/app/transmission-whitelists';
import { vpnFirewallProblems } from '../constructs/app/vpn-firewall';
import { vpnOutboundProblems } from '../constructs/app/vpn-outbound';
import { type Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { appDatabase, configFile, k3sCluster, labSite, mariaDatabase, oneNodeLab, opsCrd } from './support/lab-sites';

// A seventeenth round of labs a user writes from the README alone, each meeting the checks added in the last releases in
// a correct but less common form: a CRD whose rules read fields inside has(), through .?, of a map and of an embedded
// object, with transition rules and message expressions, a resource embedding a ConfigMap whose metadata has labels,
// and an admission policy of variables and audit annotations; Immich on pgvecto.rs named by its full name, LibrePhotos' proxy beside its
// backend and frontend, PhotoPrism on SQLite; Forgejo's DB_TYPE by its own prefix, Gitea on MariaDB, Forgejo's runner
// given a runner file; Wiki.js on MariaDB with its password as a file, Outline's files moved onto a claim, a claim two
// apps share on the host both are placed on; wger's origins and its worker, Mealie signing in through Authentik, Actual
// serving HTTPS behind its route, Monica's FPM image beside nginx; gluetun told the cluster's ranges by a ConfigMap,
// forwarding a port through ProtonVPN's code, Transmission signing in from files; MongoDB 4.4 on a Pi 4 and 8.0 on the
// Pi 5, a small DaemonSet on every board, an arm64-only image placed by arch and one of both architectures, etcd on
// SSDs, TZ as a fixed offset; MediaContainers' host folders with blanks inside their names.
// Each synthesizes with only the findings it deserves, every cluster folder builds with kustomize, every probe and
// Service reaches a port its pod declares, and every NetworkPolicy lets in the ingress on routed ports.

const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);
const fromConfigMap = (configMapName: string, key: string) => ({ configMapName, key });
const web = [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }];
const linuxserver = { runAsRoot: 's6-overlay starts as root', addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'), writableRootFilesystem: 's6-overlay writes /run' };

/** CRD rules of has(), .?, a map, an embedded object, transitions and messages; an admission policy; a provider-kubernetes Object. */
function rulesLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'rules', '10.235.1');
  const text = { type: 'string', maxLength: 63 };
  opsCrd(cluster, 'Snapshot', {
    type: 'object', required: ['schedule', 'template'],
    'x-kubernetes-validations': [
      { rule: '!has(self.retention) || !has(self.retention.keep) || self.retention.keep >= 1', message: 'keep at least one snapshot' },
      { rule: 'self.?retention.keep.orValue(7) <= 90', messageExpression: "'keep at most 90 snapshots, not ' + string(self.retention.keep)" },
      { rule: "!has(self.labels) || !('tier' in self.labels) || self.labels.tier in ['gold', 'silver']", message: 'tier is gold or silver' },
      { rule: "self.template.kind == 'ConfigMap' && self.template.metadata.name.startsWith('snapshot-')", messageExpression: "'the template is a ' + self.template.kind + ' named ' + self.template.metadata.name" },
    ],
    properties: {
      schedule: { ...text, 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'the schedule is immutable' }] },
      retention: {
        type: 'object',
        properties: { keep: { type: 'integer', 'x-kubernetes-validations': [{ rule: '!oldSelf.hasValue() || self >= oldSelf.value()', optionalOldSelf: true, message: 'keep never shrinks' }] } },
      },
      labels: { type: 'object', maxProperties: 8, additionalProperties: text, 'x-kubernetes-validations': [{ rule: 'self.all(k, size(k) <= 63)', message: 'label names of 63 characters' }] },
      options: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { data: { type: 'object', additionalProperties: text } } },
    },
  });
  cluster.namespaces.ensure('backups');
  new ApiObject(cluster, 'nightly', {
    apiVersion: 'ops.jdoe.dev/v1', kind: 'Snapshot', metadata: { name: 'nightly', namespace: 'backups' },
    spec: {
      schedule: '0 3 * * *', retention: { keep: 14 }, labels: { tier: 'gold' }, options: { compress: true },
      template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'snapshot-nightly', labels: { 'app.kubernetes.io/part-of': 'backups' } }, data: { when: 'nightly' } },
    },
  });
  new ApiObject(cluster, 'replica-policy', {
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'replica-limit' },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments', 'statefulsets'] }] },
      matchConditions: [{ name: 'not-system', expression: "!request.namespace.startsWith('kube-')" }],
      variables: [
        { name: 'limit', expression: "has(object.metadata.labels) && object.metadata.?labels['tier'].orValue('') == 'gold' ? 5 : 2" },
        { name: 'replicas', expression: 'object.spec.?replicas.orValue(1)' },
      ],
      validations: [{
        expression: 'variables.replicas <= variables.limit', reason: 'Invalid',
        messageExpression: "'at most ' + string(variables.limit) + ' replicas, not ' + string(variables.replicas)",
      }],
      auditAnnotations: [{ key: 'high-replica-count', valueExpression: "variables.replicas > 1 ? 'replicas: ' + string(variables.replicas) : null" }],
    },
  });
  new ApiObject(cluster, 'replica-binding', {
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'replica-limit' },
    spec: { policyName: 'replica-limit', validationActions: ['Deny', 'Audit'], matchResources: { namespaceSelector: { matchLabels: { 'jdoe.dev/limits': 'on' } } } },
  });
}

/** Immich on pgvecto.rs by its full name, LibrePhotos' proxy before its backend and frontend, PhotoPrism on SQLite. */
function photosLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'pics', '10.235.2');
  declareExternal(cluster, { secrets: [{ namespace: 'immich', name: 'immich-db' }, { namespace: 'librephotos', name: 'librephotos-db' }, { namespace: 'photoprism', name: 'photoprism' }] });
  const immichDb = new HomelabApp(cluster, 'immich-db', {
    namespace: 'immich', image: 'tensorchord/pgvecto-rs:pg16-v0.2.1', controller: AppController.statefulSet(), runAsUser: 999, ports: [{ name: 'postgres', port: 5432 }],
    env: { POSTGRES_USER: 'immich', POSTGRES_DB: 'immich', POSTGRES_PASSWORD: secret('immich', 'immich-db', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
  });
  const valkey = new HomelabApp(cluster, 'immich-valkey', { namespace: 'immich', image: 'docker.io/valkey/valkey:8.1.3-alpine', ports: [{ name: 'redis', port: 6379 }] });
  const ml = new HomelabApp(cluster, 'immich-ml', {
    namespace: 'immich', image: 'ghcr.io/immich-app/immich-machine-learning:v1.132.3', ports: [{ name: 'http', port: 3003 }],
    persistence: { cache: { volume: claim('10Gi'), mountPath: '/cache' } },
  });
  new HomelabApp(cluster, 'immich', {
    namespace: 'immich', image: 'ghcr.io/immich-app/immich-server:v1.132.3', ports: [{ name: 'http', port: 2283 }],
    env: {
      DB_HOSTNAME: 'immich-db.immich.svc.cluster.local', DB_USERNAME: 'immich', DB_DATABASE_NAME: 'immich', DB_PASSWORD: secret('immich', 'immich-db', 'password'),
      DB_VECTOR_EXTENSION: 'pgvecto.rs', REDIS_HOSTNAME: 'immich-valkey', IMMICH_MACHINE_LEARNING_URL: 'http://immich-ml:3003', TZ: 'Etc/GMT-1',
    },
    persistence: { upload: { volume: claim('50Gi'), mountPath: '/usr/src/app/upload' } },
    egress: [immichDb, valkey, ml, ...web], route: { host: 'photos' },
  });
  const lpDb = appDatabase(cluster, 'librephotos-db', 'librephotos', 'librephotos');
  const backend = new HomelabApp(cluster, 'backend', {
    namespace: 'librephotos', image: 'reallibrephotos/librephotos:2024w45', ports: [{ name: 'http', port: 8001 }],
    env: {
      SECRET_KEY: secret('librephotos', 'librephotos-db', 'secret-key'), BACKEND_HOST: 'backend', DB_BACKEND: 'postgresql', DB_NAME: 'librephotos', DB_USER: 'librephotos',
      DB_PASS: secret('librephotos', 'librephotos-db', 'password'), DB_HOST: 'librephotos-db', DB_PORT: '5432', CSRF_TRUSTED_ORIGINS: 'https://gallery.pics.jdoe.dev',
    },
    exemptions: { runAsRoot: 'its entrypoint writes under /protected_media and /logs as root', writableRootFilesystem: 'it keeps its models and caches under /root' },
    persistence: {
      photos: { volume: claim('50Gi'), mountPath: '/data' }, media: { volume: claim('10Gi'), mountPath: '/protected_media' },
      logs: { volume: AppVolume.emptyDir(), mountPath: '/logs' }, cache: { volume: claim('5Gi'), mountPath: '/root/.cache' },
    },
    egress: [lpDb, ...web],
  });
  const frontend = new HomelabApp(cluster, 'frontend', { namespace: 'librephotos', image: 'reallibrephotos/librephotos-frontend:2024w45', ports: [{ name: 'http', port: 3000 }] });
  new HomelabApp(cluster, 'librephotos', {
    namespace: 'librephotos', image: 'reallibrephotos/librephotos-proxy:2024w45', ports: [{ name: 'http', port: 80 }],
    exemptions: { runAsRoot: 'nginx binds port 80 and switches to its worker user', writableRootFilesystem: 'nginx writes its pid and caches under /var' },
    persistence: { photos: { volume: claim('50Gi'), mountPath: '/data', readOnly: true } },
    egress: [backend, frontend], route: { host: 'gallery' },
  });
  new HomelabApp(cluster, 'photoprism', {
    namespace: 'photoprism', image: 'photoprism/photoprism:240915', runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 2342 }],
    env: {
      PHOTOPRISM_DATABASE_DRIVER: 'sqlite', PHOTOPRISM_ADMIN_USER: 'admin', PHOTOPRISM_ADMIN_PASSWORD: secret('photoprism', 'photoprism', 'admin-password'),
      PHOTOPRISM_SITE_URL: 'https://prism.pics.jdoe.dev/', PHOTOPRISM_DISABLE_TLS: 'true', TZ: 'America/Phoenix',
    },
    persistence: { originals: { volume: claim('50Gi'), mountPath: '/photoprism/originals' }, storage: { volume: claim('10Gi'), mountPath: '/photoprism/storage' } },
    route: { host: 'prism' },
  });
}

/** Forgejo's DB_TYPE by its own prefix, Gitea on MariaDB, Forgejo's runner given a runner file its init container writes. */
function forgeLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'forge', '10.235.3');
  declareExternal(cluster, { secrets: [{ namespace: 'forgejo', name: 'forgejo-db' }, { namespace: 'gitea', name: 'gitea-db' }, { namespace: 'ci', name: 'runner' }] });
  const forgejoDb = appDatabase(cluster, 'forgejo-db', 'forgejo', 'forgejo');
  new HomelabApp(cluster, 'forgejo', {
    namespace: 'forgejo', image: 'codeberg.org/forgejo/forgejo:10.0.3-rootless', runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 2222 }],
    env: {
      FORGEJO__database__DB_TYPE: 'postgres', FORGEJO__database__HOST: 'forgejo-db:5432', FORGEJO__database__NAME: 'forgejo', FORGEJO__database__USER: 'forgejo',
      FORGEJO__database__PASSWD: secret('forgejo', 'forgejo-db', 'password'), FORGEJO__server__ROOT_URL: 'https://git.forge.jdoe.dev/', FORGEJO__server__SSH_DOMAIN: 'git.forge.jdoe.dev',
    },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/gitea' }, config: { volume: claim('1Gi'), mountPath: '/etc/gitea' } },
    egress: [forgejoDb], route: { host: 'git' },
  });
  const mariadb = mariaDatabase(cluster, 'gitea-db', 'gitea', 'gitea', 'gitea');
  new HomelabApp(cluster, 'gitea', {
    namespace: 'gitea', image: 'docker.gitea.com/gitea:1.23.7-rootless', ports: [{ name: 'http', port: 3000 }],
    env: {
      GITEA__database__DB_TYPE: 'mysql', GITEA__database__HOST: 'gitea-db:3306', GITEA__database__NAME: 'gitea', GITEA__database__USER: 'gitea',
      GITEA__database__PASSWD: secret('gitea', 'gitea-db', 'password'), GITEA__server__ROOT_URL: 'https://gitea.forge.jdoe.dev/',
    },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/gitea' }, config: { volume: claim('1Gi'), mountPath: '/etc/gitea' } },
    egress: [mariadb], route: { host: 'gitea' },
  });
  const runnerImage = 'data.forgejo.org/forgejo/runner:6.3.1';
  new HomelabApp(cluster, 'runner', {
    namespace: 'ci', image: runnerImage, runAsUser: 1000, runAsGroup: 1000, command: ['forgejo-runner', 'daemon', '--config', '/etc/runner/config.yml'],
    initContainers: [{
      name: 'runner-file', image: runnerImage, env: { RUNNER_SECRET: secret('ci', 'runner', 'secret') }, mounts: [{ volume: 'data', mountPath: '/data' }],
      command: ['forgejo-runner', 'create-runner-file', '--instance', 'https://git.forge.jdoe.dev', '--secret', '$(RUNNER_SECRET)', '--name', 'lab-runner', '--connect'],
    }],
    persistence: {
      data: { volume: claim('1Gi'), mountPath: '/data' }, config: { volume: AppVolume.configMap('runner-config'), mountPath: '/etc/runner', readOnly: true },
    },
    // It registers with Gitea at its route, which this cluster's Traefik serves.
    egress: [...web, { namespace: 'traefik', podLabels: { 'app.kubernetes.io/name': 'traefik' } }],
  });
  configFile(cluster, 'ci', 'runner-config', 'config.yml', 'runner:\n  file: /data/.runner\n  capacity: 1\n  labels:\n    - "node:host"\n');
}

/** Wiki.js on MariaDB with its password as a file, Outline's files moved onto a claim, a claim two apps share on the host both are placed on. */
function wikiLab(scope: Construct): void {
  const n1 = host('wiki-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.235.4.11' });
  const n2 = host('wiki-2', { arch: 'amd64', roles: ['worker'], address: '10.235.4.12' });
  const lab = labSite('wiki', '10.235.4', [n1, n2]);
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, { secrets: [{ namespace: 'wikijs', name: 'wikijs-db' }, { namespace: 'outline', name: 'outline' }, { namespace: 'outline', name: 'outline-db' }] });
  const wikiDb = mariaDatabase(cluster, 'wikijs-db', 'wikijs', 'wiki', 'wikijs');
  new HomelabApp(cluster, 'wikijs', {
    namespace: 'wikijs', image: 'requarks/wiki:2.5.306', ports: [{ name: 'http', port: 3000 }],
    env: { DB_TYPE: 'mariadb', DB_HOST: 'wikijs-db', DB_PORT: '3306', DB_USER: 'wikijs', DB_PASS_FILE: '/run/secrets/wikijs/password', DB_NAME: 'wiki' },
    persistence: { db: { volume: AppVolume.secret('wikijs-db'), mountPath: '/run/secrets/wikijs', readOnly: true } },
    egress: [wikiDb], route: { host: 'wiki' },
  });
  const outlineDb = appDatabase(cluster, 'outline-db', 'outline', 'outline');
  const redis = new HomelabApp(cluster, 'outline-redis', { namespace: 'outline', image: 'redis:7.4.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }] });
  new HomelabApp(cluster, 'outline', {
    namespace: 'outline', image: 'docker.getoutline.com/outlinewiki/outline:0.83.0', runAsUser: 1001, ports: [{ name: 'http', port: 3000 }],
    env: {
      URL: 'https://docs.wiki.jdoe.dev', SECRET_KEY: secret('outline', 'outline', 'secret-key'), UTILS_SECRET: secret('outline', 'outline', 'utils-secret'),
      DATABASE_URL: secret('outline', 'outline-db', 'url'), PGSSLMODE: 'disable', REDIS_URL: 'redis://outline-redis:6379',
      FILE_STORAGE: 'local', FILE_STORAGE_LOCAL_ROOT_DIR: '/data/outline/',
    },
    persistence: { files: { volume: claim('10Gi'), mountPath: '/data' } },
    egress: [outlineDb, redis], route: { host: 'docs' },
  });
  // A static site and the job that rebuilds it share one ReadWriteOnce claim; both are placed on the first node.
  const site = claim('2Gi');
  new HomelabApp(cluster, 'handbook', {
    namespace: 'handbook', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }],
    persistence: { site: { volume: site, mountPath: '/usr/share/nginx/html', readOnly: true } }, placement: { host: n1 }, route: { host: 'handbook' },
  });
  new HomelabApp(cluster, 'handbook-build', {
    namespace: 'handbook', image: 'squidfunk/mkdocs-material:9.5.49', runAsUser: 1000, command: ['sh', '-c', 'git clone --depth 1 https://github.com/jdoe/handbook /tmp/src && mkdocs build -f /tmp/src/mkdocs.yml -d /site'],
    controller: AppController.cronJob({ schedule: '15 * * * *', timeZone: 'Europe/Madrid' }),
    persistence: { site: { volume: site, mountPath: '/site' } }, placement: { host: n1 }, egress: web,
  });
}

/** wger's origins and its worker, Mealie signing in through Authentik, Actual serving HTTPS behind its route, Monica's FPM image beside nginx. */
function householdLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'house', '10.235.5');
  declareExternal(cluster, {
    secrets: [['wger', 'wger'], ['wger', 'wger-db'], ['mealie', 'mealie'], ['mealie', 'mealie-db'], ['actual', 'actual-tls'], ['monica', 'monica'], ['monica', 'monica-db']].map(([namespace, name]) => ({ namespace, name })),
  });
  const wgerDb = appDatabase(cluster, 'wger-db', 'wger', 'wger');
  const wgerRedis = new HomelabApp(cluster, 'wger-redis', { namespace: 'wger', image: 'redis:7.4.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }] });
  const wgerEnv = {
    SITE_URL: 'https://fit.house.jdoe.dev', CSRF_TRUSTED_ORIGINS: 'https://fit.house.jdoe.dev, http://10.235.5.11:8000', SECRET_KEY: secret('wger', 'wger', 'secret-key'),
    DJANGO_DB_ENGINE: 'django.db.backends.postgresql', DJANGO_DB_DATABASE: 'wger', DJANGO_DB_USER: 'wger', DJANGO_DB_PASSWORD: secret('wger', 'wger-db', 'password'),
    DJANGO_DB_HOST: 'wger-db', DJANGO_DB_PORT: '5432', DJANGO_CACHE_LOCATION: 'redis://wger-redis:6379/1', USE_CELERY: 'True',
    CELERY_BROKER: 'redis://wger-redis:6379/2', CELERY_BACKEND: 'redis://wger-redis:6379/2', TIME_ZONE: 'Europe/Madrid', TZ: 'Europe/Madrid',
  };
  const wgerMedia = claim('5Gi');
  new HomelabApp(cluster, 'wger', {
    namespace: 'wger', image: 'docker.io/wger/server:2.3', ports: [{ name: 'http', port: 8000 }], env: wgerEnv,
    persistence: { media: { volume: wgerMedia, mountPath: '/home/wger/media' }, static: { volume: AppVolume.emptyDir(), mountPath: '/home/wger/static' } },
    egress: [wgerDb, wgerRedis, ...web], route: { host: 'fit' },
  });
  new HomelabApp(cluster, 'wger-worker', {
    namespace: 'wger', image: 'docker.io/wger/server:2.3', command: ['/start-worker'], env: wgerEnv,
    persistence: { media: { volume: wgerMedia, mountPath: '/home/wger/media' } },
    egress: [wgerDb, wgerRedis, ...web],
  });
  const mealieDb = appDatabase(cluster, 'mealie-db', 'mealie', 'mealie');
  new HomelabApp(cluster, 'mealie', {
    namespace: 'mealie', image: 'ghcr.io/mealie-recipes/mealie:v2.6.0', ports: [{ name: 'http', port: 9000 }],
    env: {
      BASE_URL: 'https://food.house.jdoe.dev', DB_ENGINE: 'postgres', POSTGRES_USER: 'mealie', POSTGRES_PASSWORD: secret('mealie', 'mealie-db', 'password'),
      POSTGRES_SERVER: 'mealie-db', POSTGRES_PORT: '5432', POSTGRES_DB: 'mealie', TZ: 'Etc/GMT+7',
      OIDC_AUTH_ENABLED: 'true', OIDC_CONFIGURATION_URL: 'https://auth.jdoe.dev/application/o/mealie/.well-known/openid-configuration',
      OIDC_CLIENT_ID: 'mealie', OIDC_CLIENT_SECRET: secret('mealie', 'mealie', 'oidc-client-secret'), OIDC_PROVIDER_NAME: 'Authentik',
    },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/app/data' } },
    egress: [mealieDb, ...web], route: { host: 'food' },
  });
  new HomelabApp(cluster, 'actual', {
    namespace: 'actual', image: 'ghcr.io/actualbudget/actual:25.3.1-alpine', ports: [{ name: 'https', port: 5006, appProtocol: 'https' }],
    env: { ACTUAL_HTTPS_KEY: '/certs/tls.key', ACTUAL_HTTPS_CERT: '/certs/tls.crt' },
    persistence: { data: { volume: claim('2Gi'), mountPath: '/data' }, certs: { volume: AppVolume.secret('actual-tls'), mountPath: '/certs', readOnly: true } },
    exemptions: { unverifiedBackendTls: "Actual's server signs with the lab's own certificate" },
    route: { host: 'budget' },
  });
  const monicaDb = mariaDatabase(cluster, 'monica-db', 'monica', 'monica', 'monica');
  configFile(cluster, 'monica', 'monica-nginx', 'default.conf', [
    'server {', '  listen 8080;', '  root /var/www/html/public;', '  index index.php;', '  location / { try_files $uri $uri/ /index.php?$query_string; }',
    '  location ~ \\.php$ { include fastcgi_params; fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name; fastcgi_pass 127.0.0.1:9000; }', '}', '',
  ].join('\n'));
  new HomelabApp(cluster, 'monica', {
    namespace: 'monica', image: 'monica:4.1.2-fpm-alpine', ports: [{ name: 'php-fpm', port: 9000 }],
    env: {
      APP_KEY: secret('monica', 'monica', 'app-key'), APP_URL: 'https://people.house.jdoe.dev', APP_ENV: 'production', APP_TRUSTED_PROXIES: '*',
      DB_HOST: 'monica-db', DB_DATABASE: 'monica', DB_USERNAME: 'monica', DB_PASSWORD: secret('monica', 'monica-db', 'password'),
    },
    exemptions: {
      runAsRoot: 'its entrypoint prepares its storage as root, then PHP-FPM runs its workers as www-data', addCapabilities: rootInitExemption('supervisor', 'PHP-FPM runs its workers as www-data'),
      writableRootFilesystem: 'the entrypoint writes its cache under /var/www/html/bootstrap',
    },
    sidecars: [{ name: 'nginx', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }] }],
    persistence: {
      html: { volume: AppVolume.emptyDir(), mountPath: '/var/www/html', containers: ['monica', 'nginx'] }, storage: { volume: claim('5Gi'), mountPath: '/var/www/html/storage' },
      nginx: { volume: AppVolume.configMap('monica-nginx'), mountPath: '/etc/nginx/conf.d', readOnly: true, containers: ['nginx'] },
    },
    egress: [monicaDb], route: { host: 'people', port: 8080 },
  });
}

/** Gluetun told the cluster's ranges by a ConfigMap, forwarding a port through ProtonVPN's code; Transmission signing in from files. */
function vpnLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'dl', '10.235.6');
  declareExternal(cluster, { secrets: [{ namespace: 'downloads', name: 'vpn' }, { namespace: 'downloads', name: 'transmission' }] });
  configFile(cluster, 'downloads', 'vpn-settings', 'outbound-subnets', '10.42.0.0/16,10.43.0.0/16,10.235.6.0/24');
  const sonarr = new HomelabApp(cluster, 'sonarr', {
    namespace: 'downloads', image: 'lscr.io/linuxserver/sonarr:4.0.14', ports: [{ name: 'http', port: 8989 }], env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Madrid' },
    persistence: { config: { volume: claim('2Gi'), mountPath: '/config' } }, exemptions: linuxserver, route: { host: 'sonarr' },
  });
  const vpnEnv = {
    VPN_SERVICE_PROVIDER: 'custom', VPN_TYPE: 'wireguard', VPN_PORT_FORWARDING: 'on', VPN_PORT_FORWARDING_PROVIDER: 'protonvpn',
    WIREGUARD_PRIVATE_KEY: secret('downloads', 'vpn', 'wireguard-key'), WIREGUARD_PUBLIC_KEY: secret('downloads', 'vpn', 'wireguard-public-key'),
    WIREGUARD_ADDRESSES: '10.2.0.2/32', VPN_ENDPOINT_IP: '185.159.157.10', VPN_ENDPOINT_PORT: '51820',
    FIREWALL_OUTBOUND_SUBNETS: fromConfigMap('vpn-settings', 'outbound-subnets'), FIREWALL_INPUT_PORTS: '8080',
  };
  new HomelabApp(cluster, 'qbittorrent', {
    namespace: 'downloads', image: 'ghcr.io/linuxserver/qbittorrent:5.0.4', ports: [{ name: 'http', port: 8080 }], env: { PUID: '1000', PGID: '1000', WEBUI_PORT: '8080' },
    persistence: {
      config: { volume: claim('1Gi'), mountPath: '/config' }, gluetun: { volume: AppVolume.emptyDir(), mountPath: '/gluetun', containers: ['gluetun'] },
    },
    sidecars: [{
      name: 'gluetun', image: 'qmcgaw/gluetun:v3.40.0', env: vpnEnv,
      exemptions: { runAsRoot: 'gluetun sets up routes and its firewall', addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the WireGuard tunnel' } },
    }],
    devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })],
    exemptions: { ...linuxserver, hostPath: 'gluetun opens /dev/net/tun' },
    egress: [sonarr, { cidr: '185.159.157.10/32', ports: [{ port: 51820, protocol: 'UDP' }] }], allowFrom: [sonarr], route: { host: 'torrent' },
  });
  new HomelabApp(cluster, 'transmission', {
    namespace: 'downloads', image: 'lscr.io/linuxserver/transmission:4.0.6', ports: [{ name: 'http', port: 9091 }],
    env: {
      PUID: '1000', PGID: '1000', TZ: 'Europe/Madrid', HOST_WHITELIST: 'nas.lan', WHITELIST: '127.0.0.1,192.168.1.*,10.42.*.*',
      FILE__USER: '/run/secrets/transmission/user', FILE__PASS: '/run/secrets/transmission/pass',
    },
    persistence: {
      config: { volume: claim('1Gi'), mountPath: '/config' },
      login: { volume: AppVolume.secret('transmission'), mountPath: '/run/secrets/transmission', readOnly: true },
    },
    exemptions: linuxserver, route: { host: 'transmission' }, allowFrom: [sonarr],
  });
}

/** MongoDB 4.4 on a Pi 4 and 8.0 on the Pi 5, a small DaemonSet on every board, an arm64-only image placed by arch, etcd on SSDs. */
function piLab(scope: Construct): void {
  const ssd = { disks: [{ media: 'ssd' as const, sizeGigabytes: 256 }] };
  const pi5 = host('pi5', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '10.235.7.11', cores: 4, memoryGigabytes: 8, model: 'Raspberry Pi 5', ...ssd });
  const pi4 = host('pi4', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '10.235.7.12', cores: 4, memoryGigabytes: 4, model: 'Raspberry Pi 4 Model B', ...ssd });
  const pi4b = host('pi4b', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '10.235.7.13', cores: 4, memoryGigabytes: 2, model: 'Raspberry Pi 4 Model B', ...ssd });
  const nuc = host('nuc', { arch: 'amd64', roles: ['worker'], address: '10.235.7.20', cores: 4, memoryGigabytes: 16 });
  const lab = labSite('pis', '10.235.7', [pi5, pi4, pi4b, nuc]);
  const cluster = k3sCluster(scope, lab);
  new HomelabApp(cluster, 'unifi-db', {
    namespace: 'unifi', image: 'mongo:4.4.18', runAsUser: 999, controller: AppController.statefulSet(), ports: [{ name: 'mongo', port: 27017 }],
    persistence: { data: { volume: claim('5Gi'), mountPath: '/data/db' } }, placement: { host: pi4 },
  });
  new HomelabApp(cluster, 'notes-db', {
    namespace: 'notes', image: 'mongodb/mongodb-community-server:8.0.4-ubuntu2204', runAsUser: 999, controller: AppController.statefulSet(), ports: [{ name: 'mongo', port: 27017 }],
    persistence: { data: { volume: claim('5Gi'), mountPath: '/data/db' } }, placement: { host: pi5 },
  });
  new HomelabApp(cluster, 'node-exporter', {
    namespace: 'monitoring', image: 'quay.io/prometheus/node-exporter:v1.9.0', ports: [{ name: 'metrics', port: 9100 }], controller: AppController.daemonSet(),
    resources: { cpuRequest: '20m', memoryRequest: '32Mi', memoryLimit: '64Mi' },
  });
  new HomelabApp(cluster, 'fan-control', {
    namespace: 'monitoring', image: pinnedImage('ghcr.io/jdoe/pi-fan:1.4.0', ['arm64']), ports: [{ name: 'metrics', port: 9200 }], controller: AppController.daemonSet(),
    placement: { arch: 'arm64' }, resources: { memoryRequest: '16Mi', memoryLimit: '32Mi' }, env: { TZ: 'Etc/UTC' },
  });
  new HomelabApp(cluster, 'speedtest', {
    namespace: 'monitoring', image: pinnedImage('ghcr.io/jdoe/speedtest-exporter:2.1.0', ['arm64', 'amd64']), ports: [{ name: 'metrics', port: 9798 }], egress: web,
  });
}

/** MediaContainers whose host folders have blanks inside their names, in Arizona's zone, which keeps one offset all year. */
function mediaLab(scope: Construct): void {
  const node = host('den-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.235.8.11' });
  const cluster = k3sCluster(scope, labSite('den', '10.235.8', [node]));
  const media = new MediaContainers(cluster, 'media', {
    settings: { puid: 1000, pgid: 1000, tz: 'America/Phoenix', configDir: '/srv/App Data', dataDir: '/mnt/Media Library', storageDir: '/mnt/Media Library/storage' }, exposure: 'ingress',
    containers: {
      sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.14.2939-ls281', host: node, listenPort: 8989, mediaVolumes: true, route: 'shows' },
      sabnzbd: { image: 'lscr.io/linuxserver/sabnzbd:4.5.1-ls213', host: node, listenPort: 8080, mediaVolumes: true, route: 'nzb' },
    },
  });
  media.apps.sabnzbd.addAllowFrom(media.apps.sonarr);
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['CRD rules and policies lab', rulesLab, TRAEFIK],
  ['photo libraries lab', photosLab, TRAEFIK],
  ['git forges lab', forgeLab, TRAEFIK],
  ['wikis lab', wikiLab, TRAEFIK],
  ['household lab', householdLab, TRAEFIK],
  ['VPN downloads lab', vpnLab, TRAEFIK],
  ['Raspberry Pi lab', piLab, TRAEFIK],
  ['media folders lab', mediaLab, TRAEFIK],
];

/** The findings a lab deserves, by its name. */
const DESERVED: Readonly<Record<string, readonly string[]>> = {};

describe('a seventeenth round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s', (name, define) => {
    expect(shownFindings(define)).toEqual(DESERVED[name] ?? []);
  });
});

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  const ranges = [{ cidr: '10.42.0.0/16', label: "K3s' pod range", what: 'pod range' }, { cidr: '10.43.0.0/16', label: "K3s' Service range", what: 'Service range' }];
  const gluetun = (env: Record<string, string>, referenced: string[]) => ({
    name: 'gluetun', image: 'qmcgaw/gluetun:v3.40.0', env: new Map(Object.entries(env)), referenced: new Set(referenced), ports: [], field: (prop: string) => `sidecars[0].${prop}`,
  });
  const app = { name: 'app', image: 'lscr.io/linuxserver/qbittorrent:5.0.4', env: new Map<string, string>(), ports: [{ name: 'http', port: 8080 }], field: (prop: string) => prop };

  test("gluetun's FIREWALL_OUTBOUND_SUBNETS and FIREWALL_INPUT_PORTS from a ConfigMap pass; left out they still are errors", () => {
    expect(vpnOutboundProblems([gluetun({}, ['FIREWALL_OUTBOUND_SUBNETS'])], ['sonarr'], ranges, false)).toEqual([]);
    expect(vpnOutboundProblems([gluetun({}, [])], ['sonarr'], ranges, false).map((p) => p.field)).toEqual(['sidecars[0].env']);
    expect(vpnFirewallProblems([gluetun({}, ['FIREWALL_INPUT_PORTS']), app])).toEqual([]);
    expect(vpnFirewallProblems([gluetun({}, []), app]).map((p) => p.field)).toEqual(['sidecars[0].env']);
  });

  test("Transmission signing in by linuxserver.io's FILE__USER and FILE__PASS passes its HOST_WHITELIST; a password file alone does not", () => {
    const transmission = (env: Record<string, string>) => transmissionWhitelistProblems({
      image: 'lscr.io/linuxserver/transmission:4.0.6', env: { HOST_WHITELIST: 'nas.lan', ...env }, routedHosts: ['transmission.dl.jdoe.dev'], calledFromPods: true, podRanges: ['10.42.0.0/16'],
    }).map((p) => p.field);
    expect(transmission({ FILE__USER: '/run/secrets/t/user', FILE__PASS: '/run/secrets/t/pass' })).toEqual([]);
    expect(transmission({ FILE__PASS: '/run/secrets/t/pass' })).toEqual(['env.HOST_WHITELIST']);
  });
});
