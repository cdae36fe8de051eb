import type { Construct } from 'constructs';
import { Construct as Scope } from 'constructs';
import { Main } from '../charts/constellation/main';
import { synthInMemory } from './support/synth';

// Facts of the constellation design a reviewer checks first, read against the synthesized output: every
// value the design leaves out is a placeholder that says what it is, that the design gives none and what to
// write; the owner's steps come in the order a bare cluster needs them.

const result = synthInMemory((scope: Construct) => new Main(new Scope(scope, 'constellation')));
const readme = result.files.get('constellation/main/README.md')!;
const rows = readme.split('\n').filter((line) => line.startsWith('| '));
const objects = result.clusters.find((c) => c.folder === 'constellation/main')!.objects.map((o) => o.manifest as any);
const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
/** Index of the first step row containing `text`, failing when there is none. */
const rowOf = (text: string) => {
  const i = rows.findIndex((row) => row.includes(text));
  expect({ text, found: i >= 0 }).toEqual({ text, found: true });
  return i;
};

describe("constellation: the design's media.config gives no values; each placeholder says which to write", () => {
  test.each([
    ['user id the media containers run as (PUID)', 'media.config.puid', '5000'],
    ['group id the media containers run as (PGID)', 'media.config.pgid', '5000'],
    ['time zone of the media containers (TZ)', 'media.config.tz', 'America/Toronto'],
    ['host folder holding one config folder per container (configDir)', 'media.config.configDir', '/var/data'],
    ['host folder holding files/, mounted at /files (dataDir)', 'media.config.dataDir', '/mnt/storage'],
    ['host folder holding media/, mounted read-only at /media (storageDir)', 'media.config.storageDir', '/mnt/storage'],
  ])('%s', (fact, option, value) => {
    expect(rows[rowOf(fact)]).toContain(`the design's media.config gives no value: write ${option} of the NixOS configuration`);
    expect(rows[rowOf(fact)]).toContain(`(now \`${value}\`)`);
  });

  test('no placeholder reads as "the owner\'s usual value" or only "confirm"', () => {
    const placeholders = rows.filter((row) => row.startsWith('| placeholder |'));
    expect(placeholders.length).toBeGreaterThan(15);
    for (const row of placeholders) {
      expect(row).not.toContain("the owner's usual value");
      // Each says the design leaves it out (gives none, names none, names only…, sizes Plex only, names both).
      expect(row).toMatch(/the design( gives none| names no| names none| names only| sizes Plex only| names both|'s "Network Setup: Configure service mesh" names no product)|media\.config gives no value/);
    }
  });

  test('the hosts\' architecture, GPU vendor and device groups say what to read off the host', () => {
    expect(rows[rowOf('CPU architecture of storage')]).toContain('the design names no hardware: write what `uname -m` prints on storage');
    expect(rows[rowOf('vendor of the GPU behind /dev/dri on storage')]).toContain('the design names only /dev/dri: write the maker of the VGA controller');
    expect(rows[rowOf('gid of the render group on storage')]).toContain('write the gid `getent group render` prints on storage');
  });
});

describe("constellation: the containers keep their whole entries, of which the design shows Plex's environment only", () => {
  test("a placeholder asks for each entry's environment and volumes, secrets through a Secret", () => {
    const row = rows[rowOf('environment and extra volumes of the media containers (charts/constellation/media.ts)')];
    expect(row).toMatch(/^\| placeholder \| /);
    expect(row).toContain("the design gives none beyond Plex's `VERSION = \"latest\"`");
    expect(row).toContain('`media.containers.<name>` entry sets today in `environment` and `volumes`');
    expect(row).toContain('a secret value goes into a Secret the pod reads');
  });
});

describe("constellation: Ghost's name is a placeholder (the design names ghost.arsfeld.one and blog.arsfeld.one)", () => {
  test('the README lists it, and Ghost\'s url, its route and the redirect follow the stand-in', () => {
    expect(rows[rowOf('host name of Ghost under arsfeld.one, also its url')]).toMatch(/names both ghost\.arsfeld\.one .* and blog\.arsfeld\.one .*\(now `blog`\) \|  \| constellation\/main\/media\/ghost \|$/);
    const env = find('Deployment', 'ghost').spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'url', value: 'https://blog.arsfeld.one' });
    expect(readme).toContain('   ghost.arsfeld.one {\n   \tredir https://blog.arsfeld.one{uri} permanent\n   }');
  });
});

describe('constellation: the Podman containers the cluster replaces stop, and only those', () => {
  test('one line per host names its containers; no step empties every oci-container', () => {
    const lines = (host: string, names: string[]) => [`   # ${host}/configuration.nix`, ...names.map((n) => `   media.containers.${n}.enable = lib.mkForce false;`)].join('\n');
    expect(readme).toContain(lines('storage', ['bazarr', 'jellyfin', 'overseerr', 'plex', 'radarr', 'sonarr', 'stash']));
    expect(readme).toContain(lines('cloud', ['authelia', 'ghost', 'keycloak', 'lldap', 'yarr']));
    expect(readme).not.toContain('virtualisation.oci-containers.containers = lib.mkForce {};');
  });
});

