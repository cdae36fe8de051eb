import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppVolume, ClusterChart, flux, host, k3s, localPathStorage, metalLb, site, traefik } from '../constructs';
import type { AppProps, Site } from '../constructs';
import { aboutTheLab, synthInMemory } from './support/synth';

// A programmer's two-site lab, generated from data as the README's examples allow: the services are a table (as
// read from a YAML file), a `makeCluster()` builds the home cluster (three amd64 nodes on K3s) and the VPS alike,
// a loop makes the apps from one shared props object spread into each, and a Chart of the user's own holds a
// ConfigMap beside them.

interface ServiceRow { readonly name: string; readonly port: number; readonly memory: string; readonly host?: string; readonly disk?: string; readonly site: 'home' | 'vps' }

const SERVICES: ServiceRow[] = [
  ...Array.from({ length: 36 }, (_, i): ServiceRow => ({ name: `svc${String(i).padStart(2, '0')}`, port: 8080, memory: '128Mi', host: i % 3 === 0 ? `svc${i}` : undefined, site: 'home' })),
  { name: 'notes', port: 8080, memory: '256Mi', disk: '2Gi', host: 'notes', site: 'home' },
  { name: 'status', port: 8080, memory: '64Mi', host: 'status', site: 'vps' },
  { name: 'www', port: 8080, memory: '64Mi', host: 'www', site: 'vps' },
  { name: 'links', port: 8080, memory: '64Mi', site: 'vps' },
];

const homeNodes = ['nu52-n1', 'nu52-n2', 'nu52-n3'].map((name, i) => host(name, {
  arch: 'amd64', roles: i === 0 ? ['control-plane', 'worker'] : ['worker'], address: `10.52.0.${11 + i}`,
}));
const vpsNode = host('nu52-vps', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '203.0.113.52' });
const home = site('nu52-home', {
  domain: 'home.test', hosts: homeNodes, git: { url: 'https://git.home.test/lab.git' }, pools: { vips: { first: '10.52.8.10', last: '10.52.8.20' } },
});
const vps = site('nu52-vps', {
  domain: 'vps.test', hosts: [vpsNode], git: { url: 'https://git.home.test/lab.git' }, pools: { vips: { first: '203.0.113.60', last: '203.0.113.60' } },
});

/** What every app shares, spread into each app's props. */
const COMMON: Partial<AppProps> = { image: 'nginxinc/nginx-unprivileged:1.27.0', probes: { readiness: { httpPath: '/' } } };

function makeCluster(scope: Construct, st: Site, hosts: ReturnType<typeof host>[], ingress: string, rows: readonly ServiceRow[]): ClusterChart {
  const cluster = new ClusterChart(scope, 'main', {
    site: st, hosts, storage: { fast: localPathStorage() }, gitops: flux(), preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: traefik({ address: st.pools.vips.at(ingress) }), loadBalancer: metalLb({ pools: [st.pools.vips] }),
  });
  for (const row of rows) {
    new App(cluster, row.name, {
      ...COMMON,
      image: COMMON.image!,
      ports: [{ name: 'http', port: row.port }],
      resources: { memoryRequest: row.memory, memoryLimit: row.memory },
      ...(row.host ? { route: { host: row.host } } : {}),
      ...(row.disk ? { persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: row.disk }), mountPath: '/data' } } } : {}),
    });
  }
  const extras = new Chart(cluster, 'extras');
  new ApiObject(extras, 'motd', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'motd', namespace: rows[0].name }, data: { 'motd.txt': `Welcome to ${st.name}, built 2024-01-01T00:00:00Z` },
  });
  return cluster;
}

/** The lab; each site's clusters under a construct of its own name, as a fleet builds them. */
const generatedLab = (scope: Construct): void => {
  const { Construct: Holder } = require('constructs') as typeof import('constructs');
  makeCluster(new Holder(scope, 'home'), home, homeNodes, '10.52.8.10', SERVICES.filter((s) => s.site === 'home'));
  makeCluster(new Holder(scope, 'vps'), vps, [vpsNode], '203.0.113.60', SERVICES.filter((s) => s.site === 'vps'));
};

describe("a programmer's lab generated from data", () => {
  test('synthesizes without an error or a warning, byte for byte the same on a second run', () => {
    const first = synthInMemory(generatedLab);
    expect(aboutTheLab(first.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
    expect(first.clusters.map((c) => c.objects.filter((o) => o.manifest.kind === 'Deployment').length)).toEqual([37, 3]);
    const second = synthInMemory(generatedLab);
    expect([...second.files]).toEqual([...first.files]);
  });

  test('a time written by hand, a digest or a computed fraction is no reading of the clock or of Math.random()', () => {
    const findings = synthInMemory((scope) => {
      const cluster = makeCluster(new (require('constructs').Construct)(scope, 'home'), home, homeNodes, '10.52.8.10', SERVICES.slice(0, 1));
      new App(cluster, 'pinned', {
        ...COMMON, image: 'nginxinc/nginx-unprivileged@sha256:1234567890123456789012345678901234567890123456789012345678901234',
        ports: [{ name: 'http', port: 8080 }],
        labels: { since: '1700000000', ratio: '0.5', release: '2024-06-01T12-00-00Z' },
        env: { STARTED: '2024-06-01T12:00:00.000Z', SCALE: String(1 / 3), SUM: String(0.1 + 0.2), EPOCH_MS: '1700000000000' },
      });
    }).findings;
    expect(aboutTheLab(findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test('one value of the clock written into several objects is one error, on the app that wrote it', () => {
    const findings = synthInMemory((scope) => {
      const cluster = makeCluster(new (require('constructs').Construct)(scope, 'home'), home, homeNodes, '10.52.8.10', SERVICES.slice(0, 1));
      new App(cluster, 'stamped', { ...COMMON, image: COMMON.image!, ports: [{ name: 'http', port: 8080 }], labels: { deployed: String(Date.now()) } });
    }).findings;
    const errors = aboutTheLab(findings).filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.constructPath} ${f.field}`)).toEqual(['home/main/stamped labels.deployed']);
    expect(errors[0].message).toMatch(/as 2 other objects of the cluster do/);
  });

  test('one props object changed between two apps of a loop leaves the app made before as it was given', () => {
    const result = synthInMemory((scope) => {
      const cluster = makeCluster(new (require('constructs').Construct)(scope, 'home'), home, homeNodes, '10.52.8.10', SERVICES.slice(0, 1));
      const shared: AppProps = { ...COMMON, image: COMMON.image!, ports: [{ name: 'http', port: 8080 }], replicas: 1, headless: false };
      new App(cluster, 'first', shared);
      Object.assign(shared, { replicas: 2, headless: true });
      new App(cluster, 'second', shared);
    });
    const manifests = result.clusters[0].objects.map((o) => o.manifest as any);
    const of = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
    expect([of('Deployment', 'first').spec.replicas, of('Deployment', 'second').spec.replicas]).toEqual([1, 2]);
    expect([of('Service', 'first').spec.clusterIP, of('Service', 'second').spec.clusterIP]).toEqual([undefined, 'None']);
  });
});
