import { App as CdkApp } from 'cdk8s';
import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, lab, labApp, labCluster } from './lab';

// Options of the platform choices that a new user wrote and that built a cluster that could not work:
// each is named on the cluster's prop that holds the choice, with the option's own field path.

/** A cluster `edge` of the lab whose props are the lab's with `props`; the finding is expected on `field`. */
const cluster = (name: string, props: Record<string, unknown>, field: string, extra: Partial<BadInput> = {}): BadInput => ({
  name, build: guarded((_c, root) => labCluster(root, 'edge', { hosts: [], storage: {}, ...props } as any)), layer: 'props', path: 'edge', field, ...extra,
});

/** Cilium with the API server address it needs without kube-proxy, and `options`. */
const cni = (options: Record<string, unknown>) => homelab.cilium({ k8sServiceHost: '10.0.0.1', ...options } as any);

/** A lease Cilium's announcer accepts. */
const lease = { duration: '3s', renewDeadline: '1s', retryPeriod: '200ms' };

const tailscaleOAuth = {
  clientId: homelab.SecretReference.external('tailscale', 'operator-oauth', 'client_id'),
  clientSecret: homelab.SecretReference.external('tailscale', 'operator-oauth', 'client_secret'),
};
const argoKey = { sshPrivateKey: homelab.SecretReference.external('argocd', 'repo', 'sshPrivateKey') };
const agent = { project: 'infra/agent', name: 'agent', kasAddress: 'wss://git.lab.test/-/kubernetes-agent/' };

/** A site of its own whose Git source follows `branch`, with a cluster on it. */
function siteOnBranch(branch: string) {
  return (_c: unknown, app: CdkApp) => {
    const node = homelab.host('gb2-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.2.1' });
    const own = homelab.site('gb2', { domain: 'gb2.test', hosts: [node], git: { url: 'https://git.gb2.test/lab.git', branch } });
    labCluster(app, 'edge', { site: own, hosts: [node], loadBalancer: undefined, storage: {} });
  };
}

