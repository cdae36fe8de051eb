import type { SynthesizedCluster } from '../synth/collect';
import { AddressClaim, addressClaims } from './addresses';
import type { BootstrapFolderClaim } from './bootstrap-folders';
import { siteDeclaration } from './cluster-identity';
import type { Finding } from './finding';
import { InventoryProblemFact, inventoryProblems } from './inventory-problems';
import { NfsFolderClaim, nfsFolderClaims } from './nfs-claim-folders';
import { siteAddressFindings } from './site-addresses';
import { siteInventoryFindings } from './site-inventory';
import { RouteHostClaim, routeHostClaims } from './site-route-hosts';
import { TailnetNameClaim, tailnetNameClaims } from './tailnet-names';
import { ForeignServiceCall, foreignServiceCallFacts, serviceExposureFacts, serviceFacts } from './cross-cluster-calls';

/** Where a finding about an object or construct points. */
export type FindingTarget = Pick<Finding, 'constructPath' | 'kind' | 'namespace' | 'name'>;

/** A node of a cluster. */
export interface ClusterHost {
  /** Identity of the host across clusters: its site and inventory path. */
  readonly key: string;
  /** Host name. */
  readonly name: string;
  /** Whether the host says why it is a node of more than one cluster. */
  readonly shared: boolean;
}

/**
 * What the checks across clusters need to know of one cluster, as plain data: an incremental synth keeps
 * it for the clusters it does not rebuild and runs those checks over it.
 */
export interface ClusterFacts {
  /** Output folder, `<site>/<cluster>`. */
  readonly folder: string;
  /** Construct path of the cluster chart. */
  readonly chartPath: string;
  /** Name of the cluster's site. */
  readonly site: string;
  /** Domain of the cluster's site, in lower case. @default - unknown (facts kept before it was known) */
  readonly siteDomain?: string;
  /**
   * What tells the site's declaration from another of the same name (see `siteDeclaration`).
   * @default - unknown
   */
  readonly siteDeclaration?: string;
  /** The cluster's nodes, in order. */
  readonly hosts: readonly ClusterHost[];
  /** Load-balancer addresses its objects take, in object order. */
  readonly addressClaims: readonly AddressClaim[];
  /**
   * The site's pools its load balancer hands addresses out of to a Service that names none, by name.
   * @default - none (facts kept before it was known)
   */
  readonly unaskedPools?: readonly string[];
  /** Host names its routes serve, each once. */
  readonly routeHosts: readonly RouteHostClaim[];
  /** Tailnet machine names its LoadBalancer Services take, in object order. */
  readonly tailnetNames: readonly TailnetNameClaim[];
  /**
   * The folders of NFS exports its claims of csi-driver-nfs classes get, in object order.
   * @default - none (facts kept before it was known)
   */
  readonly nfsFolders?: readonly NfsFolderClaim[];
  /**
   * The Services its objects make (an operator's for its resource too), as `<service>.<namespace>`, each once.
   * @default - none (facts kept before it was known)
   */
  readonly services?: readonly string[];
  /**
   * Where it exposes its Services outside itself, as `[<service>.<namespace>, how]` (`route host wiki.lab.test`,
   * `load balancer 10.0.8.11:5432`), in object order. @default - none (facts kept before it was known)
   */
  readonly serviceExposures?: ReadonlyArray<readonly [string, string]>;
  /**
   * Calls its pods make of a Service by its in-cluster name in a namespace it does not have, in object order.
   * @default - none (facts kept before it was known)
   */
  readonly foreignServiceCalls?: readonly ForeignServiceCall[];
  /** Problems of the inventory objects it reaches. */
  readonly inventoryProblems: readonly InventoryProblemFact[];
  /** Problems of the site as a whole; reported once, with the site's first cluster. */
  readonly siteFindings: readonly Finding[];
  /**
   * The folder of the site's repository its GitOps engine bootstraps from.
   * @default - none: its engine commits nothing to the repository, or it has none
   */
  readonly bootstrapFolder?: BootstrapFolderClaim;
}

/** The facts of one synthesized cluster. */
export function clusterFacts(cluster: SynthesizedCluster): ClusterFacts {
  const chart = cluster.chart;
  const chartPath = chart.node.path;
  return {
    folder: cluster.folder,
    chartPath,
    site: chart.site.name,
    siteDomain: typeof chart.site.domain === 'string' ? chart.site.domain.toLowerCase() : undefined,
    siteDeclaration: siteDeclaration(chart.site),
    hosts: chart.hosts.map((host) => ({ key: `${chart.site.name}\u0000${host.inventoryPath}`, name: host.name, shared: host.shared !== undefined })),
    addressClaims: addressClaims(cluster),
    unaskedPools: (chart.loadBalancer?.unaskedPools?.() ?? []).filter((pool) => Object.values(chart.site.pools).includes(pool)).map((pool) => pool.name),
    routeHosts: routeHostClaims(cluster),
    tailnetNames: tailnetNameClaims(cluster),
    nfsFolders: nfsFolderClaims(cluster),
    services: serviceFacts(cluster),
    serviceExposures: serviceExposureFacts(cluster),
    foreignServiceCalls: foreignServiceCallFacts(cluster),
    inventoryProblems: inventoryProblems(chart.site, chart.hosts),
    siteFindings: [...siteInventoryFindings(chart.site, chartPath), ...siteAddressFindings(chart.site, chartPath)],
    ...bootstrapFolderOf(cluster),
  };
}

/** The cluster's {@link ClusterFacts.bootstrapFolder}, as a part of its facts; empty without one. */
function bootstrapFolderOf(cluster: SynthesizedCluster): { bootstrapFolder?: BootstrapFolderClaim } {
  const chart = cluster.chart;
  const folder = chart.gitops?.bootstrapFolder?.(chart);
  const git = chart.site.git;
  return folder === undefined || git === undefined ? {} : {
    bootstrapFolder: { repository: git.url, branch: git.branch, path: folder.path, field: `gitops.${folder.field}` },
  };
}

/** Site-wide problems, each site's once, against its first cluster. */
export function checkSites(clusters: readonly ClusterFacts[]): Finding[] {
  const seen = new Set<string>();
  return clusters.flatMap((cluster) => {
    if (seen.has(cluster.site)) {
      return [];
    }
    seen.add(cluster.site);
    return [...cluster.siteFindings];
  });
}
