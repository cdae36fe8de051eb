import { DNS1123_LABEL, DNS_NAME, domainHint, domainMeant, nameMeant, nameProblem } from '../validation/dns-names';
import { recordDeclaredSite } from './declared-sites';
import { AddressPool, AddressPoolProps } from './address-pool';
import { ExternalHost, Host } from './host';
import { hostNetworkProblems } from './host-networks';
import { formatIpAddress, parseIpAddress } from './ip-address';
import { NfsExport, NfsExportProps, writtenNfsExport } from './nfs-export';
import { strictNames } from './named-facts';
import { Fact, mergePendingFacts, PendingFact, PendingFacts } from './placeholder';
import { describeValue, InventoryObject, InventoryProblem, nameAndFacts, objectText, withNameProblem } from './problems';
import { writtenPool } from './pool-forms';
import { gitSourceProblems } from './git-source';
import { optionalArgument } from '../platform/component-arguments';
import { InputError } from '../validation/input-error';
import { isVlanId, sameVlan, Vlan, vlanWithId } from './vlan';

export { isCloneUrl } from './git-source';

/** The Git repository that GitOps engines pull `dist/` from. */
export interface GitSource {
  /**
   * Clone URL, e.g. `ssh://git@github.com/jax/homelab-gitops`. It is committed (in the engine's objects
   * and the README), so it holds no credential: a password or an `https://` user (a token) is refused; the
   * engine reads them from a Secret. A forge's web page of a branch or file (`…/tree/main`) is refused too,
   * with the clone URL and `branch` to write instead, and so is the scp form's colon after a scheme
   * (`ssh://git@github.com:me/lab.git`, where the colon starts a port).
   */
  readonly url: Fact<string>;
  /** Branch to follow, by its short name as the repository has it (`main`, not `refs/heads/main` nor a clone's `origin/main`). @default 'main' */
  readonly branch?: string;
}

/** Facts about a whole home lab: its hosts and networks. Charts reference these, never strings. */
export interface SiteProps<P extends string, V extends string, N extends string, X extends string> {
  /** Domain that routes live under, e.g. `jax-lab.dev`. */
  readonly domain: Fact<string>;
  /** Kubernetes nodes, across all clusters of the site. */
  readonly hosts: Host<any, any>[];
  /** Machines outside Kubernetes, by name. @default {} */
  readonly externalHosts?: Record<X, ExternalHost>;
  /** VLANs by name. @default {} */
  readonly vlans?: Record<V, Vlan>;
  /** Load-balancer address pools by name. @default {} */
  readonly pools?: Record<P, AddressPoolProps>;
  /** NFS exports by name. @default {} */
  readonly nfs?: Record<N, NfsExportProps>;
  /** Where GitOps engines pull this repository from. @default - no GitOps source; clusters cannot use an engine */
  readonly git?: GitSource;
}

/** A home lab: one or more clusters, their hosts, networks and address pools. */
export class Site<P extends string = string, V extends string = string, N extends string = string, X extends string = string> implements InventoryObject {
  /** Domain routes live under. */
  public readonly domain: string;
  /** All Kubernetes nodes of the site. */
  public readonly hosts: readonly Host<any, any>[];
  /** Machines outside Kubernetes. */
  public readonly externalHosts: Readonly<Record<X, ExternalHost>>;
  /** VLANs by name. */
  public readonly vlans: Readonly<Record<V, Vlan>>;
  /** Address pools by name. */
  public readonly pools: Readonly<Record<P, AddressPool>>;
  /** NFS exports by name. */
  public readonly nfs: Readonly<Record<N, NfsExport>>;
  /** GitOps source, if any. */
  public readonly git?: { readonly url: string; readonly branch: string };
  private readonly facts: PendingFacts;
  /** Problems in the site's own facts (its pools, VLANs and hosts keep theirs). */
  public readonly problems: InventoryProblem[] = [];
  /** Where the site is, for findings. */
  public readonly inventoryPath: string;

