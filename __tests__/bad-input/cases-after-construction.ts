import * as os from 'os';
import * as path from 'path';
import type { App as CdkApp } from 'cdk8s';
import { AppVolume, synthesize } from '../../constructs';
import type { App, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// An app changed after construction: each change is checked where it is called, as the same thing given
// in props is, and a change made once the app has rendered its objects is an error rather than lost.

/** Builds the app `web`, synthesizes the tree once (as a test or script may), then changes the app. */
const afterSynthesis = (change: (app: App) => void): BadInput['build'] => (c: ClusterChart, root: CdkApp) => {
  const web = labApp('web')(c);
  synthesize(root, { outdir: path.join(os.tmpdir(), 'homelab-after-construction'), write: false });
  change(web);
};
const EXPORTER = { name: 'exporter', image: 'nginx/nginx-prometheus-exporter:1.3.0' };

export const CASES: BadInput[] = [
  // Environment variables: a name the API server refuses, a value that is no text, on the call or prop
  { name: 'addEnv with a name the API server refuses', build: guarded((c: ClusterChart) => labApp('web')(c).addEnv('LOG LEVEL', 'info')), layer: 'props', path: 'web', field: 'addEnv.LOG LEVEL', hint: /LOG_LEVEL/ },
  { name: 'addEnv with a number', build: guarded((c: ClusterChart) => labApp('web')(c).addEnv('WORKERS', 4 as any)), layer: 'props', path: 'web', field: 'addEnv.WORKERS', hint: /'4'/ },
  { name: "a sidecar's addEnv with a name starting with a digit", build: guarded((c: ClusterChart) => labApp('web')(c).addSidecar(EXPORTER).addEnv('1ST', 'x')), layer: 'props', path: 'web', field: 'containers.exporter.addEnv.1ST' },
  { name: 'env prop with a name the API server refuses', build: guarded(labApp('web', { env: { 'LOG LEVEL': 'info' } })), layer: 'props', path: 'web', field: 'env.LOG LEVEL' },
  { name: "a sidecar's env prop with an = in a name", build: guarded(labApp('web', { sidecars: [{ ...EXPORTER, env: { 'A=B': 'x' } }] })), layer: 'props', path: 'web', field: 'sidecars[0].env.A=B' },
  { name: 'addContainer with an env name the API server refuses', build: guarded((c: ClusterChart) => labApp('web')(c).addContainer({ ...EXPORTER, env: { 'my var': 'x' } })), layer: 'props', path: 'web', field: 'addContainer.env.my var' },
  // Changes once the app has rendered its objects would be silently lost
  { name: 'addPort after the app was synthesized', build: afterSynthesis((web) => web.addPort({ name: 'metrics', port: 9100 })), layer: 'props', path: 'web', field: 'addPort', hint: /before the cluster is synthesized/ },
  { name: 'addEnv after the app was synthesized', build: afterSynthesis((web) => web.addEnv('LOG_LEVEL', 'debug')), layer: 'props', path: 'web', field: 'addEnv' },
  { name: 'addRoute after the app was synthesized', build: afterSynthesis((web) => web.addRoute('web')), layer: 'props', path: 'web', field: 'addRoute(web)' },
  { name: 'addVolume after the app was synthesized', build: afterSynthesis((web) => web.addVolume('cache', AppVolume.emptyDir(), { mountPath: '/cache' })), layer: 'props', path: 'web', field: 'addVolume(cache)' },
  { name: 'addSidecar after the app was synthesized', build: afterSynthesis((web) => web.addSidecar(EXPORTER)), layer: 'props', path: 'web', field: 'addSidecar' },
  {
    name: 'addEnv from a prepare hook that runs after the app rendered',
    build: (c) => {
      const web = labApp('web')(c);
      c.onPrepare(() => web.container.addEnv('LOG_LEVEL', 'debug'));
    },
    layer: 'props', path: 'web', field: 'addEnv',
  },
];
