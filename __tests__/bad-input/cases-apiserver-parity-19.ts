import { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, goodContainer, goodDeployment, raw, refusedAtW } from './lab';

// A reference to a Secret or ConfigMap that names none: the schema leaves the name optional, but the API server
// refuses a secret or configMap volume, a key selector of an env var and an envFrom entry without it. A
// DaemonSet whose rolling update surges beside a maxUnavailable above 0 (the default 1 where it is left out),
// or surges by more than 100 %. And a CustomResourceDefinition written by hand that the API server refuses
// beyond its schema: a group without a dot, a scope of neither kind, a version named in capitals or without
// a schema, names that are no RFC 1035 labels, a list kind that is the kind, printer columns of an unknown type
// or a path not from the root, a scale subresource outside .spec and .status, a deprecation warning of a version
// not deprecated, conversion settings of another strategy, and a schema that is not structural (a field without a
// type, an array without items, properties beside additionalProperties, metadata beyond name, a branch of oneOf
// with a description) or that the API server refuses as it is (uniqueItems, a map list without keys, a default
// of another type or outside the enum).

const POD = 'spec.template.spec';
const w = (manifest: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'w', manifest);
};

/** The good Deployment whose container mounts the volume `config` of `source` at /etc/lab. */
export function mountedVolume(source: Record<string, unknown>): Record<string, unknown> {
  return goodDeployment('web', {
    containers: [goodContainer({ volumeMounts: [{ name: 'config', mountPath: '/etc/lab', readOnly: true }] })],
    volumes: [{ name: 'config', ...source }],
  });
}

/** A DaemonSet `agent` of the good pod, whose rolling update is `rollingUpdate`. */
export function agentDaemonSet(rollingUpdate: Record<string, unknown>): Record<string, unknown> {
  const template = (goodDeployment('agent') as any).spec.template;
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'web' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template, updateStrategy: { type: 'RollingUpdate', rollingUpdate } },
  };
}

/** A CustomResourceDefinition of widgets in lab.example, its `spec` and first version's fields laid over the defaults. */
export function widgetCrd(spec: Record<string, unknown> = {}, version: Record<string, unknown> = {}, name = 'widgets.lab.example'): Record<string, unknown> {
  return {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name },
    spec: {
      group: 'lab.example', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets' },
      versions: [{
        name: 'v1', served: true, storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { replicas: { type: 'integer' } } }, status: { type: 'object', properties: { replicas: { type: 'integer' } } } } } },
        ...version,
      }],
      ...spec,
    },
  };
}

/** The widget CRD whose version's schema is `spec` under the root's `spec` field. */
export const widgetSpecSchema = (spec: Record<string, unknown>): Record<string, unknown> =>
  widgetCrd({}, { schema: { openAPIV3Schema: { type: 'object', properties: { spec } } } });

const crd = (name: string, spec: Record<string, unknown>, version: Record<string, unknown>, field: string, hint?: RegExp, crdName?: string): BadInput =>
  refusedAtW(name, w(widgetCrd(spec, version, crdName)), field, hint);
const V0 = 'spec.versions[0]';
const SCHEMA = `${V0}.schema.openAPIV3Schema`;
const SCALE = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' };

