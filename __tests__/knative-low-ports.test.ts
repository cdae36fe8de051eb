import { App as CdkApp } from 'cdk8s';
import { App, AppController, declareExternal, Knative } from '../constructs';
import type { AppProps } from '../constructs';
import { BadInput, clusterFor } from './bad-input/cases';
import { prepopulatedOutdir, synthFindings } from './bad-input/lab';

// A Knative Service's container binds its port as a Deployment's does: a port below 1024 of its non-root user
// fails to bind, and Knative's webhook refuses the sysctl that would open it.

/** The warnings on `ports.*` of a Knative app `fn` of the lab's Gateway cluster given `props`. */
function portWarnings(props: Partial<AppProps>): string[] {
  const app = new CdkApp();
  const cluster = clusterFor({ gatewayCluster: true } as BadInput, app);
  declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new Knative(cluster, 'knative', { eventing: false });
  new App(cluster, 'fn', { image: 'ghcr.io/acme/fn:1.0.0', ports: [{ name: 'http', port: 80 }], controller: AppController.knative({ maxScale: 2 }), ...props });
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'warning' && f.field.startsWith('ports.')).map((f) => `${f.constructPath} ${f.field}: ${f.hint}`);
}

test('a Knative app on port 80 as its non-root user is a warning on the port, whose hint gives NET_BIND_SERVICE rather than the sysctl', () => {
  const warnings = portWarnings({});
  expect(warnings).toEqual([expect.stringMatching(/^main\/fn ports\.http\.port: .*8080.*NET_BIND_SERVICE/)]);
  expect(warnings[0]).not.toMatch(/ip_unprivileged_port_start'/);
});

test('a Knative app given NET_BIND_SERVICE, or on a port above 1023, is not warned of', () => {
  expect(portWarnings({ exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'serves HTTP on port 80' } } })).toEqual([]);
  expect(portWarnings({ ports: [{ name: 'http', port: 8080 }] })).toEqual([]);
});
