// The VMs whose workloads move into aether, which the migration frees once their data is here.

/** A VM the design eliminates. */
export interface ReplacedVm {
  /** The VM's name, as the design writes it. */
  readonly name: string;
  /** The memory it frees, in GB. */
  readonly memoryGigabytes: number;
  /** The Proxmox host it runs on, where the owner shuts it down and deletes it. */
  readonly proxmoxHost: string;
}
/** The VMs the design eliminates, in its order, with the host its table of what moves puts each on. */
export const VMS_THE_CLUSTER_REPLACES: readonly ReplacedVm[] = [
  { name: 'AI Tool Stack', memoryGigabytes: 8, proxmoxHost: 'Neo' },
  { name: 'GitLab', memoryGigabytes: 8, proxmoxHost: 'Trinity' },
  { name: 'Messaging Stack', memoryGigabytes: 2, proxmoxHost: 'Niobe' },
  { name: 'UPS Stack', memoryGigabytes: 1, proxmoxHost: 'Niobe' },
  { name: 'Coupe Sandbox', memoryGigabytes: 4, proxmoxHost: 'Niobe' },
  { name: 'Dokku', memoryGigabytes: 8, proxmoxHost: 'Neo' },
  { name: 'Dokploy', memoryGigabytes: 16, proxmoxHost: 'Trinity' },
  { name: 'Media Stack', memoryGigabytes: 4, proxmoxHost: 'Trinity' },
];
/** The VMs, each with its host and memory, and the memory they free together. */
export const freedVms = (vms: readonly ReplacedVm[]) => `${vms.map((vm) => `${vm.name} (on ${vm.proxmoxHost}, ${vm.memoryGigabytes} GB)`).join(', ')}, `
  + `about ${vms.reduce((sum, vm) => sum + vm.memoryGigabytes, 0)} GB`;
