import { App as CdkApp } from 'cdk8s';
import { cilium, ciliumLoadBalancer, ingressNginx, IngressTls, WildcardCertificate } from '../constructs';
import type { ClusterChartProps } from '../constructs';
import { guarded, lab, labApp, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// What the bad-input corpus (cases-loose-ends-9.ts) cannot say: that each of these mistakes in routes,
// TLS and load-balancer addresses gives exactly one error (or one finding), where the user made it.

/** The findings of `severity` after a cluster `edge` with `props` is built by `build`, as `[layer] path field: message`. */
function findingsOf(props: Partial<ClusterChartProps>, build: (cluster: ReturnType<typeof labCluster>) => void = () => undefined, severity = 'error'): string[] {
  const app = new CdkApp();
  guarded(build)(labCluster(app, 'edge', props));
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === severity)
    .map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
}

/** Two apps whose load balancers ask for one address. */
const twoOnOneAddress = (cluster: ReturnType<typeof labCluster>) => {
  labApp('web')(cluster).addLoadBalancer({ address: lab.pools.vips.at('10.0.8.11') });
  labApp('web2')(cluster).addLoadBalancer({ address: lab.pools.vips.at('10.0.8.11') });
};

test('an address two load balancers ask for is one error, on the later call, naming the other holder by its prop', () => {
  expect(findingsOf({}, twoOnOneAddress)).toEqual([
    '[inventory] edge/web2 addLoadBalancer.address: address 10.0.8.11 is taken already by edge/web (addLoadBalancer.address)',
  ]);
});

test('under Cilium LB-IPAM too, an address two load balancers ask for is one error, on the later call', () => {
  const errors = findingsOf({ cni: cilium({ kubeProxyReplacement: false }), loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.vips] }) }, twoOnOneAddress);
  expect(errors.filter((e) => e.includes('10.0.8.11'))).toEqual([
    '[inventory] edge/web2 addLoadBalancer.address: address 10.0.8.11 is taken already by edge/web (addLoadBalancer.address)',
  ]);
});

test('IngressTls.wildcard of an undefined ClusterIssuer is one error, on routes.tls.issuer, whatever its certificate and uncovered routes name', () => {
  const apps = (cluster: ReturnType<typeof labCluster>) => ['web.lab.test', 'a.b.lab.test', 'web.other.org'].forEach((host, i) => labApp(`web${i}`, { route: { host } })(cluster));
  expect(findingsOf({ routes: ingressNginx({ tls: IngressTls.wildcard({ issuer: 'letsencrypt' }) }) }, apps))
    .toEqual([expect.stringMatching(/^\[references\] edge routes\.tls\.issuer: cert-manager ClusterIssuer "letsencrypt" is provided by nothing/)]);
});

test('a WildcardCertificate of an undefined ClusterIssuer is one error, on its issuer, not one more on its Certificate', () => {
  const build = (cluster: ReturnType<typeof labCluster>) => {
    new WildcardCertificate(cluster, 'wc', { issuer: 'letsencrypt' });
    labApp('web', { route: { host: 'web' } })(cluster);
  };
  expect(findingsOf({}, build)).toEqual([expect.stringMatching(/^\[references\] edge\/wc issuer: /)]);
});
