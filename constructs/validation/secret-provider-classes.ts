import { SECRETS_STORE_CSI_DRIVER } from '../platform/components/secrets-store-csi';
import type { SynthesizedCluster } from '../synth/collect';
import { externalIndexOf } from './external';
import type { Finding } from './finding';
import { fields, keyOf, list, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { admittedPodTemplates } from './pod-spec';

const layer = 'references' as const;

/**
 * A pod's Secrets Store CSI volume names a SecretProviderClass of the pod's own namespace: the driver looks
 * the class up there (`failed to get secretproviderclass web/spc`), so a class of another namespace, or
 * none, leaves the pod waiting for its mount. A class of this repository needs the driver's CRD, which the
 * "provided by" check ties to the driver component, so the driver is installed wherever the class is.
 */
export function checkSecretProviderClasses(cluster: SynthesizedCluster): Finding[] {
  // A Knative Service's revisions mount the volumes of its template like any workload's pods.
  const templates = admittedPodTemplates(cluster.objects);
  if (!templates.some((t) => list(t.spec.volumes).some((v) => fields(v.csi).driver === SECRETS_STORE_CSI_DRIVER))) {
    return [];
  }
  const index = indexOf(cluster.objects);
  const external = externalIndexOf(cluster);
  const classes = index.of('SecretProviderClass');
  const findings: Finding[] = [];
  for (const template of templates) {
    list(template.spec.volumes).forEach((volume, i) => {
      const csi = fields(volume.csi);
      if (csi.driver !== SECRETS_STORE_CSI_DRIVER) {
        return;
      }
      const field = `${template.specPath}.volumes[${i}].csi.volumeAttributes.secretProviderClass`;
      const name = text(fields(csi.volumeAttributes).secretProviderClass) ?? '';
      const namespace = template.namespace;
      if (index.find('SecretProviderClass', namespace, name) || external.secretProviderClasses.has(keyOf(namespace, name))) {
        return;
      }
      const elsewhere = classes.filter((c) => text(fields(c.manifest.metadata).name) === name).map(namespaceOf).sort();
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field,
        message: name === ''
          ? 'the Secrets Store CSI volume names no SecretProviderClass'
          : elsewhere.length > 0
            ? `SecretProviderClass "${name}" is in namespace ${elsewhere.map((n) => `"${n}"`).join(', ')}, not in "${namespace}" of the pod; the CSI driver looks it up in the pod's namespace`
            : `SecretProviderClass "${name}" does not exist in namespace "${namespace}"; the CSI driver cannot mount the volume`,
        hint: elsewhere.length > 0
          ? `declare the SecretProviderClass in namespace "${namespace}" (VaultSecretProviderClass namespace: '${namespace}'), one per namespace that mounts it`
          : `declare a VaultSecretProviderClass in namespace "${namespace}" (it installs the Secrets Store CSI driver and its Vault provider), `
            + 'or declareExternal(scope, { secretProviderClasses: [...] }) for one made, with the driver, outside this repository',
      }));
    });
  }
  return findings;
}
