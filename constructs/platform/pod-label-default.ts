import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropShape, rejectPropProblems, requireProps } from '../validation/known-props';
import { noteNamedNamespace } from '../validation/named-namespaces';
import { qualifiedNameProblem } from '../validation/syntax';
import { LABEL_VALUE, nameProblem } from '../validation/dns-names';
import { ClusterChart } from './cluster-chart';
import { gatekeeper } from './components/gatekeeper';

/** A label that Gatekeeper gives the pods of one namespace that a tool makes without it. */
export interface PodLabelDefaultProps {
  /** Namespace whose pods are given the label. */
  readonly namespace: string;
  /** Label key set on a pod that has none, e.g. `owner`. A pod that carries the key keeps its own value. */
  readonly label: string;
  /** Value the label is given, e.g. the namespace's owner. */
  readonly value: string;
  /**
   * Only pods that carry this label key, of any value, are given the label: the key the tool writes on every
   * pod it makes (Knative Functions' `function.knative.dev/name`), so that pods written by hand are still
   * refused without the label where a constraint requires it.
   */
  readonly podsLabelled: string;
  /** Name of the Gatekeeper mutation (cluster-wide). @default `<namespace>-<label>-label` */
  readonly name?: string;
}

/** `PodLabelDefaultProps`, for callers the type checker does not see. */
const POD_LABEL_DEFAULT_PROPS_SHAPE = {
  namespace: 'namespace', label: 'string', value: 'string', podsLabelled: 'string', name: 'objectName',
} as const satisfies Record<keyof PodLabelDefaultProps, PropShape>;

/** Gatekeeper's mutation of metadata, which adds a label or annotation and never changes one that is set. */
const ASSIGN_METADATA = { apiVersion: 'mutations.gatekeeper.sh/v1', kind: 'AssignMetadata' } as const;

/**
 * Gives pods that a tool creates without a label the cluster requires (Knative Functions' `func deploy`
 * writes no `owner`) that label, through a Gatekeeper `AssignMetadata` mutation. Kubernetes calls mutating
 * webhooks before validating ones, so the pod carries the label when Gatekeeper's constraints check it.
 * Relies on Gatekeeper's mutation webhook, which its chart installs unless `disableMutation` is set.
 */
export class PodLabelDefault extends Construct {
  constructor(scope: Construct, id: string, props: PodLabelDefaultProps) {
    super(scope, id);
    requireProps(this, 'PodLabelDefault', props, POD_LABEL_DEFAULT_PROPS_SHAPE, {
      required: [
        ['namespace', 'give the namespace whose pods get the label'],
        ['label', "give the label key, e.g. label: 'owner'"],
        ['value', "give the label's value, e.g. value: 'alice'"],
        ['podsLabelled', "give the label key the tool writes on its pods, e.g. podsLabelled: 'function.knative.dev/name'"],
      ],
    });
    const keyProblem = (field: 'label' | 'podsLabelled') => {
      const problem = qualifiedNameProblem(props[field]);
      return problem === undefined ? [] : [{ field, message: `"${props[field]}" is no label key: ${problem}`, hint: "write the key as pods carry it, e.g. 'owner' or 'function.knative.dev/name'" }];
    };
    const valueProblem = nameProblem(props.value, LABEL_VALUE);
    rejectPropProblems(this, 'PodLabelDefault', [
      ...keyProblem('label'),
      ...keyProblem('podsLabelled'),
      ...(valueProblem === undefined ? [] : [{ field: 'value', message: `"${props.value}" cannot be a label value: ${valueProblem}`, hint: "write up to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, e.g. value: 'alice'" }]),
    ]);
    const cluster = ClusterChart.of(this);
    noteNamedNamespace(this, 'namespace', props.namespace, 'no pod there would be given the label');
    cluster.platform.requireFor(gatekeeper({ resources: cluster.componentResources.gatekeeper }));
    // The mutation kinds come with Gatekeeper's chart, so the mutation goes where its ConstraintTemplates go.
    new ApiObject(cluster.platform.configScope('pod-label-defaults'), `${props.namespace}-${props.label}-${id}`, {
      ...ASSIGN_METADATA,
      metadata: { name: props.name ?? `${props.namespace}-${props.label.replace(/[^a-z0-9-]/g, '-')}-label` },
      spec: {
        match: {
          scope: 'Namespaced',
          kinds: [{ apiGroups: [''], kinds: ['Pod'] }],
          namespaces: [props.namespace],
          labelSelector: { matchExpressions: [{ key: props.podsLabelled, operator: 'Exists' }] },
        },
        // Gatekeeper's path syntax quotes a key that holds dots or a slash.
        location: /^[A-Za-z0-9_-]+$/.test(props.label) ? `metadata.labels.${props.label}` : `metadata.labels."${props.label}"`,
        parameters: { assign: { value: props.value } },
      },
    });
  }
}
