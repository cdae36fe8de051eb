import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, rootInitExemption, synthesize } from '../constructs';
import { labCluster } from './bad-input/lab';
import { recordConstructionError } from '../constructs/validation/construction-errors';
import { runtimeDirProblems } from '../constructs/app/image-runtime-dirs';
import { stateDirProblems, unmountedStateDirProblems } from '../constructs/app/image-state-dirs';
import { nonRootChownProblems } from '../constructs/app/chown-commands';
import { ignoredIdVariableProblems } from '../constructs/app/puid-env';
import { nonRootStartProblems } from '../constructs/app/root-started-images';
import { fileCapabilityProblems } from '../constructs/app/file-capability-images';
import { mosquittoListenerProblems } from '../constructs/app/mosquitto-listener';
import { nextcloudRedisSessionProblems } from '../constructs/app/nextcloud-redis-session';

const fields = (problems: Array<{ field: string }>) => problems.map((p) => p.field);
const emptyDir = AppVolume.emptyDir();

describe("a database image's socket folder on the read-only root", () => {
  test.each([
    ['postgres:16.3'], ['docker.io/library/postgres:16.3-alpine'], ['postgis/postgis:16-3.4'], ['tensorchord/pgvecto-rs:pg14-v0.2.0'],
    ['ghcr.io/immich-app/postgres:14-vectorchord0.3.0'], ['timescale/timescaledb-ha:pg17'], ['mariadb:11.4.2'], ['mysql:8.4.2'],
  ])('%s is an error on image', (image) => {
    expect(fields(runtimeDirProblems({ image }, 'db'))).toEqual(['image']);
  });
  test.each<[string, Record<string, unknown>]>([
    ['an emptyDir at the folder', { persistence: { run: { volume: emptyDir, mountPath: '/var/run/postgresql' } } }],
    ['an emptyDir at the folder through /run, where /var/run leads', { persistence: { run: { volume: emptyDir, mountPath: '/run/postgresql/' } } }],
    ['an emptyDir above the folder', { persistence: { run: { volume: emptyDir, mountPath: '/var/run' } } }],
    ['a writable root', { exemptions: { writableRootFilesystem: 'writes its socket' } }],
    ['the socket moved by an argument', { args: ['-c', 'unix_socket_directories=/tmp'] }],
    ['a replaced entrypoint', { command: ['pg_dumpall'] }],
    ['args that run a client instead of the server', { args: ['pg_dump', '-h', 'postgres.db', '-f', '/backup/db.sql'] }],
    ['another image of that name', { image: 'ghcr.io/acme/postgres-exporter:1.0.0' }],
  ])('none with %s', (_what, props) => {
    expect(runtimeDirProblems({ image: 'postgres:16.3', ...props }, 'db')).toEqual([]);
  });
  test.each<[string, string[]]>([
    ['mariadb:11.4.2', ['mariadbd', '--port=3306']], ['mariadb:11.4.2', ['/usr/sbin/mariadbd']], ['mysql:8.4.2', ['mysqld']], ['postgres:16.3', ['-c', 'max_connections=200']],
  ])('%s with args %j still starts its server, and is still refused', (image, args) => {
    expect(fields(runtimeDirProblems({ image, args }, 'db'))).toEqual(['image']);
  });
  test('a backup Job of the MariaDB image that runs mysqldump starts no server', () => {
    expect(runtimeDirProblems({ image: 'mariadb:11.4.2', args: ['mysqldump', '--host=mariadb.db', '--all-databases'] }, 'backup')).toEqual([]);
  });
  test("a sidecar's, named by its place, and an emptyDir the main container alone mounts does not count for it", () => {
    expect(fields(runtimeDirProblems({
      image: 'ghcr.io/acme/app:1.0.0', persistence: { run: { volume: emptyDir, mountPath: '/run/mysqld' } },
      sidecars: [{ name: 'db', image: 'mariadb:11.4.2' }],
    }, 'app'))).toEqual(['sidecars[0].image']);
  });
});

