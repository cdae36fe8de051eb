import type { Construct } from 'constructs';
import { acmeHttp01, App, AppVolume, ClusterChart, existingStorageClass, flux, host, site, traefik, metalLb } from '../constructs';
import type { TraefikProps } from '../constructs';
import { aboutTheLab, synthInMemory } from './support/synth';

// A lab tried on a laptop before the hardware is bought: minikube's one node in Docker's network, its StorageClass
// `standard`, MetalLB on addresses of that network, routes under nip.io, the laptop's videos mounted into the node
// with `minikube mount` and given to Jellyfin by the node's path.

/** The laptop's lab `name` under `domain`, its Traefik given `routes`. */
const laptopLab = (name: string, domain: string, routes: Partial<TraefikProps> = {}) => (scope: Construct): void => {
  const node = host(`${name}-minikube`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.49.2', memoryGigabytes: 16, cores: 8 });
  const lab = site(name, {
    domain, hosts: [node], pools: { vips: { first: '192.168.49.240', last: '192.168.49.250' } }, git: { url: 'http://192.168.49.1:3000/me/lab.git' },
  });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node], storage: { fast: existingStorageClass('standard') }, gitops: flux(),
    preinstalled: [{ source: 'minikube', provides: { storageClasses: ['standard'] } }],
    routes: traefik({ address: lab.pools.vips.at('192.168.49.240'), ...routes }), loadBalancer: metalLb({ pools: [lab.pools.vips] }),
  });
  new App(cluster, 'uptime-kuma', {
    image: 'louislam/uptime-kuma:1.23.16', command: ['node', 'server/server.js'],
    env: { DATA_DIR: '/app/data/', UPTIME_KUMA_PORT: '3001' }, ports: [{ name: 'http', port: 3001 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/app/data' } },
    probes: { readiness: { httpPath: '/' } }, route: { host: 'uptime' },
  });
  new App(cluster, 'jellyfin', {
    image: 'jellyfin/jellyfin:10.10.3', ports: [{ name: 'http', port: 8096 }],
    persistence: {
      config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' },
      cache: { volume: AppVolume.emptyDir(), mountPath: '/cache' },
      media: { volume: AppVolume.hostPath('/mnt/videos'), mountPath: '/media', readOnly: true },
    },
    exemptions: { hostPath: "the laptop's videos, mounted into the node with minikube mount" },
    route: { host: 'jellyfin' },
  });
};

const findingsOf = (define: (scope: Construct) => void) =>
  aboutTheLab(synthInMemory(define).findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`);

describe('a lab tried on a laptop', () => {
  test("synthesizes without an error or a warning: nip.io names, the node's path of the laptop's videos", () => {
    expect(findingsOf(laptopLab('nu53-nip', '192.168.49.240.nip.io'))).toEqual([]);
  });

  test("a nip.io name of a public address is one Let's Encrypt reaches, and left alone", () => {
    expect(findingsOf(laptopLab('nu53-public', '203.0.113.7.nip.io', { certResolver: 'le', acme: { le: acmeHttp01({ email: 'owner@gmail.com' }) } }))).toEqual([]);
  });

  test("the laptop's own CA behind .localhost names is no public authority, and left alone", () => {
    expect(findingsOf(laptopLab('nu53-localhost', 'lab.localhost', {
      certResolver: 'step', acme: { step: acmeHttp01({ email: 'owner@gmail.com', caServer: 'https://ca.lab.localhost/acme/acme/directory' }) },
    }))).toEqual([]);
  });
});
