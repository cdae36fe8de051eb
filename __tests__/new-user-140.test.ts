// A new user's home automation from the README alone: a K3s cluster of a NUC (Intel iGPU and a Coral PCIe TPU), a
// Raspberry Pi with the Zigbee coordinator and a mini PC; Mosquitto, Home Assistant with its recorder's PostgreSQL,
// Zigbee2MQTT on the Pi, ESPHome and Home Assistant on the host's network, Node-RED, Frigate on the NUC, InfluxDB
// and Grafana. Written the obvious way it synthesizes with no finding; the mistakes a first home-automation lab makes
// (compose's device and privilege forms, the stick on the wrong host, units, names and numbers as text) are each one
// finding on the field that holds them.
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppController, AppDevice, AppVolume, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { schemasMissing, testWhen } from './support/shared';
import { aboutTheLab, synthInMemory } from './support/synth';

const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.40.10', cores: 8, memoryGigabytes: 32, gpus: [{ vendor: 'intel', model: 'Iris Xe' }] });
const pi = host('pi', {
  arch: 'arm64', roles: ['worker'], address: '192.168.40.11', cores: 4, memoryGigabytes: 8, model: 'Raspberry Pi 4',
  usbDevices: { zigbee: { vendorId: '10c4', productId: 'ea60', model: 'Sonoff Zigbee 3.0 USB Dongle Plus' } },
});
const mini = host('mini', { arch: 'amd64', roles: ['worker'], address: '192.168.40.12', cores: 4, memoryGigabytes: 16 });
const home = site('smarthome', { domain: 'home.example.net', hosts: [nuc, pi, mini], git: { url: 'https://github.com/jdoe/home.git' }, pools: { vips: { first: '192.168.40.240', last: '192.168.40.250' } } });

const STICK = '/dev/serial/by-id/usb-ITead_Sonoff_Zigbee_3.0_USB_Dongle_Plus_4c004e9c-if00-port0';
const CAMERA = 'rtsp://{FRIGATE_RTSP_USER}:{FRIGATE_RTSP_PASSWORD}@192.168.40.50:554/stream1';
const frigateConfig = (tls = 'tls:\n  enabled: false\n') => `${tls}mqtt:\n  host: mosquitto.iot\ndetectors:\n  coral:\n    type: edgetpu\n    device: pci\n`
  + `ffmpeg:\n  hwaccel_args: preset-vaapi\ncameras:\n  door:\n    ffmpeg:\n      inputs:\n        - path: ${CAMERA}\n          roles: [detect, record]\n`;

interface Changes {
  readonly apps?: Record<string, Partial<AppProps>>;
  readonly frigateConfig?: string;
}

