import { parseIpAddress } from '../inventory/ip-address';
import { networkBounds, Vlan, VlanNetwork } from '../inventory/vlan';

// A cluster's pod and Service ranges are addresses only inside the cluster: a VLAN of the site that lies in
// one is out of the pods' reach (they reach a pod or a Service address there, not the LAN's machine).

/** Where the owner sets a range: its short name for messages, and what to write for hints. */
export interface RangeSetting {
  /** e.g. `podSubnets`, `--cluster-cidr`. */
  readonly name: string;
  /** e.g. `talos({ podSubnets })`. */
  readonly write: string;
  /** The prop of its owner (the distribution's declaration, the CNI) that holds it, e.g. `podSubnets`. */
  readonly field: string;
}

/** What a distribution runs with unless told otherwise, and where it is told. */
export interface DistributionRanges {
  /** Its name, as `Preinstalled.distribution` gives it. */
  readonly name: string;
  /** Its name as an owner, for messages, e.g. `Talos'`. */
  readonly whose: string;
  /** Its default pod ranges. */
  readonly pods: readonly string[];
  /** Its default Service ranges. */
  readonly services: readonly string[];
  /** Where the pod range is set. */
  readonly podSetting: RangeSetting;
  /** Where the Service range is set, or the factory that leaves it at its default. */
  readonly serviceSetting: RangeSetting | { readonly fixedBy: string };
}

/**
 * Where the ranges of a distribution declared by hand are set (`podWhere`, `serviceWhere`), whose preinstalled entry
 * repeats them as `clusterRanges`.
 */
function setByHand(podWhere: string, serviceWhere: string): Pick<DistributionRanges, 'podSetting' | 'serviceSetting'> {
  return {
    podSetting: { name: 'clusterRanges.pods', write: `${podWhere} (and the same range as clusterRanges: { pods: ['<range>'] } of its preinstalled entry)`, field: 'clusterRanges.pods' },
    serviceSetting: {
      name: 'clusterRanges.services', write: `${serviceWhere} (and the same range as clusterRanges: { services: ['<range>'] } of its preinstalled entry)`, field: 'clusterRanges.services',
    },
  };
}

/**
 * The distributions whose ranges the library knows: Talos' `cluster.network.podSubnets`/`serviceSubnets`,
 * K3s' `--cluster-cidr`/`--service-cidr` and k0s' `spec.network.podCIDR`/`serviceCIDR`, each at its default; and those
 * declared by name (`{ source: 'rke2', distribution: 'RKE2' }`): RKE2's `cluster-cidr`/`service-cidr`, MicroK8s' pod and
 * Service ranges (its CNI configuration guide) and kubeadm's `--service-cidr` (its pod range is the one
 * `--pod-network-cidr` gives the CNI, which has no default).
 */
export const KNOWN_DISTRIBUTIONS = {
  talos: {
    name: 'Talos Linux', whose: "Talos'", pods: ['10.244.0.0/16'], services: ['10.96.0.0/12'],
    podSetting: { name: 'podSubnets', write: 'talos({ podSubnets })', field: 'podSubnets' }, serviceSetting: { fixedBy: 'talos()' },
  },
  k3s: {
    name: 'K3s', whose: "K3s'", pods: ['10.42.0.0/16'], services: ['10.43.0.0/16'],
    podSetting: { name: '--cluster-cidr', write: "k3s({ extraServerFlags: ['--cluster-cidr=<range>'] })", field: 'extraServerFlags' },
    serviceSetting: { name: '--service-cidr', write: "k3s({ extraServerFlags: ['--service-cidr=<range>'] })", field: 'extraServerFlags' },
  },
  k0s: { name: 'k0s', whose: "k0s'", pods: ['10.244.0.0/16'], services: ['10.96.0.0/12'], ...setByHand("k0s' spec.network.podCIDR", "k0s' spec.network.serviceCIDR") },
  rke2: {
    name: 'RKE2', whose: "RKE2's", pods: ['10.42.0.0/16'], services: ['10.43.0.0/16'],
    ...setByHand("RKE2's cluster-cidr in /etc/rancher/rke2/config.yaml", "RKE2's service-cidr in /etc/rancher/rke2/config.yaml"),
  },
  microk8s: {
    name: 'MicroK8s', whose: "MicroK8s'", pods: ['10.1.0.0/16'], services: ['10.152.183.0/24'],
    ...setByHand("Calico's CALICO_IPV4POOL_CIDR and kube-proxy's --cluster-cidr of MicroK8s", "kube-apiserver's --service-cluster-ip-range of MicroK8s"),
  },
  kubeadm: {
    name: 'kubeadm', whose: "kubeadm's", pods: [], services: ['10.96.0.0/12'],
    ...setByHand("kubeadm init's --pod-network-cidr, as the CNI is configured", "kubeadm init's --service-cidr"),
  },
} as const satisfies Record<string, DistributionRanges>;

