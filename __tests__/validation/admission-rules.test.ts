import { App as CdkApp } from 'cdk8s';
import { App } from '../../constructs';
import type { Finding } from '../../constructs';
import { goodDeployment, labCluster, prepopulatedOutdir, raw, synthFindings } from '../bad-input/lab';

// Warnings of the admission rules, and what they leave alone: the corpus asserts errors only.

type Cluster = ReturnType<typeof labCluster>;

function findingsOf(build: (cluster: Cluster) => void): Finding[] {
  const app = new CdkApp();
  build(labCluster(app));
  return synthFindings(app, prepopulatedOutdir()).findings;
}

const hello = (cluster: Cluster, props: Record<string, unknown> = {}) =>
  new App(cluster, 'hello', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);
const budget = (spec: Record<string, unknown>) => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'web' },
  spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'hello' } }, ...spec },
});
const on = (findings: Finding[], path: string, severity: Finding['severity']) =>
  findings.filter((f) => f.severity === severity && f.constructPath.endsWith(`/${path}`)).map((f) => f.field);

describe('PodDisruptionBudgets', () => {
  test('an app with several replicas keeps its own budget without a finding', () => {
    const findings = findingsOf((c) => hello(c, { replicas: 3 }));
    expect(findings.filter((f) => /disruption-budget/.test(f.constructPath))).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test.each([
    ['minAvailable equal to the replicas', { minAvailable: 1 }, 'spec.minAvailable'],
    ['minAvailable of 100%', { minAvailable: '100%' }, 'spec.minAvailable'],
    ['maxUnavailable of 0', { maxUnavailable: 0 }, 'spec.maxUnavailable'],
  ])('a budget with %s blocks every drain: a warning', (_name, spec, field) => {
    const findings = findingsOf((c) => {
      hello(c);
      raw(c, 'pdb', budget(spec));
    });
    expect(on(findings, 'pdb', 'warning')).toEqual([field]);
    expect(on(findings, 'pdb', 'error')).toEqual([]);
  });

  test('a budget that lets a pod go is no finding', () => {
    const findings = findingsOf((c) => {
      hello(c, { replicas: 3 });
      raw(c, 'pdb', { ...budget({ minAvailable: 2 }), metadata: { name: 'p', namespace: 'web' } });
    });
    // It is the second budget over the app's pods (an error), but it does not block drains.
    expect(on(findings, 'pdb', 'warning')).toEqual([]);
  });
});

describe('HorizontalPodAutoscalers', () => {
  const autoscaler = (name: string) => ({
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'web' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: 3, maxReplicas: 5 },
  });

  test('a workload with fixed replicas under an autoscaler is a warning on the workload', () => {
    const findings = findingsOf((c) => {
      hello(c, { replicas: 2 });
      raw(c, 'hpa', autoscaler('hello'));
    });
    expect(findings.filter((f) => f.severity === 'warning' && f.field === 'replicas').map((f) => f.constructPath)).toEqual([expect.stringMatching(/\/hello$/)]);
    expect(on(findings, 'hpa', 'error')).toEqual([]);
  });

  test('a Deployment without replicas under an autoscaler is no finding', () => {
    const findings = findingsOf((c) => {
      raw(c, 'workload', goodDeployment('web', {}, { replicas: undefined }));
      raw(c, 'hpa', autoscaler('web'));
    });
    expect(findings.filter((f) => f.field === 'spec.replicas' || f.constructPath.endsWith('/hpa'))).toEqual([]);
  });
});

describe('ResourceQuotas and the resources pods state', () => {
  const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'web' }, spec: { hard: { 'limits.cpu': '4', 'requests.memory': '4Gi' } } };

  test('a LimitRange default for the resource lets the pods in', () => {
    const findings = findingsOf((c) => {
      raw(c, 'q', quota);
      raw(c, 'lr', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'web' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' } }] } });
      hello(c);
    });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('an app that states the resources passes', () => {
    const findings = findingsOf((c) => {
      raw(c, 'q', quota);
      hello(c, { resources: { cpuLimit: '500m' } });
    });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('a scoped quota is left to the API server', () => {
    const findings = findingsOf((c) => {
      raw(c, 'q', { ...quota, spec: { ...quota.spec, scopes: ['NotBestEffort'] } });
      hello(c);
    });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
