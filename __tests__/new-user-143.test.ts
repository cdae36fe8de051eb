// A new user's Talos cluster from the README alone: three mini PCs as control-plane and worker nodes on talos(),
// Cilium as the CNI replacing kube-proxy (through KubePrism), LB-IPAM with L2 announcements and its Gateway API,
// Longhorn as the replicated tier beside local-path, cert-manager with Cloudflare DNS-01, Vaultwarden, Paperless-ngx
// with its Redis and PostgreSQL, and Longhorn's recurring backups to a NAS.
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  acmeIssuer, AppController, AppVolume, ChartRelease, cilium, ciliumLoadBalancer, ciliumOnTalos, cloudflareDns01, ClusterChart, ClusterIssuer,
  existingStorageClass, flux, gatewayApi, HomelabApp, host, LETSENCRYPT_PRODUCTION, localPathStorage, noNetworkPolicy, SecretReference, site, talos, WildcardCertificate,
} from '../constructs';
import type { AppProps, ChartReleaseProps, CiliumOptions, TalosProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { synthInMemory } from './support/synth';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';

const ms1 = host('ms1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.50.11', cores: 8, memoryGigabytes: 32, model: 'MS-01' });
const ms2 = host('ms2', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.50.12', cores: 8, memoryGigabytes: 32, model: 'MS-01' });
const ms3 = host('ms3', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.50.13', cores: 8, memoryGigabytes: 32, model: 'MS-01' });
const lab = site('talos', {
  domain: 'lab.example.com', hosts: [ms1, ms2, ms3], git: { url: 'https://github.com/jdoe/talos-lab.git' },
  pools: { lb: { first: '192.168.50.200', last: '192.168.50.220' } },
});

const LONGHORN_CHART = { repository: 'https://charts.longhorn.io', chart: 'longhorn', version: '1.7.2' };

interface Changes {
  readonly talos?: Partial<TalosProps>;
  readonly cilium?: Partial<CiliumOptions>;
  readonly longhorn?: Partial<ChartReleaseProps>;
  readonly longhornValues?: Record<string, unknown>;
  readonly storage?: Record<string, unknown>;
  readonly apps?: Record<string, Partial<AppProps>>;
  readonly recurringJob?: Record<string, unknown>;
  /** Whether the Longhorn namespace is widened to privileged, with its reason. @default true */
  readonly privilegedLonghorn?: boolean;
}

const defineLab = (changes: Changes = {}) => guarded((scope: Construct) => {
  const app = (c: ClusterChart, id: string, props: AppProps) => new HomelabApp(c, id, { ...props, ...changes.apps?.[id] });
  const c = new ClusterChart(scope, 'main', {
    site: lab, hosts: [ms1, ms2, ms3], gitops: flux(), networkPolicy: 'cilium',
    storage: (changes.storage ?? { replicated: existingStorageClass('longhorn'), local: localPathStorage() }) as never,
    cni: cilium({ ...ciliumOnTalos(), l2Announcements: true, gatewayApi: {}, ...changes.cilium }),
    routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.lb.at('192.168.50.200') }),
    loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.lb], interfaces: ['^enp[0-9]+s0$'], lease: { duration: '3s', renewDeadline: '1s', retryPeriod: '200ms' } }),
    preinstalled: [talos({ allowSchedulingOnControlPlanes: true, installDisks: { ms1: '/dev/nvme0n1', ms2: '/dev/nvme0n1', ms3: '/dev/nvme0n1' }, ...changes.talos })],
  });
  if (changes.privilegedLonghorn !== false) c.namespaces.ensure('longhorn-system', { podSecurity: 'privileged', reason: "Longhorn's manager and engine run privileged and mount the node's /dev, /proc and data folder" });
  new ChartRelease(c, 'longhorn', {
    namespace: 'longhorn-system', chart: LONGHORN_CHART,
    values: changes.longhornValues ?? {
      persistence: { defaultClassReplicaCount: 3 },
      defaultSettings: { backupTarget: 'nfs://nas.lab.example.com:/export/longhorn', defaultReplicaCount: 3 },
    },
    network: noNetworkPolicy('its managers and instance managers talk to each other on ports they choose'),
    ...changes.longhorn,
  });
  new ApiObject(c, 'nightly-backup', {
    apiVersion: 'longhorn.io/v1beta2', kind: 'RecurringJob', metadata: { name: 'nightly-backup', namespace: 'longhorn-system' },
    spec: { cron: '0 3 * * *', task: 'backup', groups: ['default'], retain: 14, concurrency: 2, ...changes.recurringJob },
  });

  const cloudflare = SecretReference.external('cert-manager', 'cloudflare', 'api-token');
  new ClusterIssuer(c, 'letsencrypt', {
    name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'jdoe@jdoe.dev', solvers: [cloudflareDns01({ apiToken: cloudflare, dnsZones: ['lab.example.com'] })] }),
  });
  new WildcardCertificate(c, 'wildcard', { issuer: 'letsencrypt', namespace: 'gateway', secretName: 'main-gateway-tls', replicate: false });

  const replicated = (size: string) => AppVolume.claim({ tier: 'replicated', size });
  app(c, 'vaultwarden', {
    namespace: 'vaultwarden', image: 'vaultwarden/server:1.32.7', ports: [{ name: 'http', port: 8080 }],
    env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.lab.example.com', SIGNUPS_ALLOWED: 'false' },
    persistence: { data: { volume: replicated('2Gi'), mountPath: '/data' } },
    route: { host: 'vault' },
  });
  const redis = app(c, 'paperless-redis', {
    namespace: 'paperless', image: 'redis:7.4.1', ports: [{ name: 'redis', port: 6379 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } },
  });
  const db = app(c, 'paperless-db', {
    namespace: 'paperless', image: 'postgres:16.6', controller: AppController.statefulSet(), ports: [{ name: 'postgres', port: 5432 }],
    env: {
      POSTGRES_DB: 'paperless', POSTGRES_USER: 'paperless', POSTGRES_PASSWORD: SecretReference.external('paperless', 'paperless-db', 'password'),
      PGDATA: '/var/lib/postgresql/data/pgdata',
    },
    persistence: { data: { volume: replicated('10Gi'), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
  });
  app(c, 'paperless', {
    namespace: 'paperless', image: 'ghcr.io/paperless-ngx/paperless-ngx:2.13.5', ports: [{ name: 'http', port: 8000 }],
    env: {
      PAPERLESS_REDIS: 'redis://paperless-redis.paperless:6379', PAPERLESS_DBHOST: 'paperless-db.paperless', PAPERLESS_DBUSER: 'paperless',
      PAPERLESS_DBPASS: SecretReference.external('paperless', 'paperless-db', 'password'), PAPERLESS_URL: 'https://paperless.lab.example.com',
    },
    persistence: {
      data: { volume: replicated('5Gi'), mountPath: '/usr/src/paperless/data' },
      media: { volume: replicated('50Gi'), mountPath: '/usr/src/paperless/media' },
      consume: { volume: AppVolume.claim({ tier: 'local', size: '5Gi' }), mountPath: '/usr/src/paperless/consume' },
    },
    exemptions: {
      runAsRoot: 's6-overlay starts as root and drops to the paperless user', writableRootFilesystem: 's6-overlay writes /run',
      addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'its entrypoint takes ownership of its folders and switches to its own user' },
    },
    route: { host: 'paperless' }, egress: [redis, db],
  });
});

