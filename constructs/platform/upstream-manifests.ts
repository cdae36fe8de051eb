import type { ContainerArgs, ManifestsInstall } from './component';

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

/** The command that gives a workload of upstream files in `namespace` its arguments, after `kubectl apply`. */
export function containerArgsCommand(containerArgs: ContainerArgs, namespace: string): string {
  return `kubectl -n ${namespace} patch ${containerArgs.kind.toLowerCase()} ${containerArgs.name} --type=json -p '${containerArgsPatch(containerArgs)}'`;
}

/** The JSON patch (RFC 6902) that gives a workload's first container `args`, as text. */
export function containerArgsPatch(containerArgs: ContainerArgs): string {
  return JSON.stringify([{ op: 'add', path: '/spec/template/spec/containers/0/args', value: containerArgs.args }]);
}
