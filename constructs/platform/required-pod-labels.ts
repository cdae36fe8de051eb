import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { reportFinding } from '../validation/finding';
import { PropProblem, PropShape, rejectPropProblems, requireProps } from '../validation/known-props';
import { namespaceNamed, noteNamedNamespace } from '../validation/named-namespaces';
import { qualifiedNameProblem } from '../validation/syntax';
import { DNS1123_LABEL, nameProblem } from '../validation/dns-names';
import { ClusterChart } from './cluster-chart';
import { gatekeeper, GATEKEEPER_CONSTRAINTS_GROUP } from './components/gatekeeper';
import { workloadTemplates } from './workload-templates';

/** Kind of the constraints the `k8srequiredlabels` template creates. */
export const REQUIRED_LABELS_KIND = 'K8sRequiredLabels';

/** The Rego of the `k8srequiredlabels` ConstraintTemplate: every label the constraint names must be set. */
export const REQUIRED_LABELS_REGO = `package k8srequiredlabels
violation[{"msg": msg}] {
  provided := {label | input.review.object.metadata.labels[label]}
  required := {label | label := input.parameters.labels[_]}
  missing := required - provided
  count(missing) > 0
  msg := sprintf("Missing required labels: %v", [missing])
}
`;

/** Labels every pod of the cluster must carry. */
export interface RequiredPodLabelsProps {
  /** Label keys every pod template must set, e.g. `['owner']`. */
  readonly labels: string[];
  /**
   * Name of the Gatekeeper constraint, at most 63 characters (Gatekeeper's constraint CRDs take no longer name).
   * @default `require-<name of the first label>-label`, the label's name without its prefix, in lower case
   */
  readonly constraintName?: string;
  /**
   * Namespaces the admission constraint applies to: names, or a prefix ending in `*` as Gatekeeper's
   * `match.namespaces` takes it (`peers-*` for `peers-alice`, `peers-bob`). Pods made by charts and operators
   * in other namespaces are not refused; every pod template this library renders is checked at synth wherever it runs.
   * A namespace of the cluster's platform (a component's, the GitOps engine's, `kube-system`) is an error:
   * its pods come from charts and installs that carry no such label, and would be refused as they restart.
   * @default - every namespace but those of the cluster's platform, which the constraint excludes by name
   */
  readonly namespaces?: string[];
}

/**
 * What is wrong with an entry of `namespaces`: Gatekeeper takes a namespace name or a prefix of one ending
 * in `*`; any other glob or a regular expression matches no namespace as written. Pure.
 */
export function namespacePatternProblem(entry: string): { message: string; hint: string } | undefined {
  const prefix = entry.endsWith('*') ? entry.slice(0, -1) : entry;
  if (prefix !== '' && !/[*?[\]^$.]/.test(prefix)) {
    // A name, or a prefix: checked as the shortest namespace it could begin.
    const problem = nameProblem(entry.endsWith('*') ? `${prefix}x` : prefix, DNS1123_LABEL);
    return problem === undefined ? undefined : {
      message: `"${entry}" is no namespace ${entry.endsWith('*') ? 'prefix' : 'name'}: lower-case letters, digits and '-', starting with a letter or digit`,
      hint: `write it as the namespaces are named, e.g. '${entry.toLowerCase()}'`,
    };
  }
  // A regular expression (`^peers-.*$`) or a one-character glob (`peers-?`) at the end, written as Gatekeeper's prefix.
  const meant = entry.replace(/^\^|\$$/g, '').replace(/\.\*$|\?$|\[[^\]]*\]$/, '*');
  return {
    message: `"${entry}" is a pattern Gatekeeper does not read: match.namespaces takes a namespace name, or a prefix of one ending in '*'`,
    hint: `list the namespaces, or their common prefix with one '*' at its end${meant !== entry && namespacePatternProblem(meant) === undefined ? `, e.g. '${meant}'` : " (e.g. 'peers-*')"}`,
  };
}

/** The longest name Gatekeeper's constraint CRDs accept for a constraint. */
export const CONSTRAINT_NAME_MAX_LENGTH = 63;

