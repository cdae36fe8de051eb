import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  acmeIssuer, AppController, AppVolume, ChartRelease, cilium, ciliumOnTalos, ClusterChart, ClusterIssuer, declareExternal, flux, HomelabApp, host, http01Ingress, k3s, localPathStorage,
  metalLb, rootInitExemption, SecretReference, servesPorts, site, talos, traefik,
} from '../constructs';
import type { SynthesizedObject } from '../constructs/synth/collect';
import { indexOf } from '../constructs/validation/object-index';
import { interpolatedVariable } from '../constructs/validation/psql-command-variables';
import { namedRuleVerbProblems } from '../constructs/validation/rbac-rules';
import { writesSecret } from '../constructs/validation/secret-values';
import { trustBundleConfigMaps } from '../constructs/validation/trust-bundles';
import { keda } from './bad-input/cases-new-user-121';
import { LAB_ROOT } from './support/lab-ca-lab';
import type { Peer } from './support/lab-output';
import { describeDeservedFindings, describeOutputRuns } from './support/lab-runs';
import { configFile, denyIngress, kubectlPod, mariaDatabase, oneNodeLab, opsCrd } from './support/lab-sites';

// A twenty-first round of labs a user writes from the README alone, each meeting the checks added in the last releases
// in a correct but less common form: one PostgreSQL, MariaDB and Valkey shared by many apps (a Valkey of 32
// databases, two apps of one stack on one number, dashed names quoted in init scripts and in psql -c, psql variables
// read from standard input, a PostgreSQL host of localhost served by a PgBouncer sidecar); mail through a relay that
// takes two sender domains and by each app straight to the provider in the TLS mode of its port; family tenants whose
// quotas and LimitRanges hold their claims at the bound, a backup job allowed to exec into one named pod, a
// ClusterRole on namespaces bound in each member's namespace; a private CA whose trust-manager Bundle also writes a
// Java truststore, step-ca as the ACME server of an issuer; autoscaled apps on Talos, and on K3s by the owner's own
// metrics-server release; CRD rules that guard int(), quantity() and format(), and times written with their
// microseconds. Each synthesizes with only the findings it deserves, every cluster folder builds with kustomize,
// every probe and Service reaches a port its pod declares, and every NetworkPolicy lets in the ingress on routed
// ports.

const RBAC = 'rbac.authorization.k8s.io/v1';
const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);

/** A hand-written object of the lab. */
function object(scope: Construct, id: string, manifest: Record<string, unknown>): ApiObject {
  return new ApiObject(scope, id, manifest as ConstructorParameters<typeof ApiObject>[2]);
}

/** An init script of PostgreSQL's image: a role and a database for each app, dashed names quoted, passwords through psql's variables on standard input. */
const POSTGRES_INIT = [
  '#!/bin/sh', 'set -e',
  'psql -v ON_ERROR_STOP=1 -v paperless="$PAPERLESS_PASSWORD" -v wiki="$WIKI_PASSWORD" --username "$POSTGRES_USER" <<-EOSQL',
  "  CREATE ROLE paperless LOGIN PASSWORD :'paperless';",
  '  CREATE DATABASE "paperless-ngx" OWNER paperless;',
  "  CREATE ROLE wikijs LOGIN PASSWORD :'wiki';",
  '  CREATE DATABASE "wiki-js" OWNER wikijs;',
  '  GRANT ALL PRIVILEGES ON DATABASE "wiki-js" TO wikijs;',
  'EOSQL', '',
].join('\n');

/** MariaDB's init SQL for BookStack, the dashed database quoted in MariaDB's way. */
const MARIADB_INIT = 'CREATE DATABASE IF NOT EXISTS `book-stack`;\nGRANT ALL PRIVILEGES ON `book-stack`.* TO \'bookstack\'@\'%\';\n';

/**
 * One PostgreSQL, one MariaDB and one Valkey for many apps: init scripts with quoted dashed names, a setup Job whose
 * psql reads its variables from standard input and quotes its -c names, a Valkey of 32 databases with apps on numbers
 * past 16, a web app and its worker on one number, and an app reaching PostgreSQL through a PgBouncer sidecar on localhost.
 */
function sharedDatabasesLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'shared', '10.239.1');
  declareExternal(cluster, { secrets: [{ namespace: 'databases', name: 'postgres-admin' }, { namespace: 'databases', name: 'app-passwords' }] });
  configFile(cluster, 'databases', 'postgres-initdb', '01-apps.sh', POSTGRES_INIT);
  const postgres = new HomelabApp(cluster, 'postgres', {
    namespace: 'databases', image: 'postgres:17.2-alpine', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 70, controller: AppController.statefulSet(),
    env: {
      POSTGRES_USER: 'postgres', POSTGRES_PASSWORD: secret('databases', 'postgres-admin', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata',
      PAPERLESS_PASSWORD: secret('databases', 'app-passwords', 'paperless'), WIKI_PASSWORD: secret('databases', 'app-passwords', 'wiki'),
    },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/lib/postgresql/data' },
      initdb: { volume: AppVolume.configMap('postgres-initdb'), mountPath: '/docker-entrypoint-initdb.d', readOnly: true },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
    allowFrom: ['paperless', 'wiki', 'miniflux'].map((namespace) => ({ namespace })),
  });
  // A role added later by a Job: the SQL on psql's standard input, where it fills in its variables; a name quoted in -c.
  new HomelabApp(cluster, 'miniflux-db-setup', {
    namespace: 'databases', image: 'postgres:17.2-alpine', runAsUser: 70, controller: AppController.job({ backoffLimit: 3 }), egress: [postgres],
    command: ['sh', '-c', [
      'echo "CREATE ROLE miniflux LOGIN PASSWORD :\'pw\';" | psql -v ON_ERROR_STOP=1 -h postgres -U postgres -v pw="$MINIFLUX_PASSWORD"',
      'psql -v ON_ERROR_STOP=1 -h postgres -U postgres -c \'CREATE DATABASE "miniflux-data" OWNER miniflux\'',
    ].join(' && ')],
    env: { PGPASSWORD: secret('databases', 'postgres-admin', 'password'), MINIFLUX_PASSWORD: secret('databases', 'app-passwords', 'miniflux') },
  });
  // The owner's own app seeded with a JSON setting by psql -c: the colon and quotes inside the SQL literal are data.
  new HomelabApp(cluster, 'budget-db-seed', {
    namespace: 'databases', image: 'postgres:17.2-alpine', runAsUser: 70, controller: AppController.job({ backoffLimit: 3 }), egress: [postgres],
    command: ['psql', '-v', 'ON_ERROR_STOP=1', '-h', 'postgres', '-U', 'postgres', '-d', 'budget', '-c',
      'INSERT INTO settings (name, value) VALUES (\'ui\', \'{"theme":"dark","currency":"EUR"}\') ON CONFLICT (name) DO NOTHING'],
    env: { PGPASSWORD: secret('databases', 'postgres-admin', 'password') },
  });
  configFile(cluster, 'databases', 'mariadb-initdb', '01-bookstack.sql', MARIADB_INIT);
  const mariadb = mariaDatabase(cluster, 'mariadb', 'databases', 'nextcloud', 'nextcloud');
  mariadb.addVolume('initdb', AppVolume.configMap('mariadb-initdb'), { mountPath: '/docker-entrypoint-initdb.d', readOnly: true });
  // Wiki.js' password set again from its Secret by the shell, inside the SQL's quotes of a double-quoted psql -c.
  new HomelabApp(cluster, 'rotate-wiki-password', {
    namespace: 'databases', image: 'postgres:17.2-alpine', runAsUser: 70, controller: AppController.job({ backoffLimit: 3 }), egress: [postgres],
    command: ['sh', '-c', 'psql -v ON_ERROR_STOP=1 -h postgres -U postgres -c "ALTER ROLE wikijs PASSWORD \'$WIKI_PASSWORD\'"'],
    env: { PGPASSWORD: secret('databases', 'postgres-admin', 'password'), WIKI_PASSWORD: secret('databases', 'app-passwords', 'wiki') },
  });
  // Valkey of 32 databases for apps of several namespaces.
  new HomelabApp(cluster, 'valkey', {
    namespace: 'databases', image: 'valkey/valkey:8.0.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }], args: ['--databases', '32', '--save', ''],
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
    allowFrom: ['paperless', 'wiki', 'miniflux', 'searxng'].map((namespace) => ({ namespace })),
  });
  const paperless = {
    image: 'ghcr.io/paperless-ngx/paperless-ngx:2.14.7',
    env: {
      PAPERLESS_DBHOST: 'postgres.databases', PAPERLESS_DBNAME: 'paperless-ngx', PAPERLESS_DBUSER: 'paperless', PAPERLESS_DBPASS: secret('paperless', 'paperless-db', 'password'),
      PAPERLESS_REDIS: 'redis://valkey.databases.svc.cluster.local:6379/20', PAPERLESS_URL: 'https://docs.shared.jdoe.dev',
    },
    exemptions: {
      runAsRoot: 's6-overlay starts as root and drops to paperless',
      addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'its entrypoint takes ownership of its folders and drops to its user' },
      writableRootFilesystem: 's6-overlay writes its service tree under /run',
    },
  };
  new HomelabApp(cluster, 'paperless', {
    namespace: 'paperless', ...paperless, ports: [{ name: 'http', port: 8000 }], route: { host: 'docs' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/usr/src/paperless/data' } },
  });
  // The same stack's second process on the same database number, as one keyspace on purpose.
  new HomelabApp(cluster, 'paperless-consumer', { namespace: 'paperless', ...paperless, command: ['/usr/local/bin/paperless_consumer'] });
  new HomelabApp(cluster, 'wiki', {
    namespace: 'wiki', image: 'ghcr.io/requarks/wiki:2.5.306', runAsUser: 1000, ports: [{ name: 'http', port: 3000 }], route: { host: 'wiki' },
    env: { DB_TYPE: 'postgres', DB_HOST: 'postgres.databases', DB_PORT: '5432', DB_USER: 'wikijs', DB_NAME: 'wiki-js', DB_PASS: secret('wiki', 'wiki-db', 'password') },
  });
  new HomelabApp(cluster, 'searxng', {
    namespace: 'searxng', image: 'searxng/searxng:2025.2.12-ab1e895cc', ports: [{ name: 'http', port: 8080 }], route: { host: 'search' }, runAsUser: 977, runAsGroup: 977,
    env: { SEARXNG_REDIS_URL: 'valkey://valkey.databases:6379/31', SEARXNG_BASE_URL: 'https://search.shared.jdoe.dev/' },
    persistence: { settings: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/etc/searxng' } },
  });
  // Miniflux through a PgBouncer sidecar on its own loopback, PGHOST naming no port (libpq's 5432, which the sidecar declares).
  new HomelabApp(cluster, 'miniflux', {
    namespace: 'miniflux', image: 'miniflux/miniflux:2.2.5', ports: [{ name: 'http', port: 8080 }], route: { host: 'rss' }, runAsUser: 65534, egress: [postgres],
    env: { PGHOST: 'localhost', PGUSER: 'miniflux', PGDATABASE: 'miniflux-data', PGPASSWORD: secret('miniflux', 'miniflux-db', 'password'), DATABASE_URL: '', RUN_MIGRATIONS: '1' },
    sidecars: [{
      name: 'pgbouncer', image: 'edoburu/pgbouncer:v1.23.1-p3', ports: [{ name: 'pgbouncer', port: 5432 }],
      env: { DB_HOST: 'postgres.databases', DB_USER: 'miniflux', DB_PASSWORD: secret('miniflux', 'miniflux-db', 'password'), AUTH_TYPE: 'scram-sha-256', LISTEN_ADDR: '127.0.0.1' },
    }],
  });
}

/** Egress to the mail provider on `port`. */
const toProvider = (port: number) => [{ cidr: '0.0.0.0/0', ports: [{ port }] }];

/** A rootless Gitea or Forgejo `id` at route `host`, mailing the provider itself by `GITEA__mailer__` in `protocol` on `port`. */
function forge(cluster: ClusterChart, id: string, image: string, host: string, protocol: string, port: number): void {
  new HomelabApp(cluster, id, {
    image, ports: [{ name: 'http', port: 3000 }], route: { host }, egress: toProvider(port),
    env: {
      GITEA__mailer__ENABLED: 'true', GITEA__mailer__PROTOCOL: protocol, GITEA__mailer__SMTP_ADDR: 'smtp.fastmail.com', GITEA__mailer__SMTP_PORT: String(port),
      GITEA__mailer__USER: 'me@jdoe.dev', GITEA__mailer__PASSWD: secret(id, 'smtp', 'password'), GITEA__mailer__FROM: `${id} <${host}@jdoe.dev>`,
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/gitea' }, config: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/etc/gitea' } },
  });
}

