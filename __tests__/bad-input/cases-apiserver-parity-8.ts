import type { BadInput } from './cases';
import { besideWeb as w, goodContainer, goodDeployment, refusedAtW as at } from './lab';

// Scheduling gates, CSI drivers and volume handles, Job and CronJob selectors, Job success policies,
// ephemeral claim templates,
// PersistentVolume capacities, reclaim policies and node affinity, node selector requirements, pod affinity
// namespaces and StorageClass topologies that the API server refuses by its own Go validation
// (pkg/apis/core/validation, pkg/apis/batch/validation, pkg/apis/storage/validation) although their OpenAPI
// schema allows them: reported on the field the user wrote.

const POD = 'spec.template.spec';
const api = (pod: Record<string, unknown>) => w(goodDeployment('api', pod));
const POD_SECURITY = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
const jobPod = (labels: Record<string, string> = { app: 'backup' }) => ({
  metadata: { labels }, spec: { restartPolicy: 'Never', containers: [goodContainer({ name: 'backup' })], securityContext: POD_SECURITY },
});
const job = (spec: Record<string, unknown>) => w({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'backup', namespace: 'web' }, spec: { template: jobPod(), ...spec } });
const INDEXED = { completionMode: 'Indexed', completions: 4 };
const cronJob = (jobSpec: Record<string, unknown>) => w({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'backup', namespace: 'web' },
  spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: jobPod(), ...jobSpec } } },
});
const volume = (source: Record<string, unknown>) => api({ volumes: [{ name: 'scratch', ...source }] });
const CLAIM_SPEC = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } };
const pv = (spec: Record<string, unknown>) => w({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'media' },
  spec: { capacity: { storage: '100Gi' }, accessModes: ['ReadWriteMany'], storageClassName: '', ...spec },
});
const NFS_CSI = { driver: 'nfs.csi.k8s.io', volumeHandle: 'nas.lab.test#export#media' };
const ON_NODE = (expression: Record<string, unknown>) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [expression] }] } });
const PREFERRED = `${POD}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference`;
const preferring = (preference: Record<string, unknown>) => api({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference }] } } });
const storageClass = (allowedTopologies: unknown[]) => w({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'zoned' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer', allowedTopologies,
});
const ZONE = 'topology.kubernetes.io/zone';

