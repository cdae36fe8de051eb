import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, caIssuer, ClusterIssuer, ingressNginx, IngressTls, k3s, MediaContainers, SecretReference, talos, WildcardCertificate } from '../constructs';
import { synthInto } from './support/day-two';
import { gpu1, guarded, lab, labApp, labCluster, synthFindings } from './bad-input/lab';

// A fork's edits to a site that worked, which synth takes with a warning where a file it does not read may
// make them right.

/** The findings of a lab whose one app is linuxserver.io's Calibre-Web declared on `port`, its /config on a claim or not. */
function calibreWeb(port: number, config: boolean) {
  const app = new CdkApp();
  const cluster = labCluster(app);
  new App(cluster, 'calibre-web', {
    image: 'lscr.io/linuxserver/calibre-web:0.6.24', ports: [{ name: 'http', port }],
    persistence: config ? { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } } : {},
    exemptions: { runAsRoot: 's6-overlay starts as root', writableRootFilesystem: 's6-overlay writes under /run', privilegeEscalation: 's6-overlay drops to PUID' },
  });
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-fork-edits-')), 'dist');
  return synthFindings(app, outdir).findings.filter((f) => f.field === 'ports[0].port');
}

test("Calibre-Web's port edited with its /config kept is a warning: its Server Port setting there may move it", () => {
  expect(calibreWeb(8084, true)).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/listens on port 8083.*Server Port setting/) })]);
});

test("Calibre-Web's own port is no finding", () => {
  expect(calibreWeb(8083, true)).toEqual([]);
});

