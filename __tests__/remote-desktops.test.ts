import type { Construct } from 'constructs';
import { AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, k3s, localPathStorage, metalLb, rootInitExemption, SecretReference, site, traefik } from '../constructs';
import { sharedMemoryProblems } from '../constructs/app/image-shared-memory';
import { guacamoleContextPath } from '../constructs/app/guacamole-context';
import { hbbsPort } from '../constructs/app/rustdesk-ports';
import { shownFindings } from './support/lab-output';

// Remote desktops in the browser as the README's reader writes them: Guacamole's web app and guacd, a RustDesk
// server, a linuxserver.io Webtop. Each written right synthesizes with no finding of the checks it meets.

/** A one-node K3s lab with MetalLB on the LAN, and what `build` adds to its cluster. */
const desktopLab = (build: (cluster: ClusterChart, lan: ReturnType<typeof site>['pools'][string]) => void) => (scope: Construct) => {
  const node = host('desk', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.60.10' });
  const lab = site('desk', {
    domain: 'desk.jdoe.dev', hosts: [node], pools: { lan: { first: '192.168.60.100', last: '192.168.60.110' } }, git: { url: 'https://github.com/jdoe/desk.git' },
  });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })], routes: traefik({ address: lab.pools.lan.at('192.168.60.101') }),
    loadBalancer: metalLb({ pools: [lab.pools.lan] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  build(cluster, lab.pools.lan);
};

/** Guacamole's web app and guacd, the web app probed at `probePath` with `env` added. */
const guacamole = (env: Record<string, string>, probePath: string) => desktopLab((cluster) => {
  declareExternal(cluster, { secrets: [{ namespace: 'guacamole', name: 'guacamole-db' }] });
  const web = new HomelabApp(cluster, 'guacamole', {
    namespace: 'guacamole', image: 'guacamole/guacamole:1.5.5', ports: [{ name: 'http', port: 8080 }],
    env: {
      GUACD_HOSTNAME: 'guacd.guacamole.svc.cluster.local', GUACD_PORT: '4822', POSTGRESQL_HOSTNAME: 'guacd.guacamole.svc.cluster.local',
      POSTGRESQL_DATABASE: 'guacamole_db', POSTGRESQL_PASSWORD: SecretReference.external('guacamole', 'guacamole-db', 'password'), TOTP_ENABLED: 'true', ...env,
    },
    probes: { readiness: { httpPath: probePath } }, route: { host: 'guac' },
  });
  new HomelabApp(cluster, 'guacd', { namespace: 'guacamole', image: 'guacamole/guacd:1.5.5', ports: [{ name: 'guacd', port: 4822 }], allowFrom: [web] });
});

/** RustDesk's hbbs with `args`, declaring TCP 21115–21118 and UDP on `udpPort`, on a LAN address. */
const rustdesk = (args: string[], udpPort: number, tcpPorts = [21115, 21116, 21117, 21118]) => desktopLab((cluster, lan) => new HomelabApp(cluster, 'rustdesk', {
  namespace: 'rustdesk', image: 'rustdesk/rustdesk-server:1.1.14', command: ['hbbs'], args,
  ports: [...tcpPorts.map((port) => ({ name: `tcp-${port}`, port })), { name: 'id-udp', port: udpPort, protocol: 'UDP' as const }],
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/root' } },
  loadBalancer: { address: lan.at('192.168.60.100') },
}));

describe('remote desktops a user writes right', () => {
  test.each([
    ['at the root, WEBAPP_CONTEXT ROOT', { WEBAPP_CONTEXT: 'ROOT' }, '/'],
    ['at /guacamole/, the context unset', {}, '/guacamole/'],
    ['at /guacamole, which Tomcat redirects to the context', {}, '/guacamole'],
    ['at /remote/api/languages, WEBAPP_CONTEXT remote', { WEBAPP_CONTEXT: 'remote' }, '/remote/api/languages'],
  ])("Guacamole's web app probed %s synthesizes clean", (_name, env, path) => {
    expect(shownFindings(guacamole(env, path))).toEqual([]);
  });

  test('hbbs declaring 21116 for TCP and UDP synthesizes clean', () => {
    expect(shownFindings(rustdesk(['-r', 'rustdesk.desk.jdoe.dev:21117'], 21116))).toEqual([]);
  });

  test('hbbs moved to another port by -p is judged at that port', () => {
    expect(hbbsPort(['-p', '21216', '-r', 'relay:21217'])).toBe(21216);
    expect(hbbsPort(['--port=21216'])).toBe(21216);
    expect(shownFindings(rustdesk(['-p', '21216'], 21216, [21215, 21216, 21218]))).toEqual([]);
  });

  test("Guacamole's context path", () => {
    expect([undefined, 'ROOT', 'remote', '/remote/'].map(guacamoleContextPath)).toEqual(['/guacamole/', '/', '/remote/', '/remote/']);
  });

  test('a Webtop with a memory-backed /dev/shm synthesizes clean, and one without is warned', () => {
    const webtop = (persistence: Record<string, unknown>) => desktopLab((cluster) => {
      declareExternal(cluster, { secrets: [{ namespace: 'webtop', name: 'webtop' }] });
      new HomelabApp(cluster, 'webtop', {
        namespace: 'webtop', image: 'lscr.io/linuxserver/webtop:ubuntu-xfce-version-2024.12.01', ports: [{ name: 'http', port: 3000 }],
        env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Berlin', CUSTOM_USER: 'jdoe', PASSWORD: SecretReference.external('webtop', 'webtop', 'password') },
        persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/config' }, ...persistence },
        exemptions: {
          runAsRoot: 'its init starts as root, then runs the desktop as PUID:PGID', addCapabilities: rootInitExemption('supervisor', 'switches to PUID:PGID'),
          writableRootFilesystem: 's6-overlay writes its service tree under /run',
        },
        resources: { memoryRequest: '2Gi', memoryLimit: '4Gi' }, route: { host: 'desktop' },
      });
    });
    expect(shownFindings(webtop({ shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '1Gi' }), mountPath: '/dev/shm' } }))).toEqual([]);
    expect(shownFindings(webtop({}))).toEqual(['warning main/webtop image']);
    expect(sharedMemoryProblems({ image: 'lscr.io/linuxserver/webtop:latest' }, 'webtop')[0].message).toMatch(/crashes the browser tab/);
  });
});