const defineLab = (changes: Changes = {}) => guarded((scope: Construct) => {
  const app = (c: ClusterChart, id: string, props: AppProps) => new HomelabApp(c, id, { ...props, ...changes.apps?.[id] });
  const c = new ClusterChart(scope, 'main', {
    site: home, hosts: [nuc, pi, mini], storage: { fast: localPathStorage() }, gitops: flux(),
    routes: traefik({ address: home.pools.vips.at('192.168.40.240') }), loadBalancer: metalLb({ pools: [home.pools.vips] }),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  c.namespaces.ensure('iot');
  c.namespaces.ensure('nvr');
  new ApiObject(c, 'mosquitto-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mosquitto', namespace: 'iot' },
    data: { 'mosquitto.conf': 'listener 1883\nallow_anonymous true\npersistence true\npersistence_location /mosquitto/data/\n' },
  });
  new ApiObject(c, 'frigate-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'frigate', namespace: 'nvr' }, data: { 'config.yml': changes.frigateConfig ?? frigateConfig() } });
  const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });

  const mosquitto = app(c, 'mosquitto', {
    namespace: 'iot', image: 'eclipse-mosquitto:2.0.20', ports: [{ name: 'mqtt', port: 1883 }],
    persistence: {
      data: { volume: claim('1Gi'), mountPath: '/mosquitto/data' },
      config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] },
    },
    loadBalancer: { address: home.pools.vips.at('192.168.40.241'), ports: ['mqtt'] },
  });
  const recorder = app(c, 'recorder-db', {
    namespace: 'home', image: 'postgres:16.6', controller: AppController.statefulSet(), ports: [{ name: 'postgres', port: 5432 }],
    env: { POSTGRES_DB: 'homeassistant', POSTGRES_USER: 'homeassistant', POSTGRES_PASSWORD: SecretReference.external('home', 'recorder-db', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: { data: { volume: claim('10Gi'), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
  });
  app(c, 'home-assistant', {
    namespace: 'home', image: 'ghcr.io/home-assistant/home-assistant:2025.1.2', ports: [{ name: 'http', port: 8123 }],
    controller: AppController.statefulSet(), placement: { host: nuc }, env: { TZ: 'Europe/Berlin' },
    persistence: { config: { volume: claim('5Gi'), mountPath: '/config' } },
    exemptions: { runAsRoot: 's6-overlay runs Home Assistant as root', writableRootFilesystem: 's6-overlay writes /run and /etc', hostNetwork: 'discovers devices by mDNS and SSDP' },
    route: { host: 'home' }, egress: [mosquitto, recorder],
  });
  app(c, 'zigbee2mqtt', {
    namespace: 'iot', image: 'koenkk/zigbee2mqtt:1.42.0', ports: [{ name: 'http', port: 8080 }], placement: { host: pi },
    env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: STICK, ZIGBEE2MQTT_CONFIG_MQTT_SERVER: 'mqtt://mosquitto.iot:1883', TZ: 'Europe/Berlin' },
    devices: [AppDevice.hostDevice(STICK)],
    persistence: { data: { volume: claim('1Gi'), mountPath: '/app/data' } },
    exemptions: { hostPath: 'the Zigbee coordinator plugged into the Pi', privileged: 'the runtime lets only a privileged container open a device mounted by path' },
    route: { host: 'zigbee' }, egress: [mosquitto],
  });
  app(c, 'esphome', {
    namespace: 'iot', image: 'ghcr.io/esphome/esphome:2024.12.2', ports: [{ name: 'http', port: 6052 }], placement: { arch: 'amd64' },
    persistence: { config: { volume: claim('2Gi'), mountPath: '/config' } },
    exemptions: { hostNetwork: 'finds the ESP devices by mDNS', runAsRoot: 'the image runs as root', writableRootFilesystem: 'PlatformIO writes its toolchains under /root' },
    route: { host: 'esphome' },
  });
  app(c, 'node-red', {
    namespace: 'iot', image: 'nodered/node-red:4.0.8', ports: [{ name: 'http', port: 1880 }],
    persistence: { data: { volume: claim('1Gi'), mountPath: '/data' } }, route: { host: 'node-red' }, egress: [mosquitto],
  });
  app(c, 'frigate', {
    namespace: 'nvr', image: 'ghcr.io/blakeblackshear/frigate:0.14.1', ports: [{ name: 'http', port: 8971 }, { name: 'rtsp', port: 8554 }],
    placement: { host: nuc }, gpu: { vendor: 'intel' }, devices: [AppDevice.hostDevice('/dev/apex_0')],
    env: { FRIGATE_RTSP_USER: 'frigate', FRIGATE_RTSP_PASSWORD: SecretReference.external('nvr', 'frigate', 'rtsp-password') },
    persistence: {
      config: { volume: AppVolume.configMap('frigate'), mounts: [{ mountPath: '/config/config.yml', subPath: 'config.yml' }] },
      media: { volume: claim('500Gi'), mountPath: '/media/frigate' },
      shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '512Mi' }), mountPath: '/dev/shm' },
    },
    resources: { cpuRequest: '2', memoryRequest: '2Gi', memoryLimit: '4Gi' },
    exemptions: {
      privileged: 'the Coral PCIe TPU is opened by path', hostPath: "/dev/apex_0, the NUC's Coral", runAsRoot: 'Frigate runs as root',
      writableRootFilesystem: 'Frigate writes its cache and nginx its files on the root',
    },
    route: { host: 'frigate', port: 8971 }, egress: [mosquitto, { cidr: '192.168.40.50/32', ports: [{ port: 554 }] }],
  });
  app(c, 'influxdb', {
    namespace: 'metrics', image: 'influxdb:2.7.10', ports: [{ name: 'http', port: 8086 }],
    env: {
      DOCKER_INFLUXDB_INIT_MODE: 'setup', DOCKER_INFLUXDB_INIT_USERNAME: 'admin', DOCKER_INFLUXDB_INIT_PASSWORD: SecretReference.external('metrics', 'influxdb', 'password'),
      DOCKER_INFLUXDB_INIT_ORG: 'home', DOCKER_INFLUXDB_INIT_BUCKET: 'homeassistant', DOCKER_INFLUXDB_INIT_RETENTION: '52w',
    },
    persistence: { data: { volume: claim('20Gi'), mountPath: '/var/lib/influxdb2' }, config: { volume: claim('100Mi'), mountPath: '/etc/influxdb2' } },
    route: { host: 'influx' },
  });
  app(c, 'grafana', {
    namespace: 'metrics', image: 'grafana/grafana:11.4.0', ports: [{ name: 'http', port: 3000 }],
    persistence: { data: { volume: claim('1Gi'), mountPath: '/var/lib/grafana' } }, env: { GF_SERVER_ROOT_URL: 'https://grafana.home.example.net' },
    route: { host: 'grafana' },
  });
});