const synthesized = new Map<string, ReturnType<typeof synthInMemory>>();
/** The lab's synth with `changes`, once per change in this file: several checks read the same one. */
const synthOf = (changes?: Changes) => {
  const key = JSON.stringify(changes ?? {});
  if (!synthesized.has(key)) {
    synthesized.set(key, synthInMemory(defineLab(changes)));
  }
  return synthesized.get(key)!;
};
const shown = (changes?: Changes) => shownFindings(synthOf(changes).findings);

describe('the lab written the obvious way', () => {
  expectObviousLabClean(() => synthOf());
});

const LONGHORN_VALUES = { persistence: { defaultClassReplicaCount: 3 }, defaultSettings: { backupTarget: 'nfs://nas.lab.example.com:/export/longhorn', defaultReplicaCount: 3 } };
const dataPath = (path: string): Changes => ({ longhornValues: { ...LONGHORN_VALUES, defaultSettings: { ...LONGHORN_VALUES.defaultSettings, defaultDataPath: path } } });
const vaultwarden = (more: Partial<AppProps>): Changes => ({ apps: { vaultwarden: more } });
const onHostNetwork = (port: number): Changes => vaultwarden({ ports: [{ name: 'http', port }], env: { ROCKET_PORT: String(port) }, exemptions: { hostNetwork: 'answers on the LAN' } });
const MISSING_TALOS_SETTINGS = "error main cni: on Talos, the agent's capabilities keep SYS_MODULE (the chart's own when none are given), which Talos grants no pod: the agent never starts; "
  + 'Cilium mounts cgroup v2 itself from an init container, where Talos has it mounted at /sys/fs/cgroup already (cgroup.autoMount false, hostRoot /sys/fs/cgroup) '
  + "| spread Talos' settings into the options: cni: cilium({ ...ciliumOnTalos(), … }), which sets capabilities, cgroup as Talos needs";

