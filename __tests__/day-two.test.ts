import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { App, AppController, AppVolume, argoCd, ChartRelease, flux, gitLabCi, SealedSecret, servesPorts, synthesize } from '../constructs';
import { removal } from '../constructs/synth/day-two';
import { createSchemaValidator } from '../constructs/validation/schema';
import type { OwnerActionEntry } from '../constructs/synth/owner-action';
import { arm1, goodContainer, goodDeployment, gpu1, labCluster, raw, snapshotTree } from './bad-input/lab';
import { Build, dayTwo, synthInto } from './support/day-two';

// A re-synth compares each object with the one of the previous output and warns about the changes the
// API server refuses on the next apply, and about claims that leave the output.

const claim = (size = '5Gi', tier = 'fast') => ({ data: { volume: AppVolume.claim({ tier, size }), mountPath: '/data' } });
const web = (props: Record<string, unknown> = {}): Build => (cluster) => {
  new App(cluster, 'web1', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props } as any);
};
const db = (props: Record<string, unknown> = {}): Build => web({ controller: AppController.statefulSet(), persistence: claim(), ...props });

test('a re-synth without changes warns about nothing and leaves every byte', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-day-two-'));
  synthInto(dir, db());
  const before = snapshotTree(dir);
  const again = synthInto(dir, db());
  expect(again.findings.filter((f) => f.field.startsWith('spec') || f.field === '(removed)')).toEqual([]);
  expect(snapshotTree(dir)).toEqual(before);
});

test('a change the API server takes (an image) is no warning', () => {
  expect(dayTwo(web({ persistence: claim() }), web({ persistence: claim(), image: 'nginxinc/nginx-unprivileged:1.27.1' })).warnings).toEqual([]);
});

test('extra labels on a StatefulSet app change its claim templates: a warning and a delete with --cascade=orphan', () => {
  const { warnings, actions } = dayTwo(db(), db({ labels: { team: 'me' } }));
  expect(warnings).toEqual([expect.objectContaining({
    severity: 'warning', kind: 'StatefulSet', namespace: 'web', name: 'web1', field: 'spec.volumeClaimTemplates',
  })]);
  expect(warnings[0].constructPath).toMatch(/^main\/web1\//);
  expect(actions).toEqual([expect.objectContaining({ kind: 'manual', command: 'kubectl -n web delete statefulset web1 --cascade=orphan' })]);
});

test('a StatefulSet claim template that grows: the warning says how to grow the claim its pod already has', () => {
  const { warnings } = dayTwo(db(), db({ persistence: claim('10Gi') }));
  expect(warnings.map((w) => w.field)).toEqual(['spec.volumeClaimTemplates']);
  expect(warnings[0].message).toContain(`kubectl -n web patch persistentvolumeclaim data-web1-0 -p '{"spec":{"resources":{"requests":{"storage":"10Gi"}}}}'`);
  // local-path does not expand volumes: no patch the API server would refuse too.
  const local = dayTwo(db({ persistence: claim('5Gi', 'local') }), db({ persistence: claim('10Gi', 'local') }));
  expect(local.warnings[0].message).not.toMatch(/patch/);
});

test('podManagementPolicy of a running StatefulSet is refused', () => {
  const { warnings } = dayTwo(db(), db({ controller: AppController.statefulSet({ podManagementPolicy: 'Parallel' }) }));
  expect(warnings.map((w) => w.field)).toEqual(['spec.podManagementPolicy']);
});

test('a claim that shrinks or changes its tier is refused; the step says to copy the data first', () => {
  const shrink = dayTwo(web({ persistence: claim('5Gi') }), web({ persistence: claim('2Gi') }));
  expect(shrink.warnings).toEqual([expect.objectContaining({ kind: 'PersistentVolumeClaim', name: 'web1-data', field: 'spec.resources.requests.storage' })]);
  expect(shrink.actions[0].action).toMatch(/copy its data out first/);
  // The app's pod still mounts the claim, which stays until the pod is gone: the workload is scaled down first.
  expect(shrink.actions[0].command).toBe('kubectl -n web scale deployment web1 --replicas=0 && kubectl -n web delete persistentvolumeclaim web1-data');
  expect(shrink.actions[0].action).toMatch(/scale Deployment web\/web1 to 0 \(a claim a pod still mounts is not deleted until that pod is gone\)/);
  const tier = dayTwo(web({ persistence: claim('5Gi', 'fast') }), web({ persistence: claim('5Gi', 'local') }));
  expect(tier.warnings.map((w) => w.field)).toContain('spec.storageClassName');
});

test('a claim grows on a class that allows expansion without a warning', () => {
  // The lab's ZFS class sets allowVolumeExpansion: true.
  expect(dayTwo(web({ persistence: claim('5Gi') }), web({ persistence: claim('10Gi') })).warnings).toEqual([]);
});

test('a claim that grows on the local-path class, which upstream makes without volume expansion, is refused', () => {
  const { warnings, actions } = dayTwo(web({ persistence: claim('5Gi', 'local') }), web({ persistence: claim('10Gi', 'local') }));
  expect(warnings).toEqual([expect.objectContaining({ kind: 'PersistentVolumeClaim', name: 'web1-data', field: 'spec.resources.requests.storage' })]);
  expect(warnings[0].message).toMatch(/local-path does not allow volume expansion/);
  expect(actions[0].command).toBe('kubectl -n web scale deployment web1 --replicas=0 && kubectl -n web delete persistentvolumeclaim web1-data');
});

test('a claim that grows on a class without volume expansion is refused', () => {
  const storageClass = (expand: boolean): Build => (cluster) => {
    raw(cluster, 'sc', {
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fixed' }, provisioner: 'example.com/fixed',
      ...(expand ? { allowVolumeExpansion: true } : {}),
    });
  };
  const pvc = (size: string): Build => (cluster) => {
    raw(cluster, 'pvc', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'web' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fixed', resources: { requests: { storage: size } } },
    });
  };
  const both = (expand: boolean, size: string): Build => (cluster) => { storageClass(expand)(cluster); pvc(size)(cluster); };
  expect(dayTwo(both(false, '1Gi'), both(false, '2Gi')).warnings.map((w) => w.field)).toEqual(['spec.resources.requests.storage']);
  expect(dayTwo(both(true, '1Gi'), both(true, '2Gi')).warnings).toEqual([]);
});