export const CASES: BadInput[] = [
  refusedAtW('a secret volume that names no Secret', w(mountedVolume({ secret: { optional: true } })), `${POD}.volumes[0].secret.secretName`, /give secretName/),
  refusedAtW('a configMap volume that names no ConfigMap', w(mountedVolume({ configMap: { optional: true } })), `${POD}.volumes[0].configMap.name`, /give name/),
  refusedAtW('an env var read from a key of no Secret', w(goodDeployment('web', {
    containers: [goodContainer({ env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { key: 'token', optional: true } } }] })],
  })), `${CONTAINER}.env[0].valueFrom.secretKeyRef.name`, /the name of the Secret/),
  refusedAtW('an envFrom entry of no ConfigMap', w(goodDeployment('web', {
    containers: [goodContainer({ envFrom: [{ configMapRef: { optional: true } }] })],
  })), `${CONTAINER}.envFrom[0].configMapRef.name`, /the name of the ConfigMap/),
  refusedAtW('a DaemonSet that surges beside the default maxUnavailable', w(agentDaemonSet({ maxSurge: 1 })), 'spec.updateStrategy.rollingUpdate.maxSurge', /maxUnavailable: 0/),
  refusedAtW('a DaemonSet that surges and takes pods down at once', w(agentDaemonSet({ maxSurge: '10%', maxUnavailable: '10%' })), 'spec.updateStrategy.rollingUpdate.maxSurge', /leave maxSurge out/),
  refusedAtW('a DaemonSet that surges by more than all its pods', w(agentDaemonSet({ maxSurge: '150%', maxUnavailable: 0 })), 'spec.updateStrategy.rollingUpdate.maxSurge', /0–100%/),
  crd('a CustomResourceDefinition of a group without a dot', { group: 'lab' }, {}, 'spec.group', /lab\.lab\.example/, 'widgets.lab'),
  crd('a CustomResourceDefinition of a scope of neither kind', { scope: 'Global' }, {}, 'spec.scope', /Namespaced|Cluster/),
  crd('a CustomResourceDefinition version named in capitals', {}, { name: 'V1' }, `${V0}.name`, /v1beta1/),
  crd('a CustomResourceDefinition version without a schema', {}, { schema: undefined }, `${V0}.schema.openAPIV3Schema`, /openAPIV3Schema/),
  crd('a CustomResourceDefinition whose list kind is the kind', { names: { kind: 'Widget', plural: 'widgets', listKind: 'Widget' } }, {}, 'spec.names.listKind', /WidgetList/),
  crd('a CustomResourceDefinition short name in capitals', { names: { kind: 'Widget', plural: 'widgets', shortNames: ['WG'] } }, {}, 'spec.names.shortNames[0]', /lower case/),
  crd('a CustomResourceDefinition kind with a dot', { names: { kind: 'Lab.Widget', plural: 'widgets' } }, {}, 'spec.names.kind', /starting with a letter/),
  crd('a printer column of a type the API server has not', {}, { additionalPrinterColumns: [{ name: 'Replicas', type: 'int', jsonPath: '.spec.replicas' }] },
    `${V0}.additionalPrinterColumns[0].type`, /integer/),
  crd('a printer column whose path does not start at the root', {}, { additionalPrinterColumns: [{ name: 'Replicas', type: 'integer', jsonPath: 'spec.replicas' }] },
    `${V0}.additionalPrinterColumns[0].jsonPath`, /\.spec\.replicas/),
  crd('a scale subresource that reads the wanted replicas from status', {}, { subresources: { scale: { ...SCALE, specReplicasPath: '.status.replicas' } } },
    `${V0}.subresources.scale.specReplicasPath`, /\.spec\.replicas/),
  crd('a scale subresource without the running replicas', {}, { subresources: { scale: { specReplicasPath: '.spec.replicas' } } },
    `${V0}.subresources.scale.statusReplicasPath`, /\.status\.replicas/),
  crd('a deprecation warning of a version not deprecated', {}, { deprecationWarning: 'use lab.example/v2' }, `${V0}.deprecationWarning`, /deprecated: true/),
  crd('a conversion of strategy None with a webhook', { conversion: { strategy: 'None', webhook: { conversionReviewVersions: ['v1'] } } }, {}, 'spec.conversion.webhook', /strategy: Webhook/),
  crd('a conversion webhook of a url and a service', {
    conversion: { strategy: 'Webhook', webhook: { clientConfig: { url: 'https://convert.lab.example/convert', service: { name: 'convert', namespace: 'web' } }, conversionReviewVersions: ['v1'] } },
  }, {}, 'spec.conversion.webhook.clientConfig', /service/),
  crd('a conversion webhook of no ConversionReview version the API server sends', {
    conversion: { strategy: 'Webhook', webhook: { clientConfig: { service: { name: 'convert', namespace: 'web', path: '/convert' } }, conversionReviewVersions: ['v2'] } },
  }, {}, 'spec.conversion.webhook.conversionReviewVersions', /\[v1\]/),
  refusedAtW('a CRD schema field without a type', w(widgetSpecSchema({ properties: { replicas: { type: 'integer' } } })),
    `${SCHEMA}.properties[spec].type`, /x-kubernetes-preserve-unknown-fields: true/),
  refusedAtW('a CRD schema whose root is no object', w(widgetCrd({}, { schema: { openAPIV3Schema: { type: 'string' } } })), `${SCHEMA}.type`, /type: object/),
  refusedAtW('a CRD schema array without items', w(widgetSpecSchema({ type: 'object', properties: { tags: { type: 'array' } } })),
    `${SCHEMA}.properties[spec].properties[tags].items`, /items: \{ type: string \}/),
  refusedAtW('a CRD schema object of properties and additionalProperties', w(widgetSpecSchema({ type: 'object', properties: { replicas: { type: 'integer' } }, additionalProperties: { type: 'string' } })),
    `${SCHEMA}.properties[spec].additionalProperties`, /a map of any keys/),
  refusedAtW('a CRD schema that restricts the labels of metadata', w(widgetCrd({}, { schema: { openAPIV3Schema: { type: 'object', properties: { metadata: { type: 'object', properties: { labels: { type: 'object' } } } } } } })),
    `${SCHEMA}.properties[metadata]`, /checks an object's metadata itself/),
  refusedAtW('a CRD schema whose oneOf branch has a description', w(widgetSpecSchema({
    type: 'object', properties: { url: { type: 'string' }, service: { type: 'string' } }, oneOf: [{ required: ['url'], description: 'by URL' }, { required: ['service'] }],
  })), `${SCHEMA}.properties[spec].oneOf[0].description`, /keep only the restriction/),
  refusedAtW('a CRD schema list of unique items', w(widgetSpecSchema({ type: 'object', properties: { tags: { type: 'array', uniqueItems: true, items: { type: 'string' } } } })),
    `${SCHEMA}.properties[spec].properties[tags].uniqueItems`, /x-kubernetes-list-type: set/),
  refusedAtW('a CRD schema map list without keys', w(widgetSpecSchema({
    type: 'object', properties: { ports: { type: 'array', 'x-kubernetes-list-type': 'map', items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } },
  })), `${SCHEMA}.properties[spec].properties[ports].x-kubernetes-list-map-keys`, /\[name\]/),
  refusedAtW('a CRD schema default of a number written as text', w(widgetSpecSchema({ type: 'object', properties: { replicas: { type: 'integer', default: '1' } } })),
    `${SCHEMA}.properties[spec].properties[replicas].default`, /1 without quotes/),
  refusedAtW('a CRD schema default outside its enum', w(widgetSpecSchema({ type: 'object', properties: { mode: { type: 'string', enum: ['fast', 'safe'], default: 'quick' } } })),
    `${SCHEMA}.properties[spec].properties[mode].default`, /one of the enum/),
  refusedAtW('a CRD schema list type on a string', w(widgetSpecSchema({ type: 'object', properties: { mode: { type: 'string', 'x-kubernetes-list-type': 'atomic' } } })),
    `${SCHEMA}.properties[spec].properties[mode].x-kubernetes-list-type`, /type: array/),
  refusedAtW('a CRD schema map type other than atomic or granular', w(widgetSpecSchema({ type: 'object', properties: { labels: { type: 'object', additionalProperties: { type: 'string' }, 'x-kubernetes-map-type': 'set' } } })),
    `${SCHEMA}.properties[spec].properties[labels].x-kubernetes-map-type`, /atomic/),
  refusedAtW('a CRD schema that keeps unknown fields false', w(widgetSpecSchema({ type: 'object', 'x-kubernetes-preserve-unknown-fields': false })),
    `${SCHEMA}.properties[spec].x-kubernetes-preserve-unknown-fields`, /pruned by default/),
];
