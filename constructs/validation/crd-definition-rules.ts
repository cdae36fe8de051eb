import type { SynthesizedObject } from '../synth/collect';
import { DNS1035_LABEL, DNS1123_SUBDOMAIN, nameProblem } from './dns-names';
import { CUSTOM_RESOURCE_FIELD_SELECTORS, gatedFieldFinding } from './gated-fields';
import { AddFinding, fields, Fields, list, text } from './manifest';

/** The types a printer column may show (apiextensions' printerColumnDatatypes). */
const COLUMN_TYPES: readonly string[] = ['integer', 'number', 'string', 'boolean', 'date'];
/** The formats a printer column may give (apiextensions' customResourceColumnDefinitionFormats). */
const COLUMN_FORMATS: readonly string[] = ['int32', 'int64', 'float', 'double', 'byte', 'date', 'date-time', 'password'];
/** How a CRD's objects may be converted between its versions. */
const CONVERSION_STRATEGIES: readonly string[] = ['None', 'Webhook'];
/** The ConversionReview versions the API server sends a conversion webhook. */
const CONVERSION_REVIEW_VERSIONS: readonly string[] = ['v1', 'v1beta1'];
/** The longest deprecation warning of a version the API server takes, in characters. */
const MAX_DEPRECATION_WARNING = 256;

/**
 * What the API server checks of a CustomResourceDefinition beyond its OpenAPI schema, for a CRD written by
 * hand (validateCustomResourceDefinitionSpec and what it calls): the group is a domain with a dot, the scope
 * Namespaced or Cluster, each version named as an RFC 1035 label and with a schema (apiextensions.k8s.io/v1
 * requires one per version), the kind and its other names RFC 1035 labels, its printer columns of a known
 * type and format, named and with a JSON path from the object, no spec.preserveUnknownFields, its scale subresource reading replicas from spec and status, its
 * deprecation warnings short and for deprecated versions only, and its conversion settings those of its
 * strategy. The CRD is refused, and every object of its kind with it. And a warning of selectableFields, which
 * Kubernetes 1.30 drops, so that the CRD is applied without them. Pure: reports through `add`.
 */
export function checkCustomResourceDefinitionSpec(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  checkGroup(spec.group, add);
  if (typeof spec.scope === 'string' && !['Namespaced', 'Cluster'].includes(spec.scope)) {
    add('spec.scope', `scope "${spec.scope}" is none the API server takes: a custom resource is Namespaced or Cluster`, 'write scope: Namespaced (objects live in a namespace) or scope: Cluster');
  }
  checkNames(fields(spec.names), add);
  list(spec.versions).forEach((version, i) => checkVersion(version, `spec.versions[${i}]`, add));
  checkConversion(fields(spec.conversion), spec.conversion !== undefined, add);
  if (spec.preserveUnknownFields === true) {
    add('spec.preserveUnknownFields', 'spec.preserveUnknownFields is true; apiextensions.k8s.io/v1 refuses it', 'drop it, and mark the schema levels that keep unknown fields x-kubernetes-preserve-unknown-fields: true');
  }
}

