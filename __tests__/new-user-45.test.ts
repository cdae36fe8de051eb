import { ApiObject, App as CdkApp } from 'cdk8s';
import {
  App, AppController, cilium, ClusterChart, declareExternal, CROSSPLANE_PROVIDERS, CrossplaneProviders, flux, gatewayApi, HomeAssistantVm, host, Knative, permitVmHostDevices, RequiredPodLabels, site, vlan,
} from '../constructs';
import type { Finding } from '../constructs';
import { aboutTheLab, synthInMemory } from './support/synth';
import { vmManifest } from './bad-input/cases-new-user-45';

// A new user's platform-heavy lab, from the README alone: two servers, KubeVirt VMs (Home Assistant OS with the
// Zigbee stick, Windows with the GPU, Debian from a cloud image), Knative, Gatekeeper and Crossplane. What the
// corpus cannot hold (a warning, a correct lab that must meet no finding it does not deserve).

const lan = vlan('lan', { id: 1, cidr: '192.168.46.0/24', gateway: '192.168.46.1' });
const iot = vlan('iot', { id: 20, cidr: '192.168.20.0/24', gateway: '192.168.20.1' });
const srv1 = host('srv1', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.46.11', memoryGigabytes: 64, cores: 16,
  gpus: [{ vendor: 'nvidia', pciId: '10de:2504' }], zfsPools: { vms: { media: 'ssd' } }, bridges: { br20: { vlan: iot } },
  usbDevices: { zigbee: { vendorId: '10c4', productId: 'ea60', model: 'Sonoff Zigbee 3.0 USB Dongle Plus' } },
});
const srv2 = host('srv2', { arch: 'amd64', roles: ['worker'], address: '192.168.46.12', memoryGigabytes: 32, cores: 8 });
const lab = site('lab46', {
  domain: 'lab46.test', hosts: [srv1, srv2], vlans: { lan, iot }, pools: { vips: { first: '192.168.46.200', last: '192.168.46.210' }, 'knative-local': { first: '192.168.46.220', last: '192.168.46.220' } }, git: { url: 'https://git.lab46.test/lab.git' },
});

/** The lab's cluster: the Gateway API on a preinstalled implementation, Flux, the ZFS pool of srv1 as its tier. */
function labCluster(app: CdkApp): ClusterChart {
  const cluster = new ClusterChart(app, 'main', {
    site: lab, hosts: [srv1, srv2],
    cni: cilium({ kubeProxyReplacement: true, k8sServiceHost: '192.168.46.11', gatewayApi: {} }), routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('192.168.46.200') }),
    storage: { fast: srv1.zfs.vms }, gitops: flux(),
  });
  cluster.namespaces.ensure('vms');
  // The wildcard certificate the owner makes, as the README's Gateway API labs do.
  declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  return cluster;
}

/** The VM `vm` with its domain's memory and resources replaced by `memory`. */
function withMemory(vm: ReturnType<typeof vmManifest>, memory: Record<string, unknown>) {
  const { resources: _replaced, ...domain } = vm.spec.template.spec.domain;
  return { ...vm, spec: { ...vm.spec, template: { ...vm.spec.template, spec: { ...vm.spec.template.spec, domain: { ...domain, ...memory } } } } };
}

const findingsOf = (build: (cluster: ClusterChart) => void): Finding[] => synthInMemory((scope) => build(labCluster(scope as CdkApp))).findings;
const shown = (findings: readonly Finding[]) => findings.map((f) => `${f.severity} ${f.layer} ${f.constructPath} ${f.field}: ${f.message}`);

