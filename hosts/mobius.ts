import { type AlertReceiverKind, externalHost, type FluxNotificationProvider, host, placeholder, site, vlan, type VmFirmware } from '../constructs';

// The Mobius home lab. Facts only; charts/mobius/ decides what runs where.

export const vlans = {
  services: vlan('services', { id: 4, cidr: '192.168.4.0/24', gateway: '192.168.4.1', purpose: 'services and k0s nodes; the gateway is the UDM Pro, the default route' }),
  vips: vlan('vips', { id: 8, cidr: '192.168.8.0/24', purpose: 'infrastructure VIPs (MetalLB)' }),
  iot: vlan('iot', { id: 64, cidr: '192.168.64.0/20', gateway: '192.168.64.1', purpose: 'IoT and VMs; the gateway is N5\'s bridge64' }),
  sandbox: vlan('sandbox', { id: 16, cidr: '192.168.16.0/20', purpose: 'sandbox and untrusted workloads, reserved for later: no cluster uses it yet' }),
};

/** A host's CPU architecture, which the design does not give for N5 and the VPS; images are checked against amd64. */
function archOf(hostName: string) {
  return placeholder<'amd64' | 'arm64'>('amd64', { fact: `CPU architecture of ${hostName}`, owner: `confirm with \`uname -m\` on ${hostName} (x86_64 is amd64, aarch64 is arm64)` });
}

// N5 is the design's "k0s controller+worker", but the controller is its management cluster's, outside this
// repository: in homelab and the sandbox, whose control planes run as pods there (k0smotron), it is a worker
// joined by token, with no control-plane label, and their API servers answer on node ports, not on its 6443.
export const n5 = host('n5', {
  arch: archOf('n5'),
  roles: ['worker'],
  address: '192.168.4.5',
  cores: 24,
  memoryGigabytes: 91,
  zfsPools: {
    ai: { media: 'nvme', sizeTerabytes: 3.62 },
    vms: { media: 'ssd', sizeTerabytes: 1.86, volumeFilesystem: 'ext4' },
    tank: { media: 'hdd', sizeTerabytes: 18.2 },
  },
  bridges: { bridge64: { vlan: vlans.iot, uplink: 'eno1.64' } },
  // MetalLB answers for the VIPs of VLAN 8 from N5, which needs a leg on that VLAN; the design names none.
  vlanInterfaces: [{
    vlan: vlans.vips,
    device: placeholder('eno1.8', {
      fact: "N5's interface on VLAN 8 (infrastructure VIPs)",
      owner: 'create the VLAN 8 subinterface on N5 (as eno1.64 carries VLAN 64) and give its name as `ip link` shows it',
    }),
  }],
  shared: 'the sandbox cluster runs beside homelab on the same machine',
  // Dokploy runs its containers as services of Docker in swarm mode, even on one machine, until the design's phase 4.
  services: ['docker-swarm'],
});

export const vps = host('vps', {
  arch: archOf('vps'),
  roles: ['worker'],
  address: '85.31.234.30',
  publicAddress: '85.31.234.30',
  cores: 2,
  memoryGigabytes: 7.8,
  // Dokploy runs its containers as services of Docker in swarm mode, even on one machine, until the design's phase 4.
  services: ['docker-swarm'],
});

/** The Ubuntu 24.04 ARM64 VM on the M1 Mac mini (UTM, bridged to VLAN 4): 4 of its 8 cores, 6 of its 8 GB, a 50 GB thin disk. */
export const m1 = host('m1', {
  arch: 'arm64',
  model: 'Ubuntu 24.04 VM (UTM) on the M1 Mac mini',
  disks: [{ media: 'ssd', sizeGigabytes: 50 }],
  roles: ['worker'],
  address: '192.168.4.81',
  nodeName: 'm1-worker',
  cores: 4,
  memoryGigabytes: 6,
  workloadRoles: ['monitoring', 'ci-cd'],
  // A worker for non-critical workloads only (the design): what does not ask for its roles stays on N5.
  taints: [{ key: 'dedicated', value: 'monitoring-ci-cd', effect: 'NoSchedule' }],
});

/** The M1 Mac mini itself: macOS and the UTM hypervisor of the m1-worker VM, keeping 2 GB for itself. */
export const m1Host = externalHost('m1-host', {
  address: '192.168.4.11', os: 'macOS (UTM hypervisor)',
  hardware: { model: 'Mac mini (M1)', cores: 8, memoryGigabytes: 8 },
});

