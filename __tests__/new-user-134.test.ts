import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import {
  App, AppVolume, argoCd, ClusterChart, declareExternal, existingStorageClass, externalHost, flux, host, ingressNginx, IngressTls, k3sManifests,
  localPathStorage, metalLb, nfsStorage, SecretReference, site, traefik, vlan,
} from '../constructs';
import type { ClusterChartProps, HostProps, Preinstalled } from '../constructs';
import { guarded } from './bad-input/lab';
import { aboutTheLab, synthInMemory } from './support/synth';

// A lab moving off docker-compose on a Synology, written from the README alone: three Lenovo M720q mini PCs on RKE2
// (declared by hand, its own ingress-nginx switched off) with ingress-nginx and MetalLB on the servers VLAN,
// local-path and the NAS over NFS, Argo CD; and a Raspberry Pi 5 on MicroK8s in the IoT VLAN, its own cluster under
// Flux, with Mosquitto on an address of its own pool. Written the obvious way it synthesizes with no finding; the
// newcomer's mistakes in the inventory and the platform choices are each one finding on the field written.

type Machine = 'm1' | 'm2' | 'm3' | 'pi';

/** What a case changes of the lab: facts of the inventory, props of either cluster, objects added to the main one. */
interface Changes {
  readonly hosts?: Partial<Record<Machine, Record<string, unknown>>>;
  readonly servers?: Record<string, unknown>;
  readonly iot?: Record<string, unknown>;
  readonly site?: Record<string, unknown>;
  readonly main?: (inventory: Inventory) => Partial<ClusterChartProps>;
  readonly edge?: (inventory: Inventory) => Partial<ClusterChartProps>;
  readonly extra?: (main: ClusterChart, inventory: Inventory) => void;
}

type Inventory = ReturnType<typeof inventory>;

let labs = 0;

