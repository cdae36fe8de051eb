import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  AppController, AppVolume, ChartRelease, declareExternal, HomelabApp, host, rootInitExemption, SecretReference, servesPorts,
} from '../constructs';
import { hostReference } from '../constructs/app/env-hosts';
import { hostNetworkImageFinding } from '../constructs/app/host-network-images';
import { translateGoRegExp } from '../constructs/validation/schema/go-regexp';
import { urlPasswordIn } from '../constructs/validation/secret-values';
import { type Build, dayTwo } from './support/day-two';
import { type Peer, shownFindings } from './support/lab-output';
import { describeOutputRuns } from './support/lab-runs';
import { configFile, k3sCluster, labSite, oneNodeLab } from './support/lab-sites';

// A seventh round of labs a user writes from the README alone, each meeting the checks added since the sixth in a
// correct but less common form: Falco and CrowdSec in one privileged namespace, plugins declared by flags or as local
// plugins, a geoblocking plugin's public settings and an OIDC plugin's mode, Authelia's portal at an explicit port or
// under a path with regex rules, Kyverno's cleanup policies, operators' Secrets listed or mapped by id; frp's INI form
// to a Service's full name and frpc beside its app, the DDNS updater on its own schedule and on the host's network,
// Blocky behind the pod's sysctl and on a high port; ESPHome's dashboard told to ping by another true value and its
// image compiling firmware, go2rtc's defaults, Frigate's secrets folder; Recyclarr and Kometa on their own schedulers
// and told to run once another way, hotio's SABnzbd, Unpackerr's watched folders, a Tdarr node by its server's full
// name; a CRD of the user's own in RE2 patterns Go reads and JavaScript does not; a hand-written DaemonSet that surges,
// reading whole ConfigMaps and Secrets; Synapse's database made C by the locale variables; listen ports set by the
// files apps mount. Each synthesizes with no finding (none is deserved), every cluster folder builds with kustomize,
// every probe and Service reaches a port its pod declares, and every NetworkPolicy lets in the ingress on routed ports.

/** Falco and CrowdSec in one privileged namespace, the bouncer declared by Traefik's flags, a geoblocking plugin, Kyverno's cleanup policy. */
function hardeningLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'guard', '10.210.0');
  cluster.namespaces.ensure('security', { podSecurity: 'privileged', reason: "falco and crowdsec: they read the node's system calls and container logs" });
  new ChartRelease(cluster, 'falco', {
    namespace: 'security', chart: { repository: 'https://falcosecurity.github.io/charts', chart: 'falco', version: '4.20.0' },
    network: servesPorts({ port: 8765, purpose: 'health' }), values: { driver: { kind: 'ebpf' }, collectors: { containerd: { enabled: true } } },
  });
  new ChartRelease(cluster, 'crowdsec', {
    namespace: 'security', chart: { repository: 'https://crowdsecurity.github.io/helm-charts', chart: 'crowdsec', version: '0.19.4' },
    network: servesPorts({ port: 8080, purpose: 'the LAPI, which the bouncer asks' }),
    values: {
      container_runtime: 'containerd',
      agent: { acquisition: [{ namespace: 'traefik', podName: 'traefik-*', program: 'traefik' }], env: [{ name: 'COLLECTIONS', value: 'crowdsecurity/traefik crowdsecurity/http-cve' }] },
      lapi: { env: [{ name: 'ENROLL_INSTANCE_NAME', value: 'guard' }] },
    },
  });
  cluster.platform.get('traefik')?.addValues({
    additionalArguments: [
      '--experimental.plugins.bouncer.modulename=github.com/maxlerebourg/crowdsec-bouncer-traefik-plugin', '--experimental.plugins.bouncer.version=v1.5.0',
      '--experimental.plugins.geoblock.modulename=github.com/PascalMinder/geoblock', '--experimental.plugins.geoblock.version=v0.3.2',
      '--accesslog=true',
    ],
  });
  declareExternal(cluster, { secrets: [{ namespace: 'traefik', name: 'crowdsec-bouncer' }] });
  new ApiObject(cluster, 'bouncer', {
    apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'crowdsec', namespace: 'traefik' },
    spec: {
      plugin: {
        bouncer: {
          enabled: true, crowdsecMode: 'live', crowdsecLapiScheme: 'http', crowdsecLapiHost: 'crowdsec-service.security.svc.cluster.local:8080',
          crowdsecLapiKey: 'urn:k8s:secret:crowdsec-bouncer:api-key', forwardedHeadersTrustedIPs: ['10.210.0.0/24'], clientTrustedIPs: ['10.210.0.0/24'],
        },
      },
    },
  });
  // Country blocking asks a public lookup service, whose URL and settings hold no secret.
  new ApiObject(cluster, 'geoblock', {
    apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'geoblock', namespace: 'traefik' },
    spec: {
      plugin: {
        geoblock: {
          api: 'https://get.geojs.io/v1/ip/country/{ip}', apiTimeoutMs: 750, cacheSize: 25, allowLocalRequests: true, allowUnknownCountries: false,
          forceMonthlyUpdate: true, logAllowedRequests: false, logApiRequests: false, unknownCountryApiResponse: 'nil', countries: ['NL', 'DE', 'BE'],
        },
      },
    },
  });
  new ChartRelease(cluster, 'kyverno', {
    namespace: 'kyverno', chart: { repository: 'https://kyverno.github.io/kyverno/', chart: 'kyverno', version: '3.3.4' },
    network: servesPorts({ port: 9443, purpose: 'admission webhook' }), crds: [{ group: 'kyverno.io', kinds: ['ClusterPolicy', 'Policy', 'ClusterCleanupPolicy'] }],
  });
  // Finished Jobs' pods removed every night across the cluster, by a cleanup policy of Kyverno's own kind.
  new ApiObject(cluster, 'finished-pods', {
    apiVersion: 'kyverno.io/v2', kind: 'ClusterCleanupPolicy', metadata: { name: 'remove-finished-pods' },
    spec: {
      match: { any: [{ resources: { kinds: ['Pod'] } }] },
      conditions: { any: [{ key: '{{ target.status.phase }}', operator: 'AnyIn', value: ['Succeeded', 'Failed'] }] },
      schedule: '0 3 * * *',
    },
  });
  cluster.namespaces.ensure('web');
  new ApiObject(cluster, 'web-limits', {
    apiVersion: 'kyverno.io/v1', kind: 'Policy', metadata: { name: 'require-limits', namespace: 'web' },
    spec: {
      validationFailureAction: 'Audit', background: true,
      rules: [{ name: 'memory-limit', match: { any: [{ resources: { kinds: ['Pod'] } }] }, validate: { message: 'set a memory limit', pattern: { spec: { containers: [{ resources: { limits: { memory: '?*' } } }] } } } }],
    },
  });
}