describe('a first Talos lab', () => {
  test.each<[string, Changes, string[]]>([
    ["Longhorn's namespace left at the default level", { privilegedLonghorn: false }, [
      'error main/longhorn namespace: Longhorn\'s chart needs Pod Security "privileged": its manager DaemonSet runs privileged, with the node\'s /dev, /proc and data folder mounted as hostPath volumes, '
        + 'to attach and serve its volumes; namespace "longhorn-system" enforces "restricted", so admission refuses every such pod while the release reports success '
        + "| state why the namespace needs it: cluster.namespaces.ensure('longhorn-system', { podSecurity: 'privileged', reason: '…' }), whose reason is written on the namespace; "
        + 'keep the release in a namespace of its own, as nothing else should run at that level',
    ]],
    ["Cilium written without Talos' settings", { cilium: { capabilities: undefined, cgroup: undefined } }, [MISSING_TALOS_SETTINGS]],
    ["Cilium's capabilities kept with SYS_MODULE", { cilium: { capabilities: { ciliumAgent: ['NET_ADMIN', 'SYS_MODULE'], cleanCiliumState: ['NET_ADMIN'] } } }, [
      "error main cni.capabilities: on Talos, the agent's capabilities keep SYS_MODULE (the chart's own when none are given), which Talos grants no pod: the agent never starts "
        + "| spread Talos' settings into the options: cni: cilium({ ...ciliumOnTalos(), … }), which sets capabilities as Talos needs",
    ]],
    ['Cilium reaching the API server at localhost:6443', { cilium: { k8sServicePort: 6443 } }, [
      'error main cni.k8sServicePort: k8sServicePort 6443 on localhost is not KubePrism, which Talos serves on every node at localhost:7445: on localhost:6443 only a control-plane node\'s own API server answers, '
        + 'so the agent of every other node, and of a control-plane node whose API server restarts, reaches none | k8sServicePort: 7445, as ciliumOnTalos() sets it',
    ]],
    ["KubePrism's port as text", { cilium: { k8sServicePort: '7445' as never } }, [
      'error main cni.k8sServicePort: k8sServicePort is "7445", not a port: a whole number of 1–65535 | write the port as a number, without quotes: 7445',
    ]],
    ["KubePrism's port written into the host", { cilium: { k8sServiceHost: 'localhost:7445' } }, [
      'error main cni.k8sServiceHost: k8sServiceHost "localhost:7445" is not a host name or IP address; the agent dials it as one and never reaches the API server '
        + "| give the host alone, without scheme or port (the port goes in k8sServicePort), e.g. k8sServiceHost: '192.168.1.10', k8sServicePort: 6443",
    ]],
    ['KubePrism taken for the cluster endpoint', { talos: { clusterEndpoint: 'localhost:7445' } }, [
      'error main preinstalled[0].clusterEndpoint: "localhost:7445" is the machine itself, as KubePrism is on every node (localhost:7445), and the cluster endpoint is where talosctl, kubectl and '
        + "the nodes that join reach the API server from elsewhere: the configs and the kubeconfig would name each client's own machine "
        + "| leave clusterEndpoint out to use the bootstrap node's address, or give a DNS name of every control-plane node or a VIP; Cilium reaches KubePrism through cilium({ ...ciliumOnTalos() })",
    ]],
    ["kube-proxy replacement as Cilium 1.15's 'strict'", { cilium: { kubeProxyReplacement: 'strict' as never } }, [
      'error main cni.kubeProxyReplacement: kubeProxyReplacement is "strict", not true or false | give kubeProxyReplacement true or false',
    ]],
    ["Talos' API port taken by a pod on the host's network", onHostNetwork(50000), [
      "error main/vaultwarden ports[0]: port TCP/50000 of every node is taken by Talos' API (apid), which talosctl calls, so the pod cannot bind it "
        + '(at spec.template.spec.containers[0].ports[0] of Deployment vaultwarden/vaultwarden) | have the process listen on another port',
    ]],
    ["KubePrism's port taken by a pod on the host's network", onHostNetwork(7445), [
      "error main/vaultwarden ports[0]: port TCP/7445 of every node is taken by KubePrism, Talos' load balancer to the API server (on localhost), so the pod cannot bind it "
        + '(at spec.template.spec.containers[0].ports[0] of Deployment vaultwarden/vaultwarden) | have the process listen on another port',
    ]],
    ["Longhorn's data on Talos' read-only /opt", dataPath('/opt/longhorn'), [
      'error main/longhorn values.defaultSettings.defaultDataPath: defaultDataPath "/opt/longhorn" lies outside /var, and a Talos node\'s root file system is read-only but for /var '
        + '(with the disks it mounts under /var/mnt): Longhorn cannot make the folder, and no volume gets a replica '
        + "| keep Longhorn's /var/lib/longhorn (leave defaultDataPath out), or a disk Talos mounts under /var/mnt: defaultDataPath: '/var/mnt/longhorn'",
    ]],
    ["Longhorn's data path without its leading slash", dataPath('var/mnt/longhorn'), [
      'error main/longhorn values.defaultSettings.defaultDataPath: defaultDataPath "var/mnt/longhorn" is no absolute path, and Longhorn takes the data folder of the nodes as one: '
        + "it refuses the setting, and no volume gets a replica | defaultDataPath: '/var/mnt/longhorn'",
    ]],
    ['a Talos release written as talos() took one', { talos: { talosVersion: 'v1.8' } as never }, [
      'error main preinstalled[0].talosVersion: talos() has no prop "talosVersion"; it would be ignored | talos() takes no release: the Talos release is the talosctl that makes the nodes\' configs and the image they boot, '
        + "and the Kubernetes it runs is that talosctl's default unless its gen config is given --kubernetes-version; the output is validated against Kubernetes 1.30, so install a release of Kubernetes 1.30 "
        + '(a newer one serves what it does, less what it removed)',
    ]],
    ['more Longhorn replicas than nodes', { longhornValues: { ...LONGHORN_VALUES, persistence: { defaultClassReplicaCount: 4 } } }, [
      'error main/longhorn values.persistence.defaultClassReplicaCount: defaultClassReplicaCount 4 asks for more replicas of each volume than the cluster has nodes (3), '
        + 'and Longhorn keeps each on a node of its own: every volume made with it stays Degraded | defaultClassReplicaCount: 3',
    ]],
    ["the backups' retention as text", { recurringJob: { retain: '14' } }, [
      'error main/nightly-backup spec.retain: retain "14" is no whole number, and Longhorn\'s RecurringJob CRD takes one: the API server refuses the job | write it as a number, without quotes: retain: 14',
    ]],
    ['a typo in a host name of installDisks', { talos: { installDisks: { ms1: '/dev/nvme0n1', ms2: '/dev/nvme0n1', 'ms-3': '/dev/nvme0n1' } } }, [
      'error main preinstalled[0].installDisks.ms-3: "ms-3" is no node of cluster "main", and the steps install Talos onto a node\'s disk in its first config | key the disks by the names of the cluster\'s hosts (ms1, ms2, ms3)',
    ]],
    ['a maintenance address with its prefix', { talos: { maintenanceAddresses: { ms1: '192.168.50.11/24' } } }, [
      'error main preinstalled[0].maintenanceAddresses.ms1: "192.168.50.11/24" is no IP address, and talosctl apply-config --insecure reaches the node by address | write the address the node shows on its console in maintenance mode, e.g. 192.168.1.11',
    ]],
    ['the replicated tier misspelt', vaultwarden({ persistence: { data: { volume: AppVolume.claim({ tier: 'replicted', size: '2Gi' }), mountPath: '/data' } } }), [
      'error main/vaultwarden persistence.data.volume.claim.tier: cluster "main" has no storage tier "replicted" | use one of: local, replicated',
    ]],
    ['the Longhorn tier as its name', { storage: { replicated: 'longhorn', local: localPathStorage() } }, [
      'error main storage.replicated: storage.replicated is "longhorn", not an object of the inventory or of this library | a storage tier is made by its factory: '
        + "replicated: existingStorageClass('longhorn') for a StorageClass the cluster has already, or a ZFS pool of a host (<host>.zfs.<pool>)",
    ]],
    ["Talos' Flannel kept beside Cilium", { talos: { bringYourOwnCni: false } }, [
      "error main preinstalled[0].bringYourOwnCni: talos({ bringYourOwnCni: false }) keeps Talos' built-in Flannel as the pod network, and cluster \"main\" installs cilium as well (cni): two pod networks on the same nodes "
        + "| drop bringYourOwnCni: false, so that Talos leaves the pod network to the cluster's cni (cilium, with ciliumOnTalos() for Cilium); or drop cni to keep Talos' Flannel",
    ]],
  ])('%s is one finding', (_, changes, expected) => {
    expect(shown(changes)).toEqual(expected);
  });
});

