import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import {
  ClusterChart, ClusterChartProps, crossplane, CROSSPLANE_PROVIDERS, CrossplaneProviders, declareExternal, externalDnsComponent, gatekeeper,
  openTelemetryClusterCollector, openTelemetryNodeCollector, RequiredPodLabels, SealedSecret, SecretReference, synthesize, tailscaleLoadBalancer,
  useCertManager, VaultClusterSecretStore,
} from '../constructs';
import type { PlatformComponentProps } from '../constructs/platform/component';
import { labCluster, raw } from './bad-input/lab';

// A user's size for a part of a component the cluster brings itself reaches that part's chart values (or
// the patch of its upstream files) through the cluster's `componentResources`, merged key by key into the
// library's size, and the other parts keep theirs.

const unused = path.join(os.tmpdir(), 'unused');
const SEALED = `Ag${'B'.repeat(720)}==`;

/** The lab's cluster `main` with `props`, built by `add`, synthesized without writing. */
function synthLab(props: Partial<ClusterChartProps>, add: (cluster: ClusterChart) => void = () => undefined) {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', props);
  add(cluster);
  const result = synthesize(app, { outdir: unused, write: false });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as Record<string, any>));
  const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata?.name === name);
  const values = (name: string) => {
    const install = manifests.find((m) => ['HelmRelease', 'Application'].includes(m.kind) && m.metadata?.name === name)!;
    return install.spec.values ?? install.spec.source?.helm?.valuesObject;
  };
  return { errors: result.findings.filter((f) => f.severity === 'error').map((f) => `${f.field}: ${f.message}`), find, values };
}

/** The value at `keys` of a component's Helm values. */
function valueAt(props: PlatformComponentProps, keys: readonly string[]): any {
  const values = props.install.type === 'helm' ? props.install.values : {};
  return keys.reduce<any>((v, k) => v?.[k], values);
}

test("cert-manager and the External Secrets Operator take the sizes of the cluster's componentResources by part", () => {
  const { errors, values } = synthLab({
    componentResources: {
      certManager: { cainjector: { memoryLimit: '512Mi' }, webhook: { cpuRequest: '5m' } },
      externalSecretsOperator: { controller: { memoryRequest: '512Mi' } },
    },
  }, (cluster) => {
    useCertManager(cluster);
    new VaultClusterSecretStore(cluster, 'vs', { name: 'vault', server: 'https://bao.lab.test', role: 'eso' });
  });
  expect(errors.filter((e) => /resources/i.test(e))).toEqual([]);
  expect(values('cert-manager').cainjector.resources).toEqual({ requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '512Mi' } });
  expect(values('cert-manager').webhook.resources.requests.cpu).toBe('5m');
  expect(values('cert-manager').resources).toEqual({ requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi' } });
  // A request above the default limit lifts the limit with it.
  expect(values('external-secrets').resources).toEqual({ requests: { cpu: '10m', memory: '512Mi' }, limits: { memory: '512Mi' } });
  expect(values('external-secrets').certController.resources.limits.memory).toBe('256Mi');
});

test('Sealed Secrets, KubeVirt, CDI and Multus, brought by the kinds they serve, take the cluster\'s sizes', () => {
  const { errors, values, find } = synthLab({
    componentResources: {
      sealedSecrets: { controller: { memoryLimit: '256Mi' } },
      kubeVirt: { operator: { memoryRequest: '600Mi' } },
      cdi: { operator: { cpuRequest: '50m' } },
      multus: { daemon: { memoryLimit: '1Gi' } },
    },
  }, (cluster) => {
    declareExternal(cluster, { namespaces: ['web'] });
    new SealedSecret(cluster, 'db', { namespace: 'web', encryptedData: { password: SEALED } });
    raw(cluster, 'nad', { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'lan', namespace: 'web' }, spec: { config: '{"cniVersion":"0.3.1","type":"macvlan","master":"eth0","ipam":{"type":"dhcp"}}' } });
    raw(cluster, 'dv', { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name: 'disk', namespace: 'web' }, spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '1Gi' } } } } });
  });
  expect(errors.filter((e) => /resources/i.test(e))).toEqual([]);
  expect(values('sealed-secrets').resources).toEqual({ requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '256Mi' } });
  expect(values('kubevirt').operator.resources).toEqual({ requests: { cpu: '10m', memory: '600Mi' }, limits: { memory: '1Gi' } });
  expect(values('cdi').deployment.resources).toEqual({ requests: { cpu: '50m', memory: '150Mi' }, limits: { memory: '512Mi' } });
  // Multus comes from upstream files: the Kustomization patches its DaemonSet's container.
  expect(find('Kustomization', 'multus')!.spec.patches).toEqual([{
    patch: '[{"op":"add","path":"/spec/template/spec/containers/0/resources","value":{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"memory":"1Gi"}}}]',
    target: { kind: 'DaemonSet', name: 'kube-multus-ds' },
  }]);
});

test("Gatekeeper, Crossplane and OpenEBS ZFS take the sizes of the cluster's componentResources by part", () => {
  const { errors, values } = synthLab({
    componentResources: {
      gatekeeper: { audit: { memoryLimit: '1Gi' } },
      crossplane: { rbacManager: { memoryLimit: '64Mi' } },
      openEbsZfs: { node: { cpuRequest: '20m' } },
    },
  }, (cluster) => {
    new RequiredPodLabels(cluster, 'owner', { labels: ['owner'] });
    new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.kubernetes]);
  });
  expect(errors.filter((e) => /resources/i.test(e))).toEqual([]);
  expect(values('gatekeeper').audit.resources).toEqual({ requests: { cpu: '50m', memory: '256Mi' }, limits: { memory: '1Gi' } });
  expect(values('gatekeeper').controllerManager.resources.limits.memory).toBe('512Mi');
  // A limit below the default request caps the request.
  expect(values('crossplane').resourcesRBACManager).toEqual({ requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } });
  expect(values('crossplane').resourcesCrossplane.limits.memory).toBe('512Mi');
  expect(values('openebs-zfs').zfsNode.resources.requests.cpu).toBe('20m');
  expect(values('openebs-zfs').zfsController.resources.requests.cpu).toBe('10m');
});

