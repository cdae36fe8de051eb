import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, raw } from './lab';

// A `${VAR}` of Flux's postBuild substitution, left in an object brought from a repository whose Kustomizations
// replaced it, is refused on its field with the hint to write the value itself (and with no other error there).

const SERVICE = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } };

export const CASES: BadInput[] = [
  {
    name: "a Flux placeholder as an object's namespace",
    build: (cluster: ClusterChart) => {
      const deployment = goodDeployment('web');
      (deployment.metadata as Record<string, unknown>).namespace = '${NAMESPACE}';
      raw(cluster, 'web', deployment);
    },
    layer: 'references', path: 'web', field: 'metadata.namespace', hint: /write the value itself/,
  },
  {
    name: "a Flux placeholder in an Ingress's host",
    build: (cluster: ClusterChart) => {
      raw(cluster, 'web', goodDeployment('web'));
      raw(cluster, 'svc', SERVICE);
      raw(cluster, 'ing', {
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' },
        spec: { ingressClassName: 'traefik', rules: [{ host: 'echo.${SECRET_DOMAIN}', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
      });
    },
    layer: 'references', path: 'ing', field: 'spec.rules[0].host', hint: /write the value itself/,
  },
];
