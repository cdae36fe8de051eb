import { App as CdkApp } from 'cdk8s';
import { ClusterChart, flux, host, k3s, localPathStorage, metalLb, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A cluster of Raspberry Pis from the README alone: three Pi 4 boards on K3s with embedded etcd, one with a USB SSD,
// an old Pi 3, and later an x86 mini PC; MetalLB, Traefik, local-path. Earlier rounds refused a 32-bit arch (armhf,
// armv7l, arm), aarch64 for arm64, an image of one architecture (a tag or arm64v8/ repository, by digest too) on a
// host of another, two control-plane hosts, a nodeSelector on kubernetes.io/arch armv7, a device without its
// exemption, a USB stick of another Pi, Longhorn replicas above the hosts, CPU cores meant as millicores and the
// CLI's unknown flags; this was taken: a kube-vip address agents join at inside the MetalLB pool or a cluster range.

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
];