test("the Tailscale operator and the ProxyClass of its proxies take the cluster's sizes", () => {
  const { errors, values, find } = synthLab({
    loadBalancer: tailscaleLoadBalancer(),
    componentResources: { tailscaleOperator: { operator: { memoryLimit: '512Mi' }, proxy: { cpuRequest: '50m' } } },
  });
  expect(errors.filter((e) => /resources/i.test(e))).toEqual([]);
  expect(values('tailscale-operator').operatorConfig.resources).toEqual({ requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '512Mi' } });
  const pod = find('ProxyClass', 'homelab-proxies')!.spec.statefulSet.pod;
  expect(pod.tailscaleContainer.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
  expect(pod.tailscaleInitContainer.resources.requests.cpu).toBe('50m');
});

test('external-dns, the OpenTelemetry collectors, and Gatekeeper and Crossplane asked for directly take their resources option', () => {
  const dns = externalDnsComponent({
    provider: { kind: 'cloudflare', apiToken: SecretReference.external('external-dns', 'cloudflare', 'token') }, domains: ['lab.test'], ownerId: 'lab',
    resources: { externalDns: { memoryLimit: '256Mi' } },
  });
  expect(valueAt(dns, ['resources'])).toEqual({ requests: { cpu: '10m', memory: '48Mi' }, limits: { memory: '256Mi' } });
  expect(valueAt(dns, ['provider', 'webhook'])).toBeUndefined();
  const adguard = externalDnsComponent({
    provider: {
      kind: 'adguard', url: 'http://adguard.lab.test', username: SecretReference.external('external-dns', 'adguard', 'user'),
      password: SecretReference.external('external-dns', 'adguard', 'password'),
    },
    domains: ['lab.test'], ownerId: 'lab', resources: { webhook: { memoryLimit: '96Mi' } },
  });
  expect(valueAt(adguard, ['provider', 'webhook', 'resources'])).toEqual({ requests: { cpu: '10m', memory: '48Mi' }, limits: { memory: '96Mi' } });
  expect(valueAt(adguard, ['resources'])).toEqual({ requests: { cpu: '10m', memory: '48Mi' }, limits: { memory: '192Mi' } });
  const otlp = { endpoint: 'otel-gateway.lab.test:4317' };
  expect(valueAt(openTelemetryNodeCollector({ export: otlp, resources: { collector: { memoryLimit: '1Gi' } } }), ['resources']))
    .toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } });
  expect(valueAt(openTelemetryClusterCollector({ export: otlp, resources: { collector: { cpuLimit: '200m' } } }), ['resources']))
    .toEqual({ requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi', cpu: '200m' } });
  expect(valueAt(gatekeeper({ resources: { controller: { memoryRequest: '128Mi' } } }), ['controllerManager', 'resources', 'requests', 'memory'])).toBe('128Mi');
  expect(valueAt(crossplane({ resources: { crossplane: { memoryLimit: '1Gi' } } }), ['resourcesCrossplane', 'limits', 'memory'])).toBe('1Gi');
});

test('a size for a component the cluster does not run is a warning that names what brings it', () => {
  const app = new CdkApp();
  labCluster(app, 'main', { componentResources: { gatekeeper: { audit: { memoryLimit: '1Gi' } }, openEbsZfs: { node: { cpuRequest: '20m' } } } });
  const result = synthesize(app, { outdir: unused, write: false });
  const warnings = result.findings.filter((f) => f.field.startsWith('componentResources'));
  // The lab's ZFS tier brings OpenEBS ZFS; nothing brings Gatekeeper.
  expect(warnings.map((f) => [f.severity, f.field, f.hint])).toEqual([['warning', 'componentResources.gatekeeper', expect.stringContaining('RequiredPodLabels')]]);
});

test('Gatekeeper and Crossplane asked for by the lab with sizes keep them when constructs that need them come after', () => {
  const { errors, values } = synthLab({}, (cluster) => {
    cluster.platform.require(gatekeeper({ resources: { audit: { memoryLimit: '1Gi' } } }));
    cluster.platform.require(crossplane({ resources: { crossplane: { memoryLimit: '1Gi' } } }));
    new RequiredPodLabels(cluster, 'owner', { labels: ['owner'] });
    new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.kubernetes]);
  });
  expect(errors.filter((e) => e.startsWith('components.'))).toEqual([]);
  expect(values('gatekeeper').audit.resources.limits.memory).toBe('1Gi');
  expect(values('crossplane').resourcesCrossplane.limits.memory).toBe('1Gi');
});

test("the cluster's size for a component the lab asks for itself is a warning, not dropped without a word", () => {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { componentResources: { gatekeeper: { audit: { memoryLimit: '2Gi' } } } });
  cluster.platform.require(gatekeeper({ resources: { audit: { memoryLimit: '1Gi' } } }));
  new RequiredPodLabels(cluster, 'owner', { labels: ['owner'] });
  const result = synthesize(app, { outdir: unused, write: false });
  const warnings = result.findings.filter((f) => f.field.startsWith('componentResources'));
  expect(warnings.map((f) => [f.severity, f.field])).toEqual([['warning', 'componentResources.gatekeeper']]);
  expect(warnings[0].hint).toContain('resources option');
});
