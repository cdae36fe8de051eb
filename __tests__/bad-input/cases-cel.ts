import type { BadInput } from './cases';
import { goodDeployment, raw, serviceManifest } from './lab';

// CEL rules (`x-kubernetes-validations`) of the CRD schemas, evaluated at synth as the API server does.
const withBackend = (build: BadInput['build']): BadInput['build'] => (c, app) => {
  raw(c, 'workload', goodDeployment());
  raw(c, 's', serviceManifest('web'));
  build(c, app);
};
const route = (rule: Record<string, unknown>) => withBackend((c) => raw(c, 'r', {
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'web' },
  spec: {
    parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }], hostnames: ['r.lab.test'],
    rules: [{ backendRefs: [{ name: 'web', port: 80 }], ...rule }],
  },
}));
const rewrite = { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } };
const gateway = (listeners: unknown[]) => (c: Parameters<BadInput['build']>[0]) => {
  c.namespaces.ensure('edge');
  raw(c, 'g', { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'edge', namespace: 'edge' }, spec: { gatewayClassName: 'cilium', listeners } });
};
const cel = (name: string, build: BadInput['build'], path: string, field: RegExp): BadInput => ({ name: `CEL: ${name}`, gatewayCluster: true, build, layer: 'schema', path, field });

export const CASES: BadInput[] = [
  cel('HTTPRoute with a repeated URLRewrite filter', route({ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], filters: [rewrite, rewrite] }), 'r', /^spec\.rules\[0\]/),
  cel('HTTPRoute path match without a leading slash', route({ matches: [{ path: { type: 'PathPrefix', value: 'api' } }] }), 'r', /^spec\.rules\[0\]\.matches\[0\]\.path/),
  cel('HTTPRoute exact path with a double slash', route({ matches: [{ path: { type: 'Exact', value: '/api//v1' } }] }), 'r', /^spec\.rules\[0\]\.matches\[0\]\.path/),
  cel('HTTPRoute path match of the default type without a slash', route({ matches: [{ path: { value: 'api' } }] }), 'r', /^spec\.rules\[0\]\.matches\[0\]\.path/),
  cel('HTTPRoute with a redirect and a rewrite', route({ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }, rewrite] }), 'r', /^spec\.rules\[0\]/),
  cel('HTTPRoute filter of a type without its settings', route({ filters: [{ type: 'RequestHeaderModifier' }] }), 'r', /^spec\.rules\[0\]\.filters\[0\]/),
  cel('HTTPRoute filter with the settings of another type', route({ filters: [{ type: 'RequestHeaderModifier', urlRewrite: { hostname: 'x.lab.test' } }] }), 'r', /^spec\.rules\[0\]\.filters\[0\]/),
  cel('HTTPRoute with a repeated RequestHeaderModifier filter', route({ filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }, { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'c', value: 'd' }] } }] }), 'r', /^spec\.rules\[0\]/),
  cel('HTTPRoute backend timeout longer than the request timeout', route({ timeouts: { request: '5s', backendRequest: '10s' } }), 'r', /^spec\.rules\[0\]\.timeouts/),
  cel('HTTPRoute ReplacePrefixMatch without a prefix match', route({ matches: [{ path: { type: 'Exact', value: '/a' } }], filters: [rewrite] }), 'r', /^spec\.rules\[0\]/),
  cel('Gateway with two listeners of one name', gateway([{ name: 'http', port: 80, protocol: 'HTTP' }, { name: 'http', port: 8080, protocol: 'HTTP' }]), 'g', /^spec\.listeners/),
  cel('Gateway TCP listener with a host name', gateway([{ name: 'tcp', port: 5432, protocol: 'TCP', hostname: 'db.lab.test' }]), 'g', /^spec\.listeners/),
  cel('Gateway HTTP listener with TLS settings', gateway([{ name: 'http', port: 80, protocol: 'HTTP', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }]), 'g', /^spec\.listeners/),
];
