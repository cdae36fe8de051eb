import { App as CdkApp } from 'cdk8s';
import { cilium, ciliumOnTalos, NO_LOGIN_ANNOTATION, NODE_COLLECTOR_ROOT_REASON, openTelemetryNodeCollector, ServiceRoute, synthesize, talos, UNVERIFIED_KUBELET_TLS_ANNOTATION } from '../constructs';
import type { ClusterChartProps } from '../constructs';
import { labCluster } from './bad-input/lab';

// The exemptions of who reaches what: an admin UI routed without a login, kubelets whose certificates the
// node collector does not verify. Each is a typed option whose reason the output carries.

const OTLP = { export: { endpoint: 'otel.lab.test:4317' } };
const TALOS: Partial<ClusterChartProps> = { storage: {}, cni: cilium({ ...ciliumOnTalos() }) };

function synth(build: (app: CdkApp) => void) {
  const app = new CdkApp();
  build(app);
  const result = synthesize(app, { outdir: 'unused', write: false });
  return { errors: result.findings.filter((f) => f.severity === 'error'), objects: result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)), result };
}

test('Hubble UI routed without a login carries the reason on its route', () => {
  const { errors, objects } = synth((app) => {
    const cluster = labCluster(app);
    new ServiceRoute(cluster, 'hubble', { host: 'hubble', namespace: 'kube-system', serviceName: 'hubble-ui', port: 80, exemptions: { noLogin: 'reached only through the admins\' VPN' } });
  });
  expect(errors).toEqual([]);
  const route = objects.find((o) => o.metadata?.name === 'hubble' && o.metadata.namespace === 'kube-system');
  expect(route.metadata.annotations[NO_LOGIN_ANNOTATION]).toBe("reached only through the admins' VPN");
});

test('a Service that is no known admin UI is still routed without a login or an exemption', () => {
  const { errors } = synth((app) => new ServiceRoute(labCluster(app), 'grafana', { host: 'grafana', namespace: 'default', serviceName: 'grafana', port: 80 }));
  expect(errors).toEqual([]);
});

test("the node collector's unverified kubelet TLS: skipped, annotated on its pods, said in the README; no approver or rotation on Talos", () => {
  const reason = 'the kubelets sign their own serving certificates';
  const { errors, objects, result } = synth((app) => {
    labCluster(app, 'edge', { ...TALOS, preinstalled: [talos({ allowSchedulingOnControlPlanes: true })] })
      .platform.require(openTelemetryNodeCollector({ ...OTLP, exemptions: { unverifiedKubeletTls: reason } }));
  });
  expect(errors).toEqual([]);
  const values = objects.find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'otel-node-collector').spec.values;
  expect(values.config.receivers.kubeletstats).toEqual({ insecure_skip_verify: true });
  expect(values.podAnnotations).toEqual({ [UNVERIFIED_KUBELET_TLS_ANNOTATION]: reason, 'security.homelab.dev/run-as-root': NODE_COLLECTOR_ROOT_REASON });
  expect(objects.find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'kubelet-csr-approver')).toBeUndefined();
  const readme = result.files.get('lab/edge/README.md')!;
  expect(readme).toContain(`the kubelets' serving certificates are not verified: ${reason}`);
  expect(readme).not.toContain('rotate-server-certificates');
});

test('talos({ kubeletServingCertificates: true }) turns rotation on and installs the approver without a verifying component', () => {
  const { errors, objects, result } = synth((app) => labCluster(app, 'edge', { ...TALOS, preinstalled: [talos({ allowSchedulingOnControlPlanes: true, kubeletServingCertificates: true })] }));
  expect(errors).toEqual([]);
  const approver = objects.find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'kubelet-csr-approver');
  expect(approver.spec.values).toMatchObject({ providerRegex: '^(arm1|gpu1)$', providerIpPrefixes: ['10.0.0.1/32', '10.0.0.2/32'], bypassDnsResolution: true });
  expect(result.files.get('lab/edge/README.md')).toContain('"kubelet":{"extraArgs":{"rotate-server-certificates":true}}');
});
