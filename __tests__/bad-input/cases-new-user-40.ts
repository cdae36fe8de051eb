import type { App as CdkApp } from 'cdk8s';
import {
  App, AppController, AppVolume, ChartRelease, declareExternal, k3s, servesPorts, flux, argoCd, host, hostPlacement, Knative, localPathStorage, loki, MediaContainers, SecretReference, site, StaticNfsVolume,
  StaticZfsVolume, traefik,
} from '../../constructs';
import type { ClusterChart, ClusterChartProps } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, gpu1, guarded, lab, labCluster, raw } from './lab';
import { operatorObject, vault, vaultwarden } from './cases-new-user-38';

// A new user's lab in plain JavaScript, written from the README alone: numbers as text and text as numbers,
// NaN from arithmetic on an unset variable, a list where one value belongs and one value where a list does,
// Windows paths, blanks copied from a .env file. Aimed at the newest constructs: static NFS and ZFS volumes,
// Knative apps, media containers, preinstalled declarations, the GitOps engines' options, Loki's claim, and
// the backups of VolSync and Velero. Each value goes through `js()`, as JavaScript passes it: unchecked.

/** What a JavaScript caller passes: whatever it wrote, unchecked. */
const js = <T>(value: unknown): T => value as T;

/** A StaticNfsVolume `media` on the lab's share for app namespace `web`, with `props` over a sound one. */
const staticNfs = (props: Record<string, unknown>) => guarded((c: ClusterChart) => new StaticNfsVolume(c, 'media', js({
  export: lab.nfs.share, capacity: '500Gi', claim: { name: 'media', namespace: 'web', size: '100Gi' }, ...props,
})));

/** A cluster `nas` of a site whose NFS export `share` is `share`, with a StaticNfsVolume of it that an app of namespace `web` mounts. */
const onExport = (share: unknown) => guarded((_c: ClusterChart, app: CdkApp) => {
  const box = host('nu40-nas-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.40.1.5' });
  const own = site('nu40-nas', { domain: 'nas.test', hosts: [box], git: { url: 'https://git.nas.test/lab.git' }, nfs: { share: js<{ server: string; path: string }>(share) } });
  const c = labCluster(app, 'nas', { site: own, hosts: [box], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() } });
  const media = new StaticNfsVolume(c, 'media', { export: own.nfs.share, capacity: '500Gi', claim: { name: 'media', namespace: 'web', size: '100Gi' } });
  new App(c, 'web1', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], persistence: { m: { volume: media.volume, mountPath: '/m', readOnly: true } } });
});

/** Home Assistant's zvol imported as claim `haos` of namespace `web`, with `props` over a sound import. */
const staticZfs = (props: Record<string, unknown>) => guarded((c: ClusterChart) => {
  c.namespaces.ensure('web');
  return new StaticZfsVolume(c, 'haos-disk', js({ volume: gpu1.zfs.fast.existingVolume('haos', { size: '32Gi' }), namespace: 'web', claimName: 'haos', ...props }));
});

const MEDIA_SETTINGS = { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };

/** Sonarr as a media container on the GPU host, with `container` over its entry, `props` over the props and `settings` over the settings. */
const sonarr = (container: Record<string, unknown>, props: Record<string, unknown> = {}, settings: Record<string, unknown> = {}) => guarded((c: ClusterChart) => new MediaContainers(c, 'media', js({
  settings: { ...MEDIA_SETTINGS, ...settings }, containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.11', host: gpu1, listenPort: 8989, ...container } }, ...props,
})));

/** A Knative app `fn` with `props`, on Knative behind the corpus' Gateway cluster. */
const knativeApp = (props: Record<string, unknown>) => guarded((c: ClusterChart) => {
  declareExternal(c, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new Knative(c, 'knative', { eventing: false });
  return new App(c, 'fn', js({ image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: [{ name: 'http', port: 8080 }], controller: AppController.knative(), ...props }));
});

/** A cluster `den` of a site and a host of its own beside the lab's `main`, with `props`. */
const den = (props: Partial<ClusterChartProps>) => guarded((_c: ClusterChart, app: CdkApp) => {
  const box = host('nu40-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.40.0.5' });
  const own = site('nu40-den', { domain: 'den.test', hosts: [box], git: { url: 'https://git.den.test/lab.git' } });
  labCluster(app, 'den', { site: own, hosts: [box], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() }, ...props });
});