const synthOf = (changes?: Changes) => synthInMemory(defineLab(changes));
const shown = (changes?: Changes) => aboutTheLab(synthOf(changes).findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message} | ${f.hint ?? ''}`);
const zigbee = (more: Partial<AppProps>): Changes => ({ apps: { zigbee2mqtt: more } });
const frigate = (more: Partial<AppProps>): Changes => ({ apps: { frigate: more } });

describe('the lab written the obvious way', () => {
  const result = synthOf();
  const objects = result.clusters[0].objects.map((o) => o.manifest);
  const workload = (name: string): any => objects.find((o) => ['Deployment', 'StatefulSet'].includes(o.kind) && o.metadata.name === name);

  test('synthesizes with no finding', () => {
    expect(aboutTheLab(result.findings)).toEqual([]);
  });

  test('the stick reaches Zigbee2MQTT on the Pi, and the Coral and the iGPU reach Frigate on the NUC, each exemption annotated', () => {
    const z2m = workload('zigbee2mqtt').spec.template.spec;
    expect(z2m.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'pi' });
    expect(z2m.volumes).toContainEqual({ name: expect.any(String), hostPath: { path: STICK, type: 'CharDevice' } });
    expect(z2m.containers[0].volumeMounts).toContainEqual(expect.objectContaining({ mountPath: STICK }));
    const nvr = workload('frigate').spec.template;
    expect(nvr.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'nuc' });
    expect(nvr.spec.volumes).toContainEqual({ name: 'dev-apex-0', hostPath: { path: '/dev/apex_0', type: 'CharDevice' } });
    expect(nvr.spec.containers[0].resources.limits['gpu.intel.com/i915']).toBe(1);
    expect(nvr.metadata.annotations).toMatchObject({ 'security.homelab.dev/privileged': 'the Coral PCIe TPU is opened by path', 'security.homelab.dev/host-path': "/dev/apex_0, the NUC's Coral" });
    expect(workload('home-assistant').spec.template.spec.hostNetwork).toBe(true);
  });

  testWhen(schemasMissing())('every object passes the upstream schemas', () => {
    expect(result.findings.filter((f) => f.layer === 'schema')).toEqual([]);
  });
});

describe('a first home-automation lab', () => {
  test.each<[string, Changes, string[]]>([
    ["the stick in compose's host:container form", zigbee({ devices: [AppDevice.hostDevice(`${STICK}:/dev/ttyUSB0`)] }), [
      `error main/zigbee2mqtt devices[0].path: device path "${STICK}:/dev/ttyUSB0" is in docker's host:container form | name the host's device alone; it is mounted at the same path in the container: AppDevice.hostDevice('${STICK}')`,
    ]],
    ['devices written as compose writes them', zigbee({ devices: ['/dev/ttyUSB0:/dev/ttyUSB0'] as never }), [
      "error main/zigbee2mqtt devices[0]: devices[0] is \"/dev/ttyUSB0:/dev/ttyUSB0\", compose's device line, not made by one of its factories | make it with AppDevice.hostDevice('/dev/ttyUSB0'), which mounts /dev/ttyUSB0 at the same path in the container",
    ]],
    ['the stick given on the NUC, which lacks it', zigbee({ placement: { host: nuc } }), [
      `error main/zigbee2mqtt devices[0]: ${STICK} is a USB device plugged into one machine, and the pods run on nuc, whose inventory lists no USB device, while pi's lists zigbee: on nuc the kubelet finds no such device and the pod never starts | place the app on the host the device is plugged into: placement: { host: pi }; or, if it is plugged into nuc, list it there: usbDevices: { <name>: { vendorId, productId } }`,
    ]],
    ['the stick of the inventory given as a device', zigbee({ devices: [pi.usb.zigbee as never] }), [
      "error main/zigbee2mqtt devices[0]: pi.usb.zigbee is a USB device of the inventory, which KubeVirt passes to a VM by its IDs (a VM's hostDevices); a container reaches a device by its path on the host | mount the stick by its stable path and run the app on its host: devices: [AppDevice.hostDevice('/dev/serial/by-id/<the name ls -l /dev/serial/by-id shows>')], placement: { host: pi }",
    ]],
    ["compose's privileged: true", zigbee({ privileged: true } as never), [
      "error main/zigbee2mqtt privileged: App has no prop \"privileged\"; it would be ignored | compose's privileged: true is an exemption with its reason here: exemptions: { privileged: '…' }",
    ]],
    ['the privileged exemption as a switch', zigbee({ exemptions: { hostPath: 'the stick', privileged: true as never } }), [
      "error main/zigbee2mqtt exemptions.privileged: exemptions.privileged is true, not a reason: text that says why | write the reason as text, which the output records: privileged: 'opens USB devices plugged in after it starts'",
    ]],
    ["compose's network_mode: host", { apps: { esphome: { network_mode: 'host' } as never } }, [
      "error main/esphome network_mode: App has no prop \"network_mode\"; it would be ignored | compose's network_mode: host is exemptions: { hostNetwork: '…' }; service:<name> is a sidecar, whose containers share the pod's network: sidecars: [{ name: 'gluetun', image: … }]",
    ]],
    ["ESPHome on Home Assistant's port of the NUC's network", { apps: { esphome: { placement: { host: nuc }, ports: [{ name: 'http', port: 8123 }], args: ['dashboard', '--port', '8123', '/config'] } } }, [
      'error main/esphome ports[0]: host port TCP/8123 is also taken by StatefulSet home/home-assistant, which can run on the same host (at spec.template.spec.containers[0].ports[0] of Deployment iot/esphome) | move one of them to another host, or use another port',
    ]],
    ["docker's GB for memory", frigate({ resources: { cpuRequest: '2', memoryRequest: '2Gi', memoryLimit: '4GB' } }), [
      "error main/frigate resources.memoryLimit: \"4GB\" is not a size | write '4Gi': docker's 4GB is 4Gi here (Kubernetes' units are Ki, Mi, Gi, Ti, or k, M, G, T)",
    ]],
    ['the host by its name', zigbee({ placement: { host: 'pi' as never } }), [
      "error main/zigbee2mqtt placement.host: placement.host is \"pi\", not a host of the inventory (declared with host('name', { … })) | \"pi\" names host('pi', …) of the inventory: pass the host object that host() returned (the const it is kept in), not its name",
    ]],
    ['a typo in the container a device goes to', zigbee({ devices: [AppDevice.hostDevice(STICK, { containers: ['zigbee2mqt'] })] }), [
      'error main/zigbee2mqtt devices[0].containers[0]: the app has no container "zigbee2mqt" | did you mean "zigbee2mqtt"? name one of the app\'s containers zigbee2mqtt (the main one is named after the app)',
    ]],
    ["the broker's port as text", { apps: { mosquitto: { ports: [{ name: 'mqtt', port: '1883' as never }] } } }, [
      'error main/mosquitto ports[0].port: ports[0].port is "1883", not a port: a whole number of 1–65535 | write the port as a number, without quotes: 1883',
    ]],
    ["the broker's address as text", { apps: { mosquitto: { loadBalancer: { address: '192.168.40.241' as never, ports: ['mqtt'] } } } }, [
      "error main/mosquitto loadBalancer.address: loadBalancer.address is \"192.168.40.241\", not an address taken from an inventory pool (site.pools.<pool>.at(…)) | take the address from pool vips of site('smarthome', …), which holds it: <site>.pools.vips.at('192.168.40.241'), where <site> is the const that site is kept in",
    ]],
    ["the broker as localhost, as compose's host network had it", zigbee({ env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: STICK, ZIGBEE2MQTT_CONFIG_MQTT_SERVER: 'mqtt://localhost:1883' } }), [
      'error main/zigbee2mqtt env.ZIGBEE2MQTT_CONFIG_MQTT_SERVER: env ZIGBEE2MQTT_CONFIG_MQTT_SERVER calls localhost:1883, the pod\'s own loopback, where none of its containers listens (they declare 8080): under compose, on the host\'s network or through a published port, localhost was the machine; in a pod it is the pod itself (at spec.template.spec.containers[0].env[0] of Deployment iot/zigbee2mqtt) | call the app\'s Service: mqtt://mosquitto.iot:1883 (or mosquitto-lb.iot)',
    ]],
    ["a retention in years, which influx setup does not read", { apps: { influxdb: { env: { DOCKER_INFLUXDB_INIT_MODE: 'setup', DOCKER_INFLUXDB_INIT_USERNAME: 'admin', DOCKER_INFLUXDB_INIT_PASSWORD: SecretReference.external('metrics', 'influxdb', 'password'), DOCKER_INFLUXDB_INIT_ORG: 'home', DOCKER_INFLUXDB_INIT_BUCKET: 'ha', DOCKER_INFLUXDB_INIT_RETENTION: '1y' } } } }, [
      'error main/influxdb env.DOCKER_INFLUXDB_INIT_RETENTION: influx setup reads the retention "1y" as no duration (its units are ns, us, ms, s, m, h, d and w, no months nor years): the first start fails and the entrypoint exits, so the bucket is never made | DOCKER_INFLUXDB_INIT_RETENTION: \'365d\' (or \'0\' to keep the data forever)',
    ]],
    ["a .env file's quotes", { apps: { 'node-red': { env: { TZ: '"Europe/Berlin"' } } } }, [
      'error main/node-red env.TZ: container "node-red": env TZ is "Europe/Berlin", quotes included, as a .env file writes it: compose drops them, Kubernetes passes them on as part of the value | write TZ: \'Europe/Berlin\'',
    ]],
    ["ESPHome's ping switch as a boolean", { apps: { esphome: { exemptions: { runAsRoot: 'the image runs as root', writableRootFilesystem: 'PlatformIO' }, env: { ESPHOME_DASHBOARD_USE_PING: true as never } } } }, [
      'error main/esphome env.ESPHOME_DASHBOARD_USE_PING: container "esphome": env ESPHOME_DASHBOARD_USE_PING is the boolean true; environment values are text | write it as a string: ESPHOME_DASHBOARD_USE_PING: \'true\'',
    ]],
    ["the Coral USB accelerator by its device's numbered node", frigate({ devices: [AppDevice.hostDevice('/dev/bus/usb/002/003')] }), [
      "error main/frigate devices[0].path: /dev/bus/usb/002/003 is the node of one USB device, which the kernel numbers anew each time the device is plugged in or the host starts (a Coral USB accelerator takes a new number as soon as it loads its firmware): the path would soon name another device, or none, and the pod would not start | mount its bus, AppDevice.hostDevice('/dev/bus/usb/002'), or every bus, AppDevice.hostDevice('/dev/bus/usb'); a serial stick by its stable link under /dev/serial/by-id",
    ]],
    ['Frigate placed on the Pi, which has no GPU', frigate({ placement: { host: pi } }), [
      'error main/frigate placement: no host of cluster "main" has host pi and an Intel GPU | no host meets them together; host pi: pi; an Intel GPU: nuc',
    ]],
    ['the GPU vendor capitalised', frigate({ gpu: { vendor: 'Intel' as never } }), [
      'error main/frigate gpu.vendor: gpu.vendor is "Intel", not one of nvidia, amd, intel | write it as \'intel\': case counts',
    ]],
  ])('%s is one finding', (_, changes, expected) => {
    expect(shown(changes)).toEqual(expected);
  });
});

