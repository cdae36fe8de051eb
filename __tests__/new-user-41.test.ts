import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Construct } from 'constructs';
import {
  acmeIssuer, App, AppController, AppVolume, ClusterChart, ClusterIssuer, cloudflareDns01, flux, host, localPathStorage, runDiffCli, SecretReference, site, synthesize, traefik, WildcardCertificate,
} from '../constructs';
import { App as CdkApp } from 'cdk8s';
import { guarded, lab, labCluster } from './bad-input/lab';

// A new user's month with the library, from the README alone. These are the steps of it that are no bad props:
// `npm run diff` in the lab's folder before its repository has a commit, or before it is a repository at all.

/** The lab: one web app in the corpus' cluster. */
const define = (scope: Construct) => {
  const cluster = labCluster(scope as CdkApp);
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
};

/** What runDiffCli prints and returns in a new folder that `prepare` makes ready, with `argv`. */
function diffIn(prepare: (dir: string) => void, argv: string[] = []): { status: number; printed: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-new-user-41-'));
  prepare(dir);
  const printed: string[] = [];
  const status = runDiffCli(define, { argv, cwd: dir, log: (line: string) => printed.push(line) });
  return { status, printed: printed.join('\n') };
}

const gitInit = (dir: string) => execFileSync('git', ['init', '-q', dir], { stdio: 'ignore' });

describe('npm run diff before the first commit', () => {
  test('in a repository with no commit yet, everything synth makes is added, with a line that says why', () => {
    const { status, printed } = diffIn(gitInit);
    expect(status).toBe(1);
    expect(printed).toMatch(/^dist\/ has no commit to compare with \(the repository has no commit yet\): every object shows as added\n/);
    expect(printed).toMatch(/^lab\/main: \d+ added, 0 removed, 0 changed$/m);
    expect(printed).toMatch(/\+ Deployment\.apps web\/web/);
    expect(printed).not.toMatch(/diff failed|--against takes/);
  });

  test('--against HEAD, asked for by name, in a repository with no commit is still an error on that ref', () => {
    const { status, printed } = diffIn(gitInit, ['--against', 'HEAD']);
    expect(status).toBe(1);
    expect(printed).toMatch(/^diff failed: cannot read dist\/ at HEAD: fatal: Not a valid object name HEAD\n {6}hint: --against takes a commit/);
  });

  test('in a folder of no repository, the hint makes one rather than naming --against, which was not given', () => {
    const { status, printed } = diffIn(() => undefined);
    expect(status).toBe(1);
    expect(printed).toMatch(/^diff failed: cannot read dist\/ at HEAD: fatal: not a git repository/);
    expect(printed).toMatch(/hint: npm run diff compares with dist\/ as committed in Git: run it inside the lab's Git repository \(`git init` makes one/);
    expect(printed).not.toMatch(/--against/);
  });
});

describe('a wildcard certificate of their own domain', () => {
  test('a Cloudflare token pasted into the issuer is refused, and no finding prints it', () => {
    const token = 'Zx9-4kLmN0pQrStUvWxYz0123456789AbCdEfGhI';
    const app = new CdkApp();
    guarded((scope: CdkApp) => new ClusterIssuer(labCluster(scope), 'letsencrypt', {
      name: 'letsencrypt',
      issuer: acmeIssuer({ server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'owner@lab.test', solvers: [cloudflareDns01({ apiToken: token as never })] }),
    }))(app);
    const { findings } = synthesize(app, { outdir: 'unused', write: false });
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.field)).toEqual(['issuer.solvers[0].apiToken']);
    expect(JSON.stringify(findings)).not.toContain(token.slice(0, 12));
  });
});

const minis = [1, 2].map((n) => host(`mini${n}`, { arch: 'amd64', roles: n === 1 ? ['control-plane', 'worker'] : ['worker'], address: `10.41.0.${n}` }));
const backups = site('nu41', { domain: 'nu41.test', hosts: minis, git: { url: 'https://git.nu41.test/lab.git' }, nfs: { repo: { server: '10.41.0.9', path: '/backups' } } });

