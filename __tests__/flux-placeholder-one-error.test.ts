import { App as CdkApp } from 'cdk8s';
import { ServiceRoute } from '../constructs';
import type { ClusterChart } from '../constructs';
import { goodDeployment, guarded, labApp, labCluster, prepopulatedOutdir, raw, synthFindings } from './bad-input/lab';

// A `${VAR}` of Flux's postBuild substitution, brought over from a repository whose Kustomizations replaced it,
// is one mistake: one error, the one that says where the placeholder comes from and what to write instead, not
// more on the same field for a name or a host the placeholder makes invalid.

function errorsOf(build: (cluster: ClusterChart) => void): string[] {
  const app = new CdkApp();
  guarded((scope: CdkApp) => build(labCluster(scope)))(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
}

const FLUX = /holds \$\{[A-Z_]+\}, a variable of Flux's postBuild substitution/;

describe("a Flux placeholder is one error, Flux's", () => {
  test("in an object's namespace", () => {
    const deployment = goodDeployment('web');
    (deployment.metadata as Record<string, unknown>).namespace = '${NS}';
    const errors = errorsOf((cluster) => raw(cluster, 'web', deployment));
    expect(errors).toEqual([expect.stringMatching(/^\[references\] main\/web metadata\.namespace: /)]);
    expect(errors[0]).toMatch(FLUX);
  });

  test("in an Ingress's host", () => {
    const errors = errorsOf((cluster) => {
      raw(cluster, 'web', goodDeployment('web'));
      raw(cluster, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });
      raw(cluster, 'ing', {
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' },
        spec: { ingressClassName: 'traefik', rules: [{ host: 'echo.${SECRET_DOMAIN}', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
      });
    });
    expect(errors).toEqual([expect.stringMatching(/^\[references\] main\/ing spec\.rules\[0\]\.host: /)]);
    expect(errors[0]).toMatch(FLUX);
  });

  // A prop holds the placeholder as an object's field would: the prop's one error says Flux's cause, with its hint.
  const HINT = /write the value itself \(in TypeScript: a constant, or the site's facts such as site\.domain/;

  function propErrorsOf(build: (cluster: ClusterChart) => void) {
    const app = new CdkApp();
    guarded((scope: CdkApp) => build(labCluster(scope)))(app);
    return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error');
  }

  test.each([
    ["an App's namespace", (cluster: ClusterChart): unknown => labApp('web', { namespace: '${NS}' })(cluster), 'namespace'],
    ["an App's namespace built from one", (cluster: ClusterChart): unknown => labApp('web', { namespace: 'web-${ENV}' })(cluster), 'namespace'],
    ["an App's route host", (cluster: ClusterChart): unknown => labApp('web', { route: { host: '${HOST}' } })(cluster), 'route.host'],
    ["an App's route host under one", (cluster: ClusterChart): unknown => labApp('web', { route: { host: 'echo.${SECRET_DOMAIN}' } })(cluster), 'route.host'],
    ["a ServiceRoute's host", (cluster: ClusterChart): unknown => new ServiceRoute(cluster, 'web', { host: 'nas.${SECRET_DOMAIN}', namespace: 'default', serviceName: 'nas', port: 5000 }), 'host'],
  ])('in %s', (_name, build, field) => {
    const errors = propErrorsOf(build);
    expect(errors.map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`)).toEqual([`[props] main/web ${field}`]);
    expect(errors[0].message).toMatch(FLUX);
    expect(errors[0].hint).toMatch(HINT);
  });
});

