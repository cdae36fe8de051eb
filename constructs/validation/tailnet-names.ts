import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, findingTarget, stringMap } from './manifest';
import { indexOf } from './object-index';

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

/**
 * Two Services of a cluster exposed on the tailnet under one machine name: the tailnet gives the later one
 * `<name>-1`, so its MagicDNS name is not the one the repository states. The later Service is reported.
 */
export function checkTailnetNames(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const taken = new Map<string, string>();
  for (const service of indexOf(cluster.objects).of('Service')) {
    const name = stringMap(service.manifest.metadata.annotations)[TAILSCALE_HOSTNAME_ANNOTATION];
    if (name === undefined || fields(service.manifest.spec).type !== 'LoadBalancer') {
      continue;
    }
    const key = name.toLowerCase();
    const earlier = taken.get(key);
    const own = `${service.manifest.metadata.namespace ?? ''}/${service.manifest.metadata.name}`;
    if (earlier === undefined) {
      taken.set(key, own);
      continue;
    }
    findings.push({
      ...findingTarget(service), layer: 'inventory', severity: 'error', field: `metadata.annotations.${TAILSCALE_HOSTNAME_ANNOTATION}`,
      message: `tailnet machine name "${name}" is taken already by Service ${earlier}: the tailnet would name this one ${key}-1, not the name written here`,
      hint: "give each exposed Service its own name on the tailnet: loadBalancer: { hostname: '…' }",
    });
  }
  return findings;
}
