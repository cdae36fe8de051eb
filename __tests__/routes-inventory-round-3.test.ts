import { App as CdkApp } from 'cdk8s';
import { App, ChartRelease, servesPorts, synthesize, tailscaleLoadBalancer } from '../constructs';
import type { Finding } from '../constructs';
import { guarded, labCluster } from './bad-input/lab';

// A tailnet machine name is checked once, where it is written: on an App's loadBalancer by the Tailscale
// flavor, on a Service or a release's values written by hand by the cluster's checks.

function tailnetErrors(build: (app: CdkApp) => void): Finding[] {
  const app = new CdkApp();
  build(app);
  const result = synthesize(app, { outdir: 'unused', write: false });
  return result.findings.filter((f) => f.severity === 'error' && /tailnet machine name/.test(f.message));
}

test("an App's tailnet machine name with a dot is one error, on its loadBalancer.hostname", () => {
  const errors = tailnetErrors(guarded((app: CdkApp) => {
    const cluster = labCluster(app, 'main', { loadBalancer: tailscaleLoadBalancer() });
    new App(cluster, 'git', {
      image: 'codeberg.org/forgejo/forgejo:11.0.6-rootless', ports: [{ name: 'ssh', port: 2222, servicePort: 22 }],
      loadBalancer: { hostname: 'git.lab' },
    });
  }));
  expect(errors.map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main/git loadBalancer.hostname']);
});

test("a chart release's tailnet machine name with a dot is one error, on the value that names it", () => {
  const errors = tailnetErrors((app) => {
    const cluster = labCluster(app, 'main', { loadBalancer: tailscaleLoadBalancer() });
    new ChartRelease(cluster, 'uptime', {
      namespace: 'uptime', chart: { repository: 'https://charts.example.org', chart: 'uptime', version: '1.0.0' },
      values: { service: { type: 'LoadBalancer', annotations: { 'tailscale.com/hostname': 'uptime.lab.test' } } },
      network: servesPorts({ port: 3001, purpose: 'web' }),
    });
  });
  expect(errors).toEqual([expect.objectContaining({ field: 'spec.values.service.annotations.tailscale.com/hostname', hint: expect.stringMatching(/'uptime'/) })]);
});
