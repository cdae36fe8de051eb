import { App as CdkApp } from 'cdk8s';
import {
  allowPlatformNamespace, App, ClusterChart, ClusterChartProps, flux, localPathStorage, metalLb, synthesize, talos, traefik,
} from '../constructs';
import { lab, node } from './support/one-node-lab';
import { ownerActions } from '../constructs/synth/owner-action';
import { unwrittenOutdir } from './support/synth';

// A namespace made outside the repository has no Namespace object to carry its Pod Security level, yet what
// runs in it may need more than `restricted`: the engine or the owner gives it that level (on Talos, whose
// default enforces baseline, the pods are refused otherwise).


function synth(define: (cluster: ClusterChart) => void, props: Partial<ClusterChartProps> = {}) {
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'main', {
    site: lab, hosts: [node], gitops: flux(),
    routes: traefik({ address: lab.pools.lb.at('10.1.0.200') }),
    loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    storage: { fast: localPathStorage() },
    preinstalled: [talos({ bootstrapNode: node, bringYourOwnCni: false, allowSchedulingOnControlPlanes: true }), { source: 'the owner', namespaces: ['shared'] }],
    ...props,
  });
  define(cluster);
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  return {
    objects: result.clusters[0].objects.map((o) => o.manifest as any),
    errors: result.findings.filter((f) => f.severity === 'error'),
    labelSteps: ownerActions(result.clusters[0]).filter((a) => a.command?.startsWith('kubectl label namespace')),
  };
}

/** An app that joins the host network (Pod Security `privileged`) in `namespace`, a platform one. */
function hostNetworkApp(cluster: ClusterChart, namespace: string, exemptions: Record<string, unknown> = { hostNetwork: 'answers mDNS on the LAN' }) {
  const app = new App(cluster, 'mdns', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace, ports: [{ name: 'http', port: 8080 }], exemptions } as any);
  allowPlatformNamespace(app, { namespace, reason: 'runs beside what the owner set up' });
}

test.each([
  ['flux-system', 'flux bootstrap'],
  ['shared', 'the owner'],
  ['kube-system', 'Kubernetes'],
])('an app that needs privileged in %s, made by %s, gets an owner step that labels it', (namespace, maker) => {
  const { objects, errors, labelSteps } = synth((c) => hostNetworkApp(c, namespace));
  expect(errors).toEqual([]);
  expect(objects.filter((o) => o.kind === 'Namespace' && o.metadata.name === namespace)).toEqual([]);
  expect(labelSteps).toEqual([expect.objectContaining({
    kind: 'bootstrap',
    action: `give namespace ${namespace}, made outside the repository (${maker}), Pod Security level privileged, which its pods need (mdns: answers mDNS on the LAN)`,
    command: `kubectl label namespace ${namespace} pod-security.kubernetes.io/enforce=privileged --overwrite`,
  })]);
});

test('an app that needs only restricted there gets no step: every level allows it', () => {
  expect(synth((c) => hostNetworkApp(c, 'shared', {})).labelSteps).toEqual([]);
});

test('an app in the namespace a component\'s files make widens the level the engine labels it with', () => {
  const { objects, errors, labelSteps } = synth((c) => {
    c.platform.require({
      name: 'agent', namespace: 'agent', description: 'an agent from upstream files',
      install: { type: 'manifests', repository: 'https://github.com/example/agent', tag: 'v1.0.0', path: 'deploy', files: ['agent.yaml'], createsNamespace: true },
      resources: { chartDefault: 'the upstream files are applied as they are' },
    });
    hostNetworkApp(c, 'agent', { runAsRoot: 'the image starts as root' });
  });
  expect(errors).toEqual([]);
  const kustomization = objects.find((o) => o.kind === 'Kustomization' && o.metadata.name === 'agent');
  expect(kustomization.spec.patches).toContainEqual({
    patch: expect.stringContaining('pod-security.kubernetes.io/enforce: baseline'),
    target: { kind: 'Namespace', name: 'agent' },
  });
  expect(labelSteps).toEqual([]);
});