  constructor(
    /** Site name; it is the first folder level under `dist/`. */
    public readonly name: string,
    props: SiteProps<P, V, N, X>,
  ) {
    this.inventoryPath = `inventory/site/${name}`;
    this.facts = new PendingFacts(`site ${name}`, this.problems);
    const given = props ?? ({} as SiteProps<P, V, N, X>);
    props = {
      ...given,
      domain: this.facts.read(given.domain, 'domain'),
      ...(given.git && typeof given.git === 'object' ? { git: { ...given.git, url: this.facts.read(given.git.url, 'git.url') } } : {}),
    } as SiteProps<P, V, N, X>;
    this.problems.push(...siteProblems(name, props));
    // A domain written as a URL or with a trailing dot is reported (siteProblems) and taken as meant, so that is
    // the one error, not also one on each route, record and URL made of it.
    this.domain = domainMeant(props.domain) ?? props.domain as string;
    // Hosts given as an object ({ nuc, pi }) are that one error (siteProblems): the hosts in it stay the site's.
    const hostList: unknown = Array.isArray(props.hosts) ? props.hosts : hostsOfObject(props.hosts);
    this.hosts = Array.isArray(hostList) ? hostList.filter((h): h is Host<any, any> => h instanceof Host) : [];
    this.problems.push(...this.claimHosts(hostList as Host<any, any>[]));
    // Only external hosts of the inventory are kept: the others are reported (siteProblems), and code reads these.
    // A list of them is that one error (siteProblems): they are keyed by their names, as the object form would.
    this.externalHosts = Object.fromEntries(Object.entries<unknown>(keyedByName(props.externalHosts) ?? {})
      .filter(([, value]) => value instanceof ExternalHost)) as Record<X, ExternalHost>;
    this.problems.push(...externalHostsOnHostAddresses(this.hosts, this.externalHosts));
    this.vlans = Object.fromEntries(Object.entries<unknown>(keyedByName(props.vlans) ?? {}).filter(([, value]) => value instanceof Vlan)) as Record<V, Vlan>;
    this.problems.push(...vlanNamesTaken(this.vlans));
    const pools = {} as Record<P, AddressPool>;
    const formProblems = new Map<string, InventoryProblem>();
    // Pools or exports written as a list are that one error (siteProblems): they are keyed by the names they carry.
    for (const [pool, poolProps] of Object.entries<AddressPoolProps>(factsByName(props.pools) as Record<P, AddressPoolProps> | undefined ?? ({} as Record<P, AddressPoolProps>))) {
      const written = writtenPool(pool, poolProps);
      if (written.problem) {
        formProblems.set(pool, { field: `pools.${pool}`, ...written.problem });
      }
      pools[pool as P] = new AddressPool(pool, written.props, name, written.boundsReported, vlanIdsByName(props.vlans));
    }
    this.pools = strictNames(pools, `site "${name}"`, 'pools');
    this.problems.push(...withFormProblems(formProblems, poolVlanProblems(pools, this.vlans)));
    const nfs = {} as Record<N, NfsExport>;
    for (const [exportName, exportProps] of Object.entries<NfsExportProps>(factsByName(props.nfs) as Record<N, NfsExportProps> | undefined ?? ({} as Record<N, NfsExportProps>))) {
      const written = writtenNfsExport(exportName, exportProps);
      if (written.problem) {
        this.problems.push({ field: `nfs.${exportName}`, ...written.problem });
      }
      nfs[exportName as N] = new NfsExport(exportName, written.props, name, written.formReported);
    }
    this.nfs = strictNames(nfs, `site "${name}"`, 'nfs', 'NFS export');
    // A branch that is no text is that one error (gitSourceProblems), not also a GitRepository the API server refuses.
    this.git = props.git && typeof props.git.url === 'string' ? { url: props.git.url, branch: props.git.branch === undefined ? 'main' : String(props.git.branch) } : undefined;
  }