/** The entries of a list of plain values (names, versions); none for anything else. */
function items(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function checkGroup(group: unknown, add: AddFinding): void {
  if (typeof group !== 'string' || group === '') {
    return; // the schema reports a missing group
  }
  const problem = nameProblem(group, DNS1123_SUBDOMAIN);
  if (problem) {
    add('spec.group', `group ${problem}`, 'name the group as a domain of your own in lower case, e.g. lab.example');
  } else if (!group.includes('.')) {
    add('spec.group', `group "${group}" has no dot; the API server takes a group only as a domain with at least one dot`, `name it as a domain of your own, e.g. ${group}.lab.example`);
  }
}

/** The names of the kind (ValidateCustomResourceDefinitionNames): RFC 1035 labels, the kind's in any case. */
function checkNames(names: Fields, add: AddFinding): void {
  const label = (value: unknown, path: string, what: string, mixedCase: boolean): void => {
    const shown = text(value);
    const problem = shown === undefined || shown === '' ? undefined : nameProblem(mixedCase ? shown.toLowerCase() : shown, DNS1035_LABEL, JSON.stringify(shown));
    if (problem) {
      add(path, `${what} ${problem}${mixedCase ? ' (in lower case)' : ''}`, `write the ${what} with letters, digits and '-', starting with a letter${mixedCase ? '' : ', in lower case'}, e.g. ${mixedCase ? 'Widget' : 'widget'}`);
    }
  };
  label(names.plural, 'spec.names.plural', 'plural', false);
  label(names.singular, 'spec.names.singular', 'singular', false);
  label(names.kind, 'spec.names.kind', 'kind', true);
  label(names.listKind, 'spec.names.listKind', 'listKind', true);
  items(names.shortNames).forEach((name, i) => label(name, `spec.names.shortNames[${i}]`, 'short name', false));
  items(names.categories).forEach((name, i) => label(name, `spec.names.categories[${i}]`, 'category', false));
  if (typeof names.kind === 'string' && names.kind !== '' && names.listKind === names.kind) {
    add('spec.names.listKind', `listKind is the kind "${names.kind}" itself; the API server refuses a list kind that could be read as the kind`,
      `leave listKind out (it becomes ${names.kind}List), or name it ${names.kind}List`);
  }
}

function checkVersion(version: Fields, path: string, add: AddFinding): void {
  const name = text(version.name);
  const problem = name === undefined || name === '' ? undefined : nameProblem(name, DNS1035_LABEL);
  if (problem) {
    add(`${path}.name`, `version name ${problem}`, 'name versions as Kubernetes does, in lower case: v1, v1beta1, v2alpha1');
  }
  if (fields(version.schema).openAPIV3Schema === undefined) {
    add(`${path}.schema.openAPIV3Schema`, 'the version has no schema; an apiextensions.k8s.io/v1 CRD needs one for every version',
      "give schema: { openAPIV3Schema: { type: object, ... } }, or x-kubernetes-preserve-unknown-fields: true at a level whose fields are free");
  }
  list(version.additionalPrinterColumns).forEach((column, i) => checkPrinterColumn(column, `${path}.additionalPrinterColumns[${i}]`, add));
  checkScale(fields(fields(version.subresources).scale), fields(version.subresources).scale !== undefined, `${path}.subresources.scale`, add);
  checkDeprecationWarning(version, path, add);
  if (version.selectableFields !== undefined && version.selectableFields !== null) {
    const { message, hint } = gatedFieldFinding(`${path}.selectableFields`, CUSTOM_RESOURCE_FIELD_SELECTORS);
    // A warning: a CRD copied from upstream (cert-manager's) carries them, and works without them.
    add(`${path}.selectableFields`, message, hint, 'warning');
  }
}

function checkPrinterColumn(column: Fields, path: string, add: AddFinding): void {
  if (typeof column.type === 'string' && !COLUMN_TYPES.includes(column.type)) {
    add(`${path}.type`, `column type "${column.type}" is none the API server takes (${COLUMN_TYPES.join(', ')})`, `write the column's type as one of ${COLUMN_TYPES.join(', ')}`);
  }
  if (typeof column.format === 'string' && column.format !== '' && !COLUMN_FORMATS.includes(column.format)) {
    add(`${path}.format`, `column format "${column.format}" is none the API server takes (${COLUMN_FORMATS.join(', ')})`, `write one of ${COLUMN_FORMATS.join(', ')}, or leave format out`);
  }
  if (column.name === '') {
    add(`${path}.name`, 'the column has an empty name; the API server requires one', 'name the column as kubectl shows it in its header, e.g. Ready');
  }
  if (typeof column.jsonPath === 'string' && column.jsonPath !== '' && !column.jsonPath.startsWith('.')) {
    add(`${path}.jsonPath`, `jsonPath "${column.jsonPath}" does not start with '.'; the API server takes a simple JSON path from the object`, `write it from the object's root: .${column.jsonPath}`);
  }
}

/** A scale subresource reads the wanted replicas under .spec, the running ones under .status. */
function checkScale(scale: Fields, present: boolean, path: string, add: AddFinding): void {
  if (!present) {
    return;
  }
  for (const [key, under] of [['specReplicasPath', '.spec.'], ['statusReplicasPath', '.status.']] as const) {
    const value = text(scale[key]);
    if (value === undefined || value === '') {
      add(`${path}.${key}`, `the scale subresource has no ${key}; the API server needs it to scale the objects`, `give ${key}: ${under}replicas`);
    } else if (!value.startsWith(under)) {
      add(`${path}.${key}`, `${key} "${value}" is no JSON path under ${under.slice(0, -1)}, which the API server requires`, `write it as a path from the object's root, e.g. ${under}replicas`);
    }
  }
  const selector = text(scale.labelSelectorPath);
  if (selector !== undefined && selector !== '' && !selector.startsWith('.spec.') && !selector.startsWith('.status.')) {
    add(`${path}.labelSelectorPath`, `labelSelectorPath "${selector}" is no JSON path under .spec or .status, which the API server requires`, 'write it as a path from the object\'s root, e.g. .status.selector');
  }
}

function checkDeprecationWarning(version: Fields, path: string, add: AddFinding): void {
  const warning = version.deprecationWarning;
  if (typeof warning !== 'string') {
    return;
  }
  const at = `${path}.deprecationWarning`;
  if (version.deprecated !== true) {
    add(at, 'a deprecation warning is given for a version not marked deprecated; the API server refuses it', 'set deprecated: true on the version, or drop deprecationWarning');
  } else if (warning.length === 0 || warning.length > MAX_DEPRECATION_WARNING) {
    add(at, `the deprecation warning is ${warning.length} characters long; the API server takes 1–${MAX_DEPRECATION_WARNING}`, 'say in one short line which version to use instead');
  } else if (/\p{Cc}/u.test(warning)) {
    add(at, 'the deprecation warning holds a control character (a line break, a tab); the API server takes printable characters only', 'write the warning on one line');
  }
}

/** The conversion settings of a CRD are those of its strategy: a webhook's for Webhook, none for None. */
function checkConversion(conversion: Fields, present: boolean, add: AddFinding): void {
  if (!present) {
    return;
  }
  const strategy = conversion.strategy;
  if (typeof strategy === 'string' && !CONVERSION_STRATEGIES.includes(strategy)) {
    add('spec.conversion.strategy', `conversion strategy "${strategy}" is none the API server takes (None or Webhook)`, 'write strategy: None (the versions share one schema) or strategy: Webhook');
    return;
  }
  const webhook = fields(conversion.webhook);
  if (strategy !== 'Webhook') {
    if (conversion.webhook !== undefined) {
      add('spec.conversion.webhook', `a conversion of strategy ${String(strategy ?? 'None')} takes no webhook; the API server refuses its settings`, 'drop webhook, or set strategy: Webhook');
    }
    return;
  }
  const client = fields(webhook.clientConfig);
  if ((client.url === undefined) === (client.service === undefined)) {
    add('spec.conversion.webhook.clientConfig', 'a conversion webhook is called at a url or at a service, and this one gives '
      + (client.url === undefined ? 'neither' : 'both'), 'give clientConfig: { service: { name, namespace, path } } of the webhook\'s Service, or its url');
  }
  const reviews = items(webhook.conversionReviewVersions).map(String);
  if (!reviews.some((version) => CONVERSION_REVIEW_VERSIONS.includes(version))) {
    add('spec.conversion.webhook.conversionReviewVersions', `the webhook names no ConversionReview version the API server sends (${CONVERSION_REVIEW_VERSIONS.join(', ')})`,
      'give conversionReviewVersions: [v1], the version the webhook reads');
  }
}
