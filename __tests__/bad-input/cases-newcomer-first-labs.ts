import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp, Helm, Include } from 'cdk8s';
import { AppController, AppVolume, ChartRelease, SopsSecret, Forgejo, ForgejoDatabase, gatewayApi, host, servesPorts, site } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, guarded, lab, labApp, labCluster, podWithContainer, raw } from './lab';

// First labs of someone who has used docker-compose, Helm and plain YAML, written from the README alone:
// the name `helm repo add` gave a chart repository, written where its URL belongs; a manifest copied from
// upstream without resources, whose finding must say how YAML writes them; cdk8s' Helm construct, which runs
// helm where synth runs; an environment variable read from a Secret or ConfigMap as a container spec reads it,
// and other fields of a container spec written among an App's props; platform choices named as text, as a
// values file or a CLI flag names them; a password written where a SecretReference belongs, or in env in
// another form, whose hint must not write the password out again; schedules of other crons; a kustomization
// given to Include; a cluster or a site named as a person writes a name; a route to a port by its name; a
// controller chosen as app-template or a StatefulSet's spec chooses it; an app named as a part of the cluster;
// a mount path written as Windows writes one; a route's basic auth written as its htpasswd line; a route to
// several hosts; a chart's values or a hand-written object holding an object of a class, such as a Date;
// Gateway API routes on a cluster that installs no Gateway API; addEnv given a map; mount given one object;
// addLoadBalancer given the address alone; a role of the lab's own (storage, media) among a host's roles; a
// SopsSecret given its file.

/** A chart release `grafana` whose chart comes from `repository`. */
const grafana = (repository: string) => guarded((cluster: ClusterChart) => new ChartRelease(cluster, 'grafana', {
  namespace: 'grafana', chart: { repository, chart: 'grafana', version: '8.5.1' }, network: servesPorts({ port: 3000, purpose: 'http' }),
}));

/** The lab's cluster `named`, built with `props` over the defaults, where a cluster of that id holds the case. */
const clusterWith = (props: Record<string, unknown>) => guarded((_cluster: ClusterChart, app: CdkApp) => labCluster(app, 'named', props as never));

/** An app `backup` run by a CronJob on `schedule`, in `timeZone`. */
const backup = (schedule: string, timeZone?: string) => guarded(labApp('backup', { image: 'restic/restic:0.17.3', ports: [], controller: AppController.cronJob({ schedule, timeZone }) }));

