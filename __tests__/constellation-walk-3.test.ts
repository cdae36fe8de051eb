import { execFileSync } from 'child_process';
import { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { Construct as Scope } from 'constructs';
import { host, k3s, k3sManifests, synthesize } from '../constructs';
import type { Host, K3sProps } from '../constructs';
import { Main } from '../charts/constellation/main';
import { MEDIA_CONTAINERS } from '../charts/constellation/media';
import { constellation } from '../hosts/constellation';
import { labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

// A third walk of the constellation site, on its second day: the owner rotates the secrets the README had them
// make by hand (the K3s join token, lldap's JWT secret, Keycloak's admin) and adds a host, each as the README says.

let readme: string | undefined;

/** The README of constellation/main with node ports, synthesized once for the whole file. */
function constellationReadme(): string {
  readme ??= synthInMemory((scope: Construct) => { new Main(new Scope(scope, 'constellation')); }).files.get('constellation/main/README.md')!;
  return readme;
}

/** The rows of the README's table of steps by hand. */
function rows(): string[] {
  return constellationReadme().split('\n').filter((line) => /^\| (bootstrap|manual|placeholder) \|/.test(line));
}

/** The row whose step begins with `start`. */
function rowStarting(start: string): string {
  const row = rows().find((r) => r.split(' | ')[1]?.startsWith(start));
  expect(row).toBeDefined();
  return row!;
}

/** The command of a row: its cell, or the block below the table it points at, Markdown's escapes undone. */
function commandOf(row: string): string {
  const cell = row.replace(/\\\|/g, '\u0000').split(' | ')[2].replace(/\u0000/g, '|');
  const block = /^block (\d+) below the table$/.exec(cell);
  if (block === null) {
    return cell.replace(/^`|`$/g, '');
  }
  const text = constellationReadme();
  const start = text.indexOf(`\n${block[1]}. `);
  const body = /```\n([\s\S]*?)\n\s*```/.exec(text.slice(start))![1];
  return body.split('\n').map((line) => line.replace(/^ {3}/, '')).join('\n');
}

/** Whether bash parses `command` (runs nothing). */
function bashParses(command: string): boolean {
  execFileSync('bash', ['-n'], { input: command });
  return true;
}

describe("constellation: the join token, which K3s' datastore is encrypted with, keeps its value unless K3s rotates it", () => {
  test('a host added later is given the value the agenix secret holds, re-encrypted for its key, not a new random value', () => {
    const row = rowStarting("make the cluster's join token, the agenix secret k3s-token");
    expect(row).toContain('A host added later joins with the value the secret holds');
    expect(row).toContain('re-encrypt it (`agenix -r`), keeping the value');
  });

  test('rotating it is a step of the running cluster: `k3s token rotate` on storage first, then the secret, every host and a restart', () => {
    const row = rowStarting("to rotate the cluster's join token (the agenix secret k3s-token)");
    expect(row.startsWith('| manual |')).toBe(true);
    // A day-two step: after the steps that start the cluster, not among those before the first sync.
    const index = rows().indexOf(row);
    expect(index).toBeGreaterThan(rows().findIndex((r) => r.includes('copy or link every file of dist/constellation/main')));
    expect(row).toContain('while /run/agenix/k3s-token still holds the old value');
    expect(row).toContain('deploy every host and restart K3s on each host, storage first (`systemctl restart k3s`: a changed token file restarts nothing)');
    const command = commandOf(row);
    expect(command).toContain('k3s token rotate --token "$(cat /run/agenix/k3s-token)" --new-token "…"');
    expect(bashParses(command)).toBe(true);
  });
});

describe('the library: a join token the owner provides says how to add a host and how to rotate it', () => {
  function actions(props: K3sProps) {
    const app = new CdkApp();
    const distribution = k3s({ disable: ['traefik', 'servicelb'], ...props });
    const cluster = labCluster(app, 'main', { gitops: k3sManifests(), preinstalled: [distribution] });
    distribution.configure(cluster);
    return synthesize(app, { outdir: 'unused', write: false }).outcomes[0].figures.ownerActions;
  }

  test("a token file put on every host: a new host gets a copy of the server's, and the agents restart as K3s' install script names them", () => {
    const list = actions({ tokenFile: '/etc/rancher/k3s/token' });
    expect(list.find((a) => a.action.startsWith("put the cluster's join token in /etc/rancher/k3s/token"))!.action)
      .toContain("A host added later gets the same value, copied from gpu1's /etc/rancher/k3s/token");
    const rotate = list.find((a) => a.action.startsWith("to rotate the cluster's join token (/etc/rancher/k3s/token on every host)"))!;
    expect(rotate).toMatchObject({ kind: 'manual' });
    expect(rotate.beforeFirstSync).toBeUndefined();
    expect(rotate.action).toContain('write the new value into /etc/rancher/k3s/token on gpu1 and arm1');
    expect(rotate.action).toContain('`systemctl restart k3s` on servers, `k3s-agent` on agents');
    expect(rotate.command).toContain('k3s token rotate --token "$(cat /etc/rancher/k3s/token)" --new-token "…"');
  });

  test('a token the server makes itself needs neither step', () => {
    expect(actions({}).filter((a) => a.action.includes('rotate'))).toEqual([]);
  });
});

describe('constellation: the Secrets made by hand before the first sync, rotated on day two', () => {
  test("lldap's JWT secret: the command replaces the Secret that exists, with the same keys, and restarts lldap, which reads it as it starts", () => {
    const create = commandOf(rowStarting('create Secret media/lldap-secrets'));
    // The first day's command refuses a Secret that exists: it is no way to rotate one.
    expect(create).toMatch(/ && kubectl -n media create secret generic lldap-secrets [^|]*$/);
    const row = rowStarting("to rotate lldap's JWT secret (jwt-secret of Secret media/lldap-secrets)");
    const command = commandOf(row);
    expect(command).toBe('kubectl -n media create secret generic lldap-secrets --from-literal=jwt-secret="$(openssl rand -base64 48)" '
      + '--from-literal=ldap-user-pass=… --dry-run=client -o yaml | kubectl apply -f - && kubectl -n media rollout restart deployment/lldap');
    expect(bashParses(command)).toBe(true);
    // lldap sets its admin's password from the Secret only when it makes the admin.
    expect(row).toContain("lldap reads ldap-user-pass only as it makes its admin, on its first start: the admin's password changes in lldap's web UI (https://lldap.arsfeld.one)");
  });

  test("Keycloak's admin: the Secret is read on the first start of an empty database only, so the password changes in the admin console", () => {
    const row = rowStarting("to change the password of Keycloak's admin");
    expect(row).toContain('so a new value there changes no one\'s password; change it in the admin console (https://keycloak.arsfeld.one/admin/');
    expect(commandOf(row)).toBe('kubectl -n media create secret generic keycloak-admin --from-literal=username=… --from-literal=password=… --dry-run=client -o yaml | kubectl apply -f -');
  });
});

describe('constellation: a host added to the inventory on day two', () => {
  /** Synthesizes constellation with `media2` added to the site's hosts, as hosts/constellation.ts would list it, and bazarr moved onto it. */
  function withAddedHost() {
    const media2 = host('media2', { arch: 'amd64', roles: ['worker'], address: '192.168.1.7' });
    const hosts = constellation.hosts as Host<any, any>[];
    const bazarr = MEDIA_CONTAINERS.bazarr;
    hosts.push(media2);
    MEDIA_CONTAINERS.bazarr = { ...bazarr, host: media2 };
    try {
      const result = synthInMemory((scope: Construct) => { new Main(new Scope(scope, 'constellation')); });
      return { result, text: result.files.get('constellation/main/README.md')! };
    } finally {
      hosts.pop();
      MEDIA_CONTAINERS.bazarr = bazarr;
    }
  }

  test('it joins the cluster by its own step, and the join token keeps its value for it', () => {
    const { result, text } = withAddedHost();
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(text).toContain('| bootstrap | join media2 (192.168.1.7) to the cluster as a K3s agent: set services.k3s in its NixOS configuration and deploy it (`just deploy media2`)');
    expect(text).toContain('encrypted for the host keys of storage, cloud and media2');
    expect(text).toContain('A host added later joins with the value the secret holds');
  });

  test("a container moved onto it has its Podman container stopped and its config folder made there", () => {
    const { text } = withAddedHost();
    expect(text).toMatch(/# media2\/configuration\.nix\n\s*media\.containers\.bazarr\.enable = lib\.mkForce false;/);
    expect(text).toMatch(/# on media2\n\s*install -d -o 5000 -g 5000 \/var\/data\/bazarr\n/);
    expect(text).not.toMatch(/# on storage\n\s*install -d -o 5000 -g 5000 \/var\/data\/bazarr /);
  });
});
