import type { App as CdkApp } from 'cdk8s';
import { AppController, cilium, ciliumLoadBalancer, declareExternal, gatewayApi, HomelabApp, Knative } from '../constructs';
import type { AppProps } from '../constructs';
import { arm1, lab, labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

// Knative's webhook refuses a pod field of a Knative Service that its feature flag leaves off (`must not set
// the field(s): spec.template.spec.nodeSelector`). An app's intent renders some of them: its GPU, pool or
// placement as node selector, affinity, tolerations and runtime class; env from the pod's fields. The
// KnativeServing that `Knative` writes turns on each.

/** The pod spec field of a Knative Service, and the flag of config-features that lets Knative take it. */
const FEATURE_OF: ReadonlyArray<[string, string]> = [
  ['affinity', 'kubernetes.podspec-affinity'], ['nodeSelector', 'kubernetes.podspec-nodeselector'],
  ['tolerations', 'kubernetes.podspec-tolerations'], ['runtimeClassName', 'kubernetes.podspec-runtimeclassname'],
];

function knativeApp(props: Partial<AppProps>) {
  const result = synthInMemory((scope) => {
    const cluster = labCluster(scope as CdkApp, 'main', {
      cni: cilium({ k8sServiceHost: 'localhost', k8sServicePort: 7445, gatewayApi: {} }),
      loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.vips] }),
      routes: gatewayApi({ gatewayClassName: 'cilium', namespace: 'ingress', address: lab.pools.vips.at('10.0.8.10') }),
    });
    declareExternal(cluster, { secrets: [{ namespace: 'ingress', name: 'main-gateway-tls' }] });
    new Knative(cluster, 'knative', { eventing: false });
    new HomelabApp(cluster, 'hello', { image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: [{ name: 'http', port: 8080 }], controller: AppController.knative(), ...props });
  });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  const features: Record<string, string> = manifests.find((o) => o.kind === 'KnativeServing')?.spec.config.features ?? {};
  const pod = manifests.find((o) => o.kind === 'Service' && String(o.apiVersion).startsWith('serving.knative.dev/'))?.spec.template.spec ?? {};
  return { features, pod, errors: result.findings.filter((f) => f.severity === 'error').map((f) => `${f.field}: ${f.message}`) };
}

test.each([
  ['an NVIDIA GPU', { gpu: { vendor: 'nvidia' } }],
  ['a place on a tainted host', { placement: { hosts: [arm1] } }],
])("a Knative Service with %s renders only pod fields Knative's features let through", (_what, props) => {
  const { features, pod, errors } = knativeApp(props as Partial<AppProps>);
  expect(errors).toEqual([]);
  const used = FEATURE_OF.filter(([field]) => pod[field] !== undefined);
  expect(used.length).toBeGreaterThan(0);
  expect(used.filter(([, feature]) => features[feature] !== 'enabled').map(([field]) => field)).toEqual([]);
});

test("env read from the pod's fields is let through", () => {
  const { features, pod, errors } = knativeApp({ env: { NODE_NAME: { fieldPath: 'spec.nodeName' } } });
  expect(errors).toEqual([]);
  expect(pod.containers[0].env[0].valueFrom.fieldRef.fieldPath).toBe('spec.nodeName');
  expect(features['kubernetes.podspec-fieldref']).toBe('enabled');
});
