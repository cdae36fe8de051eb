import { ApiObject, JsonPatch } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, goodDeployment, guarded, labApp, podWithContainer, raw } from './lab';

// Pod and workload fields the API server refuses by its own Go validation (ValidatePodSpec and friends)
// although the schema allows them: reported on the field the user wrote.

const POD = 'spec.template.spec';
const w = (manifest: Record<string, unknown>) => (c: ClusterChart) => raw(c, 'w', manifest);
const pod = (spec: Record<string, unknown>) => w(goodDeployment('web', spec));
const POD_CONTEXT = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
const CONTAINER_CONTEXT = { allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };
const NODE_AFFINITY = `${POD}.affinity.nodeAffinity`;
const byHost = { labelSelector: { matchLabels: { app: 'web' } } };
const spread = (whenUnsatisfiable: string) => ({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable, ...byHost });
const resourceEnv = (resourceFieldRef: Record<string, unknown>) => ({ env: [{ name: 'LIMIT', valueFrom: { resourceFieldRef } }] });

export const CASES: BadInput[] = [
  // Affinity and spreading.
  {
    name: 'a required node affinity without node selector terms',
    build: pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } }),
    layer: 'schema', path: 'w', field: `${NODE_AFFINITY}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`,
  },
  {
    name: 'a preferred node affinity term of weight 0',
    build: pod({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] } }] } } }),
    layer: 'schema', path: 'w', field: `${NODE_AFFINITY}.preferredDuringSchedulingIgnoredDuringExecution[0].weight`,
  },
  {
    name: 'a preferred pod anti-affinity term of weight 101',
    build: pod({ affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', ...byHost } }] } } }),
    layer: 'schema', path: 'w', field: `${POD}.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight`,
  },
  {
    name: 'a required pod anti-affinity term with an empty topology key',
    build: pod({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: '', ...byHost }] } } }),
    layer: 'schema', path: 'w', field: `${POD}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey`,
  },
  {
    name: 'a preferred pod affinity term with an empty topology key',
    build: pod({ affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: '', ...byHost } }] } } }),
    layer: 'schema', path: 'w', field: `${POD}.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey`,
  },
  {
    name: 'two spread constraints on one topology key and action',
    build: pod({ topologySpreadConstraints: [spread('DoNotSchedule'), { ...spread('DoNotSchedule'), maxSkew: 2 }] }),
    layer: 'schema', path: 'w', field: `${POD}.topologySpreadConstraints[1]`,
  },
  // DNS, names and gates.
  { name: 'a DNS resolver option without a name', build: pod({ dnsConfig: { options: [{ value: '2' }] } }), layer: 'schema', path: 'w', field: `${POD}.dnsConfig.options[0].name` },
  {
    name: 'a node name in upper case',
    build: pod({ nodeName: 'NUC' }), layer: 'schema', path: 'w', field: `${POD}.nodeName`,
  },
  {
    name: 'a node name in upper case set by a JSON patch of an app',
    build: (c) => ApiObject.of(labApp('web')(c).node.findChild('deployment')).addJsonPatch(JsonPatch.add('/spec/template/spec/nodeName', 'Gpu1')),
    layer: 'schema', path: 'web/deployment', field: `${POD}.nodeName`,
  },
  {
    name: 'a readiness gate whose condition type has a space',
    build: pod({ readinessGates: [{ conditionType: 'web ready' }] }), layer: 'schema', path: 'w', field: `${POD}.readinessGates[0].conditionType`,
  },
  // Container restart policies.
  {
    name: 'a restart policy on a regular container',
    build: w(podWithContainer({ restartPolicy: 'Always' })), layer: 'schema', path: 'w', field: `${CONTAINER}.restartPolicy`,
  },
  // AppArmor profiles whose type and localhostProfile disagree.
  {
    name: 'a Localhost AppArmor profile of the pod without its name',
    build: pod({ securityContext: { ...POD_CONTEXT, appArmorProfile: { type: 'Localhost' } } }),
    layer: 'schema', path: 'w', field: `${POD}.securityContext.appArmorProfile.localhostProfile`,
  },
  {
    name: 'an AppArmor profile name beside type RuntimeDefault on a container',
    build: w(podWithContainer({ securityContext: { ...CONTAINER_CONTEXT, appArmorProfile: { type: 'RuntimeDefault', localhostProfile: 'k8s-web' } } })),
    layer: 'schema', path: 'w', field: `${CONTAINER}.securityContext.appArmorProfile.localhostProfile`,
  },
  {
    name: 'a Localhost AppArmor profile of a container with a blank name',
    build: w(podWithContainer({ securityContext: { ...CONTAINER_CONTEXT, appArmorProfile: { type: 'Localhost', localhostProfile: ' ' } } })),
    layer: 'schema', path: 'w', field: `${CONTAINER}.securityContext.appArmorProfile.localhostProfile`,
  },
  // Resources read through the downward API.
  {
    name: 'an env var reading a resource the downward API does not give',
    build: w(podWithContainer(resourceEnv({ resource: 'limits.gpu' }))), layer: 'schema', path: 'w', field: `${CONTAINER}.env[0].valueFrom.resourceFieldRef.resource`,
  },
  {
    name: 'an env var reading CPU with a memory divisor',
    build: w(podWithContainer(resourceEnv({ resource: 'limits.cpu', divisor: '1Mi' }))), layer: 'schema', path: 'w', field: `${CONTAINER}.env[0].valueFrom.resourceFieldRef.divisor`,
  },
  // Quantities below zero, and claims of no storage.
  {
    name: 'a negative ephemeral-storage request',
    build: w(podWithContainer({ resources: { requests: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '-1Gi' }, limits: { memory: '128Mi' } } })),
    layer: 'schema', path: 'w', field: `${CONTAINER}.resources.requests.ephemeral-storage`,
  },
  {
    name: 'an emptyDir with a negative size limit',
    build: pod({ volumes: [{ name: 'cache', emptyDir: { sizeLimit: '-1Gi' } }] }), layer: 'schema', path: 'w', field: `${POD}.volumes[0].emptyDir.sizeLimit`,
  },
  {
    name: 'an ephemeral volume whose claim asks for no storage',
    build: pod({ volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '0' } } } } } }] }),
    layer: 'schema', path: 'w', field: `${POD}.volumes[0].ephemeral.volumeClaimTemplate.spec.resources.requests.storage`,
  },
  {
    name: 'a hand-written claim of no storage',
    build: w({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'web' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '0Gi' } } } }),
    layer: 'schema', path: 'w', field: 'spec.resources.requests.storage',
  },
  // Sysctl names that are none: one error for the name, not the policy's.
  {
    name: 'a sysctl name in upper case in a hand-written pod',
    build: pod({ securityContext: { ...POD_CONTEXT, sysctls: [{ name: 'Net.ipv4.ip_forward', value: '1' }] } }),
    layer: 'schema', path: 'w', field: `${POD}.securityContext.sysctls[0].name`,
  },
  {
    name: 'a sysctl name with an empty part in a hand-written pod',
    build: pod({ securityContext: { ...POD_CONTEXT, sysctls: [{ name: 'net..ipv4.ping_group_range', value: '0 1000' }] } }),
    layer: 'schema', path: 'w', field: `${POD}.securityContext.sysctls[0].name`,
  },
  {
    name: 'an app sysctl name in upper case',
    build: guarded(labApp('web', { sysctls: { 'Net.ipv4.ping_group_range': '0 1000' } })),
    layer: 'props', path: 'web', field: 'sysctls.Net.ipv4.ping_group_range', hint: /net\.ipv4\.ping_group_range/,
  },
];