test("a route moved to another domain than the cluster's wildcard certificate's, under Traefik without a resolver, is one warning on its host", () => {
  const app = new CdkApp();
  const cluster = labCluster(app);
  new ClusterIssuer(cluster, 'ca', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-ca', 'tls.key') }) });
  new WildcardCertificate(cluster, 'site', { issuer: 'lab-ca' });
  labApp('web', { route: { host: 'web' } })(cluster);
  labApp('moved', { route: { host: 'moved.example.org' } })(cluster);
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-fork-edits-')), 'dist');
  const { findings, written } = synthFindings(app, outdir);
  expect(written).toBe(true);
  expect(findings.filter((f) => f.field === 'route.host')).toEqual([expect.objectContaining({
    severity: 'warning', constructPath: 'main/moved',
    message: expect.stringMatching(/moved\.example\.org lies under none of the cluster's wildcard certificates \(\*\.lab\.test\)/),
    hint: expect.stringMatching(/'moved\.lab\.test'.*domain: 'example\.org'.*certResolver/),
  })]);
});

test("an error the chart's code raises after its WildcardCertificate is built (a part of the old ingress flavor it reads) is the chart's, not the certificate's props", () => {
  const app = new CdkApp();
  guarded((cluster: ReturnType<typeof labCluster>) => {
    new ClusterIssuer(cluster, 'ca', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-ca', 'tls.key') }) });
    const site = new WildcardCertificate(cluster, 'site-certificate', { issuer: 'lab-ca' });
    // As a chart written for Traefik reads its component once the flavor is switched to ingress-nginx.
    site.useIn(cluster.platform.get('ingress-nginx')!.namespace);
  })(labCluster(app));
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-fork-edits-')), 'dist');
  const errors = synthFindings(app, outdir).findings.filter((f) => f.severity === 'error');
  expect(errors).toEqual([expect.objectContaining({
    constructPath: 'main', field: 'props', hint: expect.stringMatching(/raised by this construct's own code, after its child "site-certificate" was complete/),
  })]);
});

test('a cluster switched to Talos with its control-plane and worker host as it was is one error, on the choice, not one more on each app placed there', () => {
  const app = new CdkApp();
  const cluster = labCluster(app, 'edge', { storage: {}, preinstalled: [talos({ bootstrapNode: gpu1, bringYourOwnCni: false })] });
  ['web', 'web2'].forEach((id) => labApp(id, { placement: { host: gpu1 } })(cluster));
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-fork-edits-')), 'dist');
  expect(synthFindings(app, outdir).findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`))
    .toEqual(['edge preinstalled[0].allowSchedulingOnControlPlanes']);
});

test("a cluster's load balancer removed under ingress-nginx given an address is one error, on that address", () => {
  const app = new CdkApp();
  labCluster(app, 'edge', { loadBalancer: undefined, routes: ingressNginx({ address: lab.pools.vips.at('10.0.8.10'), tls: IngressTls.none() }) });
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-fork-edits-')), 'dist');
  expect(synthFindings(app, outdir).findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`))
    .toEqual(['edge routes.address']);
});

test("a storage tier removed from the cluster is one error, on the app whose claim asks for it, not one more on an app that mounts that claim by name", () => {
  const app = new CdkApp();
  const cluster = labCluster(app, 'edge', { storage: { fast: gpu1.zfs.fast } });
  labApp('web', { namespace: 'web', persistence: { html: { volume: AppVolume.claim({ tier: 'shared', size: '1Gi', accessMode: 'ReadWriteMany' }), mountPath: '/html' } } })(cluster);
  labApp('cron', { namespace: 'web', persistence: { html: { volume: AppVolume.existingClaim('web-html', 'ReadWriteMany'), mountPath: '/html' } } })(cluster);
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-fork-edits-')), 'dist');
  expect(synthFindings(app, outdir).findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`))
    .toEqual(['edge/web persistence.html.volume.claim.tier']);
});

describe('a cluster whose distribution a fork switches between two synths', () => {
  const web = labApp('web');
  const talosLab = () => talos({ bootstrapNode: gpu1, bringYourOwnCni: false, allowSchedulingOnControlPlanes: true });
  /** The findings and steps of a second run of the lab's cluster under `after`, the first under `before`. */
  const switched = (before: unknown, after: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-fork-edits-'));
    synthInto(dir, web, { preinstalled: [before as never] });
    return synthInto(dir, web, { preinstalled: [after as never] });
  };

  test('from Talos to K3s: a warning on preinstalled and the step to keep the running cluster off the output until its nodes are reinstalled', () => {
    const { findings, actions } = switched(talosLab(), k3s());
    expect(findings.filter((f) => f.field === 'preinstalled')).toEqual([expect.objectContaining({
      severity: 'warning', layer: 'policy', constructPath: 'main',
      message: expect.stringMatching(/distribution changes from Talos Linux to K3s, while its nodes still run Talos Linux/),
      hint: expect.stringMatching(/suspend its sync/),
    })]);
    expect(actions).toContainEqual(expect.objectContaining({ kind: 'manual', action: expect.stringMatching(/^before committing the switch from Talos Linux to K3s/) }));
  });

  test('the same distribution with other options is no switch', () => {
    expect(switched(talosLab(), talos({ bootstrapNode: gpu1, bringYourOwnCni: false, allowSchedulingOnControlPlanes: true, clusterName: 'lab' })).findings
      .filter((f) => f.field === 'preinstalled')).toEqual([]);
  });
});

test("a media container's listenPort edited away from Sonarr's, with its config folder mounted, is a warning on listenPort in the entry's terms", () => {
  const app = new CdkApp();
  new MediaContainers(labCluster(app), 'media', {
    settings: { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: '/var/data', dataDir: '/mnt/storage', storageDir: '/mnt/storage' },
    containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.14.2939-ls281', host: gpu1, listenPort: 8990 } },
  });
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-fork-edits-')), 'dist');
  expect(synthFindings(app, outdir).findings.filter((f) => /listens on port/.test(f.message))).toEqual([expect.objectContaining({
    severity: 'warning', constructPath: 'main/media/sonarr', field: 'listenPort',
    message: expect.stringMatching(/runs Sonarr, which listens on port 8989 unless environment\.SONARR__SERVER__PORT moves it.*Port of its config\.xml/),
    hint: "declare the port it listens on: listenPort: 8989; or listen on 8990: environment.SONARR__SERVER__PORT: '8990'",
  })]);
});
