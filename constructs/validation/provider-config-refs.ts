import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';
import { platformReading } from './platform-reading';

// A Crossplane managed resource is reconciled with the ProviderConfig its `spec.providerConfigRef` names (`default`
// when it names none): the Provider marks the resource "cannot get ProviderConfig" and creates nothing until one of
// that name exists, while the API server takes the resource without a word.

/** The group of a managed resource's group that holds its Provider's ProviderConfig kind: itself or a parent domain. */
function configGroupOf(group: string, configGroups: ReadonlySet<string>): string | undefined {
  for (let rest = group; rest.includes('.'); rest = rest.slice(rest.indexOf('.') + 1)) {
    if (configGroups.has(rest)) {
      return rest;
    }
  }
  return undefined;
}

/**
 * A cluster-scoped managed resource (an object with `spec.forProvider`) of a Provider the cluster's components
 * install names a ProviderConfig of its Provider that the output holds. A ProviderConfig kind of a preinstalled
 * Crossplane is the owner's, made outside the repository, and is not judged; nor are namespaced managed resources,
 * which may name a ClusterProviderConfig.
 */
export function checkProviderConfigRefs(cluster: SynthesizedCluster): Finding[] {
  const configGroups = new Set(platformReading(cluster).components.flatMap((component) => component.crds)
    .filter((crd) => crd.kinds.includes('ProviderConfig')).map((crd) => crd.group));
  if (configGroups.size === 0) {
    return [];
  }
  const configs = new Map<string, string[]>();
  for (const object of cluster.objects) {
    const group = object.manifest.apiVersion.split('/')[0];
    if (object.manifest.kind === 'ProviderConfig' && configGroups.has(group)) {
      configs.set(group, [...(configs.get(group) ?? []), object.manifest.metadata.name]);
    }
  }
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    const { apiVersion, kind, metadata } = object.manifest;
    const spec = fields(object.manifest.spec);
    if (kind === 'ProviderConfig' || kind === 'ProviderConfigUsage' || !apiVersion.includes('/') || metadata.namespace !== undefined || spec.forProvider === undefined) {
      continue;
    }
    const configGroup = configGroupOf(apiVersion.split('/')[0], configGroups);
    const named = text(fields(spec.providerConfigRef).name);
    const wanted = named ?? 'default';
    const made = configGroup === undefined ? [] : configs.get(configGroup) ?? [];
    if (configGroup === undefined || made.includes(wanted)) {
      continue;
    }
    findings.push(objectFinding(object, {
      layer: 'references', severity: 'error', field: named === undefined ? 'spec.providerConfigRef' : 'spec.providerConfigRef.name',
      message: `${named === undefined ? 'names no ProviderConfig, so its Provider reads the one named default' : `names ProviderConfig ${wanted}`}, and the cluster has no ProviderConfig ${wanted} of ${configGroup}`
        + `${made.length > 0 ? ` (it has ${made.join(', ')})` : ''}: the Provider reports "cannot get ProviderConfig" and creates nothing`,
      hint: made.length > 0
        ? `name one of them: providerConfigRef: { name: '${made[0]}' }, or add ProviderConfig ${wanted} with addProviderConfig({ name: '${wanted}', apiVersion: '${configGroup}/…', spec })`
        : `add it with the cluster's CrossplaneProviders: addProviderConfig({ name: '${wanted}', apiVersion: '${configGroup}/…', spec: { credentials: … } })`,
    }));
  }
  return findings;
}
