import { App as CdkApp } from 'cdk8s';
import { App, AppController, gatewayApi, SecretReference, tailscaleLoadBalancer } from '../constructs';
import type { ClusterChart } from '../constructs';
import { guarded, lab, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// One mistake, one error, on the prop the user wrote; and no message or hint prints a secret it was given.

/** The errors after `build`, as `[layer] path field: message (hint)`. */
function errorsOf(build: (app: CdkApp) => void): string[] {
  const app = new CdkApp();
  guarded(build)(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error')
    .map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message} (${f.hint ?? ''})`);
}

const web = (props: Record<string, unknown>) => (app: CdkApp): ClusterChart => {
  const cluster = labCluster(app);
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);
  return cluster;
};

test("the Tailscale operator's oauth given as one SecretReference is one error, on oauth", () => {
  const oauth = SecretReference.external('tailscale', 'operator-oauth', 'client_id') as any;
  expect(errorsOf((app) => labCluster(app, 'edge', { loadBalancer: tailscaleLoadBalancer({ oauth }) })))
    .toEqual([expect.stringMatching(/^\[props\] edge loadBalancer\.oauth: oauth is a SecretReference/)]);
});

test("a Gateway API without an implementation is one error, not one more per route, class and certificate", () => {
  const errors = errorsOf((app) => {
    const cluster = labCluster(app, 'main', { routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }) });
    for (const id of ['web', 'blog']) {
      new App(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], route: { host: id } });
    }
  });
  expect(errors).toEqual([expect.stringMatching(/^\[references\] main\/gateway apiVersion: kind Gateway .* has no CRD .*; nor have 3 more objects of the group \(HTTPRoute main\/https-redirect, HTTPRoute main\/web\/route, HTTPRoute main\/blog\/route\).*cni: cilium\(\{ gatewayApi: \{\} \}\)/)]);
});

test.each([
  ['a flag with its value', 'app --token=s3cr3t', /\['app', '--token=\$\(NAME\)'\]/],
  ['a flag and its value in a shell script', "sh -c 'app --password hunter22 | tee'", /--password \$\(NAME\) \| tee/],
])('a command written as one string with %s is one error that never prints the secret', (_name, command, hint) => {
  const errors = errorsOf(web({ command }));
  expect(errors).toEqual([expect.stringMatching(/^\[props\] main\/web command: command is text of \d+ characters that writes out a secret/)]);
  expect(errors[0]).toMatch(hint);
  expect(errors[0]).not.toMatch(/s3cr3t|hunter22/);
});

test.each([
  ['an unknown prop', AppController.deployment({ bogus: 1 } as any), 'bogus', /the Deployment controller knows: strategy\)$/],
  ["a CronJob's prop on a Deployment", AppController.deployment({ schedule: '0 3 * * *' } as any), 'schedule', /the Deployment controller knows: strategy\)$/],
  ['a misspelt prop of a CronJob', AppController.cronJob({ schedule: '0 3 * * *', sucessfulJobsHistoryLimit: 1 } as any), 'sucessfulJobsHistoryLimit', /did you mean "successfulJobsHistoryLimit"\?/],
])("%s in controller.props is one error that names the props of the kind chosen", (_name, controller, key, hint) => {
  const errors = errorsOf(web({ controller }));
  expect(errors).toEqual([expect.stringMatching(new RegExp(`^\\[props\\] main/web controller\\.props\\.${key}: `))]);
  expect(errors[0]).toMatch(hint);
});

test.each([
  ["a port's name", 'http', /write the number of port "http": addRoute\(\{ host: 'web', port: 8080 \}\)/],
  ['a name no port has', 'metrics', /no port named "metrics".*8080 \(http\)/],
])("addRoute given %s as its port is answered as route.port is, with the port's number", (_name, port, hint) => {
  const errors = errorsOf((app) => {
    const cluster = labCluster(app);
    new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }] }).addRoute({ host: 'web', port: port as any });
  });
  expect(errors).toEqual([expect.stringMatching(/^\[props\] main\/web addRoute\.port: addRoute's port is "\w+", text where the route names the Service port by its number/)]);
  expect(errors[0]).toMatch(hint);
});

test('a list of routes in route is one error whose hint adds the further routes with addRoute', () => {
  const errors = errorsOf(web({ route: [{ host: 'web' }, { host: 'web-admin', path: '/admin' }] }));
  expect(errors).toEqual([expect.stringMatching(/^\[props\] main\/web route: route is a list of 2 routes; it takes one/)]);
  expect(errors[0]).toMatch(/write route: \{ host: 'web' \}, and add the further route with app\.addRoute\(\{ host: 'web-admin', … \}\)/);
});

test.each([
  ["compose's list of KEY=value", ['DB_PASSWORD=hunter22', 'TZ=UTC'], /env is a list of 2 items that writes out a secret, not an object/],
  ["Kubernetes' list of { name, value }", [{ name: 'DB_PASSWORD', value: 'hunter22' }], /env is a list of 1 item that writes out a secret, not an object/],
  ['one KEY=value string', 'DB_PASSWORD=hunter22', /env is text of 20 characters that writes out a secret, not an object/],
])('env given as %s with a secret in it is one error that never prints the secret', (_name, env, message) => {
  const errors = errorsOf(web({ env }));
  expect(errors).toEqual([expect.stringMatching(/^\[props\] main\/web env: /)]);
  expect(errors[0]).toMatch(message);
  expect(errors[0]).not.toMatch(/hunter22/);
});
