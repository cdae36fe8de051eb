import { App as CdkApp } from 'cdk8s';
import { AppController, argoCd, GitOpsEngine, HomelabApp, k3sManifests, synthesize } from '../constructs';
import { labCluster } from './bad-input/lab';

// A GitOps engine applies its folder again and again: a Job it finds missing it creates again, and a Job
// whose pod template changed it cannot update in place.

function synthJob(gitops: GitOpsEngine | undefined, ttlSecondsAfterFinished?: number) {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', gitops ? { gitops } : {});
  new HomelabApp(cluster, 'migrate', {
    image: 'migrate/migrate:v4.17.1', namespace: 'web', controller: AppController.job({ ttlSecondsAfterFinished }),
  });
  const result = synthesize(app, { outdir: 'unused', write: false });
  const job = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)).find((m) => m.kind === 'Job');
  return { result, job };
}

test('a Job is kept once it finished, so the engine does not run it again', () => {
  const { result, job } = synthJob(undefined);
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
});

test('under Flux a Job is marked to be created again when its pod template changes', () => {
  const { job } = synthJob(undefined);
  expect(job.metadata.annotations).toMatchObject({ 'kustomize.toolkit.fluxcd.io/force': 'enabled' });
});

test.each([['argo-cd', () => argoCd()], ['k3s-manifests', () => k3sManifests()]])('under %s a Job carries no Flux annotation', (_name, engine) => {
  const { job } = synthJob(engine());
  expect(job.metadata.annotations?.['kustomize.toolkit.fluxcd.io/force']).toBeUndefined();
});

test('a TTL given on a Job is kept, with a warning naming the engine that creates it again', () => {
  const { result, job } = synthJob(undefined, 3600);
  expect(job.spec.ttlSecondsAfterFinished).toBe(3600);
  const warning = result.findings.find((f) => f.field === 'controller.props.ttlSecondsAfterFinished');
  expect(warning).toMatchObject({ severity: 'warning', constructPath: expect.stringMatching(/migrate$/) });
  expect(warning!.message).toMatch(/flux then creates it again/);
});
