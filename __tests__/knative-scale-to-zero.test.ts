import type { App as CdkApp } from 'cdk8s';
import { cilium, ciliumLoadBalancer, declareExternal, gatewayApi, Knative } from '../constructs';
import type { ClusterChart, KnativeProps } from '../constructs';
import { guarded, lab, labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

// A Knative Service scales to zero once it has had no request for the autoscaler's stable window. The
// window is written into config-autoscaler, so that what the cluster does is read in its output, not in
// the defaults of whichever Knative release runs.

/** The KnativeServing and the error findings of a lab cluster running Knative with `knative`. */
function serving(knative: KnativeProps) {
  const result = synthInMemory((scope) => {
    const cluster = labCluster(scope as CdkApp, 'main', {
      cni: cilium({ k8sServiceHost: 'localhost', k8sServicePort: 7445, gatewayApi: {} }),
      loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.vips] }),
      routes: gatewayApi({ gatewayClassName: 'cilium', namespace: 'ingress', address: lab.pools.vips.at('10.0.8.10'), routeNamespaces: ['apps'] }),
    });
    declareExternal(cluster, { secrets: [{ namespace: 'ingress', name: 'main-gateway-tls' }] });
    guarded((c: ClusterChart) => new Knative(c, 'knative', { eventing: false, ...knative }))(cluster);
  });
  const knativeServing = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)).find((o) => o.kind === 'KnativeServing');
  return { autoscaler: knativeServing?.spec.config.autoscaler, errors: result.findings.filter((f) => f.severity === 'error') };
}

test("scale to zero is on, after Knative's own 60 s stable window unless told otherwise", () => {
  const { autoscaler, errors } = serving({});
  expect(errors).toEqual([]);
  expect(autoscaler).toEqual({ 'enable-scale-to-zero': 'true', 'stable-window': '60s' });
});

test('scaleToZeroAfter sets the stable window', () => {
  expect(serving({ scaleToZeroAfter: '5m' }).autoscaler['stable-window']).toBe('5m');
});

test.each(['2s', '2h'])('a window of %s, outside the 6s–1h the autoscaler takes, is one error on scaleToZeroAfter', (window) => {
  const { errors } = serving({ scaleToZeroAfter: window });
  expect(errors.map((f) => [f.constructPath, f.field, f.hint])).toEqual([['main/knative', 'scaleToZeroAfter', "give a duration from 6s to 1h, e.g. '60s'"]]);
  expect(errors[0].message).toContain(`not ${window}`);
});
