import { App as CdkApp } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterChart, flux, host, k3s, localPathStorage, site, tailscaleLoadBalancer, traefik } from '../../constructs';
import type { AddressPoolProps, ClusterChartProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labApp } from './lab';

// A new user adds a second site from the README alone: a one-node K3s cluster at the parents' house, on a
// sub-domain of the lab's domain, beside the lab's cluster, the two reached from each other over one tailnet.
// Each mistake passed synthesis, or was told with a hint that changed the wrong site.

/** The site `parents` (domain `parents.lab.test`, `facts` added) with one mini PC, and its cluster `main` with `cluster` applied; `apps` adds to it. */
function parentsSite(apps: (parents: ClusterChart) => void, cluster: Partial<ClusterChartProps> = {}, facts: { readonly pools?: Record<string, AddressPoolProps> } = {}) {
  return (app: CdkApp): void => {
    const mini = host('parents-mini', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.50.10' });
    const parents = site('parents', { domain: 'parents.lab.test', hosts: [mini], git: { url: 'https://git.lab.test/lab.git' }, ...facts });
    apps(new ClusterChart(new Construct(app, 'parents'), 'main', {
      site: parents, hosts: [mini], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), loadBalancer: tailscaleLoadBalancer(),
      storage: { fast: localPathStorage() }, gitops: flux(), ...cluster,
    }));
  };
}

/** The lab cluster changed by `lab`, beside the parents' site of `parents`. */
function fleet(lab: (c: ClusterChart) => void, parents: (app: CdkApp) => void) {
  return guarded((c: ClusterChart, app: CdkApp) => {
    lab(c);
    parents(app);
  });
}

export const CASES: BadInput[] = [
  // The lab's dashboard was written with the parents' Grafana name in full, copied from their site; the hint used
  // to move the parents' site to another domain, where the lab's route is the one in the wrong domain.
  {
    name: "a route of the lab written in full under the parents' sub-domain, which their cluster serves",
    build: fleet(labApp('dashboards', { route: { host: 'grafana.parents.lab.test' } }), parentsSite(labApp('grafana', { route: { host: 'grafana' } }))),
    layer: 'inventory', path: 'dashboards', field: 'route.host', message: /domain of site parents/, hint: /host: 'grafana'/,
  },
  // Told to rename the parents' Traefik on the shared tailnet, the owner wrote its MagicDNS name in full.
  {
    name: "Traefik's tailnet name written as its full MagicDNS name",
    build: fleet(() => undefined, parentsSite(() => undefined, { routes: traefik({ tailnetName: 'traefik-parents.tail1234.ts.net' }) })),
    layer: 'props', path: 'parents/main', field: /tailnetName$/, hint: /tailnetName: 'traefik-parents'/,
  },
  // The parents' pool was given the lab's pool object, which the type checker took as a range; the error spoke of
  // a fact "name" of the pool.
  {
    name: "the lab's pool object given as the parents' site pool",
    build: fleet(() => undefined, parentsSite(() => undefined, {}, { pools: { vips: lab.pools.vips } })),
    layer: 'inventory', path: 'inventory/site/parents', field: 'pools.vips', message: /of another site's inventory/, hint: /first: '10\.0\.8\.10', last: '10\.0\.8\.20'/,
  },
];