  /**
   * Makes the site the one its hosts belong to. A host of another site already is reported here: one
   * machine is a node of one cluster unless it is `shared`, which the clusters of one site check, and its
   * name and addresses are unique within its site; through two sites it would escape both.
   */
  private claimHosts(hosts: unknown): InventoryProblem[] {
    const problems: InventoryProblem[] = [];
    (Array.isArray(hosts) ? hosts : []).forEach((h, i) => {
      if (!(h instanceof Host)) {
        return;
      }
      const owner = SITE_OF_HOST.get(h);
      if (owner === undefined) {
        SITE_OF_HOST.set(h, this);
      } else if (owner !== this) {
        problems.push({
          field: `hosts[${i}]`, message: `host ${h.name} is a host of site "${owner.name}" already`,
          hint: `a machine belongs to one site: list it in the hosts of the site whose clusters it is a node of${owner.name === this.name ? ' (or give the two sites their own names, if they are two labs)' : ''}`,
        });
      }
    });
    return problems;
  }

  /**
   * Facts of the site that are still placeholders: its own (domain, Git URL), its pools, NFS exports and
   * external machines, and those of `hosts` (@default every host of the site). A cluster passes its own
   * hosts, and the VLANs on whose interfaces it announces addresses (`interfaceVlans`, by id; @default -
   * every VLAN), to list only what concerns it: a host's interface name on another VLAN is not its fact.
   */
  public placeholders(hosts: readonly Host<any, any>[] = this.hosts, interfaceVlans?: readonly number[]): PendingFact[] {
    return mergePendingFacts(
      this.facts.list,
      ...optionalArgument(hosts, this.hosts, 'placeholders()', 'placeholders.hosts', 'list', 'a list of hosts of the site, or leave it out for all of them').map((h) => (interfaceVlans ? h.placeholdersRead(interfaceVlans) : h.placeholders)),
      ...Object.values<AddressPool>(this.pools).map((p) => p.placeholders),
      ...Object.values<NfsExport>(this.nfs).map((n) => n.placeholders),
      ...Object.values<ExternalHost>(this.externalHosts).map((x) => x.placeholders),
    );
  }

  /** Fully qualified name of a host or external host under the site domain, e.g. `m4.jax-lab.dev`. */
  public fqdn(target: Host<any, any> | ExternalHost | string): string {
    if (target instanceof ExternalHost && target.dnsName) {
      return target.dnsName;
    }
    const name = typeof target === 'string' ? target : (target as Partial<Host<any, any>> | null)?.name;
    if (typeof name !== 'string') {
      throw new InputError(`fqdn() was given ${describeValue(target)}, not a host or a host name`, 'fqdn.target', "give it a host of the inventory or its name, e.g. site.fqdn('nas')");
    }
    return `${name}.${this.domain}`;
  }
}

/**
 * External machines at the address of one of the site's hosts: one address is one machine, so the
 * ExternalName Services and the firewall rules made for the outside machine would reach the node instead.
 * Placeholder addresses are stand-ins, not facts, and are left alone.
 */
function externalHostsOnHostAddresses(hosts: readonly Host<any, any>[], externalHosts: Readonly<Record<string, ExternalHost>>): InventoryProblem[] {
  const hostOf = new Map<string, string>();
  for (const h of hosts.filter((each) => !each.addressIsPlaceholder)) {
    h.addresses.forEach((address) => hostOf.set(address, h.name));
  }
  return Object.entries(externalHosts).flatMap(([key, machine]) => {
    const taken = machine.placeholders.some((fact) => fact.value === machine.address) ? undefined : hostOf.get(machine.address);
    return taken === undefined ? [] : [{
      field: `externalHosts.${key}.address`,
      message: `address ${machine.address} of external host ${machine.name} is the address of host ${taken}, a node of the site: one address is one machine, and what is meant for the outside machine would reach the node`,
      hint: `give external host ${machine.name} the address it has on the network (ip addr on that machine), or, if it is the node itself, use host ${taken} instead of an external host`,
    }];
  });
}