/** Authelia's portal at an explicit port under its cookie's domain, rules by regex, networks and nested subjects; secrets that operators make, referenced by their keys. */
function accessLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'gate', '10.211.0');
  configFile(cluster, 'auth', 'authelia', 'configuration.yml', [
    'server:', '  address: tcp://:9091/', 'log:', '  level: info',
    'session:', '  cookies:', '    - domain: gate.jdoe.dev', '      authelia_url: https://login.gate.jdoe.dev:443/', '      default_redirection_url: https://home.gate.jdoe.dev',
    'access_control:', '  default_policy: deny', '  networks:', '    - name: lan', '      networks: [10.211.0.0/24]', '  rules:',
    "    - domain_regex: '^(status|health)\\.gate\\.jdoe\\.dev$'", '      policy: bypass',
    "    - domain: 'media.gate.jdoe.dev'", '      networks: [lan]', '      policy: one_factor',
    "    - domain: '*.gate.jdoe.dev'", "      resources: ['^/admin([/?].*)?$']", "      subject: [['group:admins', 'group:mfa'], 'user:jdoe']", '      policy: two_factor',
    "    - domain: '*.gate.jdoe.dev'", '      policy: one_factor', '',
  ].join('\n'));
  new HomelabApp(cluster, 'authelia', {
    namespace: 'auth', image: 'docker.io/authelia/authelia:4.38.17', ports: [{ name: 'http', port: 9091 }], route: { host: 'login' },
    env: { X_AUTHELIA_CONFIG: '/config/configuration.yml' },
    persistence: { config: { volume: AppVolume.configMap('authelia'), mountPath: '/config', readOnly: true } },
  });
  new ChartRelease(cluster, 'infisical-operator', {
    namespace: 'infisical', chart: { repository: 'https://dl.cloudsmith.io/public/infisical/helm-charts/helm/charts/', chart: 'secrets-operator', version: '0.9.1' },
    network: servesPorts(), crds: [{ group: 'secrets.infisical.com', kinds: ['InfisicalSecret'] }],
  });
  declareExternal(cluster, { secrets: [{ namespace: 'wiki', name: 'infisical-machine' }, { namespace: 'notes', name: 'bw-auth-token' }] });
  cluster.namespaces.ensure('wiki');
  // The newer list of managed Secrets, one per namespace it serves.
  const universalAuth = { credentialsRef: { secretName: 'infisical-machine', secretNamespace: 'wiki' }, secretsScope: { projectSlug: 'lab', envSlug: 'prod', secretsPath: '/wiki' } };
  new ApiObject(cluster, 'wiki-secrets', {
    apiVersion: 'secrets.infisical.com/v1alpha1', kind: 'InfisicalSecret', metadata: { name: 'wiki', namespace: 'wiki' },
    spec: { hostAPI: 'https://eu.infisical.com/api', resyncInterval: 300, authentication: { universalAuth }, managedKubeSecretReferences: [{ secretName: 'wiki-env', secretNamespace: 'wiki', creationPolicy: 'Orphan' }] },
  });
  new HomelabApp(cluster, 'wiki', {
    namespace: 'wiki', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }],
    env: { WIKI_TOKEN: SecretReference.external('wiki', 'wiki-env', 'WIKI_TOKEN') },
  });
  // Every secret of the machine account, each under its id unless the map renames it.
  const bitwarden = { organizationId: '4a014e57-f197-4852-9831-b287013e47b6', authToken: { secretName: 'bw-auth-token', secretKey: 'token' } };
  new ApiObject(cluster, 'notes-secrets', {
    apiVersion: 'k8s.bitwarden.com/v1', kind: 'BitwardenSecret', metadata: { name: 'notes', namespace: 'notes' },
    spec: { ...bitwarden, secretName: 'notes-env', onlyMappedSecrets: false, map: [{ bwSecretId: 'fef63739-a5f3-42ca-b78e-b2890117d4fe', secretKeyName: 'NOTES_TOKEN' }] },
  });
  new ChartRelease(cluster, 'sm-operator', {
    namespace: 'sm-operator-system', chart: { repository: 'https://charts.bitwarden.com/', chart: 'sm-operator', version: '0.1.0' }, network: servesPorts(),
    crds: [{ group: 'k8s.bitwarden.com', kinds: ['BitwardenSecret'] }],
  });
  new HomelabApp(cluster, 'notes', {
    namespace: 'notes', image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }],
    env: {
      NOTES_TOKEN: SecretReference.external('notes', 'notes-env', 'NOTES_TOKEN'),
      SMTP_PASSWORD: SecretReference.external('notes', 'notes-env', '0c3e1b5a-9f0e-4d3b-8a5e-b2890117d500'),
    },
  });
}

