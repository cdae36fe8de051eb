import { App as CdkApp } from 'cdk8s';
import { App, AppController, ClusterChart, flux, host, k3s, localPathStorage, metalLb, pinnedImage, site, traefik } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user's lab of Raspberry Pis beside an amd64 mini PC with an Intel GPU, from the README alone: three Pi 4/5
// boards on K3s, an old Pi 3, images of one architecture placed by the library, DaemonSets on every board. Earlier
// rounds refused a 32-bit arch, images whose name says their architecture, an SD card as a disk and a K3s server on
// a 1 GB board; these passed: an image whose name says no architecture, published for one alone (SQL Server's for
// amd64, an exporter for the Pis' arm64), which HomelabApp refused to take as pinnedImage(ref, platforms), platforms
// written as Docker spells them (linux/arm64), and MongoDB 7 free to run on the Pi 4 boards, whose Cortex-A72 is older
// than the ARMv8.2-A it needs.

const pi5 = host('nu114-pi5', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.114.11', cores: 4, memoryGigabytes: 8, model: 'Raspberry Pi 5' });
const pi4 = host('nu114-pi4', { arch: 'arm64', roles: ['worker'], address: '192.168.114.12', cores: 4, memoryGigabytes: 4, model: 'Raspberry Pi 4 Model B' });
const mini = host('nu114-mini', { arch: 'amd64', roles: ['worker'], address: '192.168.114.20', cores: 4, memoryGigabytes: 16, gpus: [{ vendor: 'intel' }] });
const pis = site('nu114', {
  domain: 'pis.nu114.example.net', hosts: [pi5, pi4, mini], pools: { vips: { first: '192.168.114.240', last: '192.168.114.250' } },
  git: { url: 'https://github.com/nu114/pi-lab.git' },
});

/** An app `id` of the Pis' cluster `pis`, built beside the lab's: a small web server, `props` override. */
const piApp = (id: string, props: Partial<AppProps>) => guarded((_main: ClusterChart, app: CdkApp) => new App(new ClusterChart(app, 'pis', {
  site: pis, hosts: [pi5, pi4, mini], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  loadBalancer: metalLb({ pools: [pis.pools.vips] }), routes: traefik({ address: pis.pools.vips.at('192.168.114.240') }),
  storage: { fast: localPathStorage() }, gitops: flux(),
}), id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props }));

export const CASES: BadInput[] = [
  // Before: pinnedImage was refused as no image reference; with the plain reference, nothing, and the pod stopped with
  // "exec format error" on each Pi it landed on.
  {
    name: "SQL Server's amd64-only image, pinned with its platforms, left free to land on the Pis",
    build: piApp('mssql', { image: pinnedImage('mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04', ['amd64']), ports: [{ name: 'sql', port: 1433 }] }),
    layer: 'inventory', path: 'mssql', field: 'image', message: /amd64 only.*nu114-pi5 \(arm64\)/,
  },
  {
    name: "a DaemonSet of the Pis' arm64-only exporter, pinned with its platform, on the x86 mini PC too",
    build: piApp('pi-exporter', { image: pinnedImage('ghcr.io/nu114/rpi-exporter:0.4.1', ['arm64']), ports: [{ name: 'metrics', port: 9110 }], controller: AppController.daemonSet() }),
    layer: 'inventory', path: 'pi-exporter', field: 'image', message: /nu114-mini \(amd64\)/,
  },
  // Before: nothing, and every Pi was taken for a host the image is not published for.
  {
    name: "a pinned image's platforms copied as docker buildx writes them",
    build: piApp('homepage', { image: pinnedImage('ghcr.io/gethomepage/homepage:v0.10.9', ['linux/amd64', 'linux/arm64'] as unknown as ['amd64']), ports: [{ name: 'http', port: 3000 }] }),
    layer: 'props', path: 'homepage', field: 'image.platforms[1]', hint: /write 'arm64'/,
  },
  // Before: nothing; mongod stopped with "Illegal instruction" on the Pi 4 (ARMv8.0-A).
  {
    name: 'MongoDB 7 for the UniFi controller, free to run on the Raspberry Pi 4',
    build: piApp('unifi-db', { image: 'mongo:7.0.14', ports: [{ name: 'mongo', port: 27017 }], runAsUser: 999 }),
    layer: 'inventory', path: 'unifi-db', field: 'image', hint: /mongo:4\.4\.18|nu114-pi5, nu114-mini/,
  },
];