/** The M4 Mac mini: Osaurus natively on macOS (Metal, unified memory), outside Kubernetes. */
export const m4 = externalHost('m4', {
  // The design's ExternalName for Osaurus; the DnsRecord in homelab's chart makes it resolve inside.
  address: '192.168.4.14', dnsName: 'm4.jax-lab.dev', ports: { osaurus: 8080 }, os: 'macOS',
  hardware: { model: 'Mac mini (M4)', cores: 10, memoryGigabytes: 24 },
});

export const mobius = site('mobius', {
  domain: 'jax-lab.dev',
  hosts: [n5, vps, m1],
  externalHosts: { m4, m1Host },
  vlans,
  pools: {
    // The design's VLAN 8 table: Traefik's ingress VIP, then the services pool for further LoadBalancers.
    ingress: { first: '192.168.8.50', last: '192.168.8.50', vlan: 8 },
    services: { first: '192.168.8.51', last: '192.168.8.79', vlan: 8 },
    // AdGuard Home's DNS keeps its address on the services VLAN 4.
    dns: { first: '192.168.4.53', last: '192.168.4.53', vlan: 4 },
  },
  // The design bootstraps `--owner=yourusername --repo=homelab-gitops`: the owner is not given.
  git: {
    url: placeholder('ssh://git@github.com/jax-lab/homelab-gitops.git', {
      fact: 'GitHub repository of homelab-gitops',
      owner: 'set to the repository `flux bootstrap github --owner=<you> --repository=homelab-gitops` uses',
    }),
    branch: 'main',
  },
});

/**
 * MAC addresses of the Home Assistant VM's two interfaces. The design keeps the VM's existing libvirt
 * networking and gives no address; the stand-ins are derived from its IoT address (192.168.64.2).
 */
export const homeAssistantMacs = {
  iot: placeholder('02:00:c0:a8:40:02', {
    fact: "MAC address of the Home Assistant VM's IoT interface (bridge64)",
    owner: "copy the MAC of the existing libvirt VM's interface on bridge64 (`virsh domiflist <vm>`), so the guest and the IoT network keep knowing it",
  }),
  pod: placeholder('02:01:c0:a8:40:02', {
    fact: "MAC address of the Home Assistant VM's pod interface",
    owner: "copy the MAC of the existing libvirt VM's other interface (`virsh domiflist <vm>`); keep the stand-in if it has none",
  }),
};

/**
 * The firmware the Home Assistant VM boots its existing zvol with. The design moves the libvirt VM's disk as
 * it is and does not say how it boots; the stand-in is Home Assistant OS's UEFI.
 */
export const homeAssistantFirmware = placeholder<VmFirmware>('efi', {
  fact: 'firmware the Home Assistant VM boots with (efi or bios)',
  owner: 'set to the existing libvirt VM\'s, which its disk was installed under and alone boots with: efi when `virsh dumpxml "$LIBVIRT_VM" | grep -E "firmware=.efi.|loader"` '
    + 'prints a line (its os element\'s firmware is efi, or it names a UEFI loader), bios when it prints none',
});

/** A stand-in for an amount the design does not give, for the owner to confirm. */
function amount<T extends string | number>(value: T, fact: string, why: string) {
  return placeholder(value, { fact, owner: `the design gives none; ${why}: confirm or change it` });
}

/**
 * AdGuard Home on homelab. The design gives its address (192.168.4.53) and port 53 only; the stand-ins
 * suit a home network's resolver.
 */
export const adguardHome = {
  version: placeholder('v0.107.57', {
    fact: 'version of AdGuard Home (image adguard/adguardhome)',
    owner: "set to the version of the Dokploy container on N5, or newer, so its AdGuardHome.yaml (settings and rewrites) moves into the conf claim as it is (`docker inspect --format '{{.Config.Image}}' <container>`)",
  }),
  host: placeholder('adguard', {
    fact: "host name of AdGuard Home's admin UI under jax-lab.dev",
    owner: 'the design names none: set to the name the admins use (private: resolved inside by its AdGuard rewrite, no public record)',
  }),
  confSize: amount('1Gi', "size of AdGuard Home's conf claim (AdGuardHome.yaml)", 'the configuration is a few kilobytes'),
  workSize: amount('10Gi', "size of AdGuard Home's work claim (query log and statistics)", 'the query log and statistics grow with the network\'s queries and their retention'),
  cpuRequest: amount('100m', 'CPU request of AdGuard Home', 'it answers the whole network\'s DNS'),
  memoryRequest: amount('256Mi', 'memory request of AdGuard Home', 'its filter lists are held in memory'),
  memoryLimit: amount('1Gi', 'memory limit of AdGuard Home', 'large filter lists need more'),
};

