import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, ROOT_INIT_CAPABILITIES, rootInitExemption, synthesize } from '../constructs';
import type { AppProps, Finding } from '../constructs';
import { rootStartedImage, rootStartNote } from '../constructs/app/root-started-images';
import { APP_PROP_RULES, APP_PROPS_SHAPE } from '../constructs/validation/app-props-shape';
import { propProblems } from '../constructs/validation/known-props';
import { lab, labCluster } from './bad-input/lab';

// An image that starts as root and drops to its own user (linuxserver.io's s6-overlay, the official postgres,
// mariadb or nginx images) needs the capabilities of chown and setuid beside runAsRoot, and KILL where its init
// stays root and stops the app by signal: the app states them as exemptions with their reasons, and a warning on
// runAsRoot names what to write when they are missing.

/** The findings of a lab cluster holding the apps `build` makes. */
function findingsOf(build: (cluster: ReturnType<typeof labCluster>) => void): Finding[] {
  const app = new CdkApp();
  build(labCluster(app));
  return synthesize(app, { outdir: 'unused', write: false }).findings;
}
const app = (props: Partial<AppProps>) => (cluster: ReturnType<typeof labCluster>) =>
  new App(cluster, 'svc', {
    image: 'postgres:16.4', namespace: 'web', ports: [{ name: 'pg', port: 5432 }],
    persistence: { run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } }, ...props,
  } as AppProps);
const rootStart = (findings: Finding[]) => findings.filter((f) => /switches to its own user/.test(f.message));

describe('which images start as root and switch users', () => {
  test.each(['lscr.io/linuxserver/sonarr:4.0.14', 'ghcr.io/linuxserver/radarr:5.2.6', 'linuxserver/bazarr:1.4.0'])('%s runs s6-overlay, which supervises the app as root', (image) => {
    expect(rootStartedImage(image)).toEqual({ s6Overlay: true, init: 'supervisor' });
  });
  test.each(['postgres:16.4', 'docker.io/library/mariadb:11.4', 'redis@sha256:' + 'a'.repeat(64)])('%s replaces itself with the server run as its user', (image) => {
    expect(rootStartedImage(image)).toEqual({ s6Overlay: false, init: 'exec' });
  });
  test.each(['nginx:1.27.0', 'httpd:2.4.62', 'nextcloud:31.0.6-apache', 'wordpress:6.6.2', 'wordpress:6.6.2-fpm-alpine'])("%s keeps a root master process over its workers", (image) => {
    expect(rootStartedImage(image)).toEqual({ s6Overlay: false, init: 'supervisor' });
  });
  test.each(['ghcr.io/hotio/sonarr:release-4.0.14.2939', 'hotio/qbittorrent:release', 'ghcr.io/paperless-ngx/paperless-ngx:2.17.1', 'paperlessngx/paperless-ngx:latest'])('%s runs s6-overlay, which supervises the app as root', (image) => {
    expect(rootStartedImage(image)).toEqual({ s6Overlay: true, init: 'supervisor' });
  });
  test('plexinc/pms-docker:1.41.6.9685-d301f511a runs s6-overlay, which supervises Plex as root', () => {
    expect(rootStartedImage('plexinc/pms-docker:1.41.6.9685-d301f511a')).toEqual({ s6Overlay: true, init: 'supervisor' });
  });
  test("pihole/pihole:2025.03.0 sets pihole-FTL's capabilities on its binary, which it starts as pihole and stops by signal", () => {
    expect(rootStartedImage('pihole/pihole:2025.03.0')).toMatchObject({ s6Overlay: false, init: 'supervisor', also: ['NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP'] });
  });
  test.each(['ghcr.io/acme/postgres:1.0.0', 'postgres-exporter:0.15.0', 'bitnami/postgresql:16.4.0', 'nginxinc/nginx-unprivileged:1.27', 'wordpress:cli-2.11.0'])('%s is another image', (image) => {
    expect(rootStartedImage(image)).toBeUndefined();
  });
});