/** frpc's INI form to Home Assistant by its Service's full name, the DDNS updater on its own schedule and on the host's network. */
function tunnelsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'reach', '10.212.0');
  declareExternal(cluster, { secrets: [{ namespace: 'frp', name: 'frpc' }, { namespace: 'ddns', name: 'cloudflare' }] });
  const ha = new HomelabApp(cluster, 'home-assistant', {
    namespace: 'home', image: 'ghcr.io/home-assistant/home-assistant:2024.12.1', ports: [{ name: 'http', port: 8123 }],
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } },
    exemptions: { runAsRoot: 'the image runs as root', writableRootFilesystem: 's6-overlay writes its service tree under /run' },
    route: { host: 'home' },
  });
  // The older INI form, which the project's own image still reads; the token comes in through the environment.
  configFile(cluster, 'frp', 'frpc', 'frpc.ini', [
    '[common]', 'server_addr = 203.0.113.20', 'server_port = 7000', 'authentication_method = token', 'token = {{ .Envs.FRP_TOKEN }}', '',
    '[home-assistant]', 'type = tcp', 'local_ip = home-assistant.home.svc.cluster.local', 'local_port = 8123', 'remote_port = 8123', '',
  ].join('\n'));
  const frpc = new HomelabApp(cluster, 'frpc', {
    namespace: 'frp', image: 'docker.io/fatedier/frpc:v0.61.1', args: ['-c', '/etc/frp/frpc.ini'],
    env: { FRP_TOKEN: SecretReference.external('frp', 'frpc', 'token') },
    persistence: { config: { volume: AppVolume.configMap('frpc'), mountPath: '/etc/frp', readOnly: true } },
  });
  ha.addAllowFrom(frpc);
  // Its own scheduler every ten minutes, the address asked of Cloudflare's DNS.
  new HomelabApp(cluster, 'ddns', {
    namespace: 'ddns', image: 'favonia/cloudflare-ddns:1.15.1',
    env: { CLOUDFLARE_API_TOKEN: SecretReference.external('ddns', 'cloudflare', 'token'), DOMAINS: 'reach.jdoe.dev', UPDATE_CRON: '@every 10m', IP4_PROVIDER: 'cloudflare.doh', IP6_PROVIDER: 'none' },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
  });
  // The IPv6 name from the host's own interface, once an hour: on the host's network that is the host's address.
  new HomelabApp(cluster, 'ddns-v6', {
    namespace: 'ddns', image: 'docker.io/favonia/cloudflare-ddns:1.15.1', controller: AppController.cronJob({ schedule: '0 * * * *' }),
    env: { CLOUDFLARE_API_TOKEN: SecretReference.external('ddns', 'cloudflare', 'token'), DOMAINS: 'v6.reach.jdoe.dev', UPDATE_CRON: '@once', IP4_PROVIDER: 'none', IP6_PROVIDER: 'local.iface:eno1' },
    exemptions: { hostNetwork: "the host's own IPv6 address is the one to publish" },
  });
}

/** Blocky serving 53 by the pod's sysctl and a second one on 5353 behind its Service's 53; Technitium's route on its web port, named. */
function dnsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'names', '10.213.0');
  const lan = cluster.site.pools.lb;
  configFile(cluster, 'dns', 'blocky', 'config.yml', 'upstreams:\n  groups:\n    default:\n      - https://1.1.1.1/dns-query\nports:\n  dns: 53\n  http: 4000\n');
  new HomelabApp(cluster, 'blocky', {
    namespace: 'dns', image: 'ghcr.io/0xerr0r/blocky:v0.25', env: { BLOCKY_CONFIG_FILE: '/app/config/config.yml' },
    ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'http', port: 4000 }],
    sysctls: { 'net.ipv4.ip_unprivileged_port_start': '53' },
    persistence: { config: { volume: AppVolume.configMap('blocky'), mountPath: '/app/config', readOnly: true } },
    egress: [{ cidr: '1.1.1.1/32', ports: [{ port: 443 }] }],
    loadBalancer: { address: lan.at('10.213.0.201'), ports: ['dns', 'dns-tcp'] },
  });
  configFile(cluster, 'dns', 'blocky-kids', 'config.yml', 'upstreams:\n  groups:\n    default:\n      - https://1.1.1.3/dns-query\nports:\n  dns: 5353\n  http: 4000\n');
  new HomelabApp(cluster, 'blocky-kids', {
    namespace: 'dns', image: 'spx01/blocky:v0.25', env: { BLOCKY_CONFIG_FILE: '/app/config/config.yml' },
    ports: [{ name: 'dns', port: 5353, servicePort: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 5353, servicePort: 53 }, { name: 'http', port: 4000 }],
    persistence: { config: { volume: AppVolume.configMap('blocky-kids'), mountPath: '/app/config', readOnly: true } },
    egress: [{ cidr: '1.1.1.3/32', ports: [{ port: 443 }] }],
    loadBalancer: { address: lan.at('10.213.0.202'), ports: ['dns', 'dns-tcp'] },
  });
  new HomelabApp(cluster, 'technitium', {
    namespace: 'dns', image: 'technitium/dns-server:13.4.1', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'http', port: 5380 }],
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/etc/dns' } },
    exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
    route: { host: 'dns', port: 5380 }, loadBalancer: { address: lan.at('10.213.0.203'), ports: ['dns', 'dns-tcp'] },
  });
}