/**
 * The constraint's name when `constraintName` is left out: after the name of label key `label`, without its
 * prefix (`example.com/Team` gives `require-team-label`), as an object name takes it. Pure.
 */
export function defaultConstraintName(label: string): string {
  const name = label.slice(label.lastIndexOf('/') + 1).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return `require-${name}-label`;
}

/**
 * What is wrong with the constraint's name `name`, given as `constraintName` or else made from the first
 * label key `label`: a length Gatekeeper's constraint CRD refuses. Pure.
 */
function constraintNameProblems(name: string, given: boolean, label: string): PropProblem[] {
  if (name.length <= CONSTRAINT_NAME_MAX_LENGTH) {
    return [];
  }
  const made = defaultConstraintName(label);
  const shorter = made.length <= CONSTRAINT_NAME_MAX_LENGTH ? made : `${made.slice(0, CONSTRAINT_NAME_MAX_LENGTH - '-label'.length).replace(/-+$/, '')}-label`;
  return [{
    field: 'constraintName',
    message: `${given ? 'the constraint name' : `the constraint name made from label "${label}"`} "${name}" has ${name.length} characters, `
      + `and Gatekeeper's constraint CRD refuses a name of more than ${CONSTRAINT_NAME_MAX_LENGTH}`,
    hint: `give constraintName of at most ${CONSTRAINT_NAME_MAX_LENGTH} characters, e.g. constraintName: '${shorter}'`,
  }];
}

/** `RequiredPodLabelsProps`, for callers the type checker does not see. */
const REQUIRED_POD_LABELS_PROPS_SHAPE = {
  labels: 'strings', constraintName: 'objectName', namespaces: { '[]': 'string' },
} as const satisfies Record<keyof RequiredPodLabelsProps, PropShape>;

/**
 * A cluster-wide rule that pods carry some labels (an `owner`), enforced twice: at synth, every pod
 * template the cluster renders is checked and one without the labels is an error; in the cluster,
 * OPA Gatekeeper refuses such pods through the `k8srequiredlabels` ConstraintTemplate (config layer) and
 * a constraint (apps layer, once Gatekeeper has made its kind from the template).
 */
export class RequiredPodLabels extends Construct {
  /** The required label keys. */
  public readonly labels: readonly string[];

  constructor(scope: Construct, id: string, props: RequiredPodLabelsProps) {
    super(scope, id);
    requireProps(this, 'RequiredPodLabels', props, REQUIRED_POD_LABELS_PROPS_SHAPE, {
      required: [['labels', "list the label keys every pod must carry, e.g. labels: ['owner']"]],
      unique: ['labels', 'namespaces'],
    });
    const constraintName = props.constraintName ?? defaultConstraintName(props.labels[0] ?? '');
    rejectPropProblems(this, 'RequiredPodLabels', [
      ...(props.labels.length === 0 ? [{ field: 'labels', message: 'no label is required, so the rule would refuse nothing', hint: "list the label keys, e.g. labels: ['owner']" }] : []),
      ...props.labels.flatMap((label, i) => {
        const problem = qualifiedNameProblem(label);
        return problem ? [{ field: `labels[${i}]`, message: `"${label}" is no label key: ${problem}`, hint: "write the key as pods carry it, e.g. 'owner' or 'example.com/team'" }] : [];
      }),
      ...(props.namespaces ?? []).flatMap((namespace, i) => {
        const problem = namespacePatternProblem(namespace);
        return problem ? [{ field: `namespaces[${i}]`, ...problem }] : [];
      }),
      ...(props.labels.length === 0 ? [] : constraintNameProblems(constraintName, props.constraintName !== undefined, props.labels[0])),
    ]);
    const cluster = ClusterChart.of(this);
    (props.namespaces ?? []).forEach((namespace, i) => noteNamedNamespace(this, `namespaces[${i}]`, namespace, 'the rule would apply to no pod there'));
    this.labels = props.labels;
    // Gatekeeper asked for before, in a namespace and of sizes of the lab's choosing, stays as it is.
    cluster.platform.requireFor(gatekeeper({ constraintKinds: [REQUIRED_LABELS_KIND], resources: cluster.componentResources.gatekeeper }));
    const config = cluster.platform.configScope('required-pod-labels');
    new ApiObject(config, 'template', {
      apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate',
      metadata: { name: 'k8srequiredlabels' },
      spec: {
        crd: { spec: { names: { kind: REQUIRED_LABELS_KIND }, validation: { openAPIV3Schema: { type: 'object', properties: { labels: { type: 'array', items: { type: 'string' } } } } } } },
        targets: [{ target: 'admission.k8s.gatekeeper.sh', rego: REQUIRED_LABELS_REGO }],
      },
    });
    // Gatekeeper makes the constraint's kind from the template, so the constraint follows in the apps layer.
    const constraint = new ApiObject(this, 'constraint', {
      apiVersion: `${GATEKEEPER_CONSTRAINTS_GROUP}/v1beta1`, kind: REQUIRED_LABELS_KIND,
      metadata: { name: constraintName },
      spec: {
        match: {
          kinds: [{ apiGroups: [''], kinds: ['Pod'] }],
          ...(props.namespaces ? { namespaces: [...props.namespaces].sort() } : {}),
        },
        parameters: { labels: props.labels },
      },
    });
    // After every other hook, so workloads rendered in hooks are checked too, and components required there are known.
    cluster.onPrepare(() => cluster.onPrepare(() => {
      this.check(cluster);
      this.keepOffPlatform(cluster, constraint, props.namespaces);
    }));
  }

