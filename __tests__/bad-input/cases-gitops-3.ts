import { App as CdkApp } from 'cdk8s';
import * as homelab from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// A new user's GitOps engine, written from the README's engine sections alone: durations as people and
// other tools write them, Argo CD and Flux names as a dashboard shows them, the engine's function named
// but not called: each was an error on the right prop whose hint only repeated the rule, and now says
// what to write. And a branch as a clone lists the remote's (origin/main), and the scp form with a scheme
// before it (ssh://git@host:owner/repo), which the engines misread, both passed.

/** A cluster `edge` of the lab with these GitOps settings, built when the case runs (a factory may throw). */
const engine = (gitops: () => unknown) => guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'edge', { gitops: gitops() } as any));
/** A case on the prop `field` of the engine of cluster `edge`, whose hint must match `hint`. */
const onEngine = (name: string, gitops: () => unknown, field: string, hint: RegExp): BadInput =>
  ({ name, build: engine(gitops), layer: 'props', path: 'edge', field, hint });
/** A case on the `git` of a site `name` of its own, whose hint must match `hint`. */
const onGit = (name: string, site: string, git: unknown, field: string, hint: RegExp): BadInput => ({
  name, layer: 'inventory', path: `inventory/site/${site}`, field, hint,
  build: guarded((_c: ClusterChart, app: CdkApp) => {
    const node = homelab.host(`${site}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.5.1' });
    const own = homelab.site(site, { domain: `${site}.test`, hosts: [node], git: git as any });
    labCluster(app, 'edge', { site: own, hosts: [node], loadBalancer: undefined, storage: {}, gitops: homelab.flux() } as any);
  }),
});

export const CASES: BadInput[] = [
  // Durations: Go's units only, no blanks, no days.
  onEngine("flux interval '10 minutes'", () => homelab.flux({ interval: '10 minutes' }), 'gitops.interval', /interval: '10m'/),
  onEngine("flux interval '10min'", () => homelab.flux({ interval: '10min' }), 'gitops.interval', /interval: '10m'/),
  onEngine("flux interval '1h30' (minutes after the hours)", () => homelab.flux({ interval: '1h30' }), 'gitops.interval', /interval: '1h30m'/),
  onEngine('flux interval as the number 600', () => homelab.flux({ interval: 600 as any }), 'gitops.interval', /600 seconds write interval: '10m'/),
  onEngine("flux retryInterval in ISO 8601 ('PT5M')", () => homelab.flux({ retryInterval: 'PT5M' }), 'gitops.retryInterval', /retryInterval: '5m'/),
  onEngine("flux timeout '1d'", () => homelab.flux({ timeout: '1d' }), 'gitops.timeout', /timeout: '24h'/),
  // Names as a dashboard or a habit writes them.
  onEngine("Argo CD project 'My_Lab'", () => homelab.argoCd({ project: 'My_Lab' }), 'gitops.project', /project: 'my-lab'/),
  onEngine("Argo CD namespace 'Argo CD'", () => homelab.argoCd({ namespace: 'Argo CD' }), 'gitops.namespace', /namespace: 'argo-cd'/),
  onEngine("flux sopsSecretName 'sops_age'", () => homelab.flux({ sopsSecretName: 'sops_age' }), 'gitops.sopsSecretName', /sopsSecretName: 'sops-age'/),
  onEngine("flux secretName 'Git Creds'", () => homelab.flux({ secretName: 'Git Creds' }), 'gitops.secretName', /secretName: 'git-creds'/),
  // A branch as a clone lists the remote's: the engines ask the repository, which names it main.
  onGit("git branch 'origin/main'", 'gt1', { url: 'https://git.gt1.test/lab.git', branch: 'origin/main' }, 'git.branch', /branch: 'main'/),
  onGit("git branch 'remotes/upstream/env/prod'", 'gt2', { url: 'https://git.gt2.test/lab.git', branch: 'remotes/upstream/env/prod' }, 'git.branch', /branch: 'env\/prod'/),
  // The scp form with a scheme put before it: the colon after the host starts a port.
  onGit("git URL 'ssh://git@github.com:me/lab.git'", 'gt3', { url: 'ssh://git@github.com:me/lab.git' }, 'git.url', /'ssh:\/\/git@github\.com\/me\/lab\.git'/),
  onGit("git URL 'https://git.gt4.test:me/lab'", 'gt4', { url: 'https://git.gt4.test:me/lab' }, 'git.url', /'https:\/\/git\.gt4\.test\/me\/lab'/),
  // The engine's function named as a plugin list names one, not called.
  onEngine('gitops: flux (the function, not called)', () => homelab.flux, 'gitops', /gitops: flux\(\)/),
  onEngine('gitops: argoCd (the function, not called)', () => homelab.argoCd, 'gitops', /gitops: argoCd\(\)/),
];