export const CASES: BadInput[] = [
  cluster('Tailscale tag without tag:', { loadBalancer: homelab.tailscaleLoadBalancer({ tags: ['k8s'], oauth: tailscaleOAuth }) }, 'loadBalancer.tags[0]'),
  cluster('Gateway API CRDs release without its v', { cni: cni({ gatewayApi: { crdsVersion: '1.2.0' } }) }, 'cni.gatewayApi.crdsVersion'),
  cluster('Cilium API server given as a URL', { cni: cni({ k8sServiceHost: 'https://192.168.1.10:6443' }) }, 'cni.k8sServiceHost'),
  cluster('Cilium API server port above 65535', { cni: cni({ k8sServicePort: 70000 }) }, 'cni.k8sServicePort'),
  cluster('Cilium client rate limit below zero', { cni: cni({ k8sClientQps: -5 }) }, 'cni.k8sClientQps'),
  cluster('Cilium capability with its CAP_ prefix', { cni: cni({ capabilities: { ciliumAgent: ['CAP_SYS_ADMIN'] } }) }, 'cni.capabilities.ciliumAgent[0]'),
  cluster('Cilium IPAM mode misspelt', { cni: cni({ ipamMode: 'kubernets' }) }, 'cni.ipamMode'),
  cluster('Cilium Hubble option misspelt', { cni: cni({ hubble: { relays: true } }) }, 'cni.hubble.relays'),
  cluster('Cilium L2 interface pattern that does not compile', {
    cni: cni({ l2Announcements: true }), loadBalancer: homelab.ciliumLoadBalancer({ pools: [lab.pools.vips], lease, interfaces: ['eno[0-9'] }),
  }, 'loadBalancer.interfaces[0]'),
  cluster('K3s node-port range reversed', { preinstalled: [homelab.k3s({ serviceNodePortRange: { first: 32000, last: 30000 } })] }, 'preinstalled[0].serviceNodePortRange'),
  cluster('K3s node-port range past 65535', { preinstalled: [homelab.k3s({ serviceNodePortRange: { first: 30000, last: 70000 } })] }, 'preinstalled[0].serviceNodePortRange.last'),
  cluster('K3s component to disable in capitals', { preinstalled: [homelab.k3s({ disable: ['Traefik', 'service-lb'] })] }, 'preinstalled[0].disable[0]'),
  cluster('K3s component to disable that K3s does not have', { preinstalled: [homelab.k3s({ disable: ['traefik', 'service-lb'] })] }, 'preinstalled[0].disable[1]'),
  cluster('K3s server flag without its dashes', { preinstalled: [homelab.k3s({ extraServerFlags: ['write-kubeconfig-mode=644'] })] }, 'preinstalled[0].extraServerFlags[0]'),
  cluster('K3s on NixOS written as a word', { preinstalled: [homelab.k3s({ nixos: 'yes' } as any)] }, 'preinstalled[0].nixos'),
  cluster('K3s keeps its bundled Traefik beside the repository\'s', { preinstalled: [homelab.k3s({ disable: ['servicelb'] })] }, 'preinstalled[0].disable'),
  cluster('Talos without its own CNI and no cni on the cluster', { preinstalled: [homelab.talos()] }, 'cni', { hint: /cilium\(\{|bringYourOwnCni: false/ }),
  cluster('Talos bootstrap node that is no node of the cluster', {
    preinstalled: [homelab.talos({ bootstrapNode: gpu1, bringYourOwnCni: false })],
  }, 'preinstalled[0].bootstrapNode'),
  cluster('Flux SOPS Secret named in words', { gitops: homelab.flux({ sopsSecretName: 'SOPS Age Key' }) }, 'gitops.sopsSecretName'),
  cluster('Flux Git Secret with an underscore', { gitops: homelab.flux({ secretName: 'flux_system' }) }, 'gitops.secretName'),
  cluster('Flux bootstrap path from the root', { gitops: homelab.flux({ bootstrapPath: '/clusters/lab' }) }, 'gitops.bootstrapPath'),
  cluster('Flux bootstrap path with a trailing slash', { gitops: homelab.flux({ bootstrapPath: './clusters/lab/' }) }, 'gitops.bootstrapPath'),
  cluster('Flux fetch interval of zero', { gitops: homelab.flux({ interval: '0s' }) }, 'gitops.interval'),
  cluster('Flux timeout of zero', { gitops: homelab.flux({ timeout: '0s' }) }, 'gitops.timeout'),
  { name: 'Git branch given as its full ref', build: siteOnBranch('refs/heads/main'), layer: 'inventory', path: 'inventory/site/gb2', field: 'git.branch' },
  cluster('Argo CD known hosts without key type and key', { gitops: homelab.argoCd({ repositoryCredential: argoKey, sshKnownHosts: 'git.example.com' }) }, 'gitops.sshKnownHosts'),
  cluster('Argo CD high availability of an Argo CD the repository does not install', {
    gitops: homelab.argoCd({ repositoryCredential: argoKey, selfManaged: false, highAvailability: true }),
  }, 'gitops.highAvailability'),
  // The lines go into the values of the Argo CD the repository installs: another Argo CD would still refuse the server.
  cluster('Argo CD known hosts for an Argo CD the repository does not install', {
    gitops: homelab.argoCd({ repositoryCredential: argoKey, selfManaged: false, sshKnownHosts: 'git.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl' }),
  }, 'gitops.sshKnownHosts', { hint: /argocd cert add-ssh/ }),
  cluster('GitLab agent server without its scheme', { gitops: homelab.gitLabCi({ agent: { ...agent, kasAddress: 'kas.gitlab.com' } }) }, 'gitops.agent.kasAddress'),
  cluster('GitLab agent project given as a URL', { gitops: homelab.gitLabCi({ agent: { ...agent, project: 'https://gitlab.com/infra/agent' } }) }, 'gitops.agent.project'),
  cluster('ingress-nginx without its TLS choice', { routes: homelab.ingressNginx({} as any) }, 'routes.tls', { hint: /IngressTls\.(wildcard|perRoute)/ }),
  {
    name: 'Cilium network policies without Cilium as the CNI',
    build: (_c, root) => labApp('web', { route: { host: 'web' } })(labCluster(root, 'edge', { hosts: [], storage: {}, networkPolicy: 'cilium' })),
    layer: 'references', path: 'edge', field: 'networkPolicy', hint: /cni: cilium\(/,
  },
];
