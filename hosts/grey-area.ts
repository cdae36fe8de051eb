import { externalHost, host, placeholder, Placeholder, site } from '../constructs';

// The grey-area home lab, three NixOS machines joined over a Tailscale mesh. Facts only;
// charts/grey-area/ decides what runs where. The design leaves hardware specs and addresses open: the
// hosts' tailnet addresses are placeholders until the owner fills them in.

/**
 * A host's tailnet address, which the design does not give. A node reinstalled with Talos joins the tailnet as
 * a new machine, with a new address: the machine config names the address before the node has it.
 */
function tailnetAddress(hostName: string, standIn: string, talosNode = true) {
  return placeholder(standIn, {
    fact: `tailnet address of ${hostName}`,
    owner: talosNode
      ? `set to the address ${hostName} should have on the tailnet, and give it that address in the Tailscale admin console `
        + '(Machines → Edit machine IPv4) once its Talos extension has joined, before talosctl bootstrap'
      : `set to the address \`tailscale ip -4\` prints on ${hostName}`,
  });
}

/**
 * A node's LAN address, which the design does not give: a machine in Talos maintenance mode is not on the
 * tailnet yet, so its first machine config goes there.
 */
function lanAddress(hostName: string, standIn: string) {
  return placeholder(standIn, {
    fact: `LAN address of ${hostName}`,
    owner: `set to the address ${hostName} shows on its console in Talos maintenance mode`,
  });
}

/**
 * A node's CPU cores and memory, which the design leaves as blanks ("[CPU count] cores", "[Total GB]
 * available"): the stand-ins are the same modest machine for every node, enough for what the cluster
 * requests of each; the pods' requests are checked against them until the owner gives the real amounts.
 */
function hardwareSize(hostName: string) {
  return {
    cores: placeholder(4, {
      fact: `CPU cores of ${hostName}`,
      owner: `set to the CPU threads of ${hostName} (nproc on its present OS, or the cpu of kubectl get node ${hostName} -o jsonpath='{.status.capacity}' `
        + "once it has joined); the pods' CPU requests are checked against it",
    }),
    memoryGigabytes: placeholder(16, {
      fact: `memory of ${hostName} in gigabytes`,
      owner: `set to the memory of ${hostName} in gigabytes (free -g on its present OS, or the memory, in Ki, of the same kubectl command once it has joined); `
        + "the pods' memory requests are checked against it",
    }),
  };
}

/**
 * A node's CPU architecture, which the design does not give ("[Existing specs]"). Its flake builds the
 * Nix images for x86_64-linux only, and GitHub's hosted runners build them there: the stand-in is amd64.
 */
function archOf(hostName: string) {
  return placeholder<'amd64' | 'arm64'>('amd64', {
    fact: `CPU architecture of ${hostName}, which its Talos image and every image it runs must be built for`,
    owner: `the design gives no hardware ("[Existing specs]") and builds its Nix images for x86_64-linux only: write what \`uname -m\` prints on ${hostName} `
      + '(x86_64 is amd64, aarch64 is arm64); an arm64 node also needs the flake to build its images for aarch64-linux',
  });
}

export const greyArea = host('grey-area', {
  arch: archOf('grey-area'),
  roles: ['control-plane', 'worker'],
  address: tailnetAddress('grey-area', '100.64.0.1'),
  ...hardwareSize('grey-area'),
  // Ollama-heavy workloads run here, "for GPU"; the design names no vendor, so NVIDIA is a stand-in.
  // Untainted, it also runs general services.
  gpus: [{
    vendor: placeholder('nvidia', {
      fact: 'GPU vendor of grey-area',
      owner: "set to the GPU's maker (nvidia, amd or intel); it decides Ollama's image, device plugin and GPU resource",
    }),
  }],
});

export const congenitalOptimist = host('congenital-optimist', {
  arch: archOf('congenital-optimist'),
  roles: ['control-plane', 'worker'],
  address: tailnetAddress('congenital-optimist', '100.64.0.2'),
  ...hardwareSize('congenital-optimist'),
});

