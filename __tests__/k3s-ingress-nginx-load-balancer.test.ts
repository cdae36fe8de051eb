import { App as CdkApp } from 'cdk8s';
import { ClusterChart, flux, host, ingressNginx, IngressTls, INGRESS_NGINX_COMPONENT, k3s, metalLb, site } from '../constructs';
import { synthInMemory } from './support/synth';

// K3s without its ServiceLB serves ingress-nginx from the nodes' ports 80 and 443, as nothing else would
// give its LoadBalancer Service an address. A cluster whose own load balancer does (MetalLB here) keeps
// the controller behind its LoadBalancer Service, at the address the routes' DNS records point at.

const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
const home = site('home', {
  domain: 'home.example.com', hosts: [nuc], git: { url: 'https://git.example.com/me/home.git' },
  pools: { ingress: { first: '192.168.1.200', last: '192.168.1.210' } },
});

/** The ingress-nginx controller's values, with MetalLB as the cluster's load balancer or none. */
function controllerOf(withMetalLb: boolean) {
  let cluster: ClusterChart | undefined;
  const result = synthInMemory((app) => {
    cluster = new ClusterChart(app as CdkApp, 'main', {
      site: home, hosts: [nuc], gitops: flux(), preinstalled: [k3s()],
      routes: ingressNginx({ tls: IngressTls.none(), ...(withMetalLb ? { address: home.pools.ingress.at('192.168.1.200') } : {}) }),
      ...(withMetalLb ? { loadBalancer: metalLb({ pools: [home.pools.ingress] }) } : {}),
    });
  });
  expect(result.findings.filter((f) => f.severity === 'error' && f.layer !== 'schema')).toEqual([]);
  const controller = cluster!.platform.get(INGRESS_NGINX_COMPONENT)!.values.controller as Record<string, any>;
  return { controller };
}

test('with MetalLB, ingress-nginx on K3s stays a LoadBalancer Service at its address', () => {
  const { controller } = controllerOf(true);
  expect(controller.kind).toBeUndefined();
  expect(controller.hostPort).toBeUndefined();
  expect(controller.service.type).toBe('LoadBalancer');
});

test('without a load balancer, ingress-nginx on K3s binds ports 80 and 443 of each node', () => {
  const { controller } = controllerOf(false);
  expect(controller.kind).toBe('DaemonSet');
  expect(controller.hostPort).toEqual({ enabled: true, ports: { http: 80, https: 443 } });
  expect(controller.service.type).toBe('ClusterIP');
});
