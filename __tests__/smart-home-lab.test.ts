import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppDevice, AppVolume, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import { shownFindings } from './support/lab-output';

// A smart home moved into the cluster beside Home Assistant, written from the README: ESPHome, the Matter Server
// and Music Assistant on the host's network, Z-Wave JS UI with its stick by id, go2rtc and Frigate with their
// cameras' passwords kept in Secrets and named in their configs as each program fills them in.

const nuc = host('nuc', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10',
  gpus: [{ vendor: 'intel', model: 'UHD 770' }],
  usbDevices: { zwave: { vendorId: '0658', productId: '0200', model: 'Aeotec Z-Stick 7' }, coral: { vendorId: '18d1', productId: '9302' } },
});
const home = site('smart', { domain: 'smart.example.com', hosts: [nuc], git: { url: 'https://git.example.com/me/home.git' }, pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } } });
const STICK = '/dev/serial/by-id/usb-0658_0200-if00';
const claim = (size = '1Gi') => AppVolume.claim({ tier: 'fast', size });

function smartHome(scope: Construct): void {
  const c = new ClusterChart(scope, 'main', { site: home, hosts: [nuc], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })], routes: traefik({ address: home.pools.vips.at('192.168.1.240') }), loadBalancer: metalLb({ pools: [home.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux() });
  const ha = new HomelabApp(c, 'home-assistant', {
    image: 'ghcr.io/home-assistant/home-assistant:2024.12.1', ports: [{ name: 'http', port: 8123 }],
    persistence: { config: { volume: claim('5Gi'), mountPath: '/config' } },
    exemptions: { hostNetwork: 'mDNS and SSDP discovery', runAsRoot: 'the image runs as root', writableRootFilesystem: 's6-overlay writes its service tree under /run' },
    route: { host: 'home' },
  });
  new HomelabApp(c, 'esphome', {
    image: 'ghcr.io/esphome/esphome:2024.12.0', ports: [{ name: 'http', port: 6052 }],
    persistence: { config: { volume: claim(), mountPath: '/config' } },
    env: { ESPHOME_DASHBOARD_USE_PING: 'true' },
    exemptions: { hostNetwork: 'mDNS discovery of the devices', runAsRoot: 'the image runs as root', writableRootFilesystem: 'PlatformIO installs toolchains' },
    route: { host: 'esphome' },
  });
  new HomelabApp(c, 'zwave-js-ui', {
    image: 'zwavejs/zwave-js-ui:9.27.8', ports: [{ name: 'http', port: 8091 }, { name: 'ws', port: 3000 }],
    placement: { host: nuc },
    devices: [AppDevice.hostDevice(STICK)], env: { ZWAVEJS_EXTERNAL_CONFIG: '/usr/src/app/store/.config-db' },
    persistence: { store: { volume: claim(), mountPath: '/usr/src/app/store' } },
    exemptions: { hostPath: 'the Z-Wave stick', privileged: 'opens the serial device', runAsRoot: 'the image runs as root' },
    allowFrom: [ha], route: { host: 'zwave' },
  });
  new HomelabApp(c, 'matter-server', {
    image: 'ghcr.io/home-assistant-libs/python-matter-server:6.6.1', ports: [{ name: 'ws', port: 5580 }],
    args: ['--storage-path', '/data', '--paa-root-cert-dir', '/data/credentials'],
    persistence: { data: { volume: claim(), mountPath: '/data' } },
    exemptions: { hostNetwork: 'Matter needs IPv6 link-local and mDNS on the LAN', runAsRoot: 'the image runs as root' },
  });
  new HomelabApp(c, 'music-assistant', {
    image: 'ghcr.io/music-assistant/server:2.3.3', ports: [{ name: 'http', port: 8095 }, { name: 'stream', port: 8097 }],
    persistence: { data: { volume: claim(), mountPath: '/data' } },
    exemptions: { hostNetwork: 'players discovered by mDNS stream from the host', runAsRoot: 'the image runs as root' },
    route: { host: 'music' },
  });
  c.namespaces.ensure('go2rtc');
  new ApiObject(c, 'go2rtc-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'go2rtc', namespace: 'go2rtc' }, data: { 'go2rtc.yaml': 'streams:\n  door: rtsp://admin:${CAM_PASSWORD}@192.168.30.21:554/stream1\n' } });
  new HomelabApp(c, 'go2rtc', {
    image: 'alexxit/go2rtc:1.9.7', ports: [{ name: 'api', port: 1984 }, { name: 'rtsp', port: 8554 }, { name: 'webrtc', port: 8555 }, { name: 'webrtc-udp', port: 8555, protocol: 'UDP' }],
    env: { CAM_PASSWORD: SecretReference.external('go2rtc', 'cameras', 'password') },
    persistence: { config: { volume: AppVolume.configMap('go2rtc'), mountPath: '/config' } },
    loadBalancer: { address: home.pools.vips.at('192.168.1.241'), ports: ['rtsp', 'webrtc', 'webrtc-udp'] },
    egress: [{ cidr: '192.168.30.0/24', ports: [{ port: 554 }] }],
    allowFrom: [ha], route: { host: 'go2rtc' },
  });
  c.namespaces.ensure('frigate');
  new ApiObject(c, 'frigate-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'frigate', namespace: 'frigate' }, data: { 'config.yml': 'mqtt:\n  host: 192.168.1.20\n  user: frigate\n  password: "{FRIGATE_MQTT_PASSWORD}"\ndetectors:\n  coral:\n    type: edgetpu\n    device: usb\ncameras:\n  door:\n    ffmpeg:\n      inputs:\n        - path: rtsp://admin:{FRIGATE_RTSP_PASSWORD}@192.168.30.21:554/stream1\n          roles: [detect, record]\n' } });
  new HomelabApp(c, 'frigate', {
    image: 'ghcr.io/blakeblackshear/frigate:0.14.1', ports: [{ name: 'http', port: 5000 }, { name: 'https', port: 8971, appProtocol: 'https' }, { name: 'rtsp', port: 8554 }, { name: 'webrtc', port: 8555 }, { name: 'webrtc-udp', port: 8555, protocol: 'UDP' }],
    placement: { host: nuc },
    devices: [AppDevice.hostDevice('/dev/bus/usb'), AppDevice.dri()],
    env: { FRIGATE_RTSP_PASSWORD: SecretReference.external('frigate', 'cameras', 'password'), FRIGATE_MQTT_PASSWORD: SecretReference.external('frigate', 'cameras', 'mqtt') },
    persistence: {
      config: { volume: AppVolume.configMap('frigate'), mounts: [{ mountPath: '/config/config.yml', subPath: 'config.yml' }] },
      media: { volume: claim('100Gi'), mountPath: '/media/frigate' },
      shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '512Mi' }), mountPath: '/dev/shm' },
    },
    exemptions: {
      hostPath: 'the Coral USB and the iGPU', privileged: 'the Coral USB', runAsRoot: 'the image runs as root', writableRootFilesystem: 'nginx writes',
      unverifiedBackendTls: 'Frigate signs its own certificate for its login port',
    },
    // Home Assistant's integration reads 5000 inside the cluster; people come through the login port.
    allowFrom: [ha], route: { host: 'frigate', port: 8971 },
  });
}

describe('a smart home beside Home Assistant', () => {
  test('synthesizes without findings', () => {
    expect(shownFindings(smartHome)).toEqual([]);
  });
});
