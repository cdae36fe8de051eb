import { goodContainer, goodDeployment, raw } from './bad-input/lab';
import { labErrors as errorsOf } from './support/lab-errors';

// Objects the API server takes beside the near misses it refuses: distinct scheduling gates, CSI drivers in
// any letter case, Jobs that choose a selector of their pods, Indexed Jobs, CronJobs that leave it to the API server,
// labelled ephemeral claim templates, PersistentVolumes of storage on required nodes, node selector
// requirements with the values their operators take, distinct StorageClass topologies, a claim limited
// below its request and a long termination message path (neither of which the API server checks).

const POD_SECURITY = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
const CLAIM_SPEC = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } };
const ON_GPU1 = { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['gpu1'] }] }] };

test('distinct scheduling gates, an inline CSI volume and a labelled ephemeral claim template are accepted', () => {
  expect(errorsOf((c) => raw(c, 'web', goodDeployment('web', {
    schedulingGates: [{ name: 'lab.example/restore-done' }, { name: 'lab.example/network-ready' }],
    volumes: [
      { name: 'share', csi: { driver: 'NFS.csi.k8s.io', volumeAttributes: { server: 'nas.lab.test', share: '/export/media' } } },
      { name: 'scratch', ephemeral: { volumeClaimTemplate: { metadata: { labels: { app: 'web' }, annotations: { 'lab.example/purpose': 'scratch' } }, spec: CLAIM_SPEC } } },
    ],
  })))).toEqual([]);
});

test('a Job whose manual selector selects its pods, an Indexed Job and a CronJob that leaves its selector to the API server are accepted', () => {
  const template = { metadata: { labels: { app: 'backup' } }, spec: { restartPolicy: 'Never', containers: [goodContainer({ name: 'backup' })], securityContext: POD_SECURITY } };
  expect(errorsOf((c) => {
    raw(c, 'job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'backup', namespace: 'web' }, spec: { manualSelector: true, selector: { matchLabels: { app: 'backup' } }, template } });
    raw(c, 'shards', {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'shards', namespace: 'web' },
      spec: { completionMode: 'Indexed', completions: 4, template },
    });
    raw(c, 'cron', {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'web' },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { manualSelector: false, template } } },
    });
  })).toEqual([]);
});

test('PersistentVolumes of storage alone on required nodes, node requirements with fitting values and distinct topologies are accepted', () => {
  expect(errorsOf((c) => {
    raw(c, 'pv', {
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'media' },
      spec: {
        capacity: { storage: '100Gi' }, accessModes: ['ReadWriteMany'], storageClassName: '', persistentVolumeReclaimPolicy: 'Retain',
        csi: { driver: 'nfs.csi.k8s.io', volumeHandle: 'nas.lab.test#export#media' }, nodeAffinity: { required: ON_GPU1 },
      },
    });
    raw(c, 'web', goodDeployment('web', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 50, preference: { matchExpressions: [{ key: 'lab.example/cores', operator: 'Gt', values: ['4'] }, { key: 'nvidia.com/gpu.present', operator: 'Exists' }] } },
            { weight: 10, preference: { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['gpu1'] }] } },
          ],
        },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } }, namespaces: ['web'] } }] },
      },
    }));
    raw(c, 'sc', {
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'zoned' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer',
      allowedTopologies: [
        { matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['rack-1'] }] },
        { matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['rack-1'] }, { key: 'kubernetes.io/hostname', values: ['gpu1'] }] },
      ],
    });
  })).toEqual([]);
});

test('a claim limited below its request and a termination message path of 5000 characters are accepted, as the API server takes them', () => {
  expect(errorsOf((c) => {
    raw(c, 'claim', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'web' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' }, limits: { storage: '1Gi' } } },
    });
    raw(c, 'web', goodDeployment('web', { containers: [goodContainer({ terminationMessagePath: `/tmp/${'m'.repeat(4995)}` })] }));
  })).toEqual([]);
});

test('a required node affinity term In no values is reported once, as the API server refuses it, and not judged for placement too', () => {
  expect(errorsOf((c) => raw(c, 'web', goodDeployment('web', {
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [] }] }] } } },
  })))).toEqual([expect.stringMatching(/nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.values: operator In needs at least one value/)]);
});
