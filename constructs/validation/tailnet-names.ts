import type { SynthesizedCluster } from '../synth/collect';
import type { ClusterFacts, FindingTarget } from './cluster-facts';
import type { Finding } from './finding';
import { fields, findingTarget, stringMap } from './manifest';
import { indexOf } from './object-index';
import { renderedFor } from './rendered-for';

/** The annotation that names a Service's machine on the tailnet. */
export const TAILSCALE_HOSTNAME_ANNOTATION = 'tailscale.com/hostname';

/**
 * Why `name` is no machine name the Tailscale operator takes (its `dnsname.ValidLabel`: one DNS label of
 * 1–63 letters, digits and `-`, not starting or ending with `-`; letters of either case), or `undefined`. Pure.
 */
export function tailnetNameProblem(name: string): string | undefined {
  if (name.includes('.')) {
    return `"${name}" is a full name, where the operator takes one label: the tailnet adds its own domain (<name>.<tailnet>.ts.net)`;
  }
  if (name.length > 63) {
    return `"${name}" is ${name.length} characters long, and a tailnet machine name is one DNS label of at most 63`;
  }
  return /^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?$/.test(name)
    ? undefined
    : `"${name}" is not a DNS label: a tailnet machine name has letters, digits and '-' only, and starts and ends with a letter or digit`;
}

/** A name the operator would take for `name`, for hints: its first label, `_` and other characters as `-`. Pure. */
export function tailnetNameSuggestion(name: string): string {
  return name.split('.')[0].replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '').toLowerCase() || 'app';
}

/** A machine name one of a cluster's Services takes on the tailnet, as the checks across clusters see it. */
export interface TailnetNameClaim {
  /** The name as written. */
  readonly name: string;
  /** Field that names the machine. */
  readonly field: string;
  /** The Service as messages name it: `Service <namespace>/<name>`. */
  readonly service: string;
  /** The Service, where a finding about the claim points. */
  readonly target: FindingTarget;
  /** Whether the name was written in an object or a release's values by hand, where no prop check has seen it. */
  readonly byHand: boolean;
  /** Whether the Service is Traefik's, which `traefik({ tailnetName })` renames. */
  readonly traefik?: boolean;
}

/** Field of a Service that names its tailnet machine. */
const FIELD = `metadata.annotations.${TAILSCALE_HOSTNAME_ANNOTATION}`;
const HINT = "give each exposed Service its own name on the tailnet: loadBalancer: { hostname: '…' }";

/**
 * Each LoadBalancer Service of the cluster that names a tailnet machine, in object order, then each Helm
 * release whose chart's Service does (`values.service.annotations`, as Traefik's chart takes them).
 */
export function tailnetNameClaims(cluster: SynthesizedCluster): TailnetNameClaim[] {
  const index = indexOf(cluster.objects);
  // A Service an App rendered from its loadBalancer is reported on the App's hostname.
  const sources = renderedFor(cluster);
  const services = index.of('Service').flatMap((service) => {
    const name = stringMap(service.manifest.metadata.annotations)[TAILSCALE_HOSTNAME_ANNOTATION];
    const source = sources.get(service.constructPath);
    return name === undefined || fields(service.manifest.spec).type !== 'LoadBalancer' ? []
      : [{
        name, field: source?.field ?? FIELD, service: `Service ${service.manifest.metadata.namespace ?? ''}/${service.manifest.metadata.name}`,
        target: source === undefined ? findingTarget(service) : { constructPath: source.at }, byHand: source === undefined,
      }];
  });
  const releases = index.of('HelmRelease').flatMap((release) => {
    const name = stringMap(fields(fields(fields(release.manifest.spec).values).service).annotations)[TAILSCALE_HOSTNAME_ANNOTATION];
    return name === undefined ? []
      : [{ name, field: `spec.values.service.annotations.${TAILSCALE_HOSTNAME_ANNOTATION}`, service: `the Service of HelmRelease ${release.manifest.metadata.namespace ?? ''}/${release.manifest.metadata.name}`, target: findingTarget(release), byHand: true,
        ...(release.manifest.metadata.name === 'traefik' ? { traefik: true } : {}) }];
  });
  // A release's name comes first: the Service an App adds beside Traefik's is the one to rename.
  return [...releases, ...services];
}

