import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Construct } from 'constructs';
import {
  AppController, AppVolume, ClusterChart, ClusterChartProps, declareExternal, flux, gatewayApi, HomelabApp, host, RouteFlavor, site, SynthesizeResult, traefik,
} from '../constructs';
import { synthInMemory } from './support/synth';
import { GATEWAY_IMPLEMENTATION } from './support/preinstalled';

const node1 = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.1' });
const lab = site('kinds', { domain: 'kinds.test', hosts: [node1], git: { url: 'https://git.example/kinds.git' } });

const KNATIVE = { source: 'test cluster', crds: [{ group: 'serving.knative.dev', kinds: ['Service', 'DomainMapping'] }] };

/** One app of each controller kind. */
export function eachKind(chart: ClusterChart): void {
  const http = [{ name: 'http', port: 8080 }];
  new HomelabApp(chart, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: http, route: { host: 'web' } });
  // A replica set, whose members replicate one another (PostgreSQL's pods would be separate databases).
  new HomelabApp(chart, 'db', {
    image: 'mongo:7.0.14', args: ['--replSet', 'rs0', '--bind_ip_all'], runAsUser: 999, ports: [{ name: 'mongo', port: 27017 }], replicas: 2,
    controller: AppController.statefulSet(),
    persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '5Gi' }), mountPath: '/data/db' }, configdb: { volume: AppVolume.emptyDir(), mountPath: '/data/configdb' } },
  });
  new HomelabApp(chart, 'agent', { image: 'otel/opentelemetry-collector:0.111.0', controller: AppController.daemonSet() });
  new HomelabApp(chart, 'backup', {
    image: 'restic/restic:0.17.1', args: ['backup', '/data'],
    controller: AppController.cronJob({ schedule: '0 3 * * 0', timeZone: 'Europe/Oslo', ttlSecondsAfterFinished: 3600 }),
  });
  new HomelabApp(chart, 'migrate', { image: 'migrate/migrate:v4.17.1', controller: AppController.job({ backoffLimit: 1 }) });
  new HomelabApp(chart, 'hello', {
    image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: http, controller: AppController.knative({ maxScale: 3 }), route: { host: 'hello' },
  });
}


function labCluster(routes: RouteFlavor, extra: Partial<ClusterChartProps> = {}) {
  return (scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [node1], routes, storage: { local: { storageClassName: 'local-path' } }, gitops: flux(),
      preinstalled: [KNATIVE, GATEWAY_IMPLEMENTATION, { source: 'k3s', provides: { storageClasses: ['local-path'], loadBalancers: ['servicelb'] } }], ...extra,
    });
    // The Gateway's wildcard certificate comes from cert-manager, outside this lab.
    declareExternal(chart, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
    eachKind(chart);
  };
}

const flavors: Array<[string, () => RouteFlavor]> = [
  ['traefik', () => traefik()],
  ['gateway-api', () => gatewayApi({ gatewayClassName: 'envoy-gateway' })],
];

/** The lab of each flavor, as the tests of that flavor synthesized it. */
const labs = new Map<string, SynthesizeResult>();

describe.each(flavors)('each controller kind under %s', (name, flavor) => {
  const result = synthInMemory(labCluster(flavor()));
  labs.set(name, result);
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  const of = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);

  test('synthesizes without errors or warnings about network policies', () => {
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.findings.filter((f) => f.layer === 'policy' && /NetworkPolicy/.test(f.message))).toEqual([]);
  });

  test('a Deployment with its route and policy', () => {
    expect(of('Deployment', 'web').spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(of('NetworkPolicy', 'web').spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  test('a StatefulSet with per-pod claims, a headless Service and a disruption budget', () => {
    const sts = of('StatefulSet', 'db');
    expect(sts.spec.serviceName).toBe('db-headless');
    expect(sts.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
    expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBe('local-path');
    expect(sts.spec.template.spec.volumes.map((v: any) => v.name)).toEqual(['tmp', 'configdb']);
    expect(of('Service', 'db-headless').spec.clusterIP).toBe('None');
    expect(of('PodDisruptionBudget', 'db').spec.maxUnavailable).toBe(1);
    expect(manifests.some((m) => m.kind === 'PersistentVolumeClaim')).toBe(false);
  });

  test('a DaemonSet without probes when it has no ports', () => {
    const ds = of('DaemonSet', 'agent');
    expect(ds.spec.template.spec.containers[0].readinessProbe).toBeUndefined();
    expect(ds.spec.replicas).toBeUndefined();
  });

  test('a CronJob with schedule, time zone, concurrency and job settings', () => {
    const cron = of('CronJob', 'backup').spec;
    expect(cron).toMatchObject({ schedule: '0 3 * * 0', timeZone: 'Europe/Oslo', concurrencyPolicy: 'Forbid' });
    expect(cron.jobTemplate.spec).toMatchObject({ backoffLimit: 3, ttlSecondsAfterFinished: 3600 });
    expect(cron.jobTemplate.spec.template.spec.restartPolicy).toBe('OnFailure');
  });

  test('a Job', () => {
    expect(of('Job', 'migrate').spec).toMatchObject({ backoffLimit: 1, template: { spec: { restartPolicy: 'OnFailure' } } });
  });

  test('a Knative Service scales to zero and its route is a domain mapping', () => {
    const ksvc = manifests.find((m) => m.apiVersion === 'serving.knative.dev/v1' && m.kind === 'Service');
    expect(ksvc.spec.template.metadata.annotations).toEqual({ 'autoscaling.knative.dev/max-scale': '3', 'autoscaling.knative.dev/min-scale': '0' });
    expect(ksvc.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    expect(of('DomainMapping', 'hello.kinds.test').spec.ref).toEqual({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello' });
    expect(manifests.some((m) => ['IngressRoute', 'HTTPRoute'].includes(m.kind) && m.metadata.name === 'hello')).toBe(false);
  });

  test('a Knative Service of a preinstalled Knative is cluster-local, reached through its DomainMapping, whose claim is an owner step', () => {
    const ksvc = manifests.find((m) => m.apiVersion === 'serving.knative.dev/v1' && m.kind === 'Service');
    expect(ksvc.metadata.labels['networking.knative.dev/visibility']).toBe('cluster-local');
    expect(result.files.get('kinds/main/README.md')).toContain('give hello.kinds.test to namespace hello: create the ClusterDomainClaim hello.kinds.test (rather than turning on autocreate');
  });
});

test('a Knative Service on a cluster without Knative is an error with a hint', () => {
  const result = synthInMemory(labCluster(traefik(), { preinstalled: [{ source: 'k3s', provides: { storageClasses: ['local-path'], loadBalancers: ['servicelb'] } }] }));
  const finding = result.findings.find((f) => f.field === 'controller');
  expect(finding).toMatchObject({ severity: 'error', constructPath: expect.stringMatching(/hello$/) });
  expect(finding!.hint).toMatch(/Knative/);
});

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
(hasKubectl ? test : test.skip)('the lab of every controller kind builds with kubectl kustomize', () => {
  const result = labs.get('traefik')!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-kinds-'));
  try {
    for (const [file, content] of result.files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    const cluster = result.clusters[0];
    // Each layer folder builds on its own; the apps folder holds one app of each kind.
    let total = 0;
    for (const layer of ['', 'platform', 'config', 'apps']) {
      const out = execFileSync('kubectl', ['kustomize', path.join(dir, cluster.folder, layer)], { encoding: 'utf8' });
      total += out.split('\n').filter((l) => l.startsWith('kind: ')).length;
    }
    expect(total).toBe(cluster.objects.length);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