/** The ranges a declaration gives, for a distribution this library does not know. */
const DECLARED_SETTINGS = {
  pods: { name: 'clusterRanges.pods', write: "the distribution's pod range (and clusterRanges: { pods: ['<range>'] } of its preinstalled entry)", field: 'clusterRanges.pods' },
  services: { name: 'clusterRanges.services', write: "the distribution's Service range (and clusterRanges: { services: ['<range>'] } of its preinstalled entry)", field: 'clusterRanges.services' },
} as const;

/** A pod or Service range a cluster runs with. */
export interface ClusterRange {
  /** The range, a CIDR block. */
  readonly cidr: string;
  /** `pod range` or `Service range`. */
  readonly what: string;
  /** Whether it was given, rather than a default. */
  readonly given: boolean;
  /** The prop of its owner that gives it (e.g. `podSubnets`), when given. @default - none: a default */
  readonly field?: string;
  /** What to write to set it, e.g. `talos({ podSubnets })`. @default - none: a default nothing sets */
  readonly write?: string;
  /** Whose range it is, for messages, e.g. `Talos' pod range`, `the cluster's pod range (podSubnets)`. */
  readonly label: string;
  /** How the owner moves it out of a VLAN's way. */
  readonly hint: string;
  /** How the owner moves it elsewhere, e.g. `give talos({ podSubnets }) another pod range`. */
  readonly move: string;
}

/** The CIDR blocks of `written` that are CIDR blocks (the others have errors of their own). Pure. */
export function cidrBlocks(written: unknown): string[] {
  return (Array.isArray(written) ? written : []).filter((s): s is string => typeof s === 'string' && networkBounds(s) !== undefined);
}

/**
 * One kind of range, `given` when not empty, else `defaults` of `whose` (e.g. `Talos'`), with the hint that
 * names `setting`. Pure.
 */
export function rangesOf(what: string, whose: string, defaults: readonly string[], given: readonly string[], setting: RangeSetting | { readonly fixedBy: string }): ClusterRange[] {
  if (given.length > 0 && 'name' in setting) {
    return given.map((cidr) => ({
      cidr, what, given: true, field: setting.field, write: setting.write, label: `the cluster's ${what} (${setting.name})`, hint: `give ${setting.write} a range no VLAN of the site uses`,
      move: `give ${setting.write} a range no machine of the site uses`,
    }));
  }
  return defaults.map((cidr) => ({
    cidr, what, given: false, ...('name' in setting ? { write: setting.write } : {}), label: `${whose} ${what}`,
    hint: 'name' in setting ? `move the VLAN off ${cidr}, or give ${setting.write} another ${what}` : `move the VLAN off ${cidr}, ${whose} ${what}, which ${setting.fixedBy} leaves at its default`,
    move: 'name' in setting ? `give ${setting.write} another ${what}` : `renumber the machine: ${setting.fixedBy} leaves ${whose} ${what} at its default`,
  }));
}

/** What a distribution's declaration says of its ranges. */
export interface DeclaredRanges {
  /** Its name (`Preinstalled.distribution`). */
  readonly distribution?: string;
  /** The ranges it runs with, when not its defaults. */
  readonly clusterRanges?: { readonly pods?: readonly string[]; readonly services?: readonly string[] };
}

/**
 * The pod and Service ranges a cluster runs with: those its distribution's declaration gives, else the
 * distribution's defaults when the library knows it (none for one it does not). Pure.
 */
export function distributionRanges(declared: DeclaredRanges): ClusterRange[] {
  const name = typeof declared.distribution === 'string' ? declared.distribution.trim().toLowerCase() : undefined;
  const known: DistributionRanges | undefined = Object.values(KNOWN_DISTRIBUTIONS).find((d) => d.name.toLowerCase() === name);
  const pods = cidrBlocks(declared.clusterRanges?.pods);
  const services = cidrBlocks(declared.clusterRanges?.services);
  if (known === undefined) {
    return [...rangesOf('pod range', "the cluster's", [], pods, DECLARED_SETTINGS.pods), ...rangesOf('Service range', "the cluster's", [], services, DECLARED_SETTINGS.services)];
  }
  return [
    ...rangesOf('pod range', known.whose, known.pods, pods, known.podSetting),
    ...rangesOf('Service range', known.whose, known.services, services, known.serviceSetting),
  ];
}