  /**
   * Keeps the constraint off the namespaces of the cluster's platform, whose pods come from charts, upstream
   * files and the engine's bootstrap, with labels the library does not choose: a rule over every namespace
   * excludes them by name, and one that lists such a namespace is an error on the entry.
   */
  private keepOffPlatform(cluster: ClusterChart, constraint: ApiObject, namespaces: readonly string[] | undefined): void {
    const platform = platformNamespaces(cluster);
    if (namespaces === undefined) {
      constraint.addJsonPatch(JsonPatch.add('/spec/match/excludedNamespaces', [...platform.keys()].sort()));
      return;
    }
    namespaces.forEach((pattern, i) => {
      const held = [...platform].filter(([namespace]) => namespaceNamed(pattern, namespace));
      if (held.length === 0) {
        return;
      }
      reportFinding(this, {
        layer: 'policy', severity: 'error', field: `namespaces[${i}]`,
        message: `${held.map(([namespace, what]) => `namespace ${namespace} holds the pods of ${what}`).join('; ')}, made without the label${this.labels.length > 1 ? 's' : ''} ${this.labels.join(', ')}: Gatekeeper would refuse them as they restart`,
        hint: `leave ${held.map(([namespace]) => namespace).join(', ')} out of namespaces (synth still checks every pod template the repository renders there), or leave namespaces out, which enforces the rule everywhere but the platform's namespaces`,
      });
    });
  }

  private check(cluster: ClusterChart): void {
    for (const template of workloadTemplates(cluster)) {
      for (const label of this.labels) {
        if (!template.labels[label]) {
          reportFinding(template.object, {
            layer: 'policy', severity: 'error', field: `${template.path}.metadata.labels.${label}`,
            message: `${template.kind} ${template.namespace}/${template.name} has no "${label}" label on its pods, which cluster "${cluster.clusterName}" requires`,
            hint: `set labels: { ${label}: '…' } on the workload (a Tenant's \`labels\` carry its owner)`,
          });
        }
      }
    }
  }
}

/**
 * The namespaces of the cluster's platform, each with what runs pods there: its components' (a chart's or
 * upstream files' pods) and those made outside the repository (the engine's bootstrap, `kube-system`), but
 * `default`, which holds the lab's own workloads if any. Pure.
 */
function platformNamespaces(cluster: ClusterChart): Map<string, string> {
  const found = new Map<string, string>();
  for (const component of cluster.platform.components) {
    const named = found.get(component.namespace);
    found.set(component.namespace, named === undefined ? `component ${component.name}` : `${named}, ${component.name}`);
  }
  for (const [namespace, source] of cluster.platform.namespacesMadeElsewhere) {
    if (namespace !== 'default' && !found.has(namespace)) {
      found.set(namespace, source);
    }
  }
  return found;
}