export const CASES: BadInput[] = [
  // Scheduling gates (validateSchedulingGates).
  at('a scheduling gate listed twice', api({ schedulingGates: [{ name: 'lab.example/restore-done' }, { name: 'lab.example/restore-done' }] }), `${POD}.schedulingGates[1].name`, /once/),
  at('a scheduling gate name with a space', api({ schedulingGates: [{ name: 'restore done' }] }), `${POD}.schedulingGates[0].name`),
  // CSI drivers and volume handles (ValidateCSIDriverName, validateCSIPersistentVolumeSource).
  at('an inline CSI volume of no driver', volume({ csi: { driver: '' } }), `${POD}.volumes[0].csi.driver`, /csidrivers/),
  at('a PersistentVolume of a CSI driver with a space', pv({ csi: { ...NFS_CSI, driver: 'nfs csi' } }), 'spec.csi.driver'),
  at('a PersistentVolume of no CSI driver', pv({ csi: { ...NFS_CSI, driver: '' } }), 'spec.csi.driver'),
  at('a PersistentVolume of an empty CSI volume handle', pv({ csi: { ...NFS_CSI, volumeHandle: '' } }), 'spec.csi.volumeHandle'),
  // Job and CronJob selectors (ValidateJobSpec, ValidateJobTemplateSpec).
  at('a Job of manualSelector whose selector misses its pods', job({ manualSelector: true, selector: { matchLabels: { app: 'restore' } } }), 'spec.selector', /manualSelector/),
  at('a Job of manualSelector without a selector', job({ manualSelector: true }), 'spec.selector'),
  at('a CronJob whose jobTemplate has a selector', cronJob({ selector: { matchLabels: { app: 'backup' } } }), 'spec.jobTemplate.spec.selector'),
  at('a CronJob whose jobTemplate has manualSelector', cronJob({ manualSelector: true }), 'spec.jobTemplate.spec.manualSelector'),
  // Job success policies (validateJobSpec, validateSuccessPolicy).
  at('a success policy on a Job that is not Indexed', job({ completions: 3, successPolicy: { rules: [{ succeededCount: 1 }] } }), 'spec.successPolicy', /Indexed/),
  at('a success policy of no rule', job({ ...INDEXED, successPolicy: { rules: [] } }), 'spec.successPolicy.rules'),
  at('a success policy rule of neither a count nor indexes', job({ ...INDEXED, successPolicy: { rules: [{}] } }), 'spec.successPolicy.rules[0]'),
  at('a success policy on an index beyond the completions', job({ ...INDEXED, successPolicy: { rules: [{ succeededIndexes: '0,2-4' }] } }), 'spec.successPolicy.rules[0].succeededIndexes', /below 4/),
  at('a success policy on indexes out of order', job({ ...INDEXED, successPolicy: { rules: [{ succeededIndexes: '2,0' }] } }), 'spec.successPolicy.rules[0].succeededIndexes'),
  at('a success policy counting more indexes than it lists', job({ ...INDEXED, successPolicy: { rules: [{ succeededIndexes: '0-1', succeededCount: 3 }] } }), 'spec.successPolicy.rules[0].succeededCount'),
  at('a success policy counting more than the completions', job({ ...INDEXED, successPolicy: { rules: [{ succeededCount: 5 }] } }), 'spec.successPolicy.rules[0].succeededCount'),
  // Ephemeral volumes (ValidatePersistentVolumeClaimTemplate).
  at('an ephemeral volume whose claim template is named', volume({ ephemeral: { volumeClaimTemplate: { metadata: { name: 'scratch' }, spec: CLAIM_SPEC } } }),
    `${POD}.volumes[0].ephemeral.volumeClaimTemplate.metadata.name`, /<pod name>-<volume name>/),
  at('an ephemeral volume whose claim has no access mode', volume({ ephemeral: { volumeClaimTemplate: { spec: { resources: CLAIM_SPEC.resources } } } }),
    `${POD}.volumes[0].ephemeral.volumeClaimTemplate.spec.accessModes`),
  // PersistentVolumes (ValidatePersistentVolumeSpec, validateVolumeNodeAffinity).
  at('a PersistentVolume with a capacity of cpu', pv({ capacity: { storage: '100Gi', cpu: '1' }, csi: NFS_CSI }), 'spec.capacity.cpu'),
  at('a PersistentVolume of zero capacity', pv({ capacity: { storage: '0' }, csi: NFS_CSI }), 'spec.capacity.storage'),
  at('a PersistentVolume of the host\'s root folder, recycled', pv({ hostPath: { path: '/' }, persistentVolumeReclaimPolicy: 'Recycle' }), 'spec.persistentVolumeReclaimPolicy', /Retain/),
  at('a PersistentVolume of node affinity without required nodes', pv({ csi: NFS_CSI, nodeAffinity: {} }), 'spec.nodeAffinity.required'),
  at('a PersistentVolume on nodes In no values', pv({ csi: NFS_CSI, nodeAffinity: ON_NODE({ key: 'kubernetes.io/hostname', operator: 'In', values: [] }) }),
    'spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values'),
  // Node selector requirements (ValidateNodeSelectorRequirement, ValidateNodeFieldSelectorRequirement).
  at('a node preference Gt of two values', preferring({ matchExpressions: [{ key: 'lab.example/cores', operator: 'Gt', values: ['4', '8'] }] }), `${PREFERRED}.matchExpressions[0].values`, /one/),
  at('a node preference Exists with values', preferring({ matchExpressions: [{ key: 'nvidia.com/gpu.present', operator: 'Exists', values: ['true'] }] }), `${PREFERRED}.matchExpressions[0].values`),
  at('a node preference on a label key with a space', preferring({ matchExpressions: [{ key: 'gpu present', operator: 'Exists' }] }), `${PREFERRED}.matchExpressions[0].key`),
  at('a node preference on a field other than the node name', preferring({ matchFields: [{ key: 'metadata.namespace', operator: 'In', values: ['web'] }] }), `${PREFERRED}.matchFields[0].key`),
  at('a node preference on two node names in one field requirement', preferring({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['gpu1', 'arm1'] }] }), `${PREFERRED}.matchFields[0].values`),
  // Pod affinity namespaces (validatePodAffinityTerm).
  at('a pod anti-affinity term in a namespace of capitals', api({
    affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } }, namespaces: ['Web'] }] } },
  }), `${POD}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaces[0]`, /namespaceSelector/),
  // StorageClass topologies (validateAllowedTopologies).
  at('a StorageClass topology term with a key twice', storageClass([{ matchLabelExpressions: [{ key: ZONE, values: ['rack-1'] }, { key: ZONE, values: ['rack-2'] }] }]),
    'allowedTopologies[0].matchLabelExpressions[1].key', /merge/),
  at('a StorageClass topology value listed twice', storageClass([{ matchLabelExpressions: [{ key: ZONE, values: ['rack-1', 'rack-1'] }] }]), 'allowedTopologies[0].matchLabelExpressions[0].values[1]'),
  at('a StorageClass topology term listed twice', storageClass([
    { matchLabelExpressions: [{ key: ZONE, values: ['rack-1', 'rack-2'] }] }, { matchLabelExpressions: [{ key: ZONE, values: ['rack-2', 'rack-1'] }] },
  ]), 'allowedTopologies[1].matchLabelExpressions'),
];
