import { checkIngressNginxPaths } from './ingress-nginx-paths';
import { checkIngressNginxSnippets } from './ingress-nginx-snippets';
import type { SynthesizedCluster } from '../synth/collect';
import { checkAddressesUnique } from './addresses';
import type { NamedCheck, NamedFleetCheck } from './check';
import { ClusterFacts, clusterFacts, checkSites } from './cluster-facts';
import { Finding, reportedFindings, ValidationLayer } from './finding';
import { INVENTORY_CHECKS } from './inventory';
import { checkInventoryProblems } from './inventory-problems';
import { POLICY_CHECKS } from './policy';
import { PROVIDED_CHECKS } from './provided';
import { REFERENCE_CHECKS } from './references';
import { checkSchemas } from './schema-layer';
import { checkSopsDecryption } from '../secrets/sops-decryption';
import { checkContainerRules } from './container-rules';
import { checkObjectIdentity, checkSystemNamespaces } from './identity';
import { checkNodeAgentPorts } from './node-agent-ports';
import { checkNodePortUse } from './node-port-use';
import { checkServiceFamilies } from './service-families';
import { checkObjectRules } from './object-rules';
import { checkUnsetValues } from './unset-values';
import { checkClockValues } from './clock-values';
import { checkHostsUnshared, checkHostUse, checkSiteAddresses } from './site-addresses';
import { checkBootstrapFoldersUnshared } from './bootstrap-folders';
import { checkRouteHostsAcrossClusters } from './site-route-hosts';
import { checkTailnetNamesAcrossClusters } from './tailnet-names';
import { checkNfsClaimFoldersAcrossClusters } from './nfs-claim-folders';
import { onWrittenProps } from './written-props';
import { withoutPlaceholderEchoes } from './substitution-placeholders';

export type { ClusterCheck, FleetCheck, NamedCheck, NamedFleetCheck } from './check';
export type { ClusterFacts } from './cluster-facts';

/** The outcome of validating a set of clusters. */
export interface ValidationReport {
  /** Every finding, errors and warnings, in layer order. */
  readonly findings: Finding[];
  /** Names of the checks that ran. */
  readonly checks: string[];
}

/** The outcome of validating one cluster on its own. */
export interface ClusterValidation {
  /** Findings of the cluster's own checks (constructs' props and every cluster check). */
  readonly findings: Finding[];
  /** What the checks across clusters need to know of it. */
  readonly facts: ClusterFacts;
}

const LAYER_ORDER: readonly ValidationLayer[] = ['props', 'schema', 'references', 'inventory', 'policy'];

/**
 * The checks that run on every synth, in layer order: schema, references, inventory, policy. The
 * schema layer comes first, so later layers meet well-formed objects. Most rules look at one cluster;
 * site-wide rules (`fleet`) look across clusters, at the facts each cluster left.
 */
export const CLUSTER_CHECKS: ReadonlyArray<NamedCheck | NamedFleetCheck> = [
  { name: 'upstream-schemas', layer: 'schema', check: checkSchemas },
  { name: 'container-rules', layer: 'schema', check: checkContainerRules },
  { name: 'object-rules', layer: 'schema', check: checkObjectRules },
  { name: 'ingress-nginx-snippets', layer: 'schema', check: checkIngressNginxSnippets },
  { name: 'ingress-nginx-paths', layer: 'schema', check: checkIngressNginxPaths },
  ...REFERENCE_CHECKS,
  { name: 'sops-decryption', layer: 'references', check: checkSopsDecryption },
  { name: 'object-identity', layer: 'references', check: checkObjectIdentity },
  { name: 'unset-values', layer: 'references', check: checkUnsetValues },
  { name: 'clock-values', layer: 'references', check: checkClockValues },
  ...PROVIDED_CHECKS,
  { name: 'bootstrap-folders', layer: 'references', fleet: checkBootstrapFoldersUnshared },
  { name: 'nfs-claim-folders', layer: 'references', fleet: checkNfsClaimFoldersAcrossClusters },
  { name: 'inventory-facts', layer: 'inventory', fleet: checkInventoryProblems },
  ...INVENTORY_CHECKS,
  { name: 'node-ports', layer: 'inventory', check: checkNodePortUse },
  { name: 'service-families', layer: 'inventory', check: checkServiceFamilies },
  { name: 'node-agent-ports', layer: 'inventory', check: checkNodeAgentPorts },
  { name: 'site-inventory', layer: 'inventory', fleet: checkSites },
  { name: 'load-balancer-addresses', layer: 'inventory', fleet: checkAddressesUnique },
  { name: 'route-hosts', layer: 'inventory', fleet: checkRouteHostsAcrossClusters },
  { name: 'tailnet-names', layer: 'inventory', fleet: checkTailnetNamesAcrossClusters },
  { name: 'site-addresses', layer: 'inventory', check: checkSiteAddresses },
  { name: 'host-use', layer: 'inventory', check: checkHostUse },
  { name: 'host-use', layer: 'inventory', fleet: checkHostsUnshared },
  ...POLICY_CHECKS,
  { name: 'system-namespaces', layer: 'policy', check: checkSystemNamespaces },
];

/** Names of the checks, in order, each once (a rule may have a cluster part and a fleet part). */
export function checkNamesOf(checks: ReadonlyArray<NamedCheck | NamedFleetCheck> = CLUSTER_CHECKS): string[] {
  return ['construct-props', ...new Set(checks.map((c) => c.name))];
}

/** Validates one cluster on its own: its constructs' reported problems and every cluster check. */
export function validateCluster(
  cluster: SynthesizedCluster,
  checks: ReadonlyArray<NamedCheck | NamedFleetCheck> = CLUSTER_CHECKS,
): ClusterValidation {
  const findings = reportedFindings([cluster]);
  for (const entry of checks) {
    if ('check' in entry) {
      findings.push(...entry.check(cluster));
    }
  }
  // A finding on a field an App's prop wrote names the App and that prop, whichever check or construct found it.
  return { findings: withoutPlaceholderEchoes(findings).map(onWrittenProps(cluster)), facts: clusterFacts(cluster) };
}

/** The checks across clusters, over the facts of every cluster of the run, in output order. */
export function validateFleet(
  facts: readonly ClusterFacts[],
  checks: ReadonlyArray<NamedCheck | NamedFleetCheck> = CLUSTER_CHECKS,
): Finding[] {
  return checks.flatMap((entry) => ('fleet' in entry ? entry.fleet(facts) : []));
}

/** All findings of a run in layer order: each cluster's own, then those across clusters. */
export function orderFindings(clusterFindings: ReadonlyArray<readonly Finding[]>, fleetFindings: readonly Finding[]): Finding[] {
  const findings = [...clusterFindings.flat(), ...fleetFindings];
  const rank = (finding: Finding) => LAYER_ORDER.indexOf(finding.layer);
  return findings.sort((a, b) => rank(a) - rank(b));
}

/**
 * Validates everything before anything is written: problems constructs reported about their props,
 * then every check over the synthesized objects. All findings are returned together, errors of every
 * layer at once.
 */
export function validateClusters(
  clusters: readonly SynthesizedCluster[],
  checks: ReadonlyArray<NamedCheck | NamedFleetCheck> = CLUSTER_CHECKS,
): ValidationReport {
  const validations = clusters.map((cluster) => validateCluster(cluster, checks));
  const fleet = validateFleet(validations.map((v) => v.facts), checks);
  return { findings: orderFindings(validations.map((v) => v.findings), fleet), checks: checkNamesOf(checks) };
}