/** A preinstalled operator declared with CRD group `group` and `kinds`. */
const preinstalledCrds = (group: unknown, kinds: unknown[]) => den({ preinstalled: js([{ source: 'velero', namespaces: ['velero'], crds: [{ group, kinds }] }]) });

/** A Velero Schedule of Vaultwarden's namespace, with `template` over its backup template. */
const veleroSchedule = (template: Record<string, unknown>) => vault((c) => {
  vaultwarden(c);
  operatorObject(c, 'daily', 'velero', 'velero.io/v1', 'Schedule', { schedule: '0 2 * * *', template: { includedNamespaces: ['vaultwarden'], ttl: '720h', ...template } });
});

/** A restic CronJob of namespace `vaultwarden` at 03:00 that runs `args` on a repository of the lab's NFS share, with `cron` over its schedule. */
const resticJob = (args: unknown, cron: Record<string, unknown> = {}) => guarded((c: ClusterChart) => new App(c, 'restic', js({
  namespace: 'vaultwarden', image: 'restic/restic:0.17.1', ports: [], args,
  controller: AppController.cronJob(js({ schedule: '0 3 * * *', ...cron })),
  env: { RESTIC_REPOSITORY: '/repo', RESTIC_PASSWORD: SecretReference.external('vaultwarden', 'restic', 'password') },
  persistence: { repo: { volume: AppVolume.nfs(lab.nfs.share), mountPath: '/repo' } },
})));

