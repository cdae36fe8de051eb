import type { Construct } from 'constructs';
import { App, AppDevice, AppVolume, ClusterChart, flux, host, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { synthInMemory } from './support/synth';
import { recordConstructionError } from '../constructs/validation/construction-errors';

// A compose file's VPN pattern (gluetun with /dev/net/tun, another service on network_mode: service:gluetun)
// ported as a HomelabApp with a sidecar: the device goes to the sidecar, and a missing exemption is one error.

const node1 = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.3.0.1' });
const lab = site('compose', { domain: 'compose.test', hosts: [node1], git: { url: 'https://git.example/compose.git' } });
const gluetun = {
  name: 'gluetun', image: 'qmcgaw/gluetun:v3.39.1', env: { FIREWALL_INPUT_PORTS: '8080' },
  exemptions: { runAsRoot: 'sets up the tunnel', addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'VPN tunnel' } },
};
/** Where gluetun writes its server list as it starts, off the read-only root. */
const serverList = { gluetun: { volume: AppVolume.emptyDir(), mountPath: '/gluetun', containers: ['gluetun'] } };

function run(props: Partial<AppProps>) {
  const result = synthInMemory((scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [node1], routes: traefik(), storage: { local: { storageClassName: 'local-path' } }, gitops: flux(),
      preinstalled: [{ source: 'k3s', provides: { storageClasses: ['local-path'], loadBalancers: ['servicelb'] } }],
    });
    try {
      new App(chart, 'qbittorrent', { namespace: 'web', image: 'ghcr.io/home-operations/qbittorrent:4.6.7', ports: [{ name: 'http', port: 8080 }], ...props } as AppProps);
    } catch (error) {
      // Props the app refuses are reported as findings, as synth reports them.
      recordConstructionError(scope, error);
    }
  });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  return { pod: manifests.find((m) => m.kind === 'Deployment')?.spec.template.spec, errors: result.findings.filter((f) => f.severity === 'error') };
}

const mountsOf = (container: any) => (container.volumeMounts ?? []).map((m: any) => m.mountPath);

describe('a VPN sidecar gets the tun device it names', () => {
  const { pod, errors } = run({
    exemptions: { hostPath: 'the VPN sidecar opens /dev/net/tun' }, sidecars: [gluetun], persistence: serverList,
    devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })],
  });

  test('the output passes every check', () => expect(errors).toEqual([]));

  test('the sidecar mounts /dev/net/tun, the app it carries does not', () => {
    expect(mountsOf(pod.initContainers.find((c: any) => c.name === 'gluetun'))).toContain('/dev/net/tun');
    expect(mountsOf(pod.containers[0])).not.toContain('/dev/net/tun');
    expect(pod.volumes).toContainEqual({ name: 'dev-net-tun', hostPath: { path: '/dev/net/tun', type: 'CharDevice' } });
  });

  test('a device that names no containers still goes to the main container', () => {
    const main = run({ exemptions: { hostPath: 'tun' }, devices: [AppDevice.hostDevice('/dev/net/tun')] }).pod.containers[0];
    expect(mountsOf(main)).toContain('/dev/net/tun');
  });
});

test('a host device without the hostPath exemption is one error, on the device', () => {
  const { errors } = run({ sidecars: [gluetun], persistence: serverList, devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })] });
  expect(errors.map((e) => [e.constructPath, e.field])).toEqual([['main/qbittorrent', 'devices[0]']]);
});

test("Traefik's Docker-provider labels are one error, whose values are not also refused as label values", () => {
  const { errors } = run({
    labels: { 'traefik.http.routers.qb.rule': 'Host(`qb.compose.test`)', 'traefik.http.services.qb.loadbalancer.server.port': 8080 as any },
  });
  expect(errors.map((e) => [e.constructPath, e.field])).toEqual([['main/qbittorrent', 'labels.traefik.http.routers.qb.rule']]);
  expect(errors[0].hint).toMatch(/route: \{ host: 'qb\.compose\.test', port: 8080 \}/);
});