/** ESPHome's dashboard pinging by another true value, its image compiling firmware in a Job; go2rtc's defaults; Frigate's secrets folder. */
function smartHomeLab(scope: Construct): void {
  const nuc = host('iot-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.215.0.11', gpus: [{ vendor: 'intel' }] });
  const cluster = k3sCluster(scope, labSite('iot', '10.215.0', [nuc]));
  const esphomeConfig = { config: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/config' } };
  const esphome = { runAsRoot: 'the image runs as root', writableRootFilesystem: 'PlatformIO installs toolchains' };
  new HomelabApp(cluster, 'esphome', {
    namespace: 'iot', image: 'esphome/esphome:2024.12.2', ports: [{ name: 'http', port: 6052 }],
    env: { ESPHOME_DASHBOARD_USE_PING: '1' }, persistence: esphomeConfig, exemptions: esphome, route: { host: 'esphome' },
  });
  // Each night the firmware of the garage door is compiled, to be flashed over the air from the dashboard.
  new HomelabApp(cluster, 'esphome-build', {
    namespace: 'iot', image: 'ghcr.io/esphome/esphome:2024.12.2', args: ['compile', '/config/garage-door.yaml'],
    controller: AppController.cronJob({ schedule: '0 2 * * *', concurrencyPolicy: 'Forbid' }),
    persistence: { config: { volume: AppVolume.existingClaim('esphome-config'), mountPath: '/config' } }, exemptions: esphome,
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
  });
  declareExternal(cluster, { secrets: [{ namespace: 'iot', name: 'cameras' }, { namespace: 'iot', name: 'frigate-secrets' }] });
  configFile(cluster, 'iot', 'go2rtc', 'go2rtc.yaml', [
    'streams:', '  porch: rtsp://${CAM_USER:admin}:${CAM_PASSWORD}@10.215.0.31:554/Streaming/Channels/101', '  yard: ffmpeg:rtsp://viewer:${CAM_PASSWORD}@10.215.0.32/live#video=copy', '',
  ].join('\n'));
  new HomelabApp(cluster, 'go2rtc', {
    namespace: 'iot', image: 'ghcr.io/alexxit/go2rtc:1.9.7', ports: [{ name: 'api', port: 1984 }, { name: 'rtsp', port: 8554 }],
    env: { CAM_PASSWORD: SecretReference.external('iot', 'cameras', 'password') },
    persistence: { config: { volume: AppVolume.configMap('go2rtc'), mountPath: '/config', readOnly: true } },
    egress: [{ cidr: '10.215.0.0/24', ports: [{ port: 554 }] }], route: { host: 'streams' },
  });
  // Frigate reads each file of /run/secrets as a variable of that name, as Docker's secrets are mounted.
  configFile(cluster, 'iot', 'frigate', 'config.yml', [
    'mqtt:', '  enabled: false', 'cameras:', '  porch:', '    ffmpeg:', '      inputs:',
    '        - path: rtsp://admin:{FRIGATE_RTSP_PASSWORD}@10.215.0.31:554/Streaming/Channels/101', '          roles: [detect, record]',
    '    detect:', '      width: 1280', '      height: 720', 'record:', '  enabled: true', '  retain:', '    days: 7', '',
  ].join('\n'));
  new HomelabApp(cluster, 'frigate', {
    // People come through Frigate's login port, which serves its own certificate.
    namespace: 'iot', image: 'ghcr.io/blakeblackshear/frigate:0.14.1', ports: [{ name: 'https', port: 8971, appProtocol: 'https' }],
    placement: { host: nuc },
    persistence: {
      config: { volume: AppVolume.configMap('frigate'), mounts: [{ mountPath: '/config/config.yml', subPath: 'config.yml' }] },
      secrets: { volume: AppVolume.secret('frigate-secrets'), mountPath: '/run/secrets', readOnly: true },
      media: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/media/frigate' },
      shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '256Mi' }), mountPath: '/dev/shm' },
    },
    exemptions: { runAsRoot: 'the image runs as root', writableRootFilesystem: 'nginx writes', unverifiedBackendTls: 'Frigate signs its own certificate' },
    egress: [{ cidr: '10.215.0.0/24', ports: [{ port: 554 }] }], route: { host: 'frigate' },
  });
}

