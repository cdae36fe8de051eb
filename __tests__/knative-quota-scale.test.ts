import { App as CdkApp } from 'cdk8s';
import { App, AppController, gatewayApi, Knative, Tenant } from '../constructs';
import type { AppController as Controller, Finding } from '../constructs';
import { lab, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// A tenant's quota check counts a Knative Service at its largest scale; one without maxScale has none,
// as Knative scales it as far as its load asks.

function findingsOf(controller: Controller): Finding[] {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }) });
  new Knative(cluster, 'knative');
  new Tenant(cluster, 'tenant', { namespace: 'peers-alice', owner: 'alice', quota: { requestsMemory: '4Gi', limitsMemory: '8Gi', pods: 10 } });
  new App(cluster, 'fn', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'peers-alice', labels: { owner: 'alice' }, ports: [{ name: 'http', port: 8080 }],
    resources: { memoryRequest: '128Mi', memoryLimit: '256Mi' }, controller,
  });
  return synthFindings(app, prepopulatedOutdir()).findings;
}

const unbounded = (findings: Finding[]) => findings.filter((f) => f.message.includes('without bound'));

test("a tenant's Knative app without maxScale is a warning on the App's controller naming maxScale", () => {
  const findings = findingsOf(AppController.knative());
  expect(unbounded(findings)).toEqual([expect.objectContaining({
    severity: 'warning', layer: 'policy', constructPath: 'main/fn', field: 'controller.props.maxScale',
    hint: expect.stringMatching(/AppController\.knative\(\{ maxScale: <pods> \}\)/),
  })]);
  // The quota itself holds the app at its lower bound: no error on the tenant.
  expect(findings.filter((f) => f.severity === 'error' && f.constructPath === 'main/tenant')).toEqual([]);
});

test("a tenant's Knative app with maxScale within the quota has no warning", () => {
  expect(unbounded(findingsOf(AppController.knative({ maxScale: 4 })))).toEqual([]);
});

test("a Knative app's minScale counts when no maxScale bounds it", () => {
  const findings = findingsOf(AppController.knative({ minScale: 12 }));
  expect(findings.filter((f) => f.field === 'quota.pods')).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/need 12 /) })]);
});
