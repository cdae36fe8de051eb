import { App as CdkApp } from 'cdk8s';
import { App, ClusterChart, flux, host, metalLb, placeholder, site, synthesize, traefik } from '../constructs';
import { clusterReadme } from '../constructs/synth/readme';
import { unwrittenOutdir } from './support/synth';

// The README's picture of the nodes states the inventory's facts; a value that is still a placeholder's
// stand-in says so there, as it does in the table of machines outside the cluster.

test("a node's address, architecture and node name that are placeholders are marked in its box; given ones are not", () => {
  const known = host('known', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.1' });
  const guessed = host('guessed', {
    arch: placeholder<'amd64' | 'arm64'>('arm64', { fact: 'architecture of guessed', owner: 'check uname -m' }),
    roles: ['worker'],
    address: placeholder('10.1.0.2', { fact: 'address of guessed', owner: 'set its LAN address' }),
    nodeName: placeholder('guessed-node', { fact: 'node name of guessed', owner: 'set its node name' }),
  });
  const lab = site('marks', { domain: 'marks.test', hosts: [known, guessed], git: { url: 'https://git.marks.test/lab.git' } });
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'main', { site: lab, hosts: [known, guessed], routes: traefik({ hostPorts: true }), gitops: flux() });
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const readme = clusterReadme(result.clusters[0]);
  expect(readme).toContain('host_known["known<br/>amd64 · control-plane, worker<br/>10.1.0.1"]');
  expect(readme).toContain('host_guessed["guessed (node guessed-node, placeholder)<br/>arm64 (placeholder) · worker<br/>10.1.0.2 (placeholder)"]');
});

test("the header marks a domain and an ingress address that are placeholders' stand-ins; given ones are not", () => {
  const build = (guessed: boolean) => {
    const node = host('node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.2.0.1' });
    const lab = site('header', {
      domain: guessed ? placeholder('lab.example.com', { fact: 'domain', owner: 'set it' }) : 'lab.example.com',
      hosts: [node],
      pools: { lb: { first: guessed ? placeholder('10.2.0.200', { fact: 'first address', owner: 'set it' }) : '10.2.0.200', last: '10.2.0.210' } },
      git: { url: 'https://git.lab.example.com/lab.git' },
    });
    const app = new CdkApp();
    const cluster = new ClusterChart(app, 'main', {
      site: lab, hosts: [node], routes: traefik({ address: lab.pools.lb.at('10.2.0.200') }), loadBalancer: metalLb({ pools: [lab.pools.lb] }), gitops: flux(),
    });
    new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
    const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    return clusterReadme(result.clusters[0]);
  };
  expect(build(true)).toContain('domain `lab.example.com` (placeholder), 1 node(s)');
  expect(build(true)).toContain('Its ingress (traefik) is reached at 10.2.0.200 (placeholder), its load-balancer address.');
  expect(build(false)).toContain('domain `lab.example.com`, 1 node(s)');
  expect(build(false)).toContain('Its ingress (traefik) is reached at 10.2.0.200, its load-balancer address.');
});
