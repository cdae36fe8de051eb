import { App as CdkApp } from 'cdk8s';
import * as path from 'path';
import { App, cilium, ciliumOnTalos, ClusterChart, type ClusterChartProps, flux, host, noRoutes, site, synthesize, talos } from '../constructs';
import { objectsOfFolder, CLUSTER_DNS_PODS, type FlowPods, type FlowSource, NetworkFlows } from './support/network-flows';
import { seedsMissing, testWhen } from './support/shared';
import { REPO_ROOT, unwrittenOutdir } from './support/synth';
import { podTemplates } from '../constructs/validation/pod-spec';

// The flows each site's seed and platform need, read from the NetworkPolicies and CiliumNetworkPolicies of
// `dist/`: the client's egress and the server's ingress must both let each through, on the pod's port.

const siteTest = testWhen(seedsMissing());

const read = new Map<string, NetworkFlows>();
const flowsOf = (folder: string): NetworkFlows => {
  const flows = read.get(folder) ?? NetworkFlows.ofFolder(path.join(REPO_ROOT, 'dist', folder));
  read.set(folder, flows);
  return flows;
};
const app_ = (namespace: string, name: string): FlowPods => ({ namespace, labels: { 'app.kubernetes.io/name': name } });

/** Where each cluster's ingress sends routed traffic from. */
const INGRESS: ReadonlyArray<[string, FlowSource | undefined]> = [
  ['grey-area/main', app_('traefik', 'traefik')],
  // The media apps are reached at their node ports (from anyone) behind Caddy.
  ['constellation/main', undefined],
  // Cilium's Gateway API runs in the nodes' Envoy, which Cilium calls the `ingress` entity.
  ['aether/main', { entity: 'ingress' }],
  ['elitedesk/main', app_('ingress-nginx', 'ingress-nginx')],
  ['mobius/homelab', app_('traefik', 'traefik')],
  ['mobius/cloud', app_('traefik', 'traefik')],
  ['mobius/sandbox', app_('traefik', 'traefik')],
];

describe('every site', () => {
  siteTest('every pod reaches the cluster DNS on UDP and TCP 53, the port CoreDNS listens on', () => {
    const refused = INGRESS.flatMap(([folder]) => {
      const objects = objectsOfFolder(path.join(REPO_ROOT, 'dist', folder));
      const flows = new NetworkFlows(objects);
      return podTemplates(objects).flatMap((template) => (['UDP', 'TCP'] as const)
        .filter((protocol) => !flows.allows({ namespace: template.namespace, labels: template.labels }, { pods: CLUSTER_DNS_PODS, port: 53, protocol }))
        .map((protocol) => `${folder} ${template.namespace}/${template.labels['app.kubernetes.io/name'] ?? '?'} ${protocol}`));
    });
    expect(refused).toEqual([]);
  });

  siteTest("the cluster's ingress reaches the pod port of every routed Service whose pods the output shows", () => {
    const refused: string[] = [];
    for (const [folder, ingress] of INGRESS.filter(([, source]) => source !== undefined)) {
      const objects = objectsOfFolder(path.join(REPO_ROOT, 'dist', folder));
      const flows = new NetworkFlows(objects);
      for (const { manifest } of objects) {
        const namespace = String(manifest.metadata?.namespace);
        for (const [service, port] of routeBackends(manifest)) {
          let target;
          try {
            target = flows.service(namespace, service, port);
          } catch {
            continue; // a chart's Service, which the output does not show
          }
          if (!flows.allows(ingress!, target)) {
            refused.push(`${folder} ${manifest.kind} ${namespace}/${String(manifest.metadata?.name)} → ${service}:${port}`);
          }
        }
      }
    }
    expect(refused).toEqual([]);
  });
});

describe('aether', () => {
  const flows = () => flowsOf('aether/main');

  siteTest("MediaManager hands its downloads to the media stack's qBittorrent through its Web API", () => {
    const mediaManager = flows().podsOf('Service', 'infra', 'mediamanager');
    expect(flows().verdict(mediaManager, flows().service('infra', 'qbittorrent', 8080))).toEqual({ egress: 'admits', ingress: 'admits' });
  });

  siteTest("Knative's activator and the Gateway's Envoy reach a Knative Service's queue-proxy, from zero and once it runs", () => {
    for (const name of ['litellm', 'searxng', 'firecrawl', 'bytebot', 'element', 'mediamanager']) {
      const pods = flows().podsOf('Service', 'infra', name);
      expect(flows().allows({ namespace: 'knative-serving', labels: { app: 'activator' } }, { pods, port: 8012 })).toBe(true);
      expect(flows().allows({ entity: 'ingress' }, { pods, port: 8012 })).toBe(true);
    }
  });

  siteTest('apps reach their databases, caches and back-ends on the pod ports', () => {
    const f = flows();
    expect(f.allows(app_('infra', 'openwebui-api'), f.service('infra', 'openwebui-postgres', 5432))).toBe(true);
    expect(f.allows(app_('infra', 'openwebui-api'), f.service('infra', 'openwebui-mcpo', 8000))).toBe(true);
    expect(f.allows(f.podsOf('Service', 'infra', 'mediamanager'), f.service('infra', 'mediamanager-postgres', 5432))).toBe(true);
    expect(f.allows(f.podsOf('Service', 'infra', 'bytebot'), f.service('infra', 'bytebot-postgres', 5432))).toBe(true);
    expect(f.allows(f.podsOf('Service', 'infra', 'firecrawl'), f.service('infra', 'firecrawl-redis', 6379))).toBe(true);
    expect(f.allows(app_('infra', 'firecrawl-worker'), f.service('infra', 'firecrawl-redis', 6379))).toBe(true);
    expect(f.allows(app_('infra', 'matrix-synapse'), f.service('infra', 'synapse-postgres', 5432))).toBe(true);
    expect(f.allows(app_('infra', 'matrix-synapse'), f.service('infra', 'synapse-redis', 6379))).toBe(true);
    expect(f.allows(app_('infra', 'peanut'), f.service('infra', 'nut-server', 3493))).toBe(true);
    expect(f.allows(app_('infra', 'hubble-ui-login'), { pods: { namespace: 'kube-system', labels: { 'k8s-app': 'hubble-ui' } }, port: 8081 })).toBe(true);
  });

  siteTest("the node collector scrapes the annotated pods of infra's charts (GitLab's exporters)", () => {
    const collector = { namespace: 'system', labels: { 'app.kubernetes.io/instance': 'otel-node' } };
    expect(flows().allows(collector, { pods: { namespace: 'infra', labels: { app: 'gitlab-exporter' } }, port: 9168 })).toBe(true);
  });
});

