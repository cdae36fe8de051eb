import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import type { Host } from '../inventory/host';
import type { Site } from '../inventory/site';
import type { GitOpsEngine } from './gitops';
import type { LoadBalancerFlavor } from './load-balancer';
import { Namespaces } from './namespaces';
import type { RouteFlavor } from './route-flavor';
import { renderZfsStorageClass, StorageTier } from './storage';
import { ZfsPool } from '../inventory/zfs-pool';

/** Split-horizon DNS through external-dns: public records point at one address, internal ones at another. */
export interface SplitHorizonDnsProps {
  /** Host whose public address public DNS records point at (a VPS that proxies inwards). */
  readonly publicTarget: Host<any, any>;
}

/** The platform choices of one cluster. */
export interface ClusterChartProps {
  /** The site (inventory) the cluster belongs to. */
  readonly site: Site<any, any, any, any>;
  /** The nodes of this cluster, all from the site's inventory. */
  readonly hosts: Host<any, any>[];
  /** How route intents are rendered (Gateway API, Traefik, …). */
  readonly routes: RouteFlavor;
  /** How LoadBalancer Services get addresses. @default - no load-balancer support; apps cannot ask for one */
  readonly loadBalancer?: LoadBalancerFlavor;
  /**
   * Storage tiers by name (e.g. `fast`, `vm`, `bulk`): what an app's `tier` means in this cluster.
   * ZFS pools get their StorageClass declared here.
   * @default {} — apps cannot ask for new claims
   */
  readonly storage?: Record<string, StorageTier>;
  /** How the cluster pulls its folder of `dist/`. @default - none: applied by hand */
  readonly gitops?: GitOpsEngine;
  /** Domain routes live under. @default - the site's domain */
  readonly domain?: string;
  /** Split-horizon DNS annotations on routes. @default - none */
  readonly dns?: SplitHorizonDnsProps;
}

/**
 * One Kubernetes cluster of a site: its hosts and platform choices. Apps added to it state intent
 * (a route, a storage tier, a GPU) and the cluster decides how that is rendered.
 * Synthesizes to `dist/<site>/<cluster>/`.
 */
export class ClusterChart extends Chart {
  /** The cluster that `scope` belongs to; throws when there is none. */
  public static of(scope: IConstruct): ClusterChart {
    for (let current: IConstruct | undefined = scope; current; current = current.node.scope) {
      if (current instanceof ClusterChart) {
        return current as ClusterChart;
      }
    }
    throw new Error(`${scope.node.path} is not inside a ClusterChart`);
  }

  /** Cluster name: the folder under `dist/<site>/`. */
  public readonly clusterName: string;
  /** The site. */
  public readonly site: Site<any, any, any, any>;
  /** The cluster's nodes. */
  public readonly hosts: readonly Host<any, any>[];
  /** Route flavor. */
  public readonly routes: RouteFlavor;
  /** Load-balancer flavor, if any. */
  public readonly loadBalancer?: LoadBalancerFlavor;
  /** GitOps engine, if any. */
  public readonly gitops?: GitOpsEngine;
  /** Domain routes live under. */
  public readonly domain: string;
  /** Split-horizon DNS settings, if any. */
  public readonly dns?: SplitHorizonDnsProps;
  /** The cluster's namespaces. */
  public readonly namespaces: Namespaces;
  private readonly tiers: Record<string, StorageTier>;

  constructor(scope: Construct, id: string, props: ClusterChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    this.clusterName = id;
    this.site = props.site;
    this.hosts = props.hosts;
    this.routes = props.routes;
    this.loadBalancer = props.loadBalancer;
    this.gitops = props.gitops;
    this.domain = props.domain ?? props.site.domain;
    this.dns = props.dns;
    this.tiers = props.storage ?? {};
    this.namespaces = new Namespaces(this, 'namespaces');

    const pools = [...new Set(Object.values(this.tiers).filter((tier): tier is ZfsPool => tier instanceof ZfsPool))];
    if (pools.length > 0) {
      const storage = new Construct(this, 'storage');
      for (const pool of pools) {
        renderZfsStorageClass(storage, pool);
      }
    }
    this.routes.bind(this);
    this.loadBalancer?.bind(this);
    this.gitops?.bind(this);
  }

  /** The storage tier of that name, or undefined when the cluster defines none. */
  public tier(name: string): StorageTier | undefined {
    return Object.prototype.hasOwnProperty.call(this.tiers, name) ? this.tiers[name] : undefined;
  }

  /** Names of the cluster's storage tiers. */
  public get tierNames(): string[] {
    return Object.keys(this.tiers).sort();
  }

  /** A bare host label placed under the cluster domain; a dotted name is kept as is. */
  public hostname(host: string): string {
    return host.includes('.') ? host : `${host}.${this.domain}`;
  }

  /** external-dns annotations for a route, per the cluster's split-horizon settings. */
  public dnsAnnotations(): Record<string, string> {
    if (!this.dns) {
      return {};
    }
    const annotations: Record<string, string> = {};
    const publicAddress = this.dns.publicTarget.publicAddress;
    if (publicAddress) {
      annotations['external-dns.alpha.kubernetes.io/target'] = publicAddress;
    }
    if (this.routes.address) {
      annotations['external-dns.alpha.kubernetes.io/internal-target'] = this.routes.address.address;
    }
    return annotations;
  }
}