/**
 * The monitoring stack on the M1. The design calls Grafana the monitoring dashboard and gives it no name,
 * and gives no retention, sizes or destination of alerts. Prometheus and Loki keep their data on the
 * m1-worker VM's own 50 GB disk: the ZFS pools are N5's, which a pod on the M1 cannot mount.
 */
export const monitoringFacts = {
  grafanaHost: placeholder('grafana', {
    fact: 'host name of Grafana (the monitoring dashboard) under jax-lab.dev',
    owner: 'the design names none: set to the name the admins use (private: resolved inside by its AdGuard rewrite, no public record)',
  }),
  prometheusRetention: amount('7d', 'how long Prometheus keeps samples (a Prometheus duration)', 'a week of history suits a dashboard that may be away with the M1'),
  prometheusRetentionSize: amount('8GB', 'most bytes of samples Prometheus keeps (a Prometheus byte size)',
    "it caps what Prometheus keeps in its claim on the m1-worker VM's 50 GB disk, below the claim's size"),
  prometheusStorageSize: amount('10Gi', "size of Prometheus' claim on the m1-worker VM's disk (local-path)",
    'it holds the samples Prometheus keeps (most bytes above) and the write-ahead log beside them; the VM\'s 50 GB disk also holds its system, images and Loki'),
  lokiRetention: amount('7d', 'how long Loki keeps logs (a Prometheus duration, a day or more)', 'a week of logs, as long as Prometheus keeps samples'),
  grafanaStorageSize: amount('1Gi', "size of Grafana's claim on the m1-worker VM's disk (local-path)", "its database holds the users, dashboards and alert rules made in its UI, a few megabytes"),
  lokiStorageSize: amount('10Gi', "size of Loki's claim on the m1-worker VM's disk (local-path)", "a home lab's logs of a week fit in it"),
  alertReceiverKind: placeholder<AlertReceiverKind>('webhook', {
    fact: 'kind of receiver Alertmanager sends alerts to (webhook, slack, discord or msteams)',
    owner: 'the design names no destination for alerts: pick the service that should notify you, then seal its incoming-webhook URL as key url of '
      + "monitoring/alertmanager-receiver (webhook is Alertmanager's own format, which ntfy and Gotify bridges read)",
  }),
};

/**
 * KubeVirt Manager, the design's optional web UI of KubeVirt behind Traefik. The design gives it no name;
 * its users are an htpasswd file sealed as kubevirt-manager/kubevirt-manager-users.
 */
export const kubeVirtManagerFacts = {
  host: placeholder('kubevirt', {
    fact: "host name of KubeVirt Manager (the VMs' web UI) under jax-lab.dev",
    owner: 'the design names none: set to the name the admins use (private: resolved inside by its AdGuard rewrite, no public record)',
  }),
};

/** The CI/CD workloads on the M1. The design names Renovate and a self-hosted GitHub Actions runner only. */
export const ciCdFacts = {
  renovateSchedule: amount('0 * * * *', 'when Renovate runs (a CronJob schedule)', 'hourly keeps pin updates prompt on a small worker'),
  maxRunners: amount(2, 'most GitHub Actions runners at once on the M1', 'the m1-worker VM has 4 cores and 6 GB for every workload'),
  concurrentScans: amount(2, "most Trivy scan jobs at once on the M1 (the chart's own is 10)",
    'each job holds the vulnerability database and the image it scans, up to 500 MB of memory, and every workload is rescanned daily beside Prometheus and Loki on the m1-worker VM\'s 6 GB'),
  fluxEventProvider: placeholder<FluxNotificationProvider>('generic', {
    fact: "kind of service Flux's notification-controller posts its failures to (generic, slack, discord, msteams, googlechat or rocket)",
    owner: 'the design runs notification-controller for events and alerts but names no destination: pick the service that should notify you, then seal its incoming-webhook URL as key address of '
      + "flux-system/flux-notifications (generic posts Flux's own JSON to any webhook, which ntfy and Gotify bridges read)",
  }),
};

/** Uptime Kuma on cloud (and its trial on the sandbox). The design gives its public name `uptime` only. */
export const uptimeKumaFacts = {
  version: placeholder('1.23.16', {
    fact: 'version of Uptime Kuma (image louislam/uptime-kuma) on cloud',
    owner: "set to the version of the VPS's Dokploy container, or newer, so its kuma.db migrates as it is (2.x converts the database of 1.x once, with no way back); "
      + "the sandbox's pin in charts/mobius/releases.ts, which Renovate bumps, must be as new or newer",
  }),
  dataSize: amount('2Gi', "size of Uptime Kuma's data claim (kuma.db)", "a home lab's monitors and their history stay well under it"),
  cpuRequest: amount('50m', 'CPU request of Uptime Kuma', 'it checks a home lab\'s monitors'),
  memoryRequest: amount('128Mi', 'memory request of Uptime Kuma', 'its Node.js server is small'),
  memoryLimit: amount('512Mi', 'memory limit of Uptime Kuma', 'many monitors need more'),
};

