import { ApiObject, App as CdkApp } from 'cdk8s';
import {
  App, ChartRelease, ClusterChart, isolatedNamespace, isolatedNamespacePolicy, namespaceNetwork, noNetworkPolicy, NO_NETWORK_POLICY_ANNOTATION, platformNetworkPolicy, PlatformComponentProps,
  servesPorts, synthesize,
} from '../constructs';
import { labCluster } from './bad-input/lab';
import { hiddenPodNamespaces } from '../constructs/validation/installed-namespaces';
import { indexOf } from '../constructs/validation/object-index';
import { governsWholeNamespace } from '../constructs/validation/namespace-policies';
import { unwrittenOutdir } from './support/synth';

// A platform component's pods come from a chart or upstream files, which the output never shows: the
// component states the ports they serve (its namespace gets a NetworkPolicy of exactly those) or why its
// namespace has none (an annotation of the Namespace).

const operator = (props: Partial<PlatformComponentProps> = {}): PlatformComponentProps => ({
  name: 'my-operator', namespace: 'my-operator', description: 'an operator from a chart',
  install: { type: 'helm', chart: { repository: 'https://charts.example.org', chart: 'my-operator', version: '1.2.3' }, values: {} },
  resources: { chartDefault: 'its sizes are not set yet' },
  ...props,
});

function synth(define: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  define(labCluster(app));
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  const objects = result.clusters[0].objects.map((o) => o.manifest as any);
  return {
    objects,
    findings: result.findings,
    policy: (namespace: string) => objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === namespace && o.metadata.name === 'platform-ingress'),
    namespace: (name: string) => objects.find((o) => o.kind === 'Namespace' && o.metadata.name === name),
  };
}

describe('namespaceNetwork', () => {
  test('the ports of the components of a namespace, once each, by port', () => {
    expect(namespaceNetwork([
      { name: 'a', network: servesPorts({ port: 9443, purpose: 'webhook' }, { port: 8080, purpose: 'metrics' }) },
      { name: 'b', network: servesPorts({ port: 8080, purpose: 'metrics' }, { port: 53, protocol: 'UDP', purpose: 'DNS' }) },
    ])).toEqual({ kind: 'policy', ports: [{ port: 53, protocol: 'UDP' }, { port: 8080, protocol: 'TCP' }, { port: 9443, protocol: 'TCP' }] });
  });

  test('one reason leaves the namespace without a policy, since it would govern that component too', () => {
    expect(namespaceNetwork([
      { name: 'a', network: servesPorts({ port: 9443, purpose: 'webhook' }) },
      { name: 'b', network: noNetworkPolicy('runs on the host network') },
    ])).toEqual({ kind: 'exempt', reasons: ['b: runs on the host network'] });
  });
});

test('a policy of no ports has no ingress rule, which denies every port (an empty rule would allow them all)', () => {
  expect(platformNetworkPolicy('ns', []).spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
});

test('served ports become an ingress-only networking.k8s.io/v1 policy over the namespace, open to every source', () => {
  const { policy, findings } = synth((c) => c.platform.require(operator({ network: servesPorts({ port: 9443, purpose: 'admission webhook' }) })));
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  // Egress is not governed: controllers call the API server and services outside the cluster.
  expect(policy('my-operator')).toEqual({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
    metadata: { name: 'platform-ingress', namespace: 'my-operator' },
    spec: { ingress: [{ ports: [{ port: 9443, protocol: 'TCP' }] }], podSelector: {}, policyTypes: ['Ingress'] },
  });
});

test('a reason is written to the Namespace, and no policy', () => {
  const { policy, namespace } = synth((c) => c.platform.require(operator({ network: noNetworkPolicy('its pods run on the host network') })));
  expect(policy('my-operator')).toBeUndefined();
  expect(namespace('my-operator').metadata.annotations[NO_NETWORK_POLICY_ANNOTATION]).toBe('my-operator: its pods run on the host network');
});

test('a component in a namespace the repository does not declare (kube-system) needs no fact, which nothing could carry', () => {
  const { findings, policy } = synth((c) => c.platform.require(operator({ namespace: 'kube-system' })));
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(policy('kube-system')).toBeUndefined();
});

test("the library's components in the lab cluster state their facts: no error, and each namespace has a policy or a reason", () => {
  const { objects, findings } = synth(() => undefined);
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  const covered = new Set(objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.namespace));
  const platform = ['metallb-system', 'openebs', 'nvidia-device-plugin', 'traefik'];
  for (const name of platform) {
    const ns = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === name);
    expect([name, covered.has(name) || ns.metadata.annotations?.[NO_NETWORK_POLICY_ANNOTATION] !== undefined]).toEqual([name, true]);
  }
});

