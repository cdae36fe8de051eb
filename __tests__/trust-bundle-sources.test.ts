import { ApiObject, App as CdkApp } from 'cdk8s';
import { ChartRelease, declareExternal, servesPorts } from '../constructs';
import { labCluster, lab } from './bad-input/lab';
import { aboutTheLab, synthInMemory } from './support/synth';
import type { Construct } from 'constructs';
import { LAB_ROOT } from './support/lab-ca-lab';
import { traefik } from '../constructs';

// trust-manager reads the Secrets and ConfigMaps a Bundle's sources name from its trust namespace alone
// (`cert-manager`, or its chart's app.trust.namespace): a root kept in another namespace leaves the Bundle unsynced.

/** trust-manager in `cert-manager` with `values`, the root CA's Secret made by hand in `rootNamespace`, and a Bundle of it. */
function trustLab(rootNamespace: string, values?: Record<string, unknown>, source: Record<string, unknown> = { secret: { name: 'lab-root-ca', key: 'tls.crt' } }): (scope: Construct) => void {
  return (scope) => {
    const cluster = labCluster(scope as CdkApp, 'main', { routes: traefik({ address: lab.pools.vips.at('10.0.8.10') }) });
    new ChartRelease(cluster, 'trust-manager', {
      namespace: 'cert-manager', network: servesPorts({ port: 6443, purpose: 'admission webhook' }, { port: 9402, purpose: 'metrics' }),
      chart: { repository: 'https://charts.jetstack.io', chart: 'trust-manager', version: 'v0.12.0' },
      crds: [{ group: 'trust.cert-manager.io', kinds: ['Bundle'] }], values,
    });
    cluster.namespaces.ensure(rootNamespace);
    declareExternal(cluster, { secrets: [{ namespace: rootNamespace, name: 'lab-root-ca' }] });
    new ApiObject(cluster, 'root-pem', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'lab-root', namespace: rootNamespace }, data: { 'root.pem': LAB_ROOT } });
    new ApiObject(cluster, 'bundle', {
      apiVersion: 'trust.cert-manager.io/v1alpha1', kind: 'Bundle', metadata: { name: 'lab-ca' },
      spec: { sources: [{ useDefaultCAs: true }, source], target: { configMap: { key: 'ca-certificates.crt' } } },
    });
  };
}

const errors = (define: (scope: Construct) => void) => aboutTheLab(synthInMemory(define).findings).filter((f) => f.severity === 'error')
  .map((f) => `${f.constructPath} ${f.field}: ${f.message} (${f.hint})`);

test('a root in the trust namespace, cert-manager by default, is read', () => {
  expect(errors(trustLab('cert-manager'))).toEqual([]);
});

test("a root in the namespace the chart's app.trust.namespace names is read", () => {
  expect(errors(trustLab('pki', { app: { trust: { namespace: 'pki' } } }))).toEqual([]);
});

test('a root in another namespace is an error on the source, naming where it is', () => {
  expect(errors(trustLab('pki'))).toEqual([expect.stringMatching(/^main\/bundle spec\.sources\[1\]\.secret\.name: Secret "lab-root-ca" does not exist in namespace "cert-manager" .*pki/)]);
});

test("a key the root's ConfigMap does not have is an error on the source's key", () => {
  expect(errors(trustLab('cert-manager', undefined, { configMap: { name: 'lab-root', key: 'root.pem' } }))).toEqual([]);
  expect(errors(trustLab('cert-manager', undefined, { configMap: { name: 'lab-root', key: 'ca.crt' } }))).toEqual([expect.stringMatching(/^main\/bundle spec\.sources\[1\]\.configMap\.key: /)]);
});
