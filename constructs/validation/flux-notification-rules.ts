import type { SynthesizedObject } from '../synth/collect';
import { closestName } from './closest-name';
import { AddFinding, fields, list, text } from './manifest';

// notification-controller's CRDs are not in the schema set (see schema-gaps), so an Alert or a Receiver written
// by hand is held here to what those CRDs say (api/v1beta3 AlertSpec, api/v1 ReceiverSpec and
// CrossNamespaceObjectReference of Flux's notification-controller): the API server refuses an object that breaks
// them, and a strict dry-run refuses a field they do not name.

/** The kinds an Alert's event source or a Receiver's resource may name (CrossNamespaceObjectReference's enum). */
export const NOTIFICATION_TARGET_KINDS = [
  'Bucket', 'GitRepository', 'Kustomization', 'HelmRelease', 'HelmChart', 'HelmRepository', 'ImageRepository', 'ImagePolicy',
  'ImageUpdateAutomation', 'OCIRepository', 'ArtifactGenerator', 'ExternalArtifact',
] as const;

/** The fields of an event source or a resource entry. */
const TARGET_FIELDS = ['apiVersion', 'kind', 'name', 'namespace', 'matchLabels'];

/** The fields of an Alert's spec (v1beta3). */
const ALERT_FIELDS = ['providerRef', 'eventSeverity', 'eventSources', 'inclusionList', 'eventMetadata', 'exclusionList', 'summary', 'suspend'];

/** The webhook senders a Receiver's `type` names. */
const RECEIVER_TYPES = ['generic', 'generic-hmac', 'generic-oidc', 'github', 'gitlab', 'bitbucket', 'harbor', 'dockerhub', 'quay', 'gcr', 'nexus', 'acr', 'cdevents'];

/** The longest name an entry may give (the CRD's maxLength). */
const TARGET_NAME_MAX_LENGTH = 253;

/** The longest summary an Alert may carry (the CRD's maxLength). */
const SUMMARY_MAX_LENGTH = 255;

/** A Go duration of the units the CRD's pattern takes (ms, s, m, h), e.g. `10m` or `1h30m`. */
const INTERVAL = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

/** " (did you mean X?)" for a field name near one of `known`, or a value of `known` spelt in other case; else nothing. */
function meant(value: string, known: readonly string[], nearNames = false): string {
  const near = (nearNames ? closestName(value, known) : undefined) ?? known.find((k) => k.toLowerCase() === value.toLowerCase());
  return near === undefined ? '' : ` (did you mean ${near}?)`;
}

/** Fields of `record` at `path` that are none of `known`, which a strict dry-run refuses. */
function checkKnownFields(record: Record<string, unknown>, path: string, known: readonly string[], add: AddFinding): void {
  for (const key of Object.keys(record)) {
    if (!known.includes(key) && record[key] !== undefined) {
      add(`${path}.${key}`, `${path} has no field ${key}${meant(key, known, true)}: the API server refuses an unknown field at a strict apply`, `use one of ${known.join(', ')}`);
    }
  }
}

