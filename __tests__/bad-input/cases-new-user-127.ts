import type { App as CdkApp } from 'cdk8s';
import { App, host, ingressNginx, IngressTls, site, vlan } from '../../constructs';
import type { Preinstalled } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// A new user runs RKE2 or MicroK8s on mini PCs, declares what the distribution brings as the README's Preinstalled
// entries, and installs the rest from the repository. Each mistake passed synthesis and failed once applied.

/** RKE2 as its owner declares it: its bundled ingress-nginx (IngressClass `nginx`) and metrics-server. */
const RKE2: Preinstalled = {
  source: 'rke2', distribution: 'RKE2', provides: { ingressClasses: ['nginx'], apiServices: ['v1beta1.metrics.k8s.io'] },
};

/** MicroK8s with its addons dns and hostpath-storage, and `extra` declared. */
const microK8s = (extra: Partial<Preinstalled> = {}): Preinstalled => ({
  source: 'microk8s', distribution: 'MicroK8s', provides: { storageClasses: ['microk8s-hostpath'] }, ...extra,
});

/** A cluster `edge` on a site `name` of one MicroK8s node on 192.168.77.0/24 and an IoT VLAN on `iot`. */
function microK8sSite(name: string, iot: string) {
  return guarded((_c: unknown, app: CdkApp) => {
    const node = host(`${name}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.77.10' });
    const lab = site(name, {
      domain: `${name}.test`, hosts: [node],
      vlans: { lan: vlan('lan', { id: 1, cidr: '192.168.77.0/24' }), iot: vlan('iot', { id: 30, cidr: iot }) },
    });
    labCluster(app, 'edge', { site: lab, hosts: [node], loadBalancer: undefined, storage: {}, preinstalled: [microK8s()] });
  });
}

export const CASES: BadInput[] = [
  {
    name: "RKE2's bundled ingress-nginx declared preinstalled, and ingressNginx() routes installing another",
    build: guarded((_c, root) => labCluster(root, 'edge', { storage: {}, preinstalled: [RKE2], routes: ingressNginx({ tls: IngressTls.none() }) })),
    layer: 'references', path: 'edge', field: 'preinstalled[0].provides.ingressClasses[0]', hint: /disable: \[rke2-ingress-nginx\]/,
  },
  {
    name: "MicroK8s' metallb addon declared by its CRDs, beside the cluster's metalLb()",
    build: guarded((_c, root) => labCluster(root, 'edge', { storage: {}, preinstalled: [microK8s({ crds: [{ group: 'metallb.io', kinds: ['IPAddressPool', 'L2Advertisement'] }] })] })),
    layer: 'references', path: 'edge', field: 'preinstalled[0].crds[0]', hint: /microk8s disable/,
  },
  {
    name: "an IoT VLAN inside MicroK8s' default pod range, the distribution declared by name",
    build: microK8sSite('nu127-vlan', '10.1.30.0/24'),
    layer: 'inventory', path: 'edge', field: 'site.vlans.iot', message: /10\.1\.0\.0\/16, MicroK8s' pod range/,
  },
  {
    name: "a host-network app on 9345, where RKE2's servers take agents' joins",
    build: guarded((_c, root) => new App(labCluster(root, 'edge', { storage: {}, preinstalled: [{ ...RKE2, provides: { apiServices: ['v1beta1.metrics.k8s.io'] } }] }), 'joiner', {
      image: 'traefik/whoami:v1.10.3', args: ['--port', '9345'], ports: [{ name: 'http', port: 9345 }], exemptions: { hostNetwork: 'answers on the node address' },
    })),
    layer: 'inventory', path: 'edge/joiner', field: 'ports[0]', message: /RKE2's supervisor API/,
  },
];
