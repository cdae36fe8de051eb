import { ApiObject, App as CdkApp } from 'cdk8s';
import { WildcardCertificate } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// A ClusterIssuer the user writes as a plain object is as much the cluster's as one of the library's
// construct: a WildcardCertificate that names it is fine, and one that names no issuer of the cluster is
// one error on its `issuer`, listing the ClusterIssuers there are.

function errorsWith(issuer: string): string[] {
  const app = new CdkApp();
  guarded((cluster: ReturnType<typeof labCluster>) => {
    new ApiObject(cluster, 'own-ca', { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'own-ca' }, spec: { selfSigned: {} } });
    new WildcardCertificate(cluster, 'wildcard', { issuer });
  })(labCluster(app, 'edge', {}));
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error')
    .map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
}

test('a WildcardCertificate may name a ClusterIssuer written as a plain object', () => {
  expect(errorsWith('own-ca')).toEqual([]);
});

test('a WildcardCertificate naming no ClusterIssuer of the cluster is one error on its issuer, listing those there are', () => {
  expect(errorsWith('own-cx')).toEqual([
    '[references] edge/wildcard issuer: cert-manager ClusterIssuer "own-cx" is provided by nothing in cluster "edge" (it has: own-ca)',
  ]);
});
