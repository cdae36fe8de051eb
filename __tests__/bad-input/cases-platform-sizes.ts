import {
  actionsRunnerController, argoCd, cilium, ClusterChart, gitLabCi, hostPlacement, ingressNginx, IngressTls, kubePrometheusStack, loki,
  runnerScaleSet, traefik,
} from '../../constructs';
import type { BadInput } from './cases';
import { arm1, gpu1, guarded, labCluster } from './lab';

// The platform components size their own containers; a user resizes them by part through the `resources`
// option of the component's factory (or the cluster's `componentResources` for the components the cluster
// brings itself), checked as an App's `resources` are. Before, each of these was an unknown prop or, given
// the right name, a value no check saw.

const monitoring = hostPlacement(arm1);
/** kube-prometheus-stack asked for with `resources`; the finding is on the component's `field`. */
const stack = (name: string, resources: unknown, field: string, hint?: RegExp): BadInput => ({
  name, hint,
  build: guarded((cluster: ClusterChart) => {
    cluster.platform.require(kubePrometheusStack({ placement: monitoring, grafanaAdminSecret: 'grafana-admin', resources } as any));
  }),
  layer: 'props', path: 'platform', field: `components.kube-prometheus-stack.${field}`,
});
/** A cluster `edge` whose choice `choice` is made with `resources`; the finding is on the cluster's `field`. */
const edge = (name: string, props: Record<string, unknown>, field: string, hint?: RegExp): BadInput => ({
  name, hint,
  build: guarded((_c, root) => labCluster(root, 'edge', props as any)),
  layer: 'props', path: 'edge', field,
});
const agent = { project: 'infra/agent', name: 'agent', kasAddress: 'wss://git.lab.test/-/kubernetes-agent/' };

export const CASES: BadInput[] = [
  // 1. Amounts, as an App's resources take them
  stack("Prometheus' memory in Docker's units", { prometheus: { memoryRequest: '4GB' } }, 'resources.prometheus.memoryRequest', /4Gi/),
  stack('Grafana given 500 cores for 500 millicores', { grafana: { cpuRequest: '500' } }, 'resources.grafana.cpuRequest', /500m/),
  stack("Alertmanager's memory as a bare number", { alertmanager: { memoryLimit: 512 } }, 'resources.alertmanager.memoryLimit', /Mi/),
  stack('node-exporter asking for more memory than its limit', { nodeExporter: { memoryRequest: '1Gi', memoryLimit: '256Mi' } },
    'resources.nodeExporter.memoryRequest', /at most 256Mi|raise/),
  // 2. Parts, by the names the component gives them
  stack('a misspelt part of the monitoring stack', { promethues: { memoryRequest: '4Gi' } }, 'resources.promethues', /did you mean "prometheus".*nodeExporter/),
  stack('a part named as its chart key', { 'kube-state-metrics': { memoryLimit: '512Mi' } }, 'resources.kube-state-metrics', /kubeStateMetrics/),
  stack("Prometheus sized in Kubernetes' form", { prometheus: { requests: { memory: '4Gi' } } }, 'resources.prometheus', /memoryRequest: '4Gi'/),
  stack("the whole stack sized in Kubernetes' form", { requests: { memory: '4Gi' } }, 'resources', /prometheus/),
  stack('a part sized with a string', { grafana: '1Gi' }, 'resources.grafana', /memoryRequest/),
  // 3. The other components
  edge('an Argo CD repo server sized in Docker units', { gitops: argoCd({ resources: { repoServer: { memoryLimit: '1GB' } } } as any) },
    'gitops.resources.repoServer.memoryLimit', /1Gi/),
  edge('an Argo CD part that does not exist', { gitops: argoCd({ resources: { applicationController: { memoryLimit: '2Gi' } } } as any) },
    'gitops.resources.applicationController', /controller, repoServer/),
  edge('the single Redis of a highly available Argo CD', { gitops: argoCd({ highAvailability: true, resources: { redis: { memoryLimit: '512Mi' } } }) },
    'gitops.resources.redis', /leave gitops\.resources\.redis out|leave resources\.redis out/),
  edge('an Argo CD the repository does not install, sized', { gitops: argoCd({ selfManaged: false, resources: { controller: { memoryLimit: '2Gi' } } }) },
    'gitops.resources', /turn selfManaged on/),
  edge("a Cilium agent's CPU limit below its request", { cni: cilium({ resources: { agent: { cpuRequest: '2', cpuLimit: '500m' } } }) },
    'cni.resources.agent.cpuRequest', /at most 500m|raise/),
  edge('Hubble Relay sized while Hubble Relay is off', { cni: cilium({ resources: { hubbleRelay: { memoryLimit: '512Mi' } } }) },
    'cni.resources.hubbleRelay', /turn the part on/),
  edge("the GitLab agent sized without naming agentk", { gitops: gitLabCi({ agent: { ...agent, resources: { memoryLimit: '512Mi' } } } as any) },
    'gitops.agent.resources', /agentk: \{ memoryLimit: '512Mi' \}/),
  {
    name: 'a runner sized in gigabytes',
    build: guarded((cluster: ClusterChart) => {
      cluster.platform.require(actionsRunnerController({ placement: hostPlacement(gpu1) }));
      cluster.platform.require(runnerScaleSet({
        name: 'lab-runners', githubConfigUrl: 'https://github.com/me/lab', githubConfigSecret: 'github-runner', placement: hostPlacement(gpu1),
        resources: { runner: { memoryLimit: '4GB' } },
      }));
    }),
    layer: 'props', path: 'platform', field: 'components.runner-scale-set.resources.runner.memoryLimit', hint: /4Gi/,
  },
  {
    name: 'Loki sized as its chart key singleBinary',
    build: guarded((cluster: ClusterChart) => {
      cluster.platform.require(loki({ placement: monitoring, resources: { singleBinary: { memoryLimit: '2Gi' } } } as any));
    }),
    layer: 'props', path: 'platform', field: 'components.loki.resources.singleBinary', hint: /loki, gateway/,
  },
  edge('Traefik sized for the whole component, as localPathStorage takes it', { routes: traefik({ resources: { memoryRequest: '128Mi', memoryLimit: '512Mi' } } as any) },
    'routes.resources', /resources: \{ traefik: \{ memoryRequest: '128Mi', memoryLimit: '512Mi' \} \}/),
  edge('ingress-nginx sized by its chart key admissionWebhooks', { routes: ingressNginx({ tls: IngressTls.none(), resources: { admissionWebhooks: { memoryLimit: '64Mi' } } } as any) },
    'routes.resources.admissionWebhooks', /admissionJobs/),
  edge('an Intel GPU plugin sized in Docker units', { componentResources: { intelGpuPlugin: { plugin: { memoryLimit: '256MB' } } } },
    'componentResources.intelGpuPlugin.plugin.memoryLimit', /256Mi/),
  edge('a Secrets Store CSI driver part that does not exist', { componentResources: { secretsStoreCsiDriver: { csiDriver: { memoryLimit: '256Mi' } } } },
    'componentResources.secretsStoreCsiDriver.csiDriver', /driver, registrar, livenessProbe/),
  edge('a component the cluster does not size', { componentResources: { intelGpu: { plugin: { memoryLimit: '256Mi' } } } },
    'componentResources.intelGpu', /intelGpuPlugin/),
];

