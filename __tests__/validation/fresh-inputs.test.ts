import type { Construct } from 'constructs';
import {
  App, AppVolume, ClusterChart, externalHost, ExternalService, flux, host, metalLb, Ollama, site, traefik,
} from '../../constructs';
import { runSynthCli } from '../../constructs/synth/cli';
import { prepopulatedOutdir, snapshotTree } from '../bad-input/lab';

// Bad inputs written the way a new user writes them, outside the corpus: each goes through the command
// line path and must end in findings (exit 1), never in a stack trace, with dist/ left as it was.

/** A one-cluster lab declared inside `define`, as a user's charts would. */
function userLab(scope: Construct, tweak: { hostProps?: Record<string, unknown>; siteProps?: Record<string, unknown>; cluster?: Record<string, unknown> } = {}) {
  const box: any = host('box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', memoryGigabytes: 32, gpus: [{ vendor: 'intel' }], zfsPools: { tank: { media: 'hdd' } }, ...tweak.hostProps } as any);
  const home: any = site('home', {
    domain: 'home.example', hosts: [box], pools: { lb: { first: '192.168.1.200', last: '192.168.1.220' } },
    git: { url: 'https://git.home.example/lab/gitops.git' }, ...tweak.siteProps,
  } as any);
  const cluster = new ClusterChart(scope, 'main', {
    site: home, hosts: [box], routes: traefik({ address: home.pools.lb.at('192.168.1.200') }),
    loadBalancer: metalLb({ pools: [home.pools.lb] }), storage: { fast: box.zfs.tank }, gitops: flux(), ...tweak.cluster,
  } as any);
  return { box, home, cluster };
}

const web = (cluster: ClusterChart, props: Record<string, unknown> = {}, id = 'blog') =>
  new App(cluster, id, { image: 'ghost:5.96.0', ports: [{ name: 'http', port: 2368 }], route: { host: 'blog' }, ...props } as any);

const FRESH: Array<[string, (scope: Construct) => void]> = [
  ['replicas misspelt', (s) => web(userLab(s).cluster, { replica: 2 })],
  ['port given as a string', (s) => web(userLab(s).cluster, { ports: [{ name: 'http', port: '2368' }] })],
  ['port 80000', (s) => web(userLab(s).cluster, { ports: [{ name: 'http', port: 80000 }] })],
  ['memory written as 2GB', (s) => web(userLab(s).cluster, { resources: { memoryLimit: '2GB' } })],
  ['cpu given as a sentence', (s) => web(userLab(s).cluster, { resources: { cpuRequest: 'half a core' } })],
  ['image with upper case and a space', (s) => web(userLab(s).cluster, { image: 'Ghost: 5.96' })],
  ['image with no tag', (s) => web(userLab(s).cluster, { image: 'ghost' })],
  ['placement on a host named by a string', (s) => web(userLab(s).cluster, { placement: { host: 'box' } })],
  ['placement on a host of no cluster', (s) => web(userLab(s).cluster, { placement: { host: host('ghost-box', { arch: 'amd64', address: '192.168.1.99' }) } })],
  ['GPU of a vendor the lab lacks', (s) => web(userLab(s).cluster, { gpu: { vendor: 'nvidia' } })],
  ['two Intel GPUs on a host with one', (s) => web(userLab(s).cluster, { gpu: { vendor: 'intel', count: 2 } })],
  ['load-balancer address outside the pool', (s) => { const { cluster, home } = userLab(s); web(cluster, { loadBalancer: { address: home.pools.lb.at('192.168.1.50') } }); }],
  ['load-balancer address as a plain string', (s) => web(userLab(s).cluster, { loadBalancer: { address: '192.168.1.201' } })],
  ['host address with a typo', (s) => web(userLab(s, { hostProps: { address: '192.168.1.1O' } }).cluster)],
  ['pool written backwards', (s) => web(userLab(s, { siteProps: { pools: { lb: { first: '192.168.1.220', last: '192.168.1.200' } } } }).cluster)],
  ['site without Git but with Flux', (s) => web(userLab(s, { siteProps: { git: undefined } }).cluster)],
  ['env value from an unset variable', (s) => web(userLab(s).cluster, { env: { DATABASE_URL: process.env.HOMELAB_SURELY_UNSET_VARIABLE } })],
  ['env name with a colon', (s) => web(userLab(s).cluster, { env: { 'NODE:ENV': 'production' } })],
  ['mount path without a slash', (s) => web(userLab(s).cluster, { persistence: { content: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: 'var/lib/ghost' } } })],
  ['claim on a tier that does not exist', (s) => web(userLab(s).cluster, { persistence: { content: { volume: AppVolume.claim({ tier: 'ssd', size: '5Gi' }), mountPath: '/data' } } })],
  ['negative replicas', (s) => web(userLab(s).cluster, { replicas: -1 })],
  ['Ollama asking for more memory than its limit', (s) => new Ollama(userLab(s).cluster, 'ollama', { accelerator: 'cpu', memoryRequest: '12Gi', memoryLimit: '2Gi' })],
  ['app in kube-system', (s) => web(userLab(s).cluster, { namespace: 'kube-system' })],
  ['two apps on one name', (s) => { const { cluster } = userLab(s); web(cluster, {}, 'blog'); web(cluster, { route: { host: 'blog2' } }, 'blog'); }],
  ['external service on a port the machine does not list', (s) => {
    const nas = externalHost('nas', { address: '192.168.1.5', ports: { smb: 445 } });
    const { cluster } = userLab(s, { siteProps: { externalHosts: { nas } } });
    new ExternalService(cluster, 'files', { host: nas, service: 'webdav' } as any);
  }],
  ['cluster without routes', (s) => userLab(s, { cluster: { routes: undefined } })],
  ['App outside a cluster', (s) => new App(s, 'stray', { image: 'nginxinc/nginx-unprivileged:1.27.0' })],
  ['App given no props', (s) => new App(userLab(s).cluster, 'blog', undefined as any)],
];

describe('fresh bad inputs through the command line: findings, exit 1, no stack trace, dist/ unchanged', () => {
  test.each(FRESH)('%s', (_name, define) => {
    const outdir = prepopulatedOutdir();
    const before = snapshotTree(outdir);
    const lines: string[] = [];
    const status = runSynthCli(define, { outdir, argv: [], log: (line) => lines.push(line) });
    const output = lines.join('\n');
    expect(status).toBe(1);
    expect(output).not.toMatch(/^\s{4}at /m);
    expect(output).toMatch(/^ERROR \[/m);
    expect(output).toMatch(/hint: /);
    expect(snapshotTree(outdir)).toEqual(before);
  });
});
