import type { CrdGroup, PlatformComponentProps } from '../component';
import { unconfirmedKeys } from '../component-resources';
import { servesPorts } from '../component-network';

/** Pinned release of OPA Gatekeeper. Renovate reads the comment above each pin. */
export const GATEKEEPER_PINS = {
  // renovate: datasource=helm depName=gatekeeper registryUrl=https://open-policy-agent.github.io/gatekeeper/charts
  chart: '3.18.2',
} as const;

/** API group of the constraint kinds that ConstraintTemplates create. */
export const GATEKEEPER_CONSTRAINTS_GROUP = 'constraints.gatekeeper.sh';

/** Options of the Gatekeeper component. */
export interface GatekeeperOptions {
  /** Namespace. @default 'gatekeeper-system' */
  readonly namespace?: string;
  /**
   * Constraint kinds the cluster's ConstraintTemplates create (e.g. `K8sRequiredLabels`): Gatekeeper makes
   * their CRDs when it accepts a template, so constraints of those kinds are provided by this component.
   * @default []
   */
  readonly constraintKinds?: string[];
}

/** OPA Gatekeeper: admission policies written in Rego as ConstraintTemplates, enforced through constraints. */
export function gatekeeper(options: GatekeeperOptions = {}): PlatformComponentProps {
  const crds: CrdGroup[] = [
    { group: 'templates.gatekeeper.sh', kinds: ['ConstraintTemplate'] },
    { group: 'config.gatekeeper.sh', kinds: ['Config'] },
    { group: 'externaldata.gatekeeper.sh', kinds: ['Provider'] },
    { group: 'mutations.gatekeeper.sh', kinds: ['Assign', 'AssignMetadata', 'ModifySet', 'AssignImage'] },
    { group: 'expansion.gatekeeper.sh', kinds: ['ExpansionTemplate'] },
  ];
  if ((options.constraintKinds ?? []).length > 0) {
    crds.push({ group: GATEKEEPER_CONSTRAINTS_GROUP, kinds: [...options.constraintKinds!].sort() });
  }
  return {
    name: 'gatekeeper',
    resources: { chartDefault: unconfirmedKeys('gatekeeper', GATEKEEPER_PINS.chart) },
    description: 'OPA Gatekeeper: Rego admission policies (ConstraintTemplates and their constraints)',
    namespace: options.namespace ?? 'gatekeeper-system',
    network: servesPorts(
      { port: 8443, purpose: 'admission webhook of the controller manager, called by the API server (often from the host network)' },
      { port: 8888, purpose: 'metrics of the controller manager and the audit' },
      { port: 9090, purpose: 'health of the controller manager and the audit, checked by the kubelet' },
    ),
    install: {
      type: 'helm',
      chart: { repository: 'https://open-policy-agent.github.io/gatekeeper/charts', chart: 'gatekeeper', version: GATEKEEPER_PINS.chart },
      values: {
        replicas: 2,
        // Policies are delivered from Git; the audit still reports objects that predate a constraint.
        auditInterval: 300,
        // A failing webhook must not stop the cluster's own namespaces from healing.
        controllerManager: { exemptNamespaces: ['kube-system'] },
      },
    },
    crds,
    healthChecks: [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gatekeeper-controller-manager' },
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gatekeeper-audit' },
    ],
  };
}