describe('the network-policies check sees the namespaces of charts, whose pods the output does not show', () => {
  const release = (network?: ReturnType<typeof servesPorts>) => (c: ClusterChart) => new ChartRelease(c, 'wiki', {
    namespace: 'wiki', chart: { repository: 'https://charts.example.org', chart: 'wiki', version: '1.0.0' }, ...(network ? { network } : {}),
  });

  // A hand-written HelmRelease in a namespace the repository declares: no construct knows its pods.
  const handWritten = (c: ClusterChart) => {
    c.namespaces.ensure('wiki');
    new ApiObject(c, 'wiki-release', {
      apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'wiki', namespace: 'wiki' },
      spec: { interval: '30m', chart: { spec: { chart: 'wiki', version: '1.0.0', sourceRef: { kind: 'HelmRepository', name: 'wiki', namespace: 'flux-system' } } } },
    });
  };

  test('a chart release that states no network is an error on its network, as a platform component is', () => {
    const { findings } = synth(release());
    expect(findings.filter((f) => f.severity === 'error')).toEqual([expect.objectContaining({
      layer: 'policy', field: 'network', message: expect.stringContaining('chart release "wiki" states neither the ports its pods serve nor why namespace "wiki" has no NetworkPolicy'),
      hint: expect.stringMatching(/servesPorts.*noNetworkPolicy/),
    })]);
  });

  test('a hand-written HelmRelease in a namespace with neither a policy nor a reason is warned of, on the HelmRelease', () => {
    const { findings } = synth(handWritten);
    const warning = findings.find((f) => f.layer === 'policy' && f.message.includes('namespace "wiki"'));
    expect(warning).toMatchObject({ severity: 'warning', kind: 'HelmRelease', field: 'metadata.namespace' });
    expect(warning!.hint).toMatch(/servesPorts.*noNetworkPolicy/);
  });

  test("an app's own policy in the namespace does not cover the chart's pods, which it does not select", () => {
    const { findings, objects } = synth((c) => {
      handWritten(c);
      new App(c, 'notes', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'wiki', ports: [{ name: 'http', port: 8080 }] });
    });
    expect(objects.some((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'wiki')).toBe(true);
    expect(findings.find((f) => f.layer === 'policy' && f.message.includes('namespace "wiki"'))).toMatchObject({ severity: 'warning', kind: 'HelmRelease' });
  });

  test('with its network stated, it is not', () => {
    for (const network of [servesPorts({ port: 3000, purpose: 'web' }), noNetworkPolicy('the chart runs its own proxy')]) {
      const { findings } = synth(release(network));
      expect(findings.filter((f) => f.message.includes('namespace "wiki"'))).toEqual([]);
    }
  });
});

