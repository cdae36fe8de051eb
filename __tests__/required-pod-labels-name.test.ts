import { App as CdkApp } from 'cdk8s';
import { RequiredPodLabels } from '../constructs';
import { defaultConstraintName } from '../constructs/platform/required-pod-labels';
import { labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

// A constraint's default name comes from the first label key, whose prefix and capitals no object name takes.

test('the default constraint name drops the label key\'s prefix and is written in lower case', () => {
  expect(defaultConstraintName('owner')).toBe('require-owner-label');
  expect(defaultConstraintName('example.com/Team_Name')).toBe('require-team-name-label');
});

test('required pod labels with a prefixed label key synthesize without an error', () => {
  const result = synthInMemory((app) => {
    const cluster = labCluster(app as CdkApp);
    new RequiredPodLabels(cluster, 'team', { labels: ['example.com/team'] });
  });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const constraint = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)).find((m) => m.kind === 'K8sRequiredLabels');
  expect(constraint.metadata.name).toBe('require-team-label');
});
