import type { CrdGroup, PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { partResourcesProblems, partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { checkedChoice } from '../../validation/choice-props';
import { type PropProblem, propProblems } from '../../validation/known-props';
import { servesPorts } from '../component-network';
import { parsedGoDuration } from '../../validation/go-duration';

/** Pinned release of OPA Gatekeeper. Renovate reads the comment above each pin. */
export const GATEKEEPER_PINS = {
  // renovate: datasource=helm depName=gatekeeper registryUrl=https://open-policy-agent.github.io/gatekeeper/charts
  chart: '3.18.2',
} as const;

/** API group of the constraint kinds that ConstraintTemplates create. */
export const GATEKEEPER_CONSTRAINTS_GROUP = 'constraints.gatekeeper.sh';

/**
 * Namespaces Gatekeeper's admission webhooks skip, so that a slow or failing webhook never holds up the
 * cluster's own pods. Its `--exempt-namespace` (the chart's `controllerManager.exemptNamespaces`) only
 * allows a namespace to carry the label `admission.gatekeeper.sh/ignore`, which the webhooks' namespace
 * selector skips; the chart's install job sets that label on the ones in
 * `postInstall.labelNamespace.extraNamespaces`. The job runs when the release is first installed: a
 * release installed without it needs the label once, by hand.
 */
export const GATEKEEPER_EXEMPT_NAMESPACES: readonly string[] = ['kube-system'];

/**
 * Size of each of Gatekeeper's webhook replicas and its audit: 50m CPU and 256Mi requested, a 512Mi memory
 * limit (the chart's own request of 512Mi each is much for a home lab; both cache the constraints and the
 * objects they check).
 */
export const GATEKEEPER_SIZE: ComponentSize = { cpuRequest: '50m', memoryRequest: '256Mi', memoryLimit: '512Mi' };

// The chart's keys of its webhook (the controller manager) and its audit, read in its values.yaml.
/** The parts of Gatekeeper, each with its chart values keys and this library's size of it. */
export const GATEKEEPER_PARTS = {
  controller: { keys: ['controllerManager.resources'], size: GATEKEEPER_SIZE },
  audit: { keys: ['audit.resources'], size: GATEKEEPER_SIZE },
} as const satisfies Record<string, SizedPart>;

/** The parts of Gatekeeper a user can size: the `controller` (its admission webhook, each replica) and the `audit`. */
export type GatekeeperPart = keyof typeof GATEKEEPER_PARTS;

/** Every part of Gatekeeper, by name. */
export const GATEKEEPER_PART_NAMES = Object.keys(GATEKEEPER_PARTS) as GatekeeperPart[];

/** Options of the Gatekeeper component. */
export interface GatekeeperOptions {
  /**
   * Namespace, not kube-system: the chart's install job labels its namespace to enforce the `restricted`
   * pod security level. @default 'gatekeeper-system'
   */
  readonly namespace?: string;
  /**
   * Constraint kinds the cluster's ConstraintTemplates create (e.g. `K8sRequiredLabels`): Gatekeeper makes
   * their CRDs when it accepts a template, so constraints of those kinds are provided by this component.
   * @default []
   */
  readonly constraintKinds?: string[];
  /**
   * Requests and limits by part (`controller`, `audit`), each as an App's `resources`, merged key by key
   * into the default; the cluster gives its `componentResources.gatekeeper`.
   * @default - each 50m CPU and 256Mi requested, a 512Mi memory limit
   */
  readonly resources?: PartResources<GatekeeperPart>;
}

/** OPA Gatekeeper: admission policies written in Rego as ConstraintTemplates, enforced through constraints. */
export function gatekeeper(given: GatekeeperOptions = {}): PlatformComponentProps {
  // null, as a JavaScript caller writes for no options, is no options.
  const options: GatekeeperOptions = given ?? {};
  // Sizes written here are checked as the cluster's `componentResources.gatekeeper` are; wrong ones are
  // reported by the platform, which installs nothing of the request.
  const problems = partResourcesProblems(options.resources, 'resources', GATEKEEPER_PARTS);
  const namespaceProblems = gatekeeperNamespaceProblems(options.namespace);
  // Written outside the type checker, one kind as text (`constraintKinds: 'K8sRequiredLabels'`) would be spread into its letters.
  const kindsProblems = propProblems('gatekeeper()', { constraintKinds: options.constraintKinds }, { constraintKinds: 'strings' });
  const usable = {
    ...options, ...(problems.length > 0 ? { resources: undefined } : {}), ...(namespaceProblems.length > 0 ? { namespace: undefined } : {}),
    ...(kindsProblems.length > 0 ? { constraintKinds: undefined } : {}),
  };
  return checkedChoice(gatekeeperComponent(usable), 'gatekeeper()', undefined, {}, undefined, [...problems, ...namespaceProblems, ...kindsProblems]);
}

/**
 * kube-system as Gatekeeper's namespace: the chart's install job labels its own namespace to enforce the
 * `restricted` pod security level (and to be skipped by its webhooks), which in kube-system would refuse
 * the cluster's own privileged pods (the CNI, CSI node plugins) from then on. Pure.
 */
function gatekeeperNamespaceProblems(namespace: unknown): PropProblem[] {
  return namespace !== 'kube-system' ? [] : [{
    field: 'namespace',
    message: "namespace is kube-system, which Gatekeeper's install job would label to enforce the restricted pod security level, refusing the cluster's own privileged pods",
    hint: "give Gatekeeper a namespace of its own, e.g. namespace: 'policy', or leave namespace out for gatekeeper-system",
  }];
}

/** Values the chart hands to Gatekeeper's flags as whole numbers (`--audit-interval=60`, in seconds), read in its values.yaml. */
const WHOLE_NUMBER_VALUES = ['auditInterval', 'constraintViolationsLimit', 'auditChunkSize'] as const;
/** Values the chart writes as its webhook configurations' `timeoutSeconds`, which the API server takes from 1 to 30. */
const WEBHOOK_TIMEOUT_VALUES = ['validatingWebhookTimeoutSeconds', 'mutatingWebhookTimeoutSeconds'] as const;

/**
 * Values of the chart that Gatekeeper reads as whole numbers, written another way: a duration (`auditInterval:
 * '60s'`), which its flag parser refuses so that the pods never start, or a webhook timeout the API server
 * refuses (above 30 seconds, or with a unit). Pure.
 */
function gatekeeperValuesProblems(values: Record<string, unknown>): PropProblem[] {
  const whole = (value: unknown) => typeof value === 'number' ? Number.isInteger(value) && value >= 0 : typeof value === 'string' && /^\d+$/.test(value);
  const asSeconds = (value: unknown) => {
    const milliseconds = typeof value === 'string' ? parsedGoDuration(value.trim()) : undefined;
    return milliseconds === undefined ? undefined : Math.round(milliseconds / 1000);
  };
  const numbers = WHOLE_NUMBER_VALUES.flatMap((key) => values[key] === undefined || whole(values[key]) ? [] : [{
    field: key,
    message: `${key} is ${JSON.stringify(values[key])}, which the chart hands to Gatekeeper's flag --${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} that takes a whole number${key === 'auditInterval' ? ' of seconds' : ''}: the flag is refused and Gatekeeper's pods never start`,
    hint: key === 'auditInterval' && asSeconds(values[key]) !== undefined ? `write the seconds as a number: auditInterval: ${asSeconds(values[key])}` : `write a whole number without a unit, e.g. ${key}: 60`,
  }]);
  const timeouts = WEBHOOK_TIMEOUT_VALUES.flatMap((key) => {
    const value = values[key];
    return value === undefined || typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 30 ? [] : [{
      field: key,
      message: `${key} is ${JSON.stringify(value)}; the chart writes it as the webhook configuration's timeoutSeconds, which the API server takes as a whole number of seconds from 1 to 30, so the release fails to install`,
      hint: `write a number of seconds from 1 to 30${asSeconds(value) !== undefined && asSeconds(value)! <= 30 ? `: ${key}: ${asSeconds(value)}` : ', e.g. 3'}`,
    }];
  });
  return [...numbers, ...timeouts];
}

function gatekeeperComponent(options: GatekeeperOptions): PlatformComponentProps {
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
    resources: {
      setAt: partValuesKeys(GATEKEEPER_PARTS),
      chartDefault: 'the jobs of its install hooks (CRD upgrade, namespace labels, webhook probe) keep the chart\'s own resources',
    },
    description: 'OPA Gatekeeper: Rego admission policies (ConstraintTemplates and their constraints)',
    valuesProblems: gatekeeperValuesProblems,
    namespace: options.namespace ?? 'gatekeeper-system',
    network: servesPorts(
      { port: 8443, purpose: 'admission webhook of the controller manager, called by the API server (often from the host network)' },
      { port: 8888, purpose: 'metrics of the controller manager and the audit' },
      { port: 9090, purpose: 'health of the controller manager and the audit, checked by the kubelet' },
    ),
    install: {
      type: 'helm',
      chart: { repository: 'https://open-policy-agent.github.io/gatekeeper/charts', chart: 'gatekeeper', version: GATEKEEPER_PINS.chart },
      values: withPartResources({
        replicas: 2,
        // Policies are delivered from Git; the audit still reports objects that predate a constraint.
        auditInterval: 300,
        // A failing webhook must not stop the cluster's own namespaces from healing: the flag allows the
        // label, the install job sets it.
        controllerManager: { exemptNamespaces: [...GATEKEEPER_EXEMPT_NAMESPACES] },
        postInstall: { labelNamespace: { extraNamespaces: [...GATEKEEPER_EXEMPT_NAMESPACES] } },
      }, GATEKEEPER_PARTS, options.resources),
    },
    crds,
  };
}
