import { App as CdkApp } from 'cdk8s';
import { App, AppDevice, ClusterChart, flux, host, k3s, localPathStorage, metalLb, site, traefik } from '../../constructs';
import type { AppProps, HostProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A cluster of Raspberry Pis from the README alone: three Pi 4 boards on K3s with embedded etcd, one with a USB SSD,
// an old Pi 3, and later an x86 mini PC; MetalLB, Traefik, local-path. Earlier rounds refused a 32-bit arch (armhf,
// armv7l, arm), aarch64 for arm64, an image of one architecture (a tag or arm64v8/ repository, by digest too) on a
// host of another, two control-plane hosts, a nodeSelector on kubernetes.io/arch armv7, a device without its
// exemption, a USB stick of another Pi, Longhorn replicas above the hosts, CPU cores meant as millicores and the
// CLI's unknown flags; these were taken: a kube-vip address agents join at inside the MetalLB pool or a cluster
// range, or a worker's address to join at; a Raspberry Pi's GPIO, UART and VideoCore devices and Home Assistant's
// image for the Pi 4 where the x86 node may run the pods; an SD card or a USB disk written as a disk's media, a disk's
// mount point, a K3s node role written as K3s names it, and a host given where placement's options belong.

const pi1 = host('nu57-pi1', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.57.11', cores: 4, memoryGigabytes: 4, disks: [{ media: 'ssd', sizeGigabytes: 500 }] });
const pi2 = host('nu57-pi2', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.57.12', cores: 4, memoryGigabytes: 4 });
const pi3 = host('nu57-pi3', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.57.13', cores: 4, memoryGigabytes: 4 });
const mini = host('nu57-mini', { arch: 'amd64', roles: ['worker'], address: '192.168.57.20', cores: 4, memoryGigabytes: 16 });
const pis = site('nu57', {
  domain: 'pis.nu57.example.net', hosts: [pi1, pi2, pi3, mini], pools: { vips: { first: '192.168.57.240', last: '192.168.57.250' } },
  git: { url: 'https://github.com/nu57/pi-lab.git' },
});

/** The Pis' cluster `pis`, built beside the lab's; `serverUrl` is where agents join K3s. */
function piCluster(app: CdkApp, serverUrl?: string): ClusterChart {
  return new ClusterChart(app, 'pis', {
    site: pis, hosts: [pi1, pi2, pi3, mini],
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'], ...(serverUrl === undefined ? {} : { serverUrl }) })],
    loadBalancer: metalLb({ pools: [pis.pools.vips] }), routes: traefik({ address: pis.pools.vips.at('192.168.57.240') }),
    storage: { fast: localPathStorage() }, gitops: flux(),
  });
}

/** An app `id` of the Pis' cluster: a small web server, `props` override. */
const piApp = (id: string, props: Partial<AppProps>) => guarded((_main: ClusterChart, app: CdkApp) => new App(piCluster(app), id, {
  image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props,
}));

/** A one-board cluster `board` of a site of its own, with the board's facts changed. */
const board = (facts: Partial<HostProps>) => guarded((_main: ClusterChart, app: CdkApp) => {
  const pi = host('board', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '10.57.0.5', ...facts });
  const home = site('board', { domain: 'board.test', hosts: [pi], git: { url: 'https://git.board.test/lab.git' } });
  return new ClusterChart(app, 'board', { site: home, hosts: [pi], preinstalled: [k3s()], routes: traefik({ hostPorts: true }), gitops: flux() });
});

export const CASES: BadInput[] = [
  // Before: nothing; MetalLB could hand the kube-vip address to a Service, and two machines answered for it.
  {
    name: 'a kube-vip address the K3s agents join at, inside the MetalLB pool',
    build: guarded((_main: ClusterChart, app: CdkApp) => piCluster(app, 'https://192.168.57.245:6443')),
    layer: 'props', path: 'pis', field: 'preinstalled[0].serverUrl', hint: /outside every load-balancer pool/,
  },
  // Before: nothing; inside K3s' Service range the nodes reach a cluster address, never the control plane.
  {
    name: "a K3s join address inside K3s' Service range",
    build: guarded((_main: ClusterChart, app: CdkApp) => piCluster(app, 'https://10.43.0.10:6443')),
    layer: 'props', path: 'pis', field: 'preinstalled[0].serverUrl', hint: /control-plane nodes' network/,
  },
  // Before: nothing; the agents were told to join at the x86 worker, where no API server listens.
  {
    name: 'K3s agents told to join at the address of the x86 worker',
    build: guarded((_main: ClusterChart, app: CdkApp) => piCluster(app, 'https://192.168.57.20:6443')),
    layer: 'props', path: 'pis', field: 'preinstalled[0].serverUrl', hint: /https:\/\/192\.168\.57\.11:6443/,
  },
  // Before: nothing; the pod landed on the x86 node, where the kubelet found no /dev/gpiomem and never started it.
  {
    name: "a Raspberry Pi's /dev/gpiomem for an app the x86 mini PC may run",
    build: piApp('relays', { devices: [AppDevice.hostDevice('/dev/gpiomem')], exemptions: { hostPath: 'drives the relay board on the GPIO pins', privileged: 'opens the GPIO registers' } }),
    layer: 'inventory', path: 'relays', field: 'devices[0]', hint: /arch: 'arm64'/,
  },
  {
    name: "a Pi camera's VideoCore device for an app pinned to the x86 node",
    build: piApp('camera', { devices: [AppDevice.hostDevice('/dev/vchiq')], placement: { host: mini }, exemptions: { hostPath: 'the camera', privileged: 'opens the camera' } }),
    layer: 'inventory', path: 'camera', field: 'devices[0]', message: /nu57-mini \(amd64\)/,
  },
  {
    name: "Zigbee2MQTT on a RaspBee HAT's UART, free to run on the x86 node",
    build: piApp('zigbee2mqtt', {
      image: 'koenkk/zigbee2mqtt:1.42.0', env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: '/dev/ttyAMA0' }, devices: [AppDevice.hostDevice('/dev/ttyAMA0')],
      exemptions: { hostPath: 'the RaspBee on the GPIO header', privileged: 'opens the serial port' },
    }),
    layer: 'inventory', path: 'zigbee2mqtt', field: 'devices[0]', message: /ttyAMA0.*nu57-mini \(amd64\)/,
  },
  // Before: nothing; Home Assistant's image for the Pi 4 board, pinned by digest, stopped with "exec format error" on the x86 node.
  {
    name: "Home Assistant's Raspberry Pi 4 image, pinned by digest, once the x86 node joined",
    build: piApp('home-assistant', { image: `homeassistant/raspberrypi4-64-homeassistant@sha256:${'c'.repeat(64)}`, ports: [{ name: 'http', port: 8123 }] }),
    layer: 'inventory', path: 'home-assistant', field: 'image', message: /raspberrypi4-64.*nu57-mini \(amd64\)/,
  },
  // Before: the hint listed placement's keys; a JavaScript lab passes the host itself where the README writes { host }.
  {
    name: 'an app placed on the Pi with the SSD by the host itself, without { host }',
    build: piApp('gitea', { placement: pi1 as unknown as AppProps['placement'] }),
    layer: 'props', path: 'gitea', field: 'placement', hint: /placement: \{ host: <host\('nu57-pi1', …\)> \}/,
  },
  // Before: the hint said "say what kind of disk it is: hdd, ssd or nvme", which an SD card is none of.
  { name: "a Pi's SD card listed as a disk of media 'sd'", build: board({ disks: [{ media: 'sd' as 'ssd', sizeGigabytes: 64 }] }), layer: 'inventory', path: 'inventory/host/board', field: 'disks[0].media', hint: /SD card/ },
  { name: "a USB SSD listed as a disk of media 'usb'", build: board({ disks: [{ media: 'usb' as 'ssd', sizeGigabytes: 500 }] }), layer: 'inventory', path: 'inventory/host/board', field: 'disks[0].media', hint: /media: 'ssd' for a USB SSD/ },
  // Before: the hint listed a disk's facts; where the SSD is mounted is no fact, and the apps of its folders are placed on its host.
  {
    name: "the USB SSD's mount point written on the disk",
    build: board({ disks: [{ media: 'ssd', sizeGigabytes: 500, mountPath: '/mnt/ssd' } as { media: 'ssd'; sizeGigabytes: number }] }),
    layer: 'inventory', path: 'inventory/host/board', field: 'disks[0].mountPath', hint: /placement: \{ host: board \}/,
  },
  // Before: the hint wrote a list of its own, and a second error said no host was a control-plane node.
  { name: 'the K3s server role written as K3s names it, as text', build: board({ roles: 'server' as unknown as ['worker'] }), layer: 'inventory', path: 'inventory/host/board', field: 'roles', hint: /roles: \['control-plane', 'worker'\]/ },
];
