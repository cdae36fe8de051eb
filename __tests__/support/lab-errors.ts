import { App as CdkApp } from 'cdk8s';
import { App, ClusterChart, synthesize } from '../../constructs';
import { labCluster } from '../bad-input/lab';

/** The errors of a lab cluster that `build` fills, validated in memory, as `<construct path> <field>: <message>`. */
export function labErrors(build: (cluster: ClusterChart) => void): string[] {
  const app = new CdkApp();
  build(labCluster(app));
  return synthesize(app, { outdir: 'unused', write: false }).findings
    .filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
}

/** A valid web app `web` in namespace `web`, with `props` laid over it (untyped, as a test may pass a wrong prop). */
export function webApp(cluster: ClusterChart, props: Record<string, unknown> = {}): App {
  return new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);
}