/** The Matter Server told its interface, Music Assistant of another release, both on the host's network. */
function hostNetworkLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'audio', '10.216.0');
  new HomelabApp(cluster, 'matter-server', {
    namespace: 'home', image: 'ghcr.io/home-assistant-libs/python-matter-server:7.0.1', ports: [{ name: 'ws', port: 5580 }],
    args: ['--storage-path', '/data', '--paa-root-cert-dir', '/data/credentials', '--primary-interface', 'eno1'],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    exemptions: { hostNetwork: 'Matter devices are reached over IPv6 on the LAN', runAsRoot: 'the image runs as root' },
  });
  new HomelabApp(cluster, 'music-assistant', {
    namespace: 'home', image: 'ghcr.io/music-assistant/server:2.4.2', ports: [{ name: 'http', port: 8095 }, { name: 'stream', port: 8097 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    exemptions: { hostNetwork: 'players found by mDNS fetch streams from it', runAsRoot: 'the image runs as root' },
    route: { host: 'music' },
  });
}

const LSIO = { runAsRoot: 'linuxserver.io images start as root and drop to PUID:PGID', writableRootFilesystem: 's6-overlay writes /run', addCapabilities: rootInitExemption('supervisor', 's6-overlay switches to PUID:PGID') };

/** Recyclarr and Kometa on their own schedulers, each once more told to run once another way; hotio's SABnzbd; Unpackerr's watched folder. */
function mediaLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'flix', '10.217.0');
  declareExternal(cluster, { secrets: [{ namespace: 'media', name: 'arr' }] });
  const key = (app: string) => SecretReference.external('media', 'arr', app);
  const downloads = AppVolume.hostPath('/tank/downloads');
  const sonarr = new HomelabApp(cluster, 'sonarr', {
    namespace: 'media', image: 'lscr.io/linuxserver/sonarr:4.0.14', ports: [{ name: 'http', port: 8989 }], env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Berlin' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/config' }, downloads: { volume: downloads, mountPath: '/downloads' } },
    exemptions: { ...LSIO, hostPath: 'the NAS download folder' }, route: { host: 'sonarr' },
  });
  new HomelabApp(cluster, 'sabnzbd', {
    namespace: 'media', image: 'ghcr.io/hotio/sabnzbd:release-4.5.1', ports: [{ name: 'http', port: 8080 }], env: { PUID: '1000', PGID: '1000', UMASK: '002', TZ: 'Europe/Berlin' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' }, downloads: { volume: downloads, mountPath: '/downloads' } },
    exemptions: { ...LSIO, hostPath: 'the NAS download folder' }, allowFrom: [sonarr], route: { host: 'sabnzbd' },
  });
  // Recyclarr's own cron inside a Deployment; a second, once, after each upgrade of the profiles.
  new HomelabApp(cluster, 'recyclarr', {
    namespace: 'media', image: 'ghcr.io/recyclarr/recyclarr:7.4.0', env: { CRON_SCHEDULE: '@daily', SONARR_API_KEY: key('sonarr'), TZ: 'Europe/Berlin' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } }, egress: [sonarr],
  });
  new HomelabApp(cluster, 'recyclarr-once', {
    namespace: 'media', image: 'recyclarr/recyclarr:7.4.0', args: ['sync', 'sonarr', '--preview'], controller: AppController.job({ backoffLimit: 1 }),
    env: { SONARR_API_KEY: key('sonarr') },
    persistence: { config: { volume: AppVolume.emptyDir(), mountPath: '/config' } }, egress: [sonarr],
  });
  // Kometa waits for its own KOMETA_TIME in a Deployment; linuxserver's Kometa runs once a week from a CronJob by its variable.
  new HomelabApp(cluster, 'kometa', {
    namespace: 'media', image: 'kometateam/kometa:v2.1.0', env: { KOMETA_CONFIG: '/config/config.yml', KOMETA_TIME: '03:00,15:00', TZ: 'Europe/Berlin' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 32400 }] }],
  });
  new HomelabApp(cluster, 'kometa-weekly', {
    namespace: 'media', image: 'lscr.io/linuxserver/kometa:v2.1.0-ls92', controller: AppController.cronJob({ schedule: '0 5 * * 0', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' }),
    env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Berlin', KOMETA_RUN: 'True', KOMETA_CONFIG: '/config/config.yml' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } }, exemptions: LSIO,
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 32400 }] }],
  });
  // Unpackerr reads Sonarr's queue and a folder of its own that manual downloads land in.
  new HomelabApp(cluster, 'unpackerr', {
    namespace: 'media', image: 'golift/unpackerr:0.14.5', runAsUser: 1000, runAsGroup: 1000,
    env: {
      UN_SONARR_0_URL: 'http://sonarr.media.svc.cluster.local:8989', UN_SONARR_0_API_KEY: key('sonarr'), UN_SONARR_0_PATHS_0: '/downloads/',
      UN_FOLDER_0_PATH: '/downloads/manual', UN_FOLDER_0_EXTRACT_PATH: '/downloads/manual/extracted', TZ: 'Europe/Berlin',
    },
    persistence: { downloads: { volume: downloads, mountPath: '/downloads' } }, exemptions: { hostPath: 'the NAS download folder' }, egress: [sonarr],
  });
}

/** Tdarr's node calling its server by the Service's full name, the server's ports moved. */
function tdarrLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'transcode', '10.218.0');
  const cache = AppVolume.hostPath('/tank/transcode');
  const media = AppVolume.hostPath('/tank/media');
  const server = new HomelabApp(cluster, 'tdarr', {
    namespace: 'tdarr', image: 'ghcr.io/haveagitgat/tdarr:2.27.02', ports: [{ name: 'http', port: 8265 }, { name: 'server', port: 8266 }],
    env: { serverIP: '0.0.0.0', serverPort: '8266', webUIPort: '8265', internalNode: 'false' }, runAsUser: 1000, runAsGroup: 1000,
    persistence: {
      server: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/app/server' },
      configs: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/configs' },
      media: { volume: media, mountPath: '/media' }, cache: { volume: cache, mountPath: '/temp' },
    },
    exemptions: { hostPath: 'the NAS media and transcode cache' }, route: { host: 'tdarr' },
  });
  new HomelabApp(cluster, 'tdarr-node', {
    namespace: 'tdarr', image: 'haveagitgat/tdarr_node:2.27.02',
    env: { serverIP: 'tdarr.tdarr.svc.cluster.local', serverPort: '8266', nodeName: 'cpu-node', inContext: 'true' }, runAsUser: 1000, runAsGroup: 1000,
    persistence: { media: { volume: media, mountPath: '/media' }, cache: { volume: cache, mountPath: '/temp' } },
    exemptions: { hostPath: 'the NAS media and transcode cache' }, egress: [server],
  });
}

