import { distributionRanges } from '../platform/cluster-ranges';
import type { ComponentProvides, Preinstalled } from '../platform/component';
import { KUBERNETES_BUILT_INS } from '../platform/platform';
import { podNetworkOf } from '../platform/policy-enforcement';

/** How each kind of name a declaration provides is called in the README, in the order it lists them. */
const PROVIDED_NAMES: ReadonlyArray<readonly [keyof ComponentProvides, string]> = [
  ['storageClasses', 'StorageClasses'],
  ['ingressClasses', 'IngressClasses'],
  ['gatewayClasses', 'GatewayClasses'],
  ['loadBalancers', 'LoadBalancer addresses from'],
  ['clusterIssuers', 'ClusterIssuers'],
  ['certResolvers', 'Traefik certificate resolvers'],
  ['runtimeClasses', 'RuntimeClasses'],
  ['priorityClasses', 'PriorityClasses'],
  ['extendedResources', 'extended resources'],
];

/**
 * What one `preinstalled` declaration brings, as parts of a sentence: its pod network, ranges, taints,
 * the names it provides, its CRDs and namespaces. Pure.
 */
export function preinstalledParts(preinstalled: Preinstalled): string[] {
  const parts: string[] = [];
  const network = podNetworkOf(preinstalled);
  if (network !== undefined) {
    parts.push(`pod network: ${network.name}, which ${network.enforcesNetworkPolicies ? 'enforces' : 'does not enforce'} NetworkPolicies`);
  }
  const ranges = distributionRanges(preinstalled);
  for (const what of ['pod range', 'Service range']) {
    const blocks = ranges.filter((range) => range.what === what);
    if (blocks.length > 0) {
      parts.push(`${what}s: ${blocks.map((range) => (range.given ? range.cidr : `${range.cidr} (its default)`)).join(', ')}`);
    }
  }
  if (preinstalled.controlPlaneTaints !== undefined && preinstalled.controlPlaneTaints.length > 0) {
    parts.push(`taints on every control-plane node: ${preinstalled.controlPlaneTaints.map((t) => `${t.key}${t.value !== undefined ? `=${t.value}` : ''}:${t.effect}`).join(', ')}`);
  }
  for (const [field, called] of PROVIDED_NAMES) {
    const names = preinstalled.provides?.[field] ?? [];
    if (names.length > 0) {
      parts.push(`${called}: ${[...names].sort().join(', ')}`);
    }
  }
  const crds = preinstalled.crds ?? [];
  if (crds.length > 0) {
    parts.push(`CRDs: ${crds.map((crd) => `${crd.group} (${[...crd.kinds].sort().join(', ')})`).join('; ')}`);
  }
  // Kubernetes makes its own namespaces in every cluster: a distribution that lists them adds nothing.
  const namespaces = (preinstalled.namespaces ?? []).filter((namespace) => !KUBERNETES_BUILT_INS.namespaces!.includes(namespace));
  if (namespaces.length > 0) {
    parts.push(`namespaces: ${[...namespaces].sort().join(', ')}`);
  }
  return parts;
}

/** How the section names a cluster's distribution, before its name; a re-synth reads it back to tell a switch. */
export const DISTRIBUTION_SAID = "the cluster's distribution, ";

/**
 * The README section that lists what the cluster gets from outside the repository: one row per
 * `preinstalled` declaration (a distribution, an engine's bootstrap, a CNI installed by hand), in the order
 * the cluster declared them, with what it `brings` and then {@link preinstalledParts}. Nothing in the
 * cluster's folder installs these, so a bare cluster needs them before its first sync. Kubernetes' own
 * namespaces, which every cluster has, are left out; a cluster that declares nothing else gets no section.
 * `cell` makes a value safe for a table cell.
 */
export function preinstalledSection(declared: readonly Preinstalled[], cell: (text: string) => string): string[] {
  const listed = declared.filter((preinstalled) => preinstalled !== KUBERNETES_BUILT_INS);
  if (listed.length === 0) {
    return [];
  }
  const lines = [
    '## What the cluster gets from outside', '',
    'Declared with `preinstalled`: objects here rely on them, and no file here installs them.', '',
    '| from | what the cluster uses of it |', '|---|---|',
  ];
  for (const preinstalled of listed) {
    const distribution = preinstalled.distribution === undefined ? [] : [`${DISTRIBUTION_SAID}${preinstalled.distribution}`];
    const parts = [...distribution, ...(preinstalled.brings ?? []), ...preinstalledParts(preinstalled)];
    const said = parts.length > 0 ? parts.join('; ')
      : (preinstalled.manualSteps ?? []).length > 0 ? 'what its steps under *What the owner does by hand* make' : 'nothing more is declared of it';
    lines.push(`| ${cell(preinstalled.source)} | ${cell(said)} |`);
  }
  lines.push('');
  return lines;
}
