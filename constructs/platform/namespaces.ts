import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { POD_SECURITY_REASONS_ANNOTATION, PodSecurityLevel, widerLevel } from '../app/security';

/** How a namespace is set up. */
export interface NamespaceOptions {
  /** Pod Security level the namespace must allow. @default 'restricted' */
  readonly podSecurity?: PodSecurityLevel;
  /** Why the namespace needs more than `restricted`; required when it does. @default - none */
  readonly reason?: string;
}

interface NamespaceState {
  readonly object: ApiObject;
  level: PodSecurityLevel;
  reasons: Set<string>;
}

/**
 * The namespaces of a cluster, each declared once, with Pod Security admission labels. A namespace
 * enforces `restricted` unless something in it declared an exemption; then it enforces the narrowest
 * level that allows it and carries the reasons as an annotation.
 */
export class Namespaces extends Construct {
  private readonly byName = new Map<string, NamespaceState>();
  private readonly leftOut = new Set<string>();

  /** Declares the namespace (once) and widens its Pod Security level when asked to. */
  public ensure(name: string, options: NamespaceOptions = {}): void {
    if (this.leftOut.has(name)) {
      return;
    }
    let state = this.byName.get(name);
    if (!state) {
      const object = new ApiObject(this, name, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      state = { object, level: 'restricted', reasons: new Set() };
      this.byName.set(name, state);
      this.applyLevel(state);
    }
    const wanted = options.podSecurity ?? 'restricted';
    if (options.reason && wanted !== 'restricted') {
      state.reasons.add(options.reason);
    }
    if (widerLevel(state.level, wanted) !== state.level) {
      state.level = wanted;
    }
    this.applyLevel(state);
  }

  /**
   * Leaves out the Namespace objects of `names`, which something outside the repository makes and owns
   * (an engine's bootstrap): a second owner from Git would take its labels away on every apply, and a
   * prune could delete it. Later declarations of them make nothing either.
   */
  public leaveOut(names: Iterable<string>): void {
    for (const name of names) {
      this.leftOut.add(name);
      if (this.byName.delete(name)) {
        this.node.tryRemoveChild(name);
      }
    }
  }

  /** Whether the namespace is declared. */
  public has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Declared namespace names, sorted. */
  public get names(): string[] {
    return [...this.byName.keys()].sort();
  }

  private applyLevel(state: NamespaceState): void {
    for (const [key, value] of Object.entries(podSecurityLabels(state.level))) {
      state.object.metadata.addLabel(key, value);
    }
    if (state.reasons.size > 0) {
      state.object.metadata.addAnnotation(POD_SECURITY_REASONS_ANNOTATION, [...state.reasons].sort().join('; '));
    }
  }
}

/** The Pod Security admission labels of a namespace that enforces `level` and warns of all that `restricted` refuses. */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  return { 'pod-security.kubernetes.io/enforce': level, 'pod-security.kubernetes.io/warn': 'restricted' };
}
