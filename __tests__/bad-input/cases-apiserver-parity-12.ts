import { App, AppController, ClusterChart, declareExternal, Knative } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, guarded, raw } from './lab';

// VirtualMachines and Knative Services that the webhooks of KubeVirt (virt-api's VM admitter and the VM
// instance spec rules it applies to the template) and Knative Serving refuse although their CRD schemas allow
// them: a strict server-side dry-run calls the webhooks, so they fail there as the API server's own rules do.
// Each is reported on the field the user wrote, an App's prop where an App wrote it.

/** A VirtualMachine `w` of one disk on a container disk and one masquerading interface on the pod network; `template` and `spec` override. */
const vm = (template: Record<string, unknown>, spec: Record<string, unknown> = {}) => (c: ClusterChart) => raw(c, 'w', {
  apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'vm', namespace: 'web' },
  spec: {
    runStrategy: 'Always', ...spec,
    template: {
      spec: {
        domain: {
          devices: { disks: [{ name: 'root', disk: { bus: 'virtio' }, bootOrder: 1 }], interfaces: [{ name: 'default', masquerade: {} }] },
          memory: { guest: '1Gi' },
        },
        networks: [{ name: 'default', pod: {} }],
        volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }],
        ...template,
      },
    },
  },
});
/** The template's domain with `domain` laid over it. */
const domain = (change: Record<string, unknown>) => ({
  domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] }, memory: { guest: '1Gi' }, ...change },
});
const atVm = (name: string, build: BadInput['build'], field: string, hint?: RegExp): BadInput => ({ name, build, layer: 'schema', path: 'w', field, hint });

/** Knative on the lab's Gateway, then `build`. */
const withKnative = (build: (c: ClusterChart) => unknown) => guarded((c: ClusterChart) => {
  declareExternal(c, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new Knative(c, 'knative', { eventing: false });
  build(c);
});
/** A Knative Service `w` of one good container serving 8080; `pod` overrides its pod spec, `template` its template. */
const ksvc = (pod: Record<string, unknown>, template: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) => withKnative((c) => raw(c, 'w', {
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'fn', namespace: 'web', ...metadata },
  spec: {
    template: {
      ...template,
      spec: { containers: [goodContainer({ ports: [{ containerPort: 8080 }] })], securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, ...pod },
    },
  },
}));
const container = (change: Record<string, unknown>) => ({ containers: [goodContainer({ ports: [{ containerPort: 8080 }], ...change })] });
/** A Knative App `fn` of `props`. */
const knativeApp = (props: Partial<AppProps>) => withKnative((c) => new App(c, 'fn', {
  image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: [{ name: 'http', port: 8080 }], controller: AppController.knative(), ...props,
}));
const atKnative = (name: string, build: BadInput['build'], path: string, field: string, hint?: RegExp): BadInput => ({ name, build, gatewayCluster: true, layer: 'schema', path, field, hint });

