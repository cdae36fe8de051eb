import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, goodContainer, goodDeployment, podWithContainer, raw } from './lab';

// More pod and workload fields the API server refuses by its own Go validation (ValidatePodSpec,
// ValidateContainer, the StatefulSet's claim templates) although the schema allows them.

const POD = 'spec.template.spec';
const w = (manifest: Record<string, unknown>) => (c: ClusterChart) => raw(c, 'w', manifest);
const pod = (spec: Record<string, unknown>) => w(goodDeployment('web', spec));
const POD_CONTEXT = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
/** A pod whose container mounts a downwardAPI volume with one file reading `resourceFieldRef`. */
const resourceFile = (resourceFieldRef: Record<string, unknown>, item: Record<string, unknown> = {}) => w(podWithContainer(
  { volumeMounts: [{ name: 'info', mountPath: '/etc/podinfo' }] },
  { volumes: [{ name: 'info', downwardAPI: { items: [{ path: 'limit', resourceFieldRef, ...item }] } }] },
));
const DOWNWARD_ITEM = `${POD}.volumes[0].downwardAPI.items[0]`;
/** A StatefulSet of the good container with one claim template of `claimSpec`, mounted at /data. */
const statefulSet = (claimSpec: Record<string, unknown>) => {
  const deployment = goodDeployment('db', { containers: [goodContainer({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] });
  return w({
    ...deployment, kind: 'StatefulSet',
    spec: { ...(deployment.spec as Record<string, unknown>), serviceName: 'db', volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: claimSpec }] },
  });
};
const claimVolume = { name: 'disk', persistentVolumeClaim: { claimName: 'disk' } };
const diskClaim = (c: ClusterChart) => raw(c, 'disk', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'disk', namespace: 'web' }, spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Block', storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } } } });
const withDisk = (build: (c: ClusterChart) => unknown) => (c: ClusterChart): void => {
  diskClaim(c);
  build(c);
};

export const CASES: BadInput[] = [
  // Container resources read by a downwardAPI volume.
  {
    name: 'a downwardAPI file reading a resource without its container name',
    build: resourceFile({ resource: 'limits.memory' }), layer: 'schema', path: 'w', field: `${DOWNWARD_ITEM}.resourceFieldRef.containerName`,
  },
  {
    name: 'a downwardAPI file reading the resources of a container the pod lacks',
    build: resourceFile({ containerName: 'app', resource: 'limits.memory' }), layer: 'schema', path: 'w', field: `${DOWNWARD_ITEM}.resourceFieldRef.containerName`,
  },
  {
    name: 'a downwardAPI file reading a resource the downward API does not give',
    build: resourceFile({ containerName: 'web', resource: 'limits.nvidia.com/gpu' }), layer: 'schema', path: 'w', field: `${DOWNWARD_ITEM}.resourceFieldRef.resource`,
  },
  {
    name: 'a downwardAPI file reading CPU with a memory divisor',
    build: resourceFile({ containerName: 'web', resource: 'requests.cpu', divisor: '1Mi' }), layer: 'schema', path: 'w', field: `${DOWNWARD_ITEM}.resourceFieldRef.divisor`,
  },
  {
    name: 'a downwardAPI file with both a fieldRef and a resourceFieldRef',
    build: resourceFile({ containerName: 'web', resource: 'limits.memory' }, { fieldRef: { fieldPath: 'metadata.name' } }),
    layer: 'schema', path: 'w', field: `${DOWNWARD_ITEM}.resourceFieldRef`,
  },
  {
    name: 'an env var reading the resources of a container the pod lacks',
    build: w(podWithContainer({ env: [{ name: 'LIMIT', valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'limits.memory' } } }] })),
    layer: 'schema', path: 'w', field: `${CONTAINER}.env[0].valueFrom.resourceFieldRef.containerName`,
  },
  // A StatefulSet's claim templates, checked like claims.
  {
    name: 'a hand-written StatefulSet whose claim template asks for no storage',
    build: statefulSet({ accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '0' } } }),
    layer: 'schema', path: 'w', field: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage',
  },
  {
    name: 'a hand-written StatefulSet whose claim template has no access mode',
    build: statefulSet({ storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } } }),
    layer: 'schema', path: 'w', field: 'spec.volumeClaimTemplates[0].spec.accessModes',
  },
  // DNS search domains.
  {
    name: 'a DNS search domain with an underscore and capitals',
    build: pod({ dnsConfig: { searches: ['lab.example.com.', 'Home_Lab.example.com'] } }), layer: 'schema', path: 'w', field: `${POD}.dnsConfig.searches[1]`,
  },
  {
    name: 'DNS search domains longer than the resolver takes',
    build: pod({ dnsConfig: { searches: Array.from({ length: 30 }, (_, i) => `${'a'.repeat(60)}.zone${i}.lab.example.com`) } }),
    layer: 'schema', path: 'w', field: `${POD}.dnsConfig.searches`,
  },
  // Sysctls.
  {
    name: 'one sysctl set twice in a hand-written pod',
    build: pod({ securityContext: { ...POD_CONTEXT, sysctls: [{ name: 'net.ipv4.ping_group_range', value: '0 1000' }, { name: 'net.ipv4.ping_group_range', value: '0 2000' }] } }),
    layer: 'schema', path: 'w', field: `${POD}.securityContext.sysctls[1].name`,
  },
  // Block devices.
  {
    name: 'a block device of an emptyDir volume',
    build: w(podWithContainer({ volumeDevices: [{ name: 'scratch', devicePath: '/dev/xvdb' }] }, { volumes: [{ name: 'scratch', emptyDir: {} }] })),
    layer: 'schema', path: 'w', field: `${CONTAINER}.volumeDevices[0].name`,
  },
  {
    name: 'a claim attached as a block device and mounted as a file system by one container',
    build: withDisk(w(podWithContainer({ volumeDevices: [{ name: 'disk', devicePath: '/dev/xvdb' }], volumeMounts: [{ name: 'disk', mountPath: '/data' }] }, { volumes: [claimVolume] }))),
    layer: 'schema', path: 'w', field: `${CONTAINER}.volumeDevices[0].name`,
  },
];