/**
 * A relay that takes the lab's two sender domains and relays by STARTTLS on 587, its DKIM keys on a claim above their
 * folder; Vaultwarden and Grafana through it, each sending as one of the domains; Paperless, Gitea and Nextcloud straight
 * to the provider on 465 in each one's words for TLS at once.
 */
function mailLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'mail', '10.239.2');
  new HomelabApp(cluster, 'postfix', {
    namespace: 'mail', image: 'boky/postfix:v4.4.0', ports: [{ name: 'smtp', port: 587 }],
    env: {
      RELAYHOST: '[smtp.fastmail.com]:587', RELAYHOST_USERNAME: 'me@jdoe.dev', RELAYHOST_PASSWORD: secret('mail', 'relay', 'password'),
      ALLOWED_SENDER_DOMAINS: 'jdoe.dev doe-family.net', DKIM_AUTOGENERATE: '1',
    },
    persistence: { opendkim: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/etc/opendkim' } },
    allowFrom: ['vaultwarden', 'monitoring'].map((namespace) => ({ namespace })), egress: toProvider(587),
    exemptions: {
      runAsRoot: "Postfix's master is root by design", addCapabilities: rootInitExemption('supervisor', "Postfix's master runs its daemons as postfix"),
      writableRootFilesystem: 'its start scripts write /etc/postfix',
    },
  });
  const toRelay = [{ namespace: 'mail', podLabels: { 'app.kubernetes.io/name': 'postfix' } }];
  new HomelabApp(cluster, 'vaultwarden', {
    image: 'vaultwarden/server:1.33.2', ports: [{ name: 'http', port: 8080 }], route: { host: 'vault' }, egress: toRelay,
    env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.mail.jdoe.dev', SMTP_HOST: 'postfix.mail.svc.cluster.local', SMTP_PORT: '587', SMTP_SECURITY: 'off', SMTP_FROM: '"Family vault" <vault@doe-family.net>' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
  });
  new HomelabApp(cluster, 'grafana', {
    namespace: 'monitoring', image: 'grafana/grafana:11.4.0', runAsUser: 472, ports: [{ name: 'http', port: 3000 }], route: { host: 'grafana' }, egress: toRelay,
    env: { GF_SMTP_ENABLED: 'true', GF_SMTP_HOST: 'postfix.mail:587', GF_SMTP_FROM_ADDRESS: 'grafana@alerts.jdoe.dev', GF_SERVER_ROOT_URL: 'https://grafana.mail.jdoe.dev' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/grafana' } },
  });
  // The family's Vaultwarden straight to the provider, TLS at once on the port force_tls picks by itself (465).
  new HomelabApp(cluster, 'family-vault', {
    namespace: 'family', image: 'vaultwarden/server:1.33.2', ports: [{ name: 'http', port: 8080 }], route: { host: 'family-vault' }, egress: toProvider(465),
    env: {
      ROCKET_PORT: '8080', DOMAIN: 'https://family-vault.mail.jdoe.dev', SMTP_HOST: 'smtp.fastmail.com', SMTP_SECURITY: 'force_tls', SMTP_FROM: 'vault@doe-family.net',
      SMTP_USERNAME: 'me@jdoe.dev', SMTP_PASSWORD: secret('family', 'smtp', 'password'),
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
  });
  // Forgejo in the variables of Gitea it still reads, STARTTLS on 587.
  forge(cluster, 'forgejo', 'codeberg.org/forgejo/forgejo:10.0.0-rootless', 'code', 'smtp+starttls', 587);
  new HomelabApp(cluster, 'paperless', {
    image: 'ghcr.io/paperless-ngx/paperless-ngx:2.14.7', ports: [{ name: 'http', port: 8000 }], route: { host: 'docs' }, egress: toProvider(465),
    env: {
      PAPERLESS_URL: 'https://docs.mail.jdoe.dev', PAPERLESS_EMAIL_HOST: 'smtp.fastmail.com', PAPERLESS_EMAIL_PORT: '465', PAPERLESS_EMAIL_USE_SSL: 'yes',
      PAPERLESS_EMAIL_HOST_USER: 'me@jdoe.dev', PAPERLESS_EMAIL_HOST_PASSWORD: secret('paperless', 'smtp', 'password'), PAPERLESS_EMAIL_FROM: 'docs@jdoe.dev',
    },
    exemptions: {
      runAsRoot: 's6-overlay starts as root', writableRootFilesystem: 's6-overlay writes /run',
      addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 's6-overlay drops to paperless' },
    },
  });
  forge(cluster, 'gitea', 'gitea/gitea:1.23.1-rootless', 'git', 'smtps', 465);
  new HomelabApp(cluster, 'nextcloud', {
    image: 'nextcloud:30.0.5-apache', ports: [{ name: 'http', port: 80 }], route: { host: 'cloud' }, egress: toProvider(465),
    exemptions: { runAsRoot: 'Apache starts as root', addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'its entrypoint switches to www-data' } },
    env: {
      SMTP_HOST: 'smtp.fastmail.com', SMTP_SECURE: 'ssl', SMTP_NAME: 'me@jdoe.dev', SMTP_PASSWORD: secret('nextcloud', 'smtp', 'password'),
      MAIL_FROM_ADDRESS: 'cloud', MAIL_DOMAIN: 'jdoe.dev',
    },
    persistence: {
      html: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/html' },
      apache: { volume: AppVolume.emptyDir(), mountPath: '/var/run/apache2' },
    },
  });
}

