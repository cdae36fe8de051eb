import { App, AppVolume, ClusterChart, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, guarded, lab, raw } from './lab';

// A self-hosted forge with CI runners, from the README alone: Forgejo with its Actions runner beside a docker:dind
// sidecar, Woodpecker's server and its agent on the Kubernetes backend, a registry the runners push to, code-server,
// SonarQube with its PostgreSQL and Renovate as a CronJob. Earlier rounds refused the host's Docker socket by
// hostPath, an inline runner token, Woodpecker's agent secret or a JDBC password, a moving tag, vm.max_map_count as
// a pod's sysctl or written by an init container that is not privileged; these were taken.

/** An app `id` of the forge's CI in namespace `ci`, `props` its own. */
const ci = (id: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => new App(cluster, id, {
  namespace: 'ci', resources: { memoryLimit: '1Gi' }, ...props,
} as AppProps));

/** docker:dind as the runner's sidecar, `extra` its own. */
const dind = (extra: Record<string, unknown> = {}) => ({ name: 'dind', image: 'docker:27.3.1-dind', ...extra }) as NonNullable<AppProps['sidecars']>[number];
/** The daemon's privileges, stated, and its writable root, where it keeps its socket, pid file and state. */
const DAEMON_EXEMPTIONS = { privileged: 'dockerd builds the jobs\' images', runAsRoot: 'dockerd runs as root', writableRootFilesystem: 'dockerd writes its socket, pid file and state' };

/** Forgejo's runner calling a dind sidecar that serves 2375 in the clear; `props` override. */
const runner = (props: Partial<AppProps> = {}) => ci('runner', {
  image: 'code.forgejo.org/forgejo/runner:6.0.1', command: ['forgejo-runner', 'daemon'],
  env: { DOCKER_HOST: 'tcp://localhost:2375' },
  sidecars: [dind({ env: { DOCKER_TLS_CERTDIR: '' }, exemptions: DAEMON_EXEMPTIONS })],
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
  ...props,
});

