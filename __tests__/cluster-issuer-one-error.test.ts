import { App as CdkApp } from 'cdk8s';
import { acmeIssuer, ClusterIssuer, http01Ingress } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// A ClusterIssuer's issuer written under cert-manager's own field name is one mistake: one error on that
// name, not a missing issuer too (the corpus, cases-newcomer-platform-2.ts, checks its hint).

test.each(['acme', 'ca', 'spec'])('a ClusterIssuer given its issuer as %s is one error', (prop) => {
  const app = new CdkApp();
  guarded((scope: CdkApp) => {
    const cluster = labCluster(scope);
    new ClusterIssuer(cluster, 'le', { name: 'le', [prop]: acmeIssuer({ server: 'https://acme-staging-v02.api.letsencrypt.org/directory', email: 'me@lab.test', solvers: [http01Ingress('traefik')] }) } as any);
  })(app);
  const errors = synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`);
  expect(errors).toEqual([`[props] main/le ${prop}`]);
});
