import { ApiObject, App as CdkApp } from 'cdk8s';
import { acmeIssuer, ClusterIssuer, http01Ingress, ingressNginx, IngressTls, LETSENCRYPT_PRODUCTION } from '../constructs';
import type { ClusterChart } from '../constructs';
import { guarded, labApp, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// Mistakes of exposing an app that more than one check could see, each told once.

const errorsOf = (build: (cluster: ClusterChart) => void, props: Parameters<typeof labCluster>[2] = {}): string[] => {
  const app = new CdkApp();
  guarded((scope: CdkApp) => build(labCluster(scope, 'main', props)))(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
};

test("a hand-written LoadBalancer Service on a node's address is one error, naming the node, on the address it wrote", () => {
  expect(errorsOf((c) => {
    labApp('mqtt', { namespace: 'web', image: 'ghcr.io/acme/mqtt:1.0.0', ports: [{ name: 'mqtt', port: 1883 }] })(c);
    new ApiObject(c, 'svc', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'mqtt-public', namespace: 'web', annotations: { 'metallb.io/loadBalancerIPs': '10.0.0.2' } },
      spec: { type: 'LoadBalancer', selector: { 'app.kubernetes.io/name': 'mqtt' }, ports: [{ name: 'mqtt', port: 1883 }] },
    });
  })).toEqual([
    '[inventory] main/svc metadata.annotations.metallb.io/loadBalancerIPs: address 10.0.0.2, the address of host arm1, lies outside every address pool of the site',
  ]);
});

test("Let's Encrypt's HTTP-01 issuer asked for wildcard and plain names under home.lan is one error on the issuer", () => {
  const errors = errorsOf((c) => {
    new ClusterIssuer(c, 'le', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'owner@gmail.com', solvers: [http01Ingress('nginx')] }) });
    labApp('whoami', { route: { host: 'whoami.home.lan' } })(c);
    labApp('wild', { route: { host: '*.apps.home.lan' } })(c);
  }, { routes: ingressNginx({ tls: IngressTls.perRoute('letsencrypt') }) });
  expect(errors).toEqual([expect.stringMatching(/^\[references\] main\/platform\/config\/cert-manager\/issuer-letsencrypt spec\.acme\.server: ClusterIssuer "letsencrypt" asks Let's Encrypt for a certificate of .*\(and 1 more name under private domains\)/)]);
});
