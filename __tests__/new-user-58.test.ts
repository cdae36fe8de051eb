import type { Construct } from 'constructs';
import {
  App, AppController, AppVolume, ClusterChart, flux, Forgejo, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik,
} from '../constructs';
import type { AppProps } from '../constructs';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';

// A self-hosted forge with CI runners as a newcomer writes it from the README: two mini PCs on K3s with Flux; Forgejo
// with its Actions runner calling a docker:dind sidecar, Woodpecker's server and its agent on the Kubernetes backend,
// a Zot registry, code-server, SonarQube with its PostgreSQL and Renovate as a CronJob. SonarQube's vm.max_map_count
// is set on the nodes, where the pods cannot set it.

/** The two mini PCs alike, the first also the control plane. */
const [minipc1, minipc2] = [1, 2].map((n) => host(`nu58-mini${n}`, {
  arch: 'amd64', roles: n === 1 ? ['control-plane', 'worker'] : ['worker'], address: `192.168.58.${9 + n}`, cores: 8, memoryGigabytes: 32,
}));
const lab = site('nu58', {
  domain: 'forge.nu58.example.net', hosts: [minipc1, minipc2], git: { url: 'https://github.com/nu58/forge-lab.git' },
  pools: { vips: { first: '192.168.58.240', last: '192.168.58.246' } },
});

/** Forgejo's runner beside docker:dind, over TLS with the certificates on a shared emptyDir; `props` override. */
const runnerProps = (props: Partial<AppProps> = {}): AppProps => ({
  namespace: 'forgejo', image: 'code.forgejo.org/forgejo/runner:6.0.1', command: ['forgejo-runner', 'daemon', '--config', '/data/config.yml'],
  env: { DOCKER_HOST: 'tcp://localhost:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs/client' },
  resources: { memoryLimit: '1Gi' },
  persistence: {
    data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' },
    certs: { volume: AppVolume.emptyDir(), mountPath: '/certs', containers: ['runner', 'dind'] },
  },
  sidecars: [{
    name: 'dind', image: 'docker:27.3.1-dind', resources: { memoryLimit: '4Gi' },
    exemptions: { privileged: "dockerd builds the jobs' images", runAsRoot: 'dockerd runs as root', writableRootFilesystem: 'dockerd writes its state under /var/lib/docker' },
  }],
  probes: { readiness: false, liveness: false }, exemptions: { probes: 'the runner serves nothing; it polls Forgejo' },
  ...props,
});

