import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, ClusterChart, CrossplanePostgres, flux, promotionChain, SealedSecret, SecretReference, SopsSecret } from '../constructs';
import { gpu1, guarded, lab, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// Methods called after construction with values of every wrong kind, one argument at a time: each failed with
// a TypeError of the library's own code ("names is not iterable", "Cannot read properties of null (reading
// 'includes')", "this.prepareHooks[i] is not a function" once synthesis began), or named "[object Object]".

/** The error findings of the lab with `build` run in its cluster as a definition runs. */
function errorsOf(build: (cluster: ClusterChart) => unknown): Array<{ constructPath: string; field?: string; message: string; hint?: string }> {
  const app = new CdkApp();
  guarded(build)(labCluster(app));
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error');
}

const web = (cluster: ClusterChart) => new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }] });
const traefikOf = (cluster: ClusterChart) => cluster.platform.get('traefik')!;
const sealed = (cluster: ClusterChart) => new SealedSecret(cluster, 'db', { namespace: 'web', encryptedData: { password: `Ag${'B'.repeat(720)}==` } });
const pgClaim = (cluster: ClusterChart) => new CrossplanePostgres(cluster, 'pg', { group: 'database.lab.internal', storageTier: 'fast', claimNamespaces: ['web'] })
  .claim(cluster, 'db', { namespace: 'web', dbName: 'app', dbUser: 'app', password: SecretReference.external('web', 'db', 'password') });
const chain = (props: Record<string, unknown> = {}) => promotionChain({ stages: ['main'], pins: { app: { main: '1.0' } }, ...props } as any);

test.each<[string, (c: ClusterChart) => unknown, string, string, RegExp]>([
  ['namespaces.leaveOut with one name', (c) => c.namespaces.leaveOut('flux-system' as any), 'main/namespaces', 'leaveOut.names', /was given "flux-system" for leaveOut\.names, not a list/],
  ['namespaces.leaveOut with null', (c) => c.namespaces.leaveOut(null as any), 'main/namespaces', 'leaveOut.names', /was given null for leaveOut\.names, not a list/],
  ['namespaces.leaveOut with a Map', (c) => c.namespaces.leaveOut(new Map([['a', 1]]) as any), 'main/namespaces', 'leaveOut.names', /was given \["a", 1\] for leaveOut\.names, not text/],
  ['hostname of null', (c) => c.hostname(null as any), 'main', 'hostname.host', /hostname\(\) was given null for hostname\.host, not text/],
  ['hostname of a number', (c) => c.hostname(7 as any), 'main', 'hostname.host', /was given 7/],
  ['nodeTaints of no host', (c) => c.nodeTaints(undefined as any), 'main', 'nodeTaints.host', /nodeTaints\(\) was given undefined for host, not a host of the inventory/],
  ['nodeLabels of a host name', (c) => c.nodeLabels('gpu1' as any), 'main', 'nodeLabels.host', /nodeLabels\(\) was given "gpu1" for host, not a host of the inventory/],
  ['onPrepare with no function', (c) => c.onPrepare('later' as any), 'main', 'onPrepare.hook', /onPrepare\(\) was given "later" for onPrepare\.hook, not a function/],
  ['onPlatformPrepare with null', (c) => c.onPlatformPrepare(null as any), 'main', 'onPlatformPrepare.hook', /was given null for onPlatformPrepare\.hook, not a function/],
  ['addValues of null', (c) => traefikOf(c).addValues(null as any), 'main/platform/installs/traefik', 'addValues.values', /addValues\(\) was given null for addValues\.values, not an object/],
  ['addDependency of an object', (c) => traefikOf(c).addDependency({ name: 'metallb' } as any), 'main/platform/installs/traefik', 'addDependency.name', /was given \{"name":"metallb"\} for addDependency\.name, not text/],
  ['readsSecret of a number', (c) => traefikOf(c).readsSecret('traefik', 7 as any), 'main/platform/installs/traefik', 'readsSecret.name', /was given 7 for readsSecret\.name, not text/],
  ['a SealedSecret key of null', (c) => web(c).addEnv('PW', sealed(c).key(null as any)), 'main/db', 'key.name', /key\(\) was given null for key\.name, not text/],
  ['a database claim key of a number', (c) => web(c).addEnv('PW', pgClaim(c).key(7 as any)), 'main/db', 'key.name', /key\(\) was given 7 for key\.name, not text/],
  ['an NFS sub-path of a number', (c) => web(c).addVolume('media', AppVolume.nfs(lab.nfs.share, lab.nfs.share.subPath(7 as any)), { mountPath: '/media' }), 'main', 'subPath.relative', /subPath\(\) was given 7 for subPath\.relative, not text/],
  ['the fqdn of no host', (c) => web(c).addEnv('HOST', lab.fqdn(undefined as any)), 'main', 'fqdn.target', /fqdn\(\) was given undefined, not a host or a host name/],
  ['the placeholders of hosts given as one', () => lab.placeholders(gpu1 as any), 'main', 'placeholders.hosts', /was given a Host \("gpu1"\) for placeholders\.hosts, not a list/],
  ['ClusterChart.of a name', () => ClusterChart.of('main' as any), 'main', 'scope', /ClusterChart\.of\(\) was given "main", not a construct/],
  ['replaceValues of nothing', (c) => traefikOf(c).replaceValues(undefined as any), 'main/platform/installs/traefik', 'replaceValues.values', /was given undefined for replaceValues\.values, not an object/],
  ['addCrds of a kind name', (c) => traefikOf(c).addCrds('DNSEndpoint' as any), 'main/platform/installs/traefik', 'addCrds[0]', /was given "DNSEndpoint" for addCrds\[0\], not an object/],
  ['addCrds of a group without kinds', (c) => traefikOf(c).addCrds({ group: 'externaldns.k8s.io' } as any), 'main/platform/installs/traefik', 'addCrds[0].kinds', /was given undefined for addCrds\[0\]\.kinds, not a list/],
  ["Flux's keepWhenRemoved of an object's name", (c) => (c.gitops as ReturnType<typeof flux>).keepWhenRemoved('data' as any), 'main', 'keepWhenRemoved.object', /keepWhenRemoved\(\) was given "data", not an object of the output/],
  ['SopsSecret.fromFile of no path', (c) => SopsSecret.fromFile(c, 'db', {} as any), 'main', 'SopsSecret.fromFile(db)', /was given \{\} for its file, not a path/],
  ['SopsSecret.fromFile in a scope that is no construct', () => SopsSecret.fromFile(7 as any, 'db', 'secrets/none.yaml'), 'main', 'SopsSecret.fromFile(db)', /cannot read secrets\/none\.yaml/],
  ['a pin of no name', (c) => web(c).addEnv('V', chain().pin(undefined as any, 'main')), 'main', 'pin()', /pins no version of undefined for stage "main"/],
  ['a pin of another stage', (c) => web(c).addEnv('V', chain().pin('app', 'cloud')), 'main', 'pin(app)', /pins no version of "app" for stage "cloud"/],
  ['attach of no cluster', () => chain().attach('main' as any), 'main', 'attach.cluster', /attach\(\) was given "main", not a cluster/],
  ['a promotion chain of no props', () => promotionChain(undefined as any), 'main', 'props', /promotionChain\(\) was given undefined for props, not an object/],
  ['a promotion chain of one stage as text', (c) => chain({ stages: 'main' }).attach(c), 'main', 'stages', /was given "main" for stages, not a list/],
  ['a promotion chain of no pins', (c) => chain({ pins: null }).attach(c), 'main', 'pins', /was given null for pins, not an object/],
  ['a promotion chain of a version as a number', (c) => chain({ pins: { app: { main: 1 } } }).attach(c), 'main', 'pins.app.main', /was given 1 for pins\.app\.main, not text/],
])('%s is one error on the call, with a hint', (_, build, constructPath, field, message) => {
  const errors = errorsOf(build);
  expect(errors.map((f) => [f.constructPath, f.field, f.message])).toEqual([[constructPath, field, expect.stringMatching(message)]]);
  expect(errors[0].hint).toMatch(/^(give|name)/);
});

