import { App as CdkApp } from 'cdk8s';
import { RequiredPodLabels } from '../constructs';
import { namespaceNamed } from '../constructs/validation/named-namespaces';
import { labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

// Gatekeeper's match.namespaces takes names and a prefix ending in '*': the constraint carries the
// pattern as written, and the check that the namespaces exist reads it as Gatekeeper does.

test("a prefix ending in '*' names the namespaces that begin with it, as Gatekeeper reads it", () => {
  expect(namespaceNamed('peers-*', 'peers-alice')).toBe(true);
  expect(namespaceNamed('peers-*', 'peer')).toBe(false);
  expect(namespaceNamed('peers', 'peers-alice')).toBe(false);
});

test("required pod labels in 'peers-*' are enforced there, with no error", () => {
  const result = synthInMemory((app) => {
    const cluster = labCluster(app as CdkApp);
    cluster.namespaces.ensure('peers-alice');
    new RequiredPodLabels(cluster, 'owner', { labels: ['owner'], namespaces: ['peers-*', 'web'] });
    cluster.namespaces.ensure('web');
  });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const constraint = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)).find((m) => m.kind === 'K8sRequiredLabels');
  expect(constraint.spec.match.namespaces).toEqual(['peers-*', 'web']);
});

test("required pod labels over every namespace leave out the platform's, whose pods charts and the engine make", () => {
  const result = synthInMemory((app) => {
    const cluster = labCluster(app as CdkApp);
    new RequiredPodLabels(cluster, 'owner', { labels: ['owner'] });
  });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const constraint = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)).find((m) => m.kind === 'K8sRequiredLabels');
  expect(constraint.spec.match.namespaces).toBeUndefined();
  expect(constraint.spec.match.excludedNamespaces).toEqual(expect.arrayContaining(['flux-system', 'gatekeeper-system', 'kube-system', 'metallb-system', 'traefik']));
  expect(constraint.spec.match.excludedNamespaces).not.toContain('default');
});
