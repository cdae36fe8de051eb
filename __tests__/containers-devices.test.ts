import type { Construct } from 'constructs';
import { App, AppDevice, AppVolume, ClusterChart, flux, host, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { synthInMemory } from './support/synth';

// What the library renders for privileged containers and host devices, and the warnings it gives about them.

const node1 = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.3.0.1' });
const lab = site('devices', { domain: 'devices.test', hosts: [node1], git: { url: 'https://git.example/devices.git' } });

function run(props: Partial<AppProps>, declared: Array<{ source: string; provides: { extendedResources: string[] } }> = []) {
  const result = synthInMemory((scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [node1], routes: traefik(), storage: { local: { storageClassName: 'local-path' } }, gitops: flux(),
      preinstalled: [{ source: 'k3s', provides: { storageClasses: ['local-path'], loadBalancers: ['servicelb'] } }, ...declared],
    });
    new App(chart, 'app', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props } as AppProps);
  });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  const pod = manifests.find((m) => m.kind === 'Deployment').spec.template.spec;
  return {
    pod,
    errors: result.findings.filter((f) => f.severity === 'error'),
    warnings: result.findings.filter((f) => f.severity === 'warning'),
  };
}

describe('a privileged container may escalate privileges, as the API server requires', () => {
  const { pod, errors } = run({
    exemptions: { runAsRoot: 'needs the host', privileged: 'needs the host' },
    initContainers: [{ name: 'sysctl', image: 'busybox:1.37.0', command: ['sysctl', '-w', 'net.ipv4.ip_forward=1'], exemptions: { runAsRoot: 'sysctl', privileged: 'sysctl' } }],
    sidecars: [{ name: 'vpn', image: 'qmcgaw/gluetun:v3.39.1', env: { FIREWALL_INPUT_PORTS: '8080' }, exemptions: { runAsRoot: 'vpn', privileged: 'vpn' } }],
  });

  test('main, init and sidecar containers render privileged with escalation allowed', () => {
    const contexts = [...pod.containers, ...pod.initContainers].map((c: any) => [c.name, c.securityContext.privileged, c.securityContext.allowPrivilegeEscalation]);
    expect(contexts).toEqual([['app', true, true], ['sysctl', true, true], ['vpn', true, true]]);
  });

  test('the output passes every check', () => expect(errors).toEqual([]));

  test('an unprivileged container still may not escalate', () => {
    expect(run({}).pod.containers[0].securityContext.allowPrivilegeEscalation).toBe(false);
  });
});

describe('a container beside a main container exempt to run as root', () => {
  const { pod, errors } = run({
    exemptions: { runAsRoot: 'the image starts as root' },
    initContainers: [{ name: 'wait', image: 'busybox:1.37.0', command: ['sh', '-c', 'true'] }],
  });

  test('runs as the non-root default user, which its runAsNonRoot lets the kubelet start', () => {
    expect(pod.initContainers[0].securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000 });
    expect(pod.containers[0].securityContext).toMatchObject({ runAsNonRoot: false, runAsUser: 0 });
  });

  test('the output passes every check', () => expect(errors).toEqual([]));
});

describe('host devices', () => {
  const exemptions = { hostPath: 'the device' };
  const volumeOf = (device: AppDevice) => run({ exemptions, devices: [device] }).pod.volumes.find((v: any) => v.hostPath).hostPath;

  test.each([
    ['/dev/bus/usb', 'Directory'],
    ['/dev/bus/usb/001', 'Directory'],
    ['/dev/serial/by-id', 'Directory'],
    ['/dev/dri', 'Directory'],
    ['/dev/ttyUSB0', 'CharDevice'],
    ['/dev/bus/usb/001/004', 'CharDevice'],
    ['/dev/serial/by-id/usb-ITead_Sonoff_Zigbee_3.0-if00-port0', 'CharDevice'],
  ])('hostDevice(%s) is mounted as a %s', (path, type) => {
    expect(AppDevice.hostDevice(path)).toEqual({ type: 'hostDevice', path, hostPathType: type });
  });

  test('directory: true mounts any path as a folder of devices', () => {
    expect(volumeOf(AppDevice.hostDevice('/dev/zigbee', { directory: true }))).toEqual({ path: '/dev/zigbee', type: 'Directory' });
  });

  test('a Coral USB is mounted by bus, as a directory', () => {
    expect(volumeOf(AppDevice.hostDevice('/dev/bus/usb'))).toEqual({ path: '/dev/bus/usb', type: 'Directory' });
  });

  test('/dev/net/tun mounted without privileged gives no warning: runc admits tun/tap to every container', () => {
    const { warnings, errors } = run({ exemptions: { ...exemptions, addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'tun' } }, devices: [AppDevice.hostDevice('/dev/net/tun')] });
    expect(errors).toEqual([]);
    expect(warnings.filter((f) => f.field.startsWith('devices'))).toEqual([]);
  });

  test('a serial device mounted without privileged still warns', () => {
    const { warnings } = run({ exemptions, devices: [AppDevice.hostDevice('/dev/ttyUSB0')] });
    expect(warnings.map((f) => f.field)).toContain('devices[0]');
  });

});