describe('hiddenPodNamespaces', () => {
  const object = (manifest: Record<string, unknown>) => ({ manifest: manifest as any, constructPath: 'main/x', file: 'x' });
  test('the namespaces that Flux, K3s and Argo CD charts and the Knative operator put pods into', () => {
    const index = indexOf([
      object({ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'a', namespace: 'flux-ns' }, spec: {} }),
      object({ apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { name: 'b', namespace: 'kube-system' }, spec: { targetNamespace: 'k3s-ns' } }),
      object({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'c', namespace: 'argocd' }, spec: { source: { chart: 'c' }, destination: { namespace: 'argo-ns' } } }),
      // A directory source is files of the repository, whose pods the output shows.
      object({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'd', namespace: 'argocd' }, spec: { source: { path: 'apps' }, destination: { namespace: 'apps-ns' } } }),
      object({ apiVersion: 'operator.knative.dev/v1beta1', kind: 'KnativeServing', metadata: { name: 'e', namespace: 'knative-serving' }, spec: {} }),
    ]);
    expect(hiddenPodNamespaces(index).map((h) => [h.namespace, h.field])).toEqual([
      ['flux-ns', 'metadata.namespace'], ['k3s-ns', 'spec.targetNamespace'], ['argo-ns', 'spec.destination.namespace'], ['knative-serving', 'metadata.namespace'],
    ]);
  });
});

describe('governsWholeNamespace', () => {
  const policy = (kind: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    ({ constructPath: 'p', manifest: { apiVersion: 'v1', kind, metadata: { name: 'p', namespace: 'ns' }, spec, ...extra } }) as any;

  test('an empty pod or endpoint selector governs every pod; one with labels or expressions does not', () => {
    expect(governsWholeNamespace(policy('NetworkPolicy', { podSelector: {} }))).toBe(true);
    expect(governsWholeNamespace(policy('NetworkPolicy', { podSelector: { matchLabels: { app: 'web' } } }))).toBe(false);
    expect(governsWholeNamespace(policy('NetworkPolicy', { podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }))).toBe(false);
    expect(governsWholeNamespace(policy('CiliumNetworkPolicy', { endpointSelector: {} }))).toBe(true);
    expect(governsWholeNamespace(policy('CiliumNetworkPolicy', { endpointSelector: { matchLabels: { app: 'web' } } }))).toBe(false);
    expect(governsWholeNamespace(policy('CiliumNetworkPolicy', undefined as any, { specs: [{ endpointSelector: {} }] }))).toBe(true);
  });

  test("one that leaves out only the pods of named Apps (NotIn their names) governs every pod those Apps' policies do not", () => {
    const notApps = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['notes'] }] };
    expect(governsWholeNamespace(policy('NetworkPolicy', { podSelector: notApps }))).toBe(true);
    expect(governsWholeNamespace(policy('CiliumNetworkPolicy', { endpointSelector: { matchExpressions: [{ ...notApps.matchExpressions[0], key: 'k8s:app.kubernetes.io/name' }] } }))).toBe(true);
    expect(governsWholeNamespace(policy('NetworkPolicy', { podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['notes'] }] } }))).toBe(false);
  });
});