test('headless on a running app changes the cluster IP, and so does taking it back', () => {
  const on = dayTwo(web(), web({ headless: true }));
  expect(on.warnings).toEqual([expect.objectContaining({ kind: 'Service', name: 'web1', field: 'spec.clusterIP' })]);
  expect(on.actions).toEqual([expect.objectContaining({ command: 'kubectl -n web delete service web1' })]);
  expect(dayTwo(web({ headless: true }), web()).warnings.map((w) => w.field)).toEqual(['spec.clusterIP']);
});

test('adding a single-writer claim flips the Deployment to Recreate: refused under server-side apply', () => {
  const { warnings, actions } = dayTwo(web(), web({ persistence: claim() }));
  expect(warnings).toEqual([expect.objectContaining({ kind: 'Deployment', name: 'web1', field: 'spec.strategy.type' })]);
  expect(actions[0].command).toBe('kubectl -n web delete deployment web1 --cascade=orphan');
});

test('StorageClass parameters, provisioner and reclaim policy are refused', () => {
  const sc = (parameters: Record<string, string>, reclaimPolicy = 'Retain'): Build => (cluster) => {
    raw(cluster, 'sc', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'tank' }, provisioner: 'example.com/tank', parameters, reclaimPolicy });
  };
  const { warnings, actions } = dayTwo(sc({ compression: 'lz4' }), sc({ compression: 'zstd' }, 'Delete'), { gitops: argoCd() });
  expect(warnings.map((w) => w.field)).toEqual(['parameters', 'reclaimPolicy']);
  expect(actions).toEqual([expect.objectContaining({ command: 'kubectl delete storageclass tank' })]);
  // Flux makes a StorageClass anew when its parameters change.
  expect(dayTwo(sc({ compression: 'lz4' }), sc({ compression: 'zstd' }, 'Delete')).warnings).toEqual([]);
});

