import { proxyHeaderProblems } from '../constructs/app/proxy-variables';
import { kubernetesResourcesForm } from '../constructs/app/resources';
import { App as CdkApp } from 'cdk8s';
import * as kplus from 'cdk8s-plus-30';
import { host, metalLb, site, traefik } from '../constructs';
import { labApp, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

/** The errors of the lab's cluster with `build` added. */
function errorsOf(build: (cluster: ReturnType<typeof labCluster>) => unknown, props: Parameters<typeof labCluster>[2] = {}): string[] {
  const app = new CdkApp();
  build(labCluster(app, 'main', props));
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`);
}

describe("nginx's websocket lines in a route's request headers", () => {
  test('the pair gives one problem, on the first header written', () => {
    expect(proxyHeaderProblems({ Connection: 'upgrade', Upgrade: 'websocket' }).map((p) => p.name)).toEqual(['Connection']);
    expect(proxyHeaderProblems({ Upgrade: '$http_upgrade', Connection: 'upgrade' }).map((p) => p.name)).toEqual(['Upgrade']);
  });

  test('Connection with other tokens than upgrade, and other headers, are sent as written', () => {
    expect(proxyHeaderProblems({ Connection: 'keep-alive', 'X-Upgrade': 'websocket', 'X-Lab': 'yes' })).toEqual([]);
  });

  test('an upgrade among the tokens of Connection is refused, in any case', () => {
    expect(proxyHeaderProblems({ connection: 'keep-alive, Upgrade' })).toHaveLength(1);
  });
});

describe("resources in Kubernetes' form", () => {
  test('the hint writes the amounts given, in the flat form', () => {
    const form = kubernetesResourcesForm({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: 2, memory: '512Mi' } });
    expect(form?.keys).toEqual(['requests', 'limits']);
    expect(form?.hint).toContain("{ cpuRequest: '250m', memoryRequest: '256Mi', cpuLimit: '2', memoryLimit: '512Mi' }");
  });

  test('resources that are not cpu or memory are named as having no prop here', () => {
    expect(kubernetesResourcesForm({ limits: { 'nvidia.com/gpu': 1 } })?.hint).toContain('limits.nvidia.com/gpu has no prop in resources');
  });

  test('the flat form is no foreign form', () => {
    expect(kubernetesResourcesForm({ cpuRequest: '100m', memoryLimit: '256Mi' })).toBeUndefined();
  });
});

describe('a load-balancer address outside its pool', () => {
  test('is one error, on the App prop that names it: the pool does not report it again', () => {
    const node = host('node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.1' });
    const own = site('own', { domain: 'own.test', hosts: [node], pools: { vips: { first: '10.1.8.10', last: '10.1.8.20' } }, git: { url: 'https://git.own.test/lab.git' } });
    const errors = errorsOf(labApp('dns', { loadBalancer: { address: own.pools.vips.at('10.1.8.99') } }),
      { site: own, hosts: [node], routes: traefik(), loadBalancer: metalLb({ pools: [own.pools.vips] }), storage: {} });
    expect(errors).toEqual(['main/dns loadBalancer.address']);
  });

  test('so is an address of the other family, and the same address used twice is reported at each use', () => {
    const node = host('node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.2.0.1' });
    const own = site('own', { domain: 'own.test', hosts: [node], pools: { vips: { first: '10.2.8.10', last: '10.2.8.20' } }, git: { url: 'https://git.own.test/lab.git' } });
    const v6 = own.pools.vips.at('fd00:2:8::10');
    const errors = errorsOf((cluster) => {
      labApp('a', { loadBalancer: { address: v6 } })(cluster);
      labApp('b', { loadBalancer: { address: v6 } })(cluster);
    }, { site: own, hosts: [node], routes: traefik(), loadBalancer: metalLb({ pools: [own.pools.vips] }), storage: {} });
    expect(errors).toEqual(['main/a loadBalancer.address', 'main/b loadBalancer.address']);
  });
});

describe('a privileged cdk8s-plus container with the privileged exemption declared', () => {
  test('is accepted once its container allows escalation, as the finding says to write', () => {
    const errors = errorsOf((cluster) => {
      cluster.namespaces.ensure('hw', { podSecurity: 'privileged', reason: 'drives the host hardware' });
      const deployment = new kplus.Deployment(cluster, 'hw', {
        metadata: { namespace: 'hw' },
        containers: [{ image: 'nginxinc/nginx-unprivileged:1.27.0', portNumber: 8080, securityContext: { privileged: true, allowPrivilegeEscalation: true, user: 1000, group: 1000 } }],
      });
      deployment.podMetadata.addAnnotation('security.homelab.dev/privileged', 'drives the host hardware directly');
    });
    expect(errors).toEqual([]);
  });
});
