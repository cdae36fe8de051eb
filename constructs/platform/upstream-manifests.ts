import type { ContainerPatch, ManifestsInstall } from './component';

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

/** The command that gives a workload of upstream files in `namespace` its container settings, after `kubectl apply`. */
export function containerPatchCommand(patch: ContainerPatch, namespace: string): string {
  return `kubectl -n ${namespace} patch ${patch.kind.toLowerCase()} ${patch.name} --type=json -p '${containerPatchJson(patch)}'`;
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
