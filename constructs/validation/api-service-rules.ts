import type { SynthesizedObject } from '../synth/collect';
import { DNS1035_LABEL, DNS1123_SUBDOMAIN, nameProblem } from './dns-names';
import { AddFinding, fields, text } from './manifest';

/** The highest `groupPriorityMinimum` the API server takes. */
const MAX_GROUP_PRIORITY = 20000;
/** The highest `versionPriority` the API server takes. */
const MAX_VERSION_PRIORITY = 1000;
/** The port the aggregator calls a Service on where `service.port` is left out. */
const DEFAULT_SERVICE_PORT = 443;

/**
 * What the API server refuses in an APIService (the aggregator's ValidateAPIService) although the schema
 * allows it: a name other than `<version>.<group>`, a group that is no DNS subdomain (or empty beside a
 * version other than v1), a version that is no DNS-1035 label, a group priority outside 1–20000 and a
 * version priority outside 1–1000, a local APIService (no `service`) with a caBundle or
 * insecureSkipTLSVerify, a Service without namespace or name or on a port outside 1–65535, and
 * insecureSkipTLSVerify beside a caBundle.
 */
export function checkApiService(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const group = text(spec.group) ?? '';
  const version = text(spec.version) ?? '';
  const name = text(fields(object.manifest.metadata).name);
  const required = `${version}.${group}`;
  if (name !== undefined && name !== required && group !== '' && version !== '') {
    add('metadata.name', `an APIService is named after the version and group it serves, "${required}", not "${name}"`, `name it ${required}`);
  }
  if (group === '' && version !== 'v1') {
    add('spec.group', `an APIService without a group serves only the core v1 API, not ${JSON.stringify(version)}`, 'give the API group the server serves, e.g. group: metrics.k8s.io');
  }
  const groupProblem = group === '' ? undefined : nameProblem(group, DNS1123_SUBDOMAIN);
  if (groupProblem !== undefined) {
    add('spec.group', `group ${groupProblem}`, 'give the API group in lower case, e.g. metrics.k8s.io');
  }
  const versionProblem = nameProblem(version, DNS1035_LABEL);
  if (versionProblem !== undefined) {
    add('spec.version', version === '' ? 'the APIService names no version' : `version ${versionProblem}`, 'give the API version the server serves, e.g. v1beta1');
  }
  checkPriority(spec.groupPriorityMinimum, 'groupPriorityMinimum', MAX_GROUP_PRIORITY, 'e.g. 100', add);
  checkPriority(spec.versionPriority, 'versionPriority', MAX_VERSION_PRIORITY, 'e.g. 100', add);
  const caBundle = text(spec.caBundle) ?? '';
  const skipsVerify = spec.insecureSkipTLSVerify === true;
  if (spec.service === undefined || spec.service === null) {
    // A local APIService is served by the API server itself: there is no server of another to verify.
    if (caBundle !== '') {
      add('spec.caBundle', 'a local APIService (without a service) takes no caBundle', 'drop caBundle, or name the Service of the server that serves the API');
    }
    if (skipsVerify) {
      add('spec.insecureSkipTLSVerify', 'a local APIService (without a service) takes no insecureSkipTLSVerify', 'drop insecureSkipTLSVerify, or name the Service of the server that serves the API');
    }
    return;
  }
  const service = fields(spec.service);
  for (const key of ['namespace', 'name'] as const) {
    if ((text(service[key]) ?? '') === '') {
      add(`spec.service.${key}`, `the APIService's service has no ${key}`, "name the Service of the server: service: { namespace: 'kube-system', name: 'metrics-server' }");
    }
  }
  const port = service.port ?? DEFAULT_SERVICE_PORT;
  if (typeof port === 'number' && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    add('spec.service.port', `port ${port} is not within 1–65535`, "give the Service's port the server listens behind, or leave it out for 443");
  }
  if (skipsVerify && caBundle !== '') {
    add('spec.insecureSkipTLSVerify', 'the APIService gives a caBundle to verify the server with and insecureSkipTLSVerify; the API server takes one of them',
      "drop insecureSkipTLSVerify: the caBundle is what lets the API server verify the server's certificate");
  }
}

/** A priority of an APIService: a whole number within 1–`max`. */
function checkPriority(value: unknown, key: string, max: number, example: string, add: AddFinding): void {
  if (typeof value === 'number' && !(value >= 1 && value <= max)) {
    add(`spec.${key}`, `${key} ${value} is not within 1–${max}`, `give a priority of 1–${max}, ${example}`);
  }
}
