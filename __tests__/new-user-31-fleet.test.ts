import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { ClusterChart, FleetDefinition, flux, HomelabApp, host, localPathStorage, metalLb, site, synthesizeFleet, traefik } from '../constructs';

// A fleet of several clusters written from the README's fleet definition: what a build function makes
// beyond its own chart, an ingress on MetalLB given no address, and an app that calls another cluster's.

const h1 = host('h1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.10.11' });
const h2 = host('h2', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.10.12' });
const home = site('home', {
  domain: 'home.test', hosts: [h1, h2], git: { url: 'https://git.home.test/lab.git' },
  pools: { vips: { first: '192.168.10.200', last: '192.168.10.210' }, auto: { first: '192.168.10.211', last: '192.168.10.220', autoAssign: true } },
});

/** Cluster `id` of site home on `node`, with `routes` and a MetalLB that serves `pools` (none: no load balancer). */
const cluster = (scope: Construct, id: string, node: typeof h1, pools: Array<keyof typeof home.pools> = []) => new ClusterChart(scope, id, {
  site: home, hosts: [node], routes: pools.length > 0 ? traefik() : traefik({ hostPorts: true }), storage: { fast: localPathStorage() }, gitops: flux(),
  ...(pools.length > 0 ? { loadBalancer: metalLb({ pools: pools.map((p) => home.pools[p]) }) } : {}),
});

const findingsOf = (fleet: FleetDefinition, severity: 'error' | 'warning') =>
  synthesizeFleet(new CdkApp(), fleet, { outdir: path.join(os.tmpdir(), 'new-user-31-unused'), write: false })
    .findings.filter((f) => f.severity === severity).map((f) => `${f.constructPath} ${f.field}: ${f.message} (${f.hint})`);

describe('a build function that makes a second cluster the fleet does not list', () => {
  test('is one error on that build, naming the cluster and the definition to give it', () => {
    const fleet: FleetDefinition = {
      clusters: [{
        folder: 'home/main', source: 'charts/home/main.ts',
        build: (s) => {
          cluster(s, 'edge', h2);
          return cluster(s, 'main', h1);
        },
      }],
    };
    expect(findingsOf(fleet, 'error')).toEqual([
      '(app) clusters[0].build: the build of cluster "home/main" built cluster "home/edge" too, which the fleet does not list: it would be left out of the output'
        + " (give it a definition of its own: { folder: 'home/edge', source, build: (site) => new ClusterChart(site, 'edge', { … }) })",
    ]);
  });

  test('a cluster it reads through needed() is no second cluster of its own', () => {
    const fleet: FleetDefinition = {
      clusters: [
        { folder: 'home/main', source: 'charts/home/main.ts', build: (s) => cluster(s, 'main', h1) },
        { folder: 'home/edge', source: 'charts/home/edge.ts', needs: ['home/main'], build: (s, needed) => (needed('home/main'), cluster(s, 'edge', h2)) },
      ],
    };
    expect(findingsOf(fleet, 'error')).toEqual([]);
  });
});

describe('Traefik on MetalLB given no address', () => {
  const fleetOf = (pools: Array<keyof typeof home.pools>): FleetDefinition => ({
    clusters: [{ folder: 'home/main', source: 'charts/home/main.ts', build: (s) => cluster(s, 'main', h1, pools) }],
  });

  test('where no pool hands out addresses unasked, the warning says its Service would wait with none, and names an address to fix', () => {
    expect(findingsOf(fleetOf(['vips']), 'warning').filter((w) => w.includes('routes.address'))).toEqual([
      'home/main routes.address: Traefik is given no address, and no pool of the metallb load balancer of cluster "main" hands one out to a Service that names none'
        + ' (autoAssign is false unless set): its Service would wait with no address, and no route would be reached'
        + " (set traefik({ address: site.pools.vips.at('192.168.10.200') }), or autoAssign: true on pool \"vips\" in the site's inventory)",
    ]);
  });

  test('where a pool hands out addresses unasked, the warning says DNS records must follow the one it picks', () => {
    expect(findingsOf(fleetOf(['vips', 'auto']), 'warning').filter((w) => w.includes('routes.address'))).toEqual([
      'home/main routes.address: Traefik\'s address is not fixed: the metallb load balancer of cluster "main" picks one, which DNS records must then follow'
        + " (set traefik({ address: site.pools.vips.at('192.168.10.200') }))",
    ]);
  });
});

describe('an app that calls a Service of another cluster by its in-cluster name', () => {
  test("is warned of, with the other cluster's route or address as the way to reach it", () => {
    const app = (c: ClusterChart, id: string, env: Record<string, string> = {}) => new HomelabApp(c, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], env });
    const fleet: FleetDefinition = {
      clusters: [
        { folder: 'home/main', source: 'charts/home/main.ts', build: (s) => { const c = cluster(s, 'main', h1); app(c, 'db'); return c; } },
        { folder: 'home/edge', source: 'charts/home/edge.ts', build: (s) => { const c = cluster(s, 'edge', h2); app(c, 'web', { DB_URL: 'http://db.db.svc.cluster.local:8080' }); return c; } },
      ],
    };
    expect(findingsOf(fleet, 'warning').filter((w) => w.includes('env.DB_URL'))).toEqual([
      expect.stringMatching(/^home\/edge\/web env\.DB_URL: env DB_URL calls Service db\.db, which is in cluster home\/main, not in this one .*\(cluster home\/main exposes it nowhere outside: deploy db in namespace "db" of this cluster too, or expose it there \(a route, or a LoadBalancer Service with an address\) and call that address\)$/),
    ]);
  });
});