describe('mobius', () => {
  siteTest("KubeVirt Manager, whose egress is the API alone, reaches homelab's API server on N5's node port", () => {
    const f = flowsOf('mobius/homelab');
    const ui = f.podsOf('Deployment', 'kubevirt-manager', 'kubevirt-manager');
    expect(f.verdict(ui, NetworkFlows.apiServer(['192.168.4.5/32'], 31443)).egress).toBe('admits');
    expect(f.verdict(ui, NetworkFlows.apiServer(['192.168.4.5/32'], 6443)).egress).toBe('refuses');
  });

  siteTest("external-dns' AdGuard webhook reaches AdGuard Home's API", () => {
    const f = flowsOf('mobius/homelab');
    expect(f.allows({ namespace: 'external-dns', labels: { 'app.kubernetes.io/name': 'external-dns' } }, f.service('adguard-home', 'adguard-home', 3000))).toBe(true);
  });
});

/**
 * The flows of a lab of one cluster with `props` and one app, `dashboard`, that reads the API under an egress
 * that lists nothing else; synthesis must find no error.
 */
function apiReaderLab(props: Omit<ClusterChartProps, 'routes' | 'gitops'>): NetworkFlows {
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'main', { routes: noRoutes(), gitops: flux(), ...props });
  new App(cluster, 'dashboard', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], egress: [],
    serviceAccount: { reason: 'discovers the services it shows', rules: [{ apiGroups: [''], resources: ['services'], verbs: ['get', 'list'] }] },
  });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return new NetworkFlows(result.clusters[0].objects);
}

describe('a small lab on Cilium with Kubernetes NetworkPolicies', () => {
  // The nodes are no pods: a NetworkPolicy names them by address, which Cilium matches only when told to.
  const node = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.11' });
  const lab = site('lab', { domain: 'lab.test', hosts: [node], git: { url: 'ssh://git@example.test/lab.git' } });

  test('an app that reads the API under a listed egress reaches the API server on its node', () => {
    const flows = apiReaderLab({
      site: lab, hosts: [node], cni: cilium(ciliumOnTalos()), preinstalled: [talos({ bootstrapNode: node, allowSchedulingOnControlPlanes: true })],
    });
    expect(flows.verdict(app_('dashboard', 'dashboard'), NetworkFlows.apiServer(['10.1.0.11/32'])).egress).toBe('admits');
    // Its DNS and nothing else: no other node port.
    expect(flows.verdict(app_('dashboard', 'dashboard'), NetworkFlows.apiServer(['10.1.0.11/32'], 10250)).egress).toBe('refuses');
  });
});

describe('a small lab whose control plane is hosted elsewhere', () => {
  // k0smotron's control plane runs on another cluster and answers on a node port there: no host of the lab
  // is a control plane, and the API server's Service is translated to that node port.
  const worker = host('worker1', { arch: 'amd64', roles: ['worker'], address: '10.1.0.21' });
  const lab = site('lab', { domain: 'lab.test', hosts: [worker], git: { url: 'ssh://git@example.test/lab.git' } });

  test('an app that reads the API under a listed egress reaches it where the distribution says it answers', () => {
    const flows = apiReaderLab({
      site: lab, hosts: [worker], preinstalled: [{ source: 'k0s', distribution: 'k0s', apiServer: [{ cidr: '10.1.0.5/32', ports: [{ port: 31443 }] }] }],
    });
    expect(flows.verdict(app_('dashboard', 'dashboard'), NetworkFlows.apiServer(['10.1.0.5/32'], 31443)).egress).toBe('admits');
  });
});

/** The Services and ports a route sends to: Traefik's IngressRoutes, Gateway API HTTPRoutes, Ingresses. */
function routeBackends(manifest: { kind: string; spec?: unknown }): Array<[string, number]> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const spec = manifest.spec as any;
  switch (manifest.kind) {
    case 'IngressRoute':
    case 'IngressRouteTCP':
      return spec.routes.flatMap((r: { services?: Array<{ name: string; port: number }> }) => (r.services ?? []).map((s) => [s.name, s.port]));
    case 'HTTPRoute':
      return spec.rules.flatMap((r: { backendRefs?: Array<{ name: string; port: number }> }) => (r.backendRefs ?? []).map((b) => [b.name, b.port]));
    case 'Ingress':
      return spec.rules.flatMap((r: { http: { paths: Array<{ backend: { service: { name: string; port: { number: number } } } }> } }) => r.http.paths
        .map((p) => [p.backend.service.name, p.backend.service.port.number]));
    default:
      return [];
  }
}
