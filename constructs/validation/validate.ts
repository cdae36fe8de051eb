import type { SynthesizedCluster } from '../synth/collect';
import type { NamedCheck } from './check';
import { Finding, reportedFindings, ValidationLayer } from './finding';
import { INVENTORY_CHECKS } from './inventory';
import { POLICY_CHECKS } from './policy';
import { PROVIDED_CHECKS } from './provided';
import { REFERENCE_CHECKS } from './references';
import { checkSchemas } from './schema-layer';
import { checkContainerRules } from './container-rules';
import { checkObjectIdentity, checkSystemNamespaces } from './identity';
import { checkObjectRules } from './object-rules';
import { checkHostUse, checkSiteAddresses } from './site-addresses';

export type { ClusterCheck, NamedCheck } from './check';

/** The outcome of validating a set of clusters. */
export interface ValidationReport {
  /** Every finding, errors and warnings, in layer order. */
  readonly findings: Finding[];
  /** Names of the checks that ran. */
  readonly checks: string[];
}

const LAYER_ORDER: readonly ValidationLayer[] = ['props', 'schema', 'references', 'inventory', 'policy'];

/**
 * The checks that run on every synth, in layer order: schema, references, inventory, policy.
 * The schema layer comes first, so later layers meet well-formed objects.
 */
export const CLUSTER_CHECKS: readonly NamedCheck[] = [
  { name: 'upstream-schemas', layer: 'schema', check: checkSchemas },
  { name: 'container-rules', layer: 'schema', check: checkContainerRules },
  { name: 'object-rules', layer: 'schema', check: checkObjectRules },
  ...REFERENCE_CHECKS,
  { name: 'object-identity', layer: 'references', check: checkObjectIdentity },
  ...PROVIDED_CHECKS,
  ...INVENTORY_CHECKS,
  { name: 'site-addresses', layer: 'inventory', check: checkSiteAddresses },
  { name: 'host-use', layer: 'inventory', check: checkHostUse },
  ...POLICY_CHECKS,
  { name: 'system-namespaces', layer: 'policy', check: checkSystemNamespaces },
];

/**
 * Validates everything before anything is written: problems constructs reported about their props,
 * then every check over the synthesized objects. All findings are returned together, errors of every
 * layer at once.
 */
export function validateClusters(
  clusters: readonly SynthesizedCluster[],
  checks: readonly NamedCheck[] = CLUSTER_CHECKS,
): ValidationReport {
  const findings = reportedFindings(clusters);
  for (const cluster of clusters) {
    for (const { check } of checks) {
      findings.push(...check(cluster, clusters));
    }
  }
  const rank = (finding: Finding) => LAYER_ORDER.indexOf(finding.layer);
  findings.sort((a, b) => rank(a) - rank(b));
  return { findings, checks: ['construct-props', ...checks.map((c) => c.name)] };
}