/** The entries of an Alert's `eventSources` or a Receiver's `resources` at `path`: each a kind of the enum and a name. */
function checkTargets(value: unknown, path: string, owner: 'Alert' | 'Receiver', add: AddFinding): void {
  if (value === undefined) {
    add(path, `the ${owner} has no ${path.slice(5)}, which its CRD requires`,
      `list the Flux objects it ${owner === 'Alert' ? 'forwards the events of' : 'reconciles on a webhook'}, e.g. [{ kind: 'GitRepository', name: 'flux-system' }] (name '*' for every object of the kind)`);
    return;
  }
  list(value).forEach((entry, i) => {
    const at = `${path}[${i}]`;
    checkKnownFields(entry, at, TARGET_FIELDS, add);
    const kind = entry.kind;
    if (kind === undefined) {
      add(`${at}.kind`, 'the entry names no kind, which the CRD requires', `give one of ${NOTIFICATION_TARGET_KINDS.join(', ')}`);
    } else if (typeof kind !== 'string' || !(NOTIFICATION_TARGET_KINDS as readonly string[]).includes(kind)) {
      add(`${at}.kind`, `kind ${JSON.stringify(kind)} is none of the Flux kinds the CRD takes${typeof kind === 'string' ? meant(kind, NOTIFICATION_TARGET_KINDS) : ''}`,
        `use one of ${NOTIFICATION_TARGET_KINDS.join(', ')}: ${owner === 'Alert' ? 'an Alert forwards the events of Flux objects only' : 'a Receiver reconciles Flux objects only'}`);
    }
    const name = entry.name;
    if (typeof name !== 'string' || name.length === 0 || name.length > TARGET_NAME_MAX_LENGTH) {
      add(`${at}.name`, typeof name === 'string' && name.length > 0 ? `the name has ${name.length} characters, more than the ${TARGET_NAME_MAX_LENGTH} the CRD takes` : 'the entry names no object, which the CRD requires',
        "name the object, or '*' for every object of the kind (with matchLabels to narrow it)");
    } else if (name !== '*' && Object.keys(fields(entry.matchLabels)).length > 0) {
      add(`${at}.matchLabels`, `matchLabels is read only beside name '*'; with name ${name} notification-controller ${owner === 'Alert' ? 'matches' : 'reconciles'} that one object and ignores the labels`,
        "set name: '*' to select by the labels, or drop matchLabels", 'warning');
    }
  });
}

/** A Flux Alert (notification.toolkit.fluxcd.io/v1beta3) as its CRD takes it. */
export function checkFluxAlert(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  checkKnownFields(spec, 'spec', ALERT_FIELDS, add);
  if (text(fields(spec.providerRef).name) === undefined) {
    add('spec.providerRef', 'the Alert names no Provider (providerRef.name), which its CRD requires', "name the Provider of its namespace that posts the events, e.g. providerRef: { name: 'discord' }");
  }
  if (spec.eventSeverity !== undefined && spec.eventSeverity !== 'info' && spec.eventSeverity !== 'error') {
    add('spec.eventSeverity', `eventSeverity ${JSON.stringify(spec.eventSeverity)} is neither info nor error, the two the CRD takes`,
      "use 'error' for failures only, or 'info' (the default) for every event");
  }
  if (typeof spec.summary === 'string' && spec.summary.length > SUMMARY_MAX_LENGTH) {
    add('spec.summary', `the summary has ${spec.summary.length} characters, more than the ${SUMMARY_MAX_LENGTH} the CRD takes`, 'shorten it, or move the detail into eventMetadata');
  }
  checkTargets(spec.eventSources, 'spec.eventSources', 'Alert', add);
}

/** A Flux Receiver (notification.toolkit.fluxcd.io/v1) as its CRD takes it. */
export function checkFluxReceiver(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  if (spec.type === undefined || typeof spec.type !== 'string' || !RECEIVER_TYPES.includes(spec.type)) {
    add('spec.type', spec.type === undefined ? 'the Receiver names no type of webhook sender, which its CRD requires'
      : `type ${JSON.stringify(spec.type)} is none of the webhook senders the CRD takes${typeof spec.type === 'string' ? meant(spec.type, RECEIVER_TYPES) : ''}`,
    `use the sender's own type, or generic when none fits: one of ${RECEIVER_TYPES.join(', ')}`);
  }
  if (text(fields(spec.secretRef).name) === undefined) {
    add('spec.secretRef', 'the Receiver names no Secret (secretRef.name), which its CRD requires', "name the Secret of its namespace whose key token holds the webhook's token, e.g. secretRef: { name: 'webhook-token' }");
  }
  if (spec.interval !== undefined && (typeof spec.interval !== 'string' || !INTERVAL.test(spec.interval))) {
    add('spec.interval', `interval ${JSON.stringify(spec.interval)} is no duration of ms, s, m or h, which the CRD's pattern requires`, "write it as e.g. '10m' or '1h' (no days: 24h)");
  }
  checkTargets(spec.resources, 'spec.resources', 'Receiver', add);
}