describe("a device plugin's resource", () => {
  const serial = { devices: [AppDevice.hostDevice('/dev/net/tun'), AppDevice.plugin('squat.ai/serial')], exemptions: { hostPath: 'a VPN', addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'tun' } } };

  test('that nothing of the cluster hands out is a warning on the device: the pod would stay Pending', () => {
    const { pod, warnings, errors } = run(serial);
    expect(errors).toEqual([]);
    expect(pod.containers[0].resources.limits['squat.ai/serial']).toBe(1);
    expect(warnings.filter((f) => f.field.startsWith('devices')).map((f) => [f.field, f.message, f.hint])).toEqual([[
      'devices[1]', expect.stringMatching(/squat\.ai\/serial.*stays Pending/),
      expect.stringMatching(/preinstalled: \[\{ source: 'generic-device-plugin', provides: \{ extendedResources: \['squat\.ai\/serial'\] \} \}\]/),
    ]]);
  });

  test('declared preinstalled passes without a word', () => {
    expect(run(serial, [{ source: 'generic-device-plugin', provides: { extendedResources: ['squat.ai/serial'] } }]).warnings.filter((f) => f.field.startsWith('devices'))).toEqual([]);
  });
});

describe('memory-backed volumes against the memory limit', () => {
  const tmpfs = (sizeLimit: string) => AppVolume.emptyDir({ memory: true, sizeLimit });
  const memoryWarnings = (props: Partial<AppProps>) => run(props).warnings.filter((f) => f.field === 'resources.memoryLimit');

  test('volumes that together exceed the limit are a warning naming them', () => {
    const warnings = memoryWarnings({ persistence: { shm: { volume: tmpfs('512Mi'), mountPath: '/dev/shm' }, cache: { volume: tmpfs('1Gi'), mountPath: '/cache' } } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0].layer).toBe('policy');
    expect(warnings[0].field).toBe('resources.memoryLimit');
    expect(warnings[0].message).toContain('shm (512Mi), cache (1Gi) may hold 1.5Gi, above the container\'s memory limit 512Mi');
  });

  test('one volume larger than the limit is a warning', () => {
    expect(memoryWarnings({ persistence: { transcode: { volume: tmpfs('4Gi'), mountPath: '/transcode' } } })[0].message).toContain('transcode (4Gi)');
  });

  test('volumes within the limit, or on disk, pass', () => {
    expect(memoryWarnings({ persistence: { shm: { volume: tmpfs('256Mi'), mountPath: '/dev/shm' } } })).toEqual([]);
    expect(memoryWarnings({ persistence: { cache: { volume: AppVolume.emptyDir({ sizeLimit: '4Gi' }), mountPath: '/cache' } } })).toEqual([]);
    expect(memoryWarnings({ resources: { memoryLimit: '2Gi' }, persistence: { shm: { volume: tmpfs('1Gi'), mountPath: '/dev/shm' } } })).toEqual([]);
  });
});

describe('sysctls of an app', () => {
  test('a safe sysctl is rendered in the pod security context and passes', () => {
    const { pod, errors } = run({ sysctls: { 'net.ipv4.ping_group_range': '0 2147483647', 'net.ipv4.ip_unprivileged_port_start': '53' } });
    expect(pod.securityContext.sysctls).toEqual([
      { name: 'net.ipv4.ip_unprivileged_port_start', value: '53' }, { name: 'net.ipv4.ping_group_range', value: '0 2147483647' },
    ]);
    expect(errors).toEqual([]);
  });

  test('an unsafe sysctl passes with the privileged exemption', () => {
    const { pod, errors } = run({ exemptions: { privileged: 'routes for the LAN' }, sysctls: { 'net.ipv4.ip_forward': '1' } });
    expect(pod.securityContext.sysctls).toEqual([{ name: 'net.ipv4.ip_forward', value: '1' }]);
    expect(errors).toEqual([]);
  });

  test('no sysctls, no field', () => expect(run({}).pod.securityContext.sysctls).toBeUndefined());
});
