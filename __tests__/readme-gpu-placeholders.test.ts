import { App as CdkApp } from 'cdk8s';
import { App, ClusterChart, flux, host, placeholder, site, synthesize, traefik } from '../constructs';
import { clusterReadme } from '../constructs/synth/readme';
import { unwrittenOutdir } from './support/synth';

// A node's GPU whose vendor or model the design does not give is a placeholder: the node's box in the
// README's picture says so, as it does for the node's address and architecture.

function readme(vendor: 'intel' | ReturnType<typeof placeholder<'intel' | 'amd' | 'nvidia'>>, model?: string | ReturnType<typeof placeholder<string>>) {
  const node = host('node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.4.0.1', gpus: [{ vendor, ...(model ? { model } : {}) }] });
  const lab = site('gpus', { domain: 'gpus.test', hosts: [node], git: { url: 'https://git.gpus.test/lab.git' } });
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'main', { site: lab, hosts: [node], routes: traefik({ hostPorts: true }), gitops: flux() });
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return clusterReadme(result.clusters[0]);
}

test("a GPU vendor and model that are placeholders are marked in the node's box; given ones are not", () => {
  expect(readme(placeholder<'intel' | 'amd' | 'nvidia'>('intel', { fact: 'GPU vendor', owner: 'read lspci' }))).toContain('<br/>GPU: intel (placeholder)"]');
  expect(readme('intel', placeholder('Arc A380', { fact: 'GPU model', owner: 'read lspci' }))).toContain('<br/>GPU: intel Arc A380 (placeholder)"]');
  expect(readme('intel', 'Arc A380')).toContain('<br/>GPU: intel Arc A380"]');
});
