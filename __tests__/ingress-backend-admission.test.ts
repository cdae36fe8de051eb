import type { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { App } from '../constructs';
import { labCluster, raw } from './bad-input/lab';
import { synthInMemory } from './support/synth';

// The correct forms of a hand-written Ingress to an App: the app admits the ingress controller, or the Ingress is
// of a class another controller serves, which the check does not judge.

function findings(allowFrom: unknown[] | undefined, className = 'traefik'): string[] {
  const define = (scope: Construct) => {
    const cluster = labCluster(scope as CdkApp);
    new App(cluster, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...(allowFrom ? { allowFrom } : {}) } as never);
    raw(cluster, 'ing', {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' },
      spec: { ingressClassName: className, rules: [{ host: 'web.lab.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 8080 } } } }] } }] },
    });
  };
  return synthInMemory(define).findings.filter((f) => f.constructPath === 'main/ing').map((f) => `${f.severity} ${f.field}`);
}

describe('a hand-written Ingress to an app of the cluster', () => {
  test('is refused while the app keeps the controller out, and accepted once the app admits its namespace', () => {
    expect(findings(undefined)).toEqual(['error spec.rules[0].http.paths[0].backend.service.port']);
    expect(findings([{ namespace: 'traefik' }])).toEqual([]);
  });
});
