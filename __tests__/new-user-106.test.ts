import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { App, AppVolume, ClusterChart, declareExternal, flux, host, k3s, localPathStorage, SecretReference, site, traefik } from '../constructs';
import { inventreeSiteUrlProblems } from '../constructs/app/inventree-site-url';
import { databaseApp as database } from './support/database-app';
import { shownFindings } from './support/lab-output';
import { sitesInMemory } from './support/synth';

// A new user's small-business apps from the README alone: Odoo with its odoo.conf and its websocket port routed beside
// the web port, InvenTree's server and worker, Invoice Ninja's PHP-FPM behind an nginx sidecar, and Dolibarr, each on a
// database of its own. Written as their own guides write them, it synthesizes without a finding, and Invoice Ninja's
// route goes to nginx, not to the FastCGI port listed first.

const box = host('nu106-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.106.10' });
const lab = site('nu106', { domain: 'shop.jdoe.dev', hosts: [box], git: { url: 'https://github.com/jdoe/shop.git' } });
const secret = (ns: string, key: string) => SecretReference.external(ns, ns, key);


function shopLab(scope: Construct): void {
  const main = new ClusterChart(scope, 'main', { site: lab, hosts: [box], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux() });
  declareExternal(main, { secrets: ['odoo', 'inventree', 'invoiceninja', 'dolibarr'].map((name) => ({ namespace: name, name })) });
  const postgres = (ns: string, db: string) => ({ POSTGRES_DB: db, POSTGRES_USER: ns, POSTGRES_PASSWORD: secret(ns, 'db-password'), PGDATA: '/var/lib/postgresql/data/pgdata' });

  const odooDb = database(main, 'odoo-db', 'odoo', 'postgres:16.6', postgres('odoo', 'postgres'));
  main.namespaces.ensure('odoo');
  new ApiObject(main, 'odoo-conf', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'odoo-conf', namespace: 'odoo' },
    data: { 'odoo.conf': '[options]\naddons_path = /mnt/extra-addons\ndata_dir = /var/lib/odoo\ndb_host = odoo-db\ndb_port = 5432\ndb_user = odoo\nproxy_mode = True\nworkers = 2\ngevent_port = 8072\n' },
  });
  new App(main, 'odoo', {
    namespace: 'odoo', image: 'odoo:17.0', runAsUser: 101, ports: [{ name: 'http', port: 8069 }, { name: 'websocket', port: 8072 }],
    egress: [odooDb, { cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 587 }] }],
    env: { HOST: 'odoo-db', USER: 'odoo', PASSWORD: secret('odoo', 'db-password') },
    route: { host: 'erp', rules: [{ path: '/websocket', backends: [{ service: 'odoo', port: 8072 }] }, { path: '/' }] },
    persistence: {
      filestore: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/lib/odoo' },
      conf: { volume: AppVolume.configMap('odoo-conf'), mountPath: '/etc/odoo', readOnly: true },
    },
    probes: { readiness: { httpPath: '/web/health' } },
  });

  const inventreeDb = database(main, 'inventree-db', 'inventree', 'postgres:16.6', postgres('inventree', 'inventree'));
  const inventreeEnv = {
    INVENTREE_DB_ENGINE: 'postgresql', INVENTREE_DB_NAME: 'inventree', INVENTREE_DB_HOST: 'inventree-db', INVENTREE_DB_PORT: '5432', INVENTREE_DB_USER: 'inventree',
    INVENTREE_DB_PASSWORD: secret('inventree', 'db-password'), INVENTREE_SITE_URL: 'https://parts.shop.jdoe.dev', INVENTREE_SECRET_KEY: secret('inventree', 'secret-key'),
  };
  new App(main, 'inventree', {
    namespace: 'inventree', image: 'inventree/inventree:0.17.4', ports: [{ name: 'http', port: 8000 }], egress: [inventreeDb], env: inventreeEnv, route: { host: 'parts' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/home/inventree/data' } },
  });
  new App(main, 'inventree-worker', {
    namespace: 'inventree', image: 'inventree/inventree:0.17.4', command: ['invoke', 'worker'], egress: [inventreeDb], env: inventreeEnv,
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/home/inventree/data' } },
  });

  const ninjaDb = database(main, 'invoiceninja-db', 'invoiceninja', 'mysql:8.4', { MYSQL_DATABASE: 'ninja', MYSQL_USER: 'ninja', MYSQL_PASSWORD: secret('invoiceninja', 'db-password'), MYSQL_RANDOM_ROOT_PASSWORD: 'yes' });
  new App(main, 'invoiceninja', {
    namespace: 'invoiceninja', image: 'invoiceninja/invoiceninja:5.10.43', ports: [{ name: 'fpm', port: 9000 }], egress: [ninjaDb],
    env: {
      APP_URL: 'https://invoices.shop.jdoe.dev', APP_KEY: secret('invoiceninja', 'app-key'), DB_HOST: 'invoiceninja-db', DB_DATABASE: 'ninja', DB_USERNAME: 'ninja',
      DB_PASSWORD: secret('invoiceninja', 'db-password'), REQUIRE_HTTPS: 'true', TRUSTED_PROXIES: '*',
    },
    sidecars: [{ name: 'nginx', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] }],
    route: { host: 'invoices' },
    persistence: {
      public: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/var/www/app/public', containers: ['invoiceninja', 'nginx'] },
      storage: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/app/storage' },
    },
  } as never);

  const dolibarrDb = database(main, 'dolibarr-db', 'dolibarr', 'mariadb:11.4.4', { MARIADB_DATABASE: 'dolibarr', MARIADB_USER: 'dolibarr', MARIADB_PASSWORD: secret('dolibarr', 'db-password'), MARIADB_RANDOM_ROOT_PASSWORD: 'true' });
  new App(main, 'dolibarr', {
    namespace: 'dolibarr', image: 'dolibarr/dolibarr:20.0.2', ports: [{ name: 'http', port: 80 }], egress: [dolibarrDb], route: { host: 'books' },
    env: {
      DOLI_DB_HOST: 'dolibarr-db', DOLI_DB_HOST_PORT: '3306', DOLI_DB_NAME: 'dolibarr', DOLI_DB_USER: 'dolibarr', DOLI_DB_PASSWORD: secret('dolibarr', 'db-password'),
      DOLI_URL_ROOT: 'https://books.shop.jdoe.dev', DOLI_ADMIN_LOGIN: 'admin', DOLI_ADMIN_PASSWORD: secret('dolibarr', 'admin-password'),
    },
    persistence: { documents: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/www/documents' } },
    exemptions: { runAsRoot: 'Apache binds port 80 and drops to www-data' },
  });
}