/** The lab; `runner` overrides the runner's props. */
const defineLab = (runner: Partial<AppProps> = {}) => (scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [minipc1, minipc2], storage: { fast: localPathStorage() }, gitops: flux(), preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: traefik({ address: lab.pools.vips.at('192.168.58.240') }), loadBalancer: metalLb({ pools: [lab.pools.vips] }),
  });
  new Forgejo(cluster, 'forgejo', { route: { host: 'git' } });
  new App(cluster, 'runner', runnerProps(runner));
  // Woodpecker's step pods carry no security context that restricted admits.
  cluster.namespaces.ensure('woodpecker', { podSecurity: 'baseline', reason: 'Woodpecker pipeline steps' });
  const woodpeckerServer = new App(cluster, 'woodpecker-server', {
    namespace: 'woodpecker', image: 'woodpeckerci/woodpecker-server:v2.7.1',
    ports: [{ name: 'http', port: 8000 }, { name: 'grpc', port: 9000 }],
    env: {
      WOODPECKER_HOST: 'https://ci.forge.nu58.example.net', WOODPECKER_FORGEJO: 'true', WOODPECKER_FORGEJO_URL: 'https://git.forge.nu58.example.net',
      WOODPECKER_AGENT_SECRET: SecretReference.external('woodpecker', 'woodpecker-agent', 'secret'),
      WOODPECKER_FORGEJO_CLIENT: SecretReference.external('woodpecker', 'woodpecker-forgejo', 'client'),
      WOODPECKER_FORGEJO_SECRET: SecretReference.external('woodpecker', 'woodpecker-forgejo', 'secret'),
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/var/lib/woodpecker' } },
    route: { host: 'ci', port: 8000 },
  });
  const woodpeckerAgent = new App(cluster, 'woodpecker-agent', {
    namespace: 'woodpecker', image: 'woodpeckerci/woodpecker-agent:v2.7.1',
    env: {
      WOODPECKER_SERVER: 'woodpecker-server:9000', WOODPECKER_BACKEND: 'kubernetes', WOODPECKER_BACKEND_K8S_NAMESPACE: 'woodpecker',
      WOODPECKER_AGENT_SECRET: SecretReference.external('woodpecker', 'woodpecker-agent', 'secret'),
    },
    serviceAccount: {
      reason: 'runs pipeline steps as pods',
      rules: [{ apiGroups: [''], resources: ['pods', 'pods/log', 'persistentvolumeclaims', 'services', 'secrets'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }],
    },
    probes: { readiness: false, liveness: false }, exemptions: { probes: 'the agent serves nothing; it calls the server' },
  });
  woodpeckerServer.addAllowFrom(woodpeckerAgent);
  new App(cluster, 'code', {
    namespace: 'code', image: 'codercom/code-server:4.92.2', ports: [{ name: 'http', port: 8080 }],
    env: { PASSWORD: SecretReference.external('code', 'code-server', 'password') },
    persistence: { home: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/home/coder' } },
    route: { host: 'code' },
  });
  const postgres = new App(cluster, 'postgres', {
    namespace: 'sonarqube', image: 'postgres:16.4', ports: [{ name: 'postgres', port: 5432 }],
    env: { POSTGRES_USER: 'sonar', POSTGRES_DB: 'sonar', POSTGRES_PASSWORD: SecretReference.external('sonarqube', 'sonarqube-db', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    controller: AppController.statefulSet(), resources: { memoryLimit: '1Gi' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
    runAsUser: 999,
  });
  const sonarqube = new App(cluster, 'sonarqube', {
    namespace: 'sonarqube', image: 'sonarqube:10.7.0-community', ports: [{ name: 'http', port: 9000 }],
    env: {
      SONAR_JDBC_URL: 'jdbc:postgresql://postgres:5432/sonar', SONAR_JDBC_USERNAME: 'sonar',
      SONAR_JDBC_PASSWORD: SecretReference.external('sonarqube', 'sonarqube-db', 'password'),
    },
    resources: { cpuRequest: '1', memoryRequest: '3Gi', memoryLimit: '4Gi' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/opt/sonarqube/data' },
      extensions: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/opt/sonarqube/extensions' },
      logs: { volume: AppVolume.emptyDir(), mountPath: '/opt/sonarqube/logs' },
      temp: { volume: AppVolume.emptyDir(), mountPath: '/opt/sonarqube/temp' },
    },
    probes: { readiness: { httpPath: '/api/system/status' } },
    route: { host: 'sonar' },
  });
  postgres.addAllowFrom(sonarqube);
  new App(cluster, 'zot', {
    namespace: 'registry', image: 'ghcr.io/project-zot/zot:v2.1.1', ports: [{ name: 'http', port: 5000 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/var/lib/registry' } },
    route: { host: 'registry', maxBodySize: 'unlimited' },
  });
  new App(cluster, 'renovate', {
    namespace: 'renovate', image: 'renovate/renovate:39.42.4',
    env: {
      RENOVATE_PLATFORM: 'gitea', RENOVATE_ENDPOINT: 'https://git.forge.nu58.example.net/api/v1', RENOVATE_AUTODISCOVER: 'true',
      RENOVATE_TOKEN: SecretReference.external('renovate', 'renovate', 'token'),
    },
    controller: AppController.cronJob({ schedule: '0 * * * *' }),
    persistence: { cache: { volume: AppVolume.emptyDir(), mountPath: '/tmp/renovate' } },
  });
};

describe("a newcomer's forge with CI runners", () => {
  const result = synthInMemory(defineLab());

  test('synthesizes without errors or warnings', () => {
    expect(aboutTheLab(result.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });
});

describe("what the forge's CI writes would run", () => {
  const objects = manifestsOf(synthInMemory(defineLab()), 'nu58/main');
  const find = (kind: string, name: string, namespace?: string) => objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));

  test('dind runs privileged as root in a namespace that admits it, and shares its client certificates with the runner', () => {
    const pod = find('Deployment', 'runner').spec.template.spec;
    const dind = pod.initContainers.find((c: any) => c.name === 'dind');
    expect(dind.restartPolicy).toBe('Always');
    expect(dind.securityContext).toMatchObject({ privileged: true, allowPrivilegeEscalation: true, runAsUser: 0 });
    const runner = pod.containers.find((c: any) => c.name === 'runner');
    const certs = (c: any) => c.volumeMounts.find((m: any) => m.mountPath === '/certs')?.name;
    expect(certs(runner)).toBeDefined();
    expect(certs(dind)).toBe(certs(runner));
    expect(find('Namespace', 'forgejo').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });

  test("the agent's Role lets it make its step pods in its own namespace, and its pods carry the token", () => {
    const role = find('Role', 'woodpecker-agent', 'woodpecker');
    expect(role.rules[0]).toMatchObject({ apiGroups: [''], resources: expect.arrayContaining(['pods', 'pods/log', 'persistentvolumeclaims']), verbs: expect.arrayContaining(['create', 'delete', 'watch']) });
    expect(find('RoleBinding', 'woodpecker-agent', 'woodpecker').subjects).toEqual([{ kind: 'ServiceAccount', name: 'woodpecker-agent', namespace: 'woodpecker' }]);
    expect(objects.filter((o) => o.kind === 'ClusterRoleBinding' && o.metadata.name.includes('woodpecker'))).toEqual([]);
    const pod = find('Deployment', 'woodpecker-agent').spec.template.spec;
    expect(pod.serviceAccountName).toBe('woodpecker-agent');
    expect(pod.automountServiceAccountToken).toBe(true);
  });

  test("SonarQube's limit holds its three JVMs' heaps, and it reaches its PostgreSQL", () => {
    expect(find('Deployment', 'sonarqube').spec.template.spec.containers[0].resources.limits.memory).toBe('4Gi');
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'sonarqube' && o.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === 'postgres');
    expect(policy.spec.ingress.some((rule: any) => (rule.from ?? []).some((peer: any) => peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'sonarqube'))).toBe(true);
  });

  test("Woodpecker's server admits its agent on the gRPC port", () => {
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'woodpecker' && o.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === 'woodpecker-server');
    const fromAgent = policy.spec.ingress.filter((rule: any) => (rule.from ?? []).some((peer: any) => peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'woodpecker-agent'));
    expect(fromAgent.length).toBeGreaterThan(0);
  });
});
