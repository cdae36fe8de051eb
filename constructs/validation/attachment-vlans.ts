import type { Host } from '../inventory/host';
import type { Vlan } from '../inventory/vlan';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { type Fields, fields, list, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { type PodTemplate, podTemplates } from './pod-spec';
import { schedulableHosts } from './scheduling';

// A Multus attachment written by hand (macvlan for Home Assistant or a DNS server on the LAN, ipvlan, the
// vlan plugin) puts the pod on a VLAN: the vlan plugin tags its frames with `vlanId`, and macvlan or ipvlan
// hang off a host interface, `eth0.30` being VLAN 30's. The inventory says which VLANs the site has and which
// hosts have a leg on each: a VLAN it does not declare, or a master interface on a VLAN the pods' hosts have
// no leg on, leaves the pods in ContainerCreating, as Multus finds no such device.

const layer = 'inventory' as const;
export const MULTUS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';

/** A VLAN an attachment's CNI config puts its pods on, and how it says so. */
export interface TaggedLink {
  readonly id: number;
  /** The master interface on that VLAN (`eth0.30`), which each host must have; none for the vlan plugin, which makes its own. */
  readonly master?: string;
  /** How a message names it: `master eth0.30`, `vlanId 30`. */
  readonly written: string;
}

/** The plugins of an attachment's CNI config: its one plugin, or its list of `plugins`; none where it is no JSON. Pure. */
export function cniPlugins(config: unknown): Fields[] {
  let parsed: unknown;
  try {
    parsed = typeof config === 'string' ? JSON.parse(config) : undefined;
  } catch {
    // A config that is no JSON is the schema rules' to report.
    return [];
  }
  return list(fields(parsed).plugins).length > 0 ? list(fields(parsed).plugins) : [fields(parsed)];
}

/** The VLAN of an attachment's CNI config (one plugin, or a list of `plugins`), when it names one. */
export function taggedLink(config: unknown): TaggedLink | undefined {
  for (const plugin of cniPlugins(config)) {
    const type = text(plugin.type);
    const master = text(plugin.master);
    const sub = master === undefined ? null : /^[^.]+\.(\d{1,4})$/.exec(master);
    if (type === 'vlan' && typeof plugin.vlanId === 'number') {
      return { id: plugin.vlanId, written: `vlanId ${plugin.vlanId}` };
    }
    if ((type === 'macvlan' || type === 'ipvlan') && sub) {
      return { id: Number(sub[1]), master, written: `master ${master}` };
    }
  }
  return undefined;
}

/** The attachments a pod template asks Multus for, as `<namespace>/<name>`. */
export function attachmentsOf(template: PodTemplate): string[] {
  const value = template.annotations[MULTUS_ANNOTATION]?.trim();
  if (value === undefined || value === '') {
    return [];
  }
  if (value.startsWith('[')) {
    try {
      return list(JSON.parse(value)).flatMap((entry) => (text(entry.name) === undefined ? [] : [`${text(entry.namespace) ?? template.namespace}/${text(entry.name)}`]));
    } catch {
      return [];
    }
  }
  return value.split(',').map((n) => n.trim().split('@')[0]).filter((n) => n !== '').map((n) => (n.includes('/') ? n : `${template.namespace}/${n}`));
}

/** Whether `host` has a leg on `vlan`: an interface or a bridge on it, or its address in it. */
function hasLeg(host: Host<any, any>, vlan: Vlan): boolean {
  return host.vlanInterfaces.some((link) => link.vlan.id === vlan.id) || host.addresses.some((address) => vlan.contains(address))
    || Object.values(host.bridges).some((bridge) => bridge?.vlan?.id === vlan.id);
}

/**
 * Hand-written NetworkAttachmentDefinitions on a VLAN (the vlan plugin's `vlanId`, a macvlan or ipvlan
 * `master` such as `eth0.30`) that the site does not declare, and macvlan or ipvlan masters on a VLAN that a
 * host the attaching pods may run on has no leg on: one error on the definition's `spec.config`. Judged where
 * the site declares its VLANs. Linear in the cluster's objects.
 */
export function checkAttachmentVlans(cluster: SynthesizedCluster): Finding[] {
  const vlans = Object.values(cluster.chart.site?.vlans ?? {}) as Vlan[];
  const definitions = vlans.length === 0 ? [] : indexOf(cluster.objects).of('NetworkAttachmentDefinition');
  if (definitions.length === 0) {
    return [];
  }
  const users = new Map<string, PodTemplate[]>();
  for (const template of podTemplates(cluster.objects)) {
    for (const key of attachmentsOf(template)) {
      const attaching = users.get(key);
      if (attaching === undefined) {
        users.set(key, [template]);
      } else {
        attaching.push(template);
      }
    }
  }
  const findings: Finding[] = [];
  const report = (object: SynthesizedObject, message: string, hint: string) => findings.push(objectFinding(object, { layer, severity: 'error', field: 'spec.config', message, hint }));
  for (const definition of definitions) {
    const link = taggedLink(fields(definition.manifest.spec).config);
    if (link === undefined) {
      continue;
    }
    const onIt = vlans.filter((vlan) => vlan.id === link.id);
    if (onIt.length === 0) {
      report(definition, `its ${link.written} is on VLAN ${link.id}, which the site does not declare: the pods would sit on a segment nothing else of the site knows`,
        `declare the VLAN in the site's vlans (it has ${vlans.map((v) => `${v.name} ${v.id}`).join(', ')}): vlan('<name>', { id: ${link.id}, cidr }), or use the id of one of those`);
      continue;
    }
    if (link.master === undefined) {
      continue;
    }
    const key = `${text(definition.manifest.metadata.namespace) ?? 'default'}/${text(definition.manifest.metadata.name)}`;
    const hosts = new Set((users.get(key) ?? []).flatMap((template) => schedulableHosts(template, cluster.chart).hosts));
    const without = [...hosts].filter((host) => !onIt.some((vlan) => hasLeg(host, vlan)));
    if (without.length > 0) {
      const names = without.map((host) => host.name);
      report(definition, `its master ${link.master} is an interface on VLAN ${link.id} (${onIt[0].name}), and host${names.length > 1 ? 's' : ''} ${names.join(', ')}, where pods that attach it may run, `
        + `${names.length > 1 ? 'have' : 'has'} no leg on that VLAN in the inventory: Multus finds no such device there and the pods never start`,
      `give the host its interface on the VLAN, in the inventory and on the machine: vlanInterfaces: [{ vlan: <site>.vlans.${onIt[0].name}, device: '${link.master}' }]; `
        + "or use the vlan plugin, which tags the pod's own interface: { type: 'vlan', master: '<uplink>', vlanId: " + `${link.id} }`);
    }
  }
  return findings;
}
