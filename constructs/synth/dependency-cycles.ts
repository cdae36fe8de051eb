import { Dependable, type IConstruct } from 'constructs';
import type { ConstructNote } from './collect';
import { FINDING_NOTE } from './note-types';
import { undependableProblem } from '../validation/undependable';

/** A construct of a cluster that depends on others (`node.addDependency`), with its path. */
export interface DependingConstruct {
  /** The construct. */
  readonly construct: IConstruct;
  /** Its construct path. */
  readonly path: string;
}

/** Where the constructs library keeps what `node.addDependency` was given, as given. */
const GIVEN_DEPENDENCIES = '_dependencies';

/**
 * The constructs `construct` was given to depend on, and the entries that are none (`undefined` from a
 * `tryFindChild` that found nothing, a name as text): `node.dependencies` throws a TypeError on such an entry.
 */
function givenDependencies(construct: IConstruct): { readonly roots: IConstruct[]; readonly strays: unknown[] } {
  const given = (construct.node as unknown as Record<string, unknown>)[GIVEN_DEPENDENCIES];
  const entries: unknown[] = given instanceof Set || Array.isArray(given) ? [...given] : [];
  const roots: IConstruct[] = [];
  const strays: unknown[] = [];
  for (const entry of entries) {
    try {
      roots.push(...Dependable.of(entry as IConstruct).dependencyRoots);
    } catch {
      strays.push(entry);
    }
  }
  return { roots, strays };
}

function dependencyNote(path: string, problem: { readonly field: string; readonly message: string; readonly hint: string }): ConstructNote {
  return { constructPath: path, type: FINDING_NOTE, data: { layer: 'props', severity: 'error', ...problem } };
}

/** How a pod that needs what another app serves waits for it, for the hints. */
const WAIT_INSTEAD = 'a pod that needs another app waits for it with an init container or its readiness probe, not with an order';

/**
 * Findings for dependencies among the constructs of one cluster (`a.node.addDependency(b)`) that lead back to
 * where they start: no order of applying the objects keeps such a cycle, and cdk8s' own synth refuses it. One
 * finding per cycle, on the construct of the cycle that was visited first. A dependency given no construct, or
 * a construct of another cluster (`clusterOf` names the folder of the cluster a construct lies below, not the
 * cluster chart itself), is a finding on the construct given it: each cluster's engine applies its own folder,
 * and no order among clusters is kept. Linear in the dependencies: each construct is entered once by one walk
 * along them.
 */
export function dependencyCycleNotes(
  depending: readonly DependingConstruct[], clusterOf: (construct: IConstruct) => string | undefined = () => undefined,
): ConstructNote[] {
  const pathOf = new Map<IConstruct, string>(depending.map((d) => [d.construct, d.path]));
  const notes: ConstructNote[] = [];
  const within = new Map<IConstruct, IConstruct[]>();
  for (const { construct, path } of depending) {
    const { roots, strays } = givenDependencies(construct);
    const own = clusterOf(construct);
    // A cluster chart's own dependencies (`chart.addDependency(other)`) are cdk8s' order of charts, not of objects.
    const elsewhere = own === undefined ? [] : roots.filter((root) => clusterOf(root) !== own);
    notes.push(...strays.map((stray) => dependencyNote(path, undependableProblem(stray))));
    notes.push(...elsewhere.map((root) => dependencyNote(path, {
      field: 'addDependency',
      message: `this construct of cluster ${own} depends on ${root.node.path}${clusterOf(root) === undefined ? ', which is in no cluster' : `, of cluster ${clusterOf(root)}`}: `
        + "each cluster's GitOps engine applies its own folder alone, so no order between clusters is kept",
      hint: `drop the addDependency; ${WAIT_INSTEAD}`,
    })));
    within.set(construct, roots.filter((root) => pathOf.has(root)));
  }
  // 1: on the walk's current way; 2: done, no cycle through it left to find.
  const state = new Map<IConstruct, 1 | 2>();
  for (const start of depending) {
    if (state.has(start.construct)) {
      continue;
    }
    const way: IConstruct[] = [];
    const stack: Array<{ construct: IConstruct; next: IConstruct[] }> = [];
    const enter = (construct: IConstruct) => {
      state.set(construct, 1);
      way.push(construct);
      stack.push({ construct, next: [...within.get(construct) ?? []] });
    };
    enter(start.construct);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const next = top.next.pop();
      if (next === undefined) {
        state.set(top.construct, 2);
        stack.pop();
        way.pop();
      } else if (state.get(next) === 1) {
        const cycle = [...way.slice(way.indexOf(next)), next].map((c) => pathOf.get(c)!);
        notes.push({
          constructPath: cycle[0], type: FINDING_NOTE,
          data: {
            layer: 'props', severity: 'error', field: 'addDependency',
            message: `a cycle of dependencies: ${cycle.join(', which depends on ')}; no order of applying them keeps it`,
            hint: `drop one of the addDependency calls; the objects of one output layer are applied together in any case, so ${WAIT_INSTEAD}`,
          },
        });
      } else if (!state.has(next)) {
        enter(next);
      }
    }
  }
  return notes;
}
