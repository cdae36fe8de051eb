import { GPU_RESOURCE } from '../app/gpu';
import type { GpuVendor } from '../inventory/gpu';
import { article } from '../inventory/problems';
import { nonPublicAddressKind } from '../inventory/public-address';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { machineAddresses } from './addresses';
import type { ClusterFacts } from './cluster-facts';
import type { Site } from '../inventory/site';
import { fields, objectFinding } from './manifest';
import { containersOf, podTemplates } from './pod-spec';
import { capacityFindings, componentLimitFindings, pinnedCapacityFindings, vmCapacityFindings } from './host-capacity';
import { quantityValue } from './quantity';

const layer = 'inventory' as const;
const VENDOR_NAMES: Record<GpuVendor, string> = { nvidia: 'NVIDIA', amd: 'AMD', intel: 'Intel' };
const LOAD_BALANCER_POOL_KINDS = new Set(['IPAddressPool', 'CiliumLoadBalancerIPPool']);

/**
 * The ingress's fixed address lies in a pool the cluster's load balancer serves; the public target of
 * split-horizon DNS has a public address. (A load-balancer address that is a machine's is one error either
 * way: outside every pool, the address check names the machine; inside one, that pool covers a machine's
 * address, which is the pool's own error, see {@link siteAddressFindings}.)
 */
export function checkSiteAddresses(cluster: SynthesizedCluster): Finding[] {
  const chart = cluster.chart;
  const chartPath = chart.node.path;
  const findings: Finding[] = [];
  const atChart = (field: string, message: string, hint: string): Finding => ({ layer, severity: 'error', constructPath: chartPath, field, message, hint });
  const ingress = chart.routes?.address;
  // A flavor that asks the load-balancer flavor for its address hears of an unserved pool from it: one error.
  if (ingress && chart.loadBalancer?.name !== 'tailscale' && !chart.routes.addressFromLoadBalancer) {
    const served = new Set(cluster.objects.filter((o) => LOAD_BALANCER_POOL_KINDS.has(o.manifest.kind)).map((o) => o.manifest.metadata.name));
    // Without a load-balancer flavor the ingress implementation assigns the address itself (Cilium LB-IPAM).
    if (!chart.loadBalancer) {
      // nothing to compare with
    } else if (served.size > 0 && !served.has(ingress.pool.name)) {
      findings.push(atChart('routes.address', `the ingress address ${ingress.address} is from pool "${ingress.pool.name}", which the cluster's load balancer does not serve`,
        `add pool "${ingress.pool.name}" to the load balancer's pools, or take the address from one of: ${[...served].join(', ')}`));
    }
  }
  const target = chart.dns?.publicTarget;
  // A cluster on the target without Cloudflare's token is refused already, on dns.cloudflare, whose hint leaves the
  // target out where AdGuard Home is given: its records would go nowhere public, whatever the target's address.
  if (target && !(chart.runsPublicTarget && chart.dns?.cloudflare === undefined)) {
    const kind = nonPublicAddressKind(target.publicAddress);
    if (target.publicAddress === undefined) {
      findings.push(atChart('dns.publicTarget', `public DNS records would point at host ${target.name}, which has no public address`,
        `give host ${target.name} its publicAddress in the inventory, or pick a host that has one`));
    } else if (kind !== undefined && !chart.site.hosts.includes(target)) {
      // A host of the site reports its own publicAddress; one named here alone is reported here.
      findings.push(atChart('dns.publicTarget', `host ${target.name}'s public address ${target.publicAddress} is ${kind}`,
        'public DNS must point at an address reachable from the internet'));
    }
  }
  return findings;
}


/** Site-wide: no address pool covers a machine's address. Reported against the site's first cluster. */
export function siteAddressFindings(site: Site<any, any, any, any>, chartPath: string): Finding[] {
  const hostAddresses = machineAddresses(site);
  const findings: Finding[] = [];
  for (const pool of Object.values(site.pools)) {
    const covered = [...hostAddresses.entries()].filter(([address]) => pool.contains(address));
    if (covered.length > 0) {
      findings.push({
        layer, severity: 'error', constructPath: chartPath, field: `site.pools.${pool.name}`,
        message: `address pool "${pool.name}" (${pool.range}) covers the address of ${covered.map(([a, owner]) => `${owner} (${a})`).join(', ')}`,
        hint: 'move the pool to addresses no machine uses, so the load balancer never hands out a host\'s address',
      });
    }
  }
  return findings;
}

/** A host is a node of one cluster unless it says why it is shared; the later cluster is reported. */
export function checkHostsUnshared(clusters: readonly ClusterFacts[]): Finding[] {
  const findings: Finding[] = [];
  const firstCluster = new Map<string, string>();
  for (const cluster of clusters) {
    cluster.hosts.forEach((host, i) => {
      const earlier = firstCluster.get(host.key);
      if (earlier === undefined) {
        firstCluster.set(host.key, cluster.chartPath);
      } else if (earlier !== cluster.chartPath && !host.shared) {
        findings.push({
          layer, severity: 'error', constructPath: cluster.chartPath, field: `hosts[${i}]`,
          message: `host ${host.name} is a node of cluster ${earlier} already`,
          hint: `a machine runs one kubelet; if it really serves both clusters (e.g. a sandbox beside the main cluster), say why with shared: '…' in host ${host.name}'s facts`,
        });
      }
    });
  }
  return findings;
}

/**
 * Hosts are used the way the inventory allows: a GPU limit fits the GPUs the cluster's hosts have; a
 * pod's memory and CPU requests fit the largest host it may run on (a warning).
 */
export function checkHostUse(cluster: SynthesizedCluster): Finding[] {
  const chart = cluster.chart;
  const findings: Finding[] = [];
  const resourceVendors = Object.entries(GPU_RESOURCE) as Array<[GpuVendor, string]>;
  // The most GPUs of each vendor one host has, counted once rather than for every container.
  const mostGpus = resourceVendors.map(([vendor]) => Math.max(0, ...chart.hosts.map((h) => h.gpuCount(vendor))));
  for (let n = 0, templates = podTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    for (let c = 0, containerRefs = containersOf(template); c < containerRefs.length; c++) {
      const { container, path } = containerRefs[c];
      const resources = fields(container.resources);
      const limits = fields(resources.limits);
      for (let v = 0; v < resourceVendors.length; v++) {
        const [vendor, resource] = resourceVendors[v];
        const wanted = quantityValue(limits[resource]);
        const most = mostGpus[v];
        if (wanted !== undefined && most > 0 && wanted > most) {
          const name = VENDOR_NAMES[vendor];
          findings.push(objectFinding(template.object, {
            layer, severity: 'error', field: `${path}.resources.limits.${resource}`,
            message: `asks for ${wanted} ${name} GPUs; no host of cluster "${chart.clusterName}" has more than ${most}`,
            hint: `ask for at most ${most}, or add ${article(name)} ${name} GPU to a host's gpus in the inventory`,
          }));
        }
      }
    }
    findings.push(...capacityFindings(cluster, template));
  }
  findings.push(...pinnedCapacityFindings(cluster, podTemplates(cluster.objects)));
  findings.push(...componentLimitFindings(cluster));
  findings.push(...vmCapacityFindings(cluster));
  return findings;
}
