import { App as CdkApp } from 'cdk8s';
import { App, AppController, ClusterChart, declareExternal, gatewayApi, Knative, synthesize } from '../constructs';
import { arm1, goodContainer, lab, labCluster, raw } from './bad-input/lab';
import { GATEWAY_IMPLEMENTATION } from './support/preinstalled';
import { labErrors } from './support/lab-errors';

// What the webhooks of KubeVirt and Knative Serving take beside the near misses they refuse: each run
// strategy field alone, DataVolume templates used either way, boot orders of their own, every bus, a bridge
// beside a masquerading pod interface, cloud-init data at its limit or in a Secret, dedicated CPUs, UEFI with
// or without Secure Boot; Knative ports named for their protocol or not at all, PORT in a sidecar, probes on
// the serving port's name, read-only mounts, the flags the cluster's Knative turns on, and autoscaling
// annotations at their bounds.

const CONTAINER_DISK = { containerDisk: { image: 'quay.io/containerdisks/fedora:40' } };
/** A VirtualMachine `name` in namespace `web`; `template` and `spec` override its template's spec and its spec. */
const vm = (name: string, template: Record<string, unknown>, spec: Record<string, unknown> = { runStrategy: 'Always' }) => ({
  apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name, namespace: 'web' },
  spec: {
    ...spec,
    template: {
      spec: {
        domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] }, memory: { guest: '1Gi' } },
        networks: [{ name: 'default', pod: {} }], volumes: [{ name: 'root', ...CONTAINER_DISK }],
        ...template,
      },
    },
  },
});
const vmErrors = (...manifests: Array<Record<string, unknown>>) => labErrors((c) => manifests.forEach((m, i) => raw(c, `vm-${i}`, m)));

test('a VM that gives runStrategy or running alone, and DataVolume templates used by a dataVolume or a claim volume, are accepted', () => {
  const template = (name: string) => ({ metadata: { name }, spec: { storage: { storageClassName: 'zfs-fast', resources: { requests: { storage: '10Gi' } } }, source: { blank: {} } } });
  expect(vmErrors(
    vm('strategy', {}),
    vm('running', {}, { running: false }),
    vm('templates', {
      domain: { devices: { disks: [{ name: 'root', disk: {} }, { name: 'data', disk: {} }], interfaces: [{ name: 'default', masquerade: {} }] }, memory: { guest: '1Gi' } },
      volumes: [{ name: 'root', dataVolume: { name: 'templates-root' } }, { name: 'data', persistentVolumeClaim: { claimName: 'templates-data' } }],
    }, { runStrategy: 'RerunOnFailure', dataVolumeTemplates: [template('templates-root'), template('templates-data')] }),
  )).toEqual([]);
});

test('disks on every bus with boot orders of their own, a bridge beside a masquerading pod interface, and cloud-init data at its limit or in a Secret are accepted', () => {
  expect(labErrors((c: ClusterChart) => {
    raw(c, 'iot', { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'iot', namespace: 'web' }, spec: { config: '{"cniVersion":"0.3.1","type":"bridge","bridge":"br64"}' } });
    raw(c, 'vm', vm('devices', {
      domain: {
        devices: {
          disks: [
            { name: 'root', disk: { bus: 'virtio' }, bootOrder: 2 }, { name: 'legacy', disk: { bus: 'sata' } }, { name: 'scratch', disk: { bus: 'scsi' } },
            { name: 'stick', disk: { bus: 'usb' } }, { name: 'install', cdrom: { bus: 'sata' }, bootOrder: 3 }, { name: 'cloudinit', disk: {} }, { name: 'network', disk: {} },
          ],
          interfaces: [{ name: 'default', masquerade: {}, bootOrder: 1 }, { name: 'iot', bridge: {} }],
        },
        memory: { guest: '1Gi' },
      },
      networks: [{ name: 'default', pod: {} }, { name: 'iot', multus: { networkName: 'web/iot' } }],
      volumes: [
        ...['root', 'legacy', 'scratch', 'stick', 'install'].map((name) => ({ name, ...CONTAINER_DISK })),
        { name: 'cloudinit', cloudInitNoCloud: { userData: `#cloud-config\n${'#'.repeat(2048 - 15)}\n` } },
        { name: 'network', cloudInitConfigDrive: { secretRef: { name: 'vm-userdata' }, networkData: 'version: 2\n' } },
      ],
    }));
  }).filter((e) => !e.includes('vm-userdata'))).toEqual([]);
});

test('memory requested at its limit, a guest above it, dedicated CPUs with an isolated emulator thread, and UEFI with SMM or without Secure Boot are accepted', () => {
  const domain = (change: Record<string, unknown>) => ({
    domain: { devices: { disks: [{ name: 'root', disk: {} }], interfaces: [{ name: 'default', masquerade: {} }] }, memory: { guest: '2Gi' }, ...change },
  });
  expect(vmErrors(
    vm('memory', domain({ resources: { requests: { memory: '2Gi' }, limits: { memory: '2Gi' } } })),
    vm('hotplug', domain({ memory: { guest: '4Gi' }, resources: { limits: { memory: '2Gi' } } })),
    vm('pinned', domain({ cpu: { cores: 2, threads: 2, dedicatedCpuPlacement: true, isolateEmulatorThread: true }, resources: { requests: { memory: '2Gi' } } })),
    vm('secure', domain({ firmware: { bootloader: { efi: {} } }, features: { smm: {} } })),
    vm('plain-efi', domain({ firmware: { bootloader: { efi: { secureBoot: false } } } })),
  )).toEqual([]);
});

