import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding } from './manifest';
import { claimBytes, NamespaceClaim, namespaceClaims } from './namespace-claims';
import { indexOf } from './object-index';
import { quantityValue } from './quantity';
import { hasScopes } from './quota-resources';

const layer = 'references' as const;
const CLASS_QUOTA = /^(.+)\.storageclass\.storage\.k8s\.io\/(requests\.storage|persistentvolumeclaims)$/;

/** What the repository puts in a namespace that a quota's `hard` counts: its claims and its Services. */
interface NamespaceContents {
  readonly claims: readonly NamespaceClaim[];
  readonly services: readonly SynthesizedObject[];
}

/** What one `hard` entry counts of `contents`: the amount, how to show it, and what holds it; undefined for an entry this check does not add up. Pure. */
function usage(name: string, contents: NamespaceContents): { readonly used: number; readonly shown: string; readonly holders: readonly string[] } | undefined {
  const byClass = CLASS_QUOTA.exec(name);
  // A claim that names no class gets the cluster's default, which the repository may not know: left out of a class's quota.
  const claims = byClass ? contents.claims.filter((c) => c.storageClassName === byClass[1]) : contents.claims;
  const counted = byClass ? byClass[2] : name;
  if (counted === 'persistentvolumeclaims' || counted === 'count/persistentvolumeclaims') {
    const used = claims.reduce((total, c) => total + c.count, 0);
    return { used, shown: String(used), holders: claims.map((c) => c.label) };
  }
  if (counted === 'requests.storage') {
    const used = claims.reduce((total, c) => total + c.count * claimBytes(c), 0);
    return { used, shown: bytesText(used), holders: claims.filter((c) => claimBytes(c) > 0).map((c) => `${c.label} (${String(c.storage)})`) };
  }
  const services = counted === 'services.loadbalancers'
    ? contents.services.filter((s) => fields(s.manifest.spec).type === 'LoadBalancer')
    : counted === 'services' || counted === 'count/services' ? contents.services : undefined;
  return services && { used: services.length, shown: String(services.length), holders: services.map((s) => `Service ${namespaceOf(s)}/${s.manifest.metadata.name}`) };
}

function bytesText(bytes: number): string {
  const gibibytes = bytes / 2 ** 30;
  return Number.isInteger(gibibytes) ? `${gibibytes}Gi` : `${Math.ceil(bytes / 2 ** 20)}Mi`;
}

/**
 * A ResourceQuota's claims, storage and Services count the objects of its namespace as they are created:
 * the API server refuses the claim or Service that would take the namespace past `hard` ("exceeded quota"),
 * so the apply fails, and a StatefulSet's controller cannot make the claims its pods wait for. Only what the
 * repository renders is added up (a chart installed by a HelmRelease makes more); quotas with scopes count
 * pods alone and are left out. The error is on the quota's entry, naming what it refuses.
 */
export function checkQuotaObjects(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const quotas = index.of('ResourceQuota').filter((q) => q.manifest.apiVersion === 'v1' && !hasScopes(fields(q.manifest.spec)));
  if (quotas.length === 0) {
    return [];
  }
  const claims = namespaceClaims(cluster.objects);
  const services = index.of('Service').filter((s) => s.manifest.apiVersion === 'v1');
  return quotas.flatMap((quota) => {
    const namespace = namespaceOf(quota);
    const contents = { claims: claims.filter((c) => c.namespace === namespace), services: services.filter((s) => namespaceOf(s) === namespace) };
    const hard = fields(fields(quota.manifest.spec).hard);
    return Object.keys(hard).flatMap((name) => {
      const [allowed, used] = [quantityValue(hard[name]), usage(name, contents)];
      if (allowed === undefined || allowed < 0 || used === undefined || used.used <= allowed * (1 + 1e-9)) {
        return [];
      }
      return [objectFinding(quota, {
        layer, severity: 'error', field: `spec.hard["${name}"]`,
        message: `ResourceQuota ${namespace}/${quota.manifest.metadata.name} allows ${String(hard[name])} of ${name}, but the repository puts ${used.shown} in namespace ${namespace} `
          + `(${used.holders.join(', ')}): the API server refuses what takes the namespace past it ("exceeded quota"), so the apply fails`,
        hint: `raise ${name} to at least ${used.shown}, or make ${name.includes('storage') ? 'the claims smaller' : 'fewer of them'} in namespace ${namespace}`,
      })];
    });
  });
}