/** podinfo's chart in namespace `podinfo`, serving its port, with `props` over a sound release. */
const podinfo = (props: Record<string, unknown>) => guarded((c: ClusterChart) => new ChartRelease(c, 'podinfo', js({
  namespace: 'podinfo', chart: { repository: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' },
  network: servesPorts({ port: 9898, purpose: 'http' }), ...props,
})));

/** A VolSync restic ReplicationSource of Vaultwarden's claim, with `restic` over its mover and `spec` over its spec. */
const volsyncSource = (restic: Record<string, unknown>, spec: Record<string, unknown> = {}) => vault((c) => {
  vaultwarden(c);
  operatorObject(c, 'vw-backup', 'vaultwarden', 'volsync.backube/v1alpha1', 'ReplicationSource', {
    sourcePVC: 'vaultwarden-data', trigger: { schedule: '0 * * * *' },
    restic: { repository: 'vaultwarden-restic', copyMethod: 'Clone', pruneIntervalDays: 14, retain: { daily: 7 }, ...restic }, ...spec,
  });
});

export const CASES: BadInput[] = [
  // StaticNfsVolume and StaticZfsVolume.
  {
    name: "a static NFS volume's claim given as a list of one", build: staticNfs({ claim: [{ name: 'media', namespace: 'web', size: '100Gi' }] }),
    layer: 'props', path: 'media', field: 'claim', hint: /claim: \{ name, namespace, size \}/,
  },
  {
    name: "a static NFS volume's capacity computed from an unset variable (NaN)", build: staticNfs({ capacity: Number.parseInt('', 10) }),
    layer: 'props', path: 'media', field: 'capacity', hint: /no number.*capacity: '500Gi'/,
  },
  {
    name: "a static ZFS volume's label key with a blank", build: staticZfs({ labels: { 'backup tier': 'nightly' } }),
    layer: 'props', path: 'haos-disk', field: 'labels.backup tier',
  },
  {
    name: "a static ZFS volume's size as zfs list rounds it, 1.5Ti", build: staticZfs({ volume: gpu1.zfs.fast.existingVolume('haos', { size: '1.5Ti' }) }),
    layer: 'props', path: 'haos-disk', field: 'volume.size', hint: /'1536Gi'/,
  },
  {
    name: 'a static ZFS volume whose ZFSVolume goes to a namespace the driver does not read', build: staticZfs({ openebsNamespace: 'zfs-system' }),
    layer: 'props', path: 'haos-disk', field: 'openebsNamespace', message: /runs in namespace "openebs"/,
  },
  {
    name: "an NFS export's server with NFS's port", build: onExport({ server: 'nas.nas.test:2049', path: '/export' }),
    layer: 'inventory', path: 'nfs/share', field: 'server', hint: /server: 'nas\.nas\.test'/,
  },
  {
    name: "an NFS export's server address with a leading zero", build: onExport({ server: '10.40.1.050', path: '/export' }),
    layer: 'inventory', path: 'nfs/share', field: 'server', hint: /10\.40\.1\.50$/,
  },
  {
    name: "an NFS export's path as a Windows share", build: onExport({ server: 'nas.nas.test', path: '\\\\nas\\media' }),
    layer: 'inventory', path: 'nfs/share', field: 'path', message: /Windows \(SMB\) share/,
  },
  {
    name: "an app mounting a static ZFS volume's claim, a raw block device by default, as a folder",
    build: guarded((c: ClusterChart) => {
      staticZfs({ claimName: 'photos' })(c);
      new App(c, 'photos', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], persistence: { library: { volume: AppVolume.existingClaim('photos'), mountPath: '/library' } } });
    }),
    layer: 'references', path: 'photos', field: 'persistence.library.volume', message: /raw block device \(volumeMode: Block\)/, hint: /volumeMode: 'Filesystem'/,
  },
  {
    name: "a hand-written Deployment attaching a file system claim as a block device",
    build: (c: ClusterChart) => {
      raw(c, 'scratch', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'scratch', namespace: 'web' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } } } });
      raw(c, 'workload', goodDeployment('web', {
        containers: [goodContainer({ volumeDevices: [{ name: 'scratch', devicePath: '/dev/xvdb' }] })], volumes: [{ name: 'scratch', persistentVolumeClaim: { claimName: 'scratch' } }],
      }));
    },
    layer: 'references', path: 'workload', field: 'spec.template.spec.volumes[0].persistentVolumeClaim.claimName', message: /file system \(volumeMode: Filesystem\)/,
  },
  // An App under AppController.knative().
  {
    name: "a Knative app's servicePort, which Knative's own Service ignores", gatewayCluster: true,
    build: knativeApp({ ports: [{ name: 'http', port: 8080, servicePort: 8080 }] }),
    layer: 'references', path: 'fn', field: 'ports[0].servicePort', hint: /leave servicePort out/,
  },
  {
    name: "a Knative app's minScale as text from an environment variable", gatewayCluster: true,
    build: knativeApp({ controller: AppController.knative(js({ minScale: '1' })) }),
    layer: 'props', path: 'fn', field: 'controller.props.minScale', hint: /minScale: 1/,
  },
  {
    name: "a Knative app's maxScale computed as NaN", gatewayCluster: true,
    build: knativeApp({ controller: AppController.knative({ maxScale: Number('ten') }) }),
    layer: 'props', path: 'fn', field: 'controller.props.maxScale',
  },
  {
    name: "a Knative app's env from the pod's field written fieldpath", gatewayCluster: true,
    build: knativeApp({ env: { POD_NAME: { fieldpath: 'metadata.name' } } }),
    layer: 'props', path: 'fn', field: 'env.POD_NAME', hint: /POD_NAME: \{ fieldPath: 'metadata\.name' \}/,
  },
  {
    name: "a Knative app's env from a ConfigMap without its key", gatewayCluster: true,
    build: knativeApp({ env: { GREETING: { configMapName: 'fn-settings' } } }),
    layer: 'props', path: 'fn', field: 'env.GREETING', hint: /\{ configMapName: 'fn-settings', key: '<key>' \}/,
  },
  {
    name: "Knative's local Gateway without the name of its Service", gatewayCluster: true,
    build: guarded((c: ClusterChart) => new Knative(c, 'knative', js({ eventing: false, localGateway: { namespace: 'gateway', gatewayName: 'knative-local-gateway' } }))),
    layer: 'props', path: 'knative', field: 'localGateway.serviceName',
  },
  // MediaContainers.
  {
    name: "media containers' reserved ports as a list of ports", build: sonarr({}, { reservedPorts: [6443, 10250] }),
    layer: 'props', path: 'media', field: 'reservedPorts', hint: /\{ 6443: '<what uses it>', 10250: '<what uses it>' \}/,
  },
  {
    name: "media containers' reserved port keyed by its user's name", build: sonarr({}, { reservedPorts: { kubelet: 10250 } }),
    layer: 'props', path: 'media', field: 'reservedPorts.kubelet',
  },
  {
    name: "media containers' reserved port whose user is a number", build: sonarr({}, { reservedPorts: { 10250: 1 } }),
    layer: 'props', path: 'media', field: 'reservedPorts.10250',
  },
  {
    name: "media containers' derived port range written last port first", build: sonarr({}, { derivedPortRange: { first: 32000, last: 30000 } }),
    layer: 'props', path: 'media', field: 'derivedPortRange', hint: /derivedPortRange: \{ first: 30000, last: 32000 \}/,
  },
  {
    name: "media containers' derived port range outside the cluster's node ports", build: sonarr({}, { derivedPortRange: { first: 8000, last: 9000 } }),
    layer: 'props', path: 'media', field: 'derivedPortRange', hint: /inside 30000-32767/,
  },
  {
    name: "media settings' configDir as a Windows path", build: sonarr({}, {}, { configDir: 'D:\\srv\\config' }),
    layer: 'props', path: 'media', field: 'settings.configDir', hint: /configDir: '\/srv\/config'/,
  },
  {
    name: "a media container's route given as a URL under ingress exposure", build: sonarr({ route: 'https://sonarr.lab.test' }, { exposure: 'ingress' }),
    layer: 'props', path: 'media', field: 'containers.sonarr.route',
  },
  {
    name: "a media container's environment name with a blank from a .env file", build: sonarr({ environment: { 'DOCKER_MODS ': 'linuxserver/mods:universal-cron' } }),
    layer: 'props', path: 'media', field: 'containers.sonarr.environment.DOCKER_MODS ', hint: /without its blanks: DOCKER_MODS$/,
  },
  {
    name: "a media container's supplemental group as text", build: sonarr({ supplementalGroups: '44' }),
    layer: 'props', path: 'media', field: 'containers.sonarr.supplementalGroups', hint: /: \[44\]$/,
  },
  {
    name: "a media container's configDir as compose's relative path", build: sonarr({ configDir: 'config' }),
    layer: 'props', path: 'media', field: 'containers.sonarr.configDir', hint: /configDir: '\/config'/,
  },
  {
    name: "a media container's volume read-only as :RO", build: sonarr({ volumes: ['/srv/tv:/tv:RO'] }),
    layer: 'references', path: 'media', field: 'containers.sonarr.volumes', hint: /"\/srv\/tv:\/tv:ro"/,
  },
  {
    name: "a media container's volume with a blank after its path", build: sonarr({ volumes: ['/srv/tv:/tv '] }),
    layer: 'props', path: 'media', field: 'containers.sonarr.volumes[0]', hint: /"\/srv\/tv:\/tv"$/,
  },
  {
    name: "a media container's health check every 0s", build: sonarr({ healthCheck: { command: ['curl', '-f', 'http://localhost:8989/ping'], interval: '0s' } }),
    layer: 'references', path: 'media', field: 'containers.sonarr.healthCheck.interval', message: /no time/,
  },
  {
    name: "a media container's route without a listenPort", build: sonarr({ listenPort: undefined, route: 'sonarr' }, { exposure: 'ingress' }),
    layer: 'props', path: 'media', field: 'containers.sonarr.route', hint: /listenPort: 8080/,
  },
  {
    name: "K3s' token file as a Windows path", build: den({ preinstalled: [k3s(js({ tokenFile: 'C:\\k3s\\token' }))] }),
    layer: 'props', path: 'den', field: 'preinstalled[0].tokenFile', message: /Windows path/,
  },
  // Preinstalled declarations.
  {
    name: "a preinstalled CRD group copied with its version from an apiVersion", build: preinstalledCrds('velero.io/v1', ['Schedule', 'Backup']),
    layer: 'props', path: 'den', field: 'preinstalled[0].crds[0].group', hint: /group: 'velero\.io'/,
  },
  {
    name: 'a preinstalled CRD group without its domain', build: preinstalledCrds('velero', ['Schedule']),
    layer: 'props', path: 'den', field: 'preinstalled[0].crds[0].group',
  },
  {
    name: 'a preinstalled kind as kubectl get takes it', build: preinstalledCrds('velero.io', ['Schedule', 'backups']),
    layer: 'props', path: 'den', field: 'preinstalled[0].crds[0].kinds[1]', hint: /'Backup'/,
  },
  // declareExternal.
  {
    name: "a declared Service with its port beside its names", build: guarded((c: ClusterChart) => declareExternal(c, js({ services: [{ namespace: 'web', name: 'nas', port: 80 }] }))),
    layer: 'props', path: 'main', field: 'declareExternal.services[0].port', hint: /\{ namespace: 'web', name: 'nas' \}/,
  },
  {
    name: "a declared Secret with the key an app reads", build: guarded((c: ClusterChart) => declareExternal(c, js({ secrets: [{ namespace: 'web', name: 'db', key: 'password' }] }))),
    layer: 'props', path: 'main', field: 'declareExternal.secrets[0].key', hint: /SecretReference\.external\('web', 'db', '<key>'\)/,
  },
  // The GitOps engines' options.
  {
    name: "Flux's controller placement as the name of a role", build: den({ gitops: flux(js({ controllerPlacement: 'control-plane' })) }),
    layer: 'props', path: 'den', field: 'gitops.controllerPlacement', hint: /\{ 'source-controller': … \}/,
  },
  {
    name: "Flux notifications' event sources as one kind in text",
    build: den({ gitops: flux(js({ notifications: { provider: 'discord', address: SecretReference.external('flux-system', 'discord', 'address'), eventSources: 'Kustomization' } })) }),
    layer: 'props', path: 'den', field: 'gitops.notifications.eventSources',
  },
  {
    name: "Argo CD's known hosts as a list of lines", build: den({ gitops: argoCd(js({ sshKnownHosts: ['git.den.test ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'] })) }),
    layer: 'props', path: 'den', field: 'gitops.sshKnownHosts',
  },
  // A platform component's props.
  {
    name: "Loki's storage size without a StorageClass, which its emptyDir ignores",
    build: guarded((c: ClusterChart) => { c.platform.require(loki({ placement: hostPlacement(gpu1), storageSize: '20Gi' })); }),
    layer: 'props', path: 'platform', field: 'components.loki.storageSize', hint: /storageClass: 'local-path'/,
  },
  // File backups with restic.
  {
    name: "restic forget keeping a week written 1w", build: resticJob(['forget', '--keep-within', '1w', '--prune']),
    layer: 'props', path: 'restic', field: 'args[2]', hint: /--keep-within 7d$/,
  },
  {
    name: 'restic forget keeping half of a count', build: resticJob(['forget', '--keep-daily=2.5', '--prune']),
    layer: 'props', path: 'restic', field: 'args[1]', hint: /--keep-daily=3$/,
  },
  {
    name: 'restic forget and prune with no policy', build: resticJob(['forget', '--prune']),
    layer: 'props', path: 'restic', field: 'args[0]', message: /no --keep-\* policy/,
  },
  {
    name: "a backup CronJob's schedule as the hour it runs at", build: resticJob(['backup', '/repo'], { schedule: 3 }),
    layer: 'props', path: 'restic', field: 'controller.props.schedule', hint: /schedule: '0 3 \* \* \*'/,
  },
  // A chart release's source and values.
  {
    name: "a chart's value keyed with a blank copied from values.yaml", build: podinfo({ values: { 'replicaCount ': 2 } }),
    layer: 'props', path: 'podinfo', field: 'values.replicaCount ', hint: /write the key alone: replicaCount$/,
  },
  {
    name: "a chart's repository URL with a blank after it", build: podinfo({ chart: { repository: 'https://stefanprodan.github.io/podinfo ', chart: 'podinfo', version: '6.7.1' } }),
    layer: 'props', path: 'podinfo', field: 'chart.repository', hint: /'https:\/\/stefanprodan\.github\.io\/podinfo'$/,
  },
  {
    name: "a chart's repository as a Windows folder", build: podinfo({ chart: { repository: 'C:\\charts\\podinfo', chart: 'podinfo', version: '6.7.1' } }),
    layer: 'props', path: 'podinfo', field: 'chart.repository', message: /a folder of this machine/,
  },
  // Backups.
  { name: "a Velero schedule's ttl as a number of hours", build: veleroSchedule({ ttl: 720 }), layer: 'schema', path: 'daily', field: 'spec.template.ttl', hint: /ttl: '720h'/ },
  {
    name: "a Velero schedule's namespaces as one name", build: veleroSchedule({ includedNamespaces: 'vaultwarden' }),
    layer: 'schema', path: 'daily', field: 'spec.template.includedNamespaces', hint: /\['vaultwarden'\]/,
  },
  {
    name: "a Velero schedule as a number of hours", build: vault((c) => { vaultwarden(c); operatorObject(c, 'daily', 'velero', 'velero.io/v1', 'Schedule', { schedule: 24, template: { includedNamespaces: ['vaultwarden'], ttl: '720h' } }); }),
    layer: 'schema', path: 'daily', field: 'spec.schedule', hint: /'@daily'/,
  },
  {
    name: "a Velero schedule's snapshotVolumes as text", build: veleroSchedule({ snapshotVolumes: 'false' }),
    layer: 'schema', path: 'daily', field: 'spec.template.snapshotVolumes', hint: /snapshotVolumes: false$/,
  },
  {
    name: "a Velero schedule paused with text", build: vault((c) => { vaultwarden(c); operatorObject(c, 'daily', 'velero', 'velero.io/v1', 'Schedule', { schedule: '0 2 * * *', paused: 'true', template: { includedNamespaces: ['vaultwarden'], ttl: '720h' } }); }),
    layer: 'schema', path: 'daily', field: 'spec.paused', hint: /paused: true$/,
  },
  {
    name: "a VolSync retention within a number of days", build: volsyncSource({ retain: { within: 30 } }),
    layer: 'schema', path: 'vw-backup', field: 'spec.restic.retain.within', hint: /within: '30d'/,
  },
  {
    name: "a VolSync trigger's schedule as a number of seconds", build: volsyncSource({}, { trigger: { schedule: 3600 } }),
    layer: 'schema', path: 'vw-backup', field: 'spec.trigger.schedule',
  },
  {
    name: "a VolSync restic prune interval in quotes", build: volsyncSource({ pruneIntervalDays: '14' }),
    layer: 'schema', path: 'vw-backup', field: 'spec.restic.pruneIntervalDays', hint: /pruneIntervalDays: 14$/,
  },
  {
    name: "a VolSync manual trigger as a number", build: volsyncSource({}, { trigger: { manual: 1 } }),
    layer: 'schema', path: 'vw-backup', field: 'spec.trigger.manual', hint: /manual: '1'/,
  },
  {
    name: "a VolSync copy method in lower case", build: volsyncSource({ copyMethod: 'snapshot' }),
    layer: 'schema', path: 'vw-backup', field: 'spec.restic.copyMethod', hint: /copyMethod: 'Snapshot'/,
  },
  {
    name: "a VolSync mover's user id in quotes", build: volsyncSource({ moverSecurityContext: { runAsUser: '1000', fsGroup: 1000 } }),
    layer: 'schema', path: 'vw-backup', field: 'spec.restic.moverSecurityContext.runAsUser', hint: /runAsUser: 1000$/,
  },
  {
    name: 'a VolSync restore that clones, which a destination cannot',
    build: vault((c) => {
      vaultwarden(c);
      operatorObject(c, 'vw-restore', 'vaultwarden', 'volsync.backube/v1alpha1', 'ReplicationDestination', {
        trigger: { manual: 'restore-1' }, restic: { repository: 'vaultwarden-restic', copyMethod: 'Clone', capacity: '1Gi', accessModes: ['ReadWriteOnce'], storageClassName: 'longhorn' },
      });
    }),
    layer: 'schema', path: 'vw-restore', field: 'spec.restic.copyMethod', message: /Direct, None, Snapshot/,
  },
];