/**
 * Two VLANs of one name: the name is the VLAN's identity outside the site's keys (its findings'
 * `inventory/vlan/<name>`, a bridge network's `<name>-vlan-bridge`), so the second would be taken for the first.
 */
function vlanNamesTaken(vlans: Readonly<Record<string, Vlan>>): InventoryProblem[] {
  const keyOf = new Map<string, string>();
  return Object.entries(vlans).flatMap(([key, each]) => {
    const first = keyOf.get(each.name);
    if (first === undefined) {
      keyOf.set(each.name, key);
      return [];
    }
    return first === key ? [] : [{
      field: `vlans.${key}`,
      message: `VLAN ${each.id} is named "${each.name}", the name of vlans.${first} (VLAN ${vlans[first].id}) already: findings and the bridge networks made for it would name the other`,
      hint: `give each VLAN its own name, e.g. vlan('${key}', { id: ${each.id}, … })`,
    }];
  });
}

/** The site each host belongs to: the first that lists it. */
const SITE_OF_HOST = new WeakMap<Host<any, any>, Site<any, any, any, any>>();

/** Declares a site. */
export function site<P extends string = never, V extends string = never, N extends string = never, X extends string = never>(
  name: string,
  props: SiteProps<P, V, N, X>,
): Site<P, V, N, X> {
  const given = nameAndFacts('site', name, props);
  recordDeclaredSite(given.name);
  return withNameProblem(new Site(given.name, given.props), given.problem);
}

/**
 * The ids of the VLANs written on a site by their keys and names, whether declared with vlan() or written as plain
 * `{ id, cidr }` (an error of its own): what a pool tagged with a VLAN's name meant. Pure.
 */
function vlanIdsByName(vlans: unknown): Map<string, number> {
  const ids = new Map<string, number>();
  for (const [key, value] of Object.entries<unknown>(keyedByName(vlans) ?? {})) {
    const id = value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
    if (isVlanId(id)) {
      ids.set(key, id);
      const name = (value as { name?: unknown }).name;
      if (typeof name === 'string') {
        ids.set(name, id);
      }
    }
  }
  return ids;
}

/** Declares a VLAN. */
export function vlan(name: string, props: ConstructorParameters<typeof Vlan>[1]): Vlan {
  const given = nameAndFacts('vlan', name, props);
  return withNameProblem(new Vlan(given.name, given.props), given.problem);
}

/**
 * A pool tagged with a VLAN lies in that VLAN's network (the one of its family, for a dual-stack VLAN), and the site declares the VLAN. On a site that
 * declares no VLAN at all the tag changes nothing, which a warning says.
 */
