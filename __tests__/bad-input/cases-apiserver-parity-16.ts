import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { podWithContainer, raw, refusedAtW } from './lab';

// Hand-written objects that a strict API server refuses although their schemas take them: a PersistentVolume
// whose CSI Secret references lack their namespace or that carries the old mount-options annotation on a
// source that never took it (ValidatePersistentVolume), EndpointSlices whose ports share a name, whose node
// name is none or whose zone hints or deprecatedTopology the API server refuses
// (pkg/apis/discovery/validation), and an ephemeral volume without the claim template it makes its claim from.

/** The hand-written object `w`. */
const w = (manifest: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'w', manifest);
};
/** A PersistentVolume `w` of 1Gi, ReadWriteOnce, with `spec` laid over its spec and `annotations` on it. */
const volume = (spec: Record<string, unknown>, annotations?: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'w', annotations },
  spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], ...spec },
});
/** A CSI source of the NFS driver, with `extra` laid over it. */
const csi = (extra: Record<string, unknown>) => ({ csi: { driver: 'nfs.csi.k8s.io', volumeHandle: 'nas.lab.test#export#media', ...extra } });
const MOUNT_OPTIONS = { 'volume.beta.kubernetes.io/mount-options': 'noatime,nfsvers=4.1' };
/** An EndpointSlice `w` of the Service `w` with one endpoint at 10.0.0.5; `extra` overrides its fields. */
const slice = (extra: Record<string, unknown>) => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'w', namespace: 'web', labels: { 'kubernetes.io/service-name': 'w' } },
  addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.5'] }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }], ...extra,
});
/** The slice's endpoint with `hints` naming `zones`. */
const hinted = (zones: string[]) => slice({ endpoints: [{ addresses: ['10.0.0.5'], hints: { forZones: zones.map((name) => ({ name })) } }] });

export const CASES: BadInput[] = [
  // validatePVSecretReference: a PersistentVolume has no namespace to find its Secrets in.
  refusedAtW('a CSI PersistentVolume whose node publish Secret names no namespace', w(volume(csi({ nodePublishSecretRef: { name: 'nfs-credentials' } }))),
    'spec.csi.nodePublishSecretRef.namespace', /namespace: 'kube-system'/),
  refusedAtW('a CSI PersistentVolume whose expand Secret names no Secret', w(volume(csi({ controllerExpandSecretRef: { namespace: 'kube-system' } }))),
    'spec.csi.controllerExpandSecretRef.name'),
  refusedAtW('a CSI PersistentVolume whose stage Secret namespace is in capitals', w(volume(csi({ nodeStageSecretRef: { name: 'nfs-credentials', namespace: 'Kube-System' } }))),
    'spec.csi.nodeStageSecretRef.namespace', /kube-system/),
  refusedAtW('a CSI PersistentVolume whose publish Secret name has an underscore', w(volume(csi({ nodePublishSecretRef: { name: 'nfs_credentials', namespace: 'kube-system' } }))),
    'spec.csi.nodePublishSecretRef.name', /nfs-credentials/),
  // checkMountOption: the annotation is refused on every source but the old in-tree ones.
  refusedAtW('a hostPath PersistentVolume with the mount-options annotation', w(volume({ hostPath: { path: '/srv/media' } }, MOUNT_OPTIONS)),
    'metadata.annotations.volume.beta.kubernetes.io/mount-options', /spec\.mountOptions: \["noatime", "nfsvers=4\.1"\]/),
  refusedAtW('a CSI PersistentVolume with the mount-options annotation', w(volume(csi({}), MOUNT_OPTIONS)),
    'metadata.annotations.volume.beta.kubernetes.io/mount-options', /spec\.mountOptions/),
  refusedAtW('a local PersistentVolume with the mount-options annotation', w(volume({
    local: { path: '/mnt/disk1' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['gpu1'] }] }] } },
  }, MOUNT_OPTIONS)), 'metadata.annotations.volume.beta.kubernetes.io/mount-options'),
  // ValidateEndpointSlice: ports of one name, node names and zone hints.
  refusedAtW('an EndpointSlice with two ports of one name', w(slice({ ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'http', port: 8080, protocol: 'TCP' }] })),
    'ports[1].name', /metrics/),
  refusedAtW('an EndpointSlice with two ports without a name', w(slice({ ports: [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] })),
    'ports[1].name'),
  refusedAtW('an EndpointSlice endpoint on a node named in capitals', w(slice({ endpoints: [{ addresses: ['10.0.0.5'], nodeName: 'GPU1' }] })),
    'endpoints[0].nodeName', /kubectl get nodes/),
  refusedAtW('an EndpointSlice endpoint hinted for nine zones', w(hinted(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'])), 'endpoints[0].hints.forZones', /8 zones/),
  refusedAtW('an EndpointSlice endpoint hinted for one zone twice', w(hinted(['rack-1', 'rack-1'])), 'endpoints[0].hints.forZones[1].name'),
  refusedAtW('an EndpointSlice endpoint hinted for a zone that is no label value', w(hinted(['rack 1'])), 'endpoints[0].hints.forZones[0].name', /topology\.kubernetes\.io\/zone/),
  refusedAtW('an EndpointSlice endpoint with its zone in deprecatedTopology', w(slice({ endpoints: [{ addresses: ['10.0.0.5'], deprecatedTopology: { 'topology.kubernetes.io/zone': 'rack-1' } }] })),
    'endpoints[0].deprecatedTopology.topology.kubernetes.io/zone', /zone: "rack-1"/),
  refusedAtW('an EndpointSlice endpoint with a deprecatedTopology label value with a space', w(slice({ endpoints: [{ addresses: ['10.0.0.5'], deprecatedTopology: { 'lab.example/rack': 'rack 1' } }] })),
    'endpoints[0].deprecatedTopology.lab.example/rack'),
  // validateEphemeralVolumeSource: the claim is made from the template.
  refusedAtW('an ephemeral volume without its claim template', w(podWithContainer({ volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }, { volumes: [{ name: 'scratch', ephemeral: {} }] })),
    'spec.template.spec.volumes[0].ephemeral.volumeClaimTemplate', /emptyDir/),
];
