import type { ConfigMapPatch, ContainerPatch, ManifestsInstall } from './component';

/** Whether a repository URL is one of github.com, whose files are served raw from raw.githubusercontent.com. */
export function isGitHubRepository(repository: string): boolean {
  return /^https:\/\/github\.com\/[^/]+\/[^/]+/.test(repository);
}

/**
 * The URLs of a manifests install's files at its tag, for `kubectl apply -f`: raw file URLs on GitHub,
 * `<repository>/raw/<tag>/…` (GitLab, Forgejo, Gitea) elsewhere.
 */
export function upstreamFileUrls(install: ManifestsInstall): string[] {
  const repository = install.repository.replace(/\.git$/, '').replace(/\/$/, '');
  const base = isGitHubRepository(repository) ? `${repository.replace(/^https:\/\/github\.com\//, 'https://raw.githubusercontent.com/')}/${install.tag}` : `${repository}/raw/${install.tag}`;
  const folder = install.path.replace(/^\/|\/$/g, '');
  return install.files.map((file) => `${base}/${folder === '' ? '' : `${folder}/`}${file}`);
}

/** One change to an object of upstream files: the object it targets, the JSON patch (RFC 6902) as text, and what it sets in a few words. */
export interface UpstreamPatch {
  /** Kind of the object, e.g. `ConfigMap`. */
  readonly kind: string;
  /** Its name in the upstream files. */
  readonly name: string;
  /** The JSON patch, as text. */
  readonly json: string;
  /** What it sets, e.g. `ConfigMap/local-path-config data config.json`. */
  readonly description: string;
}

/** Every change a manifests install makes to its upstream files (container settings, ConfigMap values), in that order. */
export function upstreamPatches(install: ManifestsInstall): UpstreamPatch[] {
  return [
    ...(install.containerPatches ?? []).map((p) => ({ kind: p.kind, name: p.name, json: containerPatchJson(p), description: describeContainerPatch(p) })),
    ...(install.configMapPatches ?? []).map((p) => ({
      kind: 'ConfigMap', name: p.name, json: configMapPatchJson(p), description: `ConfigMap/${p.name} data ${Object.keys(p.data).join(' ')}`,
    })),
  ];
}

/** Kustomize `patches` entries (inline JSON patch and target) of the changes `install` makes to its upstream files. */
export function upstreamKustomizePatches(install: ManifestsInstall): Array<{ patch: string; target: { kind: string; name: string } }> {
  return upstreamPatches(install).map((p) => ({ patch: p.json, target: { kind: p.kind, name: p.name } }));
}

/**
 * A kustomization that applies the upstream files of `install` with its changes and image pins in one
 * step (`kubectl apply -k`), so that no object runs for a moment as upstream wrote it (a provisioner
 * reading a ConfigMap before it is patched). Its resources are the files' raw URLs, which Kustomize
 * fetches itself (remote files are resources like local ones; see Kustomize's remoteBuild example).
 * `undefined` when the install changes nothing: its files are applied as they are.
 */
export function upstreamKustomization(install: ManifestsInstall): Record<string, unknown> | undefined {
  const patches = upstreamKustomizePatches(install);
  const images = (install.images ?? []).map((image) => ({ ...image }));
  if (patches.length === 0 && images.length === 0) {
    return undefined;
  }
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization',
    resources: upstreamFileUrls(install),
    ...(patches.length > 0 ? { patches } : {}),
    ...(images.length > 0 ? { images } : {}),
  };
}

/** The commands that make the changes of `install` to its upstream files in `namespace`, after `kubectl apply`. */
export function upstreamPatchCommands(install: ManifestsInstall, namespace: string): string[] {
  return upstreamPatches(install).map((patch) => upstreamPatchCommand(patch, namespace));
}

/** The command that makes one change to an object of upstream files in `namespace`. */
function upstreamPatchCommand(patch: UpstreamPatch, namespace: string): string {
  // The patch is one single-quoted shell word: a quote inside it closes, escapes and reopens the word.
  return `kubectl -n ${namespace} patch ${patch.kind.toLowerCase()} ${patch.name} --type=json -p '${patch.json.split("'").join("'\\''")}'`;
}

/** The command that gives a workload of upstream files in `namespace` its container settings, after `kubectl apply`. */
export function containerPatchCommand(patch: ContainerPatch, namespace: string): string {
  return upstreamPatchCommand({ kind: patch.kind, name: patch.name, json: containerPatchJson(patch), description: '' }, namespace);
}

/** The JSON patch (RFC 6902) that gives keys of a ConfigMap's `data` their new values, as text (`add` replaces a key that is there). */
export function configMapPatchJson(patch: ConfigMapPatch): string {
  // JSON pointer: `~` and `/` of a key are written `~0` and `~1`.
  return JSON.stringify(Object.entries(patch.data).map(([key, value]) => ({ op: 'add', path: `/data/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, value })));
}

/** The JSON patch (RFC 6902) that gives a workload's first container its `args` and `resources`, as text. */
export function containerPatchJson(patch: ContainerPatch): string {
  const container = '/spec/template/spec/containers/0';
  return JSON.stringify([
    ...(patch.args ? [{ op: 'add', path: `${container}/args`, value: patch.args }] : []),
    ...(patch.resources ? [{ op: 'add', path: `${container}/resources`, value: patch.resources }] : []),
  ]);
}

/** What a container patch sets, in a few words: `DaemonSet/kube-multus-ds resources limits.memory=256Mi`. */
export function describeContainerPatch(patch: ContainerPatch): string {
  const resources = Object.entries(patch.resources ?? {}).flatMap(([kind, values]) => Object.entries(values ?? {}).map(([k, v]) => `${kind}.${k}=${v}`));
  return [`${patch.kind}/${patch.name}`, ...(patch.args ? [`args ${patch.args.join(' ')}`] : []), ...(resources.length > 0 ? [`resources ${resources.join(' ')}`] : [])].join(' ');
}

/** The command that labels the namespace upstream files made (`ManifestsInstall.namespaceLabels`), after `kubectl apply`; none without labels. */
export function namespaceLabelCommands(install: ManifestsInstall, namespace: string): string[] {
  const labels = Object.entries(install.namespaceLabels ?? {});
  return labels.length === 0 ? [] : [`kubectl label namespace ${namespace} ${labels.map(([key, value]) => `${key}=${value}`).join(' ')} --overwrite`];
}