test('a selector change of a workload and a loadBalancerClass change are refused', () => {
  const deployment = (label: string): Build => (cluster) => {
    const manifest = goodDeployment('sel') as any;
    manifest.spec.selector = { matchLabels: { app: label } };
    manifest.spec.template.metadata.labels = { app: label };
    raw(cluster, 'sel', manifest);
  };
  expect(dayTwo(deployment('sel'), deployment('other')).warnings.map((w) => w.field)).toEqual(['spec.selector']);
  const lb = (loadBalancerClass?: string): Build => (cluster) => {
    deployment('sel')(cluster);
    raw(cluster, 'lb', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb', namespace: 'web' },
      spec: { type: 'LoadBalancer', selector: { app: 'sel' }, ports: [{ port: 80, targetPort: 8080 }], ...(loadBalancerClass ? { loadBalancerClass } : {}) },
    });
  };
  expect(dayTwo(lb(), lb('tailscale')).warnings.map((w) => w.field)).toEqual(['spec.loadBalancerClass']);
});

test('a Job template change is refused unless the object carries the engine\'s replace marker', () => {
  const job = (image: string, force: boolean): Build => (cluster) => {
    raw(cluster, 'job', {
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name: 'once', namespace: 'web', ...(force ? { annotations: { 'kustomize.toolkit.fluxcd.io/force': 'enabled' } } : {}) },
      spec: { template: { spec: { ...(goodDeployment() as any).spec.template.spec, restartPolicy: 'Never', containers: [goodContainer({ image, ports: [], readinessProbe: undefined })] } } },
    });
  };
  const refused = dayTwo(job('busybox:1.36.0', false), job('busybox:1.36.1', false));
  expect(refused.warnings.map((w) => w.field)).toEqual(['spec.template']);
  expect(refused.actions[0].command).toBe('kubectl -n web delete job once --cascade=orphan');
  expect(dayTwo(job('busybox:1.36.0', true), job('busybox:1.36.1', true)).warnings.map((w) => w.field)).toEqual([]);
});

test('an app removed with its claim: the claim and its namespace are kept by the engine, and said so', () => {
  const { warnings, actions } = dayTwo(web({ persistence: claim() }), () => undefined);
  expect(warnings).toEqual(expect.arrayContaining([
    expect.objectContaining({ kind: 'PersistentVolumeClaim', name: 'web1-data', field: '(removed)', constructPath: 'main' }),
    expect.objectContaining({ kind: 'Namespace', name: 'web', field: '(removed)' }),
  ]));
  expect(warnings[0].message).toMatch(/leaves it in the cluster/);
  expect(warnings.find((w) => w.kind === 'PersistentVolumeClaim')!.hint).toMatch(/claimName: 'web1-data'/);
  expect(actions.map((a) => a.command)).toEqual(expect.arrayContaining(['kubectl -n web delete persistentvolumeclaim web1-data']));
});

test('a namespace with claims that leaves: its step says to bring it back, and that deleting it takes its claims\' data', () => {
  const { actions } = dayTwo(web({ persistence: claim() }), web({ persistence: claim(), namespace: 'web2' }));
  const step = actions.find((a) => a.command === 'kubectl delete namespace web')!;
  expect(step.action).not.toMatch(/claimName/);
  expect(step.action).toMatch(/bring it back/);
  expect(step.action).toMatch(/its claims and their data/);
});

test('a namespace whose app moved to another cluster: the hint says how to list its claims, as those a StatefulSet makes have no warning of their own', () => {
  const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } };
  const { finding } = removal(namespace, 'main', new Set(['web']), [], 'lab/second')!;
  expect(finding.hint).not.toMatch(/see the warnings/);
  expect(finding.hint).toMatch(/kubectl -n web get pvc lists them/);
});

test('a renamed app whose claim moves to a new file is a removal of the old claim, and no false refusal', () => {
  const renamed: Build = (cluster) => {
    new App(cluster, 'blog', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], persistence: claim() } as any);
  };
  const { warnings } = dayTwo(web({ persistence: claim() }), renamed);
  expect(warnings.map((w) => `${w.kind} ${w.name} ${w.field}`)).toEqual(['PersistentVolumeClaim web1-data (removed)']);
});