/** A cluster `two` of two untainted mini PCs, where a pod may land on either, with local-path as tier `local`. */
const twoNodes = (app: CdkApp) => new ClusterChart(app, 'two', { site: backups, hosts: minis, routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() }, gitops: flux() });

describe('backups of everything', () => {
  test("a restic CronJob of Vaultwarden's own local-path claim runs on the volume's node beside it, without an error on the claim", () => {
    const app = new CdkApp();
    const cluster = twoNodes(app);
    new App(cluster, 'vaultwarden', {
      image: 'vaultwarden/server:1.32.7', env: { ROCKET_PORT: '8080' }, ports: [{ name: 'http', port: 8080 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } },
    });
    new App(cluster, 'restic', {
      namespace: 'vaultwarden', image: 'restic/restic:0.17.1', args: ['backup', '/data'], ports: [],
      controller: AppController.cronJob({ schedule: '30 3 * * *' }),
      env: { RESTIC_REPOSITORY: '/repo', RESTIC_PASSWORD: SecretReference.external('vaultwarden', 'restic', 'password') },
      persistence: {
        data: { volume: AppVolume.existingClaim('vaultwarden-data'), mountPath: '/data', readOnly: true },
        repo: { volume: AppVolume.nfs(backups.nfs.repo, 'vaultwarden'), mountPath: '/repo' },
      },
    });
    const { findings } = synthesize(app, { outdir: 'unused', write: false });
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test('an app placed on both mini PCs by name, with its data on local-path, is a warning on the placement: it never moves to the other', () => {
    const app = new CdkApp();
    const cluster = twoNodes(app);
    new App(cluster, 'vaultwarden', {
      image: 'vaultwarden/server:1.32.7', env: { ROCKET_PORT: '8080' }, ports: [{ name: 'http', port: 8080 }],
      placement: { hosts: [...cluster.hosts] },
      persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } },
    });
    const errors = synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.field === 'placement.hosts');
    expect(errors.map((f) => `${f.severity} ${f.constructPath} ${f.field}`)).toEqual(['warning two/vaultwarden placement.hosts']);
    expect(errors[0].message).toMatch(/^the app is placed on mini1, mini2, but its claim persistence\.data\.volume lives on local-path, a folder of the node its volume is first made on/);
    expect(errors[0].hint).toMatch(/^place it on the host that keeps the data: placement: \{ host: mini1 \}, or the one its volume is on already; or keep the data on a tier every listed host mounts/);
  });
});

describe("an app whose egress is its own list calls a machine outside the cluster", () => {
  /** Findings of a restic CronJob that writes to Backblaze's S3 endpoint, with `egress`. */
  const offsite = (egress: unknown) => {
    const app = new CdkApp();
    const cluster = labCluster(app);
    new App(cluster, 'restic', {
      namespace: 'vaultwarden', image: 'restic/restic:0.17.1', args: ['backup', '/data'], ports: [],
      controller: AppController.cronJob({ schedule: '30 3 * * *' }), egress: egress as never,
      env: {
        RESTIC_REPOSITORY: 's3:https://s3.eu-central-003.backblazeb2.com/lab-backups', RESTIC_PASSWORD: SecretReference.external('vaultwarden', 'restic', 'password'),
      },
      persistence: { data: { volume: AppVolume.nfs(lab.nfs.share, 'vaultwarden'), mountPath: '/data', readOnly: true } },
    });
    return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => /outside the cluster/.test(f.message));
  };

  test('with no address among its egress, the backup to S3 waits on its timeout: a warning on the variable', () => {
    const [found, ...more] = offsite([]);
    expect(more).toEqual([]);
    expect([found.severity, found.constructPath, found.field]).toEqual(['warning', 'main/restic', 'env.RESTIC_REPOSITORY']);
    expect(found.message).toMatch(/^env RESTIC_REPOSITORY calls s3\.eu-central-003\.backblazeb2\.com:443, outside the cluster, but this app's own egress policy lets nothing out/);
    expect(found.hint).toMatch(/egress: \{ cidr: '<address of s3\.eu-central-003\.backblazeb2\.com>\/32', ports: \[\{ port: 443 \}\] \}/);
  });

  test.each([
    ['any address', 'any'],
    ['an address block on that port', [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }]],
  ])('with %s among its egress, nothing is said', (_name, egress) => {
    expect(offsite(egress)).toEqual([]);
  });
});

