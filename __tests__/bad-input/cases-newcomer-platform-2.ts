import { App as CdkApp } from 'cdk8s';
import { acmeIssuer, argoCd, cilium, ciliumLoadBalancer, ClusterChart, ClusterIssuer, http01Ingress, host, ingressNginx, IngressTls, k3s, K3sProps, metalLb, site, talos, vlan } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Platform choices a newcomer combines from the README: a CNI or a load balancer of the repository on a
// K3s that still runs its own, a second GitOps engine asked for as a component. Each passed synth (or
// failed on code it broke) and left a cluster whose two pod networks, or two load balancers, fight; each
// is now one error on the prop, with the flags or the component to write instead.

/** A K3s cluster `edge` of one host, with `props`, its pod network and load balancer as `choices(pools)` give them. */
const k3sLab = (name: string, props: K3sProps, choices: (pools: { vips: any }) => Record<string, unknown>) => (_c: unknown, app: CdkApp) => {
  const node = host(`${name}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.1' });
  const lab = site(name, { domain: `${name}.test`, hosts: [node], pools: { vips: { first: '10.9.0.200', last: '10.9.0.210' } }, git: { url: 'https://git.lab.test/lab.git' } });
  labCluster(app, 'edge', { site: lab, hosts: [node], storage: {}, preinstalled: [k3s(props)], ...choices(lab.pools) });
};

export const CASES: BadInput[] = [
  {
    name: "Cilium on a K3s that keeps its Flannel",
    build: k3sLab('cni', {}, (pools) => ({ loadBalancer: metalLb({ pools: [pools.vips] }), cni: cilium({ k8sServiceHost: '10.0.0.1', k8sServicePort: 6443 }), networkPolicy: 'cilium' })),
    layer: 'props', path: 'edge', field: 'preinstalled[0].extraServerFlags', hint: /--flannel-backend=none.*--disable-network-policy.*--disable-kube-proxy/,
  },
  {
    name: 'Calico installed by hand on a K3s that keeps its Flannel',
    build: k3sLab('calico', {}, (pools) => ({ loadBalancer: metalLb({ pools: [pools.vips] }), preinstalled: [k3s(), { source: 'calico', podNetwork: { name: 'Calico', enforcesNetworkPolicies: true } }] })),
    layer: 'props', path: 'edge', field: 'preinstalled[0].extraServerFlags', hint: /'--flannel-backend=none', '--disable-network-policy'\] \}\); or drop that declaration/,
  },
  // Cilium replacing kube-proxy needs the API server's address; on K3s that is the server's, not Talos' KubePrism.
  {
    name: 'Cilium replacing kube-proxy on K3s without the API server address',
    build: k3sLab('kpr', { extraServerFlags: ['--flannel-backend=none', '--disable-network-policy', '--disable-kube-proxy'] }, (pools) => ({
      loadBalancer: metalLb({ pools: [pools.vips] }), cni: cilium(), networkPolicy: 'cilium',
    })),
    layer: 'references', path: 'edge', field: 'cni.k8sServiceHost', hint: /cilium\(\{ k8sServiceHost: '10\.9\.0\.1', k8sServicePort: 6443 \}\)/,
  },
  {
    name: 'MetalLB on a K3s that keeps its ServiceLB',
    build: k3sLab('metallb', { disable: ['traefik'] }, (pools) => ({ loadBalancer: metalLb({ pools: [pools.vips] }) })),
    layer: 'props', path: 'edge', field: 'preinstalled[0].disable', hint: /disable: \['traefik', 'servicelb'\]/,
  },
  {
    name: "Cilium's LB-IPAM on a K3s that keeps its ServiceLB",
    build: k3sLab('lbipam', { disable: ['traefik'], extraServerFlags: ['--flannel-backend=none', '--disable-network-policy'] }, (pools) => ({
      cni: cilium({ kubeProxyReplacement: false }), networkPolicy: 'cilium', loadBalancer: ciliumLoadBalancer({ pools: [pools.vips] }),
    })),
    layer: 'props', path: 'edge', field: 'preinstalled[0].disable', hint: /servicelb/,
  },
  // Argo CD asked for beside Flux as a choice, where its component was meant: nothing of it can be installed.
  {
    name: 'a GitOps engine given to platform.require() beside the cluster\'s own',
    build: guarded((cluster: ClusterChart) => cluster.platform.require(argoCd() as any)),
    layer: 'props', path: 'main', field: 'platform.require()', hint: /argoCdComponent\(\)/,
  },
  // An inventory written as other tools take it, the name among the facts: one error on name each, not a
  // path of [object Object] and an error per fact.
  {
    name: 'host() given its name among its facts',
    build: (_c: unknown, app: CdkApp) => {
      const node = (host as any)({ name: 'obj-node', arch: 'amd64', address: '10.9.0.1' });
      labCluster(app, 'edge', { site: site('objhost', { domain: 'objhost.test', hosts: [node] }), hosts: [node], storage: {}, loadBalancer: undefined, gitops: undefined });
    },
    layer: 'inventory', path: 'inventory/host/obj-node', field: 'name', hint: /host\('obj-node', \{ … \}\)/,
  },
  {
    name: 'site() given its name among its facts',
    build: (_c: unknown, app: CdkApp) => {
      const node = host('objsite-node', { arch: 'amd64', address: '10.9.0.1' });
      labCluster(app, 'edge', { site: (site as any)({ name: 'objsite', domain: 'objsite.test', hosts: [node] }), hosts: [node], storage: {}, loadBalancer: undefined, gitops: undefined });
    },
    layer: 'inventory', path: 'inventory/site/objsite', field: 'name', hint: /site\('objsite', \{ … \}\)/,
  },
  {
    name: 'vlan() given its facts alone',
    build: (_c: unknown, app: CdkApp) => {
      const node = host('objvlan-node', { arch: 'amd64', address: '10.9.0.1' });
      const lan = (vlan as any)({ id: 10, cidr: '10.9.0.0/24' });
      labCluster(app, 'edge', { site: site('objvlan', { domain: 'objvlan.test', hosts: [node], vlans: { lan } }), hosts: [node], storage: {}, loadBalancer: undefined, gitops: undefined });
    },
    layer: 'inventory', path: 'inventory/vlan/unnamed', field: 'name', hint: /vlan\('<name>', \{ … \}\)/,
  },
  // A ClusterIssuer's issuer under cert-manager's own field name (spec.acme, spec.ca): one error on that
  // name, not a missing issuer as well.
  ...['acme', 'ca', 'spec'].map((prop): BadInput => ({
    name: `ClusterIssuer given its issuer as ${prop}`,
    build: guarded((cluster: ClusterChart) => {
      new ClusterIssuer(cluster, 'le', { name: 'le', [prop]: acmeIssuer({ server: 'https://acme-staging-v02.api.letsencrypt.org/directory', email: 'me@lab.test', solvers: [http01Ingress('traefik')] }) } as any);
    }),
    layer: 'props', path: 'le', field: prop, hint: /issuer: acmeIssuer\(/,
  })),
  // ingress-nginx with nothing to give its Service an address, on Talos: the way out is not K3s'.
  {
    name: 'ingress-nginx on Talos without a load balancer',
    build: (_c: unknown, app: CdkApp) => {
      const node = host('nolb-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.1' });
      const own = site('nolb', { domain: 'nolb.test', hosts: [node], git: { url: 'https://git.lab.test/lab.git' } });
      labCluster(app, 'edge', {
        site: own, hosts: [node], storage: {}, loadBalancer: undefined, routes: ingressNginx({ tls: IngressTls.none() }),
        preinstalled: [talos({ bringYourOwnCni: false, allowSchedulingOnControlPlanes: true })], unenforcedNetworkPolicies: 'a lab',
      });
    },
    layer: 'references', path: 'edge', field: 'routes', hint: /traefik\(\{ hostPorts: true \}\)/,
  },
];
