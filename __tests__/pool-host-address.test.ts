import { App as CdkApp } from 'cdk8s';
import { ClusterChart, flux, HomelabApp, host, localPathStorage, metalLb, site, synthesize, traefik } from '../constructs';

// A pool written over a host's address, and the DNS server's address taken from it: one mistake, the pool's.

test("an address taken from a pool that covers a host's address is one error, on the pool", () => {
  const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
  const lab = site('overlap', { domain: 'overlap.test', hosts: [nuc], git: { url: 'https://git.example/overlap.git' }, pools: { dns: { first: '192.168.1.10', last: '192.168.1.12' } } });
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'main', {
    site: lab, hosts: [nuc], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() }, gitops: flux(), loadBalancer: metalLb({ pools: [lab.pools.dns] }),
  });
  new HomelabApp(cluster, 'adguard', {
    image: 'adguard/adguardhome:v0.107.57', ports: [{ name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
    exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } }, loadBalancer: { address: lab.pools.dns.at('192.168.1.10') },
  });
  const errors = synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error');
  expect(errors.map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main site.pools.dns']);
});