/**
 * Namespaces of the family with quotas their claims and Services fill to the bound, claims at a LimitRange's maximum,
 * a backup job that may exec into one named database pod and mint tokens of one account, and a ClusterRole that
 * reads a namespace's own object bound in each member's namespace.
 */
function tenantsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'tenants', '10.239.3');
  for (const member of ['alice', 'bob']) {
    object(cluster, `${member}-quota`, {
      apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'family', namespace: member },
      spec: { hard: { 'requests.storage': '20Gi', persistentvolumeclaims: '2', services: '3', 'services.loadbalancers': '0', 'local-path.storageclass.storage.k8s.io/requests.storage': '20Gi' } },
    });
    object(cluster, `${member}-limits`, {
      apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'claims', namespace: member },
      spec: { limits: [
        { type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '10Gi' } },
        { type: 'Container', maxLimitRequestRatio: { memory: '4' }, max: { memory: '1Gi' } }, { type: 'Pod', max: { memory: '2Gi' } },
      ] },
    });
    // Every member's account may read its own namespace's object (its labels, its Pod Security level).
    object(cluster, `${member}-namespace-reader`, {
      apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'namespace-reader', namespace: member },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'namespace-reader' },
      subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: `system:serviceaccounts:${member}` }],
    });
  }
  object(cluster, 'namespace-reader', {
    apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'namespace-reader' }, rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get'] }],
  });
  // Alice's notes on two claims of 10Gi, the LimitRange's maximum: the quota's 20Gi and two claims exactly.
  new HomelabApp(cluster, 'notes', {
    namespace: 'alice', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }], route: { host: 'notes' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data' },
      attachments: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/attachments' },
    },
  });
  // Bob's database on a StatefulSet of one claim, and a nightly dump by kubectl exec into its one pod.
  mariaDatabase(cluster, 'db', 'bob', 'photos', 'photos');
  denyIngress(cluster, 'bob');
  new HomelabApp(cluster, 'photos', {
    namespace: 'bob', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }], route: { host: 'photos' },
  });
  object(cluster, 'dump-role', {
    apiVersion: RBAC, kind: 'Role', metadata: { name: 'db-dump', namespace: 'bob' },
    rules: [
      { apiGroups: [''], resources: ['pods'], resourceNames: ['db-0'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods/exec'], resourceNames: ['db-0'], verbs: ['create'] },
      { apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: ['uploader'], verbs: ['create'] },
    ],
  });
  object(cluster, 'dumper-sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'dumper', namespace: 'bob' } });
  object(cluster, 'uploader-sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'uploader', namespace: 'bob' }, automountServiceAccountToken: false });
  object(cluster, 'dump-binding', {
    apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'db-dump', namespace: 'bob' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'db-dump' }, subjects: [{ kind: 'ServiceAccount', name: 'dumper' }],
  });
  object(cluster, 'dump-job', {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'db-dump', namespace: 'bob' },
    spec: {
      schedule: '0 3 * * *',
      jobTemplate: { spec: { template: { spec: kubectlPod(['sh', '-c', 'kubectl exec db-0 -c db -- sh -c \'mariadb-dump -uroot -p"$MARIADB_ROOT_PASSWORD" --all-databases\' > /dev/null'], { serviceAccountName: 'dumper' }) } } },
    },
  });
}

/**
 * A private CA: a trust-manager Bundle into every namespace that also writes Java's truststores, apps trusting it by
 * their runtime's variable and a Java app by its truststore, and step-ca as the ACME server of an issuer, its root
 * given as caBundle.
 */
function privateCaLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'trust', '10.239.4');
  new ChartRelease(cluster, 'trust-manager', {
    namespace: 'cert-manager', network: servesPorts({ port: 6443, purpose: 'admission webhook' }, { port: 9402, purpose: 'metrics' }),
    chart: { repository: 'https://charts.jetstack.io', chart: 'trust-manager', version: 'v0.12.0' },
    crds: [{ group: 'trust.cert-manager.io', kinds: ['Bundle'] }],
  });
  declareExternal(cluster, { secrets: [{ namespace: 'cert-manager', name: 'lab-root-ca' }] });
  object(cluster, 'bundle', {
    apiVersion: 'trust.cert-manager.io/v1alpha1', kind: 'Bundle', metadata: { name: 'home-ca' },
    spec: {
      sources: [{ useDefaultCAs: true }, { secret: { name: 'lab-root-ca', key: 'tls.crt' } }],
      target: { configMap: { key: 'ca-bundle.pem' }, additionalFormats: { jks: { key: 'bundle.jks' }, pkcs12: { key: 'bundle.p12' } } },
    },
  });
  new HomelabApp(cluster, 'step-ca', {
    namespace: 'step-ca', image: 'smallstep/step-ca:0.28.3', ports: [{ name: 'https', port: 9000 }], allowFrom: [{ namespace: 'cert-manager' }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/home/step' } },
  });
  new ClusterIssuer(cluster, 'step', {
    name: 'step-ca', issuer: acmeIssuer({ server: 'https://step-ca.step-ca.svc:9000/acme/k8s/directory', email: 'ops@trust.jdoe.dev', solvers: [http01Ingress('traefik')], caBundle: LAB_ROOT }),
  });
  const trust = { volume: AppVolume.configMap('home-ca'), mountPath: '/etc/ssl/home', readOnly: true };
  new HomelabApp(cluster, 'uptime', {
    namespace: 'uptime', image: 'louislam/uptime-kuma:1.23.16', ports: [{ name: 'http', port: 3001 }], route: { host: 'status' }, command: ['node', 'server/server.js'],
    env: { NODE_EXTRA_CA_CERTS: '/etc/ssl/home/ca-bundle.pem' },
    persistence: { trust, data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } },
  });
  new HomelabApp(cluster, 'changedetection', {
    namespace: 'uptime', image: 'ghcr.io/dgtlmoon/changedetection.io:0.48.06', ports: [{ name: 'http', port: 5000 }], route: { host: 'changes' },
    env: { REQUESTS_CA_BUNDLE: '/etc/ssl/home/ca-bundle.pem', SSL_CERT_FILE: '/etc/ssl/home/ca-bundle.pem' },
    persistence: { trust, data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/datastore' } },
  });
  // A Java 17 app on the Bundle's JKS truststore, given the password trust-manager writes it with, Java's changeit.
  new HomelabApp(cluster, 'kafka-ui', {
    namespace: 'kafka', image: 'provectuslabs/kafka-ui:v0.7.2', ports: [{ name: 'http', port: 8080 }], route: { host: 'kafka' },
    env: { JAVA_TOOL_OPTIONS: '-Djavax.net.ssl.trustStore=/etc/ssl/java/cacerts.jks -Djavax.net.ssl.trustStorePassword=changeit' },
    persistence: { truststore: { volume: AppVolume.configMap('home-ca'), mounts: [{ mountPath: '/etc/ssl/java/cacerts.jks', subPath: 'bundle.jks', readOnly: true }] } },
  });
  // A Java app trusting the lab's CA through the Bundle's PKCS#12 truststore, mounted as one file: trust-manager
  // writes it without a password, which Java reads as a store of certificates alone.
  new HomelabApp(cluster, 'ledger', {
    namespace: 'ledger', image: 'eclipse-temurin:21.0.5_11-jre', ports: [{ name: 'http', port: 8080 }], route: { host: 'ledger' }, command: ['java', '-jar', '/app/ledger.jar'],
    env: { JAVA_TOOL_OPTIONS: '-Djavax.net.ssl.trustStore=/etc/ssl/java/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12' },
    persistence: {
      truststore: { volume: AppVolume.configMap('home-ca'), mounts: [{ mountPath: '/etc/ssl/java/truststore.p12', subPath: 'bundle.p12', readOnly: true }] },
    },
  });
}

