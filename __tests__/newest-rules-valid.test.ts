import { App as CdkApp } from 'cdk8s';
import { AppDevice, synthesize, Tenant } from '../constructs';
import { imageFloats } from '../constructs/app/image-tag';
import { labCluster, raw } from './bad-input/lab';
import { labErrors, webApp } from './support/lab-errors';

// Valid labs the newest rules must let through: what a home-labber writes from the apps' own docs.

const errorsOf = labErrors;

const web = webApp;

test('a quota on ephemeral storage asks containers for nothing: the API server requires only cpu and memory', () => {
  expect(errorsOf((cluster) => {
    web(cluster);
    raw(cluster, 'quota', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'disk', namespace: 'web' }, spec: { hard: { 'requests.ephemeral-storage': '10Gi' } } });
  })).toEqual([]);
});

test.each([
  ['/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0'],
  ['/dev/bus/usb/'],
])('the device %s is a device path', (path) => {
  expect(errorsOf((cluster) => web(cluster, { devices: [AppDevice.hostDevice(path)], exemptions: { hostPath: 'a USB stick' } }))).toEqual([]);
});

test('a GPU render node named by its PCI path is a device path', () => {
  expect(errorsOf((cluster) => web(cluster, { devices: [AppDevice.dri('/dev/dri/by-path/pci-0000:00:02.0-render')], exemptions: { hostPath: 'transcoding' } }))).toEqual([]);
});

test('an autoscaler of a Deployment a platform component makes is not asked to find it in the repository', () => {
  expect(errorsOf((cluster) => {
    web(cluster);
    raw(cluster, 'hpa', {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'traefik', namespace: 'traefik' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'traefik' }, minReplicas: 1, maxReplicas: 3 },
    });
  })).toEqual([]);
});

test.each([
  ['redis:alpine', true], ['nginx:stable-alpine', true], ['node:lts', true], ['debian:bookworm', true], ['app:latest-arm64', true],
  ['app:main-3f2a1bc-1700000000', false], ['app:nightly-20241001', false], ['app:v2-main', false], ['app:1.2-stable', false], ['ghcr.io/berriai/litellm:main-v1.67.4-stable', false], ['postgres:16', false], ['nginxinc/nginx-unprivileged:1.27.0-alpine', false],
])('%s floats: %s', (image, floats) => {
  expect(imageFloats(image)).toBe(floats);
});

test("a tenant's quota charges a pod the larger of its containers and its largest init container, which run one at a time", () => {
  // One pod and the one a rollout adds: 2 × 512Mi, where adding the init container would make it 2 × 1Gi.
  const build = (limitsMemory: string) => errorsOf((cluster) => {
    const tenant = new Tenant(cluster, 'team', { namespace: 'team', owner: 'team', quota: { requestsMemory: '1000Mi', limitsMemory, pods: 10 } });
    web(cluster, {
      namespace: 'team', labels: tenant.labels, resources: { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '512Mi' },
      initContainers: [{ name: 'migrate', image: 'nginxinc/nginx-unprivileged:1.27.0', resources: { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '512Mi' } }],
    });
  });
  const quotaErrors = (limitsMemory: string) => build(limitsMemory).filter((e) => e.includes('quota.'));
  expect(quotaErrors('1Gi')).toEqual([]);
  expect(quotaErrors('1023Mi')).toEqual([expect.stringMatching(/quota\.limitsMemory/)]);
});

test('a memory request above the default limit alone raises the limit to it, rather than failing on a default', () => {
  const app = new CdkApp();
  const cluster = labCluster(app);
  web(cluster, { resources: { memoryRequest: '1Gi' } });
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const deployment = result.clusters[0].objects.map((o) => o.manifest as any).find((m) => m.kind === 'Deployment' && m.metadata.name === 'web');
  expect(deployment.spec.template.spec.containers[0].resources).toMatchObject({ requests: { memory: '1Gi' }, limits: { memory: '1Gi' } });
});
