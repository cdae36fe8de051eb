import { App, host, localPathStorage, metalLb, site, StaticNfsVolume, StaticZfsVolume } from '../constructs';
import { goodContainer, goodDeployment, gpu1, raw } from './bad-input/lab';
import { Build, dayTwo } from './support/day-two';

// A lab run for a month, then edited: each edit is synthesized into the folder of the first run. A change
// the API server refuses on the update is one warning on the field with the step that makes way; a change
// it takes passes without a word.

const web = (props: Record<string, unknown> = {}): Build => (cluster) => {
  new App(cluster, 'web1', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props } as any);
};
const rawObject = (...manifests: Array<Record<string, unknown>>): Build => (cluster) => {
  manifests.forEach((manifest, i) => raw(cluster, i === 0 ? 'object' : `object${i}`, manifest));
};
// The lab with a second export on its NAS, where a volume may move.
const node = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.0.1', zfsPools: { fast: { media: 'nvme' } } });
const nasLab = site('lab', {
  domain: 'lab.test', hosts: [node],
  pools: { vips: { first: '10.0.8.10', last: '10.0.8.20' }, dns: { first: '10.0.4.53', last: '10.0.4.53' } },
  nfs: { share: { server: 'nas.lab.test', path: '/export' }, media: { server: 'nas.lab.test', path: '/export/media' } },
  git: { url: 'https://git.lab.test/lab.git' },
});
const onNasLab = {
  site: nasLab, hosts: [node], loadBalancer: metalLb({ pools: [nasLab.pools.vips, nasLab.pools.dns] }), storage: { fast: node.zfs.fast, local: localPathStorage() },
};
const nfsVolume = (exportName: 'share' | 'media', capacity = '500Gi'): Build => (cluster) => {
  const media = new StaticNfsVolume(cluster, 'media', { export: nasLab.nfs[exportName], capacity, claim: { name: 'media', namespace: 'web', size: '100Gi' } });
  web({ persistence: { media: { volume: media.volume, mountPath: '/media', readOnly: true } } })(cluster);
};
const role = (kind: 'Role' | 'ClusterRole', name: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'reader', namespace: 'web' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name },
  subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'web' }],
});
const configMap = (data: Record<string, string>, immutable?: boolean) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' }, data, ...(immutable === undefined ? {} : { immutable }),
});
const claimOf = (spec: Record<string, unknown>, name = 'scratch') => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'web' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } }, ...spec },
});

const zfsVolume = (zvol: string, props: Record<string, unknown> = {}): Build => (cluster) => {
  cluster.namespaces.ensure('web');
  new StaticZfsVolume(cluster, 'data-pv', { volume: gpu1.zfs.fast.existingVolume(zvol, { size: '10Gi' }), namespace: 'web', claimName: 'data', ...props });
};
const endpointSlice = (addressType: string, address: string) => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'nas-1', namespace: 'web', labels: { 'kubernetes.io/service-name': 'nas' } },
  addressType, endpoints: [{ addresses: [address] }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
});
const ingressClass = (controller: string) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'edge' }, spec: { controller } });
const clusterBinding = (name: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'web-reader' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
  subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'web' }],
});
const service = (type: string) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'web' },
  spec: { type, selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
});

const localVolume = (node: string) => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'disk' },
  spec: {
    capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: '',
    local: { path: '/mnt/disk' },
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
  },
});

const job = (spec: Record<string, unknown>) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'web' },
  spec: {
    ...spec,
    template: { spec: { ...(goodDeployment() as any).spec.template.spec, restartPolicy: 'Never', containers: [goodContainer({ image: 'busybox:1.36.0', ports: [], readinessProbe: undefined })] } },
  },
});

