import { ApiObject, App as CdkApp } from 'cdk8s';
import { AppDevice, AppVolume, ClusterChart, flux, HomelabApp, host, localPathStorage, metalLb, site, traefik } from '../../constructs';
import type { AppDevice as Device, AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// Home automation on a lab of two hosts: Zigbee2MQTT and Z-Wave JS with a USB stick plugged into one of them,
// Frigate with a Coral accelerator.

/** The machine the sticks are plugged into, as its owner lists it. */
const nuc = host('nuc', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10',
  usbDevices: { zigbee: { vendorId: '10c4', productId: 'ea60', model: 'Sonoff Zigbee 3.0 USB Dongle Plus' } },
});
const pi = host('pi', { arch: 'arm64', address: '192.168.1.11' });
const home = site('home', { domain: 'home.example.com', hosts: [nuc, pi], git: { url: 'https://git.example.com/me/home.git' } });
/** The same machines with addresses for load balancers. */
const homeWithPool = site('home-lb', {
  domain: 'home.example.com', hosts: [nuc, pi], git: { url: 'https://git.example.com/me/home.git' }, pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
});

/** Builds the app `id` with `props` in a cluster `home` of both hosts, where nothing keeps its pods off either. */
const onTwoHosts = (id: string, props: Partial<AppProps>) => guarded((_cluster: ClusterChart, app: CdkApp) => {
  const cluster = new ClusterChart(app, 'home', { site: home, hosts: [nuc, pi], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() }, gitops: flux() });
  new HomelabApp(cluster, id, { image: 'koenkk/zigbee2mqtt:1.42.0', ports: [{ name: 'http', port: 8080 }], ...props } as AppProps);
});

const STICK = '/dev/serial/by-id/usb-ITead_Sonoff_Zigbee_3.0_USB_Dongle_Plus_4c8a-if00-port0';
const data = { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } };
const ONE_MACHINE = /plugged into one machine/;

