import { defineAether } from '../charts/aether';
import { manifestsOf, synthInMemory } from './support/synth';

// Gatekeeper's owner constraint refuses Pods at admission: it must not cover a namespace where a Helm chart
// makes pods from templates that cannot carry the label (a refused hook Job fails the whole install), and
// must cover the namespaces whose pods come from workloads the repository or a tenant writes.

const result = synthInMemory(defineAether);
const objects = manifestsOf(result, 'aether/main');
const constraint = objects.find((o) => o.kind === 'K8sRequiredLabels' && o.metadata.name === 'require-owner-label')!;
const ci = result.files.get('aether/main/gitlab-ci.yml')!;

/** Namespaces the apps layer installs Helm charts into (Synapse, GitLab), from the pipeline's helm commands. */
const chartNamespaces = [...ci.matchAll(/helm upgrade --install (\S+) .*?--namespace (\S+) .*?dist\/aether\/main\/helm\/(synapse|gitlab)\.values\.yml/g)]
  .map((m) => m[2]);

test('the constraint matches Pods only, in the tenants\' namespaces and not where Synapse and GitLab install', () => {
  expect(constraint.spec.match.kinds).toEqual([{ apiGroups: [''], kinds: ['Pod'] }]);
  expect(chartNamespaces).toEqual(['infra', 'infra']);
  expect(constraint.spec.match.namespaces).toEqual(['peers-alice', 'peers-bob', 'projects']);
  expect(constraint.spec.match.namespaces.filter((n: string) => chartNamespaces.includes(n))).toEqual([]);
});

test('the charts still label the pods their values reach with the owner', () => {
  const synapse = result.files.get('aether/main/helm/synapse.values.yml')!;
  const gitlab = result.files.get('aether/main/helm/gitlab.values.yml')!;
  expect(synapse).toMatch(/synapse:\n {2}labels:\n {4}owner: infra/);
  expect(gitlab).toMatch(/pod:\n {4}labels:\n {6}owner: infra/);
  // GitLab's bundled PostgreSQL and Redis; Synapse's are Apps of the repository, which carry the owner themselves.
  expect(gitlab).toMatch(/postgresql:\n {2}primary:\n {4}podLabels:\n {6}owner: infra/);
  expect(gitlab).toMatch(/redis:\n {2}master:\n {4}podLabels:\n {6}owner: infra/);
});

test("the repository's own pods in infra carry an owner, checked at synth where admission does not", () => {
  const infraTemplates = objects.filter((o) => o.metadata.namespace === 'infra').flatMap((o) => {
    const t = o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template
      : ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind) || (o.kind === 'Service' && o.apiVersion.startsWith('serving')) ? o.spec.template : undefined;
    return t ? [{ name: `${o.kind}/${o.metadata.name}`, owner: t.metadata.labels?.owner }] : [];
  });
  expect(infraTemplates.length).toBeGreaterThan(5);
  expect(infraTemplates.filter((t) => t.owner !== 'infra')).toEqual([]);
});