describe('an object that leaves with the last of its kind an Argo CD project allowed', () => {
  const argo = { gitops: argoCd({ project: 'lab', createProject: true }) };
  const settings = (name: string): Build => (cluster) => {
    raw(cluster, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'web' }, data: { mode: 'quiet' } });
  };
  const both = (...builds: Build[]): Build => (cluster) => builds.forEach((build) => build(cluster));
  const deleteSteps = (actions: OwnerActionEntry[]) => actions.filter((a) => a.action.includes('no longer allows'));

  test('is a step to delete it by hand: Argo CD neither manages nor prunes what its project no longer permits', () => {
    const { actions } = dayTwo(both(web(), settings('extra')), web(), argo);
    expect(deleteSteps(actions)).toEqual([expect.objectContaining({
      kind: 'manual', command: 'kubectl -n web delete configmap extra',
      action: expect.stringContaining('ConfigMap web/extra left the output, and AppProject lab no longer allows its kind or namespace'),
    })]);
  });

  test('is no step while its kind stays, as Argo CD prunes it then', () => {
    expect(deleteSteps(dayTwo(both(web(), settings('extra'), settings('kept')), both(web(), settings('kept')), argo).actions)).toEqual([]);
  });
});

describe('a cluster that changes its GitOps engine between two synths', () => {
  /** Warnings and steps of a second run of the same cluster under engine `after`, the first under `before`. */
  const switched = (before: unknown, after: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-day-two-'));
    synthInto(dir, web(), { gitops: before as any });
    return synthInto(dir, web(), { gitops: after as any });
  };

  test('from Flux to Argo CD: a warning on gitops and the step to uninstall Flux, which still syncs the folder and would prune', () => {
    const { findings, actions } = switched(flux(), argoCd());
    const warning = findings.find((f) => f.field === 'gitops' && f.severity === 'warning');
    expect(warning).toEqual(expect.objectContaining({ layer: 'policy', constructPath: 'main' }));
    expect(warning!.message).toMatch(/changes from Flux to Argo CD, while Flux still runs in the cluster and reads lab\/main\/: .*prunes/);
    expect(warning!.hint).toMatch(/flux uninstall/);
    expect(actions).toContainEqual(expect.objectContaining({ kind: 'manual', command: 'flux uninstall' }));
  });

  test('from Argo CD to Flux: the step deletes its Applications, which leave what they applied running', () => {
    const { findings } = switched(argoCd(), flux());
    expect(findings.find((f) => f.field === 'gitops' && f.severity === 'warning')?.hint).toMatch(/delete its Applications.*then uninstall Argo CD/);
  });

  test('the same engine with other options is no switch', () => {
    expect(switched(flux(), flux({ interval: '5m' })).findings.filter((f) => f.field === 'gitops')).toEqual([]);
  });
});

test('a run that stops on an error gives no day-2 warnings or steps: its output is not written, so it changes nothing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-day-two-'));
  synthInto(dir, db());
  const before = snapshotTree(dir);
  // The claim leaves the output, which a written run warns about; two ConfigMaps of one name stop this one.
  const app = new CdkApp();
  const cluster = labCluster(app, 'main');
  web()(cluster);
  for (const id of ['settings', 'settings-again']) {
    raw(cluster, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' }, data: { mode: id } });
  }
  const result = synthesize(app, { outdir: dir });

  expect(result.written).toBe(false);
  expect(result.findings.some((f) => f.severity === 'error')).toBe(true);
  expect(result.findings.filter((f) => f.field === '(removed)' || f.field.startsWith('spec.volumeClaimTemplates'))).toEqual([]);
  expect(result.outcomes.flatMap((o) => o.figures.ownerActions).filter((a) => a.kind === 'manual')).toEqual([]);
  expect(snapshotTree(dir)).toEqual(before);
});

