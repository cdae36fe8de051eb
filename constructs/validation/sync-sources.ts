import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { LAYERS } from '../platform/component';
import { gitSourceOf } from '../platform/gitops';
import { projectAllowsNamespace } from '../platform/argo-cd-project-permits';
import { fields, list, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { providedNamespacesOf } from './provided';
import { closestName } from './closest-name';
import { ClusterChart } from '../platform/cluster-chart';
import { goPathMatch } from './go-path-match';
import { projectTakesRepository } from './argo-cd-source-repos';

// What a sync object written by hand (an app of apps: a Flux Kustomization, an Argo CD Application) takes
// from the site's repository, beside the engine's own sync objects.

const layer = 'references' as const;

/**
 * A Git URL as Argo CD (a project's `sourceRepos`) and Flux compare it: no trailing `/` or `.git`, the host's case
 * ignored, and scp's form (`git@host:org/repo`) read as the `ssh://git@host/org/repo` it stands for. Pure.
 */
function sameRepository(a: string, b: string): boolean {
  const normal = (url: string) => url.trim().replace(/\/+$/, '').replace(/\.git$/, '')
    .replace(/^([^/@:]+@[^/:]+):(?!\d+\/)/, 'ssh://$1/')
    .replace(/^([a-z+]+:\/\/[^/]+)/i, (host) => host.toLowerCase());
  return normal(a) === normal(b);
}

/** A folder of the repository as written in a sync object: no leading `./` or `/`, no trailing `/`. Pure. */
function folderOf(path: string): string {
  return path.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}

/** What a sync object applies of the site's repository: its folder, the field naming it, and whether the folders below count. */
interface SyncedFolder {
  readonly field: string;
  readonly path: string;
  /** Flux builds a folder without a kustomization.yaml from every file below it; Argo CD only with `directory.recurse`. */
  readonly recursive: boolean;
  /** The ApplicationSet directory pattern that matched `path`, which makes an Application of it. @default - the folder is written out */
  readonly pattern?: string;
}

/** An ApplicationSet template's source path that is the generated folder itself (`{{path}}`, `{{.path.path}}` with Go templates). */
const GENERATED_PATH = /^\{\{-?\s*(path|\.path\.path)\s*-?\}\}$/;

/**
 * The folders of the output that an ApplicationSet's git directory generators of the site's repository make
 * Applications of, when its template applies the generated folder: the cluster's folder, its layers, and (with
 * `directory.recurse`) the folders holding them, each matched as Argo CD matches (Go's `path.Match`, a folder
 * that an `exclude: true` entry matches left out).
 */
function applicationSetFolders(cluster: SynthesizedCluster, spec: Record<string, unknown>, gitUrl: string): SyncedFolder[] {
  const source = fields(fields(fields(spec.template).spec).source);
  const repository = text(source.repoURL) ?? '';
  if (!GENERATED_PATH.test(text(source.path) ?? '') || (!repository.includes('{{') && !sameRepository(repository, gitUrl))) {
    return [];
  }
  const recursive = fields(source.directory).recurse === true;
  const chart = cluster.chart;
  const own = folderOf(chart.repositoryPath());
  const holding = own.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  const candidates = [own, ...LAYERS.map((l) => folderOf(chart.repositoryPath(l))), ...(recursive ? holding : [])];
  return list(spec.generators).flatMap((generator, g) => {
    const git = fields(generator.git);
    if (!sameRepository(text(git.repoURL) ?? '', gitUrl)) {
      return [];
    }
    const directories = list(git.directories);
    const excluded = (folder: string) => directories.some((d) => d.exclude === true && goPathMatch(text(d.path) ?? '', folder));
    return directories.flatMap((directory, d) => {
      const pattern = text(directory.path) ?? '';
      const path = directory.exclude === true ? undefined : candidates.find((folder) => goPathMatch(pattern, folder) && !excluded(folder));
      return path === undefined ? [] : [{ field: `spec.generators[${g}].git.directories[${d}].path`, path, recursive, pattern }];
    });
  });
}

/** What a sync object of the site's repository applies (an ApplicationSet: each folder it makes an Application of). */
function syncedFolders(cluster: SynthesizedCluster, object: SynthesizedObject, gitUrl: string): SyncedFolder[] {
  const { apiVersion, kind } = object.manifest;
  if (kind === 'ApplicationSet' && apiVersion.startsWith('argoproj.io/')) {
    return applicationSetFolders(cluster, fields(object.manifest.spec), gitUrl);
  }
  const synced = syncedFolder(cluster, object, gitUrl);
  return synced === undefined ? [] : [synced];
}

/** What a sync object of the site's repository applies; undefined for any other object. */
function syncedFolder(cluster: SynthesizedCluster, object: SynthesizedObject, gitUrl: string): SyncedFolder | undefined {
  const { apiVersion, kind } = object.manifest;
  const spec = fields(object.manifest.spec);
  if (kind === 'Application' && apiVersion.startsWith('argoproj.io/')) {
    const source = fields(spec.source);
    const repository = text(source.repoURL);
    const path = text(source.path);
    return repository !== undefined && path !== undefined && sameRepository(repository, gitUrl)
      ? { field: 'spec.source.path', path, recursive: fields(source.directory).recurse === true } : undefined;
  }
  if (kind === 'Kustomization' && apiVersion.startsWith('kustomize.toolkit.fluxcd.io/')) {
    const sourceRef = fields(spec.sourceRef);
    const name = text(sourceRef.name);
    const namespace = text(sourceRef.namespace) ?? namespaceOf(object);
    // Bootstrap's GitRepository is the site's repository; another is when its URL is.
    const repository = name === 'flux-system' && namespace === 'flux-system' ? gitUrl
      : text(fields(indexOf(cluster.objects).find('GitRepository', namespace, name ?? '')?.manifest.spec).url);
    const path = text(spec.path) ?? '';
    return text(sourceRef.kind) === 'GitRepository' && repository !== undefined && sameRepository(repository, gitUrl) ? { field: 'spec.path', path, recursive: true } : undefined;
  }
  return undefined;
}

/** The folders of a cluster in the site's repository: its own, and each of its layers'. */
interface ClusterFolders {
  readonly own: string;
  readonly layers: readonly string[];
}

/** {@link ClusterFolders} of `chart`, asked of it once for all the sync objects of a cluster. */
function clusterFolders(chart: ClusterChart): ClusterFolders {
  return { own: folderOf(chart.repositoryPath()), layers: LAYERS.map((l) => folderOf(chart.repositoryPath(l))) };
}

/** Whether `synced` applies the folder of a cluster, one of its layers, or a folder that holds them. */
function appliesClusterFolder(synced: SyncedFolder, { own, layers }: ClusterFolders): 'holds' | 'is' | 'layer' | undefined {
  const path = folderOf(synced.path);
  return synced.recursive && (path === '' || own.startsWith(`${path}/`)) ? 'holds' : path === own ? 'is' : layers.includes(path) ? 'layer' : undefined;
}

/**
 * A sync object the cluster's chart holds (not one of the engine's, which live in the cluster folder's
 * root) that applies the folder of a cluster of the run, one of its layers, or a folder holding them: every
 * object there is applied by that cluster's engine already, so it would have two owners fighting over it
 * (each prunes what the other adds, Argo CD's tracking label flips at every sync). Of its own cluster, the
 * object applies its own file, a parent of itself; of another (an Argo CD hub's Application of a second
 * cluster's folder), that cluster's own engine syncs it already, and its root Application points at the
 * cluster it runs in.
 */
function folderFindings(cluster: SynthesizedCluster, object: SynthesizedObject, synced: SyncedFolder, folders: ClusterFolders): Finding[] {
  if (object.layer === 'sync') {
    return [];
  }
  const chart = cluster.chart;
  const ownHit = appliesClusterFolder(synced, folders);
  const other = ownHit === undefined ? clustersBeside(chart).filter((c) => c !== chart).find((c) => appliesClusterFolder(synced, clusterFolders(c)) !== undefined) : undefined;
  const hit = ownHit ?? (other === undefined ? undefined : appliesClusterFolder(synced, clusterFolders(other)));
  if (hit === undefined) {
    return [];
  }
  const target = other ?? chart;
  const { own } = other === undefined ? folders : clusterFolders(other);
  const matched = synced.pattern === undefined ? '' : ` (its directory pattern "${synced.pattern}" makes an Application of it)`;
  return [objectFinding(object, {
    layer, severity: 'error', field: synced.field,
    message: `${object.manifest.kind} ${object.manifest.metadata.name} applies ${synced.path === '' ? "the repository's root" : `"${synced.path}"`} of the site's repository${matched}, `
      + `${hit === 'holds' ? 'which holds' : hit === 'is' ? 'which is' : 'a layer of'} the folder of cluster "${target.clusterName}" (${own}), which its GitOps engine applies already: `
      + `every object there would have two owners, each undoing the other${other === undefined ? ', and this object would apply its own file'
        : `; cluster "${other.clusterName}" runs its own engine (gitops of its chart), whose root Application applies to the cluster it runs in`}`,
    hint: other !== undefined
      ? `drop it: each cluster syncs its own folder with the engine of its chart, ${own}/ with cluster "${other.clusterName}"'s; what this chart should apply to that cluster is written in that cluster's chart`
      : synced.pattern === undefined
      ? `point it at a folder outside ${own}/ (another repository's, or one beside the output folder), or drop it: what the cluster's chart holds is applied by the engine`
      : `match folders outside ${own}/ only (a folder of your own beside the output folder, e.g. path: 'extras/*'): the engine's root Application applies every layer of the cluster's folder already`,
  })];
}

/** The cluster charts built beside `chart` at the top of its app, itself included. */
function clustersBeside(chart: ClusterChart): ClusterChart[] {
  return chart.node.root.node.children.filter((c): c is ClusterChart => c instanceof ClusterChart && c.site !== undefined);
}

/**
 * The folders of the clusters built beside `chart` (`<site>/<cluster>`), relative to the output folder: the
 * cluster charts at the top of its app, itself included.
 */
function clusterFoldersBeside(chart: ClusterChart): string[] {
  return clustersBeside(chart).map((c) => c.folder);
}

/**
 * A sync object of the site's repository whose folder is a cluster's folder of the output misspelt (a site or
 * cluster name one letter off), or written without the output folder it lies in (`home/main/apps` where the
 * repository holds `dist/home/main/apps`): the folder does not exist, so Argo CD reports "app path does not
 * exist" and Flux "kustomization path not found", and nothing of it is applied.
 */
function missingFolderFindings(cluster: SynthesizedCluster, object: SynthesizedObject, synced: SyncedFolder, { own }: ClusterFolders): Finding[] {
  const chart = cluster.chart;
  const root = own === chart.folder ? '' : own.slice(0, own.length - chart.folder.length - 1);
  const path = folderOf(synced.path);
  const inOutput = root === '' || path.startsWith(`${root}/`);
  const [site, clusterName, ...rest] = (inOutput && root !== '' ? path.slice(root.length + 1) : path).split('/');
  if (site === undefined || clusterName === undefined || object.layer === 'sync' || synced.pattern !== undefined) {
    return [];
  }
  const folders = clusterFoldersBeside(chart);
  const written = `${site}/${clusterName}`;
  const meant = folders.includes(written) ? written : inOutput ? closestName(written, folders) : undefined;
  if (meant === undefined || (inOutput && meant === written)) {
    return [];
  }
  const fixed = [root, meant, ...rest].filter((part) => part !== '').join('/');
  return [objectFinding(object, {
    layer, severity: 'error', field: synced.field,
    message: `${object.manifest.kind} ${object.manifest.metadata.name} applies "${synced.path}" of the site's repository, which the output does not have`
      + `${inOutput ? ` (it writes ${meant}, no ${written})` : ` (it writes ${meant} under ${root}/)`}: `
      + `${object.manifest.kind === 'Application' ? 'Argo CD reports "app path does not exist"' : 'Flux reports "kustomization path not found"'} and applies nothing of it`,
    hint: `write the folder as the repository holds it: ${synced.field.split('.').pop()}: '${fixed}'`,
  })];
}

/** The repositories an AppProject takes (`sourceRepos`). */
function repositoriesOf(project: SynthesizedObject): string[] {
  const repositories = fields(project.manifest.spec).sourceRepos;
  return Array.isArray(repositories) ? repositories.filter((r): r is string => typeof r === 'string') : [];
}

/**
 * A sync object written by hand that reads the site's repository at another branch than the site's `git.branch`,
 * the one the output is committed to and the engine reads: it applies files the owner never pushes there
 * (or a branch that does not exist). A warning, as a folder kept on a branch of its own may be meant.
 */
function branchFindings(object: SynthesizedObject, siteBranch: string, cluster: SynthesizedCluster): Finding[] {
  const { apiVersion, kind } = object.manifest;
  const spec = fields(object.manifest.spec);
  const [field, branch] = kind === 'Application' && apiVersion.startsWith('argoproj.io/') ? ['spec.source.targetRevision', text(fields(spec.source).targetRevision)]
    : kind === 'GitRepository' && apiVersion.startsWith('source.toolkit.fluxcd.io/') ? ['spec.ref.branch', text(fields(spec.ref).branch)] : ['', undefined];
  // HEAD is the repository's default branch, which Argo CD resolves itself.
  if (branch === undefined || branch === siteBranch || branch === 'HEAD' || object.layer === 'sync') {
    return [];
  }
  return [objectFinding(object, {
    layer, severity: 'warning', field,
    message: `${kind} ${object.manifest.metadata.name} reads branch "${branch}" of the site's repository, while the output of cluster "${cluster.chart.clusterName}" is committed to "${siteBranch}" (the site's git.branch), which its engine reads`,
    hint: `read ${siteBranch}, or set the site's git: { branch: '${branch}' } if that is the branch the repository is pushed to`,
  })];
}

/**
 * An Application of a project the cluster renders (`argoCd({ createProject: true })`) takes only what that
 * project allows: the site's repository and the namespaces of the cluster's objects. Argo CD refuses any
 * other and never syncs it; the project `default` is rendered closed.
 */
function projectFindings(cluster: SynthesizedCluster, object: SynthesizedObject, provided: () => ReadonlySet<string>): Finding[] {
  if (object.manifest.kind !== 'Application' || !object.manifest.apiVersion.startsWith('argoproj.io/') || object.layer === 'sync') {
    return [];
  }
  const projects = indexOf(cluster.objects).of('AppProject').filter((p) => namespaceOf(p) === namespaceOf(object));
  if (projects.length === 0) {
    return [];
  }
  const spec = fields(object.manifest.spec);
  const name = text(spec.project) ?? '';
  const project = projects.find((p) => p.manifest.metadata.name === name);
  const open = projects.filter((p) => repositoriesOf(p).length > 0).map((p) => p.manifest.metadata.name);
  const finding = (field: string, message: string, hint: string): Finding[] => [objectFinding(object, { layer, severity: 'error', field, message, hint })];
  const repository = text(fields(spec.source).repoURL) ?? '';
  const takes = (repositories: readonly string[]) => projectTakesRepository(repositories, repository);
  const taking = open.filter((p) => takes(repositoriesOf(projects.find((q) => q.manifest.metadata.name === p)!)));
  const choose = `name one the cluster renders that takes ${repository}: ${(taking.length > 0 ? taking : open).join(', ')}`;
  if (project === undefined) {
    return finding('spec.project', `project "${name}" is no AppProject of cluster "${cluster.chart.clusterName}", so Argo CD never syncs the Application`, choose);
  }
  const projectSpec = fields(project.manifest.spec);
  const repositories = repositoriesOf(project);
  if (repositories.length === 0) {
    return finding('spec.project', `project "${name}" is rendered closed (no repository, no destination), so Argo CD never syncs the Application`, choose);
  }
  if (!takes(repositories)) {
    // The project of the Applications of chart releases is `<project>-upstream`, which the Application may name already.
    const upstream = projects.some((p) => p.manifest.metadata.name === `${name}-upstream`) ? `${name}-upstream` : name;
    // A project written by hand (the rendered ones are the engine's own, in the cluster folder's root) takes what its owner lists.
    const hint = project.layer !== 'sync'
      ? `add ${repository} to the sourceRepos of AppProject ${name}, which the chart writes by hand, or let argoCd({ createProject: true }) render the cluster's projects from what it installs`
      : `keep the Application's manifests in the site's repository (${gitSourceOf(cluster.chart)?.url ?? repositories[0]}), or install a chart with a ChartRelease, whose Application the project ${upstream} takes`;
    return finding('spec.source.repoURL', `project "${name}" takes only ${repositories.join(', ')}, so Argo CD refuses the Application's repository ${repository}`, hint);
  }
  const destination = text(fields(spec.destination).namespace);
  // A namespace nothing provides is one mistake, told by the provided-namespaces check.
  if (destination !== undefined && provided().has(destination) && !projectAllowsNamespace(projectSpec, destination)) {
    return finding('spec.destination.namespace', `project "${name}" allows only the namespaces of the cluster's objects, and none is in "${destination}", so Argo CD refuses the Application`,
      'deploy into a namespace of the cluster\'s own objects: the project widens with the objects the chart adds, so one added in that namespace through the library lets the Application in');
  }
  return [];
}

/** Hand-written sync objects of the site's repository: what they apply, at which branch, and, under Argo CD, their project. */
export function checkSyncSources(cluster: SynthesizedCluster): Finding[] {
  const git = gitSourceOf(cluster.chart);
  const findings: Finding[] = [];
  let provided: ReadonlySet<string> | undefined;
  let folders: ClusterFolders | undefined;
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    const kind = object.manifest.kind;
    if (kind !== 'Application' && kind !== 'ApplicationSet' && kind !== 'Kustomization' && kind !== 'GitRepository') {
      continue;
    }
    if (git !== undefined && (kind === 'GitRepository' ? sameRepository(text(fields(object.manifest.spec).url) ?? '', git.url)
      : kind === 'Application' && sameRepository(text(fields(fields(object.manifest.spec).source).repoURL) ?? '', git.url))) {
      findings.push(...branchFindings(object, git.branch, cluster));
    }
    const folder = (git === undefined ? [] : syncedFolders(cluster, object, git.url))
      .flatMap((synced) => {
        folders ??= clusterFolders(cluster.chart);
        return [...folderFindings(cluster, object, synced, folders), ...missingFolderFindings(cluster, object, synced, folders)];
      });
    findings.push(...(folder.length > 0 ? folder : projectFindings(cluster, object, () => (provided ??= providedNamespacesOf(cluster)))));
  }
  return findings;
}
