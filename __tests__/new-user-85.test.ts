import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import {
  AppDevice, AppVolume, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, metalLb, rootInitExemption, SecretReference, site, traefik,
} from '../constructs';
import type { AppProps } from '../constructs';
import { shownFindings } from './support/lab-output';

// A 3D printing bench as a newcomer writes it from the README: a mini PC and the Raspberry Pi the printer and its
// webcam hang on, in one K3s cluster under Flux. OctoPrint drives one printer over USB with its own webcam streamer;
// Klipper drives the other, with Moonraker beside it on the Unix socket they share, Mainsail in front and µStreamer
// for the camera; Spoolman keeps the spools; Obico watches prints with its ML API and Redis. Written the way each
// project's guide runs it, the lab synthesizes with only the findings it deserves, and the checks of this bench's
// images leave its correct forms alone.

const mini = host('nu85-mini', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.85.10', cores: 8, memoryGigabytes: 32 });
const printerPi = host('nu85-printer', {
  arch: 'arm64', roles: ['worker'], address: '192.168.85.20', cores: 4, memoryGigabytes: 8,
  usbDevices: { printer: { vendorId: '1d50', productId: '614e', model: 'Klipper on a BTT SKR' } },
});
const lab = site('nu85', {
  domain: 'maker.nu85.example.net', hosts: [mini, printerPi],
  pools: { vips: { first: '192.168.85.240', last: '192.168.85.250' } },
  git: { url: 'https://github.com/nu85/maker-bench.git' },
});
/** The printer board's stable name, as `ls -l /dev/serial/by-id` shows it. */
const BOARD = '/dev/serial/by-id/usb-Klipper_stm32f446xx_3B0028000A50315939343520-if00';
/** Where Klipper and Moonraker keep their files in prind's images, and the socket between them. */
const DATA = '/opt/printer_data';
const SOCKET = `${DATA}/run/klipper.sock`;

/** The bench; `change` replaces the props of one app by its id, `extra` adds to the cluster. */
const defineLab = (change: Record<string, Partial<AppProps>> = {}, extra?: (cluster: ClusterChart) => void) => (scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [mini, printerPi], routes: traefik({ address: lab.pools.vips.at('192.168.85.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  const app = (id: string, props: AppProps) => new HomelabApp(cluster, id, { ...props, ...change[id] } as AppProps);
  app('octoprint', {
    image: 'octoprint/octoprint:1.10.3', ports: [{ name: 'http', port: 80 }],
    env: { ENABLE_MJPG_STREAMER: 'true', CAMERA_DEV: '/dev/video0' },
    devices: [AppDevice.hostDevice('/dev/ttyACM0'), AppDevice.hostDevice('/dev/video0')],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/octoprint' } },
    placement: { host: printerPi },
    exemptions: {
      hostPath: 'the printer and the webcam', privileged: 'opens the printer and the webcam, which no device plugin hands over',
      runAsRoot: 'its init (s6-overlay) runs OctoPrint as root, as the image is built', writableRootFilesystem: 's6-overlay writes its service tree under /run',
    },
    route: { host: 'octoprint' },
  });
  new ApiObject(cluster, 'moonraker-conf', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'moonraker-conf', namespace: 'klipper' },
    data: { 'moonraker.conf': `[server]\nhost: 0.0.0.0\nport: 7125\nklippy_uds_address: ${SOCKET}\n\n[authorization]\ntrusted_clients:\n  10.42.0.0/16\ncors_domains:\n  https://mainsail.maker.nu85.example.net\n\n[spoolman]\nserver: http://spoolman.spoolman:8000\n` },
  });
  const spoolman = app('spoolman', {
    image: 'ghcr.io/donkie/spoolman:0.22.1', ports: [{ name: 'http', port: 8000 }],
    command: ['uvicorn', 'spoolman.main:app', '--host', '0.0.0.0', '--port', '8000'],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/home/app/.local/share/spoolman' } },
    probes: { readiness: { httpPath: '/api/v1/health' } },
    route: { host: 'spoolman' },
  });
  app('klipper', {
    namespace: 'klipper', image: 'mkuf/klipper:v0.12.0-114-ga77d0790',
    args: ['-I', `${DATA}/run/klipper.tty`, '-a', SOCKET, `${DATA}/config/printer.cfg`],
    devices: [AppDevice.hostDevice(BOARD)],
    placement: { host: printerPi },
    exemptions: { hostPath: 'the printer board', privileged: 'opens the printer board, which no device plugin hands over' },
    ports: [{ name: 'moonraker', port: 7125 }],
    persistence: {
      run: { volume: AppVolume.emptyDir(), mountPath: `${DATA}/run`, containers: ['klipper', 'moonraker'] },
      config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: `${DATA}/config`, containers: ['klipper', 'moonraker'] },
      moonrakerconf: { volume: AppVolume.configMap('moonraker-conf'), mounts: [{ mountPath: `${DATA}/config/moonraker.conf`, subPath: 'moonraker.conf' }], containers: ['moonraker'] },
    },
    containers: [{ name: 'moonraker', image: 'mkuf/moonraker:v0.9.3-9-g2e9b5b3', args: ['-d', DATA] }],
    egress: [spoolman],
  } as unknown as AppProps);
  app('mainsail', {
    namespace: 'klipper', image: 'ghcr.io/mainsail-crew/mainsail:v2.13.2', ports: [{ name: 'http', port: 80 }],
    exemptions: { runAsRoot: "the image's nginx starts as root and listens on 80", addCapabilities: rootInitExemption('supervisor', 'runs its workers as nginx', ['NET_BIND_SERVICE']), writableRootFilesystem: 'nginx writes its cache under /var/cache/nginx' },
    route: {
      host: 'mainsail',
      rules: [
        ...['/websocket', '/printer', '/api', '/access', '/machine', '/server'].map((path) => ({ path, backends: [{ service: 'klipper', port: 7125 }] })),
        { path: '/' },
      ],
    },
  });
  app('ustreamer', {
    namespace: 'klipper', image: 'mkuf/ustreamer:f11d390', ports: [{ name: 'http', port: 8080 }],
    args: ['--host=0.0.0.0', '--port=8080', '--device=/dev/video0', '--resolution=1280x720', '--format=MJPEG'],
    devices: [AppDevice.hostDevice('/dev/video0')],
    placement: { host: printerPi },
    exemptions: { hostPath: 'the webcam', privileged: 'opens the webcam, which no device plugin hands over' },
    route: { host: 'webcam' },
  });
  const redis = app('redis', { namespace: 'obico', image: 'redis:7.4.1-alpine', command: ['redis-server'], ports: [{ name: 'redis', port: 6379 }] });
  const mlApi = app('ml-api', {
    namespace: 'obico', image: 'thespaghettidetective/ml_api:base-1.1', ports: [{ name: 'http', port: 3333 }], resources: { memoryLimit: '2Gi' },
  });
  app('obico', {
    namespace: 'obico', image: 'thespaghettidetective/web:base-1.17', ports: [{ name: 'http', port: 3334 }],
    env: { REDIS_URL: 'redis://redis:6379', ML_API_HOST: 'http://ml-api:3333', DJANGO_SECRET_KEY: SecretReference.external('obico', 'obico', 'secret-key'), SITE_USES_HTTPS: 'True' },
    egress: [redis, mlApi],
    route: { host: 'obico' },
  });
  extra?.(cluster);
};

/** The one-line findings of the bench with `change`, of the app `id` alone. */
const findingsOf = (id: string, change: Partial<AppProps>) => shownFindings(defineLab({ [id]: change })).filter((line) => line.includes(`main/${id} `));

describe('a 3D printing bench written from the README', () => {
  it('synthesizes with only the findings it deserves', () => {
    expect(shownFindings(defineLab())).toEqual([]);
  });

  it("leaves µStreamer alone where it listens on the pod's addresses, however its command line says so", () => {
    const devices = [AppDevice.hostDevice('/dev/video0')];
    expect(findingsOf('ustreamer', { args: undefined })).toEqual([]);
    expect(findingsOf('ustreamer', { args: ['-s', '0.0.0.0', '--device=/dev/video0'], devices })).toEqual([]);
    expect(findingsOf('ustreamer', { command: ['/opt/ustreamer/ustreamer', '--host', '0.0.0.0', '--device=/dev/video0'], args: undefined, devices })).toEqual([]);
    expect(findingsOf('ustreamer', { command: ['/opt/ustreamer/ustreamer'], args: ['--host=::', '--device=/dev/video0'], devices })).toEqual([]);
  });

  it("takes OctoPrint's minimal image as its own user", () => {
    expect(findingsOf('octoprint', {
      image: 'octoprint/octoprint:1.10.3-minimal', ports: [{ name: 'http', port: 5000 }], env: undefined,
      devices: [AppDevice.hostDevice('/dev/ttyACM0')],
      exemptions: { hostPath: 'the printer', privileged: 'opens the printer, which no device plugin hands over' },
    })).toEqual([]);
  });

  it('takes Moonraker in a pod of its own on the folder of the socket of a Klipper that runs on the host', () => {
    const findings = shownFindings(defineLab({}, (cluster) => new HomelabApp(cluster, 'moonraker', {
      namespace: 'printer', image: 'mkuf/moonraker:v0.9.3-9-g2e9b5b3', ports: [{ name: 'http', port: 7125 }], args: ['-d', DATA],
      persistence: { comms: { volume: AppVolume.hostPath('/home/pi/printer_data/comms'), mountPath: `${DATA}/comms` } },
      placement: { host: printerPi }, exemptions: { hostPath: "Klippy's socket of the Klipper the host runs" },
    })));
    expect(findings.filter((line) => line.includes('main/moonraker '))).toEqual([]);
  });

  it('takes Spoolman started as root as its image is built, on the port its variable moves it to', () => {
    expect(findingsOf('spoolman', {
      command: undefined, ports: [{ name: 'http', port: 7912 }], env: { SPOOLMAN_PORT: '7912' },
      exemptions: { runAsRoot: 'its entrypoint switches to PUID:PGID', addCapabilities: rootInitExemption('exec', 'switches to PUID:PGID') },
    })).toEqual([]);
  });
});