describe('an image tag moved back', () => {
  test('on an app that keeps data on a claim: a warning that the older release may not read the newer one\'s data, and the restore as a step', () => {
    const { warnings, actions } = dayTwo(web({ persistence: claim(), image: 'nginxinc/nginx-unprivileged:1.27.1' }), web({ persistence: claim() }));
    expect(warnings).toEqual([expect.objectContaining({
      severity: 'warning', kind: 'Deployment', namespace: 'web', name: 'web1', field: 'spec.template.spec.containers[0].image',
      message: expect.stringMatching(/moves back from 1\.27\.1 to 1\.27\.0, while the pods keep their data on web\/web1-data/),
      hint: expect.stringMatching(/restore its data from a backup made before 1\.27\.1 ran.*otherwise keep nginxinc\/nginx-unprivileged:1\.27\.1/),
    })]);
    expect(actions).toEqual([expect.objectContaining({ kind: 'manual', action: expect.stringMatching(/restore the data of web\/web1-data/) })]);
  });

  test('on a database StatefulSet across a major release: the claims its controller made are named', () => {
    const postgres = (image: string) => db({
      image, ports: [{ name: 'pg', port: 5432 }], env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
      persistence: { data: { ...claim().data, mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
    });
    const { warnings } = dayTwo(postgres('postgres:16.4'), postgres('postgres:15.8'));
    expect(warnings).toEqual([expect.objectContaining({ kind: 'StatefulSet', message: expect.stringMatching(/from 16\.4 to 15\.8, while the pods keep their data on web\/data-web1-0/) })]);
  });

  test('on an app without claims, or to a newer tag, is no warning', () => {
    expect(dayTwo(web({ image: 'nginxinc/nginx-unprivileged:1.27.1' }), web()).warnings).toEqual([]);
    expect(dayTwo(web({ persistence: claim() }), web({ persistence: claim(), image: 'nginxinc/nginx-unprivileged:1.27.1' })).warnings).toEqual([]);
  });
});

describe('a sealed value moved to another name or namespace', () => {
  const SEALED = `Ag${'B'.repeat(720)}==`;
  /** App web1 in `namespace` reading a SealedSecret `name` of that namespace, sealed with `scope`. */
  const sealedApp = (namespace: string, name = 'db', scope?: string): Build => (cluster) => {
    const secret = new SealedSecret(cluster, 'db', { namespace, name, encryptedData: { password: SEALED }, scope } as any);
    new App(cluster, 'web1', { namespace, image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], env: { PW: secret.key('password') } });
  };

  /** The errors of the second of two runs into one folder; a run with errors must write nothing. */
  function secondRunErrors(before: Build, after: Build) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-day-two-'));
    synthInto(dir, before);
    const written = snapshotTree(dir);
    const app = new CdkApp();
    after(labCluster(app, 'main'));
    const result = synthesize(app, { outdir: dir });
    const errors = result.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      expect(snapshotTree(dir)).toEqual(written);
    }
    return errors;
  }

  test('is one error on the value: the controller unseals it only where it was sealed for, and the hint seals it again', () => {
    expect(secondRunErrors(sealedApp('web'), sealedApp('site'))).toEqual([expect.objectContaining({
      layer: 'policy', constructPath: 'main/db', kind: 'SealedSecret', namespace: 'site', name: 'db', field: 'encryptedData.password',
      message: expect.stringMatching(/sealed for web\/db \(strict\).*as site\/db it cannot decrypt it/),
      hint: expect.stringMatching(/kubeseal --raw --namespace site --name db/),
    })]);
    expect(secondRunErrors(sealedApp('web'), sealedApp('web', 'database'))).toEqual([expect.objectContaining({ field: 'encryptedData.password' })]);
  });

  test('a value sealed namespace-wide may take another name in its namespace; one sealed cluster-wide may go anywhere', () => {
    expect(secondRunErrors(sealedApp('web', 'db', 'namespace-wide'), sealedApp('web', 'database', 'namespace-wide'))).toEqual([]);
    expect(secondRunErrors(sealedApp('web', 'db', 'cluster-wide'), sealedApp('site', 'db', 'cluster-wide'))).toEqual([]);
    expect(secondRunErrors(sealedApp('web', 'db', 'namespace-wide'), sealedApp('site', 'db', 'namespace-wide'))).toEqual([
      expect.objectContaining({ hint: expect.stringMatching(/--scope namespace-wide/) }),
    ]);
  });
});

