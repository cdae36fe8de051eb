import { App as CdkApp } from 'cdk8s';
import { SecretReference, synthesize, WeaveGitOps } from '../constructs';
import { labCluster } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';
import { webUiCallingOllama } from './bad-input/cases-app-calls';
import { calledService } from '../constructs/validation/app-calls';

// Connections the objects of a cluster imply, and what lets them through the NetworkPolicies of both ends.

/** The findings and objects of the lab cluster (with `props`) that `build` fills, synthesized in memory. */
function synthLab(build: (cluster: ReturnType<typeof labCluster>) => void, props: Parameters<typeof labCluster>[2] = {}) {
  const app = new CdkApp();
  build(labCluster(app, 'main', props));
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  return { findings: result.findings, manifests: result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)) };
}

describe('the route to a UI in a namespace whose policies the library does not write', () => {
  test("Weave GitOps keeps its chart's policy, which opens the UI's port beside Flux's own policies", () => {
    // `flux bootstrap` installs, in Flux's namespace, a policy over every pod there that admits only that
    // namespace's pods: without the chart's own policy, the ingress controller's requests for the UI are dropped.
    const { findings, manifests } = synthLab((cluster) => new WeaveGitOps(cluster, 'gitops', {
      route: { host: 'gitops' }, adminPassword: SecretReference.external('flux-system', 'cluster-user-auth', 'password'),
    }));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const route = manifests.find((m) => m.kind === 'IngressRoute' && m.metadata.name === 'weave-gitops');
    expect(route.metadata.namespace).toBe('flux-system');
    expect(route.spec.routes[0].services).toEqual([{ name: 'weave-gitops', port: 9001 }]);
    const release = manifests.find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'weave-gitops');
    expect(release.spec.values.networkPolicy).toEqual({ create: true });
  });
});

describe('an app that calls another by the address in its env', () => {
  const callFindings = (findings: ReadonlyArray<{ field: string; severity: string }>) => findings.filter((f) => f.field === 'env.OLLAMA_BASE_URL');

  test("is an error on the caller's env while the callee's policy keeps it out", () => {
    const { findings } = synthLab((cluster) => webUiCallingOllama('http://ollama:11434')(cluster));
    expect(callFindings(findings).map((f) => f.severity)).toEqual(['error']);
  });

  test.each([
    ['the callee admits it (allowFrom)', webUiCallingOllama('http://ollama:11434', { allowFrom: [{ namespace: 'ai', podLabels: { 'app.kubernetes.io/name': 'open-webui' } }] })],
    ['the caller lists the callee in its egress, which admits it there too', webUiCallingOllama('http://ollama.ai.svc:11434', {}, (ollama) => ({ egress: [ollama] }))],
    ['the value is a Secret reference, not a host', (cluster: Parameters<Parameters<typeof synthLab>[0]>[0]) => webUiCallingOllama('ollama', {}, () => ({ env: { OLLAMA_BASE_URL: SecretReference.external('ai', 'ollama-url', 'url') } }))(cluster)],
  ])('passes when %s', (_name, build) => {
    const { findings } = synthLab((cluster) => build(cluster));
    expect(callFindings(findings)).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test("reads CiliumNetworkPolicies as well: kept out, then admitted", () => {
    const kept = synthLab((cluster) => webUiCallingOllama('ollama:11434')(cluster), { networkPolicy: 'cilium' });
    expect(callFindings(kept.findings).map((f) => f.severity)).toEqual(['error']);
    const admitted = synthLab((cluster) => webUiCallingOllama('ollama:11434', {}, (ollama) => ({ egress: [ollama] }))(cluster), { networkPolicy: 'cilium' });
    expect(callFindings(admitted.findings)).toEqual([]);
  });
});

describe('the Service an env value calls', () => {
  test.each([
    ['OLLAMA_BASE_URL', 'http://ollama:11434', { name: 'ollama', namespace: 'ai', port: 11434 }],
    ['OLLAMA_BASE_URL', 'https://ollama.models.svc.cluster.local/api', { name: 'ollama', namespace: 'models', port: undefined, schemePort: 443 }],
    ['REDIS', 'redis.cache:6379', { name: 'redis', namespace: 'cache', port: 6379 }],
    ['DB_HOST', 'postgres', { name: 'postgres', namespace: 'ai', port: undefined }],
    ['DB_TYPE', 'postgres', undefined],
    ['SITE', 'https://www.example.com', undefined],
  ])('%s: %s', (name, value, expected) => {
    expect(calledService(name, value, 'ai')).toEqual(expected);
  });
});
