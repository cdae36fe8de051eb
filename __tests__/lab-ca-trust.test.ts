import { App as CdkApp } from 'cdk8s';
import { openTelemetryClusterCollector, openTelemetryNodeCollector, synthesize, VaultSecretProviderClass } from '../constructs';
import type { VaultSecretProviderClassProps } from '../constructs';
import { declareExternal } from '../constructs/validation/external';
import { labCluster } from './bad-input/lab';

// Clients of a lab's services whose certificates a lab CA signs (step-ca) trust that CA where they are told
// to, and nothing changes where they are not: the Vault CSI provider reads a class's CA from a file of its
// own pods, the OpenTelemetry collectors from their exporter's configuration.

const LAB_CA = '-----BEGIN CERTIFICATE-----\nMIIBlab\n-----END CERTIFICATE-----\n';
const OBJECTS = [{ objectName: 'key', secretPath: 'secret/data/web', secretKey: 'key' }];

/** The lab's cluster with `build`'s objects, synthesized in memory, with its manifests. */
function synthesized(build: (cluster: ReturnType<typeof labCluster>) => void) {
  const app = new CdkApp();
  const cluster = labCluster(app);
  declareExternal(cluster, { namespaces: ['web', 'shop'] });
  build(cluster);
  const result = synthesize(app, { outdir: 'unused', write: false });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  return {
    errors: result.findings.filter((f) => f.severity === 'error'),
    find: (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name),
  };
}

const spc = (id: string, namespace: string, props: Partial<VaultSecretProviderClassProps> = {}) => (cluster: ReturnType<typeof labCluster>) =>
  new VaultSecretProviderClass(cluster, id, { namespace, vaultAddress: 'https://bao.lab.test:8200', roleName: 'web', objects: OBJECTS, ...props });

describe('VaultSecretProviderClass({ caBundle })', () => {
  test('the class names a file of the provider\'s pods that holds the CA, which the chart mounts from a ConfigMap', () => {
    const { errors, find } = synthesized(spc('spc', 'web', { caBundle: LAB_CA }));
    expect(errors).toEqual([]);
    expect(find('SecretProviderClass', 'spc').spec.parameters.vaultCACertPath).toBe('/vault/trusted-ca/web.spc.pem');
    const configMap = find('ConfigMap', 'vault-csi-provider-trusted-ca');
    expect(configMap.metadata.namespace).toBe('kube-system');
    expect(configMap.data).toEqual({ 'web.spc.pem': LAB_CA });
    const csi = find('HelmRelease', 'vault-csi-provider').spec.values.csi;
    expect(csi.volumes).toEqual([{ name: 'trusted-ca', configMap: { name: 'vault-csi-provider-trusted-ca', optional: true } }]);
    expect(csi.volumeMounts).toEqual([{ name: 'trusted-ca', mountPath: '/vault/trusted-ca', readOnly: true }]);
    // The provider's own values stay beside the mount.
    expect(csi.enabled).toBe(true);
  });

  test('classes of one cluster share the ConfigMap, a file each, and a class without a CA keeps the public roots', () => {
    const { errors, find } = synthesized((cluster) => {
      spc('public', 'web')(cluster);
      spc('spc', 'web', { caBundle: LAB_CA })(cluster);
      spc('shop-spc', 'shop', { name: 'spc', caBundle: LAB_CA })(cluster);
    });
    expect(errors).toEqual([]);
    expect(find('SecretProviderClass', 'public').spec.parameters.vaultCACertPath).toBeUndefined();
    expect(Object.keys(find('ConfigMap', 'vault-csi-provider-trusted-ca').data).sort()).toEqual(['shop.spc.pem', 'web.spc.pem']);
    expect(find('HelmRelease', 'vault-csi-provider').spec.values.csi.volumes).toHaveLength(1);
  });

  test('without a CA, the class, the provider and the ConfigMaps are as before', () => {
    const { find } = synthesized(spc('spc', 'web'));
    expect(find('SecretProviderClass', 'spc').spec.parameters).not.toHaveProperty('vaultCACertPath');
    expect(find('ConfigMap', 'vault-csi-provider-trusted-ca')).toBeUndefined();
    expect(find('HelmRelease', 'vault-csi-provider').spec.values.csi).not.toHaveProperty('volumes');
  });
});

describe('the OpenTelemetry collectors\' export.caBundle', () => {
  const exporter = (props: ReturnType<typeof openTelemetryNodeCollector>) => ((props.install as any).values.config.exporters.otlp);

  test('is the exporter\'s tls.ca_pem, which replaces the public roots for the gateway', () => {
    const target = { endpoint: 'otel.lab.test:4317', caBundle: LAB_CA };
    for (const collector of [openTelemetryNodeCollector({ export: target }), openTelemetryClusterCollector({ export: target })]) {
      expect(exporter(collector)).toEqual({ endpoint: 'otel.lab.test:4317', tls: { insecure: false, ca_pem: LAB_CA } });
    }
  });

  test('left out, the exporter trusts the public roots as before', () => {
    expect(exporter(openTelemetryNodeCollector({ export: { endpoint: 'otel.lab.test:4317' } })).tls).toEqual({ insecure: false });
  });
});