describe('an app pinned to other hosts than its node-local claim', () => {
  const pinned = (host: 'gpu1' | 'arm1', tier = 'local'): Build => (cluster) => {
    web({ persistence: claim('5Gi', tier), placement: { host: cluster.hosts.find((h) => h.name === host) } })(cluster);
  };

  test('is a warning on the placement: the local-path volume stays on the old host and keeps the pod there; the step moves the data', () => {
    const { warnings, actions } = dayTwo(pinned('gpu1'), pinned('arm1'));
    expect(warnings).toEqual([expect.objectContaining({
      severity: 'warning', kind: 'Deployment', name: 'web1', field: 'spec.template.spec.nodeSelector.kubernetes.io/hostname',
      message: expect.stringMatching(/move from gpu1 to arm1, but the volumes of web\/web1-data are node-local and stay on gpu1/),
    })]);
    expect(actions).toEqual([expect.objectContaining({ kind: 'manual', action: expect.stringMatching(/move the data of web\/web1-data from gpu1 to arm1/) })]);
  });

  test('is no warning while the placement keeps the host', () => {
    expect(dayTwo(pinned('gpu1'), pinned('gpu1')).warnings).toEqual([]);
  });
});

describe("a chart release's version", () => {
  const release = (version: string): Build => (cluster) => {
    new ChartRelease(cluster, 'uptime', {
      namespace: 'uptime', chart: { repository: 'https://helm.irsigler.cloud', chart: 'uptime-kuma', version }, network: servesPorts({ port: 3001, purpose: 'web' }),
    });
  };

  test('across a major release is a warning on the version: values the new release no longer reads are silently lost', () => {
    expect(dayTwo(release('1.5.2'), release('2.21.2')).warnings).toEqual([expect.objectContaining({
      severity: 'warning', kind: 'HelmRelease', name: 'uptime', field: 'spec.chart.spec.version',
      message: expect.stringMatching(/chart uptime-kuma moves from 1\.5\.2 to 2\.21\.2, across a major release/),
      hint: expect.stringMatching(/upgrade notes from 1\.5\.2 to 2\.21\.2.*otherwise keep version 1\.5\.2/),
    })]);
  });

  // Before, a release that left the output was no warning: Helm's uninstall deletes the claims its chart made.
  test('renamed, it is a new release: a warning that the old one is uninstalled with its claims, and how to keep the data', () => {
    const renamed = (name: string, namespace = 'uptime'): Build => (cluster) => {
      new ChartRelease(cluster, name, {
        namespace, chart: { repository: 'https://helm.irsigler.cloud', chart: 'uptime-kuma', version: '2.21.2' }, network: servesPorts({ port: 3001, purpose: 'web' }),
      });
    };
    expect(dayTwo(renamed('uptime'), renamed('status')).warnings).toEqual([expect.objectContaining({
      severity: 'warning', kind: 'HelmRelease', namespace: 'uptime', name: 'uptime', field: '(removed)',
      message: expect.stringMatching(/^the HelmRelease uptime\/uptime of chart uptime-kuma left the output: once it is deleted, Flux's helm-controller uninstalls its release, and Helm deletes what the chart made, its claims/),
      hint: expect.stringMatching(/HelmRelease uptime\/status installs chart uptime-kuma as a new release, whose claims start empty: to keep the data, keep the old name and namespace \(uptime\/uptime\)/),
    })]);
    expect(dayTwo(renamed('uptime'), renamed('uptime')).warnings).toEqual([]);
  });

  test('moved back is a warning, and so is a minor release of a 0.x chart; within a release line it is none', () => {
    expect(dayTwo(release('2.21.2'), release('2.19.0')).warnings).toEqual([expect.objectContaining({ message: expect.stringMatching(/goes back from 2\.21\.2 to 2\.19\.0/) })]);
    expect(dayTwo(release('2.19.0'), release('2.21.2')).warnings).toEqual([]);
    expect(dayTwo(release('0.15.0'), release('0.16.1')).warnings).toEqual([expect.objectContaining({ field: 'spec.chart.spec.version' })]);
  });
});

describe('an app removed under an engine that does not prune', () => {
  const gitLab = { gitops: gitLabCi({ agent: { project: 'infra/agents', name: 'lab', kasAddress: 'wss://gitlab.lab.test/-/kubernetes-agent/' } }) };
  const blog: Build = (cluster) => {
    new App(cluster, 'blog', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'blog' } });
  };
  const both: Build = (cluster) => {
    web()(cluster);
    blog(cluster);
  };

  test('GitLab CI leaves its objects running: one warning names them, and the step deletes them', () => {
    const { warnings, actions } = dayTwo(both, web(), gitLab);
    expect(warnings).toEqual([expect.objectContaining({
      severity: 'warning', constructPath: 'main', field: '(removed)',
      message: expect.stringMatching(/Deployment blog\/blog.*Namespace blog left the output, but GitLab CI, which applies without pruning, leaves them running/),
      hint: expect.stringMatching(/delete them by hand: kubectl delete namespace\/blog$/),
    })]);
    expect(actions).toEqual([expect.objectContaining({ kind: 'manual', command: 'kubectl delete namespace/blog' })]);
  });

  test('an app that leaves a namespace that stays: the deletes name its objects by kind and group', () => {
    const inWeb: Build = (cluster) => {
      web()(cluster);
      new App(cluster, 'blog', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
    };
    const { actions } = dayTwo(inWeb, web(), gitLab);
    expect(actions).toEqual([expect.objectContaining({ command: 'kubectl -n web delete networkpolicy.networking.k8s.io/blog service/blog deployment.apps/blog' })]);
  });

  test('Flux prunes them: no warning', () => {
    expect(dayTwo(both, web()).warnings).toEqual([]);
  });
});