function poolVlanProblems(pools: Record<string, AddressPool>, vlans: Record<string, Vlan>): InventoryProblem[] {
  const declared = Object.values<unknown>(vlans).filter((v): v is Vlan => v instanceof Vlan);
  if (declared.length === 0) {
    // A tag that is no VLAN id is the pool's own error (on its `vlan`), and no id to declare.
    return Object.entries(pools).filter(([, pool]) => isVlanId(pool.vlan)).map(([name, pool]) => ({
      field: `pools.${name}.vlan`, severity: 'warning' as const,
      message: `pool "${name}" is tagged vlan: ${describeValue(pool.vlan)}, but the site declares no VLAN, so the tag changes nothing: the load balancer announces the pool from every node`,
      hint: `declare the VLAN on the site, vlans: { vips: vlan('vips', { id: ${describeValue(pool.vlan)}, cidr: '<its network>' }) }, or drop the tag`,
    }));
  }
  const problems: InventoryProblem[] = [];
  for (const [name, vlan] of Object.entries(vlans)) {
    const twin = declared.find((v) => sameVlan(v, vlan));
    if (twin && declared.indexOf(twin) < declared.indexOf(vlan)) {
      problems.push({ field: `vlans.${name}`, message: `VLAN ${vlan.id} is declared twice, as ${twin.name} and as ${vlan.name}`, hint: 'declare each VLAN once, and give each its own id (a dual-stack VLAN is one VLAN of each family with the same id: its IPv4 network and its IPv6 one)' });
    }
    const overlapped = declared.slice(0, declared.indexOf(vlan)).find((earlier) => earlier.id !== vlan.id && networksOverlap(earlier, vlan));
    if (overlapped) {
      problems.push({
        field: `vlans.${name}`, message: `VLAN ${vlan.id} (${vlan.name}, ${vlan.cidr}) overlaps VLAN ${overlapped.id} (${overlapped.name}, ${overlapped.cidr}): an address of both networks belongs to neither, as the router cannot tell which segment to send it to`,
        hint: 'give each VLAN a network of its own, e.g. 192.168.<id>.0/24',
      });
    }
  }
  for (const [name, pool] of Object.entries(pools)) {
    if (pool.vlan !== undefined && !isVlanId(pool.vlan)) {
      continue;
    }
    if (pool.vlan === undefined) {
      // An untagged pool is still on whichever VLAN's network holds its addresses.
      const covered = declared.map((v) => reservedProblem(name, pool, v)).find((p) => p !== undefined);
      // A pool that runs past its network's end covers its broadcast address too: where it lies is the mistake.
      const problem = outsideEveryVlanProblem(name, pool, declared) ?? covered;
      problems.push(...(problem ? [problem] : []));
      continue;
    }
    const vlan = vlanWithId(declared, pool.vlan, pool.family);
    if (vlan === undefined) {
      // A VLAN whose id is this tag written as text (id: '20') is that VLAN's own error, and the tag names it.
      if (declared.some((v) => !isVlanId(v.id) && String(v.id).trim() === String(pool.vlan))) {
        continue;
      }
      const tagged = declared.filter((v) => isVlanId(v.id));
      problems.push({
        field: `pools.${name}.vlan`, message: `pool "${name}" is on VLAN ${describeValue(pool.vlan)}, which the site does not declare`,
        hint: tagged.length > 0
          ? `use the id of one of the site's VLANs: ${tagged.map((v) => `${v.name} (${v.id})`).join(', ')}`
          : "give the site's VLANs their ids (1–4094), then tag the pool with the id of the one it is on",
      });
      continue;
    }
    // A pool of one address names it once.
    const outside = [...new Set([pool.first, pool.last])].filter((address) => parseIpAddress(address) !== undefined && vlan.network !== undefined && !vlan.contains(address));
    if (outside.length > 0) {
      problems.push({
        field: `pools.${name}`, message: `pool "${name}" (${pool.range}) is on VLAN ${vlan.id}, but ${outside.join(' and ')} ${outside.length > 1 ? 'lie' : 'lies'} outside its network ${vlan.cidr}`,
        hint: `take the pool's addresses from ${vlan.cidr}, or tag it with the VLAN it is on`,
      });
      continue;
    }
    const reserved = reservedProblem(name, pool, vlan);
    problems.push(...(reserved ? [reserved] : []));
  }
  return problems;
}

/**
 * The problem of an untagged pool that lies in no network the site declares of its family: MetalLB and
 * Cilium announce a pool's addresses by ARP/NDP on a segment the nodes are on, so addresses of no declared
 * network are answered for nowhere the router sends them. A site that declares no network of the pool's
 * family says nothing about where it lies. Pure.
 */
function outsideEveryVlanProblem(name: string, pool: AddressPool, declared: readonly Vlan[]): InventoryProblem | undefined {
  const networks = declared.filter((v) => v.network !== undefined && v.network.family === pool.family);
  if (!pool.bounded || networks.length === 0 || networks.some((v) => v.contains(pool.first) && v.contains(pool.last))) {
    return undefined;
  }
  const listed = networks.map((v) => `${v.name} (VLAN ${v.id}) ${v.cidr}`).join(', ');
  return {
    field: `pools.${name}`,
    message: `pool "${name}" (${pool.range}) lies within none of the networks the site declares (${listed}): the load balancer would announce its addresses on a segment the router does not send them to`,
    hint: `take the pool's addresses from one of ${listed}, or declare the network it is on in the site's vlans`,
  };
}

