import { App as CdkApp } from 'cdk8s';
import { goodDeployment, labCluster, raw } from './bad-input/lab';
import { synthInMemory } from './support/synth';

// An annotation under the exemptions' prefix whose key no exemption has exempts nothing: the owner meant
// one, so it is said, with the key it looks like, even on a pod that needs no exemption.

const findingsOf = (annotations: Record<string, string>) => synthInMemory((app) => {
  const cluster = labCluster(app as CdkApp);
  raw(cluster, 'workload', goodDeployment('web', {}, {}, annotations));
}).findings.filter((f) => f.constructPath === 'main/workload' && f.message.includes('is no exemption'));

test('a typo of an exemption key on a pod that needs no exemption is a warning naming the key it looks like', () => {
  expect(findingsOf({ 'security.homelab.dev/floating-imge': 'follows the nightly build' })).toEqual([expect.objectContaining({
    severity: 'warning', layer: 'policy', field: 'spec.template.metadata.annotations.security.homelab.dev/floating-imge',
    hint: expect.stringContaining('did you mean security.homelab.dev/floating-image?'),
  })]);
});

test("an App's prop name written as the key is a warning naming the annotation's key", () => {
  expect(findingsOf({ 'security.homelab.dev/writableRootFilesystem': 'writes its cache' })).toEqual([expect.objectContaining({
    severity: 'warning', hint: expect.stringContaining('did you mean security.homelab.dev/writable-root-filesystem?'),
  })]);
});

test("the exemption keys and the service account token's reason are no unknown annotations", () => {
  expect(findingsOf({ 'security.homelab.dev/service-account-token': 'talks to the API server' })).toEqual([]);
});
