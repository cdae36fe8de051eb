import type { ExternalHost, HostDisk } from '../inventory/host';

/** What the inventory records of a machine itself: model, CPU, memory and disks. */
export interface MachineRecord {
  /** Make and model, e.g. `Synology DS920+`. @default - unknown */
  readonly model?: string;
  /** CPU model. @default - unknown */
  readonly cpuModel?: string;
  /** CPU cores. @default - unknown */
  readonly cores?: number;
  /** Memory, in gigabytes. @default - unknown */
  readonly memoryGigabytes?: number;
  /** Disks. @default - unknown */
  readonly disks?: readonly HostDisk[];
}

/**
 * A machine's hardware as one line, e.g. `HP 280 G1 MT · Intel Core i3-4160 · 2 cores · 12 GB · 1000 GB SSD`.
 * For a machine outside the cluster it stays empty until the inventory records the machine itself (its
 * memory alone says little); a node's cores and memory are what its workloads are sized against, so
 * `sizing` shows them even alone. An amount named in `placeholders` is a stand-in, and says so.
 */
export function hardwareParts(machine: MachineRecord, sizing = false, placeholders: readonly ('cores' | 'memoryGigabytes')[] = []): string[] {
  const stated = (field: 'cores' | 'memoryGigabytes', text: string) => (placeholders.includes(field) ? `${text} (placeholder)` : text);
  const disks = machine.disks ?? [];
  if (!sizing && machine.model === undefined && machine.cpuModel === undefined && disks.length === 0) {
    return [];
  }
  return [
    machine.model, machine.cpuModel,
    machine.cores !== undefined ? stated('cores', `${machine.cores} cores`) : undefined,
    machine.memoryGigabytes !== undefined ? stated('memoryGigabytes', `${machine.memoryGigabytes} GB`) : undefined,
    ...disks.map((d) => `${d.sizeGigabytes} GB ${d.media.toUpperCase()}`),
  ].filter((part): part is string => part !== undefined);
}

/**
 * The README's section on the site's machines outside Kubernetes (an NFS server, a NAS, a CA): what the
 * cluster gets from outside, with each machine's address, DNS name, ports, OS and hardware as the inventory
 * records them. Empty when the site declares none. `cell` makes a value safe for a table cell.
 */
export function outsideMachinesSection(machines: readonly ExternalHost[], cell: (text: string) => string): string[] {
  if (machines.length === 0) {
    return [];
  }
  const lines = [
    '## Machines outside the cluster', '',
    '| machine | address | DNS name | ports | OS and hardware |', '|---|---|---|---|---|',
  ];
  for (const machine of machines) {
    // A stand-in value must not read as a fact: the owner fills it in (see the placeholders above).
    const pending = new Set(machine.placeholders.map((fact) => fact.where));
    const fact = (field: string, value: string | undefined) => (value !== undefined && pending.has(`external host ${machine.name} ${field}`)
      ? `${value} (placeholder)` : value ?? '');
    const ports = Object.entries(machine.ports).map(([service, port]) => `${service} ${fact(`ports.${service}`, String(port))}`).join(', ');
    const described = [machine.os, ...hardwareParts(machine.hardware ?? {})].filter((part): part is string => part !== undefined);
    lines.push(`| ${cell(machine.name)} | ${cell(fact('address', machine.address))} | ${cell(fact('dnsName', machine.dnsName))} | ${cell(ports)} | ${cell(described.join(' · '))} |`);
  }
  lines.push('');
  return lines;
}
