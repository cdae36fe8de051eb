import { actionsRunnerController, App, ChartRelease, ClusterChart, declareExternal, hostPlacement, runnerScaleSet, SealedSecret, SecretReference, servesPorts } from '../../constructs';
import type { RunnerScaleSetOptions } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded } from './lab';

// A new user runs their own CI on the lab from the README alone: GitHub's Actions Runner Controller with a runner
// scale set, GitLab Runner from its chart, Woodpecker's agent on its Kubernetes backend and rootless BuildKit. Each mistake passed synthesis and then ran no job.

const SEALED = `Ag${'B'.repeat(720)}==`;

/** The Actions Runner Controller on gpu1 (in `controllerNamespace` where given) and a scale set `lab-runners` with `extra` options. */
const runners = (extra: Partial<RunnerScaleSetOptions> = {}, controllerNamespace?: string, values?: Record<string, unknown>) => guarded((cluster: ClusterChart) => {
  cluster.platform.require(actionsRunnerController({ placement: hostPlacement(gpu1), namespace: controllerNamespace }));
  const set = cluster.platform.require(runnerScaleSet({ name: 'lab-runners', githubConfigUrl: 'https://github.com/jdoe', githubConfigSecret: 'arc-github', placement: hostPlacement(gpu1), ...extra }));
  declareExternal(cluster, { secrets: [{ namespace: 'arc-runners', name: 'arc-github' }] });
  if (values !== undefined) {
    set.addValues(values);
  }
});

/** GitLab Runner's chart in namespace `gitlab-runner`, with `runners` values; `tokenKeys` are the keys of the sealed Secret `gitlab-runner-token`, none for no Secret. */
const gitLabRunner = (runnersValues: Record<string, unknown>, tokenKeys: string[] = ['runner-registration-token', 'runner-token']) => guarded((cluster: ClusterChart) => {
  if (tokenKeys.length > 0) {
    new SealedSecret(cluster, 'runner-token', { namespace: 'gitlab-runner', name: 'gitlab-runner-token', encryptedData: Object.fromEntries(tokenKeys.map((key) => [key, SEALED])) });
  }
  new ChartRelease(cluster, 'gitlab-runner', {
    namespace: 'gitlab-runner', network: servesPorts(),
    chart: { repository: 'https://charts.gitlab.io', chart: 'gitlab-runner', version: '0.71.0' },
    values: { gitlabUrl: 'https://gitlab.com/', rbac: { create: true }, runners: { secret: 'gitlab-runner-token', ...runnersValues } },
  });
});
const KUBERNETES_CONFIG = '[[runners]]\n  [runners.kubernetes]\n    namespace = "{{.Release.Namespace}}"\n    image = "alpine:3.20"\n';

/** Woodpecker's agent in namespace `woodpecker`, running its steps there with the rules its chart grants. */
const woodpeckerAgent = guarded((cluster: ClusterChart) => new App(cluster, 'woodpecker-agent', {
  namespace: 'woodpecker', image: 'woodpeckerci/woodpecker-agent:v3.3.0', ports: [{ name: 'health', port: 3000 }],
  env: {
    WOODPECKER_SERVER: 'woodpecker-server:9000', WOODPECKER_BACKEND: 'kubernetes', WOODPECKER_BACKEND_K8S_NAMESPACE: 'woodpecker',
    WOODPECKER_AGENT_SECRET: SecretReference.external('woodpecker', 'woodpecker-agent', 'secret'),
  },
  serviceAccount: { reason: 'runs pipeline steps as pods', rules: [{ apiGroups: [''], resources: ['pods', 'pods/log', 'persistentvolumeclaims', 'services', 'secrets'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }] },
}));

export const CASES: BadInput[] = [
  {
    name: "a runner scale set given Docker-in-Docker through the chart's values",
    build: runners({}, undefined, { containerMode: { type: 'dind' } }),
    layer: 'props', path: 'platform/installs/lab-runners', field: 'addValues.containerMode.type', hint: /containerMode: \{ type: 'dind', reason/,
  },
  {
    name: "a runner scale set given the chart's kubernetes container mode through its values",
    build: runners({}, undefined, { containerMode: { type: 'kubernetes' } }),
    layer: 'props', path: 'platform/installs/lab-runners', field: 'addValues.containerMode.type', message: /without any security context/,
  },
  {
    name: 'the runner controller in the namespace of the older ARC, the scale set left to its default',
    build: runners({}, 'actions-runner-system'),
    layer: 'references', path: 'platform', field: 'components.lab-runners.controllerNamespace', hint: /controllerNamespace: 'actions-runner-system'/,
  },
  {
    name: "GitLab Runner's token Secret sealed with runner-token alone",
    build: gitLabRunner({ config: KUBERNETES_CONFIG }, ['runner-token']),
    layer: 'references', path: 'gitlab-runner', field: 'values.runners.secret', message: /no runner-registration-token/,
  },
  {
    name: "GitLab Runner's runners.secret naming a Secret nothing makes",
    build: gitLabRunner({ config: KUBERNETES_CONFIG }, []),
    layer: 'references', path: 'gitlab-runner', field: 'values.runners.secret',
  },
  {
    name: 'GitLab Runner running Docker-in-Docker jobs privileged in its restricted namespace',
    build: gitLabRunner({ config: `${KUBERNETES_CONFIG}    privileged = true\n` }),
    layer: 'policy', path: 'gitlab-runner', field: 'values.runners.config', hint: /podSecurity: 'privileged'/,
  },
  {
    name: "Woodpecker's agent running its steps in its own restricted namespace",
    build: woodpeckerAgent,
    layer: 'policy', path: 'woodpecker-agent', field: 'env.WOODPECKER_BACKEND_K8S_NAMESPACE', hint: /podSecurity: 'baseline'/,
  },
  {
    name: "Woodpecker's agent making a namespace per organization with a Role of its own namespace",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'woodpecker-agent', {
      namespace: 'woodpecker', image: 'woodpeckerci/woodpecker-agent:v3.3.0', ports: [{ name: 'health', port: 3000 }],
      env: {
        WOODPECKER_SERVER: 'woodpecker-server:9000', WOODPECKER_BACKEND: 'kubernetes', WOODPECKER_BACKEND_K8S_NAMESPACE_PER_ORGANIZATION: 'true',
        WOODPECKER_AGENT_SECRET: SecretReference.external('woodpecker', 'woodpecker-agent', 'secret'),
      },
      serviceAccount: { reason: 'runs pipeline steps as pods', rules: [{ apiGroups: [''], resources: ['pods', 'pods/log', 'persistentvolumeclaims', 'services', 'secrets'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }] },
    })),
    layer: 'props', path: 'woodpecker-agent', field: 'serviceAccount.clusterRules', message: /leave out .*create namespaces/,
  },
  {
    name: 'rootless BuildKit under the secure defaults, its user given as upstream runs it',
    build: guarded((cluster: ClusterChart) => new App(cluster, 'buildkitd', {
      namespace: 'builds', image: 'moby/buildkit:v0.23.2-rootless', ports: [{ name: 'buildkit', port: 1234 }], runAsUser: 1000, runAsGroup: 1000,
      args: ['--addr', 'tcp://0.0.0.0:1234', '--oci-worker-no-process-sandbox'],
    })),
    layer: 'props', path: 'buildkitd', field: 'exemptions.unconfined', hint: /privilegeEscalation: .*addCapabilities: \{ capabilities: \['SETUID', 'SETGID'\]/,
  },
];
