import { App as CdkApp } from 'cdk8s';
import { AppVolume, HomelabApp, k3s, synthesize } from '../constructs';
import type { AppProps } from '../constructs';
import { ownerActions } from '../constructs/synth/owner-action';
import { sharedMemoryProblems } from '../constructs/app/image-shared-memory';
import { unmountedStateDirProblems } from '../constructs/app/image-state-dirs';
import { urlBaseProblems } from '../constructs/app/url-base';
import { labCluster } from './bad-input/lab';

// What synthesis cannot read of a well-known image (its own settings, its cameras) is a warning or an owner
// step; the refusals are in bad-input/cases-images-2.ts.

const FRIGATE = 'ghcr.io/blakeblackshear/frigate:0.15.1';

describe("Frigate's /dev/shm", () => {
  test('the runtime\'s 64Mi is a warning on image, whose hint mounts a memory-backed volume', () => {
    const problems = sharedMemoryProblems({ image: FRIGATE }, 'frigate');
    expect(problems.map((p) => [p.severity, p.field])).toEqual([['warning', 'image']]);
    expect(problems[0].hint).toMatch(/AppVolume\.emptyDir\(\{ memory: true, sizeLimit: '512Mi' \}\), mountPath: '\/dev\/shm'/);
  });
  test('none with a volume at /dev/shm, nor for another image', () => {
    expect(sharedMemoryProblems({ image: FRIGATE, persistence: { shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '512Mi' }), mountPath: '/dev/shm' } } }, 'frigate')).toEqual([]);
    expect(sharedMemoryProblems({ image: 'ghcr.io/acme/frigate-notify:0.3.0' }, 'notify')).toEqual([]);
  });
});

describe("the *arr apps' URL base on a path route", () => {
  const routes = (route: AppProps['route']) => [{ intent: route!, field: 'route' }];
  test('a path with no URL base variable is a warning on the path: config.xml may set it', () => {
    expect(urlBaseProblems('lscr.io/linuxserver/sonarr:4.0.14', {}, 'sonarr', routes({ host: 'media', rules: [{ path: '/sonarr' }] })).map((p) => [p.severity, p.field]))
      .toEqual([['warning', 'route.rules[0].path']]);
  });
  test.each<[string, Record<string, unknown>, AppProps['route']]>([
    ['the URL base set to the path', { SONARR__SERVER__URLBASE: '/sonarr/' }, { host: 'media', path: '/sonarr' }],
    ['a route at the root', {}, { host: 'sonarr' }],
    ['a rule that rewrites the path', {}, { host: 'media', rules: [{ path: '/sonarr', rewrite: { pathPrefix: '/' } }] }],
    ['a rule to another Service', {}, { host: 'media', rules: [{ path: '/radarr', backends: [{ service: 'radarr', port: 7878 }] }, { path: '/' }] }],
  ])('none with %s', (_what, env, route) => {
    expect(urlBaseProblems('ghcr.io/home-operations/sonarr:4.0.14', env, 'sonarr', routes(route))).toEqual([]);
  });
});

describe('gluetun', () => {
  test('an empty STORAGE_FILEPATH keeps its server list in memory: nothing to mount', () => {
    expect(unmountedStateDirProblems({ image: 'qmcgaw/gluetun:v3.39.1', env: { STORAGE_FILEPATH: '' } }, 'vpn')).toEqual([]);
  });
});

describe('Home Assistant behind a route', () => {
  const steps = (props: Partial<AppProps>) => {
    const app = new CdkApp();
    const cluster = labCluster(app, 'main', { preinstalled: [k3s()] });
    new HomelabApp(cluster, 'home-assistant', {
      image: 'ghcr.io/home-assistant/home-assistant:2025.1.4', ports: [{ name: 'http', port: 8123 }],
      exemptions: { runAsRoot: 'Home Assistant runs as root', writableRootFilesystem: 's6-overlay writes its service tree under /run' },
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } }, ...props,
    });
    const result = synthesize(app, { outdir: 'unused', write: false });
    return ownerActions(result.clusters[0]).map((a) => a.action).filter((a) => a.includes('use_x_forwarded_for'));
  };
  test("leaves the step that trusts the route's proxy from the cluster's pod range", () => {
    expect(steps({ route: { host: 'home' } })).toEqual([expect.stringMatching(/trusted_proxies: \[10\.42\.0\.0\/16\].*400 Bad Request.*home\.lab\.test/)]);
  });
  test('none without a route', () => {
    expect(steps({})).toEqual([]);
  });
  test("the same for home-operations' image, run as its user, with a route added by a call", () => {
    const app = new CdkApp();
    const cluster = labCluster(app, 'main', { preinstalled: [k3s()] });
    new HomelabApp(cluster, 'hass', {
      image: 'ghcr.io/home-operations/home-assistant:2025.1.4', ports: [{ name: 'http', port: 8123 }],
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } },
    }).addRoute({ host: 'home' });
    const result = synthesize(app, { outdir: 'unused', write: false });
    expect(ownerActions(result.clusters[0]).filter((a) => a.action.includes('use_x_forwarded_for')).map((a) => a.source)).toEqual(['main/hass']);
  });
});
