import { Construct, IConstruct } from 'constructs';
import { ClusterChart } from '../platform/cluster-chart';
import { Finding } from './finding';
import { InputError } from './input-error';
import { inventoryObjects } from './inventory-problems';

/** Set to `1` to print the stack of an error raised while constructs were built. */
export const DEBUG_VARIABLE = 'HOMELAB_DEBUG';

/** The construct built last under `root`: where a construct that threw was being built. */
export function lastBuiltConstruct(root: IConstruct): IConstruct {
  let current = root;
  for (;;) {
    const children = current.node.children;
    if (children.length === 0) {
      return current;
    }
    current = children[children.length - 1];
  }
}

/**
 * The finding for an error thrown while constructs were built or synthesized. An `InputError` names its
 * field and hint; any other error (a `TypeError` from a prop of the wrong type, an error of a library
 * underneath) is reported against the construct that was being built, with its message and no stack.
 */
export function constructionFinding(root: IConstruct, error: unknown, during: 'build' | 'synth'): Finding {
  const input = error instanceof InputError ? error : undefined;
  const scope = input?.scope ?? lastBuiltConstruct(root);
  const message = error instanceof Error ? error.message : String(error);
  const constructPath = scope.node.path || '(app)';
  if (input) {
    return { layer: 'props', severity: 'error', constructPath, field: input.field, message: input.message, hint: input.hint };
  }
  return {
    layer: 'props', severity: 'error', constructPath, field: 'props',
    message: `${during === 'build' ? 'building this construct' : 'synthesizing this construct'} failed: ${message}`,
    hint: 'check the props given to this construct (a value of the wrong type or a missing one shows like this); '
      + `if they are right, run again with ${DEBUG_VARIABLE}=1 and report the stack trace as a bug of cdk8s-homelab`,
  };
}

/**
 * Findings that a partly built tree holds already: problems constructs reported about their props and
 * problems in the inventory of every cluster chart that got far enough to know its site.
 */
export function partialTreeFindings(root: IConstruct): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<object>();
  const visit = (construct: IConstruct) => {
    for (const entry of construct.node.metadata) {
      if (entry.type === 'cdk8s-homelab/finding') {
        findings.push({ ...(entry.data as Omit<Finding, 'constructPath'>), constructPath: construct.node.path });
      }
    }
    if (construct instanceof ClusterChart && (construct as ClusterChart).site) {
      const chart = construct as ClusterChart;
      for (const object of inventoryObjects(chart.site, chart.hosts ?? [])) {
        if (seen.has(object)) {
          continue;
        }
        seen.add(object);
        for (const problem of object.problems) {
          findings.push({ layer: 'inventory', severity: 'error', constructPath: object.inventoryPath, field: problem.field, message: problem.message, hint: problem.hint });
        }
      }
    }
    construct.node.children.forEach(visit);
  };
  visit(root);
  return findings;
}

/** Whether `value` is a construct (for messages about what was passed where a construct was expected). */
export function isConstruct(value: unknown): value is Construct {
  return Construct.isConstruct(value);
}