describe("constellation: what the pods start with comes before the files go into K3s' folder", () => {
  test.each([
    'user id the media containers run as (PUID)',
    'time zone of the media containers (TZ)',
    'host folder holding one config folder per container (configDir)',
    'gid of the video group on storage',
    'images of the media containers, repository and tag',
    'environment and extra volumes of the media containers',
    'stop the Podman containers of the 12 services',
    'memory limit of jellyfin',
    'host of stash',
    'host name of Ghost under arsfeld.one',
    'memory limit of keycloak',
  ])('%s', (step) => {
    expect(rowOf(step)).toBeLessThan(rowOf('into /var/lib/rancher/k3s/server/manifests on the K3s server'));
  });

  test('the server starts before the files are copied; the GPU plugin and the Caddy lines come after', () => {
    const copy = rowOf('into /var/lib/rancher/k3s/server/manifests on the K3s server');
    expect(rowOf('start the K3s server on storage')).toBeLessThan(copy);
    expect(rowOf('install intel-gpu-plugin v0.32.0')).toBeGreaterThan(copy);
    expect(rowOf('reverse proxy plex.arsfeld.one')).toBeGreaterThan(copy);
  });
});

describe('constellation: each image gets what it needs to start, or a step says what is missing', () => {
  const env = (name: string) => find('Deployment', name).spec.template.spec.containers[0].env as any[];
  const fromSecret = (name: string, variable: string) => env(name).find((e) => e.name === variable)?.valueFrom?.secretKeyRef;
  const copy = () => rowOf('into /var/lib/rancher/k3s/server/manifests on the K3s server');

  test("lldap reads its JWT secret and its admin's first password from Secret lldap-secrets, not its built-in defaults", () => {
    expect(fromSecret('lldap', 'LLDAP_JWT_SECRET')).toEqual({ name: 'lldap-secrets', key: 'jwt-secret' });
    expect(fromSecret('lldap', 'LLDAP_LDAP_USER_PASS')).toEqual({ name: 'lldap-secrets', key: 'ldap-user-pass' });
    // A key seed in place of the server_key lldap keeps in its folder would make it refuse to start.
    expect(env('lldap').map((e) => e.name)).not.toContain('LLDAP_KEY_SEED');
    expect(rowOf('create Secret media/lldap-secrets with')).toBeLessThan(copy());
    expect(rows[rowOf('create Secret media/lldap-secrets with')]).toContain('--from-literal=jwt-secret=');
  });

  test('Keycloak makes its first admin from Secret keycloak-admin, created before the first sync', () => {
    expect(fromSecret('keycloak', 'KC_BOOTSTRAP_ADMIN_USERNAME')).toEqual({ name: 'keycloak-admin', key: 'username' });
    expect(fromSecret('keycloak', 'KC_BOOTSTRAP_ADMIN_PASSWORD')).toEqual({ name: 'keycloak-admin', key: 'password' });
    expect(rowOf('create Secret media/keycloak-admin with')).toBeLessThan(copy());
  });

  test('Keycloak names its database: `start` defaulting to dev-file is deprecated, and a later tag refuses it', () => {
    expect(find('Deployment', 'keycloak').spec.template.spec.containers[0].args).toContain('--db=dev-file');
  });

  test("Ghost names its database, SQLite in its content folder: the image names none, and Ghost then exits for want of MySQL on localhost", () => {
    const container = find('Deployment', 'ghost').spec.template.spec.containers[0];
    expect(env('ghost')).toEqual(expect.arrayContaining([
      { name: 'database__client', value: 'sqlite3' },
      { name: 'database__connection__filename', value: '/var/lib/ghost/content/data/ghost.db' },
      { name: 'database__useNullAsDefault', value: 'true' },
    ]));
    // The database lives in the config folder, the one writable path of a read-only root filesystem.
    expect(container.volumeMounts).toContainEqual({ mountPath: '/var/lib/ghost/content', name: 'config' });
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test("Ghost's mail settings, which staff need to sign in from a new browser, are a step before the first sync", () => {
    const row = rowOf('Ghost e-mails staff a code before they sign in to its admin');
    expect(row).toBeLessThan(copy());
    expect(rows[row]).toContain('mail__options__auth__pass from a Secret it reads');
  });

  test('Jellyfin keeps its cache on an emptyDir at /cache, with a read-only root filesystem and readiness on /health', () => {
    const pod = find('Deployment', 'jellyfin').spec.template.spec;
    const container = pod.containers[0];
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.volumeMounts).toContainEqual({ mountPath: '/cache', name: 'cache' });
    expect(pod.volumes).toContainEqual({ name: 'cache', emptyDir: { sizeLimit: '10Gi' } });
    expect(container.readinessProbe.exec.command).toEqual(['curl', '-fsS', 'http://localhost:8096/health']);
    expect(find('Deployment', 'jellyfin').metadata.annotations).not.toHaveProperty(['security.homelab.dev/writable-root-filesystem']);
  });

  test("Authelia's configuration.yml is a step before the first sync, naming lldap's address in the cluster", () => {
    const row = rows[rowOf('Authelia starts only with configuration.yml in its config folder (/var/data/authelia on cloud)')];
    expect(row).toContain('ldap://lldap.media.svc.cluster.local:3890');
    expect(row).toContain('authelia_url https://auth.arsfeld.one');
    expect(rowOf('Authelia starts only with configuration.yml')).toBeLessThan(copy());
  });

  test("Keycloak's LDAP federation, kept in its database, is pointed at lldap in the cluster once Keycloak runs: lldap's 3890 is reached inside it only", () => {
    const row = rowOf("Keycloak keeps its LDAP user federation in its database");
    expect(rows[row]).toContain('ldap://lldap.media.svc.cluster.local:3890');
    expect(rows[row]).toContain('once Keycloak is up');
    // The address the owner opens for it: the one Keycloak serves its pages at (its --hostname).
    expect(rows[row]).toContain('admin console at https://keycloak.arsfeld.one/admin/, User federation of its realm');
    expect(find('Deployment', 'keycloak').spec.template.spec.containers[0].args).toContain('--hostname=https://keycloak.arsfeld.one');
    // A change in Keycloak's admin console: it needs Keycloak running, so it follows the files going into K3s' folder.
    expect(row).toBeGreaterThan(copy());
    expect(find('Service', 'lldap-nodeport').spec.ports.map((p: any) => p.port)).not.toContain(3890);
  });

  test("Authelia starts on its read-only root filesystem: the image's healthcheck file, which it rewrites as it starts, is switched off", () => {
    const container = find('Deployment', 'authelia').spec.template.spec.containers[0];
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    // Authelia exits when it cannot write /app/.healthcheck.env; Kubernetes probes its port instead.
    expect(env('authelia')).toContainEqual({ name: 'AUTHELIA_SERVER_DISABLE_HEALTHCHECK', value: 'true' });
    expect(container.readinessProbe.tcpSocket).toEqual({ port: 9091 });
  });

  test("stash, root without capabilities, gets a config folder of root's: it could not write into one of PUID's", () => {
    const container = find('Deployment', 'stash').spec.template.spec.containers[0];
    expect(container.securityContext).toMatchObject({ runAsUser: 0, capabilities: { drop: ['ALL'] } });
    expect(container.securityContext.capabilities.add).toBeUndefined();
    expect(readme).toContain([
      '   # on storage',
      '   install -d -o 5000 -g 5000 /var/data/bazarr /var/data/jellyfin /var/data/overseerr /var/data/plex /var/data/radarr /var/data/sonarr',
      '   chown -R 5000:5000 /var/data/jellyfin',
      '   install -d -o 0 -g 0 /var/data/stash',
      '   chown -R 0:0 /var/data/stash',
      '   # on cloud',
    ].join('\n'));
  });

  test("a folder brought from Podman goes to the user of a container that cannot take it: the images that ignore PUID wrote it as another", () => {
    // linuxserver.io images start as root with the capabilities to take their folder; the others run as PUID with none.
    expect(find('Deployment', 'sonarr').spec.template.spec.containers[0].securityContext.capabilities.add).toContain('CHOWN');
    for (const name of ['jellyfin', 'authelia', 'ghost', 'keycloak', 'lldap', 'yarr']) {
      const container = find('Deployment', name).spec.template.spec.containers[0];
      expect({ name, user: container.securityContext.runAsUser, add: container.securityContext.capabilities.add }).toEqual({ name, user: 5000, add: undefined });
    }
    expect(readme).toContain('   chown -R 5000:5000 /var/data/authelia /var/data/ghost /var/data/keycloak /var/data/lldap /var/data/yarr\n');
    expect(readme).not.toMatch(/chown -R 5000:5000 [^\n]*\/var\/data\/(sonarr|plex|radarr|bazarr|overseerr)/);
    expect(rows[rowOf("make each container's config folder on its host")]).toContain('a folder brought from Podman, written there as root or as the image\'s own user, goes to that user');
  });

  test('the config folders every pod mounts as existing folders are made, owned by the user it writes as, before the first sync', () => {
    expect(rowOf("make each container's config folder on its host before K3s starts the pods, owned by the user it writes as")).toBeLessThan(copy());
    expect(readme).toContain('   # on cloud\n   install -d -o 5000 -g 5000 /var/data/authelia /var/data/ghost /var/data/keycloak /var/data/lldap /var/data/yarr');
    expect(readme).toContain('   # on storage\n   install -d -o 5000 -g 5000 /var/data/bazarr /var/data/jellyfin');
  });
});

describe("constellation: K3s runs through NixOS' services.k3s on both hosts, as the design's k3s-cluster.nix does, in the files its layout names", () => {
  const copy = () => rowOf('into /var/lib/rancher/k3s/server/manifests on the K3s server');

  test('storage gets role server with the design\'s flags and the agenix secret\'s path as tokenFile, as the design\'s `token =` names it', () => {
    expect(readme).toContain([
      '   # hosts/storage/k8s-server.nix (NixOS configuration of storage)',
      '   services.k3s = {',
      '     enable = true;',
      '     role = "server";',
      '     tokenFile = config.age.secrets.k3s-token.path;',
      '     extraFlags = [',
      '       "--disable=traefik"',
      '       "--disable=servicelb"',
      '       "--service-node-port-range=2000-32767"',
      '       "--tls-san=storage.bat-boa.ts.net"',
      '       "--disable-cloud-controller"',
      '       "--write-kubeconfig-mode=644"',
      '     ];',
      '   };',
      '   networking.firewall.allowedTCPPorts = [ 6443 10250 ];',
      '   networking.firewall.allowedUDPPorts = [ 8472 ];',
    ].join('\n'));
    expect(readme).not.toContain('--token-file');
  });

  test('cloud gets role agent, joining at the server\'s tailnet address; both come before the files go into K3s\' folder', () => {
    expect(readme).toContain([
      '   # hosts/cloud/k8s-agent.nix (NixOS configuration of cloud)',
      '   services.k3s = {',
      '     enable = true;',
      '     role = "agent";',
      '     serverAddr = "https://storage.bat-boa.ts.net:6443";',
      '     tokenFile = config.age.secrets.k3s-token.path;',
      '   };',
    ].join('\n'));
    expect(readme).not.toContain('k3s agent --server');
    expect(rowOf('start the K3s server on storage: set services.k3s in its NixOS configuration')).toBeLessThan(copy());
    // Each host is deployed "the same way" as before, with the design's `just deploy <host>`.
    expect(rows[rowOf('start the K3s server on storage')]).toContain('and deploy it (`just deploy storage`)');
    expect(rows[rowOf('join cloud (192.168.1.6) to the cluster as a K3s agent')]).toContain('and deploy it (`just deploy cloud`)');
    expect(rowOf('join cloud (192.168.1.6) to the cluster as a K3s agent: set services.k3s in its NixOS configuration')).toBeLessThan(copy());
    // Secrets are created through the API server, which must run by then.
    expect(rowOf('start the K3s server on storage')).toBeLessThan(rowOf('create Secret media/lldap-secrets with'));
  });

  test("the join token is the agenix secret k3s-token, made and declared on both hosts before K3s starts on either", () => {
    const token = rowOf("make the cluster's join token, the agenix secret k3s-token, before K3s starts");
    expect(rows[token]).toContain('encrypted for the host keys of storage and cloud and declared on each as age.secrets.k3s-token');
    expect(readme).toContain('   # NixOS configuration of storage and cloud\n   age.secrets.k3s-token.file = …;');
    expect(token).toBeLessThan(rowOf('start the K3s server on storage'));
    expect(token).toBeLessThan(rowOf('join cloud (192.168.1.6) to the cluster as a K3s agent'));
  });
});

describe("constellation: the design's rollback, a container switched back to Podman, is a step", () => {
  test('it names the entry, the file in K3s\' folder and the NixOS line to drop', () => {
    const row = rows[rowOf('to move a container back to Podman (the design\'s rollback)')];
    expect(row).toContain('remove its entry from charts/constellation/media.ts');
    expect(row).toContain('its file `2-apps-<name>.yaml` out of K3s\' folder');
    expect(row).toContain('`media.containers.<name>.enable = lib.mkForce false;`');
  });
});

describe("constellation: the design's health checks run as Podman runs them", () => {
  test.each([['plex', 'http://localhost:32400/identity'], ['jellyfin', 'http://localhost:8096/health']])(
    '%s: every 30s, unready after 3 failures, each check given Podman\'s 30s rather than one second', (name, url) => {
      const probe = find('Deployment', name).spec.template.spec.containers[0].readinessProbe;
      expect(probe.exec.command).toContain(url);
      expect({ period: probe.periodSeconds, failures: probe.failureThreshold, timeout: probe.timeoutSeconds }).toEqual({ period: 30, failures: 3, timeout: 30 });
    });
});

describe('constellation: Plex stays reachable on its own port, as the design keeps it', () => {
  test("port 32400 of storage is opened in its NixOS firewall, as Plex's pod serves it on the host network", () => {
    expect(find('Deployment', 'plex').spec.template.spec.hostNetwork).toBe(true);
    expect(rows[rowOf('keep port 32400/tcp of storage open for the Plex apps that connect to it directly')]).toContain('"still accessible at storage:32400 directly"');
    expect(readme).toContain('   # NixOS configuration of storage\n   networking.firewall.allowedTCPPorts = [ 32400 ];');
  });
});

describe('constellation: host-network pods (Plex, Stash) are reached on their own port of their node, as the design\'s "Direct access"', () => {
  test.each([['plex', 32400, '192.168.1.5'], ['stash', 9999, '192.168.1.5']])('%s: no NodePort Service, its port open in its policy, Caddy on %s', (name, port, address) => {
    expect(find('Service', `${name}-nodeport`)).toBeUndefined();
    const deployment = find('Deployment', name);
    expect(deployment.spec.template.spec.hostNetwork).toBe(true);
    expect(Object.keys(deployment.metadata.annotations)).not.toContain('security.homelab.dev/node-port');
    expect(find('NetworkPolicy', name).spec.ingress).toContainEqual({ ports: [{ port, protocol: 'TCP' }] });
    expect(readme).toContain(`reverse_proxy ${address}:${port}\n`);
  });
});

describe('constellation: every service gets time to start before liveness may restart it', () => {
  // Keycloak builds its server as `start` begins, and the *arr apps migrate the database they bring from
  // Podman: a liveness restart after a minute would begin that again, or leave it half done.
  test.each(['keycloak', 'sonarr', 'radarr', 'bazarr', 'overseerr', 'authelia', 'ghost', 'yarr', 'lldap', 'stash', 'plex', 'jellyfin'])('%s', (name) => {
    const container = find('Deployment', name).spec.template.spec.containers[0];
    expect(container.livenessProbe).toBeDefined();
    expect(container.startupProbe).toMatchObject({ tcpSocket: { port: container.ports[0].containerPort }, failureThreshold: 30, periodSeconds: 10 });
  });
});

describe('constellation: node ports the design derives with its undefined nameToPort are placeholders, as Caddy stays unchanged', () => {
  test.each([
    ['jellyfin', 'jellyfin.arsfeld.one', 30044, '192.168.1.5'],
    ['bazarr', 'bazarr.arsfeld.one', 32409, '192.168.1.5'],
    ['overseerr', 'overseerr.arsfeld.one', 32758, '192.168.1.5'],
    ['authelia', 'auth.arsfeld.one', 31540, '192.168.1.6'],
    ['lldap', 'lldap.arsfeld.one', 31698, '192.168.1.6'],
    ['keycloak', 'keycloak.arsfeld.one', 30652, '192.168.1.6'],
  ])('%s: the port Caddy proxies %s to today, before the first sync; the stand-in is its node port and its Caddy line', (name, hostname, port, address) => {
    const row = rows[rowOf(`node port of ${name}, which Caddy proxies ${hostname} to`)];
    expect(row).toMatch(/^\| placeholder \| /);
    expect(row).toContain('the design gives none: it derives the port with nameToPort, which it never defines');
    expect(row).toContain(`write the port Caddy proxies ${hostname} to today, in 2000-32767 (the node-port range K3s' server starts with)`);
    expect(row).toContain(`(now \`${port}\`) |  | constellation/main/media/${name} |`);
    expect(rowOf(`node port of ${name}, which Caddy proxies`)).toBeLessThan(rowOf('into /var/lib/rancher/k3s/server/manifests on the K3s server'));
    expect(find('Service', `${name}-nodeport`).spec.ports[0].nodePort).toBe(port);
    expect(readme).toContain(`   ${hostname} {\n   \treverse_proxy ${address}:${port}\n   }`);
  });

  test("the design's own node ports (sonarr 8989, radarr 7878, ghost 2368, yarr 7070) and the host-network ports are no placeholders", () => {
    for (const name of ['sonarr', 'radarr', 'ghost', 'yarr', 'plex', 'stash']) {
      expect(rows.some((row) => row.includes(`node port of ${name},`))).toBe(false);
    }
  });
});

describe("constellation: backups take the one new path, K3s' datastore, as the design updates its backup paths", () => {
  test('the apps\' folders stay; the SQLite datastore on storage holds the Secrets made by hand, read back with the agenix join token', () => {
    const row = rows[rowOf('backups: the pods keep their data where the Podman containers kept it')];
    expect(row).toContain('so those backup paths stay as they are');
    expect(row).toContain("add K3s' datastore, /var/lib/rancher/k3s/server/db on storage");
    expect(row).toContain('the Secrets made by hand (lldap-secrets, keycloak-admin), which are kept nowhere else');
    expect(row).toContain('the token K3s needs to read it back is the agenix secret k3s-token');
  });
});

describe('constellation: the linuxserver.io containers stop as their Podman containers do, on SIGTERM', () => {
  // s6-overlay's supervisor runs as root and the app as PUID: without KILL it may not signal the app, which
  // would then die by the container's last SIGKILL, its databases left as after a power cut.
  test.each(['plex', 'sonarr', 'radarr', 'bazarr', 'overseerr'])('%s: KILL beside the capabilities its init switches users with, and the reason', (name) => {
    const deployment = find('Deployment', name);
    expect(deployment.spec.template.spec.containers[0].securityContext.capabilities.add).toEqual(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL']);
    expect(deployment.metadata.annotations['security.homelab.dev/add-capabilities']).toContain('its init stays root and signals the app, run as another user, to stop it (KILL)');
  });

  test('the containers that run as PUID themselves get no capability', () => {
    for (const name of ['jellyfin', 'authelia', 'ghost', 'keycloak', 'lldap', 'yarr', 'stash']) {
      expect({ name, add: find('Deployment', name).spec.template.spec.containers[0].securityContext.capabilities.add }).toEqual({ name, add: undefined });
    }
  });
});

describe("constellation: kubectl gets the cluster's credentials before the first step that runs it", () => {
  test("the admin kubeconfig K3s writes on storage, readable by all there (the design's --write-kubeconfig-mode 644), is copied with the server's tailnet address", () => {
    const step = rowOf("kubectl's config for the cluster, for the steps below");
    expect(rows[step]).toContain('K3s writes its admin kubeconfig to /etc/rancher/k3s/k3s.yaml on storage as the server starts, readable by every user of storage (--write-kubeconfig-mode=644)');
    expect(rows[step]).toContain("ssh storage.bat-boa.ts.net cat /etc/rancher/k3s/k3s.yaml \\| sed 's#https://127.0.0.1:6443#https://storage.bat-boa.ts.net:6443#' > ~/.kube/constellation-main.yaml");
    expect(step).toBeGreaterThan(rowOf('start the K3s server on storage'));
    // Every step that runs kubectl comes after it.
    rows.forEach((row, i) => {
      if (/kubectl (apply|create|-n|--kubeconfig)|admin console/.test(row) && i !== step) {
        expect({ row: row.slice(0, 80), after: i > step }).toEqual({ row: row.slice(0, 80), after: true });
      }
    });
  });

  test("the design's justfile recipes name that kubeconfig, as `just` runs them in a shell of its own", () => {
    expect(readme).toContain('   k8s-status:\n   \tkubectl --kubeconfig ~/.kube/constellation-main.yaml get pods -A\n');
    expect(readme).toContain('\tkubectl --kubeconfig ~/.kube/constellation-main.yaml -n media rollout restart deployment/{{name}}');
  });
});

describe('constellation: the media folders of the containers whose entries the design does not show are placeholders', () => {
  test.each(['radarr', 'bazarr', 'stash'])("%s: yes for now, before the first sync, and its pod mounts /files and /media as the stand-in says", (name) => {
    const row = rowOf(`media folders of ${name} (mediaVolumes: /mnt/storage/files read-write at /files, /mnt/storage/media read-only at /media)`);
    expect(rows[row]).toMatch(/^\| placeholder \| /);
    expect(rows[row]).toContain(`the design names only plex, jellyfin and sonarr with mediaVolumes and shows no entry for ${name}: `
      + `write yes where media.containers.${name}.mediaVolumes is true today, no where it is not`);
    expect(rows[row]).toContain(`(now \`yes\`) |  | constellation/main/media/${name} |`);
    expect(row).toBeLessThan(rowOf('into /var/lib/rancher/k3s/server/manifests on the K3s server'));
    expect(find('Deployment', name).spec.template.spec.containers[0].volumeMounts).toEqual(expect.arrayContaining([
      { mountPath: '/files', name: 'files' }, { mountPath: '/media', name: 'media', readOnly: true },
    ]));
  });

  test("the design's own mediaVolumes (plex, jellyfin, sonarr) are no placeholders, and overseerr mounts none", () => {
    for (const name of ['plex', 'jellyfin', 'sonarr', 'overseerr']) {
      expect(rows.some((row) => row.includes(`media folders of ${name} `))).toBe(false);
    }
    expect(find('Deployment', 'overseerr').spec.template.spec.containers[0].volumeMounts.map((m: any) => m.mountPath)).not.toContain('/media');
  });
});

describe("constellation: Ghost's and Keycloak's databases, which the design does not name, are placeholders before the first sync", () => {
  const copy = () => rowOf('into /var/lib/rancher/k3s/server/manifests on the K3s server');
  const container = (name: string) => find('Deployment', name).spec.template.spec.containers[0];

  test("Ghost: sqlite3 for now, in its content folder; the row says what else another client needs", () => {
    const row = rowOf('database Ghost keeps its posts and staff in (database__client)');
    expect(rows[row]).toMatch(/^\| placeholder \| /);
    expect(rows[row]).toContain('the design names none: write the database__client its Podman container runs with');
    expect(rows[row]).toContain('a Ghost started on another database starts empty (now `sqlite3`) |  | constellation/main/media/ghost |');
    expect(row).toBeLessThan(copy());
    expect(container('ghost').env).toContainEqual({ name: 'database__client', value: 'sqlite3' });
  });

  test('Keycloak: dev-file for now, its --db; the row says what a database server needs', () => {
    const row = rowOf('database Keycloak keeps its realms and users in (--db)');
    expect(rows[row]).toMatch(/^\| placeholder \| /);
    expect(rows[row]).toContain('the design names none: write the KC_DB its Podman container runs with');
    expect(rows[row]).toContain('KC_DB_URL, KC_DB_USERNAME and KC_DB_PASSWORD, the password from a Secret the pod reads');
    expect(rows[row]).toContain('(now `dev-file`) |  | constellation/main/media/keycloak |');
    expect(row).toBeLessThan(copy());
    expect(container('keycloak').args).toContain('--db=dev-file');
  });
});

describe('constellation: the Secrets the owner creates for the first admins say where those admins sign in', () => {
  test("lldap's admin at lldap.arsfeld.one, Keycloak's at its admin console, the addresses Caddy serves them at", () => {
    expect(rows[rowOf('create Secret media/lldap-secrets with')]).toContain('the admin signs in with it at https://lldap.arsfeld.one |');
    expect(rows[rowOf('create Secret media/keycloak-admin with')]).toContain('the admin signs in at https://keycloak.arsfeld.one/admin/ |');
    expect(readme).toContain('   lldap.arsfeld.one {\n');
    expect(readme).toContain('   keycloak.arsfeld.one {\n');
  });
});

describe('constellation: the cluster README says where the cluster departs from the design, and why, for a reader of the output alone', () => {
  const section = () => readme.slice(readme.indexOf('## Choices against the design'), readme.indexOf('## Platform components'));

  test('the section comes before the components and the steps', () => {
    expect(readme.indexOf('## Choices against the design')).toBeGreaterThan(0);
    expect(readme.indexOf('## Choices against the design')).toBeLessThan(readme.indexOf('## What the owner does by hand'));
  });

  test.each([
    ['the twelve containers the design names, not all 50+', 'it names 12, and this cluster runs those: plex, jellyfin, sonarr, radarr, bazarr, overseerr and stash on storage, authelia, ghost, yarr, lldap and keycloak on cloud'],
    ["the folder K3s applies, not the design's /etc/k3s/manifests", 'links them to `/etc/k3s/manifests`, a folder K3s does not read'],
    ["the selectors, and the design's own node ports", 'whose node port is the design\'s (sonarr 8989, radarr 7878, ghost 2368, yarr 7070)'],
    ['the host-network pods without a node port', 'plex and stash, on the host network, get no node port: Caddy reaches them on their own port of their node (32400, 9999)'],
    ["Plex's check on /identity", 'The design\'s check is `curl -f http://localhost:32400/health`, a path Plex does not serve'],
    ['no rolling updates and no failover', 'so it does not move to the other host when its host fails'],
    ["the token file instead of the design's token", "through `tokenFile` (the design's `token =` takes the token itself"],
    ['node ports behind Caddy rather than the ingress alternative', '"Zero change to DNS, routing, or Caddy configuration"'],
    ["Caddy's lines on the node's address", "each line naming the node's address (the design's diagram writes localhost:nodeport)"],
    ["the pods' Secrets made by hand, not age-encrypted", 'The Secrets of the pods (lldap-secrets, keycloak-admin) are created with kubectl before the first sync instead'],
    ["the design's special-service, an example rather than a container of the hosts", '(`special-service`, its example of a privileged container, is none of them'],
    ["the host names the design does not give, by its pattern", "Each container is served at `<name>.arsfeld.one`, the design's `${serviceName}.${cfg.domain}`, except authelia at auth.arsfeld.one and ghost at blog.arsfeld.one"],
    ["Kubernetes at all, where the design's conclusion recommends enhancing Podman first", 'This cluster is that migration, the option its "Recommended Approach with Abstraction Layer" marks RECOMMENDED (Option 1, "Abstraction-Powered Migration")'],
    ["the enhanced abstraction's restart policy, Kubernetes' back-off here", 'a restart policy `unless-stopped` with `exponential` backoff'],
    ['the listen ports the design does not write, its images\' defaults', 'bazarr 6767, overseerr 5055, stash 9999, lldap 17170 and 3890, keycloak 8080 are their images\' own defaults'],
    ["authelia's port, from the design's ingress sketch", "authelia's 9091 in its ingress sketch"],
  ])('%s', (_what, text) => {
    expect(section()).toContain(text);
  });

  test('the Deployments are what the section says: Recreate, pinned to their host', () => {
    for (const name of ['plex', 'ghost']) {
      const deployment = find('Deployment', name);
      expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
      expect(Object.keys(deployment.spec.template.spec.nodeSelector)).toEqual(['kubernetes.io/hostname']);
    }
  });
});

describe('constellation: the pods keep running under their normal load, not only start', () => {
  test("Stash, which runs ffmpeg in its container to transcode and generate previews, is sized above the media containers' 512Mi, as placeholders", () => {
    const resources = find('Deployment', 'stash').spec.template.spec.containers[0].resources;
    expect(resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '2Gi' } });
    for (const [what, value] of [['CPU request', '250m'], ['memory request', '512Mi'], ['memory limit', '2Gi']]) {
      expect(rows[rowOf(`${what} of stash: the design sizes Plex only`)]).toContain(`(now \`${value}\`)`);
    }
    expect(readme).toContain('Plex the design\'s, jellyfin, stash and keycloak placeholders');
  });

  test("Jellyfin transcodes onto a scratch volume of its own at /cache/transcodes: in the 10Gi cache a film's transcode gets the pod evicted", () => {
    const pod = find('Deployment', 'jellyfin').spec.template.spec;
    expect(pod.containers[0].volumeMounts).toContainEqual({ mountPath: '/cache/transcodes', name: 'transcodes' });
    expect(pod.volumes).toContainEqual({ name: 'transcodes', emptyDir: { sizeLimit: '50Gi' } });
    expect(pod.volumes).toContainEqual({ name: 'cache', emptyDir: { sizeLimit: '10Gi' } });
  });
});