/**
 * The site's problems with the pools written in another tool's form: where such a pool's range is itself
 * wrong for its network, that is said in the one problem on the pool, whose hint then writes the range
 * that is right (the form's own hint would write the wrong one). Pure.
 */
function withFormProblems(forms: ReadonlyMap<string, InventoryProblem>, vlanProblems: readonly InventoryProblem[]): InventoryProblem[] {
  const folded = new Map(forms);
  const rest = vlanProblems.filter((problem) => {
    const name = problem.field.replace(/^pools\./, '');
    const form = problem.severity === undefined ? forms.get(name) : undefined;
    if (form === undefined) {
      return true;
    }
    const said = problem.message.startsWith(`pool "${name}" `) ? problem.message.slice(`pool "${name}" `.length) : problem.message;
    folded.set(name, { ...form, message: `${form.message}; and the range ${said}`, hint: `write the pool as { first, last }, and ${problem.hint}` });
    return false;
  });
  return [...folded.values(), ...rest];
}

/** The problem of a pool that covers the network, broadcast or gateway address of `vlan`; undefined when it covers none. Pure. */
function reservedProblem(name: string, pool: AddressPool, vlan: Vlan): InventoryProblem | undefined {
  const reserved = reservedAddressesIn(pool, vlan);
  if (reserved.length === 0) {
    return undefined;
  }
  const them = reserved.length > 1 ? 'them' : 'it';
  return {
    field: `pools.${name}`,
    message: `pool "${name}" (${pool.range}) covers ${reserved.map((r) => `${r.address}, the ${r.role} of VLAN ${vlan.id} (${vlan.cidr})`).join(', and ')}: `
      + `the load balancer would hand ${them} to a Service and announce ${them} on the network, though no machine may take ${them}`,
    hint: reservedFreeHint(pool, reserved.map((r) => parseIpAddress(r.address)!.value)),
  };
}

/** Whether the networks of two VLANs share an address. Pure. */
function networksOverlap(a: Vlan, b: Vlan): boolean {
  const [x, y] = [a.network, b.network];
  return x !== undefined && y !== undefined && x.family === y.family && x.first <= y.last && y.first <= x.last;
}

/** The addresses of `vlan` no machine holds (network, broadcast, gateway) that lie inside `pool`, in order. Pure. */
function reservedAddressesIn(pool: AddressPool, vlan: Vlan): Array<{ readonly address: string; readonly role: string }> {
  const network = vlan.network;
  if (network === undefined || !pool.bounded || pool.family !== network.family) {
    return [];
  }
  const gateway = parseIpAddress(vlan.gateway);
  const candidates = [network.first, network.last, ...(gateway?.family === network.family ? [gateway.value] : [])];
  return [...new Set(candidates)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .filter((value) => value >= pool.firstValue! && value <= pool.lastValue!)
    .map((value) => ({ address: formatIpAddress(network.family, value), role: vlan.reservedRole(formatIpAddress(network.family, value)) }))
    .filter((r): r is { address: string; role: string } => r.role !== undefined);
}

/** How to keep a pool off the addresses `taken` (inside it): narrowed at its ends when they lie there, else moved. Pure. */
function reservedFreeHint(pool: AddressPool, taken: readonly bigint[]): string {
  let [first, last] = [pool.firstValue!, pool.lastValue!];
  while (first <= last && taken.includes(first)) {
    first++;
  }
  while (last >= first && taken.includes(last)) {
    last--;
  }
  const text = (value: bigint) => formatIpAddress(pool.family!, value);
  const leaveOut = `leave ${taken.map(text).join(' and ')} out of the pool`;
  return first <= last && taken.every((t) => t < first || t > last)
    ? `${leaveOut}: first: '${text(first)}', last: '${text(last)}'`
    : `${leaveOut}: move the pool to a free range of the VLAN`;
}

/** The hosts of `hosts` written as an object of hosts by name (`{ nuc, pi }`), or undefined when it is no such object. Pure. */
function hostsOfObject(hosts: unknown): Host<any, any>[] | undefined {
  if (typeof hosts !== 'object' || hosts === null || Array.isArray(hosts)) {
    return undefined;
  }
  const values = Object.values(hosts);
  return values.length > 0 && values.every((h) => h instanceof Host) ? values : undefined;
}

/**
 * `values` keyed by the names its entries carry when it is a list (`vlans: [lan]`, as hosts are listed), else
 * `values` itself. Pure.
 */
function keyedByName(values: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(values)) {
    return values as Record<string, unknown> | undefined;
  }
  return Object.fromEntries(values.map((v, i) => [typeof v?.name === 'string' ? v.name : String(i), v]));
}