/** The errors of a lab cluster with Knative on its Gateway, `manifests`, and what `build` adds. */
function knativeErrors(...manifests: Array<Record<string, unknown> | ((cluster: ClusterChart) => unknown)>): string[] {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }), preinstalled: [GATEWAY_IMPLEMENTATION] });
  declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new Knative(cluster, 'knative', { eventing: false });
  manifests.forEach((manifest, i) => (typeof manifest === 'function' ? manifest(cluster) : raw(cluster, `ksvc-${i}`, manifest)));
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
}
const POD = { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } };
/** A Knative Service `name` in namespace `web`; `spec` overrides its pod spec, `metadata` is its template's. */
const ksvc = (name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name, namespace: 'web' },
  spec: { template: { metadata, spec: { containers: [goodContainer({ name, ports: [{ containerPort: 8080 }] })], ...POD, ...spec } } },
});

test('Knative ports named for their protocol or not at all, PORT in a sidecar, and probes on the serving port\'s name are accepted', () => {
  expect(knativeErrors(
    ksvc('h2c', { containers: [goodContainer({ ports: [{ name: 'h2c', containerPort: 8080 }], readinessProbe: { tcpSocket: { port: 'h2c' } } })] }),
    ksvc('http1', { containers: [goodContainer({ ports: [{ name: 'http1', containerPort: 9000 }] })] }),
    // An unnamed serving port is "http" to Knative's probes.
    ksvc('unnamed', { containers: [goodContainer({ ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { path: '/', port: 'http' } } })] }),
    ksvc('sidecar', {
      containers: [
        goodContainer({ ports: [{ containerPort: 8080 }] }),
        goodContainer({ name: 'proxy', ports: undefined, readinessProbe: undefined, env: [{ name: 'PORT', value: '9000' }] }),
      ],
    }),
  )).toEqual([]);
});

test('read-only Secret mounts, writable claims and emptyDirs the cluster\'s Knative turns on, a token turned off, and a Knative app with a service account are accepted', () => {
  expect(knativeErrors(
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'fn-data', namespace: 'web' }, spec: { storageClassName: 'zfs-fast', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    ksvc('mounts', {
      containers: [goodContainer({
        name: 'mounts', ports: [{ containerPort: 8080 }],
        volumeMounts: [{ name: 'creds', mountPath: '/etc/creds', readOnly: true }, { name: 'data', mountPath: '/data' }, { name: 'shm', mountPath: '/dev/shm' }],
      })],
      volumes: [{ name: 'creds', secret: { secretName: 'fn-creds' } }, { name: 'data', persistentVolumeClaim: { claimName: 'fn-data' } }, { name: 'shm', emptyDir: { medium: 'Memory' } }],
      automountServiceAccountToken: false,
    }),
    // Knative mounts the token of the app's own account when the field is left out, and refuses it true.
    (cluster) => new App(cluster, 'reader', {
      image: 'ghcr.io/knative/helloworld-go:1.15.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }],
      controller: AppController.knative(), serviceAccount: { reason: 'service discovery', rules: [{ apiGroups: [''], resources: ['services'], verbs: ['get', 'list'] }] },
    }),
  ).filter((e) => !e.includes('fn-creds'))).toEqual([]);
});

test('a Knative app placed on a tainted host and one on an NVIDIA GPU are accepted: the cluster\'s Knative turns on the placement flags its apps use', () => {
  expect(knativeErrors(
    (cluster) => new App(cluster, 'registry-hook', {
      image: 'ghcr.io/knative/helloworld-go:1.15.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }],
      controller: AppController.knative(), placement: { host: arm1 },
    }),
    (cluster) => new App(cluster, 'inference', {
      image: 'ghcr.io/knative/helloworld-go:1.15.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }],
      controller: AppController.knative(), gpu: { vendor: 'nvidia' },
    }),
  )).toEqual([]);
});

test('Knative revision templates at their bounds are accepted: timeout, concurrency, a prefixed name and autoscaling annotations Knative reads', () => {
  expect(knativeErrors(
    ksvc('bounds', { timeoutSeconds: 600, containerConcurrency: 1000 }, {
      name: 'bounds-v2',
      annotations: {
        'autoscaling.knative.dev/min-scale': '0', 'autoscaling.knative.dev/max-scale': '3', 'autoscaling.knative.dev/initial-scale': '1',
        'autoscaling.knative.dev/window': '60s', 'autoscaling.knative.dev/metric': 'rps', 'autoscaling.knative.dev/target': '50',
      },
    }),
    ksvc('hpa', {}, {
      annotations: {
        'autoscaling.knative.dev/class': 'hpa.autoscaling.knative.dev', 'autoscaling.knative.dev/metric': 'cpu',
        'autoscaling.knative.dev/target-utilization-percentage': '70', 'autoscaling.knative.dev/min-scale': '1', 'autoscaling.knative.dev/max-scale': '1',
      },
    }),
  )).toEqual([]);
});