describe("a new user's small-business apps", () => {
  test('synthesize without a finding', () => {
    expect(shownFindings(shopLab)).toEqual([]);
  });
  test("Invoice Ninja's route goes to the nginx sidecar, not to PHP-FPM's FastCGI port listed first", () => {
    const route = sitesInMemory(shopLab).clusters[0].objects.find((o) => o.manifest.kind === 'IngressRoute' && o.manifest.metadata.name === 'invoiceninja');
    expect((route?.manifest as any).spec.routes[0].services[0].port).toBe(8080);
  });
});

describe("InvenTree's site URL", () => {
  const problems = (image: string, url: unknown) => inventreeSiteUrlProblems([{ container: { image, env: { INVENTREE_SITE_URL: url } }, prefix: '' } as never]);
  test('a host name alone is an error whose hint writes the URL', () => {
    expect(problems('ghcr.io/inventree/inventree:stable', 'parts.example.com/').map((p) => [p.field, p.hint])).toEqual([['env.INVENTREE_SITE_URL', "write the URL the browser opens, with its scheme: INVENTREE_SITE_URL: 'https://parts.example.com'"]]);
  });
  test.each([
    ['a URL with its scheme', 'inventree/inventree:0.17.4', 'HTTP://parts.lan:8000'],
    ['a value from a Secret', 'inventree/inventree:0.17.4', SecretReference.external('inventree', 'inventree', 'site-url')],
    ['an empty value', 'inventree/inventree:0.17.4', ''],
    ['another image', 'ghcr.io/acme/inventree-exporter:1.0.0', 'parts.example.com'],
  ])('%s is left alone', (_name, image, url) => {
    expect(problems(image, url)).toEqual([]);
  });
});
