import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { POD_SECURITY_REASONS_ANNOTATION, PodSecurityLevel, widerLevel } from '../app/security';
import { SYSTEM_NAMESPACES } from '../validation/system-namespaces';
import { requiredArgument } from './component-arguments';
import { oneOf, propProblems, PropShape, rejectPropProblems } from '../validation/known-props';

/** `NamespaceOptions`, as a caller the type checker does not see may give them. */
const NAMESPACE_OPTIONS_SHAPE = {
  podSecurity: oneOf('restricted', 'baseline', 'privileged'), reason: 'string', component: 'string',
} as const satisfies Record<keyof NamespaceOptions, PropShape>;

/** The options of an `ensure` that gives none. */
const NO_OPTIONS: NamespaceOptions = Object.freeze({});

/** How a namespace is set up. */
export interface NamespaceOptions {
  /** Pod Security level the namespace must allow. @default 'restricted' */
  readonly podSecurity?: PodSecurityLevel;
  /** Why the namespace needs more than `restricted`; required when it does. @default - none */
  readonly reason?: string;
  /**
   * The platform component that asks for the level, so that a namespace its components ask different levels of
   * says which one it enforces (the widest) over which. @default - asked by no component
   */
  readonly component?: string;
}

/** The Pod Security level that what runs in a namespace needs, and why it needs more than `restricted`. */
export interface NamespaceLevel {
  /** The narrowest level that allows everything declared in the namespace. */
  readonly level: PodSecurityLevel;
  /** Why it is wider than `restricted`, sorted; empty when it is not. */
  readonly reasons: readonly string[];
}

interface NamespaceState {
  /** The Namespace object; none for a namespace something outside the repository makes. */
  object?: ApiObject;
  level: PodSecurityLevel;
  reasons: Set<string>;
  /** The level each component asked for, by component name. */
  components: Map<string, PodSecurityLevel>;
}

/**
 * The namespaces of a cluster, each declared once, with Pod Security admission labels. A namespace
 * enforces `restricted` unless something in it declared an exemption; then it enforces the narrowest
 * level that allows it and carries the reasons as an annotation. A namespace made outside the repository
 * (Kubernetes' own, an engine's bootstrap, upstream files) gets no Namespace object, but the level that
 * what runs there needs is kept ({@link levelOf}), so that its maker or owner can be told to give it.
 */
export class Namespaces extends Construct {
  private readonly byName = new Map<string, NamespaceState>();
  // Kubernetes makes its own namespaces in every cluster; owning one from Git would let a prune delete it.
  private readonly leftOut = new Set<string>(SYSTEM_NAMESPACES);

  /** Declares the namespace (once) and widens its Pod Security level when asked to. */
  public ensure(name: string, options: NamespaceOptions = NO_OPTIONS): void {
    // A level spelt otherwise (`Privileged`) would leave the namespace restricted without a word. Options left
    // out (every app's own namespace) have nothing to check.
    if (options !== NO_OPTIONS) {
      const call = `ensure(${name})`;
      rejectPropProblems(this, call, propProblems(call, options, NAMESPACE_OPTIONS_SHAPE).map((problem) => ({ ...problem, field: `${call}.${problem.field}` })));
    }
    let state = this.byName.get(name);
    if (!state) {
      const object = this.leftOut.has(name) ? undefined : new ApiObject(this, name, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      state = { object, level: 'restricted', reasons: new Set(), components: new Map() };
      this.byName.set(name, state);
    }
    const wanted = options.podSecurity ?? 'restricted';
    if (options.reason && wanted !== 'restricted') {
      state.reasons.add(options.reason);
    }
    if (options.component !== undefined) {
      state.components.set(options.component, widerLevel(state.components.get(options.component) ?? 'restricted', wanted));
    }
    state.level = widerLevel(state.level, wanted);
    this.applyLevel(state);
  }

  /**
   * Leaves out the Namespace objects of `names`, which something outside the repository makes and owns
   * (an engine's bootstrap): a second owner from Git would take its labels away on every apply, and a
   * prune could delete it. Later declarations of them make nothing either; the level they ask for is kept.
   */
  public leaveOut(names: Iterable<string>): void {
    // A single name is iterable too, letter by letter: it would leave out namespaces of one letter, without a word.
    const listed = typeof names === 'string' || typeof (names as Partial<Iterable<string>> | null)?.[Symbol.iterator] !== 'function' ? undefined : [...names];
    const example = "a list of namespace names, e.g. leaveOut(['flux-system'])";
    for (const name of requiredArgument(listed ?? names, 'leaveOut()', 'leaveOut.names', 'list', example, this) as unknown[]) {
      requiredArgument(name, 'leaveOut()', 'leaveOut.names', 'text', example, this);
    }
    for (const name of listed as string[]) {
      this.leftOut.add(name);
      const state = this.byName.get(name);
      if (state?.object) {
        this.node.tryRemoveChild(name);
        state.object = undefined;
      }
    }
  }

  /** Whether the namespace is declared as a Namespace object of the repository. */
  public has(name: string): boolean {
    return this.byName.get(name)?.object !== undefined;
  }

  /** Declared namespace names (those with a Namespace object), sorted. */
  public get names(): string[] {
    return [...this.byName].filter(([, state]) => state.object).map(([name]) => name).sort();
  }

  /** The level that what is declared in the namespace needs, with or without a Namespace object of it. */
  public levelOf(name: string): NamespaceLevel {
    const state = this.byName.get(name);
    return { level: state?.level ?? 'restricted', reasons: [...state?.reasons ?? []].sort() };
  }

  /** Names of the namespaces that are asked for but made outside the repository, sorted. */
  public get leftOutNames(): string[] {
    return [...this.byName].filter(([name]) => this.leftOut.has(name)).map(([name]) => name).sort();
  }

  private applyLevel(state: NamespaceState): void {
    if (!state.object) {
      return;
    }
    for (const [key, value] of Object.entries(podSecurityLabels(state.level))) {
      state.object.metadata.addLabel(key, value);
    }
    if (state.reasons.size > 0) {
      state.object.metadata.addAnnotation(POD_SECURITY_REASONS_ANNOTATION, [...[...state.reasons].sort(), ...narrowerAsks(state)].join('; '));
    }
  }
}

/** The Pod Security admission labels of a namespace that enforces `level` and warns of all that `restricted` refuses. */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  return { 'pod-security.kubernetes.io/enforce': level, 'pod-security.kubernetes.io/warn': 'restricted' };
}

/**
 * The components of a namespace that asked for less than another component of it, in words for its reasons: one
 * namespace has one level, the widest asked of it, and their pods run under it too. Pure.
 */
function narrowerAsks(state: NamespaceState): string[] {
  const asks = [...state.components];
  const narrower = asks.filter(([, level]) => level !== state.level).map(([name, level]) => `${name} asks for ${level}`).sort();
  if (narrower.length === 0 || !asks.some(([, level]) => level === state.level)) {
    return [];
  }
  return [`${narrower.join(', ')}: a namespace enforces one level, the widest asked of it (${state.level}), and ${narrower.length === 1 ? 'its' : 'their'} pods run under it`];
}
