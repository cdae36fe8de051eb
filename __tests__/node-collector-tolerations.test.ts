import { App as CdkApp } from 'cdk8s';
import { openTelemetryNodeCollector, synthesize } from '../constructs';
import { schedulableHostsOfSpec } from '../constructs/validation/scheduling';
import { labCluster } from './bad-input/lab';

// The node collector is a node agent: its DaemonSet must reach every node, tainted ones included.

test('the OpenTelemetry node collector tolerates the taint of every host of the cluster', () => {
  const app = new CdkApp();
  const cluster = labCluster(app);
  cluster.platform.require(openTelemetryNodeCollector({ export: { endpoint: 'otel.lab.test:4317' } }));
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const release = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any))
    .find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'otel-node-collector');
  const tolerations = release.spec.values.tolerations;
  expect(cluster.hosts.some((h) => cluster.nodeTaints(h).length > 0)).toBe(true);
  expect(schedulableHostsOfSpec({ tolerations }, cluster).hosts).toEqual([...cluster.hosts]);
});
