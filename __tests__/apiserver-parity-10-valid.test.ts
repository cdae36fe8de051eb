import { goodContainer, goodDeployment, raw } from './bad-input/lab';
import { labErrors as errorsOf } from './support/lab-errors';
import { schemasMissing, testWhen } from './support/shared';

// Admission configuration the API server takes beside the near misses it refuses: every failure, match and
// reinvocation policy, the operation and scope wildcards beside each named operation and scope, AppArmor
// profiles of each known type, quota scope selectors of each operator, and policy parameters named or selected, with both actions when missing.

const hook = (name: string, extra: Record<string, unknown>) => ({
  name, sideEffects: 'None', admissionReviewVersions: ['v1'], clientConfig: { service: { namespace: 'web', name: 'policy-webhook', path: '/' } }, ...extra,
});

test('every failure, match and reinvocation policy, operation and scope of a webhook the API server takes is accepted', () => {
  expect(errorsOf((c) => {
    raw(c, 'mutating', {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'pods.lab.example' },
      webhooks: [
        hook('mutate.pods.lab.example', {
          failurePolicy: 'Ignore', matchPolicy: 'Exact', reinvocationPolicy: 'IfNeeded',
          rules: [{ operations: ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: 'Namespaced' }],
        }),
        hook('default.pods.lab.example', { failurePolicy: 'Fail', matchPolicy: 'Equivalent', reinvocationPolicy: 'Never', rules: [{ operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], scope: '*' }] }),
      ],
    });
    raw(c, 'validating', {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'nodes.lab.example' },
      webhooks: [hook('validate.nodes.lab.example', { failurePolicy: 'Ignore', matchPolicy: 'Equivalent', rules: [{ operations: ['UPDATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['nodes'], scope: 'Cluster' }] })],
    });
  })).toEqual([]);
});

test('admission policies failing open with either match policy and bindings naming or selecting their parameters, of either action on a missing one, are accepted', () => {
  expect(errorsOf((c) => {
    raw(c, 'policy', {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'replica-limit' },
      spec: {
        failurePolicy: 'Ignore', validations: [{ expression: 'object.spec.replicas <= 5' }],
        paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
        matchConstraints: { matchPolicy: 'Exact', resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['*'], resources: ['deployments'], scope: 'Namespaced' }] },
      },
    });
    for (const action of ['Allow', 'Deny']) {
      raw(c, `binding-${action}`, {
        apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: `replica-limit-${action.toLowerCase()}` },
        spec: { policyName: 'replica-limit', validationActions: ['Deny'], paramRef: { name: 'limits', namespace: 'web', parameterNotFoundAction: action } },
      });
    }
    raw(c, 'binding-selected', {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'replica-limit-selected' },
      spec: { policyName: 'replica-limit', validationActions: ['Deny'], paramRef: { selector: { matchLabels: { policy: 'replica-limit' } }, parameterNotFoundAction: 'Deny' } },
    });
  })).toEqual([]);
});

const SECURE = { allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };

test('AppArmor profiles of the runtime\'s default and of a profile loaded on the node are accepted', () => {
  expect(errorsOf((c) => raw(c, 'web', goodDeployment('web', {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'RuntimeDefault' } },
    containers: [goodContainer({ securityContext: { ...SECURE, appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-web' } } })],
  })))).toEqual([]);
});

// The allowed values of these fields are the schema layer's: without the upstream schemas they are not judged.
const withSchemas = testWhen(schemasMissing());

withSchemas('a profile of an unknown type with a localhostProfile is one mistake, reported once on its type', () => {
  const errors = errorsOf((c) => raw(c, 'web', goodDeployment('web', {
    containers: [goodContainer({ securityContext: { ...SECURE, seccompProfile: { type: 'localhost', localhostProfile: 'profiles/web.json' }, appArmorProfile: { type: 'localhost', localhostProfile: 'k8s-web' } } })],
  })));
  expect(errors.map((error) => error.replace(/:.*/, '')).sort()).toEqual([
    'main/web spec.template.spec.containers[0].securityContext.appArmorProfile.type',
    'main/web spec.template.spec.containers[0].securityContext.seccompProfile.type',
  ]);
});

withSchemas('quota scope selectors of every operator the API server takes are accepted, and an unknown operator on an Exists-only scope is one error', () => {
  const quota = (id: string, expressions: Array<Record<string, unknown>>) => (c: Parameters<typeof raw>[0]) => raw(c, id, {
    apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: id, namespace: 'web' }, spec: { hard: { pods: '10' }, scopeSelector: { matchExpressions: expressions } },
  });
  expect(errorsOf(quota('priority', [
    { scopeName: 'PriorityClass', operator: 'In', values: ['high'] }, { scopeName: 'Terminating', operator: 'Exists' },
  ]))).toEqual([]);
  expect(errorsOf(quota('not-low', [{ scopeName: 'PriorityClass', operator: 'NotIn', values: ['low'] }]))).toEqual([]);
  expect(errorsOf(quota('classless', [{ scopeName: 'PriorityClass', operator: 'DoesNotExist' }]))).toEqual([]);
  expect(errorsOf(quota('best-effort', [{ scopeName: 'BestEffort', operator: 'exists' }])).map((error) => error.replace(/:.*/, ''))).toEqual([
    'main/best-effort spec.scopeSelector.matchExpressions[0].operator',
  ]);
});