/**
 * Apps scaled by their own HorizontalPodAutoscaler on Talos, which serves no resource metrics API: one on memory
 * alone, one given its autoscaling by addAutoscaling(), one scaled by a KEDA ScaledObject on CPU written beside it.
 */
function talosAutoscalingLab(scope: Construct): void {
  const node = host('scale-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.239.5.11' });
  const lab = site('scale', { domain: 'scale.jdoe.dev', hosts: [node], pools: { lb: { first: '10.239.5.200', last: '10.239.5.209' } }, git: { url: 'https://github.com/jdoe/scale.git' } });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node], preinstalled: [talos({ bootstrapNode: node, allowSchedulingOnControlPlanes: true })], cni: cilium({ ...ciliumOnTalos() }), networkPolicy: 'cilium',
    loadBalancer: metalLb({ pools: [lab.pools.lb] }), routes: traefik({ address: lab.pools.lb.at('10.239.5.200') }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  new HomelabApp(cluster, 'whoami', {
    namespace: 'web', image: 'traefik/whoami:v1.10.3', ports: [{ name: 'http', port: 8080 }], args: ['--port', '8080'], route: { host: 'whoami' },
    resources: { cpuRequest: '20m', memoryRequest: '32Mi', memoryLimit: '64Mi' }, autoscaling: { minReplicas: 2, maxReplicas: 6, memoryUtilization: 75, behavior: { scaleDownStabilizationSeconds: 600 } },
  });
  const docs = new HomelabApp(cluster, 'docs', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }], route: { host: 'docs' } });
  docs.addAutoscaling({ maxReplicas: 3, cpuUtilization: 60 });
  // A StatefulSet scaled by its autoscaler, each pod on a claim of its own from the claim template.
  new HomelabApp(cluster, 'cache', {
    namespace: 'web', image: 'ghcr.io/jdoe/render-cache:0.9.1', ports: [{ name: 'http', port: 8080 }], controller: AppController.statefulSet(),
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/var/cache/render' } },
    autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 70 },
  });
  keda(cluster);
  new HomelabApp(cluster, 'thumbnails', {
    namespace: 'web', image: 'ghcr.io/jdoe/thumbnailer:1.4.0', ports: [{ name: 'http', port: 8080 }], autoscaling: { external: 'KEDA ScaledObject thumbnails on CPU' },
    resources: { cpuRequest: '200m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
  });
  object(cluster, 'thumbnails-scaler', {
    apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'thumbnails', namespace: 'web' },
    spec: { scaleTargetRef: { name: 'thumbnails' }, minReplicaCount: 1, maxReplicaCount: 4, triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } }] },
  });
}

