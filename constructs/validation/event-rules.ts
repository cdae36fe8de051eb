import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, Fields, text } from './manifest';
import { qualifiedNameProblem } from './syntax';

/** The most characters an Event's reporting instance, action and reason may have, and its note. */
const SHORT_FIELD_LIMIT = 128;
const NOTE_LIMIT = 1024;

/** The names of an Event's fields in each API version that has Events, as the API server's checks read them. */
interface EventFields {
  readonly regarding: string;
  readonly reportingController: string;
  readonly note: string;
}
const EVENTS_V1: EventFields = { regarding: 'regarding', reportingController: 'reportingController', note: 'note' };
const CORE_V1: EventFields = { regarding: 'involvedObject', reportingController: 'reportingComponent', note: 'message' };

/** Fields of `events.k8s.io/v1` that only the API server's own conversion of old Events fills in. */
const DEPRECATED_FIELDS: readonly string[] = ['deprecatedFirstTimestamp', 'deprecatedLastTimestamp', 'deprecatedCount', 'deprecatedSource'];

/**
 * What the API server refuses in an Event it is asked to create (ValidateEventCreate) although the schema
 * allows it. An `events.k8s.io/v1` Event, and a core `v1` Event with an `eventTime`, names the controller
 * that reports it (a qualified name), the instance, action and reason (each at most 128 characters), says
 * what it regards in its own namespace (or in `default` or `kube-system` when the object has none), and
 * has a note of at most 1024 characters; an `events.k8s.io/v1` Event is of type Normal or Warning, leaves
 * the deprecated fields unset and counts a series from 2. A core Event without `eventTime` names an object
 * of its own namespace. (`eventTime` itself is the schema's to require.)
 */
export function checkEvent(object: SynthesizedObject, add: AddFinding): void {
  const manifest = object.manifest;
  const strict = manifest.apiVersion === 'events.k8s.io/v1';
  const names = strict ? EVENTS_V1 : CORE_V1;
  const namespace = text(fields(manifest.metadata).namespace) ?? '';
  const regarding = text(fields(manifest[names.regarding]).namespace) ?? '';
  const regardingField = `${names.regarding}.namespace`;
  const namespaceHint = `give ${regardingField} the Event's own namespace, ${namespace || 'default'}`;
  if (manifest.eventTime === undefined || manifest.eventTime === null) {
    if (!strict && regarding !== namespace && !(regarding === '' && namespace === 'default')) {
      add(regardingField, `the Event is in namespace "${namespace}" but regards an object in "${regarding}"`, namespaceHint);
    }
    return;
  }
  if (regarding === '' && namespace !== 'default' && namespace !== 'kube-system') {
    add(regardingField, `the Event regards an object of no namespace, which only an Event in default or kube-system may`, namespaceHint);
  }
  checkRequiredText(manifest, names.reportingController, Infinity, add, 'name the controller that reports it, e.g. lab.example.com/deployer');
  const controller = text(manifest[names.reportingController]);
  const controllerProblem = controller ? qualifiedNameProblem(controller) : undefined;
  if (controllerProblem !== undefined) {
    add(names.reportingController, controllerProblem, 'name the controller as a qualified name, e.g. lab.example.com/deployer');
  }
  checkRequiredText(manifest, 'reportingInstance', SHORT_FIELD_LIMIT, add, 'name the instance of the controller, e.g. its pod name');
  checkRequiredText(manifest, 'action', SHORT_FIELD_LIMIT, add, 'say what was done, in one word, e.g. Deploy');
  checkRequiredText(manifest, 'reason', SHORT_FIELD_LIMIT, add, 'give the reason in CamelCase, e.g. Deployed');
  const note = text(manifest[names.note]);
  if (note !== undefined && note.length > NOTE_LIMIT) {
    add(names.note, `is ${note.length} characters long; an Event's may have at most ${NOTE_LIMIT}`, 'keep the note short; put the detail where the Event points');
  }
  if (strict) {
    checkStrictFields(manifest, add);
  }
}

function checkRequiredText(manifest: Fields, field: string, limit: number, add: AddFinding, hint: string): void {
  const value = text(manifest[field]) ?? '';
  if (value === '') {
    add(field, `an Event with an eventTime needs its ${field}`, hint);
  } else if (value.length > limit) {
    add(field, `is ${value.length} characters long; an Event's ${field} may have at most ${limit}`, hint);
  }
}

function checkStrictFields(manifest: Fields, add: AddFinding): void {
  if (manifest.type !== 'Normal' && manifest.type !== 'Warning') {
    add('type', `an Event is of type Normal or Warning, not ${JSON.stringify(manifest.type ?? '')}`, "set type: 'Normal' (or 'Warning')");
  }
  for (const field of DEPRECATED_FIELDS) {
    if (manifest[field] !== undefined && manifest[field] !== null) {
      add(field, `an events.k8s.io/v1 Event leaves ${field} unset; the API server fills it in for old Events only`, `drop ${field}${field === 'deprecatedCount' ? ', and give series: { count, lastObservedTime } for a repeated Event' : ''}`);
    }
  }
  if (manifest.series !== undefined && manifest.series !== null) {
    const series = fields(manifest.series);
    if (typeof series.count !== 'number' || series.count < 2) {
      add('series.count', 'a series counts the Event at least twice', 'set series.count to 2 or more, or drop the series for an Event seen once');
    }
    if (series.lastObservedTime === undefined) {
      add('series.lastObservedTime', 'a series needs the time the Event was last seen', "set series.lastObservedTime, e.g. '2026-01-01T00:00:00.000000Z'");
    }
  }
}