describe('what the library now takes as written', () => {
  const readme = (changes?: Changes) => [...synthOf(changes).files].find(([file]) => file.endsWith('main/README.md'))?.[1] ?? '';

  test('a Longhorn release that does not say what it provides still provides its StorageClass and its CRDs', () => {
    expect(shown()).toEqual([]);
  });

  test("Cilium without kube-proxy replacement keeps Talos' kube-proxy, which alone then serves Services", () => {
    expect(shown({ cilium: { kubeProxyReplacement: false } })).toEqual([]);
    const text = readme({ cilium: { kubeProxyReplacement: false } });
    expect(text).toContain(`--config-patch '{"cluster":{"network":{"cni":{"name":"none"}}},`);
    expect(text).not.toContain('"proxy":{"disabled":true}');
    expect(readme()).toContain('"proxy":{"disabled":true}');
  });

  test("Longhorn's data on a disk Talos mounts under /var/mnt is mounted for the kubelet", () => {
    expect(shown(dataPath('/var/mnt/longhorn'))).toEqual([]);
    expect(readme(dataPath('/var/mnt/longhorn'))).toContain('"source":"/var/mnt/longhorn"');
  });

  test("the owner's steps put Longhorn's extensions in the image and its folder in the kubelet, and Cilium reaches KubePrism", () => {
    const text = readme();
    expect(text).toContain('"officialExtensions":["siderolabs/iscsi-tools","siderolabs/util-linux-tools"]');
    expect(text).toContain('{"destination":"/var/lib/longhorn","type":"bind","source":"/var/lib/longhorn","options":["bind","rshared","rw"]}');
    const values = [...synthOf().files].find(([file]) => file.endsWith('main/bootstrap/cilium.values.yml'))?.[1] ?? '';
    expect(values).toMatch(/k8sServiceHost: localhost\nk8sServicePort: 7445\n/);
  });
});