// The rules are read from MetalLB's CRD, with the upstream CRD files.
const withMetalLbCrds = createSchemaValidator().hasSchema('metallb.io/v1beta2', 'BGPPeer');
(withMetalLbCrds ? describe : describe.skip)("a custom resource's CRD transition rules", () => {
  const peer = (gracefulRestart: boolean): Build => (cluster) => {
    raw(cluster, 'router', {
      apiVersion: 'metallb.io/v1beta2', kind: 'BGPPeer', metadata: { name: 'router', namespace: 'metallb-system' },
      spec: { myASN: 64500, peerASN: 64501, peerAddress: '10.0.0.1', enableGracefulRestart: gracefulRestart },
    });
  };

  test('a field its CRD makes immutable (self == oldSelf) is refused on the update, as the API server refuses it', () => {
    const { warnings, actions } = dayTwo(peer(false), peer(true));
    expect(warnings).toEqual([expect.objectContaining({
      severity: 'warning', kind: 'BGPPeer', name: 'router', field: 'spec.enableGracefulRestart',
      message: expect.stringMatching(/EnableGracefulRestart cannot be changed after creation \(the CRD's rule self == oldSelf\)/),
      hint: expect.stringMatching(/kubectl -n metallb-system delete bgppeer router/),
    })]);
    expect(actions).toHaveLength(1);
  });

  test('an object that keeps the field is no warning', () => {
    expect(dayTwo(peer(true), peer(true)).warnings).toEqual([]);
  });
});

describe('pods moved away from their node-local volume', () => {
  const onHost = (host: typeof arm1) => web({ persistence: claim('5Gi', 'local'), placement: { host } });

  test('the warning names the claim the old output made, on the pod template', () => {
    const { warnings } = dayTwo(onHost(arm1), onHost(gpu1));
    expect(warnings).toEqual([expect.objectContaining({
      severity: 'warning', layer: 'policy', kind: 'Deployment', namespace: 'web', name: 'web1',
      message: expect.stringMatching(/from arm1 to gpu1, but the volumes of web\/web1-data are node-local and stay on arm1/),
    })]);
  });

  test('pods that stay on the host of the volume, a claim made with the move, or no claim, are no warning', () => {
    // (Placed on several hosts by name, local-path's volume keeps the pods on one: that has its own warning.)
    expect(dayTwo(onHost(arm1), web({ persistence: claim('5Gi', 'local'), placement: { hosts: [arm1, gpu1] } })).warnings.filter((w) => /node-local/.test(w.message))).toEqual([]);
    // (An app that gains a claim turns to the Recreate strategy: that change has its own warning.)
    expect(dayTwo(web({ placement: { host: arm1 } }), onHost(gpu1)).warnings.filter((w) => /node-local/.test(w.message))).toEqual([]);
    expect(dayTwo(web({ placement: { host: arm1 } }), web({ placement: { host: gpu1 } })).warnings).toEqual([]);
  });
});
