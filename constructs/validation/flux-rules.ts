import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import type { FluxReference } from './flux-references';
import { keyOf, namespaceOf, objectFinding } from './manifest';

// What Flux's controllers cannot reconcile although the API server takes it: kustomize-controller and
// helm-controller (checkDependencies) reconcile an object only once each object of its `dependsOn` is
// Ready, so objects that depend on each other, or one that depends on itself, wait for ever.

/** An object's key among the Flux objects: its kind, namespace and name. */
function fluxKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${keyOf(namespace, name)}`;
}

/**
 * Kustomizations and HelmReleases whose `dependsOn` leads back to themselves. Each cycle is reported once,
 * on the dependency of its first object (in output order) that enters the cycle.
 */
export function checkDependencyCycles(cluster: SynthesizedCluster, findings: Finding[], referencesOf: (object: SynthesizedObject) => readonly FluxReference[]): void {
  const dependencies = new Map<string, ReadonlyArray<{ readonly field: string; readonly key: string }>>();
  const order = new Map<string, number>();
  const objects = new Map<string, SynthesizedObject>();
  cluster.objects.forEach((object, n) => {
    const edges = referencesOf(object).filter((r) => r.field.startsWith('spec.dependsOn[')).map((r) => ({ field: r.field, key: fluxKey(r.kind, r.namespace, r.name) }));
    if (edges.length > 0) {
      const key = fluxKey(String(object.manifest.kind), namespaceOf(object), String(object.manifest.metadata?.name ?? ''));
      dependencies.set(key, edges);
      order.set(key, n);
      objects.set(key, object);
    }
  });
  for (const [key, edges] of dependencies) {
    for (const edge of edges) {
      const path = pathBack(edge.key, key, dependencies, new Set());
      if (path === undefined || path.some((member) => (order.get(member) ?? Infinity) < order.get(key)!)) {
        continue;
      }
      const cycle = [key, ...path].map((member) => member.replace(/^[^/]+\//, '')).join(' → ');
      const object = objects.get(key)!;
      findings.push(objectFinding(object, {
        layer: 'references', severity: 'error', field: edge.field,
        message: path.length === 1 ? `the ${object.manifest.kind} depends on itself, so Flux waits for ever for it to be ready before reconciling it`
          : `the dependencies go round (${cycle}), so Flux waits for ever: each is reconciled only once the one it depends on is ready`,
        hint: 'drop the dependency that closes the circle: depend on what must be ready first, never on what comes after',
      }));
      break;
    }
  }
}

/** The objects from `from` back to `target` along `dependsOn` (ending with `target`), or undefined when none leads there. */
function pathBack(from: string, target: string, dependencies: ReadonlyMap<string, ReadonlyArray<{ readonly key: string }>>, seen: Set<string>): string[] | undefined {
  if (from === target) {
    return [target];
  }
  if (seen.has(from)) {
    return undefined;
  }
  seen.add(from);
  for (const edge of dependencies.get(from) ?? []) {
    const rest = pathBack(edge.key, target, dependencies, seen);
    if (rest) {
      return [from, ...rest];
    }
  }
  return undefined;
}