/**
 * Pocket ID, the OAuth provider Home Assistant's logins go through (the design's VM reaches it over the pod
 * network). The design names no version, address, size or resources; it moves from Dokploy with its data.
 */
export const pocketIdFacts = {
  version: placeholder('v1.14.2', {
    fact: 'version of Pocket ID (image ghcr.io/pocket-id/pocket-id)',
    owner: "set to the version of the Dokploy container on N5, or newer (1.0 or later: port 1411, data in /app/data), so its database, signing keys and passkeys move as they are (`docker inspect --format '{{.Config.Image}}' <container>`)",
  }),
  host: placeholder('id', {
    fact: 'host name of Pocket ID under jax-lab.dev',
    owner: "set to the host of the Dokploy Pocket ID's APP_URL: its passkeys are bound to that name and its OAuth clients (Home Assistant's among them) call it, so it cannot change in the move",
  }),
  dataSize: amount('1Gi', "size of Pocket ID's data claim (pocket-id.db, keys, uploads)", "a home lab's users, clients and audit log are a few megabytes"),
  cpuRequest: amount('50m', 'CPU request of Pocket ID', 'it answers the logins of a home lab'),
  memoryRequest: amount('128Mi', 'memory request of Pocket ID', 'its Go server and SQLite database are small'),
  memoryLimit: amount('512Mi', 'memory limit of Pocket ID', 'image uploads and many clients need more'),
};

/**
 * How often each cluster fetches new commits. The design asks for sync intervals per cluster along
 * sandbox → cloud → homelab, the sandbox's immediate; it gives no number for the others.
 */
export const syncIntervals = {
  sandbox: placeholder('1m', { fact: 'how often the sandbox fetches new commits', owner: 'the design says immediate sync: shorten or keep it' }),
  cloud: amount('10m', 'how often cloud fetches new commits', 'cloud is staging, after the sandbox'),
  homelab: amount('30m', 'how often homelab fetches new commits', 'homelab is production, after cloud'),
};

/** A control plane's node port on N5's management cluster, which the design does not give. */
function controlPlanePort(cluster: string, what: 'API server' | 'konnectivity server', field: 'apiPort' | 'konnectivityPort', value: number) {
  return placeholder(value, {
    fact: `node port of ${cluster}'s ${what} on N5's management cluster (k0smotron spec.service.${field})`,
    owner: "the design gives none; node ports are the management cluster's, one cluster each, and k0smotron's defaults (30443, 30132) "
      + "would meet the sandbox Traefik's HTTPS, which N5 publishes at 30443: confirm or change it",
  });
}

/**
 * Where each workload cluster's control plane answers on N5: k0smotron serves it as a NodePort Service of
 * the management cluster, which workers join through (the VPS over Twingate).
 */
export const controlPlanePorts = {
  homelab: { api: controlPlanePort('homelab', 'API server', 'apiPort', 31443), konnectivity: controlPlanePort('homelab', 'konnectivity server', 'konnectivityPort', 31132) },
  cloud: { api: controlPlanePort('cloud', 'API server', 'apiPort', 31444), konnectivity: controlPlanePort('cloud', 'konnectivity server', 'konnectivityPort', 31133) },
  sandbox: { api: controlPlanePort('sandbox', 'API server', 'apiPort', 31445), konnectivity: controlPlanePort('sandbox', 'konnectivity server', 'konnectivityPort', 31134) },
};

/** The sandbox's experiments, which the design does not name. */
export const sandboxFacts = {
  domain: placeholder('sandbox.jax-lab.dev', {
    fact: "the sandbox's domain (its Traefik's routes)",
    owner: 'the design names none: set to the domain the sandbox\'s test routes should answer for (no public record is made for it)',
  }),
  volumeDataset: placeholder('ai/sandbox', {
    fact: "ZFS dataset of N5 that holds the sandbox's volumes (pool/name)",
    owner: "the design gives the sandbox no storage: set to a dataset of the pool its experiments should use (the step makes it; ai is the fast NVMe pool the design keeps for AI/ML workloads, "
      + 'vms the SSD pool of VM disks and databases, tank the HDD pool of bulk data)',
  }),
  image: placeholder('ghcr.io/stefanprodan/podinfo:6.7.1', {
    fact: "image of the sandbox's test app podinfo",
    owner: 'the design says "experiments, testing" and names none: replace podinfo with what is to be tried',
  }),
};
