import { App as CdkApp } from 'cdk8s';
import { intelGpuPluginComponent, k3s, k3sManifests, synthesize } from '../constructs';
import { labCluster } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// A bare cluster given its folder of dist/ must reach the whole lab by the steps its README lists, in their
// order: every object a step applies needs its namespace to exist by then, not some time later.

/** The README row of the one step whose action starts with `action`. */
function stepRow(readme: string, action: string): string {
  const rows = readme.split('\n').filter((line) => line.startsWith(`| bootstrap | ${action}`));
  expect(rows).toHaveLength(1);
  return rows[0];
}

test("under K3s, a component from upstream manifests is applied into a namespace the step makes, not one K3s' folder makes later", () => {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { gitops: k3sManifests(), preinstalled: [k3s()] });
  cluster.platform.require(intelGpuPluginComponent());
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const readme = result.files.get('lab/main/README.md')!;
  // The namespace is a file of the folder, which K3s applies on its own schedule after the copy step.
  expect(result.files.get('lab/main/0-platform-namespaces.yaml')).toContain('name: intel-gpu-plugin');
  const row = stepRow(readme, 'install intel-gpu-plugin');
  const ensure = row.indexOf('kubectl create namespace intel-gpu-plugin --dry-run=client -o yaml \\| kubectl apply -f -');
  const apply = row.indexOf('kubectl apply -n intel-gpu-plugin -f ');
  expect(ensure).toBeGreaterThan(0);
  expect(apply).toBeGreaterThan(ensure);
});