export const CASES: BadInput[] = [
  // The inventory's stick, as a VM is given it, handed to a container: it was "type undefined is not one of hostDevice, plugin".
  {
    name: "Zigbee2MQTT given the inventory's USB stick as its device",
    build: onTwoHosts('zigbee2mqtt', { devices: [nuc.usb.zigbee as unknown as Device], persistence: data }),
    layer: 'props', path: 'zigbee2mqtt', field: 'devices[0]', message: /nuc\.usb\.zigbee is a USB device of the inventory/,
    hint: /AppDevice\.hostDevice\('\/dev\/serial\/by-id\/.*placement: \{ host: nuc \}/,
  },
  // The scheduler knows nothing of a hostPath: on the host without the stick the pod never starts.
  {
    name: 'Zigbee2MQTT with its stick by id, free to run on either host',
    build: onTwoHosts('zigbee2mqtt', {
      devices: [AppDevice.hostDevice(STICK)], exemptions: { hostPath: 'the Zigbee coordinator', privileged: 'opens the serial device' },
      env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: STICK }, persistence: data,
    }),
    layer: 'inventory', path: 'zigbee2mqtt', field: 'devices[0]', message: ONE_MACHINE, hint: /placement: \{ host: nuc \}/,
  },
  {
    name: 'Z-Wave JS UI with its stick at /dev/ttyACM0, free to run on either host',
    build: onTwoHosts('zwave-js-ui', {
      image: 'zwavejs/zwave-js-ui:9.27.8', ports: [{ name: 'http', port: 8091 }, { name: 'ws', port: 3000 }],
      devices: [AppDevice.hostDevice('/dev/ttyACM0')], exemptions: { hostPath: 'the Z-Wave stick', privileged: 'opens the serial device' },
    }),
    layer: 'inventory', path: 'zwave-js-ui', field: 'devices[0]', message: ONE_MACHINE,
  },
  {
    name: "Frigate with a Coral PCIe card's /dev/apex_0, free to run on either host",
    build: onTwoHosts('frigate', {
      image: 'ghcr.io/blakeblackshear/frigate:0.14.1', ports: [{ name: 'http', port: 5000 }],
      devices: [AppDevice.hostDevice('/dev/bus/usb'), AppDevice.hostDevice('/dev/apex_0')],
      exemptions: { hostPath: 'the Coral accelerator', privileged: 'opens the accelerator', runAsRoot: 'the image runs as root', writableRootFilesystem: 's6-overlay writes /run' },
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
    }),
    layer: 'inventory', path: 'frigate', field: 'devices[1]', message: /\/dev\/apex_0 is a device plugged into one machine/,
  },
  // A port 0 for "every port", as a firewall rule writes it: refused by the API server in the NetworkPolicy, and
  // was reported there, on the rendered object, not on the prop.
  {
    name: "Homebridge's egress to the camera VLAN with port 0 for every port",
    build: onTwoHosts('homebridge', { image: 'homebridge/homebridge:2024-11-28', ports: [{ name: 'http', port: 8581 }], egress: [{ cidr: '192.168.30.0/24', ports: [{ port: 0 }] }] }),
    layer: 'props', path: 'homebridge', field: 'egress[0].ports[0].port', message: /1–65535/,
  },
  // mDNS from the pod network: the packets never leave the pod's own interface, so ESPHome finds no device.
  {
    name: 'ESPHome on the pod network with egress to the mDNS group for discovery',
    build: onTwoHosts('esphome', {
      image: 'ghcr.io/esphome/esphome:2024.12.0', ports: [{ name: 'http', port: 6052 }],
      egress: [{ cidr: '192.168.20.0/24', ports: [{ port: 6053 }] }, { cidr: '224.0.0.251/32', ports: [{ port: 5353, protocol: 'UDP' }] }],
    }),
    layer: 'props', path: 'esphome', field: 'egress[1].cidr', message: /is multicast/, hint: /exemptions: \{ hostNetwork/,
  },
  // Port 53 written without its protocol is TCP alone: the LAN's devices ask over UDP, and the load balancer forwards none.
  {
    name: 'AdGuard Home serving the LAN on port 53 over TCP only',
    build: onTwoHosts('adguard', {
      image: 'adguard/adguardhome:v0.107.57', ports: [{ name: 'http', port: 3000 }, { name: 'dns', port: 53 }],
      exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
    }),
    layer: 'props', path: 'adguard', field: 'ports[1].protocol', message: /over TCP only/, hint: /protocol: 'UDP'/,
  },
  // The container has only the devices it is given: the stick mounted by its stable name is no /dev/ttyUSB0 there.
  {
    name: "Zigbee2MQTT's serial port set to /dev/ttyUSB0, its stick mounted by id",
    build: onTwoHosts('zigbee2mqtt', {
      devices: [AppDevice.hostDevice(STICK)], exemptions: { hostPath: 'the Zigbee coordinator' }, placement: { host: nuc },
      env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: '/dev/ttyUSB0' }, persistence: data,
    }),
    layer: 'props', path: 'zigbee2mqtt', field: 'env.ZIGBEE2MQTT_CONFIG_SERIAL_PORT', message: /not given/, hint: /name the device the container is given \(\/dev\/serial\/by-id/,
  },
  {
    name: "Z-Wave JS UI's USB_PATH set with no device given",
    build: onTwoHosts('zwave-js-ui', {
      image: 'zwavejs/zwave-js-ui:9.27.8', ports: [{ name: 'http', port: 8091 }], placement: { host: nuc },
      env: { USB_PATH: '/dev/serial/by-id/usb-0658_0200-if00' },
    }),
    layer: 'props', path: 'zwave-js-ui', field: 'env.USB_PATH', hint: /devices: \[AppDevice\.hostDevice\('\/dev\/serial\/by-id\/usb-0658_0200-if00'\)\]/,
  },
  // Home Assistant on the host's network answers at its node's address, which Node-RED's egress to the IoT VLAN leaves out.
  {
    name: "Node-RED calling Home Assistant on the host's network, its egress listing the IoT VLAN alone",
    build: guarded((_cluster: ClusterChart, app: CdkApp) => {
      const cluster = new ClusterChart(app, 'home', { site: home, hosts: [nuc, pi], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() }, gitops: flux() });
      new HomelabApp(cluster, 'home-assistant', {
        image: 'ghcr.io/home-assistant/home-assistant:2024.12.1', ports: [{ name: 'http', port: 8123 }], placement: { host: nuc },
        exemptions: { hostNetwork: 'discovers devices over mDNS', runAsRoot: 'its s6-overlay runs as root', writableRootFilesystem: 's6-overlay writes /run' },
        persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } },
      });
      new HomelabApp(cluster, 'node-red', {
        image: 'nodered/node-red:4.0.5', ports: [{ name: 'http', port: 1880 }], env: { HASS_URL: 'http://home-assistant.home-assistant:8123' },
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } }, egress: [{ cidr: '192.168.20.0/24' }],
      });
    }),
    layer: 'policy', path: 'node-red', field: 'env.HASS_URL', hint: /egress: \[homeAssistant/,
  },
  // Matter devices answer at IPv6 link-local addresses, which a pod reaches only on its own interface.
  {
    name: "Matter Server on the pod network with egress to the devices' link-local addresses",
    build: onTwoHosts('matter-server', {
      image: 'ghcr.io/home-assistant-libs/python-matter-server:6.6.1', ports: [{ name: 'ws', port: 5580 }], egress: [{ cidr: 'fe80::/10' }],
    }),
    layer: 'props', path: 'matter-server', field: 'egress[0].cidr', message: /link-local/, hint: /hostNetwork/,
  },
  // A whole ConfigMap at a file's path is a folder there: Blocky finds /app/config.yml/config.yml.
  {
    name: "Blocky's ConfigMap mounted whole at /app/config.yml",
    build: guarded((_cluster: ClusterChart, app: CdkApp) => {
      const cluster = new ClusterChart(app, 'home', { site: home, hosts: [nuc, pi], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() }, gitops: flux() });
      new ApiObject(cluster, 'blocky-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'blocky', namespace: 'blocky' }, data: { 'config.yml': 'ports:\n  dns: 53\n' } });
      new HomelabApp(cluster, 'blocky', {
        image: 'spx01/blocky:v0.24', ports: [{ name: 'http', port: 4000 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
        exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
        persistence: { config: { volume: AppVolume.configMap('blocky'), mountPath: '/app/config.yml' } },
      });
    }),
    layer: 'props', path: 'blocky', field: 'persistence.config.mountPath', hint: /subPath: 'config\.yml'/,
  },
  // APs look for their controller by broadcast on UDP 10001: a load balancer's address never hears it.
  {
    name: "the UniFi controller's device discovery on its load balancer",
    build: guarded((_cluster: ClusterChart, app: CdkApp) => {
      const cluster = new ClusterChart(app, 'home', {
        site: homeWithPool, hosts: [nuc, pi], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() }, gitops: flux(),
        loadBalancer: metalLb({ pools: [homeWithPool.pools.vips] }),
      });
      new HomelabApp(cluster, 'unifi', {
        image: 'jacobalberty/unifi:v8.6.9', runAsUser: 999, runAsGroup: 999,
        ports: [{ name: 'inform', port: 8080 }, { name: 'stun', port: 3478, protocol: 'UDP' }, { name: 'discovery', port: 10001, protocol: 'UDP' }],
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/unifi' } },
        loadBalancer: { address: homeWithPool.pools.vips.at('192.168.1.245'), ports: ['inform', 'stun', 'discovery'] },
      });
    }),
    layer: 'references', path: 'unifi', field: 'loadBalancer.ports', message: /UDP 10001/, hint: /hostNetwork/,
  },
];
