import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { projectAllowsNamespace, projectPermits } from '../platform/argo-cd-project-permits';
import { fields, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';

// `argoCd({ project })` without `createProject` syncs every folder of the cluster under a project the owner
// writes. Written by hand in the output, that project is known, and Argo CD refuses to sync any object it does
// not permit ("resource :Namespace is not permitted in project"): a cluster-scoped kind its
// clusterResourceWhitelist leaves out (the usual omission: no whitelist at all denies them all), a namespaced
// kind outside its namespaceResourceWhitelist, or a namespace outside its destinations.

const layer = 'references' as const;

/** How many kinds or namespaces a message names before it says how many more there are. */
const LISTED = 6;

/** `group/kind` as a project entry writes it, `''` for the core group. */
function groupKindOf(object: SynthesizedObject): { group: string; kind: string } {
  const apiVersion = String(object.manifest.apiVersion);
  return { group: apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '', kind: String(object.manifest.kind) };
}

function listedText(items: readonly string[]): string {
  return items.length > LISTED ? `${items.slice(0, LISTED).join(', ')} and ${items.length - LISTED} more` : items.join(', ');
}

/**
 * The projects written by hand in the output that the cluster's own Applications (those the engine renders
 * for its folders) name, with every object of the output the project refuses, by what refuses it.
 */
export function checkArgoCdProjectKinds(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const engineApplications = index.of('Application').filter((a) => a.layer === 'sync' && String(a.manifest.apiVersion).startsWith('argoproj.io/'));
  const named = new Set(engineApplications.map((a) => text(fields(a.manifest.spec).project)).filter((p): p is string => p !== undefined));
  const findings: Finding[] = [];
  for (const project of index.of('AppProject')) {
    if (project.layer === 'sync' || !named.has(project.manifest.metadata.name) || !engineApplications.some((a) => namespaceOf(a) === namespaceOf(project))) {
      continue;
    }
    findings.push(...refusedObjectFindings(project, cluster.objects));
  }
  return findings;
}

function refusedObjectFindings(project: SynthesizedObject, objects: readonly SynthesizedObject[]): Finding[] {
  const spec = fields(project.manifest.spec);
  const name = project.manifest.metadata.name;
  const clusterKinds = new Set<string>();
  const namespacedKinds = new Set<string>();
  const namespaces = new Set<string>();
  for (const object of objects) {
    if (projectPermits(spec, object.manifest)) {
      continue;
    }
    const { group, kind } = groupKindOf(object);
    const namespace = object.manifest.metadata?.namespace;
    if (typeof namespace !== 'string') {
      clusterKinds.add(`${group}/${kind}`);
    } else if (projectPermits({ ...spec, destinations: [{ server: '*', namespace: '*' }] }, object.manifest)) {
      namespaces.add(namespace);
    } else {
      namespacedKinds.add(`${group}/${kind}`);
    }
  }
  const findings: Finding[] = [];
  const entries = (kinds: Set<string>) => [...kinds].sort().map((groupKind) => {
    const [group, kind] = groupKind.split('/');
    return `{ group: '${group}', kind: '${kind}' }`;
  });
  const refusal = `so Argo CD refuses to sync them ("not permitted in project ${name}") and the cluster never gets them`;
  if (clusterKinds.size > 0) {
    findings.push(objectFinding(project, {
      layer, severity: 'error', field: 'spec.clusterResourceWhitelist',
      message: `AppProject ${name}, under which the cluster's folders sync, permits no cluster-scoped ${listedText([...clusterKinds].sort())} of the output`
        + `${spec.clusterResourceWhitelist === undefined ? ' (without a clusterResourceWhitelist it permits none)' : ''}, ${refusal}`,
      hint: `add ${listedText(entries(clusterKinds))} to its clusterResourceWhitelist (or { group: '*', kind: '*' }), or let argoCd({ createProject: true }) render the project from what the cluster holds`,
    }));
  }
  if (namespacedKinds.size > 0) {
    findings.push(objectFinding(project, {
      layer, severity: 'error', field: 'spec.namespaceResourceWhitelist',
      message: `AppProject ${name}, under which the cluster's folders sync, permits no namespaced ${listedText([...namespacedKinds].sort())} of the output, ${refusal}`,
      hint: `add ${listedText(entries(namespacedKinds))} to its namespaceResourceWhitelist, take them off its namespaceResourceBlacklist, or leave the whitelist out, which permits every namespaced kind`,
    }));
  }
  const outside = [...namespaces].sort().filter((namespace) => !projectAllowsNamespace(spec, namespace));
  if (outside.length > 0) {
    findings.push(objectFinding(project, {
      layer, severity: 'error', field: 'spec.destinations',
      message: `AppProject ${name}, under which the cluster's folders sync, takes no destination in namespace ${listedText(outside.map((n) => `"${n}"`))}, where the output has objects, ${refusal}`,
      hint: `add { server: 'https://kubernetes.default.svc', namespace: '${outside[0]}' } for each (or namespace: '*') to its destinations`,
    }));
  }
  return findings;
}
