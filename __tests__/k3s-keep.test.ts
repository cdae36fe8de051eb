import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, k3s, k3sManifests, synthesize } from '../constructs';
import { keptWhenRemoved, K3S_PRUNE_LABEL } from '../constructs/platform/engine-marks';
import { labCluster } from './bad-input/lab';

// K3s' deploy controller prunes an object that leaves a file it still applies, unless the object carries
// wrangler's `objectset.rio.cattle.io/prune: "false"` label; a deleted file's objects it leaves alone.

function run(dir: string, withApp: boolean) {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { gitops: k3sManifests(), preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })] });
  if (withApp) {
    new App(cluster, 'db', {
      namespace: 'data', image: 'postgres:16.4', ports: [{ name: 'pg', port: 5432 }], env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
    });
    new App(cluster, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  }
  const result = synthesize(app, { outdir: dir });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  const labels = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name)?.metadata.labels ?? {};
  return { result, labels };
}

test('the label is what K3s reads, and the day-2 check reads it too', () => {
  expect(keptWhenRemoved({ labels: { [K3S_PRUNE_LABEL]: 'false' } })).toBe(true);
  expect(keptWhenRemoved({ annotations: { [K3S_PRUNE_LABEL]: 'false' } })).toBe(false);
  expect(keptWhenRemoved({ labels: { [K3S_PRUNE_LABEL]: 'true' } })).toBe(false);
  expect(keptWhenRemoved(undefined)).toBe(false);
});

test('under K3s, a claim and the namespace that holds it carry the keep label; other namespaces do not', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-k3s-keep-'));
  try {
    const first = run(dir, true);
    expect(first.labels('PersistentVolumeClaim', 'db-data')).toMatchObject({ [K3S_PRUNE_LABEL]: 'false' });
    expect(first.labels('Namespace', 'data')).toMatchObject({ [K3S_PRUNE_LABEL]: 'false' });
    expect(first.labels('Namespace', 'web')[K3S_PRUNE_LABEL]).toBeUndefined();
    // The README and the summary say what K3s does with a file that leaves the folder, and what to do.
    const readme = fs.readFileSync(path.join(dir, 'lab/main/README.md'), 'utf8');
    expect(readme).toMatch(/K3s leaves every object of it running: empty the file in \/var\/lib\/rancher\/k3s\/server\/manifests instead of deleting it/);
    const second = run(dir, false);
    const removed = second.result.findings.filter((f) => f.field === '(removed)' && f.kind !== undefined);
    expect(removed.map((f) => `${f.kind} ${f.name}`).sort()).toEqual(['Namespace data', 'PersistentVolumeClaim db-data']);
    removed.forEach((f) => expect(f.message).toMatch(/leaves it in the cluster \(it is marked to be kept when removed\)/));
    // The app's file left the folder, so K3s leaves its workload running in the namespace it keeps; web's namespace it deletes, with all in it.
    const running = second.result.findings.filter((f) => f.field === '(removed)' && f.kind === undefined);
    expect(running).toEqual([expect.objectContaining({
      message: expect.stringMatching(/Deployment data\/db left the output, but K3s, which deletes nothing of a file taken out of its manifests folder/),
      hint: expect.stringMatching(/kubectl -n data delete [^;]*deployment\.apps\/db/),
    })]);
    expect(running[0].message).not.toMatch(/web\//);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
