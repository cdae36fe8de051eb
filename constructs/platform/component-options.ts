import { describeValue } from '../inventory/problems';
import { checkedChoice } from '../validation/choice-props';
import type { PropProblem, PropRules, PropShape } from '../validation/known-props';
import { propProblems } from '../validation/known-props';
import type { CrdGroup, PlatformComponentProps } from './component';
import { isRolePlacement, placementCallProblem, RolePlacement } from './node-role';
import { systemNamespaceProblems } from '../validation/system-namespaces';

// A component's factory (`kubePrometheusStack({ … })`) runs before `platform.require` has a construct to
// report on. It checks its options here and, when they are wrong, hands `require` a stand-in that carries
// the problems instead of a component built from options it cannot use (which would throw, or write a
// value the chart or the API server refuses).

/** How a component's factory checks its options. */
export interface ComponentOptionsCheck<T> {
  /** The factory, for messages, e.g. `kubePrometheusStack()`. */
  readonly what: string;
  /** Name of the component the factory makes (what `require` reports under `components.<name>`). */
  readonly name: string;
  /** The shape of the options, for callers the type checker does not see. */
  readonly shape: PropShape;
  /** Options that must be set, and the like. @default - none */
  readonly rules?: PropRules;
  /** What is wrong with the values of well-shaped options (a duration, a URL), by option. @default - nothing */
  readonly values?: (options: T) => readonly PropProblem[];
  /** Options that name a StorageClass, checked against the cluster's classes at validation. @default - none */
  readonly storageClassOptions?: ReadonlyArray<keyof T & string>;
  /**
   * The CRDs the component installs. A request refused for its options still stands for them, so what needs them (a
   * ServiceMonitor under a monitoring stack whose retention is wrong) is left to the request's own findings.
   * @default - none
   */
  readonly crds?: readonly CrdGroup[];
  /**
   * The namespace the component runs in unless its `namespace` option names another. A request refused for its
   * options still stands for it, so what names the namespace (an app's `allowFrom: [{ namespace: 'monitoring' }]`,
   * a dashboard's ConfigMap there) is left to the request's own findings.
   * @default - the request stands for no namespace while it is refused
   */
  readonly namespace?: string;
}

/**
 * The component `build` makes from `options`, or, when the options are wrong, a stand-in that
 * `platform.require` reports and installs nothing of. `build` runs only on options of the right shape.
 */
export function checkedComponent<T>(options: T, check: ComponentOptionsCheck<T>, build: (options: T) => PlatformComponentProps): PlatformComponentProps {
  const shapeProblems = propProblems(check.what, options, check.shape, check.rules);
  const problems = shapeProblems.length > 0 ? shapeProblems : [...componentNamespaceProblems(options, check.name), ...check.values?.(options) ?? []];
  if (problems.length === 0) {
    return { ...build(options), ...optionTargets(options, check) };
  }
  const standIn: PlatformComponentProps = {
    name: check.name, namespace: standInNamespace(options, check, shapeProblems.length === 0 && componentNamespaceProblems(options, check.name).length === 0), description: `${check.what} with options it cannot use`,
    install: { type: 'manifests', repository: '', tag: 'v0.0.0', path: '', files: [] },
    ...(check.crds === undefined ? {} : { crds: [...check.crds] }),
  };
  return checkedChoice(standIn, check.what, undefined, {}, undefined, problems);
}

/**
 * The namespace a refused request stands for: its `namespace` option where that is well formed, else the
 * factory's default; `default` (where the repository puts nothing of its own) when the factory names none. Pure.
 */
function standInNamespace<T>(options: T, check: ComponentOptionsCheck<T>, namespaceOptionUsable: boolean): string {
  const given = (options as { readonly namespace?: unknown } | undefined)?.namespace;
  return namespaceOptionUsable && typeof given === 'string' ? given : check.namespace ?? REFUSED_REQUEST_NAMESPACE;
}

/** The namespace of a refused request that stands for none (see {@link ComponentOptionsCheck.namespace}). */
export const REFUSED_REQUEST_NAMESPACE = 'default';

/** A component's `namespace` option naming a namespace Kubernetes keeps for itself other than kube-system. Pure. */
function componentNamespaceProblems(options: unknown, name: string): PropProblem[] {
  return systemNamespaceProblems('namespace', (options as { readonly namespace?: unknown } | undefined)?.namespace, {
    whose: "the component's", kubeSystem: true,
    hint: `give the component a namespace of its own, e.g. namespace: '${name}', or leave namespace out for its default`,
  });
}

/**
 * What the options point at in the cluster, for validation to check once the cluster is known: every
 * placement option, and the options `check` says name a StorageClass. Pure.
 */
function optionTargets<T>(options: T, check: ComponentOptionsCheck<T>): Pick<PlatformComponentProps, 'placements' | 'storageClassOptions'> {
  const entries = Object.entries(options as Record<string, unknown>);
  const placements = Object.fromEntries(entries.filter(([, value]) => isRolePlacement(value))) as Record<string, RolePlacement>;
  const classes = Object.fromEntries(entries.filter(([key, value]) => (check.storageClassOptions ?? []).includes(key as keyof T & string) && typeof value === 'string')) as Record<string, string>;
  return {
    ...(Object.keys(placements).length > 0 ? { placements } : {}),
    ...(Object.keys(classes).length > 0 ? { storageClassOptions: classes } : {}),
  };
}

/** The shape of a placement option ({@link rolePlacement}, {@link hostPlacement}); its value is checked by {@link placementProblems}. */
export const PLACEMENT_SHAPE: PropShape = 'object';

/** What is wrong with a placement option: anything but a `rolePlacement(…)` or `hostPlacement(…)`. */
export function placementProblems(field: string, value: unknown): PropProblem[] {
  const misused = placementCallProblem(value);
  if (misused !== undefined) {
    return [{ field, ...misused }];
  }
  return value === undefined || isRolePlacement(value) ? [] : [{
    field, message: `${field} is ${describeValue(value)}, not a placement`,
    hint: `give ${field} rolePlacement(hosts, 'role') or hostPlacement(host)`,
  }];
}

/** A problem of `field` when `problem` says something is wrong with its value. */
export function valueProblem(field: string, problem: string | undefined, hint: string): PropProblem[] {
  return problem === undefined ? [] : [{ field, message: `${field} ${problem}`, hint }];
}
