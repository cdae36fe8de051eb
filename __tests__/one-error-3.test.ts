import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, Forgejo, host, Jellyfin, JellyfinMedia, Ollama, site, StaticNfsVolume, traefik } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// One mistake, one error, on the construct and field the user wrote.

/** The errors after `build`, as `[layer] path field: message (hint)`. */
function errorsOf(build: (app: CdkApp) => void): string[] {
  const app = new CdkApp();
  guarded(build)(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error')
    .map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message} (${f.hint ?? ''})`);
}

describe("an NFS export of the site's inventory that is no absolute path is one error, on the site", () => {
  /** A cluster of a site whose one NFS export `share` is written `written`, with an app or a PersistentVolume on it. */
  const withExport = (written: unknown, user: 'app' | 'volume') => (app: CdkApp) => {
    const node = host('nfs-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.5' });
    const written_ = site('nfslab', { domain: 'nfslab.test', hosts: [node], nfs: { share: written as any }, git: { url: 'https://git.example/lab.git' } });
    const cluster = labCluster(app, 'main', { site: written_, hosts: [node], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} });
    if (user === 'app') {
      new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], persistence: { media: { volume: AppVolume.nfs(written_.nfs.share), mountPath: '/media' } } });
    } else {
      const media = new StaticNfsVolume(cluster, 'media', { export: written_.nfs.share, capacity: '10Gi', claim: { name: 'media', namespace: 'web', size: '5Gi' } });
      new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], persistence: { media: { volume: media.volume, mountPath: '/media' } } });
    }
  };
  test.each([
    ['a relative path, mounted by an App', { server: 'nas.nfslab.test', path: 'export/media' }, 'app', /^\[inventory\] inventory\/site\/nfslab\/nfs\/share path: /],
    ['a relative path, of a StaticNfsVolume', { server: 'nas.nfslab.test', path: 'export/media' }, 'volume', /^\[inventory\] inventory\/site\/nfslab\/nfs\/share path: /],
    ['a path that climbs, of a StaticNfsVolume', { server: 'nas.nfslab.test', path: 'export/../media' }, 'volume', /^\[inventory\] inventory\/site\/nfslab\/nfs\/share path: /],
    ['text that is no server and path, mounted by an App', 'media share', 'app', /^\[inventory\] inventory\/site\/nfslab nfs\.share: /],
  ] as const)('%s', (_name, written, user, expected) => {
    expect(errorsOf(withExport(written, user))).toEqual([expect.stringMatching(expected)]);
  });
});

describe('a number under an env name that says secret is one error that never prints it', () => {
  const web = (props: Record<string, unknown>) => (app: CdkApp) => {
    new App(labCluster(app), 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);
  };
  test.each([
    ['env of an App', { env: { API_TOKEN: 12345678 } }, 'env.API_TOKEN'],
    ['a password of a sidecar', { sidecars: [{ name: 'side', image: 'busybox:1.36', env: { DB_PASSWORD: 87654321 } }] }, 'sidecars[0].env.DB_PASSWORD'],
  ])('%s', (_name, props, field) => {
    const errors = errorsOf(web(props));
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^\\[props\\] main/web ${field.replace(/[.[\]]/g, '\\$&')}: .*a number of 8 digits`))]);
    expect(errors[0]).not.toMatch(/12345678|87654321/);
  });
  test.each([
    ["compose's list of KEY=value", ['API_TOKEN=12345678']],
    ["Kubernetes' list of { name, value }", [{ name: 'API_TOKEN', value: 12345678 }]],
  ])('env given as %s with a numeric token', (_name, env) => {
    const errors = errorsOf(web({ env }));
    expect(errors).toEqual([expect.stringMatching(/^\[props\] main\/web env: env is a list of 1 item that writes out a secret/)]);
    expect(errors[0]).not.toMatch(/12345678/);
  });
  test('the same number as text is still no plaintext secret', () => {
    expect(errorsOf(web({ env: { API_TOKEN: '12345678' } }))).toEqual([]);
  });
  test('a number under a name that says no secret is still shown, to be written as text', () => {
    expect(errorsOf(web({ env: { PORT: 8080, PASSWORD_MIN_LENGTH: 12 } }))).toEqual([
      expect.stringMatching(/env\.PORT: .*the number 8080.*PORT: '8080'/),
      expect.stringMatching(/env\.PASSWORD_MIN_LENGTH: .*the number 12.*PASSWORD_MIN_LENGTH: '12'/),
    ]);
  });
});

describe("a mistake in a ready-made service's volume names the field as the props write it", () => {
  /** The one error of a lab cluster with the service `build` makes, as `layer path field`. */
  const fieldOf = (build: (cluster: ReturnType<typeof labCluster>) => void) => {
    const errors = errorsOf((app) => build(labCluster(app)));
    expect(errors).toHaveLength(1);
    return errors[0].replace(/: .*$/s, '');
  };
  test.each([
    ["Forgejo's storage on a tier the cluster lacks", (c: any) => new Forgejo(c, 'forgejo', { storage: AppVolume.claim({ tier: 'slow', size: '20Gi' }) }), '[references] main/forgejo storage.claim.tier'],
    ["Forgejo's storage with a size of no unit", (c: any) => new Forgejo(c, 'forgejo', { storage: AppVolume.claim({ tier: 'fast', size: 20 as any }) }), '[props] main/forgejo storage.claim.size'],
    ["Ollama's model storage on a tier the cluster lacks", (c: any) => new Ollama(c, 'ollama', { accelerator: 'cpu', modelStorage: AppVolume.claim({ tier: 'slow', size: '100Gi' }) }), '[references] main/ollama modelStorage.claim.tier'],
    ["Jellyfin's shared media on a tier the cluster lacks", (c: any) => new Jellyfin(c, 'jellyfin', { media: JellyfinMedia.shared(AppVolume.claim({ tier: 'media', size: '600Gi' })) }), '[references] main/jellyfin media.volume.claim.tier'],
    ["Jellyfin's shared media in a mode its tier lacks", (c: any) => new Jellyfin(c, 'jellyfin', { media: JellyfinMedia.shared(AppVolume.claim({ tier: 'fast', size: '600Gi', accessMode: 'ReadWriteMany' })) }), '[references] main/jellyfin media.volume.claim.accessMode'],
    ["Jellyfin's shared media with a size of no unit", (c: any) => new Jellyfin(c, 'jellyfin', { media: JellyfinMedia.shared(AppVolume.claim({ tier: 'fast', size: 600 as any, accessMode: 'ReadWriteMany' })) }), '[props] main/jellyfin media.volume.claim.size'],
    ["an App's own claim on a tier the cluster lacks", (c: any) => new App(c, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], persistence: { data: { volume: AppVolume.claim({ tier: 'nvme', size: '1Gi' }), mountPath: '/d' } } }), '[references] main/web persistence.data.volume.claim.tier'],
  ])('%s', (_name, build, expected) => {
    expect(fieldOf(build)).toBe(expected);
  });
});
