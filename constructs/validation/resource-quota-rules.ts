import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, list } from './manifest';
import { quantityValue } from './quantity';
import { QUOTA_SCOPE_OPERATORS } from './schema/core-enums';
import { qualifiedNameProblem } from './syntax';

/** The names a quota's `hard` may have without a domain (the API server's standardQuotaResources), `requests.hugepages-<size>` aside. */
const STANDARD_QUOTA_RESOURCES: ReadonlySet<string> = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory',
  'requests.storage', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);
/** Resources counted in whole objects, whose quota must be a whole number. */
const COUNTED_RESOURCES: ReadonlySet<string> = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);
/** The resources a quota scoped to some pods may limit: their number and compute (IsResourceQuotaScopeValidForResource). */
const POD_RESOURCES: ReadonlySet<string> = new Set(['pods', 'cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);
const SCOPES: ReadonlySet<string> = new Set(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity']);
/** Scopes the selector can only ask to exist: they say a yes or no of a pod, with no value to match. */
const EXISTS_ONLY_SCOPES: ReadonlySet<string> = new Set(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'CrossNamespacePodAffinity']);
const CONFLICTING_SCOPES: ReadonlyArray<readonly [string, string]> = [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']];

const isStandard = (name: string): boolean => STANDARD_QUOTA_RESOURCES.has(name) || name.startsWith('requests.hugepages-');
/** Whether a quota of `scope` may limit `resource`: best-effort pods have no compute to count, other scopes count pods and compute. */
const scopeFits = (scope: string, resource: string): boolean => !isStandard(resource) || !SCOPES.has(scope)
  || (scope === 'BestEffort' ? resource === 'pods' : POD_RESOURCES.has(resource));

/**
 * The extended resource (a device plugin's, `nvidia.com/gpu`) a quota's `hard` names other than as `requests.<name>`,
 * the one form the quota of pods counts: as `limits.nvidia.com/gpu` or bare, the API server takes it and its usage
 * stays 0. Object counts (`count/…`) and a storage class's quotas (`<class>.storageclass.storage.k8s.io/…`) are others. Pure.
 */
function uncountedExtendedResource(name: string): string | undefined {
  if (!name.includes('/') || name.startsWith('count/') || name.startsWith('requests.') || name.includes('.storageclass.storage.k8s.io/')) {
    return undefined;
  }
  return name.replace(/^limits\./, '');
}

/**
 * What the API server refuses in a ResourceQuota (ValidateResourceQuota) although the schema allows it:
 * a `hard` name that is neither a standard quota resource nor domain-qualified (`count/deployments.apps`),
 * a negative or fractional count, an extended resource it never counts (`limits.nvidia.com/gpu`), an unknown scope, scopes that contradict each other (BestEffort and
 * NotBestEffort, Terminating and NotTerminating) or that count pods while the quota limits something else,
 * and a scope selector whose operator and values do not fit.
 */
export function checkResourceQuota(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const hard = fields(spec.hard);
  for (const name in hard) {
    const at = `spec.hard.${name}`;
    const nameIssue = qualifiedNameProblem(name) ?? (name.includes('/') || isStandard(name) ? undefined : `"${name}" is no resource a quota knows`);
    const value = quantityValue(hard[name]);
    if (nameIssue !== undefined) {
      add(at, nameIssue, `use a standard name (pods, requests.cpu, requests.memory, limits.cpu, limits.memory, requests.storage, persistentvolumeclaims, …) or count/<resource>.<group>, e.g. count/deployments.apps`);
    } else if (uncountedExtendedResource(name) !== undefined) {
      const resource = uncountedExtendedResource(name)!;
      add(at, `the quota counts ${resource}, a device plugin's resource, only as requests.${resource}: ${name} is never counted, so it limits nothing`,
        `write it as requests.${resource} (a device is requested as much as its limit)`);
    } else if (value !== undefined && value < 0) {
      add(at, `a quota of ${String(hard[name])} ${name} is negative`, 'give 0 to allow none, or more');
    } else if (value !== undefined && (COUNTED_RESOURCES.has(name) || name.startsWith('count/')) && !Number.isInteger(value)) {
      add(at, `${name} counts whole objects; ${String(hard[name])} is not a whole number`, `give a whole number, e.g. ${Math.floor(value)}`);
    }
  }
  const scopes = Array.isArray(spec.scopes) ? spec.scopes.map(String) : [];
  scopes.forEach((scope, i) => checkScope(scope, `spec.scopes[${i}]`, Object.keys(hard), add));
  checkConflicts(scopes, 'spec.scopes', add);
  const expressions = list(fields(spec.scopeSelector).matchExpressions);
  expressions.forEach((expression, i) => {
    const at = `spec.scopeSelector.matchExpressions[${i}]`;
    const [scope, operator, values] = [String(expression.scopeName), expression.operator, Array.isArray(expression.values) ? expression.values : []];
    checkScope(scope, `${at}.scopeName`, Object.keys(hard), add);
    // An operator the selector does not know is the schema layer's finding alone.
    if (EXISTS_ONLY_SCOPES.has(scope) && operator !== 'Exists' && QUOTA_SCOPE_OPERATORS.includes(String(operator))) {
      add(`${at}.operator`, `scope ${scope} is selected with operator Exists only, not ${JSON.stringify(operator)}`, "write { scopeName, operator: 'Exists' }");
    } else if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      add(`${at}.values`, `operator ${operator} needs at least one value`, "list the values, e.g. values: ['high']");
    } else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
      add(`${at}.values`, `operator ${operator} takes no values`, 'drop values');
    }
  });
  checkConflicts(expressions.map((expression) => String(expression.scopeName)), 'spec.scopeSelector', add);
}

/** One scope, of `scopes` or of the selector: one the API server knows, fit for every resource of `hard`. */
function checkScope(scope: string, at: string, hard: readonly string[], add: AddFinding): void {
  if (!SCOPES.has(scope)) {
    add(at, `scope ${JSON.stringify(scope)} is no quota scope`, `use one of ${[...SCOPES].join(', ')}`);
    return;
  }
  const unfit = hard.find((resource) => !scopeFits(scope, resource));
  if (unfit !== undefined) {
    add(`spec.hard.${unfit}`, `a quota of scope ${scope} counts ${scope === 'BestEffort' ? 'pods only' : 'pods and their cpu and memory only'}, not ${unfit}`,
      `limit ${unfit} in a quota without that scope`);
  }
}

function checkConflicts(scopes: readonly string[], at: string, add: AddFinding): void {
  for (const [a, b] of CONFLICTING_SCOPES) {
    if (scopes.includes(a) && scopes.includes(b)) {
      add(at, `scopes ${a} and ${b} contradict each other: no pod is in both`, `keep one of ${a} and ${b}, or make two quotas`);
    }
  }
}