/**
 * K3s with its packaged metrics-server switched off for the owner's own release of the chart, which serves the
 * resource metrics API that an App's autoscaler on memory reads.
 */
function ownMetricsServerLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'metrics', '10.239.7', { preinstalled: [k3s({ disable: ['traefik', 'servicelb', 'metrics-server'] })] });
  new ChartRelease(cluster, 'metrics-server', {
    namespace: 'kube-system', chart: { repository: 'https://kubernetes-sigs.github.io/metrics-server/', chart: 'metrics-server', version: '3.12.2' },
    values: { replicas: 1, args: ['--kubelet-preferred-address-types=InternalIP'] }, network: servesPorts({ port: 10250, purpose: 'the resource metrics API' }),
  });
  new HomelabApp(cluster, 'wiki', {
    namespace: 'wiki', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }], route: { host: 'wiki' },
    resources: { cpuRequest: '20m', memoryRequest: '64Mi', memoryLimit: '128Mi' }, autoscaling: { maxReplicas: 4, memoryUtilization: 80 },
  });
}

/** A CRD rule and its message: a CEL expression where it is one (`'…'.format([…])`), else text. */
const celRule = (rule: string, message: string) => (message.startsWith("'") ? { rule, messageExpression: message } : { rule, message });

/**
 * A CRD of volume requests whose rules guard what would error: int() after a pattern, quantity() after isQuantity(),
 * format() given each verb's own type; and a Lease and an Event written with six digits of microseconds.
 */
function crdGuardsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'guards', '10.239.6');
  opsCrd(cluster, 'VolumeRequest', {
    type: 'object', required: ['size', 'copies'],
    'x-kubernetes-validations': [
      celRule("!self.copies.matches('^[0-9]+$') || int(self.copies) <= 3", 'at most three copies'),
      celRule("!isQuantity(self.size) || quantity(self.size).isLessThan(quantity('2Ti'))", "'size %s is 2Ti or more'.format([self.size])"),
      celRule('isQuantity(self.size)', 'size is a quantity'),
      celRule('!has(self.tags) || size(self.tags) <= 8', "'%d tags of %s, at most 8'.format([size(self.tags), self.tags])"),
      celRule('!has(self.share) || self.share > 0.0', "'share %.2f is no share'.format([self.share])"),
      celRule('!has(self.mode) || self.mode % 8 < 8', "'mode %o, hex %x'.format([self.mode, self.mode])"),
      celRule('!has(self.every) || self.every > 0', "'every %d hours'.format([self.every])"),
    ],
    properties: {
      size: { type: 'string', maxLength: 16 }, copies: { type: 'string', maxLength: 3 },
      tags: { type: 'array', maxItems: 8, items: { type: 'string', maxLength: 32 } },
      share: { type: 'number' }, mode: { type: 'integer', minimum: 0, maximum: 511 }, every: { type: 'integer', minimum: 1, maximum: 168 },
    },
  });
  cluster.namespaces.ensure('storage');
  denyIngress(cluster, 'storage');
  object(cluster, 'photos-request', {
    apiVersion: 'ops.jdoe.dev/v1', kind: 'VolumeRequest', metadata: { name: 'photos', namespace: 'storage' },
    spec: { size: '500Gi', copies: '2', tags: ['family', 'photos'], share: 0.25, mode: 416, every: 24 },
  });
  object(cluster, 'scratch-request', { apiVersion: 'ops.jdoe.dev/v1', kind: 'VolumeRequest', metadata: { name: 'scratch', namespace: 'storage' }, spec: { size: '1.5Ti', copies: 'one' } });
  // A maintenance lock the owner's scripts take, held since a time written with its offset, and the Event it left.
  object(cluster, 'maintenance-lease', {
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'maintenance', namespace: 'storage' },
    spec: { holderIdentity: 'jdoe', leaseDurationSeconds: 3600, acquireTime: '2026-03-01T22:00:00.000000+01:00', renewTime: '2026-03-01T22:30:00.250000Z' },
  });
  object(cluster, 'maintenance-event', {
    apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'maintenance.started', namespace: 'storage' },
    eventTime: '2026-03-01T21:00:00.000000Z', reportingController: 'jdoe.dev/maintenance', reportingInstance: 'laptop', action: 'Lock', reason: 'Maintenance', type: 'Normal',
    regarding: { kind: 'Lease', name: 'maintenance', namespace: 'storage', apiVersion: 'coordination.k8s.io/v1' }, note: 'disks swapped',
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['shared database servers lab', sharedDatabasesLab, TRAEFIK],
  ['mail through a relay of two domains lab', mailLab, TRAEFIK],
  ['family tenants at their bounds lab', tenantsLab, TRAEFIK],
  ['private CA with a Java truststore lab', privateCaLab, TRAEFIK],
  ['autoscaled apps on Talos lab', talosAutoscalingLab, TRAEFIK],
  ['CRD rules that guard their conversions lab', crdGuardsLab, TRAEFIK],
  ['own metrics-server release on K3s lab', ownMetricsServerLab, TRAEFIK],
];