test('SecretReference.external given objects names them as values, not as [object Object]', () => {
  const errors = errorsOf((c) => web(c).addEnv('PW', SecretReference.external('web', new Map() as any, {} as any)));
  expect(errors.map((f) => f.message)).toEqual([expect.stringContaining("not 'web', a Map, {}")]);
});

test('a database claim key its connection Secret will not have is one error on the variable that reads it', () => {
  // Before, the pod was left waiting for a key Crossplane never writes, without a word.
  const errors = errorsOf((c) => web(c).addEnv('PW', pgClaim(c).key('pass' as any)));
  expect(errors.map((f) => [f.constructPath, f.field, f.message])).toEqual([['main/web', 'env.PW', 'env PW: Secret "db-connection" will have no key "pass"']]);
  expect(errors[0].hint).toMatch(/did you mean "password"\?/);
});

test.each<[string, (c: ClusterChart) => unknown]>([
  ['leaveOut of a Set of names', (c) => c.namespaces.leaveOut(new Set(['flux-system']))],
  ['hostname of an empty label', (c) => c.hostname('')],
  ['nodeTaints and nodeLabels of a host', (c) => [c.nodeTaints(gpu1), c.nodeLabels(gpu1)]],
  ['the placeholders of a site with null for every host', () => lab.placeholders(null as any)],
  ['the fqdn of a host and of a name', (c) => web(c).addEnv('HOST', `${lab.fqdn(gpu1)},${lab.fqdn('nas')}`)],
  ['a database claim key of its connection Secret', (c) => web(c).addEnv('PW', pgClaim(c).key('password'))],
  ['a pin the chain has', (c) => { const releases = chain(); releases.attach(c); web(c).addEnv('V', releases.pin('app', 'main')); }],
])('%s is taken as before', (_, build) => {
  expect(errorsOf(build)).toEqual([]);
});