describe('isolatedNamespace: a chart whose pods talk among themselves on ports the chart chooses', () => {
  const wiki = (c: ClusterChart) => new ChartRelease(c, 'wiki', {
    namespace: 'wiki', chart: { repository: 'https://charts.example.org', chart: 'wiki', version: '1.0.0' },
    network: isolatedNamespace({ routedPorts: [{ port: 3000, purpose: 'web, through its route' }], allowFrom: [{ namespace: 'monitoring', podLabels: { app: 'scraper' } }] }),
  });
  const isolation = (objects: any[], namespace: string) => objects.find((o) => o.metadata.name === 'isolate-namespace' && o.metadata.namespace === namespace);

  test("the namespace's own pods reach every port, the ingress the routed ports, the peers every port; Apps beside the chart keep their own policies", () => {
    const { objects, findings } = synth((c) => {
      wiki(c);
      new App(c, 'notes', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'wiki', ports: [{ name: 'http', port: 8080 }] });
    });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const policy = isolation(objects, 'wiki');
    // The lab's Traefik runs as ordinary pods in its namespace: a Kubernetes NetworkPolicy names them.
    expect(policy).toEqual({
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'isolate-namespace', namespace: 'wiki' },
      spec: {
        egress: [
          { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }] },
          {},
        ],
        ingress: [
          { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'wiki' } } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { app: 'scraper' } } }] },
          { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } } }], ports: [{ port: 3000, protocol: 'TCP' }] },
        ],
        // The App's pods are its own policy's: a rule of the namespace would open them to every pod there.
        podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['notes'] }] },
        policyTypes: ['Ingress', 'Egress'],
      },
    });
    expect(objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'notes').spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'notes' } });
    expect(objects.find((o) => o.kind === 'Namespace' && o.metadata.name === 'wiki').metadata.annotations?.[NO_NETWORK_POLICY_ANNOTATION]).toBeUndefined();
  });

  test("with Cilium's Gateway, the routed ports admit its ingress entity, and Knative's activator and the ingress reach deployed Knative Services", () => {
    const policy = isolatedNamespacePolicy('wiki', {
      kind: 'isolated', ports: [], routedPorts: [{ port: 3000, protocol: 'TCP' }], allowFrom: [], knativeServices: true,
    }, [], { kind: 'cilium', ingressPeer: { ciliumEntity: 'ingress' } }) as any;
    expect(policy.kind).toBe('CiliumNetworkPolicy');
    expect(policy.spec.endpointSelector).toEqual({});
    expect(policy.spec.ingress).toEqual([
      { fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'wiki' } }] },
      { fromEntities: ['ingress'], toPorts: [{ ports: [{ port: '3000', protocol: 'TCP' }] }] },
      { fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'knative-serving' } }] },
      { fromEntities: ['ingress'], toPorts: [{ ports: [{ port: '8012', protocol: 'TCP' }, { port: '8013', protocol: 'TCP' }] }] },
    ]);
  });

  test('without routes the routed ports admit nothing, rather than every source', () => {
    const policy = isolatedNamespacePolicy('wiki', { kind: 'isolated', ports: [], routedPorts: [{ port: 3000, protocol: 'TCP' }], allowFrom: [], knativeServices: false }, ['a'], { kind: 'cilium', ingressPeer: {} }) as any;
    expect(policy.spec.ingress).toEqual([{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'wiki' } }] }]);
    expect(policy.spec.endpointSelector).toEqual({ matchExpressions: [{ key: 'k8s:app.kubernetes.io/name', operator: 'NotIn', values: ['a'] }] });
  });

  test('a namespace of isolated and serving installs takes both: served ports stay open to every source; a reason still leaves it without a policy', () => {
    expect(namespaceNetwork([
      { name: 'a', network: isolatedNamespace({ routedPorts: [{ port: 80, purpose: 'web' }] }) },
      { name: 'b', network: servesPorts({ port: 9443, purpose: 'webhook' }) },
      { name: 'c', network: isolatedNamespace({ routedPorts: [{ port: 80, purpose: 'web' }], allowFrom: [{ namespace: 'm' }], knativeServices: true }) },
    ])).toEqual({ kind: 'isolated', ports: [{ port: 9443, protocol: 'TCP' }], routedPorts: [{ port: 80, protocol: 'TCP' }], allowFrom: [{ namespace: 'm' }], knativeServices: true });
    expect(namespaceNetwork([{ name: 'a', network: isolatedNamespace() }, { name: 'b', network: noNetworkPolicy('host network') }]).kind).toBe('exempt');
  });

  test("the hidden-pods check counts it as covering the chart's pods", () => {
    const handWrittenWithIsolation = (c: ClusterChart) => {
      c.namespaces.ensure('wiki');
      new ApiObject(c, 'wiki-release', {
        apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'wiki', namespace: 'wiki' },
        spec: { interval: '30m', chart: { spec: { chart: 'wiki', version: '1.0.0', sourceRef: { kind: 'HelmRepository', name: 'wiki', namespace: 'flux-system' } } } },
      });
      wiki(c);
      new App(c, 'notes', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'wiki', ports: [{ name: 'http', port: 8080 }] });
    };
    const { findings } = synth(handWrittenWithIsolation);
    expect(findings.filter((f) => f.layer === 'policy' && f.message.includes('namespace "wiki"'))).toEqual([]);
  });
});
