import { Model } from '@kubernetes-models/base';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import type { Construct } from 'constructs';
import { addModel, App, ClusterChart, declareExternal, flux, gatewayApi, host, site } from '../../constructs';
import { synthInMemory } from '../support/synth';
import { schemasMissing, testWhen } from '../support/shared';

const node = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.0.1' });
const lab = site('lab', { domain: 'lab.example', hosts: [node], git: { url: 'https://git.example/lab.git' } });

function define(route: (app: App) => void) {
  return (scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [node], routes: gatewayApi({ gatewayClassName: 'cilium' }), gitops: flux(),
      preinstalled: [{
        source: 'the distribution',
        crds: [{ group: 'gateway.networking.k8s.io', kinds: ['Gateway', 'HTTPRoute'] }],
        provides: { gatewayClasses: ['cilium'] },
      }],
    });
    declareExternal(chart, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
    const web = new App(chart, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
    route(web);
  };
}

const alternateRoute = (backendPort: number, extraSpec: Record<string, unknown> = {}) => new HTTPRoute({
  metadata: { name: 'web-alt', namespace: 'web' },
  spec: {
    parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }],
    hostnames: ['alt.lab.example'],
    rules: [{ backendRefs: [{ name: 'web', port: backendPort }] }],
    ...extraSpec,
  } as any,
});

describe('@kubernetes-models objects', () => {
  test('a gateway-api HTTPRoute model is written with its app and passes every layer', () => {
    const result = synthInMemory(define((web) => addModel(web, 'alt-route', alternateRoute(8080))));
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const yaml = result.files.get('lab/main/apps/web.yaml')!;
    expect(yaml).toContain('kind: HTTPRoute\nmetadata:\n  name: web-alt\n  namespace: web\nspec:\n  hostnames:\n    - alt.lab.example');
  });

  testWhen(schemasMissing())('it goes through the schema layer strictly and the references layer', () => {
    const result = synthInMemory(define((web) => addModel(web, 'alt-route', alternateRoute(9999, { bogus: true }))));
    const errors = result.findings.filter((f) => f.severity === 'error' && f.name === 'web-alt');
    expect(errors.map((f) => f.layer).sort()).toEqual(expect.arrayContaining(['references', 'schema']));
    const schema = errors.find((f) => f.layer === 'schema')!;
    expect(`${schema.field} ${schema.message}`).toContain('bogus');
  });

  test('a Model of @kubernetes-models/base 5 works too; a non-object is a finding, not a throw', () => {
    const configMap = new Model<any>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra', namespace: 'web' }, data: { a: '1' } } as any);
    const ok = synthInMemory(define((web) => addModel(web, 'extra', configMap)));
    expect(ok.files.get('lab/main/apps/web.yaml')).toContain('kind: ConfigMap\nmetadata:\n  name: extra\n  namespace: web\ndata:\n  a: \'1\'');
    const bad = synthInMemory(define((web) => addModel(web, 'broken', { toJSON: () => ({ kind: 'ConfigMap' }) })));
    expect(bad.findings.find((f) => f.severity === 'error')!.message).toContain('not a Kubernetes object');
  });
});
