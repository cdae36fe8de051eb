import type { IConstruct } from 'constructs';
import { ipAddressProblem, parseIpAddress } from '../inventory/ip-address';
import type { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import type { ClusterFacts, FindingTarget } from './cluster-facts';
import type { Finding } from './finding';
import { fields, list, findingTarget, namespaceOf, stringMap, text } from './manifest';
import { indexOf } from './object-index';
import type { Site } from '../inventory/site';

const layer = 'inventory' as const;

/** An address that a load balancer of the site takes, as plain data (it is kept between runs). */
export interface AddressClaim {
  /** The object or construct that claims the address: where findings about the claim point. */
  readonly target: FindingTarget;
  /** Who claims it, for messages (a construct path). */
  readonly owner: string;
  /** Field that names the address. */
  readonly field: string;
  /** The dotted address. */
  readonly address: string;
  /** Pool the object names, if any. @default - any pool of the site */
  readonly pool?: string;
  /** Sharing key that lets several Services hold one address. @default - not shared */
  readonly shareKey?: string;
  /** The load balancer whose annotation gives the sharing key. @default - not shared */
  readonly sharedBy?: 'MetalLB' | 'Cilium';
  /** `<protocol>/<port>` of each port the Service serves at the address. @default - none (no Service) */
  readonly ports?: readonly string[];
  /**
   * What MetalLB requires alike of Services that share an address: nothing for policy `Cluster`, the pods
   * selected for policy `Local` (it would send a node's traffic to another Service's pods). @default - Cluster's
   */
  readonly backend?: string;
  /** `externalTrafficPolicy` of the Service, for messages. @default 'Cluster' */
  readonly trafficPolicy?: string;
}

/** A finding about the object behind a claim. */
export function claimFinding(claim: AddressClaim, props: Omit<Finding, 'constructPath' | 'kind' | 'namespace' | 'name'>): Finding {
  return { ...props, ...claim.target };
}

const ADDRESS_ANNOTATIONS = ['metallb.io/loadBalancerIPs', 'metallb.universe.tf/loadBalancerIPs', 'lbipam.cilium.io/ips'];
const POOL_ANNOTATIONS = ['metallb.io/address-pool', 'metallb.universe.tf/address-pool'];
const SHARE_ANNOTATIONS = ['metallb.io/allow-shared-ip', 'metallb.universe.tf/allow-shared-ip', 'lbipam.cilium.io/sharing-key'];

const ADDRESS_NOTE = `${NOTE_TYPE_PREFIX}load-balancer-addresses`;

/** The addresses one construct asks for on behalf of a LoadBalancer Service, each with the prop that gives it. */
interface AddressNote {
  /** `namespace/name` of the Service. */
  readonly service: string;
  /** Prop that gives each address, e.g. `addLoadBalancer.address`, by the address. */
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Notes that `scope` asks for load-balancer `addresses` (each with the prop the user wrote) on behalf of
 * the Service `namespace/name`, so that findings about an address (taken twice, a machine's) name that
 * prop rather than the annotation the flavor rendered from it.
 */
export function noteLoadBalancerAddresses(scope: IConstruct, service: { namespace: string; name: string }, addresses: ReadonlyArray<{ address: string; field: string }>): void {
  if (addresses.length > 0) {
    const note: AddressNote = { service: `${service.namespace}/${service.name}`, fields: Object.fromEntries(addresses.map((a) => [a.address, a.field])) };
    scope.node.addMetadata(ADDRESS_NOTE, note);
  }
}

// Several checks read a cluster's claims; they are derived once per cluster.
const CLAIMS = new WeakMap<SynthesizedCluster, AddressClaim[]>();

/** The load-balancer addresses a cluster takes: LoadBalancer Services, Gateways, and its ingress address. */
export function addressClaims(cluster: SynthesizedCluster): AddressClaim[] {
  let claims = CLAIMS.get(cluster);
  if (claims === undefined) {
    claims = deriveAddressClaims(cluster);
    CLAIMS.set(cluster, claims);
  }
  return claims;
}

function deriveAddressClaims(cluster: SynthesizedCluster): AddressClaim[] {
  const claims: AddressClaim[] = [];
  const index = indexOf(cluster.objects);
  const spoken = new Map<string, { constructPath: string; fields: Readonly<Record<string, string>> }>();
  for (const note of cluster.notes) {
    if (note.type === ADDRESS_NOTE) {
      const data = note.data as AddressNote;
      spoken.set(data.service, { constructPath: note.constructPath, fields: data.fields });
    }
  }
  for (const service of index.of('Service')) {
    const annotations = stringMap(service.manifest.metadata.annotations);
    const spec = fields(service.manifest.spec);
    if (spec.type !== 'LoadBalancer') {
      continue;
    }
    const shareAnnotation = SHARE_ANNOTATIONS.find((a) => annotations[a] !== undefined);
    const trafficPolicy = text(spec.externalTrafficPolicy) ?? 'Cluster';
    const base = {
      target: findingTarget(service), owner: `${service.constructPath}`,
      pool: POOL_ANNOTATIONS.map((a) => annotations[a]).find((v) => v !== undefined),
      shareKey: shareAnnotation === undefined ? undefined : annotations[shareAnnotation],
      sharedBy: shareAnnotation === undefined ? undefined : shareAnnotation.startsWith('metallb') ? 'MetalLB' as const : 'Cilium' as const,
      ports: list(spec.ports).map((port) => `${text(port.protocol) ?? 'TCP'}/${String(port.port)}`),
      backend: trafficPolicy === 'Local' ? JSON.stringify(Object.entries(stringMap(spec.selector)).sort()) : '',
      trafficPolicy,
    };
    const note = spoken.get(`${namespaceOf(service)}/${text(service.manifest.metadata.name) ?? ''}`);
    for (const annotation of ADDRESS_ANNOTATIONS) {
      for (const address of (annotations[annotation] ?? '').split(',').map((a) => a.trim()).filter((a) => a)) {
        const prop = note?.fields[address];
        // An address a construct asked for is the user's prop, and its holder is named by it.
        claims.push(prop === undefined ? { ...base, field: `metadata.annotations.${annotation}`, address }
          : { ...base, target: { constructPath: note!.constructPath }, owner: `${note!.constructPath} (${prop})`, field: prop, address });
      }
    }
    if (typeof spec.loadBalancerIP === 'string') {
      claims.push({ ...base, field: 'spec.loadBalancerIP', address: spec.loadBalancerIP });
    }
  }
  for (const gateway of index.of('Gateway')) {
    list(fields(gateway.manifest.spec).addresses).forEach((address, i) => {
      if ((address.type ?? 'IPAddress') === 'IPAddress' && typeof address.value === 'string') {
        claims.push({
          target: findingTarget(gateway), owner: gateway.constructPath,
          field: `spec.addresses[${i}].value`, address: address.value,
        });
      }
    });
  }
  const ingress = cluster.chart.routes.address;
  // The ingress's address is set in its chart's values (Traefik, ingress-nginx), which no Service object of
  // the cluster shows, unless a Gateway of the cluster carries it: that Gateway is the ingress. It comes
  // first, so a load balancer of an app that takes it too is the one reported.
  if (ingress && !claims.some((c) => c.address === ingress.address && c.target.kind === 'Gateway')) {
    claims.unshift({
      target: { constructPath: cluster.chart.node.path }, owner: `${cluster.chart.node.path} (the ingress, routes.address)`,
      field: 'routes.address', address: ingress.address, pool: ingress.pool.name,
    });
  }
  return claims;
}

/**
 * The addresses of the site's machines (hosts, their public addresses, external hosts, and the NFS servers its
 * exports name by address: a NAS the inventory knows only as a server), with whose they are.
 */
export function machineAddresses(site: Site<any, any, any, any>): Map<string, string> {
  const addresses = new Map<string, string>();
  for (const host of site.hosts) {
    host.addresses.forEach((address) => addresses.set(address, `host ${host.name}`));
    if (host.publicAddress) {
      addresses.set(host.publicAddress, `host ${host.name}`);
    }
  }
  for (const [name, external] of Object.entries(site.externalHosts)) {
    addresses.set(external.address, `external host ${name}`);
  }
  for (const [name, nfsExport] of Object.entries(site.nfs)) {
    const server = parseIpAddress(nfsExport.server)?.text;
    if (server !== undefined && !addresses.has(server)) {
      addresses.set(server, `the NFS server of export ${name}`);
    }
  }
  return addresses;
}

/** Load-balancer addresses are IP addresses inside a pool of the site (the one they name, when they name one). */
export function checkLoadBalancerAddresses(cluster: SynthesizedCluster): Finding[] {
  const site = cluster.chart.site;
  const pools = Object.values(site.pools);
  const findings: Finding[] = [];
  const owners = machineAddresses(site);
  for (const claim of addressClaims(cluster)) {
    const problem = ipAddressProblem(claim.address, 'take addresses from the inventory: site.pools.<pool>.at(...)');
    if (problem) {
      findings.push(claimFinding(claim, { layer, severity: 'error', field: claim.field, ...problem }));
      continue;
    }
    const named = claim.pool === undefined ? undefined : pools.find((p) => p.name === claim.pool);
    if (named && !named.bounded) {
      // The pool's own bounds are wrong, and reported as such; every address of it would repeat that.
    } else if (claim.pool !== undefined && !named) {
      findings.push(claimFinding(claim, {
        layer, severity: 'error', field: claim.field, message: `names address pool "${claim.pool}", which site "${site.name}" does not have`,
        hint: `pools: ${pools.map((p) => p.name).join(', ') || 'none'}`,
      }));
    } else if (!(named ? [named] : pools).some((p) => p.contains(claim.address))) {
      findings.push(claimFinding(claim, {
        layer, severity: 'error', field: claim.field,
        message: `address ${claim.address}${owners.has(claim.address) ? `, the address of ${owners.get(claim.address)},` : ''} lies outside ${named ? `pool "${named.name}" (${named.range})` : 'every address pool of the site'}`,
        // A named pool's address came from its at(): the address, not the way it was taken, is at fault.
        hint: named
          ? `take an address between ${named.first} and ${named.last}, or widen pool "${named.name}" in the site's inventory`
          : `take addresses from the inventory: site.pools.<pool>.at(...); pools: ${pools.map((p) => `${p.name} ${p.range}`).join(', ') || 'none'}`,
      }));
    }
  }
  return findings;
}

/**
 * No two load balancers of a site take one address, unless they share it by key; the later one is reported.
 * Nor do two clusters' load balancers hand out addresses of one pool to Services that name none: each would
 * give the pool's first free address to a Service of its own, unaware of the other.
 */
export function checkAddressesUnique(clusters: readonly ClusterFacts[]): Finding[] {
  const findings: Finding[] = [];
  const handedOutBy = new Map<string, string>();
  for (const cluster of clusters) {
    for (const pool of cluster.unaskedPools ?? []) {
      const key = `${cluster.site}\u0000${pool}`;
      const first = handedOutBy.get(key);
      if (first === undefined) {
        handedOutBy.set(key, cluster.folder);
      } else if (first !== cluster.folder) {
        findings.push({
          constructPath: cluster.chartPath, layer, severity: 'error', field: 'loadBalancer.pools',
          message: `pool "${pool}" hands out addresses to Services that name none in cluster ${first} already: the load balancers of both clusters would give one address to two Services`,
          hint: "give each cluster a pool of its own: split the range into two pools in the site's inventory (or, under MetalLB, leave the pool's autoAssign off and fix each Service's address)",
        });
      }
    }
  }
  const taken = new Map<string, Array<{ claim: AddressClaim; folder: string }>>();
  for (const cluster of clusters) {
    for (const claim of cluster.addressClaims) {
      // An address that is no IP address is reported as such by checkLoadBalancerAddresses.
      if (parseIpAddress(claim.address) === undefined) {
        continue;
      }
      // One address has one spelling in the key, however an IPv6 address was written.
      const key = `${cluster.site}\u0000${parseIpAddress(claim.address)!.text}`;
      const earlier = taken.get(key) ?? [];
      // A sharing key shares an address among the Services of one load balancer, which another cluster's knows nothing of.
      const sharedWith = (other: { claim: AddressClaim; folder: string }) => claim.shareKey !== undefined && claim.shareKey === other.claim.shareKey && other.folder === cluster.folder;
      const first = earlier.find((other) => other.claim.owner !== claim.owner && !sharedWith(other));
      const refused = first === undefined ? earlier.map((other) => other.claim.owner !== claim.owner ? sharingProblem(other.claim, claim) : undefined).find((p) => p !== undefined) : undefined;
      if (first) {
        // Two Services of one cluster could share the address, as two clusters' load balancers never can.
        const shareable = claim.target.kind === 'Service' && first.claim.target.kind === 'Service' && first.folder === cluster.folder;
        findings.push(claimFinding(claim, {
          layer, severity: 'error', field: claim.field,
          message: `address ${claim.address} is taken already by ${first.claim.owner}`
            + (shareable ? `: ${claim.shareKey === undefined || first.claim.shareKey === undefined ? 'without a sharing key on both Services' : 'under another sharing key'}, the load balancer gives it to one of them and leaves the other pending` : ''),
          hint: shareable
            ? `give each load balancer its own address of the pool, or share it: one key in the annotation ${SHARE_ANNOTATIONS[0]} (${SHARE_ANNOTATIONS[2]} under Cilium) of both Services, which then serve different ports`
            : 'give each load balancer its own address of the pool',
        }));
      } else if (refused) {
        // A traffic policy that keeps the two apart is written on the Service, where the user would change it.
        const field = refused.trafficPolicies && claim.target.kind === 'Service' ? 'spec.externalTrafficPolicy' : claim.field;
        findings.push(claimFinding(claim, { layer, severity: 'error', field, message: refused.message, hint: refused.hint }));
      }
      earlier.push({ claim, folder: cluster.folder });
      taken.set(key, earlier);
    }
  }
  return findings;
}

/**
 * Why the load balancer refuses `later` the address `earlier` holds under the same sharing key: a port both
 * serve (each port of an address leads to one Service), or, under MetalLB, traffic policies that keep them
 * apart (it shares an address among Services of policy `Cluster`, or of `Local` that select the same pods, as a
 * node announces a Local Service's address only for the pods it runs). Pure.
 */
function sharingProblem(earlier: AddressClaim, later: AddressClaim): { message: string; hint: string; trafficPolicies?: true } | undefined {
  const served = new Set(earlier.ports ?? []);
  const port = (later.ports ?? []).find((p) => served.has(p));
  if (port !== undefined) {
    return {
      message: `address ${later.address} is shared with ${earlier.owner}, which serves ${port} there already: ${later.sharedBy ?? 'the load balancer'} gives each port of an address to one Service, and leaves this one pending`,
      hint: `serve ${port} from one of the two Services, or give this one its own address of the pool`,
    };
  }
  if (later.sharedBy === 'MetalLB' && earlier.backend !== undefined && later.backend !== undefined && earlier.backend !== later.backend) {
    return {
      message: `address ${later.address} is shared with ${earlier.owner}, whose externalTrafficPolicy is ${earlier.trafficPolicy ?? 'Cluster'}, and this one's is ${later.trafficPolicy ?? 'Cluster'}`
        + `${earlier.trafficPolicy === later.trafficPolicy ? ' with other pods selected' : ''}: MetalLB shares an address only among Services of policy Cluster, or of Local that select the same pods, and leaves this one pending`,
      hint: 'give both Services one externalTrafficPolicy (Local, with the same selector, keeps each client\'s address), or give this one its own address of the pool',
      trafficPolicies: true,
    };
  }
  return undefined;
}
