import { App as CdkApp } from 'cdk8s';
import { ChartRelease, ClusterChart, flux, host, metalLb, servesPorts, SealedSecret, SecretReference, site, SopsSecret, traefik } from '../constructs';
import type { ClusterChartProps } from '../constructs';
import { guarded, lab, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// A newcomer's mistake on the platform is one error, where it was made: not one more where the choice the
// mistake left empty is read.

/** The errors of the lab's cluster built with `props`, and `more` added to it, as `[layer] path field`. */
function errorsOf(props: Partial<ClusterChartProps>, more: (cluster: ClusterChart) => void = () => undefined): string[] {
  const app = new CdkApp();
  guarded((scope: CdkApp) => more(labCluster(scope, 'main', props)))(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`);
}

test('MetalLB given no pool, under an ingress address of a pool, is one error on its pools', () => {
  expect(errorsOf({ loadBalancer: metalLb({ pools: [] }), routes: traefik({ address: lab.pools.vips.at('10.0.8.10') }) })).toEqual(['[props] main loadBalancer.pools']);
});

test("MetalLB given its IPAddressPool's addresses is one error on them, not one more for its missing pools", () => {
  expect(errorsOf({ loadBalancer: metalLb({ addresses: ['10.0.8.10-10.0.8.20'] } as any) })).toEqual(['[props] main loadBalancer.addresses']);
});

test('a SealedSecret given stringData is one error on it, not one more for its missing encryptedData', () => {
  expect(errorsOf({}, (c) => new SealedSecret(c, 'db', { namespace: 'web', stringData: { password: 'hunter2' } } as any))).toEqual(['[props] main/db stringData']);
});

test('a SOPS-encrypted Secret without its namespace is one error on the manifest, not one more on the object it would render', () => {
  const enc = 'ENC[AES256_GCM,data:m,iv:i,tag:t,type:str]';
  const manifest = {
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: enc },
    sops: { mac: enc, age: [{ recipient: 'age1x', enc: '---' }], lastmodified: '2024-01-01T00:00:00Z', version: '3.9.0' },
  };
  expect(errorsOf({ gitops: flux({ sopsSecretName: 'sops-age' }) }, (c) => new SopsSecret(c, 'db', { manifest })))
    .toEqual(['[policy] main/db manifest.metadata.namespace']);
});

test("Flux's notifications given as a list of one are one error on notifications, not one more per key the list lacks", () => {
  const address = SecretReference.external('flux-system', 'discord-webhook', 'address');
  expect(errorsOf({ gitops: flux({ notifications: [{ provider: 'discord', address }] } as any) })).toEqual(['[props] main gitops.notifications']);
});

test("a ZFS pool's dedup written as a switch is one error on the fact, not one more on the StorageClass it renders", () => {
  const app = new CdkApp();
  guarded((scope: CdkApp) => {
    const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.7.10', zfsPools: { tank: { media: 'ssd', dedup: true } as any } });
    const home = site('zfs-home', { domain: 'home.jaxlab.dev', hosts: [nuc], git: { url: 'https://github.com/me/home.git' } });
    new ClusterChart(scope, 'main', { site: home, hosts: [nuc], routes: traefik({ nodePorts: true }), storage: { fast: nuc.zfs.tank }, gitops: flux() });
  })(app);
  const errors = synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`);
  expect(errors).toEqual(['[inventory] inventory/host/nuc/zfsPools/tank dedup']);
});

test("a chart release pinned to 'latest' is one error on its version, not one more on the engine's object that names it", () => {
  expect(errorsOf({}, (c) => new ChartRelease(c, 'wiki', {
    namespace: 'wiki', chart: { repository: 'https://charts.example.com', chart: 'wiki', version: 'latest' }, network: servesPorts({ port: 8080, purpose: 'web' }),
  }))).toEqual(['[policy] main/wiki chart.version']);
});
