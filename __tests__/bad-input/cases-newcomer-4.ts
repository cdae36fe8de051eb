import { AppVolume, caIssuer, ChartRelease, ExternalSecret, VaultClusterSecretStore, cilium, ClusterIssuer, declareExternal, hostPlacement, kubePrometheusStack, SecretReference, servesPorts } from '../../constructs';
import type { App as CdkApp } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, labApp, labCluster, raw } from './lab';

// A second week's lab grown from the README alone: apps that talk to each other, changed after
// construction, charts with values of their own, tenants and devices. Each mistake is named on the prop
// or call that made it, with a hint written in the form that call takes.

/** The release of metallb's chart a Flux repository had, beside the cluster's own MetalLB; props overridden. */
const ownRelease = (props: Record<string, unknown> = {}) => (cluster: ClusterChart) => new ChartRelease(cluster, 'metallb', {
  namespace: 'metallb-system', chart: { repository: 'https://metallb.github.io/metallb', chart: 'metallb', version: '0.14.8' },
  network: servesPorts({ port: 7472, purpose: 'metrics' }), ...props,
});

export const CASES: BadInput[] = [
  // A secret written out in a variable added after construction is named on the call, as in the props.
  {
    name: 'addEnv with a password written out',
    build: guarded((c: ClusterChart) => labApp('web')(c).addEnv('DB_PASSWORD', 'hunter2hunter2')),
    layer: 'props', path: 'web', field: 'addEnv.DB_PASSWORD', hint: /addEnv\('DB_PASSWORD', sealedSecret\.key\('\.\.\.'\)\)/,
  },
  {
    name: "the main container's addEnv with a token written out",
    build: guarded((c: ClusterChart) => labApp('web')(c).container.addEnv('API_TOKEN', 'abcdef0123456789abcdef')),
    layer: 'props', path: 'web', field: 'addEnv.API_TOKEN',
  },
  {
    name: 'addEnv with a database URL that holds its password',
    build: guarded((c: ClusterChart) => labApp('web')(c).addEnv('DATABASE_URL', 'postgres://app:s3cretpass@db:5432/app')),
    layer: 'props', path: 'web', field: 'addEnv.DATABASE_URL', hint: /\$\(DB_PASSWORD\)/,
  },
  // A chart release named like a platform component the cluster installs itself: one error on the release.
  {
    name: "a chart release of MetalLB beside the cluster's own",
    build: guarded(ownRelease()), layer: 'references', path: 'metallb', field: 'id', hint: /cluster\.platform\.get\('metallb'\)\?\.addValues/,
  },
  {
    name: 'a chart release named cert-manager in a namespace of its own, before an issuer asks for the component',
    build: guarded((c: ClusterChart) => {
      ownRelease({ name: 'cert-manager', namespace: 'certs', chart: { repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.16.2' } })(c);
      new ClusterIssuer(c, 'lab-ca', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-ca', 'tls.key') }) });
    }),
    layer: 'references', path: 'metallb', field: 'name', hint: /name of its own/,
  },
  // An app put into a platform component's namespace is told whose namespace it is.
  {
    name: "Grafana of its own in kube-prometheus-stack's namespace monitoring",
    build: guarded((c: ClusterChart) => {
      const stack = c.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
      declareExternal(stack, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
      labApp('grafana', { namespace: 'monitoring' })(c);
    }),
    layer: 'policy', path: 'grafana', field: 'namespace', hint: /namespace: 'grafana'.*kube-prometheus-stack's/,
  },
  {
    name: 'an app whose id is the namespace of a platform component, which its namespace defaults to',
    build: guarded(labApp('traefik')), layer: 'policy', path: 'traefik', field: 'namespace', hint: /the namespace defaults to the app's id.*traefik's/,
  },
  // A part turned on as a Helm chart's values turn it on, `enabled: true`: the object that turns it on is `{}`.
  {
    name: "Cilium's Gateway API turned on as true",
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'edge', { cni: cilium({ gatewayApi: true } as any) })),
    layer: 'props', path: 'edge', field: 'cni.gatewayApi', hint: /gatewayApi: \{\} for its defaults/,
  },
  // A probe's port by the port's name, as a pod spec's probe may give it: answered with the container port's number.
  {
    name: "a readiness probe of the port named http, as a pod spec's probe names it",
    build: guarded(labApp('homepage', { ports: [{ name: 'http', port: 3000 }], probes: { readiness: { httpPath: '/api/healthcheck', port: 'http' } } })),
    layer: 'props', path: 'homepage', field: 'probes.readiness.port', hint: /number of port "http": probes: \{ readiness: \{ \.\.\., port: 3000 \} \}/,
  },
  {
    name: 'a liveness probe of a port name the app does not have',
    build: guarded(labApp('homepage', { ports: [{ name: 'http', port: 3000 }], probes: { liveness: { tcp: true, port: 'web' } } })),
    layer: 'props', path: 'homepage', field: 'probes.liveness.port', hint: /no port named "web".*3000 \(http\)/,
  },
  // A file of a ConfigMap mounted by its sub-path, as a compose file mounts one file of config: a key the
  // ConfigMap lacks would stop the container.
  {
    name: "a ConfigMap's file mounted by a sub-path the ConfigMap has no key of",
    build: guarded((c: ClusterChart) => {
      raw(c, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'homepage-config', namespace: 'web' }, data: { 'settings.yaml': 'title: Lab' } });
      labApp('homepage', { namespace: 'web', persistence: { config: { volume: AppVolume.configMap('homepage-config'), mounts: [{ mountPath: '/app/config/settings.yaml', subPath: 'settings.yml' }] } } })(c);
    }),
    layer: 'references', path: 'homepage', field: 'persistence.config.mounts[0].subPath', hint: /settings\.yaml/,
  },
  {
    name: 'a ConfigMap volume of a name misspelt, beside the ConfigMap it meant',
    build: guarded((c: ClusterChart) => {
      raw(c, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'homepage-config', namespace: 'web' }, data: { 'settings.yaml': 'title: Lab' } });
      labApp('homepage', { namespace: 'web', persistence: { config: { volume: AppVolume.configMap('homepage-confg'), mountPath: '/app/config' } } })(c);
    }),
    layer: 'references', path: 'homepage', field: 'persistence.config.volume', hint: /did you mean "homepage-config"/,
  },
  // Peers written as compose or a firewall writes them: an app by its name, a machine by its address or host name.
  {
    name: 'egress to an app by its name, as compose links name a service',
    build: guarded((c: ClusterChart) => labApp('web', { egress: ['db'] })(c)),
    layer: 'props', path: 'web', field: 'egress[0]', hint: /pass the app itself.*egress: \[db\]/,
  },
  {
    name: 'allowFrom an app by its name',
    build: guarded((c: ClusterChart) => labApp('db', { allowFrom: ['web'] })(c)),
    layer: 'props', path: 'db', field: 'allowFrom[0]', hint: /pass the app itself.*allowFrom: \[web\]/,
  },
  {
    name: 'egress to a machine by its address as text',
    build: guarded((c: ClusterChart) => labApp('web', { egress: ['192.168.1.5'] })(c)),
    layer: 'props', path: 'web', field: 'egress[0]', hint: /\{ cidr: '192\.168\.1\.5\/32' \}/,
  },
  {
    name: 'egress to a NAS by its host name and port, as one error',
    build: guarded((c: ClusterChart) => labApp('web', { egress: [{ host: 'nas.lab.test', port: 445 }] })(c)),
    layer: 'props', path: 'web', field: 'egress[0]', hint: /\{ cidr: '<address of nas\.lab\.test>\/32', ports: \[\{ port: 445 \}\] \}/,
  },
  // An image pull Secret from the secret store: the type and the key kubelet reads.
  {
    name: 'an ExternalSecret of type dockerconfigjson without the .dockerconfigjson key',
    build: guarded((c: ClusterChart) => {
      new VaultClusterSecretStore(c, 'bao', { name: 'openbao', server: 'https://bao.lab.test', role: 'eso' });
      new ExternalSecret(c, 'ghcr-pull', { namespace: 'web', store: { name: 'openbao' }, type: 'kubernetes.io/dockerconfigjson', data: { password: { remoteKey: 'ghcr' } } } as any);
    }),
    layer: 'props', path: 'ghcr-pull', field: 'data', hint: /\.dockerconfigjson/,
  },
  // Two replicas of an app with a claim: a StatefulSet gives each pod a claim of its own.
  {
    name: 'two replicas of a Deployment that share a ReadWriteOnce claim',
    build: guarded(labApp('web', { replicas: 2, persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } } })),
    layer: 'policy', path: 'web', field: 'replicas', hint: /AppController\.statefulSet\(\), which gives each pod a claim of its own/,
  },
  // A route rule sending a path to another app, which by default runs in a namespace of its own.
  {
    name: "a route rule's backend app in the namespace of its own id",
    build: guarded((c: ClusterChart) => {
      labApp('api')(c);
      labApp('web')(c).addRoute({ host: 'shop', rules: [{ path: '/api', backends: [{ service: 'api', port: 8080 }] }, { path: '/' }] });
    }),
    layer: 'references', path: 'web/route', field: /services\[0\]\.name$/, hint: /Service "api" is in namespace "api".*namespace: 'web'/,
  },
  // A second port added under a name taken: the example name fits the port that repeats it.
  {
    name: 'addPort of another number under a name taken',
    build: guarded((c: ClusterChart) => labApp('web')(c).addPort({ name: 'http', port: 8081 })),
    layer: 'props', path: 'web', field: 'addPort.name', hint: /'http-8081'/,
  },
  // A mount into a container the app lacks: the hint names those it has, and the one it likely meant.
  {
    name: 'mount into a sidecar misspelt',
    build: guarded((c: ClusterChart) => {
      const web = labApp('web', { sidecars: [{ name: 'exporter', image: 'nginx/nginx-prometheus-exporter:1.3.0' }], persistence: { cache: { volume: AppVolume.emptyDir(), mountPath: '/cache' } } })(c);
      web.mount('cache', '/cache', { container: 'exporer' });
    }),
    layer: 'references', path: 'web', field: 'mount(cache)', hint: /did you mean "exporter"\?.*containers web, exporter/,
  },
];
