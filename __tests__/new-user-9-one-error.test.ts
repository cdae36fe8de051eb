import { App as CdkApp } from 'cdk8s';
import { ClusterChart, flux, HomelabApp, host, site, traefik } from '../constructs';
import { synthInMemory } from './support/synth';

// A taint written wrong in the inventory (as kubectl writes it, or with an effect in lower case) is its
// host's one error: the workloads it would keep off the host are not reported as unschedulable too.

function taintedLab(scope: CdkApp, taint: unknown) {
  const box = host('nu9-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.5', taints: [taint as never] });
  const home = site('nu9-taints', { domain: 'nu9.test', hosts: [box], git: { url: 'https://git.nu9.test/lab.git' } });
  const cluster = new ClusterChart(scope, 'main', { site: home, hosts: [box], routes: traefik({ nodePorts: true }), gitops: flux() });
  new HomelabApp(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
}

const errors = (taint: unknown) => synthInMemory((scope) => taintedLab(scope as CdkApp, taint)).findings
  .filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`);

describe('a taint written wrong is one error', () => {
  test('as kubectl taint writes it', () => {
    expect(errors('dedicated=nas:NoSchedule')).toEqual(['inventory/host/nu9-box taints[0]']);
  });

  test('with its effect in lower case', () => {
    expect(errors({ key: 'dedicated', value: 'nas', effect: 'noschedule' })).toEqual(['inventory/host/nu9-box taints[0].effect']);
  });
});

// A schema variable of the environment that names nothing is one error naming the variable, not a failure
// blamed on a construct of the lab.
describe('a schema variable naming no file', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env.HOMELAB_K8S_SCHEMA = saved.HOMELAB_K8S_SCHEMA;
    process.env.HOMELAB_CRDS_DIR = saved.HOMELAB_CRDS_DIR;
    for (const name of ['HOMELAB_K8S_SCHEMA', 'HOMELAB_CRDS_DIR']) {
      if (saved[name] === undefined) {
        delete process.env[name];
      }
    }
  });

  test.each([
    ['HOMELAB_K8S_SCHEMA', '/no/such/_definitions.json', /k8s\/v1\.30\.0\/_definitions\.json/],
    ['HOMELAB_CRDS_DIR', '/no/such/crds', /folder of CRD files/],
  ])('%s', (variable, value, hint) => {
    process.env[variable] = value;
    const findings = synthInMemory((scope) => taintedLab(scope as CdkApp, { key: 'dedicated', value: 'nas', effect: 'PreferNoSchedule' })).findings
      .filter((f) => f.severity === 'error');
    expect(findings.map((f) => `${f.layer} ${f.constructPath} ${f.field}`)).toEqual([`schema main ${variable}`]);
    expect(findings[0].hint).toMatch(hint);
  });
});
