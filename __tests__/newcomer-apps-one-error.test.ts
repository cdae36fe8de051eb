import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, ClusterChart, Ollama } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// What the bad-input corpus (cases-newcomer-apps.ts) cannot say: that these mistakes give exactly one
// error, on the prop the user wrote, rather than a second one on a value derived from it.

/** The errors of the lab cluster after `build`, as `[layer] path field`. */
function errorsOf(build: (cluster: ClusterChart) => void): string[] {
  const app = new CdkApp();
  guarded(build)(labCluster(app));
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`);
}

test.each([
  ['a ConfigMap volume named with upper case and an underscore', (c: ClusterChart) => new App(c, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], persistence: { cfg: { volume: AppVolume.configMap('My_Config'), mountPath: '/etc/x' } },
  }), '[props] main/web persistence.cfg.volume'],
  ["Ollama's memoryLimit as a number", (c: ClusterChart) => new Ollama(c, 'ollama', { memoryLimit: 32 as any }), '[props] main/ollama memoryLimit'],
  ["an app's memoryLimit as a number", (c: ClusterChart) => new App(c, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], resources: { memoryLimit: 512 as any } }), '[props] main/web resources.memoryLimit'],
  ['a persistence volume named in upper case', (c: ClusterChart) => new App(c, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], persistence: { Data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' } },
  }), '[props] main/web persistence.Data'],
  ["a claim's access mode as kubectl's RWX", (c: ClusterChart) => new App(c, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi', accessMode: 'RWX' as any }), mountPath: '/data' } },
  }), '[props] main/web persistence.data.volume.claim.accessMode'],
])('%s is one error, on the prop', (_name, build, error) => {
  expect(errorsOf(build)).toEqual([error]);
});
