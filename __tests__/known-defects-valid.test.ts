import { App as CdkApp } from 'cdk8s';
import { App, Ollama } from '../constructs';
import { cpuProblem } from '../constructs/app/quantities';
import { mountPathProblems } from '../constructs/app/mount-paths';
import { labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// Valid input near the mistakes the props now refuse: it must still synthesize.

function errorsOf(build: (app: CdkApp) => void): string[] {
  const app = new CdkApp();
  build(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
}

test('CPU amounts in cores or millicores stay valid', () => {
  for (const amount of ['2', '0.5', '.5', '500m', '64', 4, 0.25]) {
    expect(cpuProblem(amount)).toBeUndefined();
  }
  expect(cpuProblem('65')?.hint).toMatch(/'65m'/);
});

test('Ollama with only a CPU limit below the default request gets a request within it', () => {
  const errors = errorsOf((app) => new Ollama(labCluster(app), 'ollama', { accelerator: 'cpu', cpuLimit: '500m' }));
  expect(errors).toEqual([]);
});

test('mounts of one volume at several paths, and one path in two containers, are valid', () => {
  expect(mountPathProblems({
    config: { volume: {}, mountPath: '/config', mounts: [{ mountPath: '/cache', subPath: 'cache' }] },
    shared: { volume: {}, mountPath: '/shared', containers: ['a', 'b'] },
    other: { volume: {}, mountPath: '/shared', containers: ['c'] },
  }, 'a')).toEqual([]);
});

test('an App with a pinned image, a floating one it explains and secret-free env synthesizes', () => {
  const errors = errorsOf((app) => {
    const cluster = labCluster(app);
    cluster.namespaces.ensure('web');
    new App(cluster, 'api', {
      namespace: 'web', image: 'ghcr.io/x/api:latest', exemptions: { floatingImage: 'follows the upstream channel' },
      ports: [{ name: 'http', port: 8080 }], env: { LOG_LEVEL: 'debug', PASSWORD_FILE: '/run/secrets/db' },
    });
  });
  expect(errors).toEqual([]);
});
