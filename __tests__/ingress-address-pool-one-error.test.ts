import { App as CdkApp } from 'cdk8s';
import { ingressNginx, metalLb, traefik } from '../constructs';
import { guarded, lab, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// The ingress's address from a pool the load balancer does not serve is one mistake: the load-balancer flavor
// the ingress asks for its Service's address reports it, and the cluster's check of its addresses does not
// report it again (it still does for a Gateway, whose implementation takes the address itself).

const errorsOf = (routes: ReturnType<typeof traefik> | ReturnType<typeof ingressNginx>): string[] => {
  const app = new CdkApp();
  guarded((scope: CdkApp) => labCluster(scope, 'main', { routes, loadBalancer: metalLb({ pools: [lab.pools.vips] }) }))(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
};

test("Traefik's address from a pool MetalLB does not serve is one error on routes.address, of the inventory", () => {
  expect(errorsOf(traefik({ address: lab.pools.dns.at('10.0.4.53') }))).toEqual([
    '[inventory] main routes.address: address 10.0.4.53 is from pool "dns", which MetalLB of this cluster does not serve',
  ]);
});

test("ingress-nginx's address from a pool MetalLB does not serve is one error on routes.address", () => {
  expect(errorsOf(ingressNginx({ address: lab.pools.dns.at('10.0.4.53'), tls: { type: 'none' } }))).toEqual([
    '[inventory] main routes.address: address 10.0.4.53 is from pool "dns", which MetalLB of this cluster does not serve',
  ]);
});
