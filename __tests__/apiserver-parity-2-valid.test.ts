import { App as CdkApp } from 'cdk8s';
import { synthesize } from '../constructs';
import { claimSizeProblem } from '../constructs/validation/quantity';
import { sysctlNameProblem } from '../constructs/validation/sysctl-rules';
import { goodContainer, goodDeployment, labCluster, raw } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// Pod fields the API server takes, which the checks of its own validation must not refuse.

function errorsOf(pod: Record<string, unknown>, container: Record<string, unknown> = {}) {
  const app = new CdkApp();
  raw(labCluster(app), 'w', goodDeployment('web', { containers: [goodContainer(container)], ...pod }));
  return synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings.filter((f) => f.severity === 'error');
}

const byApp = { labelSelector: { matchLabels: { app: 'web' } } };

test('affinity at the edges the API server allows is accepted', () => {
  expect(errorsOf({
    affinity: {
      // An empty term matches no node; the API server takes it beside a term that does.
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}, { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] } }],
      },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', ...byApp } }] },
    },
    // One key, two actions: one constraint of each is allowed.
    topologySpreadConstraints: ['DoNotSchedule', 'ScheduleAnyway'].map((whenUnsatisfiable) => ({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable, ...byApp })),
  })).toEqual([]);
});

test('DNS options, a node name, readiness gates and AppArmor profiles as the API server takes them are accepted', () => {
  expect(errorsOf({
    dnsConfig: { options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
    nodeName: 'gpu1',
    readinessGates: [{ conditionType: 'target-health.example.com/web' }],
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'RuntimeDefault' } },
  })).toEqual([]);
});

test('downward API resources with the divisors the API server takes, and quantities of zero, are accepted', () => {
  expect(errorsOf({ volumes: [{ name: 'cache', emptyDir: { sizeLimit: '0' } }] }, {
    env: [
      { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
      { name: 'CORES', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1' } } },
      { name: 'MEMORY', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
      { name: 'PAGES', valueFrom: { resourceFieldRef: { resource: 'limits.hugepages-2Mi' } } },
    ],
    volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
    resources: { requests: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '0' }, limits: { memory: '128Mi' } },
  })).toEqual([]);
});

test('sysctl names as the kernel writes them are names', () => {
  for (const name of ['net.ipv4.ping_group_range', 'net/ipv4/ip_local_port_range', 'net.ipv4.conf.eth0-1.forwarding', 'kernel.shm_rmid_forced']) {
    expect(sysctlNameProblem(name)).toBeUndefined();
  }
});

test('a claim of any size above zero is fine', () => {
  expect(claimSizeProblem('1Mi')).toBeUndefined();
  expect(claimSizeProblem('0.5Gi')).toBeUndefined();
  expect(claimSizeProblem('0')).toMatch(/more than zero/);
});