/** The lab's inventory under a name of its own, so that each case declares its site and hosts afresh. */
function inventory(changes: Changes) {
  const name = `nu134-${++labs}`;
  const servers = vlan('servers', { id: 20, cidr: '10.20.0.0/24', gateway: '10.20.0.1', purpose: 'the cluster nodes and the NAS', ...changes.servers } as any);
  const iot = vlan('iot', { id: 30, cidr: '10.30.0.0/24', gateway: '10.30.0.1', purpose: 'cameras, sensors and the edge box', ...changes.iot } as any);
  const miniPc = (n: number, key: Machine) => host(`${name}-m720q-${n}`, {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.20.0.1${n}`, model: 'Lenovo ThinkCentre M720q', cores: 6, memoryGigabytes: 32,
    disks: [{ media: 'nvme', sizeGigabytes: 512 }], ...changes.hosts?.[key],
  } as HostProps);
  const m1 = miniPc(1, 'm1');
  const m2 = miniPc(2, 'm2');
  const m3 = miniPc(3, 'm3');
  const pi = host(`${name}-pi5`, {
    arch: 'arm64', roles: ['control-plane', 'worker'], address: '10.30.0.20', model: 'Raspberry Pi 5', cores: 4, memoryGigabytes: 8,
    disks: [{ media: 'nvme', sizeGigabytes: 256 }], ...changes.hosts?.pi,
  } as HostProps);
  const lab = site(name, {
    domain: 'home.example.net', hosts: [m1, m2, m3, pi], vlans: { servers, iot },
    externalHosts: { nas: externalHost('synology', { address: '10.20.0.5' }) },
    pools: { vips: { first: '10.20.0.200', last: '10.20.0.220', vlan: 20 }, edge: { first: '10.30.0.200', last: '10.30.0.210', vlan: 30 } },
    nfs: { k8s: { server: '10.20.0.5', path: '/volume1/k8s' } },
    git: { url: 'https://github.com/jdoe/homelab.git' },
    // A case's facts replace the lab's as a .js lab would write them, past the types.
    ...changes.site as object,
  });
  return { lab, m1, m2, m3, pi };
}

// RKE2 runs its own ingress-nginx unless config.yaml says `disable: [rke2-ingress-nginx]`, which this lab does.
const rke2: Preinstalled = { source: 'rke2', distribution: 'RKE2', brings: ["CoreDNS, the cluster's DNS", 'Canal, the pod network'] };
const microk8s: Preinstalled = {
  source: 'microk8s', distribution: 'MicroK8s', brings: ['CoreDNS (the dns addon)', 'the hostpath-storage addon'], provides: { storageClasses: ['microk8s-hostpath'] },
};

function defineLab(changes: Changes = {}): (scope: Construct) => void {
  const inv = inventory(changes);
  const { lab, m1, m2, m3, pi } = inv;
  return (scope) => {
    const main = new ClusterChart(scope, 'main', {
      site: lab, hosts: [m1, m2, m3],
      routes: ingressNginx({ address: lab.pools.vips.at('10.20.0.200'), tls: IngressTls.none() }),
      loadBalancer: metalLb({ pools: [lab.pools.vips] }),
      storage: { fast: localPathStorage(), nas: nfsStorage(lab.nfs.k8s) },
      gitops: argoCd(),
      preinstalled: [rke2],
      ...changes.main?.(inv),
    });
    declareExternal(main, { secrets: [{ namespace: 'vaultwarden', name: 'vaultwarden' }] });
    new App(main, 'vaultwarden', {
      namespace: 'vaultwarden', image: 'vaultwarden/server:1.32.5', ports: [{ name: 'http', port: 8080 }],
      env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.home.example.net', ADMIN_TOKEN: SecretReference.external('vaultwarden', 'vaultwarden', 'admin-token') },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' } },
      route: { host: 'vault' },
    });
    new App(main, 'filebrowser', {
      namespace: 'files', image: 'filebrowser/filebrowser:v2.31.2', args: ['--port', '8080', '--root', '/srv', '--database', '/database/filebrowser.db'],
      ports: [{ name: 'http', port: 8080 }],
      persistence: {
        srv: { volume: AppVolume.claim({ tier: 'nas', size: '100Gi', accessMode: 'ReadWriteMany' }), mountPath: '/srv' },
        database: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/database' },
      },
      route: { host: 'files' },
    });
    changes.extra?.(main, inv);

    const edge = new ClusterChart(scope, 'edge', {
      site: lab, hosts: [pi],
      routes: traefik({ address: lab.pools.edge.at('10.30.0.200') }),
      loadBalancer: metalLb({ pools: [lab.pools.edge] }),
      storage: { local: existingStorageClass('microk8s-hostpath') },
      gitops: flux(),
      preinstalled: [microk8s],
      ...changes.edge?.(inv),
    });
    edge.namespaces.ensure('iot');
    new ApiObject(edge, 'mosquitto-config', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mosquitto', namespace: 'iot' },
      data: { 'mosquitto.conf': 'listener 1883\nallow_anonymous true\npersistence true\npersistence_location /mosquitto/data/\n' },
    });
    new App(edge, 'mosquitto', {
      namespace: 'iot', image: 'eclipse-mosquitto:2.0.20', ports: [{ name: 'mqtt', port: 1883 }],
      persistence: {
        data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/mosquitto/data' },
        config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] },
      },
      loadBalancer: { address: lab.pools.edge.at('10.30.0.201') },
    });
  };
}

const shown = (changes: Changes = {}) => aboutTheLab(synthInMemory(guarded(defineLab(changes))).findings)
  .map((f) => `${f.severity} ${f.layer} ${f.constructPath} ${f.field}: ${f.message} [hint: ${f.hint}]`);

const SITE = String.raw`inventory/site/nu134-\d+`;

test('the lab of two clusters synthesizes with no finding', () => {
  expect(shown()).toEqual([]);
});

describe('mistakes of the inventory', () => {
  test("a mini PC listed in the edge cluster too is an error on the later cluster's hosts", () => {
    expect(shown({ edge: ({ pi, m3 }) => ({ hosts: [pi, m3] }) })).toEqual([
      expect.stringMatching(/^error inventory edge hosts\[1\]: host nu134-\d+-m720q-3 is a node of cluster main already \[hint: .*shared: '…'/),
    ]);
  });

  test("a pool over a mini PC's address is an error on the pool", () => {
    expect(shown({ hosts: { m3: { address: '10.20.0.205' } } })).toEqual([
      expect.stringMatching(/^error inventory main site\.pools\.vips: address pool "vips" \(10\.20\.0\.200-10\.20\.0\.220\) covers the address of host nu134-\d+-m720q-3 \(10\.20\.0\.205\) \[hint: move the pool/),
    ]);
  });

  test("a pool of the servers network tagged with the IoT VLAN's id (copied from the pool below it) is an error on the pool", () => {
    expect(shown({ site: { pools: { vips: { first: '10.20.0.200', last: '10.20.0.220', vlan: 30 }, edge: { first: '10.30.0.200', last: '10.30.0.210', vlan: 30 } } } })).toEqual([
      expect.stringMatching(new RegExp(`^error inventory ${SITE} pools\\.vips: pool "vips" \\(10\\.20\\.0\\.200-10\\.20\\.0\\.220\\) is on VLAN 30, but 10\\.20\\.0\\.200 and 10\\.20\\.0\\.220 lie outside its network 10\\.30\\.0\\.0/24 \\[hint: take the pool's addresses from 10\\.30\\.0\\.0/24, or tag it with the VLAN it is on`)),
    ]);
  });

  test('the domain with a trailing dot, or in capitals, is an error on domain whose hint writes it', () => {
    for (const domain of ['home.example.net.', 'Home.Example.NET']) {
      expect(shown({ site: { domain } })).toEqual([
        expect.stringMatching(new RegExp(`^error inventory ${SITE} domain: domain "${domain.replace(/\./g, '\\.')}" is not a DNS name \\[hint: write it as domain: 'home\\.example\\.net'`)),
      ]);
    }
  });

  test('a VLAN written with the router\'s address as its network, and "master" for a role, are errors whose hints write them', () => {
    expect(shown({ servers: { cidr: '10.20.0.1/24' } })).toEqual([
      expect.stringMatching(/^error inventory inventory\/vlan\/servers cidr: "10\.20\.0\.1\/24" has host bits set.*\[hint: write cidr: '10\.20\.0\.0\/24', and give 10\.20\.0\.1 as the VLAN's gateway/),
    ]);
    expect(shown({ hosts: { m1: { roles: ['master', 'worker'] } } })).toEqual([
      expect.stringMatching(/^error inventory inventory\/host\/nu134-\d+-m720q-1 roles\[0\]: role "master" is not one of control-plane, worker \[hint: write 'control-plane'/),
    ]);
  });
});

describe('mistakes of the platform choices', () => {
  test("Flux's bootstrapPath given to Argo CD, and MetalLB's Helm values given to metalLb(), are errors naming the props each takes", () => {
    expect(shown({ main: () => ({ gitops: argoCd({ bootstrapPath: 'clusters/main' } as any) }) })).toEqual([
      expect.stringMatching(/^error props main gitops\.bootstrapPath: argoCd\(\) has no prop "bootstrapPath"; it would be ignored \[hint: argoCd\(\) knows: .*project/),
    ]);
    expect(shown({ main: ({ lab }) => ({ loadBalancer: metalLb({ pools: [lab.pools.vips], speaker: { tolerations: [] } } as any) }) })).toEqual([
      expect.stringMatching(/^error props main loadBalancer\.speaker: metalLb\(\) has no prop "speaker"; it would be ignored \[hint: metalLb\(\) knows: pools, namespace, resources, memberlistPort\]/),
    ]);
  });

  test("RKE2's own ingress-nginx declared beside ingressNginx() is an error on that entry of the declaration", () => {
    expect(shown({ main: () => ({ preinstalled: [{ ...rke2, provides: { ingressClasses: ['nginx'] } }] }) })).toEqual([
      expect.stringMatching(/^error references main preinstalled\[0\]\.provides\.ingressClasses\[0\]: IngressClass "nginx" is declared preinstalled by rke2.*\[hint: .*disable: \[rke2-ingress-nginx\]/),
    ]);
  });

  test("K3s' auto-deploy folder as the engine of the MicroK8s cluster is an error on gitops", () => {
    expect(shown({ edge: () => ({ gitops: k3sManifests() }) })).toEqual([
      expect.stringMatching(/^error props edge gitops: k3sManifests\(\) places the cluster's files in K3s' auto-deploy folder, and cluster "edge" runs MicroK8s, which has none/),
    ]);
  });

  test('a claim on a tier the cluster lacks, and ReadWriteMany on local-path, are errors on the claim', () => {
    const claim = (tier: string, accessMode?: 'ReadWriteMany') => ({
      extra: (main: ClusterChart) => new App(main, 'paperless', {
        image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
        persistence: { data: { volume: AppVolume.claim({ tier, size: '5Gi', accessMode }), mountPath: '/data' } },
      }),
    });
    expect(shown(claim('longhorn'))).toEqual([
      'error references main/paperless persistence.data.volume.claim.tier: cluster "main" has no storage tier "longhorn" [hint: use one of: fast, nas]',
    ]);
    expect(shown(claim('fast', 'ReadWriteMany'))).toEqual([
      'error references main/paperless persistence.data.volume.claim.accessMode: storage tier "fast" does not support ReadWriteMany [hint: the tier supports: ReadWriteOnce]',
    ]);
  });
});

describe('what the library answered wrongly before', () => {
  test("the NAS's mount options written as one text, as fstab writes them, are an error whose hint writes the list", () => {
    expect(shown({ main: ({ lab }) => ({ storage: { fast: localPathStorage(), nas: nfsStorage(lab.nfs.k8s, { mountOptions: 'nfsvers=4.1,hard' } as any) } }) })).toEqual([
      "error props main storage.nas.mountOptions: mountOptions is \"nfsvers=4.1,hard\", not a list of strings [hint: write it as a list of words: ['nfsvers=4.1', 'hard']]",
    ]);
  });

  test("a mini PC's memory written as its spec sheet does ('32GB') is the host's one error, not also a warning of NaN GiB on every app", () => {
    expect(shown({ hosts: { m1: { memoryGigabytes: '32GB' }, m2: { memoryGigabytes: '32GB' }, m3: { memoryGigabytes: '32GB' } } })).toEqual(['m720q-1', 'm720q-2', 'm720q-3'].map((name) => expect.stringMatching(
      new RegExp(`^error inventory inventory/host/nu134-\\d+-${name} memoryGigabytes: memoryGigabytes "32GB" is not a positive number \\[hint: write memoryGigabytes: 32 \\(a number of gigabytes\\)\\]$`),
    )));
  });

  test("the servers VLAN's id written as text is the VLAN's one error: its pool, tagged 20, is not told the site lacks VLAN 20", () => {
    expect(shown({ servers: { id: '20' } })).toEqual([
      'error inventory inventory/vlan/servers id: VLAN id "20" is text, not a number [hint: write it as a number: id: 20]',
    ]);
  });

  test("a pool over the NAS's address, where the inventory names the NAS only as its export's server, is an error on the pool", () => {
    expect(shown({ site: { externalHosts: {}, nfs: { k8s: { server: '10.20.0.210', path: '/volume1/k8s' } } } })).toEqual([
      'error inventory main site.pools.vips: address pool "vips" (10.20.0.200-10.20.0.220) covers the address of the NFS server of export k8s (10.20.0.210) '
        + "[hint: move the pool to addresses no machine uses, so the load balancer never hands out a host's address]",
    ]);
  });

  test("MetalLB's memberlist moved onto RKE2's supervisor port, or onto the kubelet's, is an error on the component's host port", () => {
    const memberlist = (memberlistPort: number): Changes => ({ main: ({ lab }) => ({ loadBalancer: metalLb({ pools: [lab.pools.vips], memberlistPort }) }) });
    expect(shown(memberlist(9345))).toEqual([
      'error inventory main/platform/installs/metallb hostPorts[1]: platform component metallb binds TCP/9345 on the nodes it runs on, and on every control-plane node '
        + "RKE2's supervisor API holds that port: its pods there restart in a loop [hint: give it a port the nodes leave free with metalLb({ memberlistPort })]",
    ]);
    expect(shown(memberlist(10250))).toEqual([
      expect.stringMatching(/^error inventory main\/platform\/installs\/metallb hostPorts\[1\]: platform component metallb binds TCP\/10250 on the nodes it runs on, and on every node the kubelet's API holds that port/),
    ]);
  });
});
