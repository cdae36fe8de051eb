import type { CrdGroup, PlatformComponentProps } from '../component';
import { chartSizesItself } from '../component-resources';
import { servesPorts } from '../component-network';

/**
 * Pinned release of the Knative Operator. Knative publishes no Helm chart for Serving or Eventing
 * themselves; the operator's chart installs the operator, and KnativeServing / KnativeEventing objects
 * (in the config layer) make it install Serving, Eventing and the Gateway API networking layer at the
 * operator's own version. Renovate reads the comment above each pin.
 */
export const KNATIVE_PINS = {
  // renovate: datasource=helm depName=knative-operator registryUrl=https://knative.github.io/operator
  chart: 'v1.22.2',
} as const;

/** The operator's own CRDs. */
export const KNATIVE_OPERATOR_CRDS: readonly CrdGroup[] = [
  { group: 'operator.knative.dev', kinds: ['KnativeEventing', 'KnativeServing'] },
];

/**
 * The CRDs Serving and Eventing bring once the operator has installed them: provided by this component
 * one step later (objects of these kinds belong in the apps layer, after the KnativeServing is ready).
 */
export const KNATIVE_RUNTIME_CRDS: readonly CrdGroup[] = [
  { group: 'serving.knative.dev', kinds: ['Configuration', 'DomainMapping', 'Revision', 'Route', 'Service'] },
  { group: 'networking.internal.knative.dev', kinds: ['ClusterDomainClaim'] },
  { group: 'eventing.knative.dev', kinds: ['Broker', 'EventType', 'Trigger'] },
  { group: 'messaging.knative.dev', kinds: ['Channel', 'InMemoryChannel', 'Subscription'] },
  { group: 'sources.knative.dev', kinds: ['ApiServerSource', 'ContainerSource', 'PingSource', 'SinkBinding'] },
];

/** The Knative Operator, which installs and upgrades Knative Serving and Eventing from its CRs. */
export function knativeOperator(): PlatformComponentProps {
  return {
    name: 'knative-operator',
    resources: { chartDefault: chartSizesItself('knative-operator', KNATIVE_PINS.chart, ['knative_operator.knative_operator.resources', 'knative_operator.operator_webhook.resources']) },
    description: 'Knative Operator: installs Knative Serving (scale to zero) and Eventing from KnativeServing/KnativeEventing objects',
    namespace: 'knative-operator',
    network: servesPorts(
      { port: 8008, purpose: 'profiling of the operator webhook' },
      { port: 8443, purpose: 'admission and conversion webhook, called by the API server (often from the host network), and its health' },
      { port: 9090, purpose: 'metrics of the operator and its webhook' },
    ),
    podSecurity: 'baseline',
    podSecurityReason: "the operator chart's two pods set no seccomp profile, and its values have no place for one",
    install: {
      type: 'helm',
      chart: { repository: 'https://knative.github.io/operator', chart: 'knative-operator', version: KNATIVE_PINS.chart },
      values: {},
    },
    crds: [...KNATIVE_OPERATOR_CRDS, ...KNATIVE_RUNTIME_CRDS],
  };
}
