import { App as CdkApp } from 'cdk8s';
import { SecretReference, synthesize, WeaveGitOps } from '../constructs';
import { labCluster } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// Connections the objects of a cluster imply, and what lets them through the NetworkPolicies of both ends.

/** The findings and objects of the lab cluster that `build` fills, synthesized in memory. */
function synthLab(build: (cluster: ReturnType<typeof labCluster>) => void) {
  const app = new CdkApp();
  build(labCluster(app));
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
