import { App as CdkApp } from 'cdk8s';
import { App, ClusterChart, synthesize } from '../../constructs';
import { labCluster } from '../bad-input/lab';

/**
 * A lab cluster that `build` fills, validated in memory: its errors as `<construct path> <field>: <message>`, and
 * its manifest of a kind and name.
 */
export function labSynth(build: (cluster: ClusterChart) => void): { errors: string[]; find: (kind: string, name: string) => any } {
  const app = new CdkApp();
  build(labCluster(app));
  const result = synthesize(app, { outdir: 'unused', write: false });
  const manifests = result.clusters[0].objects.map((o) => o.manifest as any);
  return {
    errors: result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`),
    find: (kind, name) => manifests.find((m) => m.kind === kind && m.metadata.name === name),
  };
}

/** The errors of a lab cluster that `build` fills, validated in memory, as `<construct path> <field>: <message>`. */
export function labErrors(build: (cluster: ClusterChart) => void): string[] {
  return labSynth(build).errors;
}

/** A valid web app `web` in namespace `web`, with `props` laid over it (untyped, as a test may pass a wrong prop). */
export function webApp(cluster: ClusterChart, props: Record<string, unknown> = {}): App {
  return new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);
}
