import { goodContainer, goodDeployment, raw } from './bad-input/lab';
import { Build, dayTwo } from './support/day-two';

// Updates the API server refuses of the kinds whose fields it keeps for their life (ValidatePriorityClassUpdate,
// ValidateRuntimeClassUpdate, ValidateResourceQuotaUpdate, ValidatePodUpdate): one warning on the field, and
// the delete that makes way; the changes it takes pass without a word.

const rawObject = (manifest: Record<string, unknown>): Build => (cluster) => {
  raw(cluster, 'object', manifest);
};
const priorityClass = (value: number, preemptionPolicy?: string, description = 'batch jobs') => rawObject({
  apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'batch' }, value, description, ...(preemptionPolicy ? { preemptionPolicy } : {}),
});
const runtimeClass = (handler: string) => rawObject({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler });
const quota = (scopes?: string[], pods = '10') => rawObject({
  apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'jobs', namespace: 'web' }, spec: { hard: { pods }, ...(scopes ? { scopes } : {}) },
});
/** A bare Pod `tools` of the good container with `container` laid over it, and `pod` over its spec. */
const pod = (container: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => rawObject({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'tools', namespace: 'web', labels: { app: 'tools' } },
  spec: { ...(goodDeployment() as any).spec.template.spec, containers: [goodContainer(container)], ...spec },
});
const TOLERATION = { key: 'dedicated', operator: 'Equal', value: 'registry', effect: 'NoSchedule' };

test.each<[string, Build, Build, string, RegExp]>([
  ['a bare Pod given a variable', pod(), pod({ env: [{ name: 'LOG_LEVEL', value: 'debug' }] }), 'spec.containers', /^kubectl -n web delete pod tools$/],
  ['a bare Pod that loses a toleration', pod({}, { tolerations: [TOLERATION] }), pod(), 'spec.tolerations', /^kubectl -n web delete pod tools$/],
  ['a PriorityClass given another value', priorityClass(1000), priorityClass(2000), 'value', /^kubectl delete priorityclass batch$/],
  ['a PriorityClass that stops preempting', priorityClass(1000), priorityClass(1000, 'Never'), 'preemptionPolicy', /^kubectl delete priorityclass batch$/],
  ['a RuntimeClass given another handler', runtimeClass('runsc'), runtimeClass('kata'), 'handler', /^kubectl delete runtimeclass gvisor$/],
  ['a ResourceQuota given a scope', quota(), quota(['Terminating']), 'spec.scopes', /^kubectl -n web delete resourcequota jobs$/],
])('%s: one warning on the field, and the delete that makes way', (_name, before, after, field, command) => {
  const { warnings, actions } = dayTwo(before, after);
  expect(warnings).toEqual([expect.objectContaining({ severity: 'warning', field })]);
  expect(actions.map((a) => a.command)).toEqual([expect.stringMatching(command)]);
});

test.each<[string, Build, Build]>([
  ['a PriorityClass given its default policy by name, and another description', priorityClass(1000), priorityClass(1000, 'PreemptLowerPriority', 'nightly jobs')],
  ['a bare Pod given another image, a toleration and a deadline', pod(),
    pod({ image: 'nginxinc/nginx-unprivileged:1.27.1' }, { tolerations: [TOLERATION], activeDeadlineSeconds: 3600 })],
  ['a ResourceQuota with its scopes in another order and a new limit', quota(['Terminating', 'BestEffort']), quota(['BestEffort', 'Terminating'], '20')],
])('%s passes without a word', (_name, before, after) => {
  const { warnings, actions } = dayTwo(before, after);
  expect(warnings).toEqual([]);
  expect(actions).toEqual([]);
});