describe('an edit the API server refuses on the update', () => {
  test.each<[string, Build, Build, string, RegExp]>([
    ['a RoleBinding given another role', rawObject(role('Role', 'view')), rawObject(role('ClusterRole', 'view')), 'roleRef', /kubectl -n web delete rolebinding reader$/],
    ['an immutable ConfigMap with new data', rawObject(configMap({ a: '1' }, true)), rawObject(configMap({ a: '2' }, true)), 'data', /kubectl -n web delete configmap settings$/],
    ['an immutable ConfigMap made mutable again', rawObject(configMap({ a: '1' }, true)), rawObject(configMap({ a: '1' }, false)), 'immutable', /delete configmap settings$/],
    ['a claim given a data source', rawObject(claimOf({}), claimOf({}, 'other')),
      rawObject(claimOf({ dataSource: { kind: 'PersistentVolumeClaim', name: 'other' } }), claimOf({}, 'other')), 'spec.dataSource', /delete persistentvolumeclaim scratch$/],
    ['a claim given a label selector', rawObject(claimOf({ storageClassName: '' })),
      rawObject(claimOf({ storageClassName: '', selector: { matchLabels: { disk: 'ssd' } } })), 'spec.selector', /delete persistentvolumeclaim scratch$/],
    ['a claim given a storage limit', rawObject(claimOf({})),
      rawObject(claimOf({ resources: { requests: { storage: '1Gi' }, limits: { storage: '2Gi' } } })), 'spec.resources.limits', /delete persistentvolumeclaim scratch$/],
    ['an EndpointSlice of an outside address turned into a host name', rawObject(endpointSlice('IPv4', '10.0.0.9')),
      rawObject(endpointSlice('FQDN', 'nas.lab.test')), 'addressType', /kubectl -n web delete endpointslice nas-1$/],
    ['an IngressClass handed to another controller', rawObject(ingressClass('traefik.io/ingress-controller')),
      rawObject(ingressClass('k8s.io/ingress-nginx')), 'spec.controller', /^kubectl delete ingressclass edge$/],
    ['a ClusterRoleBinding given another role', rawObject(clusterBinding('view')), rawObject(clusterBinding('edit')), 'roleRef', /^kubectl delete clusterrolebinding web-reader$/],
    ['a local volume pinned to a renamed node', rawObject(localVolume('gpu1')), rawObject(localVolume('arm1')), 'spec.nodeAffinity', /^kubectl delete persistentvolume disk$/],
    ['a Job given more completions', rawObject(job({ completions: 1 })), rawObject(job({ completions: 3 })), 'spec.completions', /^kubectl -n web delete job once --cascade=orphan$/],
    ['a Job made Indexed', rawObject(job({ completions: 2 })), rawObject(job({ completions: 2, completionMode: 'Indexed' })), 'spec.completionMode', /delete job once --cascade=orphan$/],
    ['a ZFS volume swapped for another zvol of the pool', zfsVolume('data'), zfsVolume('media'), 'spec.volumeName', /^kubectl -n web delete persistentvolumeclaim data$/],
  ])('%s: one warning on the field, and the delete that makes way', (_name, before, after, field, command) => {
    const { warnings, actions } = dayTwo(before, after);
    expect(warnings).toEqual([expect.objectContaining({ severity: 'warning', field })]);
    expect(warnings[0].constructPath).toMatch(/^main\//);
    expect(warnings[0].hint).toMatch(/run before the next sync/);
    // A zvol's own size check is a step of the volume, not of the edit.
    expect(actions.map((a) => a.command).filter((c) => !c?.startsWith('['))).toEqual([expect.stringMatching(command)]);
  });

  test('an NFS volume moved to another path on the server: the volume and its claim are deleted, the claim\'s workload scaled down first', () => {
    const { warnings, actions } = dayTwo(nfsVolume('share'), nfsVolume('media'), onNasLab);
    expect(warnings).toEqual([expect.objectContaining({ kind: 'PersistentVolume', field: 'spec' })]);
    expect(warnings[0].message).toMatch(/the data stays where the volume was: .*\/export"/);
    expect(actions.map((a) => a.command)).toEqual([
      'kubectl -n web scale deployment web1 --replicas=0 && kubectl -n web delete persistentvolumeclaim media && kubectl delete persistentvolume media',
    ]);
  });
});

test('a volume that deletes its data with it: the hint says to copy the data out first', () => {
  const deleting = (node: string) => ({ ...localVolume(node), spec: { ...localVolume(node).spec, persistentVolumeReclaimPolicy: 'Delete' } });
  const { warnings } = dayTwo(rawObject(deleting('gpu1')), rawObject(deleting('arm1')));
  expect(warnings).toEqual([expect.objectContaining({ field: 'spec.nodeAffinity', hint: expect.stringMatching(/copying its data out: its reclaim policy is not Retain/) })]);
});

test('a ZFS volume turned from a block device into a file system: the volume and its claim are refused, and one step deletes both', () => {
  const { warnings, actions } = dayTwo(zfsVolume('data'), zfsVolume('data', { volumeMode: 'Filesystem' }));
  expect(warnings.map((w) => `${w.kind} ${w.field}`)).toEqual(['PersistentVolume spec', 'PersistentVolume spec.volumeMode', 'PersistentVolumeClaim spec.volumeMode']);
  expect(actions.map((a) => a.command)).toEqual(['kubectl -n web delete persistentvolumeclaim data && kubectl delete persistentvolume data']);
});

describe('an edit the API server takes passes without a word', () => {
  test.each<[string, Build, Build]>([
    ['a RoleBinding given another subject', rawObject(role('Role', 'view')),
      rawObject({ ...role('Role', 'view'), subjects: [{ kind: 'ServiceAccount', name: 'web1', namespace: 'web' }] })],
    ['a mutable ConfigMap with new data', rawObject(configMap({ a: '1' })), rawObject(configMap({ a: '2' }))],
    ['a ConfigMap marked immutable', rawObject(configMap({ a: '1' })), rawObject(configMap({ a: '1' }, true))],
    ['an NFS volume that grows', nfsVolume('share'), nfsVolume('share', '1Ti')],
    ['a ClusterIP Service made a LoadBalancer', rawObject(goodDeployment(), service('ClusterIP')), rawObject(goodDeployment(), service('LoadBalancer'))],
    ['an app moved to another namespace, with no data', web(), web({ namespace: 'shop' })],
    ['an app given extra labels', web(), web({ labels: { team: 'shop' } })],
    ['an EndpointSlice given another address of its type', rawObject(endpointSlice('IPv4', '10.0.0.9')), rawObject(endpointSlice('IPv4', '10.0.0.10'))],
    ['a Job given more parallelism', rawObject(job({ completions: 4, parallelism: 1 })), rawObject(job({ completions: 4, parallelism: 2 }))],
    ['an Indexed Job scaled with its parallelism', rawObject(job({ completionMode: 'Indexed', completions: 2, parallelism: 2 })),
      rawObject(job({ completionMode: 'Indexed', completions: 3, parallelism: 3 }))],
    ['an app given more replicas', web(), web({ replicas: 2 })],
    ['a Deployment given another image', rawObject(goodDeployment()), rawObject(goodDeployment('web', {}, { replicas: 2 }))],
  ])('%s', (_name, before, after) => {
    const { warnings, actions } = dayTwo(before, after, onNasLab);
    expect(warnings).toEqual([]);
    expect(actions).toEqual([]);
  });
});