describe("Paperless-ngx's Redis, named as its compose file names it", () => {
  /** The findings on Paperless' env of a lab with Paperless given `env`, and `redis` beside it in namespace `with`. */
  const paperless = (env: Record<string, string>, redisIn?: string) => {
    const app = new CdkApp();
    const cluster = labCluster(app);
    if (redisIn !== undefined) {
      new App(cluster, 'redis', { namespace: redisIn, image: 'redis:7.4.1', ports: [{ name: 'redis', port: 6379 }], command: ['redis-server'] });
    }
    new App(cluster, 'paperless', {
      image: 'ghcr.io/paperless-ngx/paperless-ngx:2.13.5', ports: [{ name: 'http', port: 8000 }], env,
      persistence: { run: { volume: AppVolume.emptyDir(), mountPath: '/run' } },
    });
    return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.constructPath === 'main/paperless' && f.field.startsWith('env.'));
  };

  test('a Redis URL of a short name no Service of the cluster has is a warning: the Redis was never deployed', () => {
    const [found, ...more] = paperless({ PAPERLESS_REDIS: 'redis://redis:6379' });
    expect(more).toEqual([]);
    expect([found.severity, found.field]).toEqual(['warning', 'env.PAPERLESS_REDIS']);
    expect(found.message).toMatch(/^env PAPERLESS_REDIS calls Service redis\.paperless, which nothing in namespace "paperless" makes/);
    expect(found.hint).toMatch(/^deploy it in namespace "paperless" \(an app redis there\), or call a Service that is: .*; a machine outside the cluster is named in full \(redis\.lan\)$/);
  });

  test('with the Redis deployed in its namespace, nothing is said of the name', () => {
    expect(paperless({ PAPERLESS_REDIS: 'redis://redis:6379' }, 'paperless').filter((f) => /nothing in namespace/.test(f.message))).toEqual([]);
  });

  test('a bare word under a name that holds a host, with no port or scheme, is no call: a switch of the app', () => {
    expect(paperless({ PAPERLESS_SERVER_DEBUG: 'false' }).map((f) => f.field)).toEqual([]);
  });
});

describe('a route host outside the wildcard certificate of the cluster', () => {
  /** The hint of the certificate warning on an app routed at `host`, beside the wildcard certificate of the lab's domain. */
  const hintFor = (host: string) => {
    const app = new CdkApp();
    const cluster = labCluster(app);
    new ClusterIssuer(cluster, 'letsencrypt', {
      name: 'letsencrypt', issuer: acmeIssuer({ server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'owner@lab.test', solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare', 'api-token') })] }),
    });
    new WildcardCertificate(cluster, 'wildcard', { issuer: 'letsencrypt' });
    new App(cluster, 'paperless', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host } });
    return synthesize(app, { outdir: 'unused', write: false }).findings.find((f) => /lies under none of the cluster's wildcard certificates/.test(f.message))?.hint;
  };

  test("under another domain, the hint offers a certificate of that domain", () => {
    expect(hintFor('docs.example.org')).toMatch(/make a WildcardCertificate for domain: 'example\.org'/);
  });

  test('under a single label (docs.paper, meant under the domain), the hint offers no wildcard of a top-level domain, which no CA signs', () => {
    expect(hintFor('docs.paper')).toBe("route it under a certificate's domain (e.g. 'docs.lab.test'), or give traefik() a certResolver that may issue for the name");
  });
});

describe("an app's own URL, as its image is told it", () => {
  test("Vaultwarden's DOMAIN on its route's host, or with the route's port, passes", () => {
    const app = new CdkApp();
    const cluster = labCluster(app);
    new App(cluster, 'vaultwarden', {
      image: 'vaultwarden/server:1.32.7', env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.lab.test:443' }, ports: [{ name: 'http', port: 8080 }],
      route: { host: 'vault' }, persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } },
    });
    expect(synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.field === 'env.DOMAIN')).toEqual([]);
  });
});