/** Whether two networks share an address. Pure. */
export function overlaps(a: VlanNetwork, b: VlanNetwork): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** A machine whose address lies in a range of the cluster. */
export interface RangeAddressProblem {
  /** The machine's name. */
  readonly name: string;
  /** What is wrong, naming the machine, its address and the range. */
  readonly message: string;
  /** What to check or change. */
  readonly hint: string;
}

/**
 * Machines (`what`, e.g. `external host`) whose address lies in one of `ranges`: pods reach a pod or a
 * Service there, never the machine. Pure.
 */
export function rangeAddressProblems(what: string, machines: ReadonlyArray<{ readonly name: string; readonly address: string }>, ranges: readonly ClusterRange[]): RangeAddressProblem[] {
  return machines.flatMap((machine) => {
    const range = rangeHolding(machine.address, ranges);
    return range === undefined ? [] : [{
      name: machine.name,
      message: `${what} ${machine.name} (${machine.address}) lies in ${range.cidr}, ${range.label}: pods would reach a cluster address there, never the machine`,
      hint: `check the address of ${machine.name}; if it is right, ${range.move}`,
    }];
  });
}

/**
 * The one of `ranges` that holds the address of each of `nodes` (two or more), with the `others` (machines
 * outside the cluster) it holds too: one range around every node is a mistake of the range, not of each
 * address, so it is one problem, naming the machines it holds. Undefined when no range holds them all. Pure.
 */
export function rangeHoldingEveryNode(
  nodes: ReadonlyArray<{ readonly name: string; readonly address: string }>,
  others: ReadonlyArray<{ readonly name: string; readonly address: string }>,
  ranges: readonly ClusterRange[],
): (RangeAddressProblem & { readonly range: ClusterRange }) | undefined {
  const range = nodes.length < 2 ? undefined : ranges.find((r) => nodes.every((n) => rangeHolding(n.address, [r]) !== undefined));
  if (range === undefined) return undefined;
  const held = (ms: typeof nodes) => ms.map((m) => `${m.name} (${m.address})`).join(', ');
  const outside = others.filter((m) => rangeHolding(m.address, [range]) !== undefined);
  return {
    range, name: range.cidr,
    message: `${range.cidr}, ${range.label}, holds the address of every node: ${held(nodes)}${outside.length > 0 ? `, and of ${held(outside)} outside the cluster` : ''}; `
      + 'pods would reach cluster addresses there, never the machines',
    hint: range.move,
  };
}

/** The first of `ranges` that holds `address`; undefined for none, or for text that is no address. Pure. */
export function rangeHolding(address: string, ranges: readonly ClusterRange[]): ClusterRange | undefined {
  const value = parseIpAddress(address);
  return value === undefined ? undefined : ranges.find((r) => {
    const network = networkBounds(r.cidr)!;
    return network.family === value.family && value.value >= network.first && value.value <= network.last;
  });
}

/** A VLAN inside a range of the cluster: what is wrong, and how to move the range. */
export interface RangeVlanProblem {
  /** The VLAN inside the range. */
  readonly vlan: Vlan;
  /** What is wrong, naming the VLAN and the range. */
  readonly message: string;
  /** How to move the range, or the VLAN. */
  readonly hint: string;
}

/**
 * VLANs of the site inside one of `ranges`: pods reach a cluster address there instead of the machine on the
 * LAN, so the LAN's addresses in the overlap are out of their reach (and a Service address can shadow a
 * machine's). Pure.
 */
export function rangeVlanProblems(vlans: readonly Vlan[], ranges: readonly ClusterRange[]): RangeVlanProblem[] {
  return vlans.flatMap((vlan) => ranges.filter((r) => vlan.network !== undefined && overlaps(vlan.network, networkBounds(r.cidr)!)).map((r) => ({
    vlan,
    message: `VLAN ${vlan.id} (${vlan.name}, ${vlan.cidr}) overlaps ${r.cidr}, ${r.label}: pods would reach cluster addresses there instead of the LAN's machines`,
    hint: r.hint,
  })));
}
