import { ApiObject, JsonPatch } from 'cdk8s';
import { addModel, App, ClusterChart, host, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, lab, labCluster, raw } from './lab';

// Arguments a construct is created with, as a JavaScript caller (or `as any`) gets them wrong: the
// construct's id and scope, and maps the construct copies onto each of its objects.
const app = (scope: unknown, id: unknown, props: Record<string, unknown> = {}) =>
  new App(scope as any, id as any, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props } as any);

export const CASES: BadInput[] = [
  { name: 'an app whose id is a number', build: guarded((c) => app(c, 42)), layer: 'props', path: 'main', field: 'id' },
  { name: 'an app whose id is empty', build: guarded((c) => app(c, '')), layer: 'props', path: 'main', field: 'id' },
  { name: 'a namespace ensured by a number', build: guarded((c) => c.namespaces.ensure(42 as any)), layer: 'props', path: 'main', field: 'id' },
  { name: 'an app created in the site instead of the chart', build: guarded(() => app(lab, 'web')), layer: 'props', path: 'main', field: 'scope' },
  { name: 'a model that is null', build: guarded((c) => addModel(c, 'model', null as any)), layer: 'schema', path: 'main', field: 'model' },
  {
    name: 'an app label whose value has a space',
    build: guarded((c) => app(c, 'web', { labels: { owner: 'John Doe' } })), layer: 'props', path: 'web', field: 'labels.owner',
  },
  {
    name: 'an app label whose key has a space',
    build: guarded((c) => app(c, 'web', { labels: { 'team name': 'media' } })), layer: 'props', path: 'web', field: 'labels.team name',
  },
  {
    name: 'a JSON patch that lets an app run as root',
    build: (c) => ApiObject.of(app(c, 'web').node.findChild('deployment'))
      .addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/securityContext/runAsNonRoot', false)),
    layer: 'policy', path: 'web/deployment', field: 'spec.template.spec.containers[0].securityContext.runAsNonRoot',
  },
  {
    name: 'a JSON patch of a path the object lacks',
    build: (c) => ApiObject.of(app(c, 'web').node.findChild('deployment')).addJsonPatch(JsonPatch.replace('/spec/strategyy/type', 'Recreate')),
    layer: 'props', path: 'web/deployment', field: 'addJsonPatch',
  },
  {
    name: 'a HelmRelease whose HelmRepository the cluster lacks',
    build: (c) => raw(c, 'wiki', {
      apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'wiki', namespace: 'web' },
      spec: { interval: '10m', chart: { spec: { chart: 'wiki', version: '1.2.3', sourceRef: { kind: 'HelmRepository', name: 'wiki-charts', namespace: 'flux-system' } } } },
    }),
    layer: 'references', path: 'wiki', field: 'spec.chart.spec.sourceRef',
  },
  {
    name: 'a host given where placement options belong',
    build: guarded((c) => app(c, 'web', { placement: gpu1 })), layer: 'props', path: 'web', field: 'placement', hint: /host, hosts/,
  },
  {
    name: 'cluster props given as a list',
    build: guarded((_c, cdkApp) => new ClusterChart(cdkApp, 'edge', [lab, gpu1] as any)), layer: 'props', path: 'edge', field: 'ClusterChart',
  },
  {
    name: 'a Git URL in the scp form under Flux',
    build: (_c, cdkApp) => {
      const node = host('scp-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.5.0.1' });
      const scp = site('scp', { domain: 'scp.test', hosts: [node], git: { url: 'git@github.com:me/lab.git' } });
      labCluster(cdkApp, 'edge', { site: scp, hosts: [node], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} });
    },
    layer: 'references', path: 'edge', field: 'gitops', hint: /ssh:\/\/git@github.com\/me\/lab.git/,
  },
  {
    name: 'a raw object whose label value has a space',
    build: (c) => raw(c, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web', labels: { team: 'media team' } }, data: { a: 'b' } }),
    layer: 'inventory', path: 'settings', field: 'metadata.labels.team', hint: /John_Doe/,
  },
];