describe('constellation: the addresses the moved containers call each other at', () => {
  test('a container name with its listen port, as Podman resolved it, is a Service of the pods\' namespace on that port; the node addresses are what the cluster serves', () => {
    const step = rows[rowOf('the addresses the containers call each other at')];
    const named = [...step.matchAll(/\b([a-z]+):(\d+)\b/g)].map((m) => [m[1], Number(m[2])] as const);
    expect(named.map(([name]) => name)).toEqual(expect.arrayContaining(['sonarr', 'radarr', 'bazarr', 'overseerr', 'plex']));
    for (const [name, port] of named) {
      const service = find('Service', name);
      expect({ name, namespace: service.metadata.namespace, type: service.spec.type, ports: service.spec.ports.map((p: { port: number }) => p.port) })
        .toEqual({ name, namespace: 'media', type: 'ClusterIP', ports: expect.arrayContaining([port]) });
      const deployment = find('Deployment', name);
      expect(deployment.metadata.namespace).toBe('media');
    }
    const onHosts = [...step.matchAll(/\b([a-z]+) at ([\d.]+):(\d+)/g)].map((m) => [m[1], Number(m[3])] as const);
    expect(onHosts.length).toBe(named.length);
    for (const [name, port] of onHosts) {
      const pod = find('Deployment', name).spec.template.spec;
      const served = pod.hostNetwork ? pod.containers[0].ports.map((p: { containerPort: number }) => p.containerPort)
        : find('Service', `${name}-nodeport`).spec.ports.map((p: { nodePort: number }) => p.nodePort);
      expect({ name, served }).toEqual({ name, served: expect.arrayContaining([port]) });
    }
  });
});

describe("constellation: the design's per-service validation is a step, after the Caddy lines that route to the services", () => {
  test('it waits for every Deployment of the namespace the files hold, then asks each host name Caddy serves', () => {
    const i = rowOf("as the design's per-service validation does");
    const row = rows[i];
    const deployments = objects.filter((o) => o.kind === 'Deployment');
    const namespaces = [...new Set(deployments.map((o) => o.metadata.namespace))];
    expect(namespaces).toEqual(['media']);
    expect(row).toContain('`kubectl -n media wait --for=condition=Available deployment --all --timeout=10m');
    const caddyHosts = rows.map((r) => /^\| manual \| reverse proxy (\S+) to /.exec(r)?.[1]).filter((h): h is string => h !== undefined);
    expect(caddyHosts).toHaveLength(deployments.length);
    expect(row).toContain(`for host in ${caddyHosts.join(' ')}; do curl -sS -o /dev/null`);
    expect(i).toBeGreaterThan(Math.max(...caddyHosts.map((h) => rowOf(`reverse proxy ${h} to `))));
    expect(i).toBeGreaterThan(rowOf('install intel-gpu-plugin'));
    expect(row).toContain('the existing Netdata');
    expect(row).toContain('goes back to Podman with the rollback step');
  });
});