export const limitingFactor = host('limiting-factor', {
  arch: archOf('limiting-factor'),
  // A control-plane node as well: the design's three etcd members ("HA etcd: 3 replicas → survives 1
  // node failure") need all three machines; see charts/grey-area/README.md.
  roles: ['control-plane', 'worker'],
  address: tailnetAddress('limiting-factor', '100.64.0.3'),
  // The design reserves its memory for the registry: the taint below keeps other workloads away.
  ...hardwareSize('limiting-factor'),
  // Dedicated to the registry: only workloads that tolerate this taint land here.
  taints: [{ key: 'dedicated', value: 'registry', effect: 'NoSchedule' }],
  workloadRoles: ['registry'],
  // The design also has it serve NFS; as a Talos node it cannot (no shell, no NFS server): see kubernetesNfs.
  services: ['registry'],
});

/** The nodes' LAN addresses, where `talosctl apply-config --insecure` reaches them in maintenance mode. */
export const lanAddresses: Record<string, ReturnType<typeof lanAddress>> = {
  [greyArea.name]: lanAddress(greyArea.name, '192.168.1.11'),
  [congenitalOptimist.name]: lanAddress(congenitalOptimist.name, '192.168.1.12'),
  [limitingFactor.name]: lanAddress(limitingFactor.name, '192.168.1.13'),
};

/**
 * The disk Talos installs onto on a node, which the design does not give ("[Existing specs]"): the installer
 * partitions it anew, so what the machine keeps there under NixOS is copied off first.
 */
function installDisk(hostName: string) {
  return placeholder('/dev/sda', {
    fact: `disk Talos installs onto on ${hostName}`,
    owner: `set to the device of ${hostName}'s system disk as lsblk names it (/dev/nvme0n1 for an NVMe disk); Talos erases it, so copy off `
      + 'the data of the services it runs under NixOS and check the copy restores, before its first config',
  });
}

/** The disk each node installs Talos onto, by host name. */
export const installDisks: Record<string, ReturnType<typeof installDisk>> = {
  [greyArea.name]: installDisk(greyArea.name),
  [congenitalOptimist.name]: installDisk(congenitalOptimist.name),
  [limitingFactor.name]: installDisk(limitingFactor.name),
};

/** The lab's external storage machine, outside the cluster; it serves the Ollama models over NFS. */
export const sleeperService = externalHost('sleeper-service', {
  address: tailnetAddress('sleeper-service', '100.64.0.4', false),
  dnsName: 'sleeper-service',
  ports: { nfs: 2049 },
});

/**
 * The machine behind the design's `nfs.limiting-factor.tailnet`, which serves the cluster's volumes
 * (`/export/kubernetes`). The design puts the export on limiting-factor, which runs Talos and serves no NFS: the
 * export lives on a machine outside the cluster, named here until the owner says which (sleeper-service,
 * which already serves the models over NFS, is one choice).
 */
export const kubernetesNfs = externalHost('kubernetes-nfs', {
  address: placeholder('100.64.0.5', {
    fact: 'tailnet address of the NFS server of nfs.limiting-factor.tailnet',
    owner: 'set to the tailnet address (`tailscale ip -4`) of the machine outside the cluster that exports /export/kubernetes to the nodes '
      + "(sleeper-service's, if it serves it too); the tailnet's nameserver answers nfs.limiting-factor.tailnet with it",
  }),
  dnsName: 'nfs.limiting-factor.tailnet',
  ports: { nfs: 2049 },
});

/**
 * The lab's existing Nginx reverse proxy, outside the cluster: its only service reachable from the internet,
 * which ends TLS for the public name and passes `/ollama` on to Traefik over the tailnet. The design writes
 * its name as `api.example.com`, an example name, and gives no address.
 */