/** Woodpecker's agent on the Kubernetes backend in namespace `woodpecker`; `props` override. */
const agent = (props: Partial<AppProps> = {}) => ci('woodpecker-agent', {
  namespace: 'woodpecker', image: 'woodpeckerci/woodpecker-agent:v2.7.1',
  env: { WOODPECKER_SERVER: 'woodpecker-server:9000', WOODPECKER_BACKEND: 'kubernetes' },
  serviceAccount: {
    reason: 'runs pipeline steps as pods',
    rules: [{ apiGroups: [''], resources: ['pods', 'pods/log', 'persistentvolumeclaims', 'services', 'secrets'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }],
  },
  ...props,
});

/** Woodpecker's server in namespace `woodpecker` behind the route `ci`, with `env`. */
const woodpeckerServer = (env: AppProps['env']) => ci('woodpecker-server', {
  namespace: 'woodpecker', image: 'woodpeckerci/woodpecker-server:v2.7.1',
  ports: [{ name: 'http', port: 8000 }, { name: 'grpc', port: 9000 }], env, route: { host: 'ci', port: 8000 },
});

export const CASES: BadInput[] = [
  // The runner's Docker daemon.
  {
    name: 'a docker:dind sidecar without the privileged exemption',
    build: runner({ sidecars: [dind({ env: { DOCKER_TLS_CERTDIR: '' }, exemptions: { runAsRoot: 'dockerd runs as root' } })] }),
    layer: 'props', path: 'runner', field: 'sidecars[0].exemptions.privileged', message: /runs the Docker daemon/, hint: /privileged:/,
  },
  {
    name: 'a docker:dind sidecar left under the secure defaults names both exemptions it needs',
    build: runner({ sidecars: [dind({ env: { DOCKER_TLS_CERTDIR: '' } })] }),
    layer: 'props', path: 'runner', field: 'sidecars[0].exemptions.privileged', hint: /privileged: .*runAsRoot: /,
  },
  {
    name: 'a docker:dind sidecar privileged but run as the default user',
    build: runner({ sidecars: [dind({ env: { DOCKER_TLS_CERTDIR: '' }, exemptions: { privileged: 'dockerd' } })] }),
    layer: 'props', path: 'runner', field: 'sidecars[0].exemptions.runAsRoot', message: /run as root/,
  },
  {
    name: 'a rootless dind sidecar without the privileged exemption, which rootless dockerd needs too',
    build: runner({ sidecars: [dind({ image: 'docker:27.3.1-dind-rootless', env: { DOCKER_TLS_CERTDIR: '' } })] }),
    layer: 'props', path: 'runner', field: 'sidecars[0].exemptions.privileged', message: /even rootless/,
  },
  {
    name: "the runner's DOCKER_HOST on the Docker socket, which stays in the dind sidecar's own filesystem",
    build: runner({ env: { DOCKER_HOST: 'unix:///var/run/docker.sock' } }),
    layer: 'props', path: 'runner', field: 'env.DOCKER_HOST', message: /no volume shares \/var\/run/, hint: /tcp:\/\/localhost:2375/,
  },
  {
    name: "the runner's DOCKER_HOST on 2375 while dind serves 2376 with TLS, as it does unless DOCKER_TLS_CERTDIR is empty",
    build: runner({ sidecars: [dind({ exemptions: DAEMON_EXEMPTIONS })] }),
    layer: 'references', path: 'runner', field: 'env.DOCKER_HOST', message: /Docker daemon beside it does not listen/, hint: /DOCKER_TLS_CERTDIR: ''/,
  },
  {
    name: "the runner's DOCKER_HOST on 2376 while dind serves 2375 in the clear",
    build: runner({ env: { DOCKER_HOST: 'tcp://localhost:2376', DOCKER_TLS_VERIFY: '1' } }),
    layer: 'references', path: 'runner', field: 'env.DOCKER_HOST', hint: /listens on 2375 in the clear/,
  },
  {
    name: "the runner's DOCKER_HOST on dind's TLS port without DOCKER_TLS_VERIFY",
    build: runner({ env: { DOCKER_HOST: 'tcp://localhost:2376' }, sidecars: [dind({ exemptions: DAEMON_EXEMPTIONS })] }),
    layer: 'props', path: 'runner', field: 'env.DOCKER_HOST', message: /HTTP request to an HTTPS server/,
  },
  {
    name: "the runner's TLS to dind with the client certificates shared by no volume",
    build: runner({
      env: { DOCKER_HOST: 'tcp://localhost:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs/client' },
      sidecars: [dind({ exemptions: DAEMON_EXEMPTIONS })],
    }),
    layer: 'props', path: 'runner', field: 'env.DOCKER_CERT_PATH', hint: /at \/certs in dind/,
  },
  {
    name: "the runner's TLS to dind with the certificates mounted in the runner alone",
    build: runner({
      env: { DOCKER_HOST: 'tcp://localhost:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs/client' },
      sidecars: [dind({ exemptions: DAEMON_EXEMPTIONS })],
      persistence: { certs: { volume: AppVolume.emptyDir(), mountPath: '/certs' } },
    }),
    layer: 'props', path: 'runner', field: 'env.DOCKER_CERT_PATH',
  },
  // Woodpecker's agent on the Kubernetes backend.
  {
    name: "Woodpecker's agent on the Kubernetes backend without a ServiceAccount",
    build: agent({ serviceAccount: undefined }),
    layer: 'props', path: 'woodpecker-agent', field: 'serviceAccount', hint: /persistentvolumeclaims/,
  },
  {
    name: "Woodpecker's agent making its step pods in another namespace than its Role's",
    build: agent({ env: { WOODPECKER_SERVER: 'woodpecker-server:9000', WOODPECKER_BACKEND: 'kubernetes', WOODPECKER_BACKEND_K8S_NAMESPACE: 'woodpecker-steps' } }),
    layer: 'props', path: 'woodpecker-agent', field: 'env.WOODPECKER_BACKEND_K8S_NAMESPACE', hint: /WOODPECKER_BACKEND_K8S_NAMESPACE: 'woodpecker'/,
  },
  {
    name: "Woodpecker's agent in namespace ci, its step pods left in the default namespace woodpecker",
    build: agent({ namespace: 'ci' }),
    layer: 'props', path: 'woodpecker-agent', field: 'env.WOODPECKER_BACKEND_K8S_NAMESPACE', message: /its default/,
  },
  {
    name: "Woodpecker's agent whose Role leaves out the workspace claims",
    build: agent({ serviceAccount: { reason: 'runs pipeline steps as pods', rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }] } }),
    layer: 'props', path: 'woodpecker-agent', field: 'serviceAccount.rules', message: /create persistentvolumeclaims/,
  },
  {
    name: "Woodpecker's agent whose Role may only read its step pods",
    build: agent({ serviceAccount: { reason: 'runs pipeline steps as pods', rules: [{ apiGroups: [''], resources: ['pods', 'pods/log', 'persistentvolumeclaims'], verbs: ['get', 'list', 'watch'] }] } }),
    layer: 'props', path: 'woodpecker-agent', field: 'serviceAccount.rules', message: /create pods, delete pods/,
  },
  {
    name: "Woodpecker's agent on the backend written k8s",
    build: agent({ env: { WOODPECKER_SERVER: 'woodpecker-server:9000', WOODPECKER_BACKEND: 'k8s' } }),
    layer: 'props', path: 'woodpecker-agent', field: 'env.WOODPECKER_BACKEND', hint: /WOODPECKER_BACKEND: 'kubernetes'/,
  },
  {
    name: "Woodpecker's agent given its server as the URL of the web UI",
    build: agent({ env: { WOODPECKER_SERVER: 'http://woodpecker-server:8000', WOODPECKER_BACKEND: 'kubernetes' } }),
    layer: 'props', path: 'woodpecker-agent', field: 'env.WOODPECKER_SERVER', hint: /WOODPECKER_SERVER: 'woodpecker-server:9000'/,
  },
  // The webhook the forge sends to Woodpecker, at the host WOODPECKER_HOST names.
  {
    name: "Woodpecker's host given as its in-cluster Service, where the forge's webhooks cannot reach it",
    build: woodpeckerServer({ WOODPECKER_HOST: 'http://woodpecker-server.woodpecker:8000' }),
    layer: 'props', path: 'woodpecker-server', field: 'env.WOODPECKER_HOST', message: /webhook/, hint: /WOODPECKER_HOST: 'https:\/\/ci\.lab\.test'$/,
  },
  {
    name: "Woodpecker's host given as the forge's host with a path prefix",
    build: woodpeckerServer({ WOODPECKER_HOST: 'https://git.lab.test/ci' }),
    layer: 'props', path: 'woodpecker-server', field: 'env.WOODPECKER_HOST', message: /no route of this app serves/,
  },
  {
    name: "Woodpecker's host on plain http where its route serves https",
    build: woodpeckerServer({ WOODPECKER_HOST: 'http://ci.lab.test' }),
    layer: 'props', path: 'woodpecker-server', field: 'env.WOODPECKER_HOST', hint: /'https:\/\/ci\.lab\.test'/,
  },
  // The registry the runners push to and the nodes pull from.
  {
    name: "an app's image pulled from the registry's in-cluster Service name",
    build: ci('shop', { image: 'zot.registry.svc.cluster.local:5000/me/shop:1.0.0', ports: [{ name: 'http', port: 8080 }] }),
    layer: 'policy', path: 'shop', field: 'image', message: /resolver does not know the cluster's Service names/,
  },
  {
    name: "a sidecar's image pulled from the registry's Service by its short svc name",
    build: ci('shop', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
      sidecars: [{ name: 'worker', image: 'registry.ci.svc:5000/me/worker:1.0.0' }],
    }),
    layer: 'policy', path: 'shop', field: /image/, message: /registry\.ci\.svc:5000/,
  },
  // code-server, SonarQube.
  {
    name: 'code-server told --auth none behind a route without a login',
    build: ci('code', {
      image: 'codercom/code-server:4.92.2', ports: [{ name: 'http', port: 8080 }], args: ['--auth', 'none', '--bind-addr', '0.0.0.0:8080'],
      persistence: { home: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/home/coder' } }, route: { host: 'code' },
    }),
    layer: 'props', path: 'code', field: 'args[1]', message: /shell in the pod/, hint: /basicAuth/,
  },
  {
    name: "linuxserver.io's code-server told --auth=none on a load balancer",
    build: ci('code', {
      image: 'lscr.io/linuxserver/code-server:4.92.2', ports: [{ name: 'http', port: 8443 }], command: ['/app/code-server/bin/code-server', '--auth=none'],
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/config' } },
      loadBalancer: { address: lab.pools.vips.at('10.0.8.14') },
    }),
    layer: 'props', path: 'code', field: 'command[1]', message: /load balancer/,
  },
  {
    name: 'SonarQube under the default memory limit, below the heaps of its three JVMs',
    build: ci('sonarqube', { image: 'sonarqube:10.7.0-community', ports: [{ name: 'http', port: 9000 }], resources: {} }),
    layer: 'props', path: 'sonarqube', field: 'image', message: /three JVMs/, hint: /memoryLimit to at least 2304Mi/,
  },
  {
    name: "SonarQube at 2Gi whose Elasticsearch heap was raised to 2g",
    build: ci('sonarqube', {
      image: 'sonarqube:10.7.0-community', ports: [{ name: 'http', port: 9000 }], resources: { memoryLimit: '2Gi' },
      env: { SONAR_SEARCH_JAVAOPTS: '-Xmx2g -Xms2g' },
    }),
    layer: 'props', path: 'sonarqube', field: 'image', message: /3072 MiB/,
  },
  {
    name: "SonarQube's vm.max_map_count as the pod's sysctl, with the privileged exemption",
    build: ci('sonarqube', {
      image: 'sonarqube:10.7.0-community', ports: [{ name: 'http', port: 9000 }], resources: { memoryLimit: '4Gi' },
      sysctls: { 'vm.max_map_count': '524288' }, exemptions: { privileged: 'Elasticsearch needs vm.max_map_count' },
    }),
    layer: 'props', path: 'sonarqube', field: 'sysctls.vm.max_map_count', message: /node's own kernel/, hint: /vm\.max_map_count = 524288 in \/etc\/sysctl\.d/,
  },
  {
    name: "vm.max_map_count in a hand-written Deployment's pod, privileged",
    build: (c: ClusterChart) => {
      raw(c, 'w', goodDeployment('web', {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'vm.max_map_count', value: '524288' }] },
      }, {}, { 'security.homelab.dev/privileged': 'Elasticsearch' }));
    },
    layer: 'schema', path: 'w', field: 'spec.template.spec.securityContext.sysctls[0].name', message: /node's own kernel/,
  },
  {
    name: 'an init container of SonarQube that writes vm.max_map_count with sysctl -w, unprivileged',
    build: ci('sonarqube', {
      image: 'sonarqube:10.7.0-community', ports: [{ name: 'http', port: 9000 }], resources: { memoryLimit: '4Gi' },
      initContainers: [{ name: 'sysctl', image: 'busybox:1.37.0', command: ['sysctl', '-w', 'vm.max_map_count=524288'] }],
    }),
    layer: 'props', path: 'sonarqube', field: 'initContainers[0].command', hint: /\/etc\/sysctl\.d.*may not set it as its sysctls/,
  },
  // The secret Woodpecker's server and agent share.
  {
    name: "Woodpecker's agent reading its agent secret from another Secret than the server",
    build: (c: ClusterChart) => {
      woodpeckerServer({ WOODPECKER_HOST: 'https://ci.lab.test', WOODPECKER_AGENT_SECRET: SecretReference.external('woodpecker', 'woodpecker-secrets', 'agent-secret') })(c);
      agent({ env: { WOODPECKER_SERVER: 'woodpecker-server:9000', WOODPECKER_BACKEND: 'kubernetes', WOODPECKER_AGENT_SECRET: SecretReference.external('woodpecker', 'woodpecker-agent', 'secret') } })(c);
    },
    layer: 'references', path: 'woodpecker-agent', field: 'env.WOODPECKER_AGENT_SECRET', hint: /SecretReference\.external\('woodpecker', 'woodpecker-secrets', 'agent-secret'\)/,
  },
  {
    name: "Woodpecker's agent reading its agent secret from the server's Secret under another key",
    build: (c: ClusterChart) => {
      woodpeckerServer({ WOODPECKER_HOST: 'https://ci.lab.test', WOODPECKER_AGENT_SECRET: SecretReference.external('woodpecker', 'woodpecker', 'agent-secret') })(c);
      agent({ env: { WOODPECKER_SERVER: 'woodpecker-server:9000', WOODPECKER_BACKEND: 'kubernetes', WOODPECKER_AGENT_SECRET: SecretReference.external('woodpecker', 'woodpecker', 'secret') } })(c);
    },
    layer: 'references', path: 'woodpecker-agent', field: 'env.WOODPECKER_AGENT_SECRET', message: /two Secrets hold two values/,
  },
];