/** A CRD of the user's own: two versions without conversion, patterns in Go's syntax, map lists, transition rules, an int-or-string port, and a resource of it. */
function backupCrdLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'crd', '10.219.0');
  const spec = {
    type: 'object', required: ['target', 'schedule'],
    properties: {
      // A path segment as the operator's Go code matches it: punctuation escaped, and a case-insensitive group.
      target: { type: 'string', pattern: '^[a-z0-9][a-z0-9\\-\\_\\.]*$', maxLength: 63 },
      schedule: { type: 'string', pattern: '^(@(?i:daily|weekly|hourly)|[0-9*/,\\-]+( [0-9*/,\\-]+){4})$' },
      owner: { type: 'string', pattern: '^\\S+\\@\\S+$' },
      bucketUrl: { type: 'string', pattern: '^s3\\:\\/\\/[a-z0-9.-]+(/.*)?$' },
      // A number or a port's name, each restricted by a second branch of allOf, as the structural rules take it.
      port: {
        'x-kubernetes-int-or-string': true,
        allOf: [{ anyOf: [{ type: 'integer' }, { type: 'string' }] }, { anyOf: [{ minimum: 1, maximum: 65535 }, { pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$' }] }],
      },
      keep: { type: 'integer', minimum: 1, default: 7 },
      mode: { type: 'string', enum: ['copy', 'snapshot'], default: 'snapshot' },
      retention: {
        type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['period'],
        items: { type: 'object', required: ['period'], properties: { period: { type: 'string', enum: ['daily', 'weekly', 'monthly'] }, keep: { type: 'integer', minimum: 0 } } },
      },
      excludes: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
      labels: { type: 'object', additionalProperties: { type: 'string' }, 'x-kubernetes-map-type': 'granular' },
      source: { type: 'object', oneOf: [{ required: ['claim'] }, { required: ['path'] }], properties: { claim: { type: 'string' }, path: { type: 'string' } } },
    },
    'x-kubernetes-validations': [
      { rule: 'self.target == oldSelf.target', message: 'target is immutable', reason: 'FieldValueForbidden', fieldPath: '.target' },
      { rule: "!has(self.retention) || self.retention.all(r, r.keep <= 365)", messageExpression: "'keep at most a year, not ' + string(self.keep)" },
    ],
  };
  const version = (name: string, storage: boolean) => ({
    name, served: true, storage, ...(storage ? {} : { deprecated: true, deprecationWarning: `lab.jdoe.dev/${name} Backup is deprecated; use v1` }),
    schema: { openAPIV3Schema: { type: 'object', properties: { spec, status: { type: 'object', properties: { lastRun: { type: 'string', format: 'date-time' }, count: { type: 'integer' } } } } } },
    subresources: { status: {} },
    additionalPrinterColumns: [
      { name: 'Target', type: 'string', jsonPath: '.spec.target' }, { name: 'Last run', type: 'date', jsonPath: '.status.lastRun' },
      { name: 'Count', type: 'integer', format: 'int32', jsonPath: '.status.count', priority: 1 },
    ],
  });
  new ApiObject(cluster, 'backup-crd', {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'backups.lab.jdoe.dev' },
    spec: {
      group: 'lab.jdoe.dev', scope: 'Namespaced', names: { kind: 'Backup', listKind: 'BackupList', plural: 'backups', singular: 'backup', shortNames: ['bk'], categories: ['lab'] },
      conversion: { strategy: 'None' }, versions: [version('v1alpha1', false), version('v1', true)],
    },
  });
  cluster.namespaces.ensure('photos');
  new ApiObject(cluster, 'photos-backup', {
    apiVersion: 'lab.jdoe.dev/v1', kind: 'Backup', metadata: { name: 'photos', namespace: 'photos' },
    spec: {
      target: 'photos_2024.main', schedule: '@Daily', owner: 'jdoe@jdoe.dev', bucketUrl: 's3://backups.jdoe.dev/photos', port: 'https',
      retention: [{ period: 'daily', keep: 7 }, { period: 'weekly', keep: 4 }], excludes: ['cache', 'thumbs'], source: { claim: 'photos-library' },
    },
  });
}

/** Synapse on PostgreSQL made C by the locale variables initdb reads, its database named apart from its user. */
function synapseLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'chat', '10.220.0');
  declareExternal(cluster, { secrets: [{ namespace: 'matrix', name: 'synapse-db' }] });
  const db = new HomelabApp(cluster, 'synapse-db', {
    namespace: 'matrix', image: 'postgres:16.6-alpine3.21', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 70, controller: AppController.statefulSet(),
    env: {
      POSTGRES_USER: 'synapse_user', POSTGRES_DB: 'synapse', POSTGRES_PASSWORD: SecretReference.external('matrix', 'synapse-db', 'password'),
      POSTGRES_INITDB_ARGS: '--encoding=UTF8', LC_COLLATE: 'C', LC_CTYPE: 'C', PGDATA: '/var/lib/postgresql/data/pgdata',
    },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
  configFile(cluster, 'matrix', 'synapse', 'homeserver.yaml', [
    'server_name: chat.jdoe.dev', 'public_baseurl: https://matrix.chat.jdoe.dev/', 'pid_file: /data/homeserver.pid',
    'listeners:', '  - port: 8008', '    type: http', '    tls: false', '    x_forwarded: true', '    resources:', '      - names: [client, federation]',
    'database:', '  name: psycopg2', '  args:', '    host: synapse-db', '    port: 5432', '    user: synapse_user', '    database: synapse', '    cp_min: 5', '    cp_max: 10',
    'media_store_path: /data/media_store', 'signing_key_path: /data/chat.jdoe.dev.signing.key', 'report_stats: false', '',
  ].join('\n'));
  new HomelabApp(cluster, 'synapse', {
    namespace: 'matrix', image: 'docker.io/matrixdotorg/synapse:v1.124.0', ports: [{ name: 'http', port: 8008 }],
    env: { SYNAPSE_CONFIG_PATH: '/config/homeserver.yaml', SYNAPSE_CONFIG_DIR: '/config', POSTGRES_PASSWORD: SecretReference.external('matrix', 'synapse-db', 'password') },
    probes: { readiness: { httpPath: '/health' }, liveness: { httpPath: '/health' } },
    persistence: {
      config: { volume: AppVolume.configMap('synapse'), mountPath: '/config', readOnly: true },
      data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/data' },
    },
    runAsUser: 991, runAsGroup: 991, egress: [db], route: { host: 'matrix' },
  });
}

/** A node agent of the user's own, written by hand: a DaemonSet that starts each new pod before the old one stops, its settings read whole from a ConfigMap and a Secret and from a projected volume. */
function agentLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'agent', '10.221.0');
  cluster.namespaces.ensure('monitoring');
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'node-agent-token' }] });
  configFile(cluster, 'monitoring', 'node-agent', 'agent.yaml', 'interval: 30s\n');
  new ApiObject(cluster, 'agent-env', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'node-agent-env', namespace: 'monitoring' }, data: { INTERVAL: '30s', LOG_LEVEL: 'info' } });
  const labels = { 'app.kubernetes.io/name': 'node-agent' };
  new ApiObject(cluster, 'agent', {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'node-agent', namespace: 'monitoring', labels },
    spec: {
      selector: { matchLabels: labels }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false, securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'agent', image: 'ghcr.io/jdoe/node-agent:2.3.1', ports: [{ name: 'metrics', containerPort: 9100 }],
            envFrom: [{ configMapRef: { name: 'node-agent-env' } }, { prefix: 'AGENT_', secretRef: { name: 'node-agent-token' } }],
            env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
            readinessProbe: { httpGet: { path: '/healthz', port: 'metrics' } },
            resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '64Mi' } },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'settings', mountPath: '/etc/agent', readOnly: true }],
          }],
          volumes: [{
            name: 'settings',
            projected: { sources: [{ configMap: { name: 'node-agent', items: [{ key: 'agent.yaml', path: 'agent.yaml' }] } }, { secret: { name: 'node-agent-token', items: [{ key: 'token', path: 'token' }] } }] },
          }],
        },
      },
    },
  });
  new ApiObject(cluster, 'agent-policy', {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'node-agent', namespace: 'monitoring' },
    spec: { podSelector: { matchLabels: labels }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 9100 }] }] },
  });
}

