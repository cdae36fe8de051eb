import * as yaml from 'js-yaml';
import { projectAllowsNamespace, projectPermits } from '../../constructs/platform/argo-cd-project-permits';

// What Argo CD checks before it syncs an Application, read from a cluster's written files: the project
// the Application names must allow its source repository and destination, and every object it applies
// must be of a kind the project whitelists and, if namespaced, in a namespace it allows.

type Manifest = Record<string, any>;

/** Whether Argo CD's glob `pattern` (only `*` is used here) matches `value`. */
function matches(pattern: string, value: string): boolean {
  return pattern === '*' || pattern === value;
}

export { projectPermits as permits, projectAllowsNamespace as allowsDestination };

/** Argo CD's own `default` project, unless the folder holds one of that name: it allows everything. */
const DEFAULT_PROJECT: Manifest = {
  sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }],
  clusterResourceWhitelist: [{ group: '*', kind: '*' }], namespaceResourceWhitelist: [{ group: '*', kind: '*' }],
};

/** The documents of a YAML file. */
function documentsOf(text: string): Manifest[] {
  return yaml.loadAll(text).filter((d): d is Manifest => d !== null && typeof d === 'object');
}

/**
 * Everything Argo CD would refuse in the cluster folder `folder` (`<site>/<cluster>`) of `files` (paths
 * relative to the output folder `dist`), one line each; empty when every Application syncs.
 */
export function projectViolations(files: ReadonlyMap<string, string>, folder: string): string[] {
  const inFolder = [...files.keys()].filter((file) => file.startsWith(`${folder}/`) && file.endsWith('.yaml'));
  const all = inFolder.filter((file) => !file.endsWith('kustomization.yaml')).flatMap((file) => documentsOf(files.get(file)!));
  const projects = new Map(all.filter((m) => m.kind === 'AppProject').map((m) => [m.metadata.name as string, m.spec as Manifest]));
  const violations: string[] = [];
  const reached = new Set<string>();
  // Argo CD renders a folder that holds a kustomization.yaml with Kustomize: its resources, recursively.
  const applied = (dir: string): Manifest[] => {
    const kustomization = files.get(`${dir}/kustomization.yaml`);
    if (kustomization === undefined) {
      violations.push(`${dir} has no kustomization.yaml`);
      return [];
    }
    return (documentsOf(kustomization)[0].resources as string[]).flatMap((resource) => {
      const file = `${dir}/${resource}`;
      if (!resource.endsWith('.yaml')) {
        return applied(file);
      }
      reached.add(file);
      return documentsOf(files.get(file) ?? '');
    });
  };
  for (const application of all.filter((m) => m.kind === 'Application')) {
    const name = `Application ${application.metadata.name}`;
    const { project: projectName, source, destination } = application.spec;
    const project = projects.get(projectName) ?? (projectName === 'default' ? DEFAULT_PROJECT : undefined);
    if (project === undefined) {
      violations.push(`${name} names project ${projectName}, which the folder does not hold`);
      continue;
    }
    if (!(project.sourceRepos ?? []).some((repo: string) => matches(repo, source.repoURL))) {
      violations.push(`${name}: project ${projectName} does not allow repository ${source.repoURL}`);
    }
    if (destination.namespace === undefined || !projectAllowsNamespace(project, destination.namespace)) {
      violations.push(`${name}: project ${projectName} does not allow destination namespace ${destination.namespace}`);
    }
    const dist = `dist/${folder}`;
    if (source.path === dist || String(source.path).startsWith(`${dist}/`)) {
      for (const object of applied(folder + String(source.path).slice(dist.length))) {
        if (!projectPermits(project, object)) {
          violations.push(`${name}: project ${projectName} refuses ${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name}`);
        }
      }
    }
  }
  for (const file of inFolder.filter((f) => !f.endsWith('kustomization.yaml') && !reached.has(f))) {
    violations.push(`${file} is applied by no Application of the site's repository`);
  }
  return violations;
}

/** The spec of AppProject `name` among `manifests`. */
export function projectSpec(manifests: readonly Manifest[], name: string): Manifest {
  const project = manifests.find((m) => m.kind === 'AppProject' && m.metadata.name === name);
  if (project === undefined) {
    throw new Error(`no AppProject ${name}`);
  }
  return project.spec;
}
