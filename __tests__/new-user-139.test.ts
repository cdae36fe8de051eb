// A new user's fleet from the README alone: two sites (home, with a main cluster on MetalLB and a media cluster on
// the tailnet; the parents' house, with one Raspberry Pi cluster), one GitOps repository for all, and an app at the
// parents' that calls the home's status page. Written the obvious way it synthesizes with no error; the mistakes of a
// first fleet (a folder with capitals or spaces, one host name in two clusters, a Service called by its in-cluster
// name from another cluster, one host in two clusters, needs that name nothing) are each one finding.
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { buildFleet, ClusterChart, FleetDefinition, flux, HomelabApp, host, k3s, localPathStorage, metalLb, site, synthesize, synthesizeFleet, tailscaleLoadBalancer, traefik } from '../constructs';
import { recordConstructionError } from '../constructs/validation/construction-errors';

const nas = host('nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', cores: 4, memoryGigabytes: 16 });
const mini = host('mini', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.11', cores: 4, memoryGigabytes: 16 });
const home = site('home', { domain: 'home.example.org', hosts: [nas, mini], git: { url: 'https://github.com/jdoe/fleet.git' }, pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } } });
const pi = host('pi', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.2.10', cores: 4, memoryGigabytes: 8 });
const parents = site('parents', { domain: 'parents.example.org', hosts: [pi], git: { url: 'https://github.com/jdoe/fleet.git' }, pools: { vips: { first: '192.168.2.240', last: '192.168.2.250' } } });

const web = (c: ClusterChart, id: string, extra: Record<string, unknown> = {}) => new HomelabApp(c, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...extra });

const fleet = (o: { mediaId?: string; mediaHost?: string; parentsId?: string } = {}): FleetDefinition => ({
  clusters: [
    { folder: 'home/main', source: 'charts/home/main.ts', build: (s: Construct) => {
      const c = new ClusterChart(s, 'main', { site: home, hosts: [nas], routes: traefik({ address: home.pools.vips.at('192.168.1.240') }), loadBalancer: metalLb({ pools: [home.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(), preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })] });
      web(c, 'status', { route: { host: 'status' } });
      return c;
    } },
    { folder: `home/${o.mediaId ?? 'media'}`, source: 'charts/home/media.ts', build: (s: Construct) => {
      const c = new ClusterChart(s, o.mediaId ?? 'media', { site: home, hosts: [mini], routes: traefik({ tailnetName: 'traefik-media' }), loadBalancer: tailscaleLoadBalancer(), storage: { fast: localPathStorage() }, gitops: flux(), preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })] });
      web(c, 'jelly', { route: { host: o.mediaHost ?? 'jelly' } });
      return c;
    } },
    { folder: `parents/${o.parentsId ?? 'main'}`, source: 'charts/parents/main.ts', build: (s: Construct) => {
      const c = new ClusterChart(s, o.parentsId ?? 'main', { site: parents, hosts: [pi], routes: traefik({ address: parents.pools.vips.at('192.168.2.240')}), loadBalancer: metalLb({ pools: [parents.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(), preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })] });
      web(c, 'photos', { route: { host: 'photos' }, env: { STATUS_URL: 'https://status.home.example.org' } });
      return c;
    } },
  ],
});

const findingsOf = (f: FleetDefinition) => synthesizeFleet(new CdkApp(), f, { outdir: path.join(os.tmpdir(), 'new-user-139-unused'), write: false })
  .findings.filter((x) => x.severity === 'error' || x.layer !== 'schema').map((x) => `${x.severity} ${x.constructPath} ${x.field}: ${x.message} (${x.hint})`);
const errorsOf = (f: FleetDefinition) => findingsOf(f).filter((x) => x.startsWith('error'));

/** A cluster of `st` on `hs` with Traefik on host ports. */
const plain = (s: Construct, id: string, st: ClusterChart['site'], hs: Array<typeof nas>) => new ClusterChart(s, id, { site: st, hosts: hs, routes: traefik({ hostPorts: true }), storage: { fast: localPathStorage() }, gitops: flux() });

test('the fleet written the obvious way synthesizes with no finding', () => {
  expect(findingsOf(fleet())).toEqual([]);
});