export const publicProxy = externalHost('public-proxy', {
  address: tailnetAddress('public-proxy', '100.64.0.6', false),
  dnsName: placeholder('api.example.com', {
    fact: 'public name of the Nginx reverse proxy',
    owner: 'set to the name the public Nginx reverse proxy serves (its certificate names it)',
  }),
  ports: { https: 443 },
});

/**
 * The nameserver the tailnet's Split DNS sends the design's `.tailnet` domains to (the nodes' own grey-area.tailnet,
 * congenital-optimist.tailnet and limiting-factor.tailnet, and svc.tailnet): MagicDNS itself names machines
 * `<machine>.<tailnet>.ts.net` only.
 * The API server's name must answer before the cluster runs, so the nameserver runs outside it; the design
 * names no machine for it.
 */
export const tailnetNameserver = externalHost('tailnet-dns', {
  address: placeholder('100.64.0.7', {
    fact: 'tailnet address of the nameserver of the .tailnet names',
    owner: 'set to the tailnet address (`tailscale ip -4`) of the machine outside the cluster that answers grey-area.tailnet, congenital-optimist.tailnet, '
      + "limiting-factor.tailnet and svc.tailnet (sleeper-service's, if it runs the nameserver too); the tailnet's Split DNS sends those domains there",
  }),
  ports: { dns: 53 },
});

export const greyAreaSite = site('grey-area', {
  domain: 'grey-area.tailnet',
  hosts: [greyArea, congenitalOptimist, limitingFactor],
  externalHosts: { sleeperService, kubernetesNfs, publicProxy, tailnetNameserver },
  nfs: {
    // By the design's name, which the tailnet's nameserver answers with kubernetesNfs' address.
    // The design leaves its size out ("limiting-factor NFS: [Capacity] total"); the stand-in is the size of its
    // own volume `nfs-data`, which it draws as the whole export.
    kubernetes: {
      server: 'nfs.limiting-factor.tailnet', path: '/export/kubernetes',
      capacity: placeholder('500Gi', {
        fact: 'capacity of the NFS export nfs.limiting-factor.tailnet:/export/kubernetes',
        owner: "set to what the export's disk holds (`df -h /export/kubernetes` on the machine that serves it), e.g. '2T': the cluster's claims on it are checked against it",
      }),
    },
    // Mounted by sleeper-service's tailnet address: the design's bare name "sleeper-service" is no MagicDNS
    // name (those are <machine>.<tailnet>.ts.net), and the kubelet mounts through the node's resolver.
    // The address is the external host's (its placeholder is listed there, once).
    models: {
      server: sleeperService.address, path: '/mnt/storage/models',
      capacity: placeholder('500Gi', {
        fact: "capacity of sleeper-service's NFS export /mnt/storage/models",
        owner: "set to what the export's disk holds (`df -h /mnt/storage/models` on sleeper-service), e.g. '1T'",
      }),
    },
  },
  // Argo CD pulls from Forgejo inside the tailnet (the design's GitOps source).
  git: { url: 'ssh://git@forgejo.grey-area.tailnet/grey-area/gitops.git', branch: 'main' },
});

/**
 * The design lists an AudioBook service among the cluster's services without naming it: Audiobookshelf
 * stands in until the owner names the server.
 */
export const audiobookImage = placeholder('ghcr.io/advplyr/audiobookshelf:2.17.5', {
  fact: 'image of the AudioBook service',
  owner: "set to the audiobook server's image and tag (the stand-in is Audiobookshelf, which serves on the PORT it is given)",
});

/** Calibre-Web's image: the design lists the service without a release, so the pinned one is a stand-in. */
export const calibreWebImage = placeholder('lscr.io/linuxserver/calibre-web:0.6.24', {
  fact: 'image of Calibre-Web',
  owner: "set to the Calibre-Web release the lab runs (linuxserver.io's image, whose s6-overlay the pod's exemptions are written for)",
});

