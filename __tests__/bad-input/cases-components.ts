import {
  actionsRunnerController, ClusterChart, gatekeeper, hostPlacement, kubePrometheusStack, loki,
  openTelemetryNodeCollector, renovate, runnerScaleSet, trivyOperator,
} from '../../constructs';
import type { BadInput } from './cases';
import { arm1, gpu1, guarded } from './lab';

// The platform add-ons a lab turns on itself (`cluster.platform.require(kubePrometheusStack({ … }))`), with
// the options a new user gets wrong: each synthesized before, or failed with a JavaScript error.

const monitoring = hostPlacement(arm1);
const stack = (options: Record<string, unknown>) => kubePrometheusStack({ placement: monitoring, grafanaAdminSecret: 'grafana-admin', ...options } as any);
const ask = (build: (cluster: ClusterChart) => unknown) => guarded((cluster: ClusterChart) => {
  build(cluster);
});
const scaleSet = (options: Record<string, unknown>) => runnerScaleSet({
  name: 'lab-runners', githubConfigUrl: 'https://github.com/me/lab', githubConfigSecret: 'github-runner', placement: hostPlacement(gpu1), ...options,
} as any);
const withRunners = (options: Record<string, unknown>) => ask((cluster) => {
  cluster.platform.require(actionsRunnerController({ placement: hostPlacement(gpu1) }));
  cluster.platform.require(scaleSet(options));
});

export const CASES: BadInput[] = [
  // 1. A factory's options, checked before anything is built from them
  {
    name: 'kube-prometheus-stack without a placement',
    build: ask((cluster) => cluster.platform.require(kubePrometheusStack({ grafanaAdminSecret: 'grafana-admin' } as any))),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.placement',
  },
  {
    name: "kube-prometheus-stack without Grafana's admin Secret",
    build: ask((cluster) => cluster.platform.require(kubePrometheusStack({ placement: monitoring } as any))),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.grafanaAdminSecret',
  },
  {
    name: 'a Prometheus retention written in words',
    build: ask((cluster) => cluster.platform.require(stack({ retention: '7 days' }))),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.retention', hint: /15d/,
  },
  {
    name: "a Prometheus retention size written as Kubernetes quantities are",
    build: ask((cluster) => cluster.platform.require(stack({ retentionSize: '8Gi' }))),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.retentionSize', hint: /8GB/,
  },
  {
    name: "Prometheus' storage on a tier the cluster does not define",
    build: ask((cluster) => cluster.platform.require(stack({ prometheusStorage: { tier: 'ssd', size: '10Gi' } }))),
    layer: 'references', path: 'platform', field: 'components.kube-prometheus-stack.prometheusStorage.tier', hint: /use one of: fast, local/,
  },
  {
    name: "Prometheus' storage size written as docker writes it",
    build: ask((cluster) => cluster.platform.require(stack({ prometheusStorage: { tier: 'fast', size: '10g' } }))),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.prometheusStorage.size', hint: /10Gi/,
  },
  {
    name: "Grafana's storage size written as docker writes it",
    build: ask((cluster) => cluster.platform.require(stack({ grafanaStorage: { tier: 'local', size: '1g' } }))),
    layer: 'props', path: 'platform', field: 'components.kube-prometheus-stack.grafanaStorage.size', hint: /1Gi/,
  },
  {
    name: 'a placement given as a host',
    build: ask((cluster) => cluster.platform.require(trivyOperator({ placement: arm1 as any }))),
    layer: 'props', path: 'platform', field: 'components.trivy-operator.placement',
  },
  {
    name: 'Trivy allowed no scan job at once',
    build: ask((cluster) => cluster.platform.require(trivyOperator({ placement: monitoring, concurrentScans: 0 }))),
    layer: 'props', path: 'platform', field: 'components.trivy-operator.concurrentScans',
  },
  {
    name: "Loki's claim size written as docker writes it",
    build: ask((cluster) => cluster.platform.require(loki({ placement: monitoring, storageClass: 'local-path', storageSize: '20 GB' }))),
    layer: 'props', path: 'platform', field: 'components.loki.storageSize',
  },
  {
    name: 'an OpenTelemetry collector without its export target',
    build: ask((cluster) => cluster.platform.require(openTelemetryNodeCollector({} as any))),
    layer: 'props', path: 'platform', field: 'components.otel-node-collector.export',
  },
  {
    name: 'a Renovate schedule that is no cron schedule',
    build: ask((cluster) => cluster.platform.require(renovate({ placement: monitoring, repositories: ['me/lab'], tokenSecret: 'renovate-token', schedule: 'hourly' }))),
    layer: 'props', path: 'platform', field: 'components.renovate.schedule',
  },
  {
    name: "Renovate's repositories given as one string",
    build: ask((cluster) => cluster.platform.require(renovate({ placement: monitoring, repositories: 'me/lab' as any, tokenSecret: 'renovate-token' }))),
    layer: 'props', path: 'platform', field: 'components.renovate.repositories',
  },
  { name: 'a runner scale set named with capitals and _', build: withRunners({ name: 'Lab_Runners' }), layer: 'props', path: 'platform', field: 'components.runner-scale-set.name' },
  { name: 'a runner scale set name longer than the chart takes', build: withRunners({ name: `lab-${'r'.repeat(42)}` }), layer: 'props', path: 'platform', field: 'components.runner-scale-set.name' },
  { name: "a runner scale set's GitHub URL without https://", build: withRunners({ githubConfigUrl: 'github.com/me/lab' }), layer: 'props', path: 'platform', field: 'components.runner-scale-set.githubConfigUrl' },
  { name: 'a runner scale set of at most -1 runners', build: withRunners({ maxRunners: -1 }), layer: 'props', path: 'platform', field: 'components.runner-scale-set.maxRunners' },
  // 2. Asked for twice
  {
    name: 'Loki asked for twice, the second time with a claim',
    build: ask((cluster) => {
      cluster.platform.require(loki({ placement: monitoring }));
      cluster.platform.require(loki({ placement: monitoring, storageClass: 'local-path' }));
    }),
    layer: 'references', path: 'platform', field: 'components.loki',
  },
  {
    name: 'kube-prometheus-stack asked for twice in two namespaces',
    build: ask((cluster) => {
      cluster.platform.require(stack({}));
      cluster.platform.require(stack({ namespace: 'observability' }));
    }),
    layer: 'references', path: 'platform', field: 'components.kube-prometheus-stack',
  },
  {
    name: 'Gatekeeper asked for in its own namespace after a construct asked for it in the default one',
    build: ask((cluster) => {
      cluster.platform.require(gatekeeper());
      cluster.platform.require(gatekeeper({ namespace: 'policy' }));
    }),
    layer: 'references', path: 'platform', field: 'components.gatekeeper',
  },
  // 3. Values and Secrets
  {
    name: "a Grafana admin password written into the stack's values",
    build: ask((cluster) => cluster.platform.require(stack({})).addValues({ grafana: { adminPassword: 'hunter2' } })),
    layer: 'policy', path: 'platform/installs/kube-prometheus-stack', field: 'values.grafana.adminPassword',
  },
  {
    name: 'a Grafana admin Secret nothing makes',
    build: ask((cluster) => cluster.platform.require(stack({}))),
    layer: 'references', path: 'platform/installs/kube-prometheus-stack', field: 'readsSecrets.grafana-admin',
  },
  {
    name: "a runner scale set's GitHub Secret nothing makes",
    build: withRunners({}),
    layer: 'references', path: 'platform/installs/lab-runners', field: 'readsSecrets.github-runner',
  },
];
