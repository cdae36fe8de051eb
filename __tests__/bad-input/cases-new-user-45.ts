import { ApiObject } from 'cdk8s';
import type { App as CdkApp } from 'cdk8s';
import { AppController, ClusterChart, declareExternal, CROSSPLANE_PROVIDERS, CrossplaneProviders, flux, gatekeeper, gatewayApi, HomeAssistantVm, host, Knative, permitVmHostDevices, SealedSecret, site, traefik } from '../../constructs';
import type { GatekeeperOptions } from '../../constructs';
import { GATEWAY_IMPLEMENTATION } from '../support/preinstalled';
import type { BadInput } from './cases';
import { guarded, lab, labApp, labCluster } from './lab';

// A new user's month, from the README alone, on a platform-heavy lab: two bare-metal servers and a NAS, KubeVirt
// VMs (Home Assistant OS with a Zigbee stick, Windows with the GPU, Debian from a cloud image), Knative, Gatekeeper,
// Crossplane, backups. Most of its mistakes were refused already (earlier rounds); these are the ones that passed:
// each was taken by the API server and left a VM that never scheduled, a node drain that never ended, a Service
// that reached nothing in the guest, or a managed resource its Provider never created.

/** The server with the GPU and the Zigbee stick. */
export const srv1 = host('srv1', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.45.11', memoryGigabytes: 64, cores: 16,
  gpus: [{ vendor: 'nvidia', pciId: '10de:2504' }], zfsPools: { vms: { media: 'ssd' } },
  usbDevices: { zigbee: { vendorId: '10c4', productId: 'ea60', model: 'Sonoff Zigbee 3.0 USB Dongle Plus' } },
});
/** The smaller server. */
export const srv2 = host('srv2', { arch: 'amd64', roles: ['worker'], address: '192.168.45.12', memoryGigabytes: 32, cores: 8 });
export const lab45 = site('lab45', { domain: 'lab45.test', hosts: [srv1, srv2], git: { url: 'https://git.lab45.test/lab.git' } });

/** The lab's cluster, `lab45/vm45`, with namespace `vms` declared. */
export function cluster45(app: CdkApp): ClusterChart {
  const cluster = new ClusterChart(app, 'vm45', { site: lab45, hosts: [srv1, srv2], routes: traefik({ nodePorts: true }), storage: { fast: srv1.zfs.vms }, gitops: flux() });
  cluster.namespaces.ensure('vms');
  return cluster;
}

/** A VirtualMachine `name` of namespace `vms` booting a container disk; `spec` adds to its template's spec, `devices` to its devices. */
export const vmManifest = (name: string, spec: Record<string, unknown> = {}, devices: Record<string, unknown> = {}, vmSpec: Record<string, unknown> = {}) => ({
  apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name, namespace: 'vms' },
  spec: {
    runStrategy: 'Always', ...vmSpec,
    template: {
      metadata: { labels: { 'app.kubernetes.io/name': name } },
      spec: {
        domain: { resources: { requests: { memory: '4Gi' } }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }], ...devices } },
        networks: [{ name: 'default', pod: {} }], volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/debian:12' } }], ...spec,
      },
    },
  },
});

/** A DomainMapping of `host` in namespace `service` to the Knative Service `service`. */
const mapping = (host: string, service: string) => ({
  apiVersion: 'serving.knative.dev/v1beta1', kind: 'DomainMapping', metadata: { name: host, namespace: service },
  spec: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: service } },
});

/** Builds `build` into the lab's own cluster, as a definition runs: a thrown error is a finding. */
const in45 = (build: (cluster: ClusterChart) => void) => guarded((_lab: ClusterChart, app: CdkApp) => build(cluster45(app)));

/** A Service `name` of namespace `vms` that selects the VM `name` with `ports`. */
const vmService = (cluster: ClusterChart, name: string, ports: Record<string, unknown>[]) => new ApiObject(cluster, `${name}-service`, {
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'vms' }, spec: { selector: { 'app.kubernetes.io/name': name }, ports },
});

/** A claim `name` of namespace `vms` on the ZFS tier, ReadWriteOnce as ZFS LocalPV serves it. */
const zfsClaim = (cluster: ClusterChart, name: string) => new ApiObject(cluster, `${name}-claim`, {
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'vms' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zfs-vms', resources: { requests: { storage: '40Gi' } } },
});