describe('a root-started image run as root without the capabilities it needs is a warning on runAsRoot', () => {
  test('postgres with runAsRoot only', () => {
    const [note, ...others] = rootStart(findingsOf(app({ exemptions: { runAsRoot: 'the entrypoint gives PGDATA to postgres' } })));
    expect(others).toEqual([]);
    expect(note).toMatchObject({ severity: 'warning', layer: 'props', field: 'exemptions.runAsRoot' });
    expect(note.hint).toContain(`capabilities: [${ROOT_INIT_CAPABILITIES.map((c) => `'${c}'`).join(', ')}]`);
    expect(note.hint).not.toContain('writableRootFilesystem');
  });
  test('a linuxserver.io image also needs a writable root for /run', () => {
    const [note] = rootStart(findingsOf(app({
      image: 'lscr.io/linuxserver/sonarr:4.0.14', exemptions: { runAsRoot: 's6-overlay' },
      persistence: { config: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/config' } },
    })));
    expect(note.hint).toMatch(/writableRootFilesystem: '/);
  });
  test("Pi-hole needs a writable root and the capabilities it gives pihole-FTL", () => {
    const note = rootStartNote({ image: 'pihole/pihole:2025.03.0', exemptions: { runAsRoot: 'x' } }, '');
    expect(note?.message).toContain('a writable root filesystem (its start script writes its crontab');
    expect(note?.hint).toMatch(/capabilities: \[.*'NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP'\].*writableRootFilesystem: 'its start script/);
  });
  test("Gitea's rootful image needs a writable root for s6-svscan and the capabilities to run Gitea as its user", () => {
    const note = rootStartNote({ image: 'gitea/gitea:1.22.3', exemptions: { runAsRoot: 'x' } }, '');
    expect(note?.message).toContain('a writable root filesystem (s6-svscan writes its control folders under /etc/s6)');
    expect(note?.hint).toMatch(/capabilities: \['CHOWN'.*writableRootFilesystem: 's6-svscan/);
  });
  test('capabilities the app adds already are kept in the hint', () => {
    const note = rootStartNote({ image: 'nginx:1.27.0', exemptions: { runAsRoot: 'x', addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'port 80' } } }, '');
    expect(note?.hint).toContain("'NET_BIND_SERVICE'");
    expect(note?.hint).toContain("capabilities: ['CHOWN'");
  });
  test('a sidecar given as a prop is named by its place, once', () => {
    const notes = rootStart(findingsOf(app({ image: 'ghcr.io/acme/app:1.0.0', sidecars: [{ name: 'proxy', image: 'nginx:1.27.0', exemptions: { runAsRoot: 'master process', writableRootFilesystem: 'nginx writes its temporary folders and pid file' } }] })));
    expect(notes.map((f) => f.field)).toEqual(['sidecars[0].exemptions.runAsRoot']);
  });
  test('a sidecar added by a call is named by the call', () => {
    const notes = rootStart(findingsOf((cluster) => app({ image: 'ghcr.io/acme/app:1.0.0' })(cluster).addSidecar({ name: 'proxy', image: 'nginx:1.27.0', exemptions: { runAsRoot: 'x', writableRootFilesystem: 'nginx writes its temporary folders and pid file' } })));
    expect(notes.map((f) => f.field)).toEqual(['addSidecar.exemptions.runAsRoot']);
  });
});

describe('an init that stays root without KILL is a warning: it could not send the app its SIGTERM', () => {
  const switchOnly = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'];
  test.each([
    ['a linuxserver.io image', 'lscr.io/linuxserver/sonarr:4.0.14', { writableRootFilesystem: 's6-overlay writes /run' }, [{ name: 'http', port: 8989 }]],
    ["Nextcloud's Apache", 'nextcloud:31.0.6-apache', { writableRootFilesystem: 'Apache writes its pid file under /var/run/apache2 and the entrypoint copies the release into /var/www/html' }],
    ['nginx', 'nginx:1.27.0', { writableRootFilesystem: 'nginx writes its temporary folders and pid file' }, [{ name: 'http', port: 80 }]],
  ] as Array<[string, string, Record<string, string>, AppProps['ports']?]>)('%s given only the capabilities to switch users', (...[, image, more, ports]) => {
    const [note, ...others] = rootStart(findingsOf(app({ image, ...(ports === undefined ? {} : { ports }), exemptions: { runAsRoot: 'x', ...more, addCapabilities: { capabilities: switchOnly, reason: 'chown, then setuid' } } })));
    expect(others).toEqual([]);
    expect(note).toMatchObject({ severity: 'warning', field: 'exemptions.runAsRoot' });
    expect(note.message).toContain('the capabilities KILL, which its container drops');
    expect(note.message).toContain('could not signal the app to stop it');
    expect(note.message).not.toContain('Operation not permitted');
    expect(note.hint).toContain(`capabilities: [${[...switchOnly, 'KILL'].map((c) => `'${c}'`).join(', ')}]`);
    expect(note.hint).toContain('signals the app, run as another user, to stop it (KILL)');
  });
  test('an image that replaces itself with its server needs no KILL', () => {
    expect(rootStart(findingsOf(app({ exemptions: { runAsRoot: 'x', addCapabilities: { capabilities: switchOnly, reason: 'chown, then gosu' } } })))).toEqual([]);
  });
});

describe('no warning where the image gets what it needs or does not switch users', () => {
  test.each<[string, Partial<AppProps>]>([
    ['the capabilities given', { exemptions: { runAsRoot: 'x', addCapabilities: { capabilities: [...ROOT_INIT_CAPABILITIES], reason: 'chown, then gosu' } } }],
    ['a privileged container', { exemptions: { runAsRoot: 'x', privileged: 'needs every device' } }],
    ['a replaced entrypoint', { command: ['pg_dumpall'], exemptions: { runAsRoot: 'x' } }],
    ['no runAsRoot', { runAsUser: 999 }],
    ['a linuxserver.io image with every exemption', { image: 'lscr.io/linuxserver/sonarr:4.0.14', ports: [{ name: 'http', port: 8989 }], exemptions: { runAsRoot: 'x', writableRootFilesystem: 'y', addCapabilities: { capabilities: [...ROOT_INIT_CAPABILITIES, 'KILL'], reason: 'z' } } }],
  ])('%s', (_what, props) => {
    expect(rootStart(findingsOf(app(props)))).toEqual([]);
  });
});

test('addCapabilities given as a bare list is one error, not also two missing props', () => {
  const problems = propProblems('App', { image: 'nginx:1.27.0', exemptions: { addCapabilities: ['NET_ADMIN'] } }, APP_PROPS_SHAPE, APP_PROP_RULES);
  expect(problems.map((p) => p.field)).toEqual(['exemptions.addCapabilities']);
});

test('a DNS server on TCP and UDP port 53 behind one load-balanced address is one Service with both protocols', () => {
  const cdkApp = new CdkApp();
  const cluster = labCluster(cdkApp);
  new App(cluster, 'pihole', {
    image: 'pihole/pihole:2025.03.0', namespace: 'dns',
    ports: [{ name: 'http', port: 80 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
    // Its start script runs as root and gives pihole-FTL the capabilities to serve DNS on port 53.
    exemptions: {
      runAsRoot: 'its start script runs as root, then runs pihole-FTL as PIHOLE_UID:PIHOLE_GID',
      addCapabilities: rootInitExemption('supervisor', 'switches to PIHOLE_UID:PIHOLE_GID', ['NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP']),
      writableRootFilesystem: "its start script writes its crontab and sets the capabilities of the pihole-FTL binary",
    },
    persistence: { etc: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/etc/pihole' } },
    route: { host: 'pihole' },
    loadBalancer: { address: lab.pools.dns.at('10.0.4.53'), ports: ['dns-tcp', 'dns-udp'], externalTrafficPolicy: 'Local' },
  });
  const result = synthesize(cdkApp, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const lb = cluster.node.findAll().map((c) => (c as any).toJson?.()).find((o) => o?.kind === 'Service' && o.metadata.name === 'pihole-lb');
  expect(lb.spec).toMatchObject({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' });
  expect(lb.spec.ports.map((p: any) => [p.port, p.protocol])).toEqual([[53, 'TCP'], [53, 'UDP']]);
});
