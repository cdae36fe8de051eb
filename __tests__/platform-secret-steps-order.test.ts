import { App as CdkApp } from 'cdk8s';
import { ClusterChart, flux, host, noRoutes, SecretReference, site, tailscaleLoadBalancer } from '../constructs';
import { synthInMemory } from './support/synth';

// A Secret made outside the repository that a platform component reads (external-dns' Cloudflare token,
// the Tailscale operator's OAuth client) is listed before the steps that start the engine: the platform
// layer, which every later layer waits for, cannot become healthy without it. The tailnet's OAuth client
// comes before the Secret that holds it.

const vps = host('vps', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.0.1', publicAddress: '203.0.113.5' });
const lab = site('lab', { domain: 'lab.example.com', hosts: [vps], git: { url: 'https://github.com/me/lab.git' } });

/** The steps by hand of the cluster, in the order the README lists them. */
function steps(): string[] {
  const result = synthInMemory((app) => {
    new ClusterChart(app as CdkApp, 'main', {
      site: lab, hosts: [vps], routes: noRoutes(), gitops: flux(), loadBalancer: tailscaleLoadBalancer(),
      dns: { publicTarget: vps, cloudflare: { apiToken: SecretReference.external('external-dns', 'cloudflare', 'token') } },
    });
  });
  expect(result.findings.filter((f) => f.severity === 'error' && f.layer !== 'schema')).toEqual([]);
  return result.outcomes[0].figures.ownerActions.map((a) => a.action);
}

test("a platform component's Secrets come before flux bootstrap, the tailnet's OAuth client before its Secret", () => {
  const listed = steps();
  const at = (text: string) => listed.findIndex((a) => a.includes(text));
  const order = ["make the operator's OAuth client", 'create Secret tailscale/operator-oauth', 'create Secret external-dns/cloudflare', 'flux bootstrap github'].map(at);
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});
