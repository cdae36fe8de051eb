import type { Construct } from 'constructs';
import { App, ClusterChart, existingStorageClass, flux, host, ingressNginx, IngressTls, metalLb, site, traefik, vlan } from '../constructs';
import type { Host } from '../constructs';
import { distributionNodePorts } from '../constructs/platform/distribution-ports';
import { kubeadmUntaintStep } from '../constructs/platform/kubeadm-taint';
import { podNetworkOf } from '../constructs/platform/policy-enforcement';
import { shownFindings } from './support/lab-output';
import { sitesInMemory } from './support/synth';

// Distributions a user declares by hand, by name (RKE2, MicroK8s), set up as their guides say: each synthesizes
// without findings, and the output follows what the library knows of them by that name.

/** Three mini PCs of a site, named `<prefix>1`…, each a control plane and worker, on 192.168.40.0/24. */
const minisOf = (prefix: string): Host[] => [1, 2, 3].map((i) => host(`${prefix}${i}`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `192.168.40.${10 + i}` }));

/** An app that reads the API (its pods' list), reaches nothing else, and scales on CPU. */
function apiReader(cluster: ClusterChart): void {
  new App(cluster, 'whoami', {
    image: 'traefik/whoami:v1.10.3', args: ['--port', '8080'], ports: [{ name: 'http', port: 8080 }], route: { host: 'whoami' },
    serviceAccount: { reason: 'lists the pods it answers beside', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }] },
    autoscaling: { minReplicas: 1, maxReplicas: 3 }, egress: [],
  });
}

/** RKE2 started with disable: [rke2-ingress-nginx], its metrics-server kept; ingress-nginx and MetalLB from the repository. */
function rke2Lab(scope: Construct): void {
  const minis = minisOf('rke');
  const lab = site('rke2-minis', {
    domain: 'minis.jdoe.dev', hosts: minis, git: { url: 'https://github.com/jdoe/minis.git' },
    vlans: { lan: vlan('lan', { id: 1, cidr: '192.168.40.0/24' }) }, pools: { vips: { first: '192.168.40.240', last: '192.168.40.250', vlan: 1 } },
  });
  apiReader(new ClusterChart(scope, 'main', {
    site: lab, hosts: minis,
    preinstalled: [{ source: 'rke2', distribution: 'RKE2', provides: { apiServices: ['v1beta1.metrics.k8s.io'] }, brings: ['CoreDNS', 'Canal', 'metrics-server'] }],
    routes: ingressNginx({ tls: IngressTls.none() }), loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: {}, gitops: flux(),
  }));
}

/** MicroK8s with the addons dns, hostpath-storage and metrics-server; Traefik on the nodes' ports. */
function microK8sLab(scope: Construct): void {
  const minis = minisOf('mk');
  const lab = site('mk8s-minis', {
    domain: 'mk8s.jdoe.dev', hosts: minis, git: { url: 'https://github.com/jdoe/mk8s.git' },
    vlans: { lan: vlan('lan', { id: 1, cidr: '192.168.40.0/24' }) },
  });
  apiReader(new ClusterChart(scope, 'main', {
    site: lab, hosts: minis,
    preinstalled: [{ source: 'microk8s', distribution: 'MicroK8s', provides: { storageClasses: ['microk8s-hostpath'], apiServices: ['v1beta1.metrics.k8s.io'] } }],
    routes: traefik({ hostPorts: true }), storage: { fast: existingStorageClass('microk8s-hostpath') }, gitops: flux(),
  }));
}

test('RKE2 declared by name synthesizes clean, with its Canal enforcing the policies and no second metrics-server', () => {
  expect(shownFindings(rke2Lab)).toEqual([]);
  const files = sitesInMemory(rke2Lab).files;
  expect([...files.keys()].filter((f) => f.includes('metrics-server'))).toEqual([]);
  expect(files.get('rke2-minis/main/README.md')).toContain("NetworkPolicies are enforced by its pod network (RKE2's default Canal)");
});

test("MicroK8s declared by name: an app that reads the API may reach it on the nodes' port 16443", () => {
  expect(shownFindings(microK8sLab)).toEqual([]);
  const app = sitesInMemory(microK8sLab).files.get('mk8s-minis/main/apps/whoami.yaml') ?? '';
  expect(app).toMatch(/- port: 16443\n\s+protocol: TCP\n\s+to:\n\s+- ipBlock:\n\s+cidr: 192\.168\.40\.11\/32/);
  expect(app).not.toContain('port: 6443');
});

test("the ports a distribution declared by name holds on its nodes: its pod network's VXLAN, its own processes'", () => {
  expect(podNetworkOf({ source: 'microk8s', distribution: 'MicroK8s' })?.nodeUdpPorts).toEqual({ 4789: "MicroK8s' Calico VXLAN" });
  expect(Object.keys(podNetworkOf({ source: 'rke2', distribution: 'rke2' })?.nodeUdpPorts ?? {})).toEqual(['8472']);
  // A pod network declared with the distribution replaces its default.
  expect(podNetworkOf({ source: 'rke2', distribution: 'RKE2', podNetwork: { name: 'Cilium', enforcesNetworkPolicies: true } })?.nodeUdpPorts).toBeUndefined();
  expect(Object.keys(distributionNodePorts([{ source: 'rke2', distribution: 'RKE2' }])?.controlPlane ?? {})).toEqual(expect.arrayContaining(['6443', '9345']));
  expect(distributionNodePorts([{ source: 'microk8s', distribution: 'MicroK8s' }])?.everyNode[16443]).toBe("MicroK8s' API server");
  expect(distributionNodePorts([{ source: 'k3s', distribution: 'K3s' }])?.controlPlane[6443]).toBe("K3s' supervisor and API server");
  // Its agents' load balancer to the servers listens where the servers' API server does.
  expect(Object.keys(distributionNodePorts([{ source: 'k3s', distribution: 'K3s' }])?.everyNode ?? {})).toEqual(['6444']);
});

test("kubeadm declared by name: a step takes its control-plane taint off the hosts that are workers too, unless the declaration states the taints", () => {
  const hosts = [...minisOf('ka'), host('ka-cp', { arch: 'amd64', roles: ['control-plane'], address: '192.168.40.20' })];
  expect(kubeadmUntaintStep([{ source: 'kubeadm', distribution: 'kubeadm' }], hosts)?.command)
    .toBe('kubectl taint nodes ka1 ka2 ka3 node-role.kubernetes.io/control-plane:NoSchedule-');
  expect(kubeadmUntaintStep([{ source: 'kubeadm', distribution: 'kubeadm', controlPlaneTaints: [] }], hosts)).toBeUndefined();
  expect(kubeadmUntaintStep([{ source: 'rke2', distribution: 'RKE2' }], hosts)).toBeUndefined();
});
