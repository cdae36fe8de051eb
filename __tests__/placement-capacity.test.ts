import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { App, ClusterChart, flux, host, localPathStorage, placeholder, site, synthesize, traefik } from '../constructs';
import type { Finding } from '../constructs';
import { arm1, goodContainer, goodDeployment, labCluster, raw } from './bad-input/lab';

const findingsOf = (app: CdkApp): Finding[] => synthesize(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-plc-')), write: false }).findings;
const errorsOf = (app: CdkApp) => findingsOf(app).filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
const warningsOf = (app: CdkApp) => findingsOf(app).filter((f) => f.severity === 'warning' && f.layer === 'inventory').map((f) => `${f.field}: ${f.message}`);

/** A two-host lab with the hosts' cores and memory stated, as `cores` and `memoryGigabytes` of the inventory. */
function sizedCluster(app: CdkApp, extra: Record<string, unknown> = {}): ClusterChart {
  const big = host('big', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.1', cores: 4, memoryGigabytes: 16, ...extra });
  const small = host('small', { arch: 'amd64', address: '10.1.0.2', cores: 2, memoryGigabytes: 8 });
  const lab = site('sized', { domain: 'sized.test', hosts: [big, small], git: { url: 'https://git.sized.test/lab.git' } });
  return new ClusterChart(app, 'main', { site: lab, hosts: [big, small], routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() }, gitops: flux() });
}

describe('a GPU of a vendor no host has', () => {
  test('is one error, on gpu, even where the hosts left are tainted', () => {
    const app = new CdkApp();
    new App(labCluster(app, 'main', { hosts: [arm1], storage: { local: localPathStorage() } } as any), 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', gpu: { vendor: 'nvidia' } } as any);
    expect(errorsOf(app)).toEqual([expect.stringMatching(/^\[inventory\] main\/web gpu: no host of cluster "main" has an NVIDIA GPU/)]);
  });
});

describe('requests of CPU and memory against the hosts', () => {
  test('a CPU request above every host\'s cores is a warning on it', () => {
    const app = new CdkApp();
    raw(sizedCluster(app), 'w', goodDeployment('web', { containers: [goodContainer({ resources: { requests: { cpu: '8', memory: '64Mi' }, limits: { memory: '128Mi' } } })] }));
    expect(warningsOf(app)).toEqual([expect.stringMatching(/^spec\.template\.spec\.containers\[0\]\.resources\.requests\.cpu: requests 8 of cpu; the largest host of cluster "main", big, has 4 cores/)]);
  });

  test('containers that fit a host one by one but not together are a warning on the pod\'s containers', () => {
    const app = new CdkApp();
    const container = (name: string) => goodContainer({ name, resources: { requests: { cpu: '50m', memory: '10Gi' }, limits: { memory: '10Gi' } } });
    raw(sizedCluster(app), 'w', goodDeployment('web', { containers: [container('a'), { ...container('b'), ports: [] }] }));
    expect(warningsOf(app)).toEqual([expect.stringMatching(/^spec\.template\.spec\.containers: its containers together request 20 GiB of memory; the largest host of cluster "main", big, has 16 GB/)]);
  });

  test('replicas more than the hosts hold side by side are a warning on the replicas', () => {
    const app = new CdkApp();
    const container = goodContainer({ resources: { requests: { cpu: '50m', memory: '6Gi' }, limits: { memory: '6Gi' } } });
    raw(sizedCluster(app), 'w', goodDeployment('web', { containers: [container] }, { replicas: 4 }));
    expect(warningsOf(app)).toEqual([expect.stringMatching(/^spec\.replicas: 4 replicas request 6 GiB of memory each; the hosts they may run on \(big: 16 GB, small: 8 GB\) hold 3 such pod\(s\)/)]);
  });

  test('replicas the hosts hold side by side are no warning', () => {
    const app = new CdkApp();
    const container = goodContainer({ resources: { requests: { cpu: '50m', memory: '6Gi' }, limits: { memory: '6Gi' } } });
    raw(sizedCluster(app), 'w', goodDeployment('web', { containers: [container] }, { replicas: 3 }));
    expect(warningsOf(app)).toEqual([]);
  });

  test('requests that fit the largest host are no warning', () => {
    const app = new CdkApp();
    raw(sizedCluster(app), 'w', goodDeployment('web', { containers: [goodContainer({ resources: { requests: { cpu: '3', memory: '12Gi' }, limits: { memory: '12Gi' } } })] }));
    expect(warningsOf(app)).toEqual([]);
  });
});

describe('workloads that may run on one host only, against that host', () => {
  /** A Deployment `name` of `replicas` pods of `memory` each, pinned to host `small` by its name. */
  const pinned = (name: string, memory: string, replicas = 1) => goodDeployment(name, {
    containers: [goodContainer({ resources: { requests: { cpu: '50m', memory }, limits: { memory } } })], nodeSelector: { 'kubernetes.io/hostname': 'small' },
  }, { replicas, selector: { matchLabels: { app: name } } });

  test('pods that fit the host one workload at a time but not together are a warning on the workload that passes it', () => {
    const app = new CdkApp();
    const cluster = sizedCluster(app);
    raw(cluster, 'a', pinned('a', '3Gi'));
    raw(cluster, 'b', pinned('b', '2Gi', 2));
    raw(cluster, 'c', pinned('c', '2Gi'));
    expect(warningsOf(app)).toEqual([expect.stringMatching(
      /^spec\.template\.spec\.containers\[0\]\.resources\.requests\.memory: the workloads that may run only on host small request 9 GiB of memory together \(Deployment web\/a 3 GiB, Deployment web\/b 4 GiB, Deployment web\/c 2 GiB\); small has 8 GB/)]);
  });

  test('an App whose apps share a one-host cluster names its memory request', () => {
    const app = new CdkApp();
    const n1 = host('n1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.2.0.1', cores: 4, memoryGigabytes: 8 });
    const lab = site('one', { domain: 'one.test', hosts: [n1], git: { url: 'https://git.one.test/lab.git' } });
    const cluster = new ClusterChart(app, 'main', { site: lab, hosts: [n1], routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() }, gitops: flux() });
    for (const id of ['a', 'b', 'c']) {
      new App(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], resources: { memoryRequest: '3Gi', memoryLimit: '3Gi' } });
    }
    const found = findingsOf(app).filter((f) => f.severity === 'warning' && f.layer === 'inventory');
    expect(found.map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main/c resources.memoryRequest']);
  });

  test('workloads that fit the host together, or may run on other hosts too, are no warning', () => {
    const app = new CdkApp();
    const cluster = sizedCluster(app);
    raw(cluster, 'a', pinned('a', '4Gi'));
    raw(cluster, 'b', pinned('b', '4Gi'));
    // Either host may run these: the scheduler spreads them.
    raw(cluster, 'c', goodDeployment('c', { containers: [goodContainer({ resources: { requests: { cpu: '50m', memory: '6Gi' }, limits: { memory: '6Gi' } } })] }, { selector: { matchLabels: { app: 'c' } } }));
    expect(warningsOf(app)).toEqual([]);
  });
});

