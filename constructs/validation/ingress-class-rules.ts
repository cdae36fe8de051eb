import type { SynthesizedObject } from '../synth/collect';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, nameProblem } from './dns-names';
import { AddFinding, fields, text } from './manifest';
import { checkTypedReference } from './networking-rules';

/** The longest controller name of an IngressClass (the API server's maxLenIngressClassController). */
const MAX_CONTROLLER_LENGTH = 250;
/** The characters the path of a domain-prefixed path may hold (apimachinery's IsDomainPrefixedPath). */
const DOMAIN_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;
const CONTROLLER_HINT = 'name the controller as it names itself, a domain and a path, e.g. traefik.io/ingress-controller or k8s.io/ingress-nginx';

/**
 * What the API server refuses in an IngressClass (ValidateIngressClass) although the schema allows it: no
 * controller, or one that is no domain-prefixed path of at most 250 characters, and parameters that name no kind
 * or name, are of a scope other than Cluster and Namespace, of scope Namespace without a namespace or of
 * scope Cluster with one.
 */
export function checkIngressClass(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const controller = text(spec.controller) ?? '';
  const problem = controller === '' ? 'is missing: the IngressClass names the controller that serves it' : domainPrefixedPathProblem(controller);
  if (problem !== undefined) {
    add('spec.controller', `controller ${problem}`, CONTROLLER_HINT);
  }
  if (spec.parameters === undefined) {
    return;
  }
  const parameters = fields(spec.parameters);
  checkTypedReference(parameters, 'spec.parameters', add);
  // The API server stores parameters without a scope as of scope Cluster.
  const scope = parameters.scope ?? 'Cluster';
  const namespace = text(parameters.namespace);
  if (scope !== 'Cluster' && scope !== 'Namespace') {
    add('spec.parameters.scope', `scope ${JSON.stringify(scope)} is neither Cluster nor Namespace`, 'set scope: Cluster for a cluster-wide object, or Namespace with its namespace');
  } else if (scope === 'Namespace' && namespace === undefined) {
    add('spec.parameters.namespace', 'parameters of scope Namespace need the namespace of their object', 'set namespace to the namespace the parameters object is in');
  } else if (scope === 'Cluster' && parameters.namespace !== undefined) {
    add('spec.parameters.namespace', 'parameters of scope Cluster take no namespace', 'drop namespace, or set scope: Namespace');
  } else if (namespace !== undefined && nameProblem(namespace, DNS1123_LABEL) !== undefined) {
    add('spec.parameters.namespace', `namespace ${String(nameProblem(namespace, DNS1123_LABEL))}`, 'give the namespace as it is named, in lower case');
  }
}

/** Why `value` is no domain-prefixed path (`acme.io/ingress-controller`) the API server takes, or undefined. Pure. */
export function domainPrefixedPathProblem(value: string): string | undefined {
  if (value.length > MAX_CONTROLLER_LENGTH) {
    return `"${value}" is ${value.length} characters long; at most ${MAX_CONTROLLER_LENGTH} are allowed`;
  }
  const slash = value.indexOf('/');
  if (slash < 0) {
    return `"${value}" is not a domain-prefixed path (such as acme.io/foo)`;
  }
  const [domain, path] = [value.slice(0, slash), value.slice(slash + 1)];
  if (nameProblem(domain, DNS1123_SUBDOMAIN) !== undefined || domain === '') {
    return `"${value}" does not begin with a lower-case domain`;
  }
  return DOMAIN_PATH.test(path) ? undefined : `"${value}" has characters after its domain that a path may not hold`;
}
