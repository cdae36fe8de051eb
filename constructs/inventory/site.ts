import { AddressPool, AddressPoolProps } from './address-pool';
import { ExternalHost, Host } from './host';
import { NfsExport, NfsExportProps } from './nfs-export';
import { Fact, mergePendingFacts, PendingFact, PendingFacts } from './placeholder';
import { Vlan } from './vlan';

/** The Git repository that GitOps engines pull `dist/` from. */
export interface GitSource {
  /** Clone URL, e.g. `ssh://git@github.com/jax/homelab-gitops`; may be a placeholder. */
  readonly url: Fact<string>;
  /** Branch to follow. @default 'main' */
  readonly branch?: string;
}

/** Facts about a whole home lab: its hosts and networks. Charts reference these, never strings. */
export interface SiteProps<P extends string, V extends string, N extends string, X extends string> {
  /** Domain that routes live under, e.g. `jax-lab.dev`; may be a placeholder. */
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
export class Site<P extends string = string, V extends string = string, N extends string = string, X extends string = string> {
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

  constructor(
    /** Site name; it is the first folder level under `dist/`. */
    public readonly name: string,
    props: SiteProps<P, V, N, X>,
  ) {
    this.facts = new PendingFacts(`site ${name}`);
    this.domain = this.facts.read(props.domain, 'domain');
    this.hosts = props.hosts;
    this.externalHosts = props.externalHosts ?? ({} as Record<X, ExternalHost>);
    this.vlans = props.vlans ?? ({} as Record<V, Vlan>);
    const pools = {} as Record<P, AddressPool>;
    for (const [pool, poolProps] of Object.entries<AddressPoolProps>(props.pools ?? ({} as Record<P, AddressPoolProps>))) {
      pools[pool as P] = new AddressPool(pool, poolProps);
    }
    this.pools = pools;
    const nfs = {} as Record<N, NfsExport>;
    for (const [name, exportProps] of Object.entries<NfsExportProps>(props.nfs ?? ({} as Record<N, NfsExportProps>))) {
      nfs[name as N] = new NfsExport(name, exportProps);
    }
    this.nfs = nfs;
    this.git = props.git ? { url: this.facts.read(props.git.url, 'git.url'), branch: props.git.branch ?? 'main' } : undefined;
  }

  /**
   * Facts of the site that are still placeholders: its own (domain, Git URL), its pools, NFS exports and
   * external machines, and those of `hosts` (@default every host of the site). A cluster passes its own
   * hosts to list only what concerns it.
   */
  public placeholders(hosts: readonly Host<any, any>[] = this.hosts): PendingFact[] {
    return mergePendingFacts(
      this.facts.list,
      ...hosts.map((h) => h.placeholders),
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
    const name = typeof target === 'string' ? target : target.name;
    return `${name}.${this.domain}`;
  }
}

/** Declares a site. */
export function site<P extends string = never, V extends string = never, N extends string = never, X extends string = never>(
  name: string,
  props: SiteProps<P, V, N, X>,
): Site<P, V, N, X> {
  return new Site(name, props);
}

/** Declares a VLAN. */
export function vlan(name: string, props: ConstructorParameters<typeof Vlan>[1]): Vlan {
  return new Vlan(name, props);
}
