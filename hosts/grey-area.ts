import { host, site } from '../constructs';

// Seed 000: the grey-area home lab, three NixOS machines joined over a Tailscale mesh. Facts only;
// charts/grey-area/ decides what runs where. The seed leaves hardware specs open; addresses are the
// hosts' tailnet (100.64.0.0/10) addresses.

export const greyArea = host('grey-area', {
  arch: 'amd64',
  roles: ['control-plane', 'worker'],
  address: '100.64.0.1',
  // Ollama-heavy workloads run here: the one GPU of the lab. Untainted, it also runs general services.
  gpus: [{ vendor: 'nvidia' }],
});

export const congenitalOptimist = host('congenital-optimist', {
  arch: 'amd64',
  roles: ['control-plane', 'worker'],
  address: '100.64.0.2',
});

export const limitingFactor = host('limiting-factor', {
  arch: 'amd64',
  roles: ['worker'],
  address: '100.64.0.3',
  // Dedicated to the registry: only workloads that tolerate this taint land here.
  taints: [{ key: 'dedicated', value: 'registry', effect: 'NoSchedule' }],
  workloadRoles: ['registry'],
  services: ['registry', 'nfs-server'],
});

export const greyAreaSite = site('grey-area', {
  domain: 'grey-area.tailnet',
  hosts: [greyArea, congenitalOptimist, limitingFactor],
  nfs: {
    kubernetes: { server: 'nfs.limiting-factor.tailnet', path: '/export/kubernetes' },
    // sleeper-service: the lab's external storage machine, outside the cluster; its tailnet name is what
    // the nodes mount it by.
    models: { server: 'sleeper-service', path: '/mnt/storage/models' },
  },
  // Argo CD pulls from Forgejo inside the tailnet (the seed's GitOps source).
  git: { url: 'ssh://git@forgejo.grey-area.tailnet/grey-area/gitops.git', branch: 'main' },
});