describe('what the library now says', () => {
  test("the camera of Frigate's config, its credentials filled in by Frigate, is a call its egress must let out", () => {
    expect(shown(frigate({ egress: [] })).filter((f) => f.includes('192.168.40.50'))).toEqual([
      "warning main/frigate-config data.config.yml: ConfigMap frigate's config.yml calls 192.168.40.50:554, outside the cluster, but this app's own egress policy lets nothing out to that address on that port: every connection would wait until it times out | let it out in this app's egress: { cidr: '192.168.40.50/32', ports: [{ port: 554 }] }, or egress: 'any'",
    ]);
  });

  test("a plain HTTP route to Frigate's login port, which its config leaves on TLS, is an error on the port", () => {
    expect(shown({ frigateConfig: frigateConfig('') })).toEqual([
      'error main/frigate ports.http.appProtocol: a route speaks plain HTTP to port 8971, where Frigate answers only TLS: every request is refused ("400 Bad Request: the plain HTTP request was sent to HTTPS port"); '
        + "Frigate's config (ConfigMap frigate's config.yml) leaves TLS on, as Frigate does from 0.14 | set appProtocol: 'https' on the port, with exemptions: { unverifiedBackendTls: 'Frigate signs its own certificate' }; "
        + "or turn TLS off in Frigate's config, tls: { enabled: false }, as the route's ingress gives the browser HTTPS",
    ]);
  });

  test("an HTTPS route to Frigate's login port is left alone", () => {
    const https = { ports: [{ name: 'https', port: 8971, appProtocol: 'https' as const }, { name: 'rtsp', port: 8554 }], exemptions: {
      privileged: 'the Coral PCIe TPU is opened by path', hostPath: '/dev/apex_0', runAsRoot: 'Frigate runs as root', writableRootFilesystem: 'Frigate writes its cache', unverifiedBackendTls: 'Frigate signs its own certificate',
    } };
    expect(shown({ frigateConfig: frigateConfig(''), apps: { frigate: https } })).toEqual([]);
  });

  test('the Coral PCIe card on an app that may run anywhere is placed without a guess from the Pi\'s Zigbee stick', () => {
    expect(shown(frigate({ placement: undefined, gpu: undefined }))).toEqual([
      'error main/frigate devices[0]: /dev/apex_0 is a device plugged into one machine, and the pods may run on any of nuc, pi, mini: the scheduler does not know where the device is, and on the other hosts the kubelet finds no such device and the pod never starts | place the app on the host the device is plugged into: placement: { host: nuc }',
    ]);
  });

  test('the Coral PCIe card mounted as a folder is an error on its type', () => {
    expect(shown(frigate({ devices: [AppDevice.hostDevice('/dev/apex_0', { directory: true })] }))).toEqual([
      "error main/frigate devices[0].hostPathType: /dev/apex_0 is one character device, not a folder of devices; the kubelet's hostPath type check would keep the pod from starting (\"is not a directory\") | mount it as the device it is: AppDevice.hostDevice('/dev/apex_0'), without directory: true",
    ]);
  });

  test("compose's shm_size in megabytes, given to /dev/shm as a number, is answered in Mi", () => {
    const persistence = {
      config: { volume: AppVolume.configMap('frigate'), mounts: [{ mountPath: '/config/config.yml', subPath: 'config.yml' }] },
      media: { volume: AppVolume.claim({ tier: 'fast', size: '500Gi' }), mountPath: '/media/frigate' },
      shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: 512 as never }), mountPath: '/dev/shm' },
    };
    expect(shown(frigate({ persistence }))).toEqual([
      "error main/frigate persistence.shm.volume.emptyDir.sizeLimit: persistence.shm.volume.emptyDir.sizeLimit is 512, not a string | write the size as text with its unit, e.g. sizeLimit: '512Mi'",
    ]);
  });

  test('the Coral USB accelerator given as the USB tree to a Frigate that may run anywhere is placed on one host', () => {
    expect(shown(frigate({ placement: undefined, gpu: undefined, devices: [AppDevice.hostDevice('/dev/bus/usb')] }))).toEqual([
      "error main/frigate devices[0]: /dev/bus/usb holds the Coral USB accelerator Frigate's detector opens, which is plugged into one machine, and the pods may run on any of nuc, pi, mini: "
        + 'the scheduler does not know where the device is, and on the other hosts Frigate finds no Coral ("No EdgeTPU was detected"), its detector fails and Frigate exits and restarts for ever'
        + ' | place the app on the host the device is plugged into: placement: { host: nuc }',
    ]);
  });

  test("two brokers on the broker's claim are told to stay one broker, not to take a shared tier or a StatefulSet", () => {
    expect(shown({ apps: { mosquitto: { replicas: 2 } } })).toEqual([
      'error main/mosquitto replicas: 2 replicas share the ReadWriteOnce claim "mosquitto-data", which only one node can mount (at spec.replicas of Deployment iot/mosquitto)'
        + ' | use one replica: Mosquitto does not replicate by itself, so a ReadWriteMany tier or a StatefulSet would make separate brokers, and a client subscribed on one never gets what another publishes to the next;'
        + ' for a replicated Mosquitto, run a broker that clusters (EMQX, VerneMQ)',
    ]);
  });

  test("the broker's address without mqtt:// is an error on the variable", () => {
    expect(shown(zigbee({ env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: STICK, ZIGBEE2MQTT_CONFIG_MQTT_SERVER: 'mosquitto.iot:1883' } }))).toEqual([
      'error main/zigbee2mqtt env.ZIGBEE2MQTT_CONFIG_MQTT_SERVER: ZIGBEE2MQTT_CONFIG_MQTT_SERVER "mosquitto.iot:1883" names no scheme: Zigbee2MQTT reads it as the URL of the MQTT broker, '
        + 'so MQTT.js knows no protocol in it (it takes mqtt:// or mqtts://), the connection fails and Zigbee2MQTT exits ("MQTT failed to connect, exiting...")'
        + " | write the URL with its scheme and port: ZIGBEE2MQTT_CONFIG_MQTT_SERVER: 'mqtt://mosquitto.iot:1883'",
    ]);
  });

  test("Zigbee2MQTT's port declared as 8099 while its frontend listens on 8080 is a warning, its data folder's configuration aside", () => {
    expect(shown(zigbee({ ports: [{ name: 'http', port: 8099 }] }))).toEqual([
      'warning main/zigbee2mqtt ports[0].port: image "koenkk/zigbee2mqtt:1.42.0" runs Zigbee2MQTT\'s frontend, which listens on port 8080 unless env.ZIGBEE2MQTT_CONFIG_FRONTEND_PORT moves it; '
        + 'the container declares 8099, where nothing listens: its Service and probes would reach nothing and the pod would never become ready, unless the configuration it mounts sets that port (frontend: port of configuration.yaml)'
        + " | declare the port it listens on: { name: 'http', port: 8080, servicePort: 8099 }; or listen on 8099: env.ZIGBEE2MQTT_CONFIG_FRONTEND_PORT: '8099'",
    ]);
    expect(shown(zigbee({ ports: [{ name: 'http', port: 8099 }], env: { ZIGBEE2MQTT_CONFIG_SERIAL_PORT: STICK, ZIGBEE2MQTT_CONFIG_MQTT_SERVER: 'mqtt://mosquitto.iot:1883', ZIGBEE2MQTT_CONFIG_FRONTEND_PORT: '8099' } }))).toEqual([]);
  });
});
