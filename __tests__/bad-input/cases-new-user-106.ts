import { ApiObject } from 'cdk8s';
import { App, ClusterChart, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user runs the family business's apps from the README alone: Odoo, InvenTree, Invoice Ninja and Dolibarr.
// Invoice Ninja's image is PHP-FPM, which speaks FastCGI on 9000 to an nginx beside it: a route to that port
// passed synthesis and answered every browser with a 502. InvenTree exits as it starts when its site URL has no scheme.

/** Invoice Ninja's PHP-FPM container with an nginx sidecar serving HTTP on 8080, `props` added. */
const invoiceNinja = (fpm: string, props: Record<string, unknown> = {}) => guarded((cluster: ClusterChart) => new App(cluster, 'invoiceninja', {
  image: 'invoiceninja/invoiceninja:5.10.43', ports: [{ name: fpm, port: 9000 }],
  env: { APP_URL: 'https://invoices.lab.test', APP_KEY: SecretReference.external('invoiceninja', 'invoiceninja', 'app-key') },
  sidecars: [{ name: 'nginx', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] }],
  ...props,
} as never));

/** InvenTree's background worker on PostgreSQL, its site URL `siteUrl`. */
const inventreeWorker = (siteUrl: string) => guarded((cluster: ClusterChart) => new App(cluster, 'inventree-worker', {
  image: 'inventree/inventree:0.17.4', command: ['invoke', 'worker'],
  env: { INVENTREE_DB_ENGINE: 'postgresql', INVENTREE_DB_HOST: 'inventree-db', INVENTREE_DB_NAME: 'inventree', INVENTREE_SITE_URL: siteUrl },
}));

export const CASES: BadInput[] = [
  { name: "InvenTree's site URL written as its host name alone", build: inventreeWorker('parts.lab.test'), layer: 'props', path: 'inventree-worker', field: 'env.INVENTREE_SITE_URL', hint: /INVENTREE_SITE_URL: 'https:\/\/parts\.lab\.test'/ },
  { name: "a route sent to PHP-FPM's FastCGI port", build: invoiceNinja('fpm', { route: { host: 'invoices', port: 9000 } }), layer: 'references', path: 'invoiceninja', field: 'route.port', hint: /fastcgi_pass/ },
  {
    name: 'a hand-written IngressRoute to the php-fpm port of the Service',
    build: guarded((cluster: ClusterChart) => {
      new App(cluster, 'invoiceninja', { image: 'invoiceninja/invoiceninja:5.10.43', ports: [{ name: 'php-fpm', port: 9000 }], allowFrom: [{ namespace: 'traefik' }] });
      new ApiObject(cluster, 'ir', {
        apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'invoices', namespace: 'invoiceninja' },
        spec: { entryPoints: ['websecure'], routes: [{ kind: 'Rule', match: 'Host(`invoices.lab.test`)', services: [{ name: 'invoiceninja', port: 9000 }] }] },
      });
    }),
    layer: 'references', path: 'ir', field: /spec\.routes\[0\]\.services\[0\]\.port/, hint: /fastcgi_pass/,
  },
];