/**
 * Two Services of a cluster exposed on the tailnet under one machine name: the tailnet gives the later one
 * `<name>-1`, so its MagicDNS name is not the one the repository states. The later Service is reported.
 */
export function checkTailnetNames(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const taken = new Map<string, string>();
  for (const claim of tailnetNameClaims(cluster)) {
    // A name an App's loadBalancer gives is refused where the prop is read (the Tailscale flavor).
    const problem = claim.byHand ? tailnetNameProblem(claim.name) : undefined;
    if (problem !== undefined) {
      // The operator refuses the Service (an event, no machine), so nothing would answer on the tailnet.
      findings.push({
        ...claim.target, layer: 'inventory', severity: 'error', field: claim.field,
        message: `the tailnet machine name ${problem}; the Tailscale operator would refuse ${claim.service}`,
        hint: `name the machine with one label, e.g. ${TAILSCALE_HOSTNAME_ANNOTATION}: '${tailnetNameSuggestion(claim.name)}'; MagicDNS then serves it as ${tailnetNameSuggestion(claim.name)}.<tailnet>.ts.net`,
      });
      continue;
    }
    const key = claim.name.toLowerCase();
    const earlier = taken.get(key);
    if (earlier === undefined) {
      taken.set(key, claim.service);
      continue;
    }
    findings.push({
      ...claim.target, layer: 'inventory', severity: 'error', field: claim.field,
      message: `tailnet machine name "${claim.name}" is taken already by ${earlier}: the tailnet would name this one ${key}-1, not the name written here`,
      hint: HINT,
    });
  }
  return findings;
}

/**
 * Machine names are unique per tailnet, and the clusters of a site share one: a name a Service of an
 * earlier cluster of the site takes, the tailnet gives a later cluster's Service as `<name>-1`, an error.
 * Sites may share one tailnet too (a second site reached from the first over it), but each may also run one
 * of its own, so a name taken by a cluster of another site is a warning. The Service of the later cluster,
 * in fleet order, is reported.
 */
export function checkTailnetNamesAcrossClusters(clusters: readonly ClusterFacts[]): Finding[] {
  const findings: Finding[] = [];
  const takenBy = new Map<string, { readonly folder: string; readonly site: string; readonly service: string }>();
  for (const cluster of clusters) {
    for (const claim of cluster.tailnetNames) {
      const key = claim.name.toLowerCase();
      const first = takenBy.get(key);
      if (!first) {
        takenBy.set(key, { folder: cluster.folder, site: cluster.site, service: claim.service });
      } else if (first.folder !== cluster.folder) {
        findings.push(first.site === cluster.site ? {
          ...claim.target, layer: 'inventory', severity: 'error', field: claim.field,
          message: `tailnet machine name "${claim.name}" is taken already by ${first.service} of cluster ${first.folder}, on the site's tailnet: `
            + `the tailnet would name this one ${key}-1, not the name written here`,
          hint: hintFor(claim, cluster),
        } : {
          ...claim.target, layer: 'inventory', severity: 'warning', field: claim.field,
          message: `tailnet machine name "${claim.name}" is taken already by ${first.service} of cluster ${first.folder} of site ${first.site}: `
            + `where the two sites share one tailnet (as apps calling across them through it do), it would name this one ${key}-1, not the name written here`,
          hint: `${hintFor(claim, cluster)}; where each site runs a tailnet of its own, the names do not meet`,
        });
      }
    }
  }
  return findings;
}

/** How to rename the claimed machine: Traefik's through its option, an App's through its load balancer. */
function hintFor(claim: TailnetNameClaim, cluster: ClusterFacts): string {
  return claim.traefik === true
    ? `give this cluster's Traefik a name of its own on the tailnet: traefik({ tailnetName: '${tailnetNameSuggestion(`traefik-${cluster.site}`)}' })`
    : HINT;
}