test('a cluster named with capitals and a space is an error on its id', () => {
  expect(errorsOf(fleet({ mediaId: 'Media Server' }))).toEqual([
    'error home/Media Server id: cluster name "Media Server" is not an RFC 1123 label; it names the cluster\'s folder and objects (use lower-case letters, digits and \'-\', e.g. media-server)',
  ]);
});

test('one host name routed by two clusters of a site is an error on the later route', () => {
  expect(errorsOf(fleet({ mediaHost: 'status' }))).toEqual([
    expect.stringMatching(/^error home\/media\/jelly route\.host: status\.home\.example\.org is served already by cluster home\/main .*serve each host name from one cluster of the site/),
  ]);
});

test('a second site given the first one\'s domain is told to take a domain of its own', () => {
  const pi2 = host('pi2', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
  const aunt = site('aunt', { domain: 'home.example.org', hosts: [pi2], git: { url: 'https://github.com/jdoe/fleet.git' } });
  expect(errorsOf({ clusters: [
    { folder: 'home/main', source: 'a.ts', build: (s) => { const c = plain(s, 'main', home, [nas]); web(c, 'status', { route: { host: 'status' } }); return c; } },
    { folder: 'aunt/main', source: 'b.ts', build: (s) => { const c = plain(s, 'main', aunt, [pi2]); web(c, 'status', { route: { host: 'status' } }); return c; } },
  ] })).toEqual([expect.stringMatching(/^error aunt\/main\/status route\.host: .*give each site a domain of its own \(e\.g\. domain: 'aunt\.home\.example\.org'\)/)]);
});

test("an app that calls another cluster's Service by its short in-cluster name is warned of on that variable", () => {
  const warnings = findingsOf({ clusters: [
    { folder: 'home/main', source: 'a.ts', build: (s) => { const c = plain(s, 'main', home, [nas]); web(c, 'status'); return c; } },
    { folder: 'parents/main', source: 'b.ts', build: (s) => { const c = plain(s, 'main', parents, [pi]); web(c, 'photos', { env: { STATUS_URL: 'http://status.status:8080' } }); return c; } },
  ] }).filter((w) => w.includes('STATUS_URL'));
  expect(warnings).toEqual([expect.stringMatching(/^warning parents\/main\/photos env\.STATUS_URL: env STATUS_URL calls Service status\.status, which is in cluster home\/main, not in this one/)]);
});

test('a host given to a cluster of another site, or to two clusters, is an error on hosts', () => {
  expect(errorsOf({ clusters: [{ folder: 'parents/main', source: 'b.ts', build: (s) => plain(s, 'main', parents, [nas]) }] })).toEqual([
    'error parents/main hosts[0]: host nas is not a host of site "parents" (add it to the site\'s hosts, or take the cluster\'s hosts from site "parents")',
  ]);
  expect(errorsOf({ clusters: [
    { folder: 'home/main', source: 'a.ts', build: (s) => plain(s, 'main', home, [nas]) },
    { folder: 'home/media', source: 'b.ts', build: (s) => plain(s, 'media', home, [nas]) },
  ] })).toEqual([expect.stringMatching(/^error home\/media hosts\[0\]: host nas is a node of cluster home\/main already/)]);
});

test('needs that name an unknown cluster, the cluster itself, or a circle are errors on the definition', () => {
  expect(errorsOf({ clusters: [{ folder: 'home/main', source: 'a.ts', needs: ['home/db'], build: (s) => plain(s, 'main', home, [nas]) }] }))
    .toEqual([expect.stringMatching(/^error \(app\) clusters\[0\]\.needs\[0\]: cluster "home\/main" needs "home\/db", which is no cluster of the fleet/)]);
  expect(errorsOf({ clusters: [
    { folder: 'home/main', source: 'a.ts', needs: ['home/media'], build: (s) => plain(s, 'main', home, [nas]) },
    { folder: 'home/media', source: 'b.ts', needs: ['home/main'], build: (s) => plain(s, 'media', home, [mini]) },
  ] })).toEqual([expect.stringMatching(/^error \(app\) clusters\[1\]\.needs: clusters home\/main → home\/media → home\/main need each other in a circle/)]);
});

describe('a definition whose folder is not the folder its chart writes to', () => {
  const listedAs = (folder: string): FleetDefinition => ({ clusters: [{ folder, source: 'charts/home/main.ts', build: (s) => plain(s, 'main', home, [nas]) }] });

  test('written with the output folder in front is an error on that definition\'s folder, not on a construct named after it', () => {
    expect(errorsOf(listedAs('dist/home/main'))).toEqual([
      'error (app) clusters[0].folder: the fleet lists this cluster as "dist/home/main", but its chart "main" of site "home" writes to "home/main"'
        + " (give the definition the folder `<site name>/<chart id>` of the chart its build returns: folder: 'home/main'; it is taken under the outdir of runSynthCli, which is no part of it)",
    ]);
  });

  test('written with capitals, the hint writes the folder as the chart has it', () => {
    expect(errorsOf(listedAs('Home/Main'))).toEqual([
      'error (app) clusters[0].folder: the fleet lists this cluster as "Home/Main", but its chart "main" of site "home" writes to "home/main"'
        + " (give the definition the folder `<site name>/<chart id>` of the chart its build returns: folder: 'home/main')",
    ]);
  });

  test('buildFleet refuses it on the same field', () => {
    let thrown: any;
    try {
      buildFleet(new CdkApp(), listedAs('dist/home/main'));
    } catch (error) {
      thrown = error;
    }
    expect([thrown?.field, thrown?.hint]).toEqual(['clusters[0].folder', expect.stringContaining("folder: 'home/main'")]);
  });

  test('buildFleet\'s refusal, recorded as runSynthCli records it, is reported on the app as the fleet\'s own findings are', () => {
    const app = new CdkApp();
    try {
      buildFleet(app, listedAs('dist/home/main'));
    } catch (error) {
      recordConstructionError(app, error);
    }
    const found = synthesize(app, { outdir: path.join(os.tmpdir(), 'new-user-139-unused'), write: false }).findings.filter((f) => f.severity === 'error');
    expect(found.map((f) => `${f.constructPath} ${f.field}`)).toEqual(['(app) clusters[0].folder']);
  });
});

describe('a VPS given its provider-network address as its public address', () => {
  const fleetOn = (publicAddress: string): FleetDefinition => {
    const vps1 = host('vps1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.0.5', publicAddress, cores: 2, memoryGigabytes: 4 });
    const vps = site('vps', { domain: 'vps.example.org', hosts: [vps1], git: { url: 'https://github.com/jdoe/fleet.git' } });
    return { clusters: [{ folder: 'vps/edge', source: 'charts/vps/edge.ts', build: (s) => { const c = plain(s, 'edge', vps, [vps1]); web(c, 'blog', { route: { host: 'blog' } }); return c; } }] };
  };

  test('is an error on the host\'s publicAddress, whose hint tells the two addresses apart', () => {
    expect(errorsOf(fleetOn('10.0.0.5'))).toEqual([
      expect.stringMatching(/^error \S+ publicAddress: .*publicAddress 10\.0\.0\.5 is a private address, which no machine on the internet reaches .*give the address the internet reaches the host at/),
    ]);
  });

  test('as the public target of split-horizon DNS, it is that one error, not a second on dns.publicTarget', () => {
    const vps1 = host('vps2', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.0.6', publicAddress: '10.0.0.6' });
    const vps = site('vps2', { domain: 'vps2.example.org', hosts: [vps1], git: { url: 'https://github.com/jdoe/fleet.git' } });
    const errors = errorsOf({ clusters: [{ folder: 'vps2/edge', source: 'charts/vps2/edge.ts',
      build: (s) => new ClusterChart(s, 'edge', { site: vps, hosts: [vps1], routes: traefik({ hostPorts: true }), storage: {}, gitops: flux(), dns: { publicTarget: vps1 } } as any) }] });
    expect(errors.filter((e) => /publicAddress|publicTarget: .*public address/.test(e))).toEqual([expect.stringMatching(/^error \S+ publicAddress: publicAddress 10\.0\.0\.6 is a private address/)]);
  });

  test('its public address is taken', () => {
    expect(errorsOf(fleetOn('203.0.113.7'))).toEqual([]);
  });
});
