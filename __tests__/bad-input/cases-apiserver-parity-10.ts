import type { BadInput } from './cases';
import { besideWeb as w, goodContainer, goodDeployment, refusedAtW as at } from './lab';

// AppArmor profiles of a type the runtime does not know, quota scope selector operators, webhooks, their rules and admission policies of
// failure, match and reinvocation policies, operations, scopes and missing-parameter actions the OpenAPI
// schema names only in prose, and policy bindings that name and select their parameters or leave out
// what a missing one does: refused by the API server's own validation (validateAppArmorProfileField,
// ValidateValidatingWebhookConfiguration, ValidateMutatingWebhookConfiguration,
// ValidateValidatingAdmissionPolicy(Binding)) although the schema allows them,
// reported on the field the user wrote.

const HOOK = {
  name: 'validate.pods.lab.example', sideEffects: 'None', admissionReviewVersions: ['v1'],
  clientConfig: { service: { namespace: 'web', name: 'policy-webhook', path: '/validate-pods' } },
  rules: [{ operations: ['CREATE', 'UPDATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
};
const webhook = (kind: 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration', hook: Record<string, unknown>) => w({
  apiVersion: 'admissionregistration.k8s.io/v1', kind, metadata: { name: 'pods.lab.example' }, webhooks: [{ ...HOOK, ...hook }],
});
const validating = (hook: Record<string, unknown>) => webhook('ValidatingWebhookConfiguration', hook);
const mutating = (hook: Record<string, unknown>) => webhook('MutatingWebhookConfiguration', hook);
const RULE = { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] };
const policy = (spec: Record<string, unknown>) => w({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'replica-limit' },
  spec: { failurePolicy: 'Fail', validations: [{ expression: 'object.spec.replicas <= 5' }], matchConstraints: { resourceRules: [RULE] }, ...spec },
});
const binding = (spec: Record<string, unknown>) => w({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'replica-limit' },
  spec: { policyName: 'replica-limit', validationActions: ['Deny'], ...spec },
});
const quota = (expression: Record<string, unknown>) => w({
  apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'web', namespace: 'web' }, spec: { hard: { pods: '10' }, scopeSelector: { matchExpressions: [expression] } },
});
const POD = 'spec.template.spec';
const SECURE = { allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };
const api = (pod: Record<string, unknown>) => w(goodDeployment('api', pod));

export const CASES: BadInput[] = [
  // AppArmor profiles (validateAppArmorProfileField).
  at('a pod AppArmor profile of the annotation\'s spelling', api({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'runtime/default' } } }),
    `${POD}.securityContext.appArmorProfile.type`),
  at('a container AppArmor profile of type localhost', api({ containers: [goodContainer({ securityContext: { ...SECURE, appArmorProfile: { type: 'localhost', localhostProfile: 'k8s-web' } } })] }),
    `${POD}.containers[0].securityContext.appArmorProfile.type`),
  // Quota scope selectors (validateScopedResourceSelectorRequirement).
  at('a quota scope selector of the operator Equals', quota({ scopeName: 'PriorityClass', operator: 'Equals', values: ['high'] }), 'spec.scopeSelector.matchExpressions[0].operator'),
  // Webhooks (validateWebhook, validateRuleWithOperations, validateRule).
  at('a webhook failure policy in lower case', validating({ failurePolicy: 'fail' }), 'webhooks[0].failurePolicy'),
  at('a webhook match policy of Equal', validating({ matchPolicy: 'Equal' }), 'webhooks[0].matchPolicy'),
  at('a mutating webhook reinvoked Always', mutating({ reinvocationPolicy: 'Always' }), 'webhooks[0].reinvocationPolicy'),
  at('a webhook rule of the operation PATCH', validating({ rules: [{ ...HOOK.rules[0], operations: ['CREATE', 'PATCH'] }] }), 'webhooks[0].rules[0].operations[1]'),
  at('a webhook rule scoped to Namespace', validating({ rules: [{ ...HOOK.rules[0], scope: 'Namespace' }] }), 'webhooks[0].rules[0].scope'),
  // Admission policies and their bindings (validateValidatingAdmissionPolicySpec, validateParamRef).
  at('an admission policy failure policy of Deny', policy({ failurePolicy: 'Deny' }), 'spec.failurePolicy'),
  at('an admission policy rule of the operation delete', policy({ matchConstraints: { resourceRules: [{ ...RULE, operations: ['delete'] }] } }),
    'spec.matchConstraints.resourceRules[0].operations[0]'),
  at('an admission policy match policy in lower case', policy({ matchConstraints: { resourceRules: [RULE], matchPolicy: 'exact' } }), 'spec.matchConstraints.matchPolicy'),
  at('an admission policy binding that rejects a missing parameter', binding({ paramRef: { name: 'limits', namespace: 'web', parameterNotFoundAction: 'Reject' } }),
    'spec.paramRef.parameterNotFoundAction'),
  at('an admission policy binding that does not say what a missing parameter does', binding({ paramRef: { name: 'limits', namespace: 'web' } }),
    'spec.paramRef.parameterNotFoundAction', /Deny/),
  at('an admission policy binding that names and selects its parameters', binding({ paramRef: { name: 'limits', selector: { matchLabels: { policy: 'replica-limit' } }, parameterNotFoundAction: 'Deny' } }),
    'spec.paramRef.name', /selector/),
];