export const CASES: BadInput[] = [
  // The VM admitter (vms-admitter.go: validateRunStrategy, validateDataVolumeTemplate).
  atVm('a VM that gives running beside runStrategy', vm({}, { running: true }), 'spec.running', /drop running/),
  atVm('a VM run strategy spelled in lower case', vm({}, { runStrategy: 'always' }), 'spec.runStrategy', /runStrategy: 'Always'/),
  atVm('a VM DataVolume template no volume uses', vm({}, {
    dataVolumeTemplates: [{ metadata: { name: 'vm-root' }, spec: { storage: { storageClassName: 'zfs-fast', resources: { requests: { storage: '10Gi' } } }, source: { blank: {} } } }],
  }), 'spec.dataVolumeTemplates[0].metadata.name', /dataVolume: \{ name: 'vm-root' \}/),
  // Disks (vmi-create-admitter.go: validateBootOrder, validateBusSupport).
  atVm('a VM disk with no volume of its name', vm({ volumes: [{ name: 'rootdisk', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }] }),
    'spec.template.spec.domain.devices.disks[0].name', /rootdisk/),
  atVm('a VM interface booted in the order of its disk', vm(domain({
    devices: { disks: [{ name: 'root', disk: { bus: 'virtio' }, bootOrder: 1 }], interfaces: [{ name: 'default', masquerade: {}, bootOrder: 1 }] },
  })), 'spec.template.spec.domain.devices.interfaces[0].bootOrder', /e\.g\. 2/),
  atVm('a VM disk on the IDE bus', vm(domain({ devices: { disks: [{ name: 'root', disk: { bus: 'ide' } }], interfaces: [{ name: 'default', masquerade: {} }] } })),
    'spec.template.spec.domain.devices.disks[0].disk.bus', /sata/),
  atVm('a VM CD-ROM on the virtio bus', vm({
    ...domain({ devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'install', cdrom: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] } }),
    volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }, { name: 'install', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }],
  }), 'spec.template.spec.domain.devices.disks[1].cdrom.bus', /sata/),
  // Interfaces and networks (pkg/network/admitter: netiface.go, netsource.go, binding.go).
  atVm('a VM interface with no network of its name', vm(domain({ devices: { disks: [{ name: 'root', disk: {} }], interfaces: [{ name: 'eth0', masquerade: {} }] } })),
    'spec.template.spec.domain.devices.interfaces[0].name', /default/),
  atVm('a VM on the pod network twice', vm({
    ...domain({ devices: { disks: [{ name: 'root', disk: {} }], interfaces: [{ name: 'default', masquerade: {} }, { name: 'second', masquerade: {} }] } }),
    networks: [{ name: 'default', pod: {} }, { name: 'second', pod: {} }],
  }), 'spec.template.spec.networks[1].pod', /Multus/),
  atVm('a VM masquerading on a Multus network', vm({
    ...domain({ devices: { disks: [{ name: 'root', disk: {} }], interfaces: [{ name: 'default', masquerade: {} }, { name: 'iot', masquerade: {} }] } }),
    networks: [{ name: 'default', pod: {} }, { name: 'iot', multus: { networkName: 'web/iot' } }],
  }), 'spec.template.spec.domain.devices.interfaces[1].masquerade', /bridge: \{\}/),
  // Cloud-init data (validateVolumes).
  atVm('a VM cloud-init user data above 2048 bytes', vm({
    ...domain({ devices: { disks: [{ name: 'root', disk: {} }, { name: 'cloudinit', disk: {} }], interfaces: [{ name: 'default', masquerade: {} }] } }),
    volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }, { name: 'cloudinit', cloudInitNoCloud: { userData: `#cloud-config\n${'# padding\n'.repeat(210)}` } }],
  }), 'spec.template.spec.volumes[1].cloudInitNoCloud.userData', /secretRef: \{ name \}/),
  atVm('a VM cloud-init volume of no data', vm({
    ...domain({ devices: { disks: [{ name: 'root', disk: {} }, { name: 'cloudinit', disk: {} }], interfaces: [{ name: 'default', masquerade: {} }] } }),
    volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:40' } }, { name: 'cloudinit', cloudInitNoCloud: {} }],
  }), 'spec.template.spec.volumes[1].cloudInitNoCloud', /userData/),
  // Memory, CPUs and firmware (validateMemoryLimitsNegativeOrNull, validateCPUIsolatorThread, validateDomainSpec).
  atVm('a VM requesting more memory than its limit', vm(domain({ resources: { requests: { memory: '4Gi' }, limits: { memory: '2Gi' } } })),
    'spec.template.spec.domain.resources.requests.memory'),
  atVm('a VM isolating its emulator thread without dedicated CPUs', vm(domain({ cpu: { cores: 2, isolateEmulatorThread: true } })),
    'spec.template.spec.domain.cpu.isolateEmulatorThread', /dedicatedCpuPlacement: true/),
  atVm('a VM booting by UEFI Secure Boot without SMM', vm(domain({ firmware: { bootloader: { efi: {} } } })),
    'spec.template.spec.domain.firmware.bootloader.efi', /smm: \{ enabled: true \}/),
  // Knative containers (k8s_validation.go: validateEnvVar, validateContainerPorts, validateVolumeMounts, validateProbe).
  atKnative('a Knative app setting PORT', knativeApp({ env: { PORT: '8080' } }), 'fn', 'env.PORT', /drop PORT/),
  atKnative('a Knative app serving on the queue-proxy\'s port', knativeApp({ ports: [{ name: 'http', port: 8012 }] }), 'fn', 'ports[0]', /8080/),
  atKnative('a Knative Service port named http', ksvc(container({ ports: [{ name: 'http', containerPort: 8080 }] })), 'w', 'spec.template.spec.containers[0].ports[0].name', /h2c/),
  atKnative('a Knative Service container named queue-proxy', ksvc(container({ name: 'queue-proxy' })), 'w', 'spec.template.spec.containers[0].name'),
  atKnative('a Knative Service mount at /dev', ksvc({ ...container({ volumeMounts: [{ name: 'scratch', mountPath: '/dev/' }] }), volumes: [{ name: 'scratch', emptyDir: {} }] }),
    'w', 'spec.template.spec.containers[0].volumeMounts[0].mountPath', /\/data/),
  atKnative('a Knative Service Secret mount not read-only', ksvc({ ...container({ volumeMounts: [{ name: 'creds', mountPath: '/etc/creds' }] }), volumes: [{ name: 'creds', secret: { secretName: 'fn-creds' } }] }),
    'w', 'spec.template.spec.containers[0].volumeMounts[0].readOnly', /readOnly: true/),
  atKnative('a Knative Service probe on a port name the container does not have', ksvc(container({ readinessProbe: { httpGet: { path: '/', port: 'web' } } })),
    'w', 'spec.template.spec.containers[0].readinessProbe.httpGet.port', /by number/),
  // Knative pod fields and volumes behind feature flags (PodSpecMask, validateVolume).
  atKnative('a Knative Service with host aliases', ksvc({ ...container({}), hostAliases: [{ ip: '192.168.1.5', hostnames: ['nas.lan'] }] }),
    'w', 'spec.template.spec.hostAliases', /kubernetes\.podspec-hostaliases/),
  atKnative('a Knative Service asking for its service account token', ksvc({ automountServiceAccountToken: true }), 'w', 'spec.template.spec.automountServiceAccountToken', /leave automountServiceAccountToken out/),
  atKnative('a Knative Service on a host path', ksvc({ ...container({ volumeMounts: [{ name: 'host', mountPath: '/host', readOnly: true }] }), volumes: [{ name: 'host', hostPath: { path: '/srv' } }] }),
    'w', 'spec.template.spec.volumes[0].hostPath', /kubernetes\.podspec-volumes-hostpath/),
  // Knative's revision template (revision_validation.go, metadata_validation.go, annotation_validation.go).
  atKnative('a Knative Service timeout above max-revision-timeout-seconds', ksvc({ timeoutSeconds: 900 }), 'w', 'spec.template.spec.timeoutSeconds', /600/),
  atKnative('a Knative revision named without its Service\'s prefix', ksvc({}, { metadata: { name: 'v2' } }), 'w', 'spec.template.metadata.name', /fn-v2/),
  atKnative('a Knative Service with autoscaling annotations on its own metadata', ksvc({}, {}, { annotations: { 'autoscaling.knative.dev/max-scale': '3' } }),
    'w', 'metadata.annotations.autoscaling.knative.dev/max-scale', /spec\.template\.metadata\.annotations/),
  atKnative('a Knative revision scaling to fewer pods at most than at least', ksvc({}, { metadata: { annotations: { 'autoscaling.knative.dev/min-scale': '3', 'autoscaling.knative.dev/max-scale': '2' } } }),
    'w', 'spec.template.metadata.annotations.autoscaling.knative.dev/max-scale'),
  atKnative('a Knative revision starting at zero pods', ksvc({}, { metadata: { annotations: { 'autoscaling.knative.dev/initial-scale': '0' } } }),
    'w', 'spec.template.metadata.annotations.autoscaling.knative.dev/initial-scale', /min-scale/),
  atKnative('a Knative revision scaling on CPU with Knative\'s own autoscaler', ksvc({}, { metadata: { annotations: { 'autoscaling.knative.dev/metric': 'cpu' } } }),
    'w', 'spec.template.metadata.annotations.autoscaling.knative.dev/metric', /hpa\.autoscaling\.knative\.dev/),
];
