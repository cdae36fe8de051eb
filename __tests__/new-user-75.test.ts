import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { loadAll } from 'js-yaml';
import {
  actionsRunnerController, argoCd, AppVolume, ChartRelease, ClusterChart, declareExternal, flux, hostPlacement, HomelabApp, host, k3s, localPathStorage, runnerScaleSet,
  SealedSecret, SecretReference, servesPorts, site, traefik,
} from '../constructs';
import type { ClusterChartProps } from '../constructs';
import { shownFindings } from './support/lab-output';
import { sitesInMemory } from './support/synth';

// A home lab's own CI and development tools, written from the README alone: GitHub's Actions Runner Controller with a
// Docker-in-Docker scale set, GitLab Runner from its chart, Woodpecker's server and agent on the Kubernetes backend,
// rootless BuildKit, a registry pull-through cache and code-server. Each synthesizes with only the findings it deserves.

const SEALED = `Ag${'B'.repeat(720)}==`;

/** Cluster `main` of site `forge`: one K3s node with Traefik, local-path and the engine `props` give (Flux unless). */
function forgeCluster(scope: Construct, props: Partial<ClusterChartProps> = {}): ClusterChart {
  const box = host('forge', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.20.5' });
  const lab = site('forge', { domain: 'forge.jdoe.dev', hosts: [box], git: { url: 'https://github.com/jdoe/forge.git' } });
  return new ClusterChart(scope, 'main', {
    site: lab, hosts: [box], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(), ...props,
  });
}

/** The controller and a scale set whose jobs build images with Docker-in-Docker. */
function addRunners(cluster: ClusterChart): void {
  const placement = hostPlacement(cluster.hosts[0]);
  cluster.platform.require(actionsRunnerController({ placement }));
  cluster.platform.require(runnerScaleSet({
    name: 'lab-runners', githubConfigUrl: 'https://github.com/jdoe', githubConfigSecret: 'arc-github-app', placement,
    containerMode: { type: 'dind', reason: 'docker build in CI jobs' },
  }));
  declareExternal(cluster, { secrets: [{ namespace: 'arc-runners', name: 'arc-github-app' }] });
}

function ciLab(scope: Construct): void {
  const cluster = forgeCluster(scope);
  addRunners(cluster);

  // GitLab's chart reads the runner's token from the Secret runners.secret names, both of its keys.
  new SealedSecret(cluster, 'gitlab-runner-token', { namespace: 'gitlab-runner', encryptedData: { 'runner-registration-token': SEALED, 'runner-token': SEALED } });
  new ChartRelease(cluster, 'gitlab-runner', {
    namespace: 'gitlab-runner', network: servesPorts(),
    chart: { repository: 'https://charts.gitlab.io', chart: 'gitlab-runner', version: '0.71.0' },
    values: {
      gitlabUrl: 'https://gitlab.com/', rbac: { create: true },
      runners: { secret: 'gitlab-runner-token', config: '[[runners]]\n  [runners.kubernetes]\n    namespace = "{{.Release.Namespace}}"\n    image = "alpine:3.20"\n' },
    },
  });

  cluster.namespaces.ensure('woodpecker', { podSecurity: 'baseline', reason: 'Woodpecker pipeline steps' });
  const agentSecret = SecretReference.external('woodpecker', 'woodpecker-agent', 'secret');
  const server = new HomelabApp(cluster, 'woodpecker-server', {
    namespace: 'woodpecker', image: 'woodpeckerci/woodpecker-server:v3.3.0', ports: [{ name: 'http', port: 8000 }, { name: 'grpc', port: 9000 }],
    env: {
      WOODPECKER_HOST: 'https://ci.forge.jdoe.dev', WOODPECKER_OPEN: 'false', WOODPECKER_GITEA: 'true', WOODPECKER_GITEA_URL: 'https://git.forge.jdoe.dev',
      WOODPECKER_GITEA_CLIENT: SecretReference.external('woodpecker', 'woodpecker-gitea', 'client'),
      WOODPECKER_GITEA_SECRET: SecretReference.external('woodpecker', 'woodpecker-gitea', 'secret'), WOODPECKER_AGENT_SECRET: agentSecret,
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/woodpecker' } },
    route: { host: 'ci' },
  });
  const agent = new HomelabApp(cluster, 'woodpecker-agent', {
    namespace: 'woodpecker', image: 'woodpeckerci/woodpecker-agent:v3.3.0', ports: [{ name: 'health', port: 3000 }],
    env: {
      WOODPECKER_SERVER: 'woodpecker-server:9000', WOODPECKER_BACKEND: 'kubernetes', WOODPECKER_BACKEND_K8S_NAMESPACE: 'woodpecker',
      WOODPECKER_BACKEND_K8S_STORAGE_CLASS: 'local-path', WOODPECKER_BACKEND_K8S_VOLUME_SIZE: '5G', WOODPECKER_AGENT_SECRET: agentSecret,
    },
    serviceAccount: { reason: 'runs pipeline steps as pods', rules: [{ apiGroups: [''], resources: ['pods', 'pods/log', 'persistentvolumeclaims', 'services', 'secrets'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }] },
    egress: [server],
  });
  server.addAllowFrom(agent);

  new HomelabApp(cluster, 'buildkitd', {
    namespace: 'builds', image: 'moby/buildkit:v0.23.2-rootless', ports: [{ name: 'buildkit', port: 1234 }],
    args: ['--addr', 'unix:///run/user/1000/buildkit/buildkitd.sock', '--addr', 'tcp://0.0.0.0:1234', '--oci-worker-no-process-sandbox'],
    runAsUser: 1000, runAsGroup: 1000,
    persistence: { cache: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/home/user/.local/share/buildkit' } },
    exemptions: {
      unconfined: 'rootlesskit makes its own user and mount namespaces', privilegeEscalation: 'newuidmap and newgidmap are set-user-ID root',
      addCapabilities: { capabilities: ['SETUID', 'SETGID'], reason: 'newuidmap and newgidmap map the ids of the build namespace' },
      writableRootFilesystem: 'rootlesskit and buildkitd write under /run/user/1000',
    },
  });
  new HomelabApp(cluster, 'registry-cache', {
    namespace: 'registry', image: 'registry:2.8.3', ports: [{ name: 'http', port: 5000 }],
    env: { REGISTRY_PROXY_REMOTEURL: 'https://registry-1.docker.io' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/var/lib/registry' } },
  });
  new HomelabApp(cluster, 'code-server', {
    namespace: 'dev', image: 'codercom/code-server:4.102.2', ports: [{ name: 'http', port: 8080 }],
    env: { PASSWORD: SecretReference.external('dev', 'code-server', 'password') },
    persistence: { home: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/home/coder' } },
    route: { host: 'code' },
  });
}

/** The documents of `file` of the lab's output. */
const documentsOf = (define: (scope: Construct) => void, file: string): any[] => loadAll(sitesInMemory(define).files.get(file) ?? '') as any[];

test('the CI lab synthesizes with only the findings it deserves', () => {
  expect(shownFindings(ciLab)).toEqual([]);
});

test("Docker-in-Docker runners widen their namespace with the reason, and the runner alone is held to the image's user", () => {
  const namespace = documentsOf(ciLab, 'forge/main/platform/namespaces.yaml').find((d) => d?.metadata?.name === 'arc-runners');
  expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
  expect(namespace.metadata.annotations['security.homelab.dev/pod-security-reasons']).toContain('docker build in CI jobs');
  const values = documentsOf(ciLab, 'forge/main/platform/lab-runners.yaml').find((d) => d?.kind === 'HelmRelease').spec.values;
  expect(values.containerMode).toEqual({ type: 'dind' });
  // The chart's docker:dind container runs as root, which a pod-level runAsNonRoot would refuse.
  expect(values.template.spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
  expect(values.template.spec.containers[0].securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1001 });
});

test("a scale set rendered by Argo CD names the controller's ServiceAccount, which the chart cannot look up there", () => {
  const argoLab = (scope: Construct) => addRunners(forgeCluster(scope, { gitops: argoCd() }));
  const text = [...sitesInMemory(argoLab).files].filter(([file]) => file.includes('lab-runners')).map(([, body]) => body).join('\n');
  expect(text).toMatch(/controllerServiceAccount:\s+name: arc-controller-gha-rs-controller\s+namespace: arc-systems/);
  expect(shownFindings(argoLab)).toEqual([]);
});

test('rootless BuildKit runs unconfined, not privileged, and says so on its pod and namespace', () => {
  const [deployment] = documentsOf(ciLab, 'forge/main/apps/buildkitd.yaml').filter((d) => d?.kind === 'Deployment');
  const pod = deployment.spec.template;
  expect(pod.spec.containers[0].securityContext).toMatchObject({
    allowPrivilegeEscalation: true, appArmorProfile: { type: 'Unconfined' }, capabilities: { add: ['SETUID', 'SETGID'], drop: ['ALL'] },
    privileged: false, seccompProfile: { type: 'Unconfined' },
  });
  expect(pod.metadata.annotations['security.homelab.dev/unconfined']).toBe('rootlesskit makes its own user and mount namespaces');
  const namespace = documentsOf(ciLab, 'forge/main/platform/namespaces.yaml').find((d) => d?.metadata?.name === 'builds');
  expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
});

test('a hand-written rootless BuildKit Deployment declares its unconfined profiles with the unconfined annotation, short of privileged', () => {
  const handWritten = (scope: Construct) => {
    const cluster = forgeCluster(scope);
    cluster.namespaces.ensure('builds', { podSecurity: 'privileged', reason: 'rootless BuildKit' });
    new ApiObject(cluster, 'buildkitd', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'buildkitd', namespace: 'builds' },
      spec: {
        replicas: 1, selector: { matchLabels: { app: 'buildkitd' } },
        template: {
          metadata: {
            labels: { app: 'buildkitd' },
            annotations: {
              'security.homelab.dev/unconfined': 'rootlesskit makes its own user and mount namespaces', 'security.homelab.dev/privilege-escalation': 'set-user-ID newuidmap',
              'security.homelab.dev/add-capabilities': 'SETGID,SETUID: newuidmap and newgidmap', 'security.homelab.dev/writable-root-filesystem': 'writes under /run/user/1000',
            },
          },
          spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'buildkitd', image: 'moby/buildkit:v0.23.2-rootless', args: ['--addr', 'tcp://0.0.0.0:1234', '--oci-worker-no-process-sandbox'], ports: [{ containerPort: 1234 }],
              readinessProbe: { tcpSocket: { port: 1234 } }, livenessProbe: { tcpSocket: { port: 1234 } },
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '2Gi' } },
              securityContext: {
                seccompProfile: { type: 'Unconfined' }, appArmorProfile: { type: 'Unconfined' }, allowPrivilegeEscalation: true, capabilities: { drop: ['ALL'], add: ['SETUID', 'SETGID'] },
              },
            }],
          },
        },
      },
    });
  };
  expect(shownFindings(handWritten).filter((line) => line.startsWith('error'))).toEqual([]);
});