describe('a web server image that writes its pid file and temporary folders on the read-only root', () => {
  test.each([
    ['nginx:1.27.0', ['/var/cache/nginx', '/var/run']], ['docker.io/library/nginx:1.27.0-alpine', ['/var/cache/nginx', '/var/run']],
    ['httpd:2.4.62', ['/usr/local/apache2/logs']],
  ])('%s is an error on image whose hint mounts an emptyDir at each folder', (image, dirs) => {
    const problems = runtimeDirProblems({ image }, 'web');
    expect(fields(problems)).toEqual(['image']);
    expect(dirs.every((dir) => problems[0].hint.includes(`mountPath: '${dir}'`))).toBe(true);
  });
  test('only the folders still on the root are named', () => {
    const problems = runtimeDirProblems({ image: 'nginx:1.27.0', persistence: { run: { volume: emptyDir, mountPath: '/run' } } }, 'web');
    expect(problems[0].hint).not.toMatch(/mountPath: '\/var\/run'/);
    expect(problems[0].hint).toMatch(/mountPath: '\/var\/cache\/nginx'/);
  });
  test.each<[string, Record<string, unknown>]>([
    ['the image built to run as its user', { image: 'nginxinc/nginx-unprivileged:1.27.0' }],
    ['an emptyDir at each folder', { persistence: { cache: { volume: emptyDir, mountPath: '/var/cache/nginx' }, run: { volume: emptyDir, mountPath: '/var/run' } } }],
    ['a writable root', { exemptions: { writableRootFilesystem: 'nginx writes its temporary folders' } }],
    ['a configuration file of its own', { args: ['nginx', '-c', '/config/nginx.conf', '-g', 'daemon off;'] }],
    ['a replaced entrypoint', { command: ['nginx', '-t'] }],
  ])('none with %s', (_what, props) => {
    expect(runtimeDirProblems({ image: 'nginx:1.27.0', ...props }, 'web')).toEqual([]);
  });
  test.each<[string, Record<string, unknown>]>([
    ['the official nginx image with an emptyDir at each folder, on its own port', {
      image: 'nginx:1.27.0', ports: [{ name: 'http', port: 80 }], persistence: { cache: { volume: emptyDir, mountPath: '/var/cache/nginx' }, run: { volume: emptyDir, mountPath: '/run' } },
    }],
    ['the official Apache image with an emptyDir at its logs folder', { image: 'httpd:2.4.62', persistence: { logs: { volume: emptyDir, mountPath: '/usr/local/apache2/logs' } } }],
    ['the unprivileged nginx image', { image: 'nginxinc/nginx-unprivileged:1.27.0' }],
  ])('%s synthesizes', (_what, props) => {
    const cdkApp = new CdkApp();
    new App(labCluster(cdkApp), 'web', { image: 'nginx:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });
    expect(synthesize(cdkApp, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('a linuxserver.io image run as its non-root user', () => {
  test('is an error on image, for the main container and a further one', () => {
    expect(fields(nonRootStartProblems({ image: 'lscr.io/linuxserver/sonarr:4.0.14', containers: [{ name: 'radarr', image: 'ghcr.io/linuxserver/radarr:5.8.3' }] }, 'sonarr')))
      .toEqual(['image', 'containers[0].image']);
  });
  test.each<[string, Record<string, unknown>]>([
    ['started as root', { exemptions: { runAsRoot: 's6-overlay' } }],
    ['an emptyDir at /run that s6-overlay is told to take', { persistence: { run: { volume: emptyDir, mountPath: '/run' } }, env: { S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: '1' } }],
    ['a replaced entrypoint', { command: ['/app/sonarr/bin/Sonarr'] }],
  ])('none when %s', (_what, props) => {
    expect(nonRootStartProblems({ image: 'lscr.io/linuxserver/sonarr:4.0.14', ...props }, 'sonarr')).toEqual([]);
  });
  test('privileged is still an error on image: a process of another user than root holds none of its capabilities', () => {
    expect(fields(nonRootStartProblems({ image: 'lscr.io/linuxserver/sonarr:4.0.14', exemptions: { privileged: 'every device' } }, 'sonarr'))).toEqual(['image']);
  });
  test.each<[string, Record<string, unknown>, string]>([
    ['alone', {}, 'unless told to take it'],
    ['with its switch written as true', { env: { S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: 'true' } }, 'is "true", not a number other than 0'],
  ])('an emptyDir at /run %s is an error on the switch that lets s6-overlay take it', (_what, props, says) => {
    const problems = nonRootStartProblems({ image: 'lscr.io/linuxserver/sonarr:4.0.14', persistence: { run: { volume: emptyDir, mountPath: '/run' } }, ...props }, 'sonarr');
    expect(fields(problems)).toEqual(['env.S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES']);
    expect(problems[0].message).toContain(says);
    expect(problems[0].hint).toContain("env: { S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: '1' }");
  });
  test("a writable root alone is still an error on image: as another user than root s6-overlay cannot take the image's root-owned /run", () => {
    const [problem, ...rest] = nonRootStartProblems({ image: 'lscr.io/linuxserver/sonarr:4.0.14', exemptions: { writableRootFilesystem: 's6-overlay writes /run' } }, 'sonarr');
    expect(rest).toEqual([]);
    expect(problem.field).toBe('image');
    expect(problem.message).toContain("even on a writable root, where /run is root's,");
    expect(problem.hint).toContain("runAsRoot: 'its init starts as root, then runs the app as PUID:PGID'");
  });
  test('nothing where the container may escalate privileges, as its setuid helper then gives /run to its user', () => {
    expect(nonRootStartProblems({
      image: 'lscr.io/linuxserver/sonarr:4.0.14', persistence: { run: { volume: emptyDir, mountPath: '/run' } }, exemptions: { privilegeEscalation: 's6-overlay-suexec' },
    }, 'sonarr')).toEqual([]);
  });
});

describe('an image built to start as root, run as its non-root user', () => {
  test.each([
    ['plexinc/pms-docker:1.41.6.9685-d301f511a', /PLEX_UID:PLEX_GID/], ['pihole/pihole:2025.03.0', /PIHOLE_UID:PIHOLE_GID.*'NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP'/],
    ['gitea/gitea:1.22.1', /USER_UID:USER_GID.*-rootless tag/], ['docker.io/gitea/gitea:latest', /USER_UID:USER_GID/],
  ])('%s is an error on image whose hint starts it as root', (image, hint) => {
    const problems = nonRootStartProblems({ image }, 'app');
    expect(fields(problems)).toEqual(['image']);
    expect(problems[0].hint).toMatch(hint);
  });
  test("Gitea's rootless image is another image", () => {
    expect(nonRootStartProblems({ image: 'gitea/gitea:1.22.1-rootless' }, 'gitea')).toEqual([]);
  });
  test('a volume at /run does not let them run as their user', () => {
    expect(fields(nonRootStartProblems({ image: 'pihole/pihole:2025.03.0', persistence: { run: { volume: emptyDir, mountPath: '/run' } } }, 'pihole'))).toEqual(['image']);
  });
  test.each<[string, Record<string, unknown>]>([
    ["Plex's official image", {
      image: 'plexinc/pms-docker:1.41.6.9685-d301f511a', ports: [{ name: 'http', port: 32400 }],
      exemptions: {
        runAsRoot: 'its init starts as root, then runs the app as PLEX_UID:PLEX_GID', addCapabilities: rootInitExemption('supervisor', 'switches to PLEX_UID:PLEX_GID'),
        writableRootFilesystem: 's6-overlay writes its service tree under /run',
      },
    }],
    ["Pi-hole's", {
      image: 'pihole/pihole:2025.03.0', ports: [{ name: 'http', port: 8080 }],
      exemptions: {
        runAsRoot: 'its start script runs as root', addCapabilities: rootInitExemption('supervisor', 'switches to PIHOLE_UID:PIHOLE_GID', ['NET_BIND_SERVICE', 'SETFCAP', 'SETPCAP']),
        writableRootFilesystem: "its start script writes its crontab and sets the capabilities of the pihole-FTL binary",
      },
    }],
  ])('%s started as root with the exemptions the hint writes synthesizes without a finding on it', (_what, props) => {
    const cdkApp = new CdkApp();
    new App(labCluster(cdkApp), 'app', props as unknown as ConstructorParameters<typeof App>[2]);
    const findings = synthesize(cdkApp, { outdir: 'unused', write: false }).findings;
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => /^(image|exemptions\.)/.test(f.field))).toEqual([]);
  });
});

describe("a read-only volume over the folder an image keeps its state in", () => {
  const hass = 'ghcr.io/home-assistant/home-assistant:2024.8.1';
  const configMap = AppVolume.configMap('hass-config');
  test.each<[string, Record<string, unknown>, string]>([
    ['a ConfigMap', { config: { volume: configMap, mountPath: '/config/' } }, 'persistence.config.mountPath'],
    ['a Secret under mounts', { config: { volume: AppVolume.secret('hass'), mounts: [{ mountPath: '/config' }] } }, 'persistence.config.mounts[0].mountPath'],
    ['a claim mounted read-only', { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config', readOnly: true } }, 'persistence.config.mountPath'],
  ])('%s is an error on its mount', (_what, persistence, field) => {
    expect(fields(stateDirProblems({ image: hass, persistence }, 'hass'))).toEqual([field]);
  });
  test.each<[string, Record<string, unknown>]>([
    ['a file of the ConfigMap by subPath', { config: { volume: configMap, mounts: [{ mountPath: '/config/configuration.yaml', subPath: 'configuration.yaml' }] } }],
    ['a ConfigMap at another folder', { config: { volume: configMap, mountPath: '/etc/hass' } }],
    ['a writable claim', { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } }],
    ['a ConfigMap at /config of a container of another image', { config: { volume: configMap, mountPath: '/config', containers: ['gatus'] } }],
  ])('none with %s', (_what, persistence) => {
    expect(stateDirProblems({ image: hass, persistence, containers: [{ name: 'gatus', image: 'ghcr.io/twin/gatus:v5.12.1' }] }, 'hass')).toEqual([]);
  });
});

describe("an image's state folder with nothing mounted on the read-only root", () => {
  const claim = AppVolume.claim({ tier: 'fast', size: '1Gi' });
  test.each<[string, string]>([
    ['grafana/grafana:11.1.0', '/var/lib/grafana'], ['docker.io/grafana/grafana-oss:11.1.0', '/var/lib/grafana'], ['prom/prometheus:v2.53.0', '/prometheus'],
    ['n8nio/n8n:1.50.0', '/home/node/.n8n'], ['koenkk/zigbee2mqtt:1.39.0', '/app/data'], ['rabbitmq:3.13.6', '/var/lib/rabbitmq'],
    ['louislam/uptime-kuma:1.23.16', '/app/data'], ['vaultwarden/server:1.32.0', '/data'],
  ])('%s is an error on image whose hint mounts a claim at %s', (image, dir) => {
    const problems = unmountedStateDirProblems({ image }, 'app');
    expect(fields(problems)).toEqual(['image']);
    expect(problems[0].hint).toContain(`mountPath: '${dir}'`);
  });
  test.each([
    ['ghcr.io/advplyr/audiobookshelf:2.12.3', ['/config', '/metadata']], ['gitea/gitea:1.22.1-rootless', ['/var/lib/gitea', '/etc/gitea']],
  ])('%s: one error for each of its two folders', (image, dirs) => {
    expect(unmountedStateDirProblems({ image }, 'app').map((p) => / in (\/\S+) at its first start/.exec(p.message)?.[1])).toEqual(dirs);
  });
  test.each<[string, Record<string, unknown>]>([
    ['a claim at the folder', { persistence: { data: { volume: claim, mountPath: '/var/lib/grafana/' } } }],
    ['a claim above the folder', { image: 'n8nio/n8n:1.50.0', persistence: { home: { volume: claim, mountPath: '/home/node' } } }],
    ['an emptyDir at the folder', { persistence: { data: { volume: emptyDir, mountPath: '/var/lib/grafana' } } }],
    ['the folder moved by its variable', { env: { GF_PATHS_DATA: '/tmp/grafana' } }],
    ['the folder moved by a value of a Secret', { image: 'vaultwarden/server:1.32.0', env: { DATA_FOLDER: { secretKeyRef: { name: 'vw', key: 'dir' } } } }],
    ['the folder moved by an argument', { image: 'prom/prometheus:v2.53.0', args: ['--storage.tsdb.path', '/tmp/tsdb'] }],
    ['a writable root', { exemptions: { writableRootFilesystem: 'grafana writes its database' } }],
    ['a replaced entrypoint', { command: ['grafana', 'cli', 'plugins', 'ls'] }],
    ['an image whose folder is not judged at its first start', { image: 'nodered/node-red:4.0.2' }],
    ["Gitea's rootful image, whose /data is not judged", { image: 'gitea/gitea:1.22.1' }],
    ['another image of that name', { image: 'ghcr.io/acme/grafana-backup:1.0.0' }],
  ])('none with %s', (_what, props) => {
    expect(unmountedStateDirProblems({ image: 'grafana/grafana:11.1.0', ...props }, 'app')).toEqual([]);
  });
  test("a claim the main container alone mounts does not count for a sidecar's folder", () => {
    expect(fields(unmountedStateDirProblems({
      image: 'grafana/grafana:11.1.0', persistence: { data: { volume: claim, mountPath: '/var/lib/grafana' } },
      sidecars: [{ name: 'prometheus', image: 'prom/prometheus:v2.53.0' }],
    }, 'grafana'))).toEqual(['sidecars[0].image']);
  });
  test.each<[string, Record<string, unknown>]>([
    ['Grafana with a claim at its data folder', { image: 'grafana/grafana:11.1.0', ports: [{ name: 'http', port: 3000 }], persistence: { data: { volume: claim, mountPath: '/var/lib/grafana' } } }],
    ['Prometheus with its storage path on an emptyDir', {
      image: 'prom/prometheus:v2.53.0', ports: [{ name: 'http', port: 9090 }], args: ['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/tsdb'],
      persistence: { tsdb: { volume: emptyDir, mountPath: '/tsdb' } },
    }],
    ["Gitea's rootless image with a claim at each of its folders", {
      image: 'gitea/gitea:1.22.1-rootless', ports: [{ name: 'http', port: 3000 }],
      persistence: { data: { volume: claim, mountPath: '/var/lib/gitea' }, config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/etc/gitea' } },
    }],
    ['Audiobookshelf with a claim at each folder', {
      image: 'ghcr.io/advplyr/audiobookshelf:2.12.3', env: { PORT: '8080' },
      persistence: { config: { volume: claim, mountPath: '/config' }, metadata: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/metadata' } },
    }],
  ])('%s synthesizes', (_what, props) => {
    const cdkApp = new CdkApp();
    new App(labCluster(cdkApp), 'app', { ports: [{ name: 'http', port: 8080 }], ...props } as unknown as ConstructorParameters<typeof App>[2]);
    expect(synthesize(cdkApp, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('a binary that carries a file capability its container drops', () => {
  const adguard = 'adguard/adguardhome:v0.107.52';
  test.each([[adguard], ['docker.io/adguard/adguardhome:latest@sha256:' + 'a'.repeat(64)]])('%s is an error on image', (image) => {
    expect(fields(fileCapabilityProblems({ image }, 'adguard'))).toEqual(['image']);
  });
  test('the hint keeps the capabilities added already', () => {
    expect(fileCapabilityProblems({ image: adguard, exemptions: { addCapabilities: { capabilities: ['CHOWN'], reason: 'x' } } }, 'adguard')[0].hint).toContain("capabilities: ['CHOWN', 'NET_BIND_SERVICE']");
  });
  test.each<[string, Record<string, unknown>]>([
    ['the capability added', { exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'its binary carries NET_BIND_SERVICE' } } }],
    ['a privileged container', { exemptions: { privileged: 'DHCP' } }],
    ['a replaced entrypoint', { command: ['/bin/sh', '-c', 'sleep 1d'] }],
    ['another image', { image: 'ghcr.io/muhlba91/external-dns-provider-adguard:v8.0.1' }],
  ])('none with %s', (_what, props) => {
    expect(fileCapabilityProblems({ image: adguard, ...props }, 'adguard')).toEqual([]);
  });
  test('AdGuard Home with the capability its binary carries and its folders mounted synthesizes', () => {
    const cdkApp = new CdkApp();
    new App(labCluster(cdkApp), 'adguard', {
      image: adguard, ports: [{ name: 'http', port: 3000 }],
      exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'its binary carries NET_BIND_SERVICE as a file capability' } },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mounts: [{ mountPath: '/opt/adguardhome/work', subPath: 'work' }, { mountPath: '/opt/adguardhome/conf', subPath: 'conf' }] } },
    });
    expect(synthesize(cdkApp, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe("Mosquitto 2 with the image's configuration", () => {
  const conf = { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] };
  test.each([['eclipse-mosquitto:2.0.18'], ['docker.io/library/eclipse-mosquitto:latest'], ['eclipse-mosquitto']])('%s is an error on image', (image) => {
    expect(fields(mosquittoListenerProblems({ image }, 'mqtt'))).toEqual(['image']);
  });
  test.each<[string, Record<string, unknown>]>([
    ['its configuration file from a ConfigMap', { persistence: { config: conf } }],
    ['a volume at its config folder', { persistence: { config: { volume: AppVolume.configMap('mosquitto'), mountPath: '/mosquitto/config' } } }],
    ['another configuration file', { args: ['mosquitto', '-c', '/etc/mqtt/mosquitto.conf'] }],
    ['a replaced entrypoint', { command: ['mosquitto_passwd', '-h'] }],
    ['Mosquitto 1, which listened on every address', { image: 'eclipse-mosquitto:1.6.15' }],
  ])('none with %s', (_what, props) => {
    expect(mosquittoListenerProblems({ image: 'eclipse-mosquitto:2.0.18', ...props }, 'mqtt')).toEqual([]);
  });
  test('a sidecar mounting the file does not count for the main container', () => {
    expect(fields(mosquittoListenerProblems({ image: 'eclipse-mosquitto:2.0.18', persistence: { config: { ...conf, containers: ['z2m'] } }, sidecars: [{ name: 'z2m', image: 'koenkk/zigbee2mqtt:1.39.0' }] }, 'mqtt')))
      .toEqual(['image']);
  });
});

describe('chown run as a user other than root', () => {
  const init = (container: Record<string, unknown>) => ({ image: 'ghcr.io/acme/app:1.0.0', initContainers: [{ name: 'fix', image: 'busybox:1.36.1', ...container }] });
  test.each<[string, Record<string, unknown>, string]>([
    ['a shell script', { command: ['sh', '-c', 'mkdir -p /data/a && chown -R 1000:1000 /data'] }, 'initContainers[0].command'],
    ['chown itself', { command: ['/bin/chown', '-R', '1000:1000', '/data'] }, 'initContainers[0].command'],
    ['a script given as args', { command: ['/bin/sh'], args: ['-ec', 'exec chown 1000 /data'] }, 'initContainers[0].args'],
  ])('in %s is an error on the prop that holds it', (_what, container, field) => {
    expect(fields(nonRootChownProblems(init(container), 'app'))).toEqual([field]);
  });
  test.each<[string, Record<string, unknown>]>([
    ['run as root', { command: ['chown', '1000', '/data'], exemptions: { runAsRoot: 'chowns' } }],
    ['a script that goes on when it fails', { command: ['sh', '-c', 'chown -R 1000 /data || true'] }],
    ['chown only named, not run', { command: ['sh', '-c', 'echo chown'] }],
  ])('none when %s', (_what, container) => {
    expect(nonRootChownProblems(init(container), 'app')).toEqual([]);
  });
});

test('a container added by a call is checked as one of the props, named by the call', () => {
  const cdkApp = new CdkApp();
  const app = new App(labCluster(cdkApp), 'paperless', {
    image: 'ghcr.io/paperless-ngx/paperless-ngx:2.11.2', ports: [{ name: 'http', port: 8000 }],
    persistence: { s6: { volume: emptyDir, mountPath: '/run', containers: ['paperless'] }, run: { volume: emptyDir, mountPath: '/run/mysqld', containers: ['mariadb'] } },
  });
  // A call the app refuses throws, as synth's error channel then reports it.
  const call = (add: () => void) => {
    try {
      add();
    } catch (error) {
      recordConstructionError(cdkApp, error);
    }
  };
  call(() => app.addSidecar({ name: 'db', image: 'postgres:16.3' }));
  call(() => app.addSidecar({ name: 'mariadb', image: 'mariadb:11.4.2' }));
  call(() => app.addInitContainer({ name: 'fix', image: 'busybox:1.36.1', command: ['chown', '-R', '1000', '/data'] }));
  const errors = synthesize(cdkApp, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error');
  expect(errors.map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main/paperless addSidecar.image', 'main/paperless addInitContainer.command']);
});

describe('PUID and PGID in the env of a container run as another user', () => {
  test("are errors on each variable, where a sidecar runs as the app's user", () => {
    expect(fields(ignoredIdVariableProblems({
      image: 'ghcr.io/acme/app:1.0.0', runAsUser: 2000, runAsGroup: 2000, env: { PUID: '568', PGID: '2000' },
      sidecars: [{ name: 'sync', image: 'ghcr.io/acme/sync:1.0.0', env: { PGID: '568' } }],
    }, 'app'))).toEqual(['env.PUID', 'sidecars[0].env.PGID']);
  });
  test.each<[string, Record<string, unknown>]>([
    ['the ids it runs as', { env: { PUID: '1000', PGID: '1000' } }],
    ['a container started as root, whose image may switch to them', { env: { PUID: '568' }, exemptions: { runAsRoot: 's6-overlay' } }],
    ['a value that is no id', { env: { PUID: '$(USER_ID)' } }],
  ])('none with %s', (_what, props) => {
    expect(ignoredIdVariableProblems({ image: 'ghcr.io/acme/app:1.0.0', ...props }, 'app')).toEqual([]);
  });
});

describe("Debian's Apache of the PHP images, whose pid file is on the read-only root", () => {
  const html = { html: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/html' } };
  test.each([['nextcloud:31.0.6-apache'], ['nextcloud:31'], ['wordpress:6.6.2'], ['docker.io/library/wordpress:6.6.2-php8.3-apache'], ['php:8.3-apache']])('%s is an error on image', (image) => {
    const problems = runtimeDirProblems({ image, persistence: html }, 'web');
    expect(fields(problems)).toEqual(['image']);
    expect(problems[0].hint).toContain("mountPath: '/var/run/apache2'");
  });
  test.each([['nextcloud:31.0.6-fpm'], ['nextcloud:31.0.6-fpm-alpine'], ['wordpress:6.6.2-fpm'], ['wordpress:cli-2.11.0'], ['php:8.3-fpm'], ['php:8.3-cli']])('%s runs no Apache', (image) => {
    expect(runtimeDirProblems({ image }, 'web')).toEqual([]);
  });
  test.each<[string, Record<string, unknown>]>([
    ['an emptyDir at the folder', { persistence: { ...html, run: { volume: emptyDir, mountPath: '/var/run/apache2' } } }],
    ['an emptyDir at /run', { persistence: { ...html, run: { volume: emptyDir, mountPath: '/run' } } }],
    ['the folder moved by its variable', { env: { APACHE_RUN_DIR: '/tmp/apache2' } }],
    ['the pid file moved by its variable', { env: { APACHE_PID_FILE: '/tmp/apache2.pid' } }],
  ])('none with %s', (_what, props) => {
    expect(runtimeDirProblems({ image: 'wordpress:6.6.2', ...props }, 'web')).toEqual([]);
  });
  test.each<[string, Record<string, unknown>]>([
    ["Nextcloud's Apache image with its web root and Apache's run folder mounted", {
      image: 'nextcloud:31.0.6-apache', persistence: { ...html, run: { volume: emptyDir, mountPath: '/var/run/apache2' } },
    }],
    ["WordPress's Apache image with its pid file moved to /tmp", { image: 'wordpress:6.6.2', env: { APACHE_PID_FILE: '/tmp/apache2.pid' }, persistence: html }],
    ["WordPress's PHP-FPM image with a claim at its web root", { image: 'wordpress:6.6.2-fpm-alpine', ports: [{ name: 'fpm', port: 9000 }], persistence: html }],
    ["Nextcloud's PHP-FPM image with a claim at its web root", { image: 'nextcloud:31.0.6-fpm-alpine', ports: [{ name: 'fpm', port: 9000 }], persistence: html }],
  ])('%s synthesizes', (_what, props) => {
    const cdkApp = new CdkApp();
    new App(labCluster(cdkApp), 'web', { ports: [{ name: 'http', port: 8080 }], ...props } as unknown as ConstructorParameters<typeof App>[2]);
    expect(synthesize(cdkApp, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('the web root of Nextcloud and WordPress, and the folders SearXNG, Gotify, Navidrome, code-server, Jellyseerr, Syncthing, Mealie and PhotoPrism write as they start', () => {
  test.each<[string, string]>([
    ['nextcloud:31.0.6-fpm', '/var/www/html'], ['wordpress:6.6.2-fpm-alpine', '/var/www/html'], ['searxng/searxng:2025.5.18-5dff826', '/etc/searxng'],
    ['ghcr.io/searxng/searxng:latest', '/etc/searxng'], ['gotify/server:2.6.1', '/app/data'], ['ghcr.io/gotify/server:2.6.1', '/app/data'],
    ['deluan/navidrome:0.53.3', '/data'], ['ghcr.io/navidrome/navidrome:0.53.3', '/data'], ['codercom/code-server:4.92.2', '/home/coder'],
    ['fallenbagel/jellyseerr:2.1.0', '/app/config'], ['ghcr.io/fallenbagel/jellyseerr:2.1.0', '/app/config'], ['sctx/overseerr:1.33.2', '/app/config'],
    ['syncthing/syncthing:1.27.10', '/var/syncthing'], ['ghcr.io/mealie-recipes/mealie:v2.8.0', '/app/data'], ['hkotel/mealie:v1.12.0', '/app/data'],
    ['photoprism/photoprism:240915', '/photoprism/storage'],
  ])('%s with nothing mounted is an error on image whose hint mounts a claim at %s', (image, dir) => {
    const problems = unmountedStateDirProblems({ image }, 'app');
    expect(fields(problems)).toEqual(['image']);
    expect(problems[0].hint).toContain(`mountPath: '${dir}'`);
  });
  test.each<[string, Record<string, unknown>]>([
    ["WordPress's WP-CLI image, which copies nothing", { image: 'wordpress:cli-2.11.0' }],
    ["SearXNG's settings moved by SEARXNG_SETTINGS_PATH", { image: 'searxng/searxng:2025.5.18-5dff826', env: { SEARXNG_SETTINGS_PATH: '/tmp/settings.yml' } }],
    ["Gotify's database elsewhere, on a volume", { image: 'gotify/server:2.6.1', env: { GOTIFY_DATABASE_CONNECTION: '/var/lib/gotify/gotify.db' }, persistence: { db: { volume: emptyDir, mountPath: '/var/lib/gotify' } } }],
    ["Gotify on PostgreSQL", { image: 'gotify/server:2.6.1', env: { GOTIFY_DATABASE_DIALECT: 'postgres', GOTIFY_DATABASE_CONNECTION: 'host=db port=5432 user=gotify dbname=gotify' } }],
    ["Navidrome's data folder moved by ND_DATAFOLDER to a volume", { image: 'deluan/navidrome:0.53.3', env: { ND_DATAFOLDER: '/var/lib/navidrome' }, persistence: { data: { volume: emptyDir, mountPath: '/var/lib/navidrome' } } }],
    ["Jellyseerr's config folder moved by CONFIG_DIRECTORY to a volume", { image: 'fallenbagel/jellyseerr:2.1.0', env: { CONFIG_DIRECTORY: '/config' }, persistence: { config: { volume: emptyDir, mountPath: '/config' } } }],
    ["Navidrome's data folder moved by ND_DATAFOLDER under a volume", { image: 'deluan/navidrome:0.53.3', env: { ND_DATAFOLDER: '/srv/navidrome/data' }, persistence: { srv: { volume: emptyDir, mountPath: '/srv' } } }],
    ["linuxserver.io's Syncthing, another image", { image: 'lscr.io/linuxserver/syncthing:1.27.10', persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } } }],
  ])('none with %s', (_what, props) => {
    expect(unmountedStateDirProblems(props, 'app')).toEqual([]);
  });
  test.each<[string, Record<string, unknown>, string, string]>([
    ["Navidrome's data folder moved by ND_DATAFOLDER to linuxserver.io's /config, where nothing is mounted", { image: 'deluan/navidrome:0.53.3', env: { ND_DATAFOLDER: '/config' } }, 'env.ND_DATAFOLDER', '/config'],
    ["Gotify's database moved to a folder of the read-only root", { image: 'gotify/server:2.6.1', env: { GOTIFY_DATABASE_CONNECTION: '/var/lib/gotify/gotify.db' } }, 'env.GOTIFY_DATABASE_CONNECTION', '/var/lib/gotify'],
  ])('%s is an error on the variable', (_what, props, field, folder) => {
    const problems = unmountedStateDirProblems(props, 'app');
    expect(fields(problems)).toEqual([field]);
    expect(problems[0].hint).toContain(`mountPath: '${folder}'`);
  });
  test.each<[string, Record<string, unknown>]>([
    ['SearXNG with an emptyDir at its settings folder', { image: 'searxng/searxng:2025.5.18-5dff826', persistence: { settings: { volume: emptyDir, mountPath: '/etc/searxng' } } }],
    ['Gotify with a claim at its data folder', {
      image: 'gotify/server:2.6.1', env: { GOTIFY_SERVER_PORT: '8080' }, persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } },
    }],
    ['Navidrome with a claim at its data folder', { image: 'deluan/navidrome:0.53.3', ports: [{ name: 'http', port: 4533 }], persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } } }],
    ['code-server with a claim at its home folder', { image: 'codercom/code-server:4.92.2', persistence: { home: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/home/coder' } } }],
    ['Jellyseerr with a claim at its config folder', { image: 'fallenbagel/jellyseerr:2.1.0', ports: [{ name: 'http', port: 5055 }], persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/config' } } }],
    ['PhotoPrism with a claim at its storage folder', {
      image: 'photoprism/photoprism:240915', ports: [{ name: 'http', port: 2342 }],
      persistence: { storage: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/photoprism/storage' }, originals: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/photoprism/originals' } },
    }],
    ['Mealie with a claim at its data folder', { image: 'ghcr.io/mealie-recipes/mealie:v2.8.0', ports: [{ name: 'http', port: 9000 }], persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } } }],
    ["Syncthing's official image with a claim at its home folder", { image: 'syncthing/syncthing:1.27.10', ports: [{ name: 'http', port: 8384 }], persistence: { home: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/syncthing' } } }],
    // Its -home is /var/syncthing/config: keys, config and database are all written there, the synced folders elsewhere.
    ["Syncthing's official image with a claim at its config folder alone", { image: 'syncthing/syncthing:1.29.2', ports: [{ name: 'http', port: 8384 }], persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/syncthing/config' } } }],
  ])('%s synthesizes', (_what, props) => {
    const cdkApp = new CdkApp();
    new App(labCluster(cdkApp), 'app', { ports: [{ name: 'http', port: 8080 }], ...props } as unknown as ConstructorParameters<typeof App>[2]);
    expect(synthesize(cdkApp, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe("hotio's, Paperless-ngx's and Frigate's images, whose init (s6-overlay) writes under /run", () => {
  test.each([
    ['ghcr.io/hotio/sonarr:release-4.0.14.2939'], ['hotio/radarr:latest'], ['ghcr.io/blakeblackshear/frigate:0.15.1'], ['blakeblackshear/frigate:stable'],
    ['ghcr.io/paperless-ngx/paperless-ngx:2.17.1'], ['docker.io/paperlessngx/paperless-ngx:2.17.1'],
  ])('%s under the secure defaults is an error on image', (image) => {
    expect(fields(nonRootStartProblems({ image }, 'app'))).toEqual(['image']);
  });
  test.each<[string, Record<string, unknown>]>([
    ['a hotio image with an emptyDir at /run', { image: 'ghcr.io/hotio/sonarr:release', persistence: { run: { volume: emptyDir, mountPath: '/run' } }, env: { S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: '1' } }],
    ["Paperless-ngx's image with an emptyDir at /run", { image: 'ghcr.io/paperless-ngx/paperless-ngx:2.17.1', persistence: { run: { volume: emptyDir, mountPath: '/run' } }, env: { S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: '1' } }],
    ["Paperless-ngx before 2.15, whose entrypoint was a script, with an emptyDir at /run", { image: 'ghcr.io/paperless-ngx/paperless-ngx:2.14.7', persistence: { run: { volume: emptyDir, mountPath: '/run' } } }],
    ['another image of that name', { image: 'ghcr.io/acme/paperless-ngx:1.0.0' }],
    ['Frigate with an emptyDir at /run, started as root', { image: 'ghcr.io/blakeblackshear/frigate:0.15.1', persistence: { run: { volume: emptyDir, mountPath: '/run' } }, exemptions: { runAsRoot: 'x' } }],
    ['Frigate with an emptyDir at /run that s6-overlay is told to take', { image: 'ghcr.io/blakeblackshear/frigate:0.15.1', persistence: { run: { volume: emptyDir, mountPath: '/run' } }, env: { S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: '1' } }],
    ['Frigate with a writable root', { image: 'ghcr.io/blakeblackshear/frigate:0.15.1', exemptions: { runAsRoot: 'x', writableRootFilesystem: 's6-overlay writes its service tree under /run' } }],
    ['another image of that name', { image: 'ghcr.io/acme/frigate-notify:1.0.0' }],
  ])('none for %s', (_what, props) => {
    expect(nonRootStartProblems(props, 'app')).toEqual([]);
  });
  test('Frigate started as root on a read-only root is told to make its root writable', () => {
    const [problem] = nonRootStartProblems({ image: 'ghcr.io/blakeblackshear/frigate:0.15.1', exemptions: { runAsRoot: 'x' } }, 'frigate');
    expect(problem.hint).toBe("start it as the image is built: exemptions: { writableRootFilesystem: 's6-overlay writes its service tree under /run' }");
  });
  test.each<[string, Record<string, unknown>]>([
    ['a hotio image started as root with the exemptions the hint writes', {
      image: 'ghcr.io/hotio/sonarr:release-4.0.14.2939', ports: [{ name: 'http', port: 8989 }],
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
      exemptions: {
        runAsRoot: 'its init starts as root, then runs the app as PUID:PGID', addCapabilities: rootInitExemption('supervisor', 'switches to PUID:PGID'),
        writableRootFilesystem: 's6-overlay writes its service tree under /run',
      },
    }],
    ["Paperless-ngx's image run as its user, which its init supports, with an emptyDir at /run that s6-overlay is told to take", {
      image: 'ghcr.io/paperless-ngx/paperless-ngx:2.17.1', ports: [{ name: 'http', port: 8000 }], env: { S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES: '1' },
      persistence: {
        run: { volume: AppVolume.emptyDir(), mountPath: '/run' }, data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/usr/src/paperless/data' },
        media: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/usr/src/paperless/media' },
      },
    }],
    ['Frigate started as the image is built', {
      image: 'ghcr.io/blakeblackshear/frigate:0.15.1', ports: [{ name: 'http', port: 5000 }],
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
      exemptions: { runAsRoot: 'its init (s6-overlay) starts as root, as the image is built', writableRootFilesystem: 's6-overlay writes its service tree under /run' },
    }],
  ])('%s synthesizes', (_what, props) => {
    const cdkApp = new CdkApp();
    new App(labCluster(cdkApp), 'app', props as unknown as ConstructorParameters<typeof App>[2]);
    expect(synthesize(cdkApp, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe("Nextcloud's entrypoint given REDIS_HOST, which writes PHP's session settings in root's folder", () => {
  const html = { html: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/html' } };
  test.each([['nextcloud:31.0.6-apache'], ['docker.io/library/nextcloud:31.0.6-fpm-alpine']])('%s is an error on env.REDIS_HOST, and on a sidecar by its place', (image) => {
    expect(fields(nextcloudRedisSessionProblems({ image, env: { REDIS_HOST: 'redis' } }, 'cloud'))).toEqual(['env.REDIS_HOST']);
    expect(fields(nextcloudRedisSessionProblems({ image: 'ghcr.io/acme/app:1.0.0', sidecars: [{ name: 'cloud', image, args: ['php-fpm'], env: { REDIS_HOST: '' } }] }, 'app')))
      .toEqual(['sidecars[0].env.REDIS_HOST']);
  });
  test.each<[string, Record<string, unknown>]>([
    ['no REDIS_HOST', { env: { REDIS_HOST_PORT: '6379' } }],
    ['its cron script as the command', { env: { REDIS_HOST: 'redis' }, args: ['/cron.sh'] }],
    ['a replaced entrypoint', { env: { REDIS_HOST: 'redis' }, command: ['php', 'occ', 'status'] }],
    ['root on a writable root, as the image is built', { env: { REDIS_HOST: 'redis' }, exemptions: { runAsRoot: 'the image', writableRootFilesystem: 'its entrypoint writes PHP settings' } }],
  ])('none with %s', (_what, props) => {
    expect(nextcloudRedisSessionProblems({ image: 'nextcloud:31.0.6-apache', ...props }, 'cloud')).toEqual([]);
  });
  test("a writable root as a user other than root is still an error: the folder is root's", () => {
    expect(fields(nextcloudRedisSessionProblems({ image: 'nextcloud:31.0.6-apache', env: { REDIS_HOST: 'redis' }, exemptions: { writableRootFilesystem: 'x' } }, 'cloud'))).toEqual(['env.REDIS_HOST']);
  });
  test("Nextcloud's PHP-FPM image given its Redis in a file of its config folder synthesizes", () => {
    const cdkApp = new CdkApp();
    new App(labCluster(cdkApp), 'cloud', {
      image: 'nextcloud:31.0.6-fpm-alpine', ports: [{ name: 'fpm', port: 9000 }], env: { REDIS_HOST_PORT: '6379' },
      persistence: { ...html, config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/www/html/config' } },
    });
    expect(synthesize(cdkApp, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