/** provider-kubernetes' Object that makes namespace `media`, naming `providerConfig` where given. */
const xpObject = (cluster: ClusterChart, providerConfig?: string) => new ApiObject(cluster, 'media-namespace', {
  apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object', metadata: { name: 'media-namespace' },
  spec: { ...(providerConfig === undefined ? {} : { providerConfigRef: { name: providerConfig } }), forProvider: { manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'media' } } } },
});

export const CASES: BadInput[] = [
  // The Windows VM is given srv1's GPU, permitted as the README says, but pinned to the other server by habit.
  {
    name: "a VM given a permitted GPU of one host and pinned by nodeSelector to another",
    build: in45((cluster) => {
      permitVmHostDevices(cluster, [srv1.vmGpu()]);
      new ApiObject(cluster, 'windows', vmManifest('windows', { nodeSelector: { 'kubernetes.io/hostname': 'srv2' } }, { hostDevices: [{ name: 'gpu', deviceName: srv1.vmGpu().resourceName }] }));
    }),
    layer: 'references', path: 'vm45/windows', field: 'spec.template.spec.domain.devices.hostDevices[0].deviceName',
    message: /pci\.homelab\.dev\/10de-2504 is on srv1, but the VM may run only on srv2/, hint: /'kubernetes\.io\/hostname': 'srv1'/,
  },
  {
    name: 'a hand-written Home Assistant OS VM given the Zigbee stick with a required node affinity to the host without it',
    build: in45((cluster) => {
      permitVmHostDevices(cluster, [srv1.usb.zigbee]);
      const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['srv2'] }] }] } } };
      new ApiObject(cluster, 'haos', vmManifest('haos', { affinity }, { hostDevices: [{ name: 'zigbee', deviceName: srv1.usb.zigbee.resourceName }] }));
    }),
    layer: 'references', path: 'vm45/haos', field: 'spec.template.spec.domain.devices.hostDevices[0].deviceName', message: /usb\.homelab\.dev\/10c4-ea60 is on srv1/,
  },
  // The Debian VM's interface forwards SSH alone, as a KubeVirt example lists it; its Service then adds the web port.
  {
    name: "a Service to a VM's web port that the VM's masquerade interface does not forward",
    build: in45((cluster) => {
      new ApiObject(cluster, 'debian', vmManifest('debian', {}, { interfaces: [{ name: 'default', masquerade: {}, ports: [{ name: 'ssh', port: 22 }] }] }));
      vmService(cluster, 'debian', [{ name: 'ssh', port: 22 }, { name: 'http', port: 80, targetPort: 8080 }]);
    }),
    layer: 'references', path: 'vm45/debian-service', field: 'spec.ports[1].targetPort', message: /TCP port 8080 is not among the ports .* forwards to the guest \(ssh 22\)/,
  },
  {
    name: 'a Service to a VM by a port name no interface of the VM lists',
    build: in45((cluster) => {
      new ApiObject(cluster, 'debian', vmManifest('debian'));
      vmService(cluster, 'debian', [{ name: 'http', port: 80, targetPort: 'http' }]);
    }),
    layer: 'references', path: 'vm45/debian-service', field: 'spec.ports[0].targetPort', message: /they list none/, hint: /target the guest's port by number/,
  },
  // The Debian VM on a claim of the ZFS tier, told to live-migrate as a Proxmox user expects on a drain.
  {
    name: 'a VM with evictionStrategy LiveMigrate on a ReadWriteOnce claim',
    build: in45((cluster) => {
      zfsClaim(cluster, 'debian-root');
      new ApiObject(cluster, 'debian', vmManifest('debian', { evictionStrategy: 'LiveMigrate', volumes: [{ name: 'root', persistentVolumeClaim: { claimName: 'debian-root' } }] }));
    }),
    layer: 'references', path: 'vm45/debian', field: 'spec.template.spec.evictionStrategy', message: /claim debian-root is ReadWriteOnce/, hint: /LiveMigrateIfPossible/,
  },
  {
    name: "a VM with evictionStrategy LiveMigrate whose DataVolume template imports the cloud image to a ReadWriteOnce claim",
    build: in45((cluster) => new ApiObject(cluster, 'debian', vmManifest('debian', { evictionStrategy: 'LiveMigrate', volumes: [{ name: 'root', dataVolume: { name: 'debian-root' } }] }, {}, {
      dataVolumeTemplates: [{
        metadata: { name: 'debian-root' },
        spec: { source: { http: { url: 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2' } }, storage: { accessModes: ['ReadWriteOnce'], storageClassName: 'zfs-vms', resources: { requests: { storage: '20Gi' } } } },
      }],
    }))),
    layer: 'references', path: 'vm45/debian', field: 'spec.template.spec.evictionStrategy', message: /claim debian-root is ReadWriteOnce/,
  },
  // Crossplane: a managed resource copied from the provider's example, whose ProviderConfig the lab names otherwise.
  {
    name: 'a Crossplane managed resource naming a ProviderConfig the lab never made',
    build: in45((cluster) => {
      new CrossplaneProviders(cluster, 'crossplane', [CROSSPLANE_PROVIDERS.kubernetes]);
      xpObject(cluster, 'kubernetes-provider');
    }),
    layer: 'references', path: 'vm45/media-namespace', field: 'spec.providerConfigRef.name', message: /cannot get ProviderConfig/,
  },
  {
    name: "a Crossplane managed resource naming no ProviderConfig where the lab's is not named default",
    build: in45((cluster) => {
      new CrossplaneProviders(cluster, 'crossplane', [CROSSPLANE_PROVIDERS.kubernetes])
        .addProviderConfig({ name: 'in-cluster', apiVersion: 'kubernetes.crossplane.io/v1alpha1', spec: { credentials: { source: 'InjectedIdentity' } } });
      xpObject(cluster);
    }),
    layer: 'references', path: 'vm45/media-namespace', field: 'spec.providerConfigRef', message: /reads the one named default.*\(it has in-cluster\)/, hint: /providerConfigRef: \{ name: 'in-cluster' \}/,
  },
  // The Windows VM pinned as the owner knows the server from the LAN: by its DNS name, or by a worker role label
  // that neither Talos nor K3s puts on a node.
  {
    name: 'a hand-written VM pinned by nodeSelector to the host name as DNS knows it',
    build: in45((cluster) => new ApiObject(cluster, 'windows', vmManifest('windows', { nodeSelector: { 'kubernetes.io/hostname': 'srv1.lab45.test' } }))),
    layer: 'inventory', path: 'vm45/windows', field: 'spec.template.spec.nodeSelector', message: /the VM cannot be scheduled.*srv1\.lab45\.test/, hint: /'kubernetes\.io\/hostname': 'srv1'/,
  },
  {
    name: 'a hand-written VM pinned by a node-role worker label no node carries',
    build: in45((cluster) => new ApiObject(cluster, 'debian', vmManifest('debian', { nodeSelector: { 'node-role.kubernetes.io/worker': '' } }))),
    layer: 'inventory', path: 'vm45/debian', field: 'spec.template.spec.nodeSelector',
  },
  // In plain JavaScript, a ProviderConfig copied from the provider's example without its apiVersion line.
  {
    name: 'addProviderConfig without its apiVersion, in plain JavaScript',
    build: in45((cluster) => new CrossplaneProviders(cluster, 'crossplane', [CROSSPLANE_PROVIDERS.kubernetes])
      .addProviderConfig({ name: 'default', spec: { credentials: { source: 'InjectedIdentity' } } } as unknown as Parameters<CrossplaneProviders['addProviderConfig']>[0])),
    layer: 'props', path: 'vm45/crossplane', field: 'addProviderConfig.apiVersion', hint: /kubernetes\.crossplane\.io\/v1alpha1/,
  },
  // The Cloudflare token sealed into the namespace of the apps, and the ProviderConfig naming Crossplane's own.
  {
    name: "a ProviderConfig's credentials Secret named in Crossplane's namespace while the lab seals it in another",
    build: in45((cluster) => {
      cluster.namespaces.ensure('dns');
      new SealedSecret(cluster, 'cloudflare-token', { namespace: 'dns', encryptedData: { token: `Ag${'B'.repeat(720)}==` } });
      new CrossplaneProviders(cluster, 'crossplane', [CROSSPLANE_PROVIDERS.cloudflare]).addProviderConfig({
        name: 'default', apiVersion: 'cloudflare.crossplane.io/v1alpha1',
        spec: { credentials: { source: 'Secret', secretRef: { name: 'cloudflare-token', namespace: 'crossplane-system', key: 'token' } } },
      });
    }),
    layer: 'references', path: 'crossplane-provider-configs/default', field: 'spec.credentials.secretRef.name',
    hint: /^Secret "cloudflare-token" is made in namespace "dns": name that namespace in the reference \(namespace: 'dns'\), or make it in namespace "crossplane-system"$/,
  },
  // Told that live migration needs ReadWriteMany, the owner writes it on the ZFS tier, whose volumes live on one node.
  {
    name: "a VM's DataVolume template asking the ZFS tier for a ReadWriteMany claim",
    build: in45((cluster) => new ApiObject(cluster, 'debian', vmManifest('debian', { volumes: [{ name: 'root', dataVolume: { name: 'debian-root' } }] }, {}, {
      dataVolumeTemplates: [{
        metadata: { name: 'debian-root' },
        spec: { source: { http: { url: 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2' } }, storage: { accessModes: ['ReadWriteMany'], storageClassName: 'zfs-vms', resources: { requests: { storage: '20Gi' } } } },
      }],
    }))),
    layer: 'references', path: 'vm45/debian', field: 'spec.dataVolumeTemplates[0].spec.storage.accessModes[0]', message: /does not support ReadWriteMany/,
  },
  // Rook-Ceph on the two servers, its pool copied from Rook's example of three replicas.
  {
    name: "a Rook CephBlockPool of three replicas, one per host, on a Ceph cluster of two hosts",
    build: in45((cluster) => {
      cluster.platform.declarePreinstalled({ source: 'Rook-Ceph operator, installed with its Helm chart', namespaces: ['rook-ceph'], crds: [{ group: 'ceph.rook.io', kinds: ['CephCluster', 'CephBlockPool'] }] });
      new ApiObject(cluster, 'ceph', {
        apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', metadata: { name: 'rook-ceph', namespace: 'rook-ceph' },
        spec: { cephVersion: { image: 'quay.io/ceph/ceph:v19.2.2' }, dataDirHostPath: '/var/lib/rook', mon: { count: 1 }, storage: { useAllNodes: true, useAllDevices: true } },
      });
      new ApiObject(cluster, 'replicapool', {
        apiVersion: 'ceph.rook.io/v1', kind: 'CephBlockPool', metadata: { name: 'replicapool', namespace: 'rook-ceph' }, spec: { failureDomain: 'host', replicated: { size: 3 } },
      });
    }),
    layer: 'references', path: 'vm45/replicapool', field: 'spec.replicated.size', message: /3 replicas, one per host, .* OSDs on 2 hosts \(srv1, srv2\)/, hint: /size: 2/,
  },
  {
    name: "a Rook CephCluster of three monitors, as Rook's example has them, on two hosts",
    build: in45((cluster) => {
      cluster.platform.declarePreinstalled({ source: 'Rook-Ceph operator, installed with its Helm chart', namespaces: ['rook-ceph'], crds: [{ group: 'ceph.rook.io', kinds: ['CephCluster'] }] });
      new ApiObject(cluster, 'ceph', {
        apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', metadata: { name: 'rook-ceph', namespace: 'rook-ceph' },
        spec: { cephVersion: { image: 'quay.io/ceph/ceph:v19.2.2' }, dataDirHostPath: '/var/lib/rook', mon: { count: 3 }, storage: { useAllNodes: true, useAllDevices: true } },
      });
    }),
    layer: 'references', path: 'vm45/ceph', field: 'spec.mon.count', message: /3 monitors, each on a node of its own, and the cluster has 2 hosts/, hint: /count: 1/,
  },
  // A Knative function given a second host with a DomainMapping written as Knative's documentation shows it.
  {
    name: "a hand-written Knative DomainMapping behind Cilium's Gateway",
    gatewayCluster: true,
    build: guarded((cluster: ClusterChart) => {
      new Knative(cluster, 'knative', { eventing: false });
      labApp('hello', { image: 'ghcr.io/knative/helloworld-go:v1.0.0', controller: AppController.knative() })(cluster);
      new ApiObject(cluster, 'hello-mapping', mapping('hello.lab.test', 'hello'));
    }),
    layer: 'references', path: 'hello-mapping', field: 'metadata.name', message: /host hello\.lab\.test cannot be served: .*Cilium's Gateway API/,
  },
  {
    name: 'a hand-written Knative DomainMapping without the ClusterDomainClaim that gives its host to the namespace',
    build: guarded((_unused: ClusterChart, app: CdkApp) => {
      const cluster = labCluster(app, 'envoy', { routes: gatewayApi({ gatewayClassName: 'envoy-gateway', address: lab.pools.vips.at('10.0.8.11') }), preinstalled: [GATEWAY_IMPLEMENTATION] });
      declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
      new Knative(cluster, 'knative', {
        eventing: false, gatewayServiceName: 'envoy-gateway-main-gateway',
        localGateway: { namespace: 'gateway', gatewayName: 'knative-local-gateway', serviceName: 'envoy-gateway-knative-local-gateway' },
      });
      labApp('hello', { image: 'ghcr.io/knative/helloworld-go:v1.0.0', controller: AppController.knative() })(cluster);
      new ApiObject(cluster, 'hello-mapping', mapping('hello.lab.test', 'hello'));
    }),
    layer: 'references', path: 'envoy/hello-mapping', field: 'metadata.name', message: /no ClusterDomainClaim gives host hello\.lab\.test to namespace hello/, hint: /kind: 'ClusterDomainClaim'/,
  },
  // In plain JavaScript, the one constraint kind of the lab's template written as text, not a list.
  {
    name: "gatekeeper() given its one constraint kind as text, in plain JavaScript",
    build: guarded((cluster: ClusterChart) => cluster.platform.require(gatekeeper({ constraintKinds: 'K8sRequiredLabels' } as unknown as GatekeeperOptions))),
    layer: 'props', path: 'platform', field: 'components.gatekeeper.constraintKinds', hint: /\['K8sRequiredLabels'\]/,
  },
  // A second Windows VM, a copy of the first for testing, given the same GPU; both run always.
  {
    name: 'two hand-written VMs that run always given the one GPU of the host',
    build: in45((cluster) => {
      permitVmHostDevices(cluster, [srv1.vmGpu()]);
      for (const name of ['windows', 'windows-test']) {
        new ApiObject(cluster, name, vmManifest(name, {}, { hostDevices: [{ name: 'gpu', deviceName: srv1.vmGpu().resourceName }] }));
      }
    }),
    layer: 'references', path: 'vm45/windows-test', field: 'spec.template.spec.domain.devices.hostDevices[0].deviceName', message: /held by windows already, and the cluster's hosts have 1 of it/,
  },
  // In plain JavaScript, the Home Assistant VM's bridge named as the host's network settings call it.
  {
    name: "a HomeAssistantVm whose iot.bridge names a bridge its host does not declare, in plain JavaScript",
    build: in45((cluster) => new HomeAssistantVm(cluster, 'home-assistant', {
      disk: srv1.zfs.vms.existingVolume('haos', { size: '32Gi' }), iot: { bridge: (srv1.bridges as Record<string, never>).vmbr0, address: '192.168.20.5' },
    })),
    layer: 'props', path: 'vm45/home-assistant', field: 'iot.bridge', hint: /myHost\.bridges\.br64/,
  },
  // The Debian VM's cloud-init moved into a Secret, as the error about its password says, under a name the lab never seals.
  {
    name: "a VM's cloud-init data in a Secret the lab does not make",
    build: in45((cluster) => new ApiObject(cluster, 'debian', vmManifest('debian', {
      volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/debian:12' } }, { name: 'cloudinit', cloudInitNoCloud: { secretRef: { name: 'debian-cloud-init' } } }],
    }, { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }] }))),
    layer: 'references', path: 'vm45/debian', field: 'spec.template.spec.volumes[1].cloudInitNoCloud.secretRef.name', message: /Secret "debian-cloud-init" does not exist in namespace "vms"/,
  },
  // A constraint copied from the Gatekeeper library's README without the ConstraintTemplate beside it.
  {
    name: 'a Gatekeeper constraint whose ConstraintTemplate the lab never wrote',
    build: in45((cluster) => {
      cluster.platform.require(gatekeeper());
      new ApiObject(cluster, 'no-latest', {
        apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sDisallowedTags', metadata: { name: 'no-latest' },
        spec: { match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }] }, parameters: { tags: ['latest'] } },
      });
    }),
    layer: 'references', path: 'vm45/no-latest', field: 'apiVersion', hint: /ConstraintTemplate that makes it \(metadata\.name: 'k8sdisallowedtags', spec\.crd\.spec\.names\.kind: 'K8sDisallowedTags'\)/,
  },
];
