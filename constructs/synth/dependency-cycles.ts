import type { IConstruct } from 'constructs';
import type { ConstructNote } from './collect';
import { FINDING_NOTE } from './note-types';

/** A construct of a cluster that depends on others (`node.addDependency`), with its path. */
export interface DependingConstruct {
  /** The construct. */
  readonly construct: IConstruct;
  /** Its construct path. */
  readonly path: string;
}

/**
 * Findings for dependencies among the constructs of one cluster (`a.node.addDependency(b)`) that lead back to
 * where they start: no order of applying the objects keeps such a cycle, and cdk8s' own synth refuses it. One
 * finding per cycle, on the construct of the cycle that was visited first. Linear in the dependencies: each
 * construct is entered once by one walk along them.
 */
export function dependencyCycleNotes(depending: readonly DependingConstruct[]): ConstructNote[] {
  const pathOf = new Map<IConstruct, string>(depending.map((d) => [d.construct, d.path]));
  // 1: on the walk's current way; 2: done, no cycle through it left to find.
  const state = new Map<IConstruct, 1 | 2>();
  const notes: ConstructNote[] = [];
  for (const start of depending) {
    if (state.has(start.construct)) {
      continue;
    }
    const way: IConstruct[] = [];
    const stack: Array<{ construct: IConstruct; next: IConstruct[] }> = [];
    const enter = (construct: IConstruct) => {
      state.set(construct, 1);
      way.push(construct);
      stack.push({ construct, next: construct.node.dependencies.filter((d) => pathOf.has(d)) });
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
            hint: `drop one of the addDependency calls; the objects of one output layer are applied together in any case, so a pod that `
              + 'needs another app waits for it with an init container or its readiness probe, not with an order',
          },
        });
      } else if (!state.has(next)) {
        enter(next);
      }
    }
  }
  return notes;
}