/** Listen ports moved in the config files apps mount from ConfigMaps: Home Assistant's one file among its claim, nginx on IPv4 and IPv6, ntfy on an address of brackets. */
function listenPortsLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'ports', '10.222.0');
  configFile(cluster, 'home', 'ha-config', 'configuration.yaml', [
    'default_config:', 'http:', '  server_port: 8124', '  use_x_forwarded_for: true', '  trusted_proxies:', '    - 10.42.0.0/16', '',
  ].join('\n'));
  new HomelabApp(cluster, 'home-assistant', {
    namespace: 'home', image: 'homeassistant/home-assistant:2024.12.1', ports: [{ name: 'http', port: 8124 }],
    persistence: {
      config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' },
      settings: { volume: AppVolume.configMap('ha-config'), mounts: [{ mountPath: '/config/configuration.yaml', subPath: 'configuration.yaml' }] },
    },
    exemptions: { runAsRoot: 'the image runs as root', writableRootFilesystem: 's6-overlay writes its service tree under /run' },
    route: { host: 'home' },
  });
  configFile(cluster, 'web', 'site', 'default.conf', 'server {\n    listen 8081;\n    listen [::]:8081;\n    server_name _;\n    root /usr/share/nginx/html;\n}\n');
  new HomelabApp(cluster, 'site', {
    namespace: 'web', image: 'docker.io/nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8081 }],
    persistence: { conf: { volume: AppVolume.configMap('site'), mountPath: '/etc/nginx/conf.d', readOnly: true }, tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' } },
    route: { host: 'www' },
  });
  configFile(cluster, 'notify', 'ntfy', 'server.yml', 'base-url: "https://ntfy.ports.jdoe.dev"\nlisten-http: "[::]:2586"\nbehind-proxy: true\ncache-file: /var/cache/ntfy/cache.db\n');
  new HomelabApp(cluster, 'ntfy', {
    namespace: 'notify', image: 'binwiederhier/ntfy:v2.11.0', args: ['serve', '--config', '/etc/ntfy/server.yml'], ports: [{ name: 'http', port: 2586 }],
    probes: { readiness: { httpPath: '/v1/health' }, liveness: { httpPath: '/v1/health' } },
    persistence: {
      config: { volume: AppVolume.configMap('ntfy'), mountPath: '/etc/ntfy', readOnly: true },
      cache: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/cache/ntfy' },
    },
    route: { host: 'ntfy' },
  });
}

/** Traefik's OIDC plugin declared as a local plugin, its secrets read by Traefik from Secrets; Authelia served under a path of its host. */
function ssoLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'sso', '10.223.0');
  cluster.platform.get('traefik')?.addValues({ experimental: { localPlugins: { 'traefik-oidc-auth': { moduleName: 'github.com/sevensolutions/traefik-oidc-auth' } } } });
  declareExternal(cluster, { secrets: [{ namespace: 'traefik', name: 'oidc' }] });
  new ApiObject(cluster, 'oidc', {
    apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'oidc', namespace: 'traefik' },
    spec: {
      plugin: {
        'traefik-oidc-auth': {
          Secret: 'urn:k8s:secret:oidc:session-key', CallbackUri: '/oidc/callback', LoginUri: '/oidc/login', LogoutUri: '/oidc/logout',
          Provider: { Url: 'https://login.sso.jdoe.dev/authelia', ClientId: 'traefik', ClientSecret: 'urn:k8s:secret:oidc:client-secret', UsePkce: true, TokenValidation: 'IdToken' },
          Scopes: ['openid', 'profile', 'email', 'groups'],
        },
      },
    },
  });
  configFile(cluster, 'auth', 'authelia', 'configuration.yml', [
    'server:', '  address: tcp://:9091/authelia', 'session:', '  cookies:', '    - domain: sso.jdoe.dev', '      authelia_url: https://login.sso.jdoe.dev/authelia',
    'access_control:', '  default_policy: one_factor', '',
  ].join('\n'));
  new HomelabApp(cluster, 'authelia', {
    namespace: 'auth', image: 'ghcr.io/authelia/authelia:4.38.17', ports: [{ name: 'http', port: 9091 }],
    probes: { readiness: { httpPath: '/authelia/api/health' }, liveness: { httpPath: '/authelia/api/health' } },
    persistence: { config: { volume: AppVolume.configMap('authelia'), mountPath: '/config', readOnly: true } },
    route: { host: 'login', path: '/authelia' },
  });
}