describe("a host's cores and memory as placeholders", () => {
  const cores = placeholder(4, { fact: 'CPU cores of big', owner: 'set to what nproc prints on big' });
  const memory = placeholder(16, { fact: 'memory of big in gigabytes', owner: 'set to what free -g prints on big' });

  test('are listed for the owner, and their stand-ins are what the requests are checked against, said as such', () => {
    const app = new CdkApp();
    raw(sizedCluster(app, { cores, memoryGigabytes: memory }), 'w', goodDeployment('web', {
      containers: [goodContainer({ resources: { requests: { cpu: '8', memory: '64Mi' }, limits: { memory: '128Mi' } } })],
    }));
    const result = synthesize(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-plc-')), write: false });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.findings.filter((f) => f.layer === 'inventory' && f.severity === 'warning').map((f) => f.message))
      .toEqual(["requests 8 of cpu; the largest host of cluster \"main\", big, has 4 cores (a placeholder's stand-in: give the real amount)"]);
    const readme = result.files.get('sized/main/README.md')!;
    expect(readme).toContain('| placeholder | CPU cores of big: set to what nproc prints on big (now `4`) |  | host big cores |');
    expect(readme).toContain('| placeholder | memory of big in gigabytes: set to what free -g prints on big (now `16`) |  | host big memoryGigabytes |');
    // The picture of the nodes says which amounts are stand-ins; the other host's are facts.
    expect(readme).toContain('4 cores (placeholder) · 16 GB (placeholder)');
    expect(readme).toContain('2 cores · 8 GB');
  });
});

describe('hard spreading the hosts can meet', () => {
  const antiAffinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }] } };

  test('as many replicas as hosts with required anti-affinity, and a spread on the host name, pass', () => {
    const app = new CdkApp();
    raw(sizedCluster(app), 'w', goodDeployment('web', {
      affinity: antiAffinity,
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
    }, { replicas: 2 }));
    expect(errorsOf(app)).toEqual([]);
  });

  test('anti-affinity against other pods than its own, or a spread that may be unsatisfied, is not judged', () => {
    const app = new CdkApp();
    const cluster = sizedCluster(app);
    raw(cluster, 'db', goodDeployment('db'));
    raw(cluster, 'w', goodDeployment('web', {
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } }] } },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }],
    }, { replicas: 3 }));
    expect(errorsOf(app)).toEqual([]);
  });
});

describe('PriorityClasses', () => {
  test('Kubernetes\' own, one of the cluster and one declared preinstalled are found', () => {
    const app = new CdkApp();
    const cluster = labCluster(app);
    cluster.platform.declarePreinstalled({ source: 'the cluster bootstrap', provides: { priorityClasses: ['from-bootstrap'] } });
    raw(cluster, 'pc', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'homelab-high' }, value: 1000 });
    ['system-cluster-critical', 'homelab-high', 'from-bootstrap'].forEach((name, i) => raw(cluster, `w${i}`, goodDeployment(`web${i}`, { priorityClassName: name })));
    expect(errorsOf(app)).toEqual([]);
  });
});

describe('the NVIDIA device plugin on tainted GPU hosts', () => {
  test('tolerates their taints beside the chart\'s own', () => {
    const app = new CdkApp();
    const gpu = host('gpu', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.2.0.1', gpus: [{ vendor: 'nvidia' }], taints: [{ key: 'dedicated', value: 'media', effect: 'NoSchedule' }] });
    const lab = site('gpus', { domain: 'gpus.test', hosts: [gpu], git: { url: 'https://git.gpus.test/lab.git' } });
    const cluster = new ClusterChart(app, 'main', { site: lab, hosts: [gpu], routes: traefik(), storage: { local: localPathStorage() }, gitops: flux() });
    // The plugin is asked for once the cluster is prepared, when the VMs that may hold a GPU are known.
    cluster.prepare();
    const plugin = cluster.platform.components.find((c) => c.name === 'nvidia-device-plugin')!;
    expect((plugin.props.install as { values: Record<string, unknown> }).values.tolerations).toEqual([
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'dedicated', operator: 'Equal', value: 'media', effect: 'NoSchedule' },
    ]);
  });
});