/** The lab's time zone, which the design does not give; apps that keep local time (Calibre-Web) read it. */
export const timeZone = placeholder('Etc/UTC', {
  fact: 'time zone of the lab (TZ)',
  owner: "set to the lab's time zone as the tz database names it (Europe/Oslo, say)",
});

/**
 * Size of Prometheus' claim on the `fast` tier, which the design does not give: room for the stack's
 * default cap of 8GB of samples and the write-ahead log beside it.
 */
export const prometheusStorageSize = placeholder('10Gi', {
  fact: "size of Prometheus' claim for its samples",
  owner: "set to what the lab's retention needs, above Prometheus' retentionSize (8GB) with room for its write-ahead log",
});

/**
 * How long Prometheus keeps its samples, which the design does not give (it asks only for "monitoring and
 * observability across nodes"): the stand-in is the stack's default, a week.
 */
export const prometheusRetention = placeholder('7d', {
  fact: 'how long Prometheus keeps its samples (retention)',
  owner: "set to how far back the lab's graphs and alerts must look, as a Prometheus duration ('15d', '4w'); "
    + "samples beyond Prometheus' retentionSize (8GB) go first even so, so a longer retention may need a larger claim",
});

/** An app's compute amounts where the design gives none: stand-ins that let it run, for the owner to confirm. */
export interface AppSizing {
  /** CPU the scheduler reserves, e.g. `250m`. */
  readonly cpuRequest: Placeholder<string>;
  /** Memory the scheduler reserves, e.g. `512Mi`. */
  readonly memoryRequest: Placeholder<string>;
  /** Memory ceiling, e.g. `2Gi`. */
  readonly memoryLimit: Placeholder<string>;
}

/** The compute of `app`, which the design leaves open: `why` says what the stand-ins are enough for. */
function sizing(app: string, amounts: { cpuRequest: string; memoryRequest: string; memoryLimit: string }, why: string): AppSizing {
  const amount = (what: string, value: string) => placeholder(value, {
    fact: `${what} of ${app}`, owner: `the design gives compute amounts for Ollama only, and ${why}: confirm or change it`,
  });
  return {
    cpuRequest: amount('CPU request', amounts.cpuRequest),
    memoryRequest: amount('memory request', amounts.memoryRequest),
    memoryLimit: amount('memory limit', amounts.memoryLimit),
  };
}

/**
 * Claims and compute of the services the design lists without sizing them (Nextcloud, Calibre-Web, the
 * AudioBook service). The stand-ins suit a small lab; Forgejo and Jellyfin keep their constructs' defaults.
 */
export const appSizes = {
  nextcloud: {
    html: placeholder('100Gi', {
      fact: "size of Nextcloud's /var/www/html claim (its code, apps and the users' files)",
      owner: "set to what the users' files need on the NFS export, with room to grow",
    }),
    ...sizing('Nextcloud', { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '2Gi' }, 'its Apache and PHP workers need about 512Mi'),
  },
  calibreWeb: {
    config: placeholder('2Gi', {
      fact: "size of Calibre-Web's /config claim (its settings database and thumbnails)",
      owner: 'set to what its settings and cover thumbnails need',
    }),
    ...sizing('Calibre-Web', { cpuRequest: '50m', memoryRequest: '256Mi', memoryLimit: '1Gi' }, 'it converts and lists books in Python'),
  },
  audiobook: {
    config: placeholder('1Gi', {
      fact: "size of the AudioBook service's /config claim (its library database)",
      owner: "set to what the audiobook server's database needs",
    }),
    metadata: placeholder('5Gi', {
      fact: "size of the AudioBook service's /metadata claim (covers, metadata and its backups)",
      owner: 'set to what the covers and metadata it fetches need, with room to grow',
    }),
    ...sizing('the AudioBook service', { cpuRequest: '50m', memoryRequest: '256Mi', memoryLimit: '1Gi' }, 'it scans libraries and streams audio in Node.js'),
  },
};
