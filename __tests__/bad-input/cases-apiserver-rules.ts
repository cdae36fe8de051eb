import { ClusterChart, declareExternal, Knative } from '../../constructs';
import type { BadInput } from './cases';
import { besideWeb, goodContainer, goodDeployment, guarded, podWithContainer, raw, refusedAtW, serviceManifest } from './lab';

// Hand-written objects that a strict API server refuses by rules of its Go validation that no schema
// states: source ranges given by the old annotation (ValidateService checks it as it checks the field,
// through GetLoadBalancerSourceRanges), and a spread constraint whose matchLabelKeys have no labelSelector
// to narrow (validateMatchLabelKeysInTopologySpread), and a StorageClass whose allowed topology names a key
// that is no label key (ValidateTopologySelectorTerm). Server-side apply keys some lists by fields of their
// entries (x-kubernetes-list-map-keys) and refuses an entry whose key an earlier one has: env by name,
// hostAliases by ip, imagePullSecrets by name, ownerReferences by uid; a custom resource's keyed lists
// (x-kubernetes-list-type: map in its CRD) are refused with a key twice by the API server itself.

const SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';
/** The Service `w` of type `type` that selects the good Deployment, with the source-ranges annotation `ranges`. */
const annotated = (type: string, ranges: string) => besideWeb(serviceManifest('w', { type }, { annotations: { [SOURCE_RANGES]: ranges } }));
/** A StorageClass `w` of the local-path provisioner, its volumes allowed where the node label `key` has the value `gpu1`. */
const zonedClass = (key: string) => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'w' }, provisioner: 'rancher.io/local-path',
  volumeBindingMode: 'WaitForFirstConsumer', allowedTopologies: [{ matchLabelExpressions: [{ key, values: ['gpu1'] }] }],
});
/** The gateway's certificate declared, as a lab that routes through the Gateway has it, then `build`. */
const onGateway = (build: (c: ClusterChart) => void) => guarded((c: ClusterChart) => {
  declareExternal(c, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  build(c);
});
/** A spread constraint over the hosts that only DoNotSchedule enforces; `extra` adds to it. */
const spread = (extra: Record<string, unknown>) => ({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', ...extra });

export const CASES: BadInput[] = [
  refusedAtW('a ClusterIP Service with the source-ranges annotation', annotated('ClusterIP', '192.168.1.0/24'),
    `metadata.annotations.${SOURCE_RANGES}`, /LoadBalancer/),
  refusedAtW('a NodePort Service with an empty source-ranges annotation', annotated('NodePort', ''),
    `metadata.annotations.${SOURCE_RANGES}`, /drop the annotation/),
  refusedAtW('a LoadBalancer Service whose source-ranges annotation holds a bare address', annotated('LoadBalancer', '192.168.1.0/24, 192.168.2.7'),
    `metadata.annotations.${SOURCE_RANGES}`, /192\.168\.2\.7\/32/),
  refusedAtW('a LoadBalancer Service whose source-ranges annotation ends in a comma', annotated('LoadBalancer', '192.168.1.0/24,'),
    `metadata.annotations.${SOURCE_RANGES}`, /comma-separated/),
  refusedAtW('a spread constraint with matchLabelKeys and no labelSelector', (c) => {
    raw(c, 'w', podWithContainer({}, { topologySpreadConstraints: [spread({ matchLabelKeys: ['pod-template-hash'] })] }));
  }, 'spec.template.spec.topologySpreadConstraints[0].matchLabelKeys', /labelSelector/),
  refusedAtW('a StorageClass topology keyed by a label key with a space', (c) => {
    raw(c, 'w', zonedClass('kubernetes.io/host name'));
  }, 'allowedTopologies[0].matchLabelExpressions[0].key', /kubernetes\.io\/hostname/),
  refusedAtW('a StorageClass topology keyed by a label key with an upper-case prefix', (c) => {
    raw(c, 'w', zonedClass('Topology.Kubernetes.io/zone'));
  }, 'allowedTopologies[0].matchLabelExpressions[0].key'),
  refusedAtW('a container that sets one environment variable twice', (c) => {
    raw(c, 'w', podWithContainer({ env: [{ name: 'TZ', value: 'Europe/Berlin' }, { name: 'LOG_LEVEL', value: 'info' }, { name: 'TZ', value: 'UTC' }] }));
  }, 'spec.template.spec.containers[0].env[2].name', /one entry/),
  refusedAtW('an init container that sets one environment variable twice', (c) => {
    const init = goodContainer({ name: 'migrate', ports: undefined, readinessProbe: undefined, env: [{ name: 'DB_HOST', value: 'db' }, { name: 'DB_HOST', value: 'db.web' }] });
    raw(c, 'w', podWithContainer({}, { initContainers: [init] }));
  }, 'spec.template.spec.initContainers[0].env[1].name'),
  refusedAtW('a pod with one host alias address twice', (c) => {
    raw(c, 'w', podWithContainer({}, { hostAliases: [{ ip: '10.0.0.9', hostnames: ['nas'] }, { ip: '10.0.0.9', hostnames: ['nas.lab.test'] }] }));
  }, 'spec.template.spec.hostAliases[1].ip', /hostnames of hostAliases\[0\]/),
  refusedAtW('a pod that lists one pull Secret twice', (c) => {
    raw(c, 'registry', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'registry', namespace: 'web' }, type: 'kubernetes.io/dockerconfigjson' });
    raw(c, 'w', podWithContainer({}, { imagePullSecrets: [{ name: 'registry' }, { name: 'registry' }] }));
  }, 'spec.template.spec.imagePullSecrets[1].name'),
  refusedAtW('an object that references one owner twice', (c) => {
    const owner = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd9607e19-f88f-11e6-a518-42010a800195' };
    raw(c, 'w', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w', namespace: 'web', ownerReferences: [owner, { ...owner }] }, data: {} });
  }, 'metadata.ownerReferences[1].uid'),
  {
    name: 'a Knative Service whose container sets one environment variable twice',
    build: onGateway((c) => {
      new Knative(c, 'knative', { eventing: false });
      raw(c, 'w', {
        apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'fn', namespace: 'web' },
        spec: { template: { spec: {
          containers: [goodContainer({ ports: [{ containerPort: 8080 }], env: [{ name: 'TARGET', value: 'a' }, { name: 'TARGET', value: 'b' }] })],
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        } } },
      });
    }),
    gatewayCluster: true, layer: 'schema', path: 'w', field: 'spec.template.spec.containers[0].env[1]', message: /name="TARGET"/,
  },
  {
    name: 'an HTTPRoute filter that sets one request header twice',
    build: onGateway((c) => {
      raw(c, 'workload', goodDeployment());
      raw(c, 'svc', serviceManifest('web'));
      raw(c, 'w', {
        apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'w', namespace: 'web' },
        spec: {
          parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }], hostnames: ['web.lab.test'],
          rules: [{
            filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Forwarded-Proto', value: 'https' }, { name: 'X-Forwarded-Proto', value: 'http' }] } }],
            backendRefs: [{ name: 'web', port: 80 }],
          }],
        },
      });
    }),
    gatewayCluster: true, layer: 'schema', path: 'w', field: 'spec.rules[0].filters[0].requestHeaderModifier.set[1]',
  },
];