describeDeservedFindings('a twenty-first round of correct labs synthesizes with only the findings they deserve', LABS);

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  test('create limited to resourceNames is matched on a subresource, which names its object, and refused on the object itself', () => {
    const verbsOf = (resources: string[], verbs: string[]) => namedRuleVerbProblems({ resources, resourceNames: ['db-0'], verbs }).map((p) => verbs[p.index]);
    expect(verbsOf(['pods/exec'], ['create'])).toEqual([]);
    expect(verbsOf(['pods', 'pods/exec'], ['get', 'create'])).toEqual([]);
    expect(verbsOf(['serviceaccounts/token'], ['create'])).toEqual([]);
    expect(verbsOf(['*'], ['create'])).toEqual([]);
    expect(verbsOf(['configmaps'], ['get', 'create'])).toEqual(['create']);
    expect(verbsOf(['pods/exec'], ['deletecollection'])).toEqual(['deletecollection']);
  });

  test("psql's variables are read outside the SQL's string literals, where a colon and quotes are data", () => {
    expect([
      "CREATE ROLE app LOGIN PASSWORD :'pw'", "SELECT '{\"theme\":\"dark\"}'::jsonb, :'late'", "SELECT 'it''s :''x''', :\"role\"",
      'UPDATE settings SET value = \'{"theme":"dark"}\'', "DO $body$ BEGIN RAISE NOTICE ':''x'''; END $body$", 'SELECT now()::date',
    ].map(interpolatedVariable)).toEqual(['pw', 'late', 'role', undefined, undefined, undefined]);
  });

  test("a Java truststore's password of Java's convention, changeit, is no secret; a keystore's, or another truststore password, is", () => {
    expect([
      ['javax.net.ssl.trustStorePassword', 'changeit'], ['TRUSTSTORE_PASSWORD', 'changeit'], ['javax.net.ssl.keyStorePassword', 'changeit'], ['TRUSTSTORE_PASSWORD', 'hunter22'],
    ].map(([name, value]) => writesSecret(name, value))).toEqual([false, false, true, true]);
  });

  test("a trust-manager Bundle's ConfigMap holds the keys of its truststores beside its PEM bundle", () => {
    const bundle = {
      apiVersion: 'trust.cert-manager.io/v1alpha1', kind: 'Bundle', metadata: { name: 'home-ca' },
      spec: { sources: [{ useDefaultCAs: true }], target: { configMap: { key: 'ca.pem' }, additionalFormats: { jks: { key: 'bundle.jks' }, pkcs12: { key: 'bundle.p12' } } } },
    };
    const index = indexOf([{ manifest: bundle } as unknown as SynthesizedObject]);
    expect([...trustBundleConfigMaps(index, ['apps']).get('apps/home-ca') ?? []]).toEqual(['ca.pem', 'bundle.jks', 'bundle.p12']);
  });
});
