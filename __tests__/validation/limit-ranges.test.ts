import { App as CdkApp } from 'cdk8s';
import { App, ClusterChart, flux, host, localPathStorage, site, synthesize, Tenant, traefik } from '../../constructs';
import { containerLimitsOf } from '../../constructs/validation/kind-rules';
import { limitRangeViolation } from '../../constructs/validation/limit-ranges';
import { unwrittenOutdir } from '../support/synth';

// The LimitRanger admission: a container's request and limit, once the LimitRange's defaults are filled in,
// lie within its min and max.

test('the API server stores a default limit from max and a default request from the default limit, else min', () => {
  expect(containerLimitsOf({ type: 'Container', min: { cpu: '100m' }, max: { memory: '1Gi' } })).toEqual({
    min: { cpu: '100m' }, max: { memory: '1Gi' }, default: { memory: '1Gi' }, defaultRequest: { cpu: '100m', memory: '1Gi' }, maxLimitRequestRatio: {},
  });
});

test.each([
  ['a limit above max', { limits: { memory: '512Mi' } }, { max: { memory: '256Mi' } }, { kind: 'limits', resource: 'memory', bound: 'max' }],
  ['a request under min', { requests: { cpu: '50m' } }, { min: { cpu: '100m' } }, { kind: 'requests', resource: 'cpu', bound: 'min' }],
  ['a request copied from a limit under min', { limits: { cpu: '50m' } }, { min: { cpu: '100m' } }, { kind: 'requests', resource: 'cpu', bound: 'min' }],
  ['a stated request above the max that is also the default limit', { requests: { cpu: '800m' } }, { max: { cpu: '500m' } }, { kind: 'requests', resource: 'cpu', bound: 'max' }],
])('%s is refused', (_name, resources, limit, expected) => {
  expect(limitRangeViolation(resources, containerLimitsOf({ type: 'Container', ...limit }))).toMatchObject(expected);
});

test.each([
  ['nothing stated: the defaults fit', {}, { min: { cpu: '100m' }, max: { cpu: '2', memory: '1Gi' } }],
  ['amounts within the bounds', { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '1Gi' } }, { min: { cpu: '100m' }, max: { memory: '1Gi' } }],
  ['bounds of another resource', { requests: { cpu: '10m' }, limits: { memory: '4Gi' } }, { max: { cpu: '2' } }],
])('%s is admitted', (_name, resources, limit) => {
  expect(limitRangeViolation(resources, containerLimitsOf({ type: 'Container', ...limit }))).toBeUndefined();
});

test("a Tenant's own LimitRange, which gives defaults and no bounds, never refuses its workloads", () => {
  const node = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.11' });
  const lab = site('lab', { domain: 'lab.test', hosts: [node], git: { url: 'https://git.example.test/lab.git' } });
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'main', { site: lab, hosts: [node], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() }, gitops: flux() });
  const tenant = new Tenant(cluster, 'team', { namespace: 'team', owner: 'team', quota: { requestsMemory: '8Gi', limitsMemory: '16Gi', pods: 10 } });
  new App(cluster, 'big', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'team', labels: tenant.labels, ports: [{ name: 'http', port: 8080 }], resources: { memoryRequest: '2Gi', memoryLimit: '4Gi' } });
  new App(cluster, 'small', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'team', labels: tenant.labels, ports: [{ name: 'http', port: 8080 }], resources: { memoryRequest: '16Mi', memoryLimit: '32Mi' } });
  const findings = synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings;
  // The layer's own note where the schemas are absent names every kind; only findings on a field count.
  expect(findings.filter((f) => f.field !== '' && f.message.includes('LimitRange'))).toEqual([]);
});