/** A folder with a kustomization.yaml that lists one manifest, as upstream projects ship them. */
function kustomizeFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-kustomize-'));
  fs.writeFileSync(path.join(folder, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n  - service.yaml\n');
  return folder;
}

/** A chart release `podinfo` whose Helm values are `values`. */
const podinfo = (values: Record<string, unknown>) => guarded((cluster: ClusterChart) => new ChartRelease(cluster, 'podinfo', {
  namespace: 'podinfo', chart: { repository: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' }, values,
  network: servesPorts({ port: 9898, purpose: 'http' }),
}));

export const CASES: BadInput[] = [
  // `helm repo add grafana https://grafana.github.io/helm-charts` names the repository on one machine only.
  {
    name: 'a chart repository given as the name helm repo add gave it', build: grafana('grafana'),
    layer: 'props', path: 'grafana', field: 'chart.repository', hint: /name `helm repo add` gave .*helm repo list/,
  },
  {
    name: 'a chart repository given as a helm repo alias with a dash', build: grafana('prometheus-community'),
    layer: 'props', path: 'grafana', field: 'chart.repository', hint: /^(?!.*'https:\/\/prometheus-community').*helm repo list/,
  },
  // A hand-written Deployment (or one an Include reads) is told the fields of its own YAML, not an App's props.
  {
    name: 'a hand-written Deployment whose container sets no resources',
    build: (cluster: ClusterChart) => { raw(cluster, 'w', podWithContainer({ resources: undefined })); },
    layer: 'policy', path: 'w', field: `${CONTAINER}.resources.requests.cpu`, hint: /resources: \{ requests: \{ cpu: .*limits: \{ memory: /,
  },
  // cdk8s' Helm runs `helm template` before it is a construct: the finding names the program and the way
  // this library installs a chart, not the part of the cluster built before it.
  {
    name: "cdk8s' Helm construct where helm is not installed",
    build: guarded((cluster: ClusterChart) => new Helm(cluster, 'podinfo', {
      chart: 'podinfo', repo: 'https://stefanprodan.github.io/podinfo', version: '6.7.1', helmExecutable: 'helm-not-installed',
    })),
    layer: 'props', path: 'main', field: 'helmExecutable', hint: /GitOps engine render the chart: new ChartRelease\(this, /,
  },
  {
    name: "cdk8s' Helm construct whose helm fails",
    build: guarded((cluster: ClusterChart) => new Helm(cluster, 'podinfo', { chart: 'podinfo', helmExecutable: 'false' })),
    layer: 'props', path: 'main', field: 'chart', hint: /new ChartRelease\(this, /,
  },
  // A pod spec's valueFrom, copied into env: the hint writes the same source in this library's terms.
  {
    name: "an env value written as a pod spec's valueFrom.secretKeyRef",
    build: guarded(labApp('web', { env: { DB_PASSWORD: { valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } } } })),
    layer: 'props', path: 'web', field: 'env.DB_PASSWORD', hint: /DB_PASSWORD: SecretReference\.external\('<namespace>', 'db', 'password'\)/,
  },
  {
    name: 'an env value written as a secretKeyRef without valueFrom',
    build: guarded(labApp('web', { env: { DB_PASSWORD: { secretKeyRef: { name: 'db', key: 'password' } } } })),
    layer: 'props', path: 'web', field: 'env.DB_PASSWORD', hint: /SecretReference\.external\('<namespace>', 'db', 'password'\)/,
  },
  {
    name: "an env value written as a pod spec's configMapKeyRef",
    build: guarded(labApp('web', { env: { LOG_LEVEL: { valueFrom: { configMapKeyRef: { name: 'settings', key: 'log-level' } } } } })),
    layer: 'props', path: 'web', field: 'env.LOG_LEVEL', hint: /LOG_LEVEL: \{ configMapName: 'settings', key: 'log-level' \}/,
  },
  {
    name: "an env value written as a pod spec's fieldRef",
    build: guarded(labApp('web', { env: { NODE_NAME: { valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } } } })),
    layer: 'props', path: 'web', field: 'env.NODE_NAME', hint: /NODE_NAME: \{ fieldPath: 'spec\.nodeName' \}/,
  },
  {
    name: "env as a pod spec's list, a value read from a Secret",
    build: guarded(labApp('web', { env: [{ name: 'TZ', value: 'Europe/Oslo' }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] })),
    layer: 'props', path: 'web', field: 'env', hint: /\{ TZ: 'Europe\/Oslo', DB_PASSWORD: SecretReference\.external\('<namespace>', 'db', 'password'\) \}/,
  },
  // A container spec's fields among an App's props: each is answered with the prop that does its work.
  { name: "a container spec's envFrom", build: guarded(labApp('web', { envFrom: [{ secretRef: { name: 'db' } }] })), layer: 'props', path: 'web', field: 'envFrom', hint: /SecretReference\.external\('<namespace>', '<secret>'/ },
  { name: "a container spec's volumeMounts", build: guarded(labApp('web', { volumeMounts: [{ name: 'data', mountPath: '/data' }] })), layer: 'props', path: 'web', field: 'volumeMounts', hint: /persistence: \{ data: \{ volume: AppVolume\.claim/ },
  { name: "a sidecar's volumeMounts", build: guarded(labApp('web', { sidecars: [{ name: 'sync', image: 'busybox:1.36.1', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] })), layer: 'props', path: 'web', field: 'sidecars[0].volumeMounts', hint: /mounts: \[\{ volume: 'data', mountPath: '\/data' \}\]/ },
  { name: "a container spec's readinessProbe", build: guarded(labApp('web', { readinessProbe: { httpGet: { path: '/healthz', port: 8080 } } })), layer: 'props', path: 'web', field: 'readinessProbe', hint: /probes: \{ readiness: \{ httpPath: / },
  { name: "a container spec's livenessProbe", build: guarded(labApp('web', { livenessProbe: { tcpSocket: { port: 8080 } } })), layer: 'props', path: 'web', field: 'livenessProbe', hint: /probes: \{ liveness: / },
  { name: "a port's hostPort", build: guarded(labApp('web', { ports: [{ name: 'http', port: 8080, hostPort: 80 }] })), layer: 'props', path: 'web', field: 'ports[0].hostPort', hint: /route: \{ host \}.*nodePort: 30080/ },
  { name: "a port's targetPort, as a Service writes it", build: guarded(labApp('web', { ports: [{ name: 'http', port: 80, targetPort: 8080 }] })), layer: 'props', path: 'web', field: 'ports[0].targetPort', hint: /port: 8080, servicePort: 80 \}/ },
  { name: "a pod spec's imagePullSecrets", build: guarded(labApp('web', { imagePullSecrets: [{ name: 'regcred' }] })), layer: 'props', path: 'web', field: 'imagePullSecrets', hint: /imagePullSecrets', \[\{ name: '<secret>' \}\]/ },
  // A platform choice is made by its factory: its name as text is answered with the factory call.
  { name: 'routes named as text', build: clusterWith({ routes: 'traefik' }), layer: 'props', path: 'named', field: 'routes', hint: /routes: traefik\(\)/ },
  { name: 'routes named as ingress-nginx', build: clusterWith({ routes: 'ingress-nginx' }), layer: 'props', path: 'named', field: 'routes', hint: /routes: ingressNginx\(\{ tls/ },
  { name: 'gitops named as text', build: clusterWith({ gitops: 'argocd' }), layer: 'props', path: 'named', field: 'gitops', hint: /gitops: argoCd\(\)/ },
  { name: 'a load balancer named as text', build: clusterWith({ loadBalancer: 'metallb' }), layer: 'props', path: 'named', field: 'loadBalancer', hint: /loadBalancer: metalLb\(\{ pools: \[/ },
  { name: 'a storage tier given a StorageClass name', build: clusterWith({ storage: { fast: 'longhorn' } }), layer: 'props', path: 'named', field: 'storage.fast', hint: /fast: existingStorageClass\('longhorn'\)/ },
  { name: 'a storage tier named local-path', build: clusterWith({ storage: { fast: 'local-path' } }), layer: 'props', path: 'named', field: 'storage.fast', hint: /fast: localPathStorage\(\)/ },
  // A password as text where a SecretReference belongs: the hint says how to keep it out of Git.
  {
    name: "a Forgejo database password written as text",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { database: ForgejoDatabase.postgres({ host: 'pg.web.svc', password: 'hunter2' as never }) })),
    layer: 'props', path: 'forgejo', field: 'database.postgres.password', hint: /committed in the clear.*sealedSecret\.key\('<key>'\).*SecretReference\.external\('<namespace>', '<secret>', '<key>'\)/,
  },
  // env in another form with a password in it: the hint writes the password's entry as a SecretReference.
  {
    name: "a compose env list with a password", build: guarded(labApp('web', { env: ['TZ=UTC', 'DB_PASSWORD=hunter2'] })),
    layer: 'props', path: 'web', field: 'env', hint: /^(?!.*hunter2).*\{ TZ: 'UTC', DB_PASSWORD: SecretReference\.external\('<namespace>', '<secret>', '<key>'\) \}/,
  },
  {
    name: "a pod spec's env list with a token", build: guarded(labApp('web', { env: [{ name: 'API_TOKEN', value: 'abc123secret' }] })),
    layer: 'props', path: 'web', field: 'env', hint: /^(?!.*abc123secret).*API_TOKEN: SecretReference\.external/,
  },
  // Schedules written for another cron: the hint is the schedule a CronJob takes for the same times.
  { name: 'a schedule with seconds first (Quartz, Spring, node-cron)', build: backup('0 0 3 * * *'), layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /seconds.*schedule: '0 3 \* \* \*'/ },
  { name: "a Quartz schedule with seconds and a year", build: backup('0 30 2 ? * MON 2025'), layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /schedule: '30 2 \? \* MON'/ },
  { name: 'a schedule with its time zone as CRON_TZ=', build: backup('CRON_TZ=Europe/Oslo 0 3 * * *'), layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /schedule: '0 3 \* \* \*', timeZone: 'Europe\/Oslo'/ },
  { name: 'a schedule with Sunday as 7', build: backup('0 3 * * 5-7'), layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /Sunday is 0.*schedule: '0 3 \* \* 5-6,0'/ },
  { name: "cron's @reboot", build: backup('@reboot'), layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /initContainers.*AppController\.job\(\)/ },
  { name: 'a time zone written as an offset from GMT', build: backup('0 3 * * *', 'GMT+1'), layer: 'props', path: 'backup', field: 'controller.props.timeZone', hint: /timeZone: 'Etc\/GMT-1'/ },
  // Include reads objects; a kustomization is the build file of kustomize, which Include does not run.
  {
    name: 'an Include of a kustomization.yaml',
    build: guarded((cluster: ClusterChart) => new Include(cluster, 'upstream', { url: path.join(kustomizeFolder(), 'kustomization.yaml') })),
    layer: 'props', path: 'upstream', field: 'url', hint: /deployment\.yaml, service\.yaml.*kubectl kustomize/,
  },
  // The name it most likely means is the hint, not a fixed example.
  { name: 'a cluster named with capitals and a dot', build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'Home.Lab')), layer: 'props', path: 'Home.Lab', field: 'id', hint: /e\.g\. home-lab$/ },
  {
    name: 'a site named with capitals and a blank',
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const rack1 = host('rack1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.1' });
      labCluster(app, 'garage', { site: site('Garage Rack', { domain: 'garage.test', hosts: [rack1] }), hosts: [rack1] });
    }),
    layer: 'inventory', path: 'inventory/site/Garage Rack', field: 'name', hint: /e\.g\. garage-rack$/,
  },
  // app-template and an Ingress name the backend port; a route here names the Service port's number.
  {
    name: "a route to a port by the port's name", build: guarded(labApp('web', { ports: [{ name: 'http', port: 8080 }, { name: 'admin', port: 9090, servicePort: 90 }], route: { host: 'web', port: 'admin' } })),
    layer: 'props', path: 'web', field: 'route.port', hint: /route: \{ host: 'web', port: 90 \}/,
  },
  {
    name: 'a route to a port name the app does not have', build: guarded(labApp('web', { route: { host: 'web', port: 'web' } })),
    layer: 'props', path: 'web', field: 'route.port', hint: /8080 \(http\)/,
  },
  // The controller is made by AppController; what a StatefulSet's spec holds is the app's own props.
  { name: 'a controller named as text', build: guarded(labApp('db', { controller: 'statefulset' })), layer: 'props', path: 'db', field: 'controller', hint: /controller: AppController\.statefulSet\(\)/ },
  { name: "a controller chosen as app-template's type", build: guarded(labApp('db', { controller: { type: 'statefulset' } })), layer: 'props', path: 'db', field: 'controller.type', hint: /controller: AppController\.statefulSet\(\)/ },
  { name: "a StatefulSet's replicas given to the controller", build: guarded(labApp('db', { controller: AppController.statefulSet({ replicas: 3 } as never) })), layer: 'props', path: 'db', field: 'controller.props.replicas', hint: /\{ replicas: 3, controller: AppController\.statefulSet\(\) \}/ },
  { name: "a StatefulSet's volumeClaimTemplates given to the controller", build: guarded(labApp('db', { controller: AppController.statefulSet({ volumeClaimTemplates: [] } as never) })), layer: 'props', path: 'db', field: 'controller.props.volumeClaimTemplates', hint: /persistence: \{ data: \{ volume: AppVolume\.claim/ },
  { name: "a StatefulSet's serviceName given to the controller", build: guarded(labApp('db', { controller: AppController.statefulSet({ serviceName: 'db' } as never) })), layer: 'props', path: 'db', field: 'controller.props.serviceName', hint: /<app>-headless/ },
  // The cluster keeps parts of its own under some ids: an app of that id is told so, not "two constructs".
  { name: "an app named storage, the id of the cluster's storage tiers", build: guarded(labApp('storage')), layer: 'props', path: 'main', field: 'id "storage"', hint: /cluster keeps its storage tiers under that id.*another id, e\.g\. 'storage-app'/ },
  { name: "an app named flux, the id of the cluster's Flux objects", build: guarded(labApp('flux')), layer: 'props', path: 'main', field: 'id "flux"', hint: /cluster keeps the objects of its GitOps engine, flux.*e\.g\. 'flux-app'/ },
  // A path from a Windows machine's compose file: the hint is the Linux path it stands for, not '/' before it.
  {
    name: 'a mount path written as a Windows path', build: guarded(labApp('web', { persistence: { data: { volume: AppVolume.emptyDir(), mountPath: 'C:\\app\\data' } } })),
    layer: 'props', path: 'web', field: 'persistence.data.mountPath', hint: /e\.g\. \/app\/data$/,
  },
  {
    name: "a hand-written container's mount path written as a Windows path",
    build: (cluster: ClusterChart) => { raw(cluster, 'w', podWithContainer({ volumeMounts: [{ name: 'tmp', mountPath: 'D:\\cache' }] }, { volumes: [{ name: 'tmp', emptyDir: {} }] })); },
    layer: 'schema', path: 'w', field: `${CONTAINER}.volumeMounts[0].mountPath`, hint: /e\.g\. \/cache$/,
  },
  // htpasswd's line where the route's basicAuth reads it from a Secret: named by its length, with how to seal it.
  {
    name: "a route's basicAuth written as an htpasswd line", build: guarded(labApp('web', { route: { host: 'web', basicAuth: 'admin:$apr1$Qx3f$abcdefghijk' } })),
    layer: 'props', path: 'web', field: 'route.basicAuth', hint: /committed in the clear.*sealedSecret\.key/,
  },
  // An Ingress rule or an HTTPRoute lists its hosts; here each host is a route of its own.
  { name: 'a route given a list of hosts', build: guarded(labApp('web', { route: { hosts: ['www', 'web'] } })), layer: 'props', path: 'web', field: 'route.hosts', hint: /app\.addRoute\(\{ host: / },
  { name: "a route given an HTTPRoute's hostnames", build: guarded(labApp('web', { route: { hostnames: ['www'] } })), layer: 'props', path: 'web', field: 'route.hostnames', hint: /route: \{ host: / },
  // An object of a class has no YAML form: cdk8s refused it while writing, reported as a bug of the library.
  { name: "a chart's value given a Date", build: podinfo({ backup: { since: new Date(0) } }), layer: 'props', path: 'podinfo', field: 'values.backup.since', hint: /toISOString/ },
  { name: "a chart's value given a RegExp", build: podinfo({ ui: { pattern: /^a+$/ } }), layer: 'props', path: 'podinfo', field: 'values.ui.pattern', hint: /plain number, string/ },
  {
    name: 'a hand-written object holding a Date',
    build: (cluster: ClusterChart) => { raw(cluster, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' }, data: { since: new Date(0) } }); },
    layer: 'props', path: 'settings', field: 'props', hint: /^(?!.*report the stack trace).*toISOString/,
  },
  // gatewayApi() routes through an implementation the cluster installs: the CRDs come with Cilium's Gateway.
  {
    name: 'Gateway API routes on a cluster without the Gateway API CRDs',
    build: (_c, app) => labCluster(app, 'edge', { routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.12') }) }),
    layer: 'references', path: 'edge/gateway', field: 'apiVersion', hint: /cni: cilium\(\{ gatewayApi: \{\} \}\).*preinstalled/,
  },
  // addEnv takes one variable: a map given to it named the variable "[object Object]".
  {
    name: 'addEnv given a map of variables', build: guarded((cluster: ClusterChart) => labApp('web')(cluster).addEnv({ TZ: 'UTC', LOG_LEVEL: 'info' } as never, undefined as never)),
    layer: 'props', path: 'web', field: 'addEnv', hint: /addEnv\('TZ', 'UTC'\)\.addEnv\('LOG_LEVEL', 'info'\)/,
  },
  // mount takes the volume's name and the path, as a container's mounts prop writes them in one object.
  {
    name: "a container's mount given its mount as one object", build: guarded((cluster: ClusterChart) => labApp('web')(cluster).container.mount({ volume: 'tmp', mountPath: '/scratch' } as never, undefined as never)),
    layer: 'props', path: 'web', field: 'mount', hint: /mount\('tmp', '\/scratch'\)/,
  },
  {
    name: "an app's mount given its mount as one object", build: guarded((cluster: ClusterChart) => labApp('web')(cluster).mount({ volume: 'tmp', mountPath: '/scratch' } as never, undefined as never)),
    layer: 'props', path: 'web', field: 'mount', hint: /mount\('tmp', '\/scratch'\)/,
  },
  // addLoadBalancer takes the load balancer's props, as loadBalancer does: the address alone is answered with them.
  {
    name: 'addLoadBalancer given an address of a pool alone', build: guarded((cluster: ClusterChart) => labApp('web')(cluster).addLoadBalancer(lab.pools.vips.at('10.0.8.12') as never)),
    layer: 'props', path: 'web', field: 'addLoadBalancer', hint: /addLoadBalancer\(\{ address: site\.pools\.vips\.at\('10\.0\.8\.12'\) \}\)/,
  },
  {
    name: 'addLoadBalancer given an address as text', build: guarded((cluster: ClusterChart) => labApp('web')(cluster).addLoadBalancer('10.0.8.12' as never)),
    layer: 'props', path: 'web', field: 'addLoadBalancer', hint: /addLoadBalancer\(\{ address: site\.pools\.<pool>\.at\('10\.0\.8\.12'\) \}\)/,
  },
  // A host's roles are Kubernetes' two; a role of the lab's own is a workload role, which placement picks.
  {
    name: "a host given a role of the lab's own among its roles",
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const nas = host('nas', { arch: 'amd64', roles: ['worker', 'storage'] as never, address: '10.9.0.2' });
      labCluster(app, 'rack', { site: site('rack', { domain: 'rack.test', hosts: [nas] }), hosts: [nas] });
    }),
    layer: 'inventory', path: 'inventory/host/nas', field: 'roles[1]', hint: /workloadRoles: \['storage'\].*placement: \{ workloadRole: 'storage' \}/,
  },
  {
    name: 'an app placed on a workload role no host of the cluster has',
    build: guarded(labApp('web', { placement: { workloadRole: 'storage' } })),
    layer: 'inventory', path: 'web', field: 'placement.workloadRole', hint: /workloadRoles: \['storage'\]/,
  },
  // The encrypted file is read by SopsSecret.fromFile: its path among the props is answered with that call, once.
  {
    name: 'a SopsSecret given the path of its encrypted file', build: guarded((cluster: ClusterChart) => new SopsSecret(cluster, 'db', { file: 'secrets/db.enc.yaml' } as never)),
    layer: 'props', path: 'db', field: 'file', hint: /SopsSecret\.fromFile\(this, 'db', 'secrets\/db\.enc\.yaml'\)|SopsSecret\.fromFile\(this, '<id>', '<file>'\)/,
  },
];
