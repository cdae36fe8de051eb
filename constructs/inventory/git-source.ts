import { unbracketedIpv6Url } from './ip-address';
import { factValue } from './placeholder';
import { describeValue, InventoryProblem } from './problems';
import type { GitSource } from './site';

// What a site's `git` cannot be: GitOps engines write it into their objects and the owner's steps as it is.

/** The user part of a URL with a scheme: `https://me:hunter2@host/…` gives `me:hunter2`. */
const URL_USER_INFO = /^([a-z][a-z0-9+.-]*):\/\/([^/?#@]*)@/i;

/**
 * What credential a clone URL writes out, for the message (never the credential itself): a password
 * (`https://me:hunter2@…`, `ssh://git:s3cr3t@…`), or on HTTP(S) a user part alone, which is how a token is
 * passed there (`https://ghp_…@github.com/…`). A user without a password on SSH (`ssh://git@…`,
 * `git@host:…`) names the account the key logs in as and writes out nothing.
 */
function gitUrlCredential(url: string): string | undefined {
  const match = URL_USER_INFO.exec(url);
  if (!match || match[2] === '') {
    return undefined;
  }
  if (match[2].includes(':')) {
    return 'writes out a password after its user';
  }
  return /^https?$/i.test(match[1]) ? 'has a user part, which over HTTPS is a token (or needs a password)' : undefined;
}

/** A clone URL GitOps engines take: HTTP(S) or SSH with its host, or the scp form `user@host:path`. */
const CLONE_URL = /^(https?|ssh):\/\/[^/\s]+\/\S*$|^[^@/\s:]+@[^/\s:]+:\S+$/i;

/** A URL with a scheme whose host is followed by a colon and no port number: `ssh://git@github.com:me/lab.git`. */
const NON_NUMERIC_PORT = /^([a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?(?:\[[^\]\s]*\]|[^:/@\s]+)):(\d*)([^\d/\s@][^/\s@]*)(\/\S*)?$/i;

/** Whether a site's Git URL is a clone URL; one that is not is reported on the site's `git.url`. */
export function isCloneUrl(url: string): boolean {
  return CLONE_URL.test(url);
}

/**
 * A forge's web page of a branch, file or commit list, copied from the browser: GitHub's and Gitea's
 * `/tree/<branch>`, `/blob/<branch>/…`, `/commits/<branch>`, GitLab's `/-/tree/<branch>`, Forgejo's and Gitea's
 * `/src/branch/<branch>`. Git cannot clone it: the repository is the part before, the branch the segment after.
 */
const WEB_PAGE_URL = /^(https?:\/\/[^/\s]+\/[^\s]+?)(?:\/-)?\/(?:tree|blob|commits?|src\/branch)\/([^/\s]+)(?:\/\S*)?$/i;

/** A clone URL cut into what comes before its repository's path (scheme and host, or `user@host:`) and that path. */
const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/[^/\s]+\/|[^@/\s:]+@[^/\s:]+:)(.*)$/i;

/**
 * What a URL carries behind its repository that other tools read and Git does not: kustomize's remote form,
 * a folder after `//` and the branch as `?ref=` (`…/lab.git//clusters/lab?ref=main`), Terraform's `?ref=`,
 * npm's and pip's `#main`. Git sends all of it to the server as part of the repository's path, so the clone
 * fails. Pure.
 */
function urlTrailerProblem(url: string): InventoryProblem | undefined {
  const parts = URL_PARTS.exec(url);
  if (!parts) {
    return undefined;
  }
  const [, prefix, path] = parts;
  const query = /[?#]/.exec(path);
  const folder = path.slice(0, query?.index ?? path.length).indexOf('//');
  if (query === null && folder < 0) {
    return undefined;
  }
  const cut = folder >= 0 ? folder : (query?.index ?? path.length);
  const trailer = path.slice(cut);
  const ref = /(?:[?&]ref=|#)([^&#?]+)/.exec(trailer)?.[1];
  const fixed = `${prefix}${path.slice(0, cut).replace(/\/+$/, '')}`;
  return {
    field: 'git.url', message: `Git URL "${url}" carries "${trailer}" behind the repository, which other tools read and Git sends to the server as part of the repository's path: the clone would fail`,
    hint: `write the repository alone${ref === undefined ? '' : ' and the branch apart'}: git: { url: '${fixed}'${ref === undefined ? '' : `, branch: '${ref}'`} }`
      + (folder >= 0 ? "; a folder inside it is no part of git, as each cluster's engine applies the cluster's folder of dist/" : ''),
  };
}

/**
 * Forges whose repositories are `<account>/<repository>` and nothing deeper (GitLab's are at least that:
 * its groups nest), by host. A URL with a path of another depth names no repository there.
 */
const FORGE_PATH_DEPTH: Readonly<Record<string, { readonly exact: boolean }>> = {
  'github.com': { exact: true }, 'codeberg.org': { exact: true }, 'bitbucket.org': { exact: true }, 'gitlab.com': { exact: false },
};

/** A URL on a known forge whose path is only an account, or goes on into a folder of the repository. Pure. */
function forgePathProblem(url: string): InventoryProblem | undefined {
  const parts = URL_PARTS.exec(url);
  if (!parts) {
    return undefined;
  }
  const host = parts[1].replace(/^[a-z][a-z0-9+.-]*:\/\/|\/$|:$/gi, '').replace(/^[^@]*@/, '').replace(/:\d+$/, '').toLowerCase();
  const forge = FORGE_PATH_DEPTH[host];
  if (forge === undefined) {
    return undefined;
  }
  const segments = parts[2].split('/').filter((segment) => segment !== '');
  if (segments.length < 2) {
    return {
      field: 'git.url', message: `Git URL "${url}" names ${segments.length === 0 ? 'no repository' : `the account "${segments[0]}"`} on ${host}, not one of its repositories, where a clone URL there is <account>/<repository>`,
      hint: `write the repository's path after the account: '${parts[1]}${segments[0] ?? '<account>'}/<repository>.git'`,
    };
  }
  if (!forge.exact || segments.length === 2) {
    return undefined;
  }
  const repository = `${segments[0]}/${segments[1]}`;
  return {
    field: 'git.url', message: `Git URL "${url}" goes on behind repository ${repository.replace(/\.git$/, '')} into "${segments.slice(2).join('/')}", which ${host} serves as no repository: the clone would fail`,
    hint: `write the repository alone: git: { url: '${parts[1]}${repository}' }; a folder inside it is no part of git, as each cluster's engine applies the cluster's folder of dist/`,
  };
}

/** Whether `name` is a branch name Git accepts (`git check-ref-format --branch`). */
function isBranchName(name: unknown): boolean {
  return typeof name === 'string' && name !== '' && name !== '@'
    && !/[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|\/\/|\/\.|^[-/.]|[/.]$|\.lock$|\.lock\//.test(name);
}

/** The keys of {@link GitSource}, and what other tools' keys for the same thing are here. */
const GIT_KEYS: readonly string[] = ['url', 'branch'] satisfies ReadonlyArray<keyof GitSource>;
const GIT_KEY_HABITS: Readonly<Record<string, string>> = {
  ref: 'branch', revision: 'branch', targetRevision: 'branch', repoURL: 'url', repository: 'url', repo: 'url',
};

function gitShapeProblems(git: unknown): InventoryProblem[] {
  if (git === null || typeof git !== 'object' || Array.isArray(git)) {
    return [{
      field: 'git', message: `git is ${describeValue(git)}, not { url, branch }`,
      hint: typeof git === 'string' ? `write it as git: { url: '${git.trim()}' } (branch: 'main' by default)` : "write it as git: { url: 'https://git.example.com/me/lab.git', branch: 'main' }",
    }];
  }
  return Object.keys(git).filter((key) => !GIT_KEYS.includes(key)).map((key) => ({
    field: `git.${key}`, message: `"${key}" is not a key of git, which takes url and branch only; it would be ignored`,
    hint: GIT_KEY_HABITS[key] !== undefined ? `write it as git.${GIT_KEY_HABITS[key]}`
      : "the folder each cluster's engine applies is its folder of dist/ (Flux: flux({ bootstrapPath }) for bootstrap's own); drop it",
  }));
}

/** A folder of this machine, as a clone's path or a file:// URL (`/home/me/lab`, `~/lab`, `./`, `C:\\lab`). */
const LOCAL_PATH = /^(file:\/\/|\/(?!\/)|~|\.{1,2}(\/|\\|$)|[A-Za-z]:[\\/])/i;

function urlProblems(url: unknown): InventoryProblem[] {
  if (typeof url !== 'string' || url === '') {
    return [{ field: 'git.url', message: `Git URL ${describeValue(url)} is not a clone URL`, hint: 'give the URL GitOps engines clone, e.g. ssh://git@forge.example/lab/gitops.git' }];
  }
  const trimmed = url.trim();
  if (trimmed !== url) {
    return [{ field: 'git.url', message: `Git URL "${url}" has blanks around it, which the engines would take as part of it`, hint: `write it as '${trimmed}'` }];
  }
  const page = WEB_PAGE_URL.exec(url);
  if (page) {
    return [{
      field: 'git.url', message: `Git URL "${url}" is the web page of branch "${page[2]}" of a repository, which Git cannot clone`,
      hint: `give the repository's clone URL and the branch apart: git: { url: '${page[1].replace(/\/+$/, '')}.git', branch: '${page[2]}' }`,
    }];
  }
  const bare = unbracketedIpv6Url(url);
  if (bare !== undefined) {
    return [{
      field: 'git.url', message: `Git URL "${url}" has the IPv6 address ${bare.address} without brackets, so its colons read as a port`,
      hint: `put the address in brackets: '${bare.fixed}'`,
    }];
  }
  if (LOCAL_PATH.test(url)) {
    return [{
      field: 'git.url', message: `Git URL "${url}" is a folder of the machine synth runs on (a clone), which the GitOps engines in the cluster cannot reach`,
      hint: "give the URL of the repository they clone over the network, as git remote get-url origin prints it in that folder, e.g. 'https://github.com/<you>/<repository>.git'",
    }];
  }
  if (!isCloneUrl(url)) {
    // The engines' objects take it as written; Flux's GitRepository and Argo CD would refuse or misread it.
    const hostAndPath = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^\/+/, '');
    return [{
      field: 'git.url', message: `Git URL "${url}" is not a clone URL: it needs its scheme (https:// or ssh://), or the scp form user@host:path`,
      hint: `write it as GitOps engines clone it, e.g. 'https://${hostAndPath}' or 'ssh://git@${hostAndPath}'`,
    }];
  }
  const port = NON_NUMERIC_PORT.exec(url);
  if (port) {
    // Copied from the scp form (git@host:owner/repo) with a scheme put before it: the colon now starts a port.
    return [{
      field: 'git.url', message: `Git URL "${url}" has "${port[2]}${port[3]}" after a colon behind its host, where a URL with a scheme takes a port number`,
      hint: `write the path after a slash: '${port[1]}/${port[2]}${port[3]}${port[4] ?? ''}'`,
    }];
  }
  const credential = gitUrlCredential(url);
  if (credential === undefined) {
    const path = urlTrailerProblem(url) ?? forgePathProblem(url);
    return path === undefined ? [] : [path];
  }
  return [{
    field: 'git.url', message: `Git URL ${credential}; the GitOps objects and the cluster's README would commit it in the clear`,
    hint: "write the URL without it and give the engine the credential in a Secret: flux({ secretName }) names the Secret its GitRepository reads "
      + "(secretRef: username and password, or an SSH key), argoCd({ repositoryCredential: { sshPrivateKey } }) takes a deploy key; "
      + 'ssh://git@host/… and git@host:… name a user only and stay as they are',
  }];
}

function branchProblems(branch: unknown): InventoryProblem[] {
  if (branch === undefined) {
    return [];
  }
  if (!isBranchName(branch)) {
    const trimmed = typeof branch === 'string' ? branch.trim() : '';
    return [{
      field: 'git.branch', message: `branch ${describeValue(branch)} is not a Git branch name`,
      hint: trimmed !== branch && isBranchName(trimmed) ? `write it without the blanks: '${trimmed}'` : 'give the branch GitOps engines follow as Git names it, e.g. main or env/prod (no spaces, no ..)',
    }];
  }
  // Flux's ref.branch and Argo CD's targetRevision take the short name; refs/heads/main names no branch there.
  if (typeof branch === 'string' && branch.startsWith('refs/')) {
    return [{
      field: 'git.branch', message: `branch "${branch}" is a full ref, where GitOps engines take a branch's short name`,
      hint: `write the branch alone, e.g. ${branch.replace(/^refs\/(heads\/)?/, '') || 'main'}`,
    }];
  }
  // `git branch -a` lists the remote's branches as origin/main; the engines ask the remote itself for main.
  const remote = typeof branch === 'string' ? /^(?:remotes\/)?(origin|upstream)\/(.+)$/.exec(branch) : null;
  return remote ? [{
    field: 'git.branch', message: `branch "${branch}" is how your clone names branch "${remote[2]}" of its remote ${remote[1]}, where GitOps engines ask the repository itself for the branch`,
    hint: `write the branch as the repository names it: branch: '${remote[2]}'`,
  }] : [];
}

/** What is wrong with a site's `git` (its url a placeholder's value or as written). Pure. */
export function gitSourceProblems(git: unknown): InventoryProblem[] {
  if (git === undefined) {
    return [];
  }
  const shape = gitShapeProblems(git);
  if (shape.some((problem) => problem.field === 'git')) {
    return shape;
  }
  const { url, branch } = git as { url?: unknown; branch?: unknown };
  return [...shape, ...urlProblems(typeof url === 'string' ? url : factValue(url as never)), ...branchProblems(branch)];
}
