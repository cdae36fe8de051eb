import { App as CdkApp } from 'cdk8s';
import { App, ClusterChart, flux, host, SecretReference, site, synthesize, tailscaleLoadBalancer, traefik } from '../constructs';
import type { ClusterChartProps, ClusterComponentResources } from '../constructs';
import { raw } from './bad-input/lab';

// A size for a part of a component the cluster runs, where no instance runs that part, is ignored: a
// warning names the field and what would run the part, as for a component the cluster does not run.

const gateway = host('gw', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.2.0.1', publicAddress: '203.0.113.9' });
const inside = host('inside', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.2.0.2' });
const lab = site('idle', { domain: 'idle.test', hosts: [gateway, inside], git: { url: 'https://git.example/idle.git' } });

/** The findings about `componentResources` of a cluster with `props`, built further by `add`, which has no error. */
function sizeFindings(props: Partial<ClusterChartProps>, add: (cluster: ClusterChart) => void = () => undefined) {
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'main', { site: lab, hosts: [inside], routes: traefik({ nodePorts: true }), storage: {}, gitops: flux(), ...props });
  add(cluster);
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  return result.findings.filter((f) => f.field.startsWith('componentResources')).map((f) => ({ severity: f.severity, field: f.field, hint: f.hint }));
}

const cloudflare: Partial<ClusterChartProps> = {
  hosts: [gateway], dns: { publicTarget: gateway, cloudflare: { apiToken: SecretReference.external('external-dns', 'cloudflare', 'token') } },
};
const adguard: Partial<ClusterChartProps> = {
  dns: {
    publicTarget: gateway,
    adguard: { url: 'http://10.0.0.53:3000', username: SecretReference.external('external-dns', 'adguard', 'user'), password: SecretReference.external('external-dns', 'adguard', 'password') },
  },
};
const webhookSize: ClusterComponentResources = { externalDns: { externalDns: { memoryLimit: '256Mi' }, webhook: { memoryLimit: '256Mi' } } };

test("external-dns' webhook size on a cluster whose DNS is Cloudflare alone is a warning on the field", () => {
  expect(sizeFindings({ ...cloudflare, componentResources: webhookSize })).toEqual([
    { severity: 'warning', field: 'componentResources.externalDns.webhook', hint: expect.stringContaining('AdGuard Home') },
  ]);
  expect(sizeFindings({ ...cloudflare, componentResources: { externalDns: { externalDns: { memoryLimit: '256Mi' } } } })).toEqual([]);
  expect(sizeFindings({ ...adguard, componentResources: webhookSize })).toEqual([]);
});

test('a Tailscale proxy size where no Service goes through Tailscale is a warning on the field', () => {
  const proxySize: ClusterComponentResources = { tailscaleOperator: { proxy: { cpuRequest: '50m' } } };
  expect(sizeFindings({ loadBalancer: tailscaleLoadBalancer(), componentResources: proxySize })).toEqual([
    { severity: 'warning', field: 'componentResources.tailscaleOperator.proxy', hint: expect.stringContaining('LoadBalancer Service') },
  ]);
  // An app's load balancer, the ingress controller's Service, or a Service written by hand starts a proxy.
  const withApp = (cluster: ClusterChart) => new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], loadBalancer: { ports: ['http'] } });
  expect(sizeFindings({ loadBalancer: tailscaleLoadBalancer(), componentResources: proxySize }, withApp)).toEqual([]);
  expect(sizeFindings({ loadBalancer: tailscaleLoadBalancer(), routes: traefik(), componentResources: proxySize })).toEqual([]);
  const byHand = (cluster: ClusterChart) => {
    new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
    raw(cluster, 'svc', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-tailnet', namespace: 'web' },
      spec: { type: 'LoadBalancer', loadBalancerClass: 'tailscale', selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ name: 'http', port: 8080 }] },
    });
  };
  expect(sizeFindings({ loadBalancer: tailscaleLoadBalancer(), componentResources: proxySize }, byHand)).toEqual([]);
  expect(sizeFindings({ loadBalancer: tailscaleLoadBalancer(), componentResources: { tailscaleOperator: { operator: { cpuRequest: '50m' } } } })).toEqual([]);
});
