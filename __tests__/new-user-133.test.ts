import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppController, AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, k3s, localPathStorage, metalLb, rootInitExemption, SecretReference, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { aboutTheLab, synthInMemory } from './support/synth';

// A household's productivity apps, written from the README alone: Tandoor Recipes behind an nginx sidecar that serves
// its static and media files, Kimai time tracking on MariaDB, Joplin Server on PostgreSQL, Grist, Readeck, LinkAce on
// Redis, and Dashy as the start page. Written the obvious way, it synthesizes with no finding; the mistakes a newcomer
// makes copying from compose files, Helm values and pod specs are each one finding on the prop or call that made them.

const box = host('nu133-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.133.10', cores: 8, memoryGigabytes: 32 });
const lab = site('nu133', { domain: 'home.nu133.example', hosts: [box], pools: { vips: { first: '192.168.133.240', last: '192.168.133.250' } }, git: { url: 'https://github.com/jdoe/household.git' } });
const secret = (ns: string, name: string, key: string) => SecretReference.external(ns, name, key);

const postgres = (namespace: string): AppProps => ({
  namespace, image: 'postgres:16.6-alpine', controller: AppController.statefulSet(), ports: [{ name: 'postgres', port: 5432 }],
  env: { POSTGRES_USER: namespace, POSTGRES_DB: namespace, POSTGRES_PASSWORD: secret(namespace, `${namespace}-db`, 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
  runAsUser: 70, fsGroup: 70,
});

type Changes = Record<string, Partial<AppProps>>;
type After = (apps: Record<string, HomelabApp>) => void;

const defineLab = (changed: Changes = {}, after: After = () => {}) => (scope: Construct) => {
  const props = (id: string, given: AppProps): AppProps => ({ ...given, ...changed[id] });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [box], routes: traefik({ address: lab.pools.vips.at('192.168.133.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  declareExternal(cluster, { secrets: ['tandoor', 'kimai', 'joplin', 'grist', 'linkace'].flatMap((ns) => [{ namespace: ns, name: `${ns}-db` }, { namespace: ns, name: ns }]) });
  const apps: Record<string, HomelabApp> = {};

  cluster.namespaces.ensure('tandoor');
  new ApiObject(cluster, 'tandoor-nginx', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tandoor-nginx', namespace: 'tandoor' },
    data: { 'default.conf': [
      'server {', '  listen 8081;', '  client_max_body_size 128M;',
      '  location /static/ { alias /opt/recipes/staticfiles/; }', '  location /media/ { alias /opt/recipes/mediafiles/; }',
      '  location / { proxy_set_header Host $http_host; proxy_pass http://127.0.0.1:8080; }', '}', '',
    ].join('\n') },
  });
  // Tandoor Recipes: gunicorn on 8080, nginx in front serving /static and /media from the shared folders.
  apps['tandoor-db'] = new HomelabApp(cluster, 'tandoor-db', props('tandoor-db', postgres('tandoor')));
  apps.tandoor = new HomelabApp(cluster, 'tandoor', props('tandoor', {
    namespace: 'tandoor', image: 'vabene1111/recipes:1.5.24', ports: [{ name: 'gunicorn', port: 8080 }],
    env: {
      SECRET_KEY: secret('tandoor', 'tandoor', 'secret-key'), DB_ENGINE: 'django.db.backends.postgresql', POSTGRES_HOST: 'tandoor-db', POSTGRES_PORT: '5432',
      POSTGRES_USER: 'tandoor', POSTGRES_PASSWORD: secret('tandoor', 'tandoor-db', 'password'), POSTGRES_DB: 'tandoor', GUNICORN_MEDIA: '0',
      ALLOWED_HOSTS: 'recipes.home.nu133.example', TZ: 'Europe/Berlin',
    },
    persistence: {
      staticfiles: { volume: AppVolume.emptyDir(), mountPath: '/opt/recipes/staticfiles', containers: ['tandoor', 'nginx'] },
      mediafiles: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/opt/recipes/mediafiles', containers: ['tandoor', 'nginx'] },
      'nginx-conf': { volume: AppVolume.configMap('tandoor-nginx'), mounts: [{ mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'default.conf' }], containers: ['nginx'] },
    },
    initContainers: [{
      name: 'collectstatic', image: 'vabene1111/recipes:1.5.24', command: ['python', 'manage.py', 'collectstatic', '--noinput'],
      mounts: [{ volume: 'staticfiles', mountPath: '/opt/recipes/staticfiles' }],
    }],
    sidecars: [{
      name: 'nginx', image: 'nginxinc/nginx-unprivileged:1.27.3', ports: [{ name: 'web', port: 8081 }],
    }],
    route: { host: 'recipes', port: 8081 },
    resources: { cpuRequest: '100m', memoryRequest: '512Mi', memoryLimit: '1Gi' },
  }));
  apps['tandoor-db'].addAllowFrom(apps.tandoor);

  // Joplin Server
  apps['joplin-db'] = new HomelabApp(cluster, 'joplin-db', props('joplin-db', postgres('joplin')));
  apps.joplin = new HomelabApp(cluster, 'joplin', props('joplin', {
    namespace: 'joplin', image: 'joplin/server:3.0.1-beta', ports: [{ name: 'http', port: 22300 }],
    env: {
      APP_BASE_URL: 'https://joplin.home.nu133.example', APP_PORT: '22300', DB_CLIENT: 'pg', POSTGRES_HOST: 'joplin-db', POSTGRES_PORT: '5432',
      POSTGRES_DATABASE: 'joplin', POSTGRES_USER: 'joplin', POSTGRES_PASSWORD: secret('joplin', 'joplin-db', 'password'),
    },
    route: { host: 'joplin' },
  }));
  apps['joplin-db'].addAllowFrom(apps.joplin);

  // Grist
  apps.grist = new HomelabApp(cluster, 'grist', props('grist', {
    namespace: 'grist', image: 'gristlabs/grist:1.2.1', ports: [{ name: 'http', port: 8484 }],
    env: { APP_HOME_URL: 'https://grist.home.nu133.example', GRIST_SESSION_SECRET: secret('grist', 'grist', 'session-secret'), GRIST_SANDBOX_FLAVOR: 'unsandboxed' },
    persistence: { persist: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/persist' } },
    route: { host: 'grist' },
  }));

  // Readeck
  apps.readeck = new HomelabApp(cluster, 'readeck', props('readeck', {
    namespace: 'readeck', image: 'codeberg.org/readeck/readeck:0.16.0', ports: [{ name: 'http', port: 8000 }],
    env: { READECK_SERVER_HOST: '0.0.0.0', READECK_SERVER_PORT: '8000', READECK_ALLOWED_HOSTS: 'readeck.home.nu133.example' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/readeck' } },
    probes: { readiness: { httpPath: '/api/info', port: 8000 } },
    route: { host: 'readeck' },
  }));

  // Kimai on MariaDB
  apps['kimai-db'] = new HomelabApp(cluster, 'kimai-db', props('kimai-db', {
    namespace: 'kimai', image: 'mariadb:11.4.4', controller: AppController.statefulSet(), ports: [{ name: 'mysql', port: 3306 }],
    env: { MARIADB_DATABASE: 'kimai', MARIADB_USER: 'kimai', MARIADB_PASSWORD: secret('kimai', 'kimai-db', 'password'), MARIADB_ROOT_PASSWORD: secret('kimai', 'kimai-db', 'root-password') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/mysql' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' } },
    runAsUser: 999, fsGroup: 999,
  }));
  apps.kimai = new HomelabApp(cluster, 'kimai', props('kimai', {
    namespace: 'kimai', image: 'kimai/kimai2:apache-2.26.0', ports: [{ name: 'http', port: 8001 }],
    env: {
      DATABASE_URL: secret('kimai', 'kimai', 'database-url'), TRUSTED_HOSTS: 'kimai.home.nu133.example', APP_SECRET: secret('kimai', 'kimai', 'app-secret'),
      ADMINMAIL: 'admin@home.nu133.example', ADMINPASS: secret('kimai', 'kimai', 'admin-password'),
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/opt/kimai/var/data' } },
    exemptions: { runAsRoot: 'its entrypoint starts Apache as root, which drops to www-data', addCapabilities: rootInitExemption('supervisor', 'Apache switches to www-data'), writableRootFilesystem: 'the entrypoint writes the cache and its config under /opt/kimai' },
    route: { host: 'kimai' },
  }));
  apps['kimai-db'].addAllowFrom(apps.kimai);
  // Monday's export of last week's timesheets, through Kimai's API.
  apps['kimai-export'] = new HomelabApp(cluster, 'kimai-export', props('kimai-export', {
    namespace: 'kimai', image: 'curlimages/curl:8.11.1', controller: AppController.cronJob({ schedule: '0 6 * * 1', timeZone: 'Europe/Berlin' }),
    command: ['sh', '-c', 'curl -fsS -H "Authorization: Bearer $TOKEN" http://kimai:8001/api/timesheets > /dev/null'], env: { TOKEN: secret('kimai', 'kimai', 'api-token') },
  }));
  apps.kimai.addAllowFrom(apps['kimai-export']);

  // LinkAce: its web app and the queue worker of the same image, on one Redis
  apps['linkace-redis'] = new HomelabApp(cluster, 'linkace-redis', props('linkace-redis', {
    namespace: 'linkace', image: 'redis:7.4.2-alpine', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999,
    persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
  }));
  apps.linkace = new HomelabApp(cluster, 'linkace', props('linkace', {
    namespace: 'linkace', image: 'linkace/linkace:v2.1.4', ports: [{ name: 'http', port: 8080 }],
    env: { APP_URL: 'https://links.home.nu133.example', APP_KEY: secret('linkace', 'linkace', 'app-key'), DB_CONNECTION: 'sqlite', DB_DATABASE: '/app/database/database.sqlite', REDIS_HOST: 'linkace-redis', REDIS_PORT: '6379', QUEUE_CONNECTION: 'redis' },
    persistence: { database: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/database' } },
    route: { host: 'links' },
  }));
  apps['linkace-redis'].addAllowFrom(apps.linkace);

  // Dashy
  apps.dashy = new HomelabApp(cluster, 'dashy', props('dashy', {
    namespace: 'dashy', image: 'lissy93/dashy:3.1.0', ports: [{ name: 'http', port: 8080 }],
    env: { NODE_ENV: 'production', PORT: '8080' },
    persistence: { build: { volume: AppVolume.emptyDir(), mountPath: '/app/dist' } },
    route: { host: 'start' },
  }));
  new ApiObject(cluster, 'dashy-conf', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dashy-conf', namespace: 'dashy' },
    data: { 'conf.yml': ['pageInfo:', '  title: Home', 'sections:', '  - name: Apps', '    items:', '      - title: Recipes', '        url: https://recipes.home.nu133.example', ''].join('\n') },
  });
  apps.dashy.addVolume('conf', AppVolume.configMap('dashy-conf')).mount('conf', '/app/user-data/conf.yml', { subPath: 'conf.yml', readOnly: true });
  apps.tandoor.addRoute({ host: 'rezepte', port: 8081 });
  after(apps);
};

/** The lab's findings with `changed` props and `after` run on its apps, as `<severity> [<layer>] <path> <field>: <message> | <hint>`. */
const shown = (changed: Changes = {}, after?: After) => aboutTheLab(synthInMemory(guarded(defineLab(changed, after))).findings)
  .map((f) => `${f.severity} [${f.layer}] ${f.constructPath} ${f.field}: ${f.message} | ${f.hint ?? ''}`);
const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
const nginx = { name: 'nginx', image: 'nginxinc/nginx-unprivileged:1.27.3', ports: [{ name: 'web', port: 8081 }] };
/** Tandoor's shared folders and nginx's configuration, as the lab mounts them; `containers` mount the static files. */
const tandoorFolders = (containers: string[]) => ({
  staticfiles: { volume: AppVolume.emptyDir(), mountPath: '/opt/recipes/staticfiles', containers },
  mediafiles: { volume: claim('10Gi'), mountPath: '/opt/recipes/mediafiles', containers: ['tandoor', 'nginx'] },
  'nginx-conf': { volume: AppVolume.configMap('tandoor-nginx'), mounts: [{ mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'default.conf' }], containers: ['nginx'] },
});
/** Props as plain JavaScript or a copied file writes them, which TypeScript would refuse. */
const loose = (props: Record<string, unknown>) => props as Partial<AppProps>;

test('the household lab synthesizes with no finding', () => {
  expect(shown()).toEqual([]);
});

describe("a newcomer's mistakes, each one finding on the prop or call that made it", () => {
  test("nginx's configuration mounted again in the sidecar's own mounts, beside persistence that mounts it there", () => {
    expect(shown({ tandoor: { sidecars: [{ ...nginx, mounts: [{ volume: 'nginx-conf', mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'default.conf' }] }] } })).toEqual([
      expect.stringMatching(/^error \[props\] main\/tandoor sidecars\[0\]\.mounts\[0\]\.mountPath: container "nginx" mounts \/etc\/nginx\/conf\.d\/default\.conf already, through persistence\.nginx-conf\.mounts\[0\]\.mountPath.* \| mount each path once/),
    ]);
  });

  test('a volume shared with a misspelt container', () => {
    expect(shown({ tandoor: { persistence: tandoorFolders(['tandoor', 'ngnix']) } })).toEqual([
      expect.stringMatching(/^error \[references\] main\/tandoor persistence\.staticfiles\.containers\[1\]: the app has no container "ngnix" \| did you mean "nginx"\?/),
    ]);
  });

  test("compose's port, volume list and resources, and Helm's resources", () => {
    expect(shown({ grist: loose({ ports: [{ name: 'http', port: '8484' }] }) })).toEqual([
      expect.stringMatching(/^error \[props\] main\/grist ports\[0\]\.port: ports\[0\]\.port is "8484", not a port.* \| write the port as a number, without quotes: 8484$/),
    ]);
    expect(shown({ grist: loose({ volumes: ['./persist:/persist'] }) })).toEqual([
      expect.stringMatching(/^error \[props\] main\/grist volumes: App has no prop "volumes".* \| compose's volumes are persistence here/),
    ]);
    expect(shown({ grist: loose({ resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } } }) })).toEqual([
      expect.stringMatching(/^error \[props\] main\/grist resources: resources are written in Kubernetes' form .* \| resources are flat here: write resources: \{ cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '512Mi' \}$/),
    ]);
    expect(shown({ 'kimai-db': { resources: { cpuRequest: '100m', memoryRequest: '512MB', memoryLimit: '1Gi' } } })).toEqual([
      expect.stringMatching(/^error \[props\] main\/kimai-db resources\.memoryRequest: "512MB" is not a size \| write '512Mi'/),
    ]);
  });

  test('values of env as compose and a pod spec write them', () => {
    expect(shown({ readeck: loose({ env: { READECK_SERVER_HOST: '0.0.0.0', READECK_SERVER_PORT: 8000 } }) })).toEqual([
      expect.stringMatching(/^error \[props\] main\/readeck env\.READECK_SERVER_PORT: .*is the number 8000; environment values are text \| write it as a string: READECK_SERVER_PORT: '8000'$/),
    ]);
    expect(shown({ grist: loose({ env: { GRIST_SESSION_SECRET: { valueFrom: { secretKeyRef: { name: 'grist', key: 'session-secret' } } } } }) })).toEqual([
      expect.stringMatching(/^error \[props\] main\/grist env\.GRIST_SESSION_SECRET: .* \| a container spec's valueFrom is the value itself here: GRIST_SESSION_SECRET: SecretReference\.external\('<namespace>', 'grist', 'session-secret'\)/),
    ]);
    expect(shown({ 'kimai-db': { env: { MARIADB_DATABASE: 'kimai', MARIADB_USER: 'kimai', MARIADB_PASSWORD: secret('kimai', 'kimai-db', 'password'), MARIADB_ROOT_PASSWORD: secret('kimai', 'kimai-db', 'root-password'), TZ: 'Europe/berlin' } } })).toEqual([
      expect.stringMatching(/^error \[props\] main\/kimai-db env\.TZ: time zone names are case-sensitive.* \| write the tz database's name: env: \{ TZ: 'Europe\/Berlin' \}$/),
    ]);
  });

  test('a secret written out, in the props and through addEnv, and one read from another namespace', () => {
    expect(shown({ grist: { env: { APP_HOME_URL: 'https://grist.home.nu133.example', GRIST_SESSION_SECRET: 'Tr0ub4dor&3' } } })).toEqual([
      expect.stringMatching(/^error \[props\] main\/grist env\.GRIST_SESSION_SECRET: GRIST_SESSION_SECRET is set to a literal value.* \| pass a SecretReference/),
    ]);
    expect(shown({}, (apps) => apps.joplin.addEnv('MAILER_AUTH_PASSWORD', 'correct-horse-battery-staple'))).toEqual([
      expect.stringMatching(/^error \[props\] main\/joplin addEnv\.MAILER_AUTH_PASSWORD: MAILER_AUTH_PASSWORD is set to a literal value.* \| pass a SecretReference: addEnv\('MAILER_AUTH_PASSWORD'/),
    ]);
    expect(shown({ grist: { env: { APP_HOME_URL: 'https://grist.home.nu133.example', GRIST_SESSION_SECRET: secret('tandoor', 'tandoor', 'secret-key') } } })).toEqual([
      expect.stringMatching(/^error \[references\] main\/grist env\.GRIST_SESSION_SECRET: .*a pod reads Secrets only from its own namespace "grist" \| make the Secret in namespace "grist" too/),
    ]);
  });

  test("a probe of the port's name, and an init container's command as one line", () => {
    expect(shown({ readeck: loose({ probes: { readiness: { httpPath: '/api/info', port: 'http' } } }) })).toEqual([
      expect.stringMatching(/^error \[props\] main\/readeck probes\.readiness\.port: .* \| write the number of port "http": probes: \{ readiness: \{ \.\.\., port: 8000 \} \}$/),
    ]);
    expect(shown({ tandoor: loose({ initContainers: [{ name: 'migrate', image: 'vabene1111/recipes:1.5.24', command: 'python manage.py migrate' }] }) })).toEqual([
      expect.stringMatching(/^error \[props\] main\/tandoor initContainers\[0\]\.command: .*not a list of strings \| write it as a list of words: \['python', 'manage\.py', 'migrate'\]$/),
    ]);
  });

  test('a call allowed by the name of the calling app', () => {
    expect(shown({}, (apps) => apps['joplin-db'].addAllowFrom('joplin' as unknown as HomelabApp))).toEqual([
      expect.stringMatching(/^error \[props\] main\/joplin-db addAllowFrom: addAllowFrom is "joplin", not a peer \| pass an app/),
    ]);
  });

  test("a route to the nginx sidecar's port by its name is answered with that port's number", () => {
    expect(shown({ tandoor: loose({ route: { host: 'recipes', port: 'web' } }) })).toEqual([
      expect.stringMatching(/^error \[props\] main\/tandoor route\.port: route\.port is "web", text where the route names the Service port by its number \| write the number of port "web": route: \{ host: 'recipes', port: 8081 \}$/),
    ]);
    expect(shown({ tandoor: loose({ route: { host: 'recipes', port: 'nginx' } }) })).toEqual([
      expect.stringMatching(/ \| the app has no port named "nginx"; give the number of one of its Service ports: 8080 \(gunicorn\), 8081 \(web\)$/),
    ]);
  });

  test('an image whose Docker Hub account is written with capitals, which the runtime reads as a registry host', () => {
    expect(shown({ grist: { image: 'GristLabs/grist:1.2.1' } })).toEqual([
      expect.stringMatching(/^error \[props\] main\/grist image: .*names the registry "GristLabs": a first part with capitals is read as a registry's host name.* \| write a Docker Hub account in lower case, 'gristlabs\/grist:1\.2\.1'/),
    ]);
    expect(shown({}, (apps) => apps.tandoor.addSidecar({ name: 'exporter', image: 'Nginx/nginx-prometheus-exporter:1.3.0', ports: [{ name: 'metrics', port: 9113 }] }))).toEqual([
      expect.stringMatching(/^error \[props\] main\/tandoor addSidecar\.image: .*names the registry "Nginx".* \| write a Docker Hub account in lower case, 'nginx\/nginx-prometheus-exporter:1\.3\.0'/),
    ]);
  });

  test("a sidecar's probe of its own port by the port's name, in the props and through addSidecar", () => {
    expect(shown({ tandoor: loose({ sidecars: [{ ...nginx, probes: { readiness: { httpPath: '/static/', port: 'web' } } }] }) })).toEqual([
      expect.stringMatching(/^error \[props\] main\/tandoor sidecars\[0\]\.probes\.readiness\.port: .*text where a probe names the container port it checks by its number \| write the number of port "web": probes: \{ readiness: \{ \.\.\., port: 8081 \} \}$/),
    ]);
    expect(shown({ tandoor: loose({ sidecars: [{ ...nginx, probes: { readiness: { httpPath: '/static/', port: 'gunicorn' } } }] }) })).toEqual([
      expect.stringMatching(/ \| the container has no port named "gunicorn"; give the number of one of its ports: 8081 \(web\)$/),
    ]);
    const exporter = { name: 'exporter', image: 'nginx/nginx-prometheus-exporter:1.3.0', ports: [{ name: 'metrics', port: 9113 }], probes: { readiness: { httpPath: '/metrics', port: 'metrics' } } };
    expect(shown({}, (apps) => apps.tandoor.addSidecar(loose(exporter) as never))).toEqual([
      expect.stringMatching(/^error \[props\] main\/tandoor addSidecar\.probes\.readiness\.port: .* \| write the number of port "metrics": probes: \{ readiness: \{ \.\.\., port: 9113 \} \}$/),
    ]);
  });

  test("a capability given where its exemption's object belongs, as compose's cap_add names one", () => {
    expect(shown({ grist: loose({ exemptions: { addCapabilities: 'SYS_ADMIN' } }) })).toEqual([
      expect.stringMatching(/^error \[props\] main\/grist exemptions\.addCapabilities: .*is "SYS_ADMIN", not an object \| give the capabilities with the reason they are needed: addCapabilities: \{ capabilities: \['SYS_ADMIN'\], reason: '…' \}$/),
    ]);
    expect(shown({ tandoor: loose({ sidecars: [{ ...nginx, exemptions: { addCapabilities: 'CHOWN, SETUID' } }] }) })).toEqual([
      expect.stringMatching(/^error \[props\] main\/tandoor sidecars\[0\]\.exemptions\.addCapabilities: .* \| give the capabilities with the reason they are needed: addCapabilities: \{ capabilities: \['CHOWN', 'SETUID'\], reason: '…' \}$/),
    ]);
  });

  test("a probe's Host header written as the URL a compose health check's curl calls", () => {
    expect(shown({ readeck: { probes: { readiness: { httpPath: '/api/info', httpHost: 'http://localhost:8000', port: 8000 } } } })).toEqual([
      expect.stringMatching(/^error \[props\] main\/readeck probes\.readiness\.httpHost: the probe's Host header "http:\/\/localhost:8000" is written as a URL;.*400 Bad Request.* \| send the host name alone .*: 'localhost:8000'/),
    ]);
    expect(shown({ tandoor: { sidecars: [{ ...nginx, probes: { liveness: { httpPath: '/', httpHost: 'recipes.home.nu133.example/', port: 8081 } } }] } })).toEqual([
      expect.stringMatching(/^error \[props\] main\/tandoor containers\.nginx\.probes\.liveness\.httpHost: .* \| send the host name alone .*: 'recipes\.home\.nu133\.example'/),
    ]);
  });

  test("a GPU written in resources, one letter from cpu, is answered with the app's gpu prop", () => {
    expect(shown({ grist: loose({ resources: { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '512Mi', gpu: 1 } }) })).toEqual([
      expect.stringMatching(/^error \[props\] main\/grist resources\.gpu: App has no prop "gpu" in resources; it would be ignored \| a GPU is a prop of the app, not a resource: gpu: \{ vendor: 'nvidia', count: 1 \}/),
    ]);
  });

  test("a size whose unit is written in lower case is answered with the unit's case", () => {
    expect(shown({ 'joplin-db': { persistence: { data: { volume: claim('5gi'), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } } } })).toEqual([
      expect.stringMatching(/^error \[props\] main\/joplin-db persistence\.data\.volume\.claim\.size: "5gi" is not a size \| write '5Gi': Kubernetes' units are written in their case/),
    ]);
    expect(shown({ grist: { resources: { cpuRequest: '100m', memoryRequest: '256mi', memoryLimit: '512Mi' } } })).toEqual([
      expect.stringMatching(/^error \[props\] main\/grist resources\.memoryRequest: "256mi" is not a size \| write '256Mi'/),
    ]);
  });

  test("ports as a chart's values map each name to its number are answered with the list", () => {
    expect(shown({ grist: loose({ ports: { http: 8484 } }) })).toEqual([
      expect.stringMatching(/^error \[props\] main\/grist ports: ports is a map of named ports.* \| give ports as a list, each with its name: ports: \[\{ name: 'http', port: 8484 \}\]$/),
    ]);
  });

  test('a container named twice where a volume is shared is one finding on the name repeated, not a clash of paths', () => {
    expect(shown({ tandoor: { persistence: tandoorFolders(['nginx', 'nginx', 'tandoor']) } })).toEqual([
      expect.stringMatching(/^error \[props\] main\/tandoor persistence\.staticfiles\.containers\[1\]: .*"nginx" \| list each once: drop persistence\.staticfiles\.containers\[1\]/),
    ]);
  });

  test("a volume mounted into a misspelt container is that one error, without a warning that nothing mounts it", () => {
    expect(shown({}, (apps) => apps.tandoor.addVolume('cache', AppVolume.emptyDir()).mount('cache', '/var/cache/nginx', { container: 'ngnix' }))).toEqual([
      expect.stringMatching(/^error \[references\] main\/tandoor mount\(cache\): the app has no container "ngnix" \| did you mean "nginx"\?/),
    ]);
    expect(shown({ tandoor: { persistence: { ...tandoorFolders(['tandoor', 'nginx']), cache: { volume: AppVolume.emptyDir(), mountPath: '/var/cache/nginx', containers: ['ngnix'] } } } })).toEqual([
      expect.stringMatching(/^error \[references\] main\/tandoor persistence\.cache\.containers\[0\]: the app has no container "ngnix" \| did you mean "nginx"\?/),
    ]);
  });

  test("compose's volumes on a container added with addContainer are answered with the container's mounts", () => {
    const worker = { name: 'worker', image: 'vabene1111/recipes:1.5.24', command: ['celery', '-A', 'recipes', 'worker'], volumes: ['mediafiles:/opt/recipes/mediafiles'] };
    expect(shown({}, (apps) => apps.tandoor.addContainer(loose(worker) as never))).toEqual([
      expect.stringMatching(/^error \[props\] main\/tandoor addContainer\.volumes: addContainer has no prop "volumes"; it would be ignored \| a container mounts volumes of the app: mounts: \[\{ volume: 'data', mountPath: '\/data' \}\]/),
    ]);
  });
});