/**
 * Facts of pools or NFS exports keyed by the names their entries carry when written as a list
 * (`pools: [{ name: 'vips', first, last }]`, as MetalLB's and Ansible's lists are), each without its `name`;
 * else `values` itself. Pure.
 */
function factsByName(values: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(values)) {
    return values as Record<string, unknown> | undefined;
  }
  return Object.fromEntries(values.map((v, i) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      return [String(i), v];
    }
    const { name, ...facts } = v as Record<string, unknown>;
    return [typeof name === 'string' && name !== '' ? name : String(i), facts];
  }));
}

/** What each list-valued fact of a site holds, as its error names it, and an example name. */
const KEYED_FACTS = {
  vlans: { what: 'VLANs', example: 'lan', made: "vlan('name', …)" },
  externalHosts: { what: 'external hosts', example: 'nas', made: "externalHost('name', …)" },
  pools: { what: 'address pools', example: 'vips', made: "{ first, last }" },
  nfs: { what: 'NFS exports', example: 'media', made: "{ server, path }" },
} as const;

/** The error for `vlans`, `externalHosts`, `pools` or `nfs` written as a list: the hint writes the object with their names. */
function listNotObjectProblem(field: keyof typeof KEYED_FACTS, values: unknown[]): InventoryProblem {
  const { what, example, made } = KEYED_FACTS[field];
  const ident = (n: string): string => (/^[A-Za-z_$][\w$]*$/.test(n) ? n : `'${n}'`);
  const factsOf = field === 'pools' || field === 'nfs';
  const entries = values.flatMap((v: any) => (typeof v?.name === 'string' && v.name !== '' ? [v] : []));
  const written = entries.map((v: any) => {
    if (!factsOf) {
      return ident(v.name);
    }
    const { name, ...facts } = v as Record<string, unknown>;
    return `${ident(name as string)}: ${objectText(facts)}`;
  });
  return {
    field,
    message: `${field} is a list; the site keys its ${what} by name`,
    hint: written.length > 0
      ? `write ${field}: { ${written.join(', ')} }`
      : `write ${field}: { ${example}${factsOf ? `: ${made}` : ''} }, an object of the ${factsOf ? what : `${made} objects`} by name`,
  };
}

/** `domain` moved from .local to home.arpa: `home.local` → `home.arpa`, `lab.home.local` → `lab.home.arpa`. Pure. */
function homeArpa(domain: string): string {
  const base = domain.replace(/(^|\.)local\.?$/i, '').replace(/(^|\.)home$/i, '');
  return base === '' ? 'home.arpa' : `${base}.home.arpa`;
}

const SITE_PROPS: readonly string[] = ['domain', 'hosts', 'externalHosts', 'vlans', 'pools', 'nfs', 'git'];

