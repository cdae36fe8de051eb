import { App as CdkApp } from 'cdk8s';
import { App, ClusterChart, ClusterDefinition, flux, host, localPathStorage, site, synthesizeFleet, traefik } from '../../constructs';
import { unwrittenOutdir } from '../support/synth';

// A site declared in the inventory that no cluster of the fleet is of is never checked and never written: a
// warning says so (a cluster left out of the fleet's list, a chart given another site), and synth goes on.

const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
const lab = site('lab', { domain: 'lab.example.com', hosts: [nuc], git: { url: 'https://git.example.com/me/lab.git' } });
const shedNode = host('shed-node', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.2.10' });
site('shed', { domain: 'shed.example.com', hosts: [shedNode], git: { url: 'https://git.example.com/me/shed.git' } });

const labMain: ClusterDefinition = {
  folder: 'lab/main', source: 'unused-site.ts',
  build: (scope) => {
    const chart = new ClusterChart(scope, 'main', { site: lab, hosts: [nuc], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() }, gitops: flux() });
    new App(chart, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }] });
    return chart;
  },
};

test('a site no cluster of the fleet is of is one warning naming it, with a hint; synth still succeeds', () => {
  const result = synthesizeFleet(new CdkApp(), { clusters: [labMain] }, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const about = result.findings.filter((f) => /\bsite "(lab|shed)"/.test(f.message));
  expect(about).toEqual([expect.objectContaining({
    severity: 'warning', layer: 'inventory', field: 'clusters',
    message: expect.stringContaining('site "shed" is declared, but no cluster of the fleet is of it'),
    hint: expect.stringContaining("folder: 'shed/main'"),
  })]);
});
