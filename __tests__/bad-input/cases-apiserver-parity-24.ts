import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { widgetCrd } from './cases-apiserver-parity-19';
import { besideWeb, goodContainer, raw, refusedAtW as at } from './lab';

// What a strict server-side dry-run refuses beyond the rounds before: Job pod templates that give the labels
// the API server sets itself when it generates a Job's selector (generateSelector keeps a label the template
// gives, and validateGeneratedSelector then refuses it unless it is the Job's own UID or name), as a Job
// exported from a cluster carries them; a pod failure policy of more than 20 rules or a rule of more than 20
// pod conditions (validatePodFailurePolicy); and an EndpointSlice of more than 1000 endpoints or an endpoint of
// more than 100 addresses (validateEndpoints). And a custom resource beyond a bound its CRD makes exclusive in
// the OpenAPI 3.0 way (`exclusiveMinimum: true` beside `minimum`), and CRD schemas of a `$ref` (which the API
// server does not support) or a bound written as text, all of which crashed synthesis before.

const POD_SECURITY = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
/** A Job spec of one good container named backup, whose pods never restart and carry `labels`; `spec` adds to it. */
export const backupJobSpec = (spec: Record<string, unknown> = {}, labels?: Record<string, string>) => ({
  template: { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [goodContainer({ name: 'backup' })], securityContext: POD_SECURITY } },
  ...spec,
});
/** The Job `backup` of `backupJobSpec`, as the hand-written object `w` beside the good Deployment. */
export const backupJob = (spec: Record<string, unknown> = {}, labels?: Record<string, string>) =>
  besideWeb({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'backup', namespace: 'web' }, spec: backupJobSpec(spec, labels) });
/** The CronJob `backup` running the Job of `backupJobSpec` each night. */
export const backupCronJob = (labels: Record<string, string>) =>
  besideWeb({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'backup', namespace: 'web' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: backupJobSpec({}, labels) } } });

/** `count` rules of one action on exit codes 1, 2, … */
export const exitCodeRules = (count: number) => Array.from({ length: count }, (_, i) => ({ action: 'FailJob', onExitCodes: { operator: 'In', values: [i + 1] } }));
/** `count` pod condition patterns, of conditions named Cond0, Cond1, … */
export const conditionPatterns = (count: number) => Array.from({ length: count }, (_, i) => ({ type: `Cond${i}`, status: 'True' }));

/** The EndpointSlice `nas-1` of the Service nas, of `endpoints`. */
export const slice = (endpoints: unknown[]) => besideWeb({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
  metadata: { name: 'nas-1', namespace: 'web', labels: { 'kubernetes.io/service-name': 'nas' } },
  addressType: 'IPv4', endpoints, ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
});
/** `count` addresses of the block 10.0.0.0/16, from 10.0.1.1 on. */
export const addresses = (count: number) => Array.from({ length: count }, (_, i) => `10.0.${Math.floor(i / 250) + 1}.${(i % 250) + 1}`);

/** A cluster with the Widget CRD `widgets.lab.example` whose spec holds a field `x` of schema `x`, and a Widget `w` of `spec`. */
export const widgetOf = (x: Record<string, unknown>, spec: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'crd', widgetCrd({}, { schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { x } } } } } }));
  raw(c, 'w', { apiVersion: 'lab.example/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'web' }, spec });
};
/** A case of the hand-written CRD `crd` of `widgetOf`, which the schema layer refuses at `field`. */
const refusedCrd = (name: string, build: (c: ClusterChart) => void, field: RegExp, hint?: RegExp): BadInput => ({ name, build, layer: 'schema', path: 'crd', field, hint });

/**
 * A cluster with the Widget CRD `widgets.lab.example` whose spec holds a ratio above 0 (an exclusive minimum)
 * and a share of at most 100 (an inclusive maximum, said so), and a Widget `w` of `spec`.
 */
export const boundedWidget = (spec: Record<string, unknown>) => (c: ClusterChart) => {
  const bounded = { type: 'object', properties: {
    ratio: { type: 'number', minimum: 0, exclusiveMinimum: true },
    share: { type: 'integer', minimum: 0, maximum: 100, exclusiveMaximum: false },
  } };
  raw(c, 'crd', widgetCrd({}, { schema: { openAPIV3Schema: { type: 'object', properties: { spec: bounded } } } }));
  raw(c, 'w', { apiVersion: 'lab.example/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'web' }, spec });
};

const LABELS = 'spec.template.metadata.labels';

export const CASES: BadInput[] = [
  // The labels of a generated selector (generateSelector, validateGeneratedSelector).
  at('a Job template labelled with the UID of the Job it was exported from', backupJob({}, { 'batch.kubernetes.io/controller-uid': '5f1c2a7e-9d3b-4c1e-8a6f-0b2d4e6f8a1c' }),
    `${LABELS}.batch.kubernetes.io/controller-uid`, /drop the label batch\.kubernetes\.io\/controller-uid/),
  at('a Job template labelled with the legacy controller-uid', backupJob({}, { 'controller-uid': '5f1c2a7e-9d3b-4c1e-8a6f-0b2d4e6f8a1c' }), `${LABELS}.controller-uid`),
  at('a Job template labelled with another Job\'s name', backupJob({}, { 'job-name': 'backup-old' }), `${LABELS}.job-name`, /drop the label job-name/),
  at('a CronJob\'s Job template labelled with a Job name', backupCronJob({ 'batch.kubernetes.io/job-name': 'backup' }),
    `spec.jobTemplate.${LABELS}.batch.kubernetes.io/job-name`, /the API server sets it/),
  // Pod failure policies (validatePodFailurePolicy).
  at('a pod failure policy of 21 rules', backupJob({ podFailurePolicy: { rules: exitCodeRules(21) } }), 'spec.podFailurePolicy.rules', /255 codes/),
  at('a pod failure rule on 21 pod conditions', backupJob({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: conditionPatterns(21) }] } }),
    'spec.podFailurePolicy.rules[0].onPodConditions', /two rules/),
  // EndpointSlices (validateEndpoints).
  at('an EndpointSlice of 1001 endpoints', slice(addresses(1001).map((address) => ({ addresses: [address] }))), 'endpoints', /several EndpointSlices/),
  at('an EndpointSlice endpoint of 101 addresses', slice([{ addresses: addresses(101) }]), 'endpoints[0].addresses', /endpoint of its own/),
  // Bounds of OpenAPI 3.0 in a CRD's schema.
  at('a Widget ratio at the exclusive minimum of its CRD', boundedWidget({ ratio: 0 }), 'spec.ratio'),
  at('a Widget share above the inclusive maximum of its CRD', boundedWidget({ share: 101 }), 'spec.share'),
  refusedCrd('a CRD schema field given by $ref', widgetOf({ $ref: '#/definitions/count' }, { x: 1 }), /properties\[x\]\.\$ref$/, /written out where it is used/),
  refusedCrd('a CRD schema minimum written as text', widgetOf({ type: 'integer', minimum: '1' }, { x: 1 }), /properties\.spec\.properties\.x\.minimum$/),
  refusedCrd('a CRD schema field of type text', widgetOf({ type: 'text' }, { x: 'a' }), /properties\[x\]\.type$/, /type: string/),
  refusedCrd('a CRD schema field given a list of types, as JSON schema writes a nullable one', widgetOf({ type: ['string', 'null'] }, { x: 'a' }), /properties\[x\]\.type$/, /type: string with nullable: true/),
];