/** What is wrong with a site's own facts; pure, so a site can be declared at module load without throwing. */
function siteProblems(name: string, props: SiteProps<any, any, any, any>): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const add = (field: string, message: string, hint: string) => problems.push({ field, message, hint });
  // The site's name becomes part of object names (its GitRepository, its Argo CD Applications) and a folder of dist/.
  const nameIssue = typeof name === 'string' ? nameProblem(name, DNS1123_LABEL) : `${describeValue(name)} is not a name`;
  if (nameIssue) {
    add('name', `site name ${nameIssue}`, `name the site with lower-case letters, digits and '-', e.g. ${(typeof name === 'string' ? nameMeant(name, DNS1123_LABEL) : undefined) ?? 'home-lab'}`);
  }
  for (const key of Object.keys(props)) {
    if (!SITE_PROPS.includes(key)) {
      add(key, `"${key}" is not a fact a site has`, `use one of ${SITE_PROPS.join(', ')}`);
    }
  }
  if (typeof props.domain !== 'string' || nameProblem(props.domain, DNS_NAME) !== undefined) {
    add('domain', `domain ${describeValue(props.domain)} is not a DNS name`, domainHint(props.domain));
  } else if (/(^|\.)local\.?$/i.test(props.domain)) {
    // Resolvers send .local to multicast DNS (RFC 6762), never to the lab's DNS server: its routes would not resolve.
    problems.push({
      field: 'domain', severity: 'warning',
      message: `domain ${props.domain} is under .local, which resolvers send to multicast DNS, not to the lab's DNS server`,
      hint: `use ${homeArpa(props.domain)} (home.arpa, RFC 8375) or a domain you own`,
    });
  }
  const byName = hostsOfObject(props.hosts);
  if (byName !== undefined) {
    add('hosts', `hosts is an object of hosts by name, not a list of hosts`, `list them: hosts: [${Object.keys(props.hosts).join(', ')}]`);
  } else if (!Array.isArray(props.hosts)) {
    add('hosts', `hosts ${describeValue(props.hosts)} is not a list of hosts`, "declare each host with host('name', { … }) and list those objects");
  } else {
    const declared = Object.values<unknown>(props.vlans ?? {}).filter((v): v is Vlan => v instanceof Vlan);
    props.hosts.forEach((h, i) => {
      if (!(h instanceof Host)) {
        add(`hosts[${i}]`, `${describeValue(h)} is not a host of the inventory`, "declare the host with host('name', { … }) and pass that object, not its name");
        return;
      }
      problems.push(...hostNetworkProblems(h, i, declared));
    });
  }
  for (const field of ['vlans', 'externalHosts', 'pools', 'nfs'] as const) {
    if (Array.isArray(props[field])) {
      problems.push(listNotObjectProblem(field, props[field] as unknown[]));
    }
  }
  for (const [name, value] of Object.entries<unknown>(keyedByName(props.vlans) ?? {})) {
    if (!(value instanceof Vlan)) {
      // A plain object of the facts vlan() takes is wrapped in the call, with its own values.
      const facts = value !== null && typeof value === 'object' ? value as { id?: unknown; cidr?: unknown } : {};
      add(`vlans.${name}`, `${describeValue(value)} is not a VLAN of the inventory`, isVlanId(facts.id) && typeof facts.cidr === 'string'
        ? `declare it with vlan() and pass that object: ${name}: vlan('${name}', { id: ${facts.id}, cidr: '${facts.cidr}' })`
        : "declare it with vlan('name', { id, cidr }) and pass that object");
    }
  }
  for (const [name, value] of Object.entries<unknown>(keyedByName(props.externalHosts) ?? {})) {
    if (!(value instanceof ExternalHost)) {
      add(`externalHosts.${name}`, `${describeValue(value)} is not an external host of the inventory`, "declare it with externalHost('name', { address }) and pass that object");
    }
  }
  problems.push(...gitSourceProblems(props.git));
  return problems;
}