describe("a VM's memory against the hosts it may run on", () => {
  test('a hand-written VM pinned to the smaller server with more memory than it has is a warning on its request', () => {
    const findings = findingsOf((cluster) => new ApiObject(cluster, 'windows', withMemory(vmManifest('windows', { nodeSelector: { 'kubernetes.io/hostname': 'srv2' } }), { resources: { requests: { memory: '48Gi' } } })));
    expect(shown(findings.filter((f) => f.field.endsWith('memory')))).toEqual([
      expect.stringMatching(/^warning inventory main\/windows spec\.template\.spec\.domain\.resources\.requests\.memory: the VM windows asks for 48Gi of memory; the largest host it may run on, srv2, has 32 GB/),
    ]);
  });

  test('unpinned, it fits the larger server; memory.guest alone is read where no request is written', () => {
    expect(findingsOf((cluster) => new ApiObject(cluster, 'windows', vmManifest('windows', {}, {}))).filter((f) => f.field.endsWith('memory'))).toEqual([]);
    const guestOnly = findingsOf((cluster) => new ApiObject(cluster, 'windows', withMemory(vmManifest('windows'), { memory: { guest: '96Gi' } })));
    expect(shown(guestOnly.filter((f) => /memory/.test(f.field)))).toEqual([expect.stringMatching(/memory\.guest: the VM windows asks for 96Gi .* srv1, has 64 GB/)]);
  });

  test("HomeAssistantVm's memory is told once, on its prop", () => {
    const findings = findingsOf((cluster) => new HomeAssistantVm(cluster, 'home-assistant', {
      disk: srv1.zfs.vms.existingVolume('haos', { size: '32Gi' }), iot: { bridge: srv1.bridges.br20, address: '192.168.20.5' }, memory: '96Gi',
    }));
    expect(shown(findings.filter((f) => /memory/.test(f.field)))).toEqual([expect.stringMatching(/^warning inventory main\/home-assistant memory: the guest's memory 96Gi is more than host srv1/)]);
  });
});

describe('a second cluster whose control plane this one runs with k0smotron', () => {
  const controlPlane = (spec: Record<string, unknown>) => findingsOf((cluster) => {
    cluster.platform.declarePreinstalled({ source: 'k0smotron, installed with its manifests', namespaces: ['edge'], crds: [{ group: 'controlplane.cluster.x-k8s.io', kinds: ['K0smotronControlPlane'] }] });
    new ApiObject(cluster, 'edge-control-plane', {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta1', kind: 'K0smotronControlPlane', metadata: { name: 'edge', namespace: 'edge' }, spec: { version: 'v1.30.2-k0s.0', ...spec },
    });
  }).filter((f) => f.field === 'spec.replicas');

  test('two replicas, each an etcd member, are a warning on replicas', () => {
    expect(shown(controlPlane({ replicas: 2 }))).toEqual([
      'warning references main/edge-control-plane spec.replicas: 2 control-plane replicas, each a member of one etcd, which needs a majority of its members: 2 survive 0 failures as 1 does, with one member more to lose',
    ]);
  });

  test('three, or two on an external store, are none', () => {
    expect(controlPlane({ replicas: 3 })).toEqual([]);
    expect(controlPlane({ replicas: 2, kineDataSourceURL: 'postgres://k0smotron@db.edge.svc:5432/kine' })).toEqual([]);
  });
});

describe('the correct lab meets no finding it does not deserve', () => {
  const correct = (cluster: ClusterChart) => {
    new HomeAssistantVm(cluster, 'home-assistant', {
      disk: srv1.zfs.vms.existingVolume('haos', { size: '32Gi' }), iot: { bridge: srv1.bridges.br20, address: '192.168.20.5' },
      hostDevices: [srv1.usb.zigbee], route: { host: 'home' },
    });
    permitVmHostDevices(cluster, [srv1.vmGpu()]);
    new ApiObject(cluster, 'windows', vmManifest('windows', { nodeSelector: { 'kubernetes.io/hostname': 'srv1' } }, { hostDevices: [{ name: 'gpu', deviceName: srv1.vmGpu().resourceName }] }));
    new ApiObject(cluster, 'debian', vmManifest('debian', {}, { interfaces: [{ name: 'default', masquerade: {}, ports: [{ name: 'ssh', port: 22 }, { name: 'http', port: 8080 }] }] }));
    new ApiObject(cluster, 'debian-service', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'debian', namespace: 'vms' },
      spec: { selector: { 'app.kubernetes.io/name': 'debian' }, ports: [{ name: 'ssh', port: 22 }, { name: 'http', port: 80, targetPort: 'http' }] },
    });
    new Knative(cluster, 'knative', { eventing: false, localGatewayAddress: lab.pools['knative-local'].at('192.168.46.220') });
    new App(cluster, 'hello', { image: 'ghcr.io/knative/helloworld-go:v1.0.0', ports: [{ name: 'http', port: 8080 }], controller: AppController.knative({ maxScale: 3 }) });
    new RequiredPodLabels(cluster, 'owner-labels', { labels: ['app.kubernetes.io/name'] });
    const providers = new CrossplaneProviders(cluster, 'crossplane', [CROSSPLANE_PROVIDERS.kubernetes]);
    providers.grantClusterRole('provider-kubernetes', { clusterRole: 'cluster-admin', reason: 'makes the namespaces of the lab' });
    providers.addProviderConfig({ name: 'default', apiVersion: 'kubernetes.crossplane.io/v1alpha1', spec: { credentials: { source: 'InjectedIdentity' } } });
    new ApiObject(cluster, 'media-namespace', {
      apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object', metadata: { name: 'media-namespace' },
      spec: { forProvider: { manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'media' } } } },
    });
  };

  test('no error, and none of the checks of VMs, their Services or managed resources warns', () => {
    const findings = findingsOf(correct);
    expect(shown(findings.filter((f) => f.severity === 'error'))).toEqual([]);
    expect(shown(aboutTheLab(findings).filter((f) => f.severity === 'warning'))).toEqual([]);
  });
});
