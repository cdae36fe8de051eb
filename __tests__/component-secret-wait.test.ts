import { App as CdkApp } from 'cdk8s';
import { ClusterChart, declareExternal, hostPlacement, kubePrometheusStack, synthesize } from '../constructs';
import { arm1, labCluster } from './bad-input/lab';
import { defineGreyArea } from '../charts/grey-area';
import { manifestsOf, synthInMemory } from './support/synth';

// A platform release is waited for unless a Secret its pods read arrives after the platform layer: one the
// owner makes by hand before the first sync does not.

/** The install of the kube-prometheus-stack HelmRelease, with Grafana's admin Secret declared by `declare`. */
function stackInstall(declare: (cluster: ClusterChart, stack: ReturnType<ClusterChart['platform']['require']>) => void): Record<string, unknown> {
  const app = new CdkApp();
  const cluster = labCluster(app);
  const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(arm1), grafanaAdminSecret: 'grafana-admin' }));
  declare(cluster, stack);
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const release = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)).find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'kube-prometheus-stack');
  return release.spec.install;
}

describe("kube-prometheus-stack and Grafana's admin Secret", () => {
  const secrets = [{ namespace: 'monitoring', name: 'grafana-admin' }];

  test('made by hand for the stack itself (a step before the first sync), the release is waited for', () => {
    expect(stackInstall((_cluster, stack) => declareExternal(stack, { secrets })).disableWait).toBeUndefined();
  });

  test('declared for the whole cluster (a step after the first sync), the release is not waited for', () => {
    expect(stackInstall((cluster) => declareExternal(cluster, { secrets })).disableWait).toBe(true);
  });
});

describe("grey-area, whose README has Grafana's admin Secret made before the first sync", () => {
  const result = synthInMemory(defineGreyArea);
  const manifests = manifestsOf(result, 'grey-area/main');
  const readme = result.files.get('grey-area/main/README.md')!;
  const steps = readme.split('\n').filter((line) => line.startsWith('| bootstrap | '));
  const at = (start: string) => steps.findIndex((line) => line.startsWith(`| bootstrap | ${start}`));

  test('waits for the stack in the platform layer, and the README makes the Secret before the first sync that waits for it', () => {
    const application = manifests.find((m: any) => m.kind === 'Application' && m.metadata.name === 'kube-prometheus-stack');
    expect(application.metadata.annotations?.['gitops.homelab.dev/not-waited-for']).toBeUndefined();
    expect(at('create Secret monitoring/grafana-admin')).toBeGreaterThanOrEqual(0);
    expect(at('create Secret monitoring/grafana-admin')).toBeLessThan(at('first sync:'));
    expect(steps[at('first sync:')]).toMatch(/kubectl -n argocd wait application [^|]*\bkube-prometheus-stack\b/);
  });
});
