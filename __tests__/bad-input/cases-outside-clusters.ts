import { ApiObject, App as CdkApp, Chart } from 'cdk8s';
import { App, type ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// Objects and apps created outside every cluster chart: in a plain cdk8s Chart beside the cluster, or
// right under the app. Synth writes cluster charts only.

const configMap = (scope: Chart | CdkApp, id: string) =>
  new ApiObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id, namespace: 'web' }, data: { mode: 'on' } });

export const CASES: BadInput[] = [
  {
    name: 'a plain cdk8s Chart beside the cluster, holding objects',
    build: (_cluster: ClusterChart, app: CdkApp) => {
      const extra = new Chart(app, 'extra');
      configMap(extra, 'settings');
      configMap(extra, 'flags');
    },
    layer: 'props', path: 'extra', field: 'scope', hint: /new Chart\(cluster, 'extra'\)/,
  },
  {
    name: 'an App in a plain cdk8s Chart beside the cluster',
    build: guarded((_cluster: ClusterChart, app: CdkApp) => {
      new App(new Chart(app, 'extra'), 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
    }),
    layer: 'props', path: 'extra/web', field: 'scope', hint: /inside a cluster chart/,
  },
  {
    name: 'a raw object right under the app',
    build: guarded((_cluster: ClusterChart, app: CdkApp) => configMap(app, 'settings')),
    layer: 'props', path: 'settings', field: 'scope', hint: /new ApiObject\(cluster/,
  },
];