/** frpc beside Uptime Kuma in its pod, forwarding the VPS's port to the loopback the pod serves. */
function sidecarTunnelLab(scope: Construct): void {
  const cluster = oneNodeLab(scope, 'status', '10.224.0');
  declareExternal(cluster, { secrets: [{ namespace: 'status', name: 'frpc' }] });
  configFile(cluster, 'status', 'frpc', 'frpc.toml', [
    'serverAddr = "203.0.113.30"', 'serverPort = 7000', 'auth.token = "{{ .Envs.FRP_TOKEN }}"', '',
    '[[proxies]]', 'name = "status"', 'type = "http"', 'localPort = 3001', 'customDomains = ["status.example.org"]', '',
  ].join('\n'));
  new HomelabApp(cluster, 'uptime-kuma', {
    // Started without its entrypoint, which chowns as root, as the container's own user.
    namespace: 'status', image: 'louislam/uptime-kuma:1.23.16', command: ['node', 'server/server.js'], ports: [{ name: 'http', port: 3001 }],
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' },
      frpc: { volume: AppVolume.configMap('frpc'), mountPath: '/etc/frp', readOnly: true, containers: ['frpc'] },
    },
    sidecars: [{ name: 'frpc', image: 'snowdreamtech/frpc:0.61.1', args: ['-c', '/etc/frp/frpc.toml'], env: { FRP_TOKEN: SecretReference.external('status', 'frpc', 'token') } }],
    egress: [{ cidr: '203.0.113.30/32', ports: [{ port: 7000 }] }],
    route: { host: 'status' },
  });
}

const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

export const LABS: Array<[string, (scope: Construct) => void, Peer]> = [
  ['hardening lab', hardeningLab, TRAEFIK],
  ['access lab', accessLab, TRAEFIK],
  ['tunnels lab', tunnelsLab, TRAEFIK],
  ['DNS lab', dnsLab, TRAEFIK],
  ['smart home lab', smartHomeLab, TRAEFIK],
  ['host network lab', hostNetworkLab, TRAEFIK],
  ['media lab', mediaLab, TRAEFIK],
  ['Tdarr lab', tdarrLab, TRAEFIK],
  ["user's own CRD lab", backupCrdLab, TRAEFIK],
  ['Synapse lab', synapseLab, TRAEFIK],
  ['node agent lab', agentLab, TRAEFIK],
  ['listen ports of mounted files lab', listenPortsLab, TRAEFIK],
  ['single sign-on lab', ssoLab, TRAEFIK],
  ['tunnel beside its app lab', sidecarTunnelLab, TRAEFIK],
];

describe('a seventh round of correct labs synthesizes with only the findings they deserve', () => {
  test.each(LABS)('the %s', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });
});

describeOutputRuns(LABS, []);

describe('what the labs write right, where it was refused', () => {
  test("ESPHome's dashboard off the host's network: left alone with either status switch on as ESPHome reads it, or told another tool", () => {
    const esphome = (props: Record<string, unknown>) => hostNetworkImageFinding({ image: 'esphome/esphome:2024.12.2', ...props })?.severity;
    expect([
      esphome({ env: { ESPHOME_DASHBOARD_USE_PING: '1' } }), esphome({ env: { ESPHOME_DASHBOARD_USE_MQTT: 'True' } }),
      esphome({ args: ['compile', '/config/garage-door.yaml'] }), esphome({ args: ['dashboard', '/config'], env: { ESPHOME_DASHBOARD_USE_PING: 'yes' } }),
    ]).toEqual([undefined, undefined, undefined, undefined]);
    expect([esphome({}), esphome({ env: { ESPHOME_DASHBOARD_USE_PING: 'false' } }), esphome({ env: { ESPHOME_DASHBOARD_USE_PING: '0' } }), esphome({ args: ['dashboard', '/config'] })])
      .toEqual(['warning', 'warning', 'warning', 'warning']);
  });

  test("Go's escaped punctuation, hex code points and case-insensitive groups compile; a group left open does not", () => {
    const compiled = (pattern: string) => new RegExp(translateGoRegExp(pattern).source ?? '(?!)', 'u');
    expect(compiled('^[a-z0-9][a-z0-9\\-\\_\\.]*$').test('photos_2024.main')).toBe(true);
    expect(compiled('^\\S+\\@\\S+$').test('jdoe@jdoe.dev')).toBe(true);
    expect(compiled('^[\\x{41}-\\x{5A}]\\x{2D}\\d+$').test('B-12')).toBe(true);
    expect(['@Daily', '@daily', '@DAILY'].map((word) => compiled('^@(?i:daily|weekly)$').test(word))).toEqual([true, true, true]);
    // The flag holds inside its group alone, as in RE2.
    expect([compiled('^(?i:a)b$').test('Ab'), compiled('^(?i:a)b$').test('AB'), compiled('^((?i)a)b$').test('AB')]).toEqual([true, false, false]);
    expect(translateGoRegExp('^@(?i:daily|weekly$').malformed).toBe(true);
  });

  test("a URL's user given as go2rtc's variable with a default is no password; a password after it still is", () => {
    expect(urlPasswordIn('rtsp://${CAM_USER:admin}:${CAM_PASSWORD}@10.215.0.31:554/stream')).toBeUndefined();
    expect(urlPasswordIn('rtsp://${CAM_USER:admin}:Door-Cam-2024@10.215.0.31:554/stream')).toBe('Door-Cam-2024');
  });

  test('a time of day (KOMETA_TIME) names no host', () => {
    expect([hostReference('KOMETA_TIME', '03:00'), hostReference('KOMETA_TIME', '15:30')]).toEqual([undefined, undefined]);
    expect(hostReference('DB_HOST', 'postgres:5432')?.host).toBe('postgres');
  });
});

// A tag moved between variants of one release is no image moved back, on a workload that keeps data.
describe('a tag moved to another variant of the same release draws no finding on day two', () => {
  const redis = (tag: string): Build => (cluster) => {
    new HomelabApp(cluster, 'cache', {
      namespace: 'web', image: `docker.io/bitnami/redis:${tag}`, runAsUser: 1001, ports: [{ name: 'redis', port: 6379 }],
      env: { ALLOW_EMPTY_PASSWORD: 'yes' }, persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/bitnami/redis/data' } },
    });
  };
  test("Bitnami's revision of one release, r10 back to r9", () => {
    expect(dayTwo(redis('7.4.2-debian-12-r10'), redis('7.4.2-debian-12-r9')).warnings.map((w) => `${w.severity} ${w.field}: ${w.message}`)).toEqual([]);
  });
});
