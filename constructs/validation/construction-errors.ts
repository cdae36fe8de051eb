import { ApiObject, Include } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { hasDependableTrait, undependableProblem } from './undependable';
import { ClusterChart } from '../platform/cluster-chart';
import { unknownFactoryProblem } from './factory-calls';
import { fileReadProblem } from './file-errors';
import { Finding, findingsRecordedOn, reportFinding } from './finding';
import { isCutShort, isFinished, markCutShort } from './finished';
import { InputError, PropsRejected, ScopedError } from './input-error';
import { inventoryObjects } from './inventory-problems';
import { circularField, NON_JSON_HINT } from './json-values';
import { thrownMessage } from './thrown-message';
import { helmRenderProblem } from '../interop/helm-render';
import { ManifestLoadError, manifestLoadProblem, watchManifestLoads } from '../interop/include-load';

// An Include of a file that is missing or no YAML then names the file and the cause.
watchManifestLoads();

/** Set to `1` to print the stack of an error raised while constructs were built. */
export const DEBUG_VARIABLE = 'HOMELAB_DEBUG';

/** The construct built last under `root`: where a construct that threw was being built. */
export function lastBuiltConstruct(root: IConstruct): IConstruct {
  let current = root;
  for (;;) {
    const children = current.node.children;
    const last = children[children.length - 1];
    // A child added elsewhere with node.addChild was not built here (and may lead round in a circle).
    if (last === undefined || last.node.scope !== current) {
      return current;
    }
    current = last;
  }
}

/**
 * Whether `child`, a child of `parent`, was created there: a construct's scope is fixed when it is
 * created, and only `node.addChild` puts it under another parent as well (the tree then holds it twice,
 * or holds itself in a circle). Walks of the whole tree skip such children.
 */
export function isOwnChild(parent: IConstruct, child: IConstruct): boolean {
  return child.node.scope === parent;
}

/** Whether some construct under `root` (itself included) satisfies `test`; children added with node.addChild are skipped. */
export function someInTree(root: IConstruct, test: (construct: IConstruct) => boolean): boolean {
  if (test(root)) {
    return true;
  }
  for (const child of root.node.children) {
    if (isOwnChild(root, child) && someInTree(child, test)) {
      return true;
    }
  }
  return false;
}

/**
 * The finding for a construct put under a second parent with `node.addChild`, when there is one: walks
 * of the tree meet it twice, or forever when it holds itself. Looked for only once a run failed, as such
 * a tree fails the walks in the libraries underneath (a RangeError) before this library sees it.
 */
export function addedChildFinding(root: IConstruct): Finding | undefined {
  let found: { parent: IConstruct; child: IConstruct } | undefined;
  someInTree(root, (parent) => {
    const child = parent.node.children.find((c) => !isOwnChild(parent, c));
    found = child && { parent, child };
    return found !== undefined;
  });
  if (!found) {
    return undefined;
  }
  const { parent, child } = found;
  const circle = someInTree(child, (c) => c === parent);
  const where = (construct: IConstruct) => construct.node.path || 'the app';
  return {
    layer: 'props', severity: 'error', constructPath: parent.node.path || '(app)', field: 'children',
    message: `${where(child)} was added ${child === parent ? 'to itself' : `to ${where(parent)} as well`} with node.addChild`
      + `${circle ? ', which makes the tree a circle' : ', a second place in the tree'}`,
    hint: 'a construct has the one place it is created in (new X(scope, id, …)); create another construct instead of adding this one with node.addChild',
  };
}

/** The construct a chart author created that holds `scope`: the nearest one whose parent is a cluster chart. */
export function appOf(scope: IConstruct): IConstruct {
  for (let current: IConstruct | undefined = scope; current; current = current.node.scope) {
    if (current.node.scope instanceof ClusterChart) {
      return current;
    }
  }
  return scope;
}

/**
 * The finding for an error thrown while constructs were built or synthesized. An `InputError` names its
 * field and hint; any other error (a `TypeError` from a prop of the wrong type, an error of a library
 * underneath) is reported against the construct that was being built, with its message and no stack.
 */
export function constructionFinding(root: IConstruct, error: unknown, during: 'build' | 'synth'): Finding | undefined {
  const rendering = error instanceof ScopedError ? error.scope : undefined;
  if (error instanceof ScopedError) {
    error = error.cause;
  }
  if (error instanceof PropsRejected) {
    return undefined;
  }
  if (error instanceof ManifestLoadError) {
    // Include loads its file in its constructor, the construct built last.
    const { message, hint } = manifestLoadProblem(error.url, error.cause);
    return { layer: 'props', severity: 'error', constructPath: lastBuiltConstruct(root).node.path || '(app)', field: 'url', message, hint };
  }
  const duplicate = error instanceof Error ? /^There is already a Construct with name '([^']*)' in (\S+)(?: \[([^\]]*)\])?/.exec(error.message) : null;
  if (duplicate) {
    // Raised by the constructs library when a second child takes an id that is taken.
    let parent: IConstruct | undefined = lastBuiltConstruct(root);
    while (parent && !parent.node.tryFindChild(duplicate[1])) {
      parent = parent.node.scope;
    }
    if (parent !== undefined && parent.node.scope === undefined) {
      // The root's children are the clusters.
      return {
        layer: 'props', severity: 'error', constructPath: '(app)', field: `id "${duplicate[1]}"`,
        message: `two clusters are called "${duplicate[1]}"`,
        hint: "give each cluster its own id (it names the cluster's folder, dist/<site>/<id>); clusters of two sites may share one "
          + "when each is built under a construct named after its site (new Construct(app, 'cloud')), as a fleet builds them",
      };
    }
    const part = parent instanceof ClusterChart ? clusterPartIds(parent as ClusterChart).get(duplicate[1]) : undefined;
    if (part !== undefined) {
      return {
        layer: 'props', severity: 'error', constructPath: parent!.node.path, field: `id "${duplicate[1]}"`,
        message: `the id "${duplicate[1]}" is the cluster's own: it holds ${part}`,
        hint: `the cluster keeps ${part} under that id: give the app (or construct) another id, e.g. '${duplicate[1]}-app'`,
      };
    }
    const included = parent instanceof Include ? parent.node.tryFindChild(duplicate[1]) : undefined;
    if (included instanceof ApiObject) {
      // Include names each object's construct after it: the file, not the user's ids, holds the mistake.
      const namespace = included.metadata.namespace;
      return {
        layer: 'props', severity: 'error', constructPath: parent!.node.path, field: 'url',
        message: `the manifest holds two ${included.kind} objects named "${included.name}"${namespace ? ` in namespace "${namespace}"` : ''}; the cluster keeps only the one applied last`,
        hint: 'keep one of them in the file, or give each its own metadata.name',
      };
    }
    return {
      layer: 'props', severity: 'error', constructPath: parent?.node.path || duplicate[3] || '(app)', field: `id "${duplicate[1]}"`,
      message: `two constructs are called "${duplicate[1]}" in ${duplicate[3] ?? duplicate[2]}`,
      hint: 'give each construct its own id; the id names the app, its objects and its file',
    };
  }
  const undependable = error instanceof Error && / does not implement IDependable|\(reading 'Symbol\(@aws-cdk\/core\.DependableTrait\)'\)/.test(error.message) ? undependableDependency(root) : undefined;
  if (undependable !== undefined) {
    // The constructs library reads the dependencies only where synthesis orders the objects, far from the call.
    return { layer: 'props', severity: 'error', constructPath: undependable.path, ...undependableProblem(undependable.value) };
  }
  const input = error instanceof InputError ? error : undefined;
  const message = thrownMessage(error);
  const { scope, after } = blamedConstruct(root, rendering, during);
  const classObject = /can't render non-simple object of type '([^']*)'/.exec(message);
  if (classObject && during === 'synth') {
    // cdk8s writes plain data only: a value of the user's, not a failure of this library.
    return {
      layer: 'props', severity: 'error', constructPath: scope.node.path || '(app)', field: 'props',
      message: `a field of its objects holds an object of class ${classObject[1]}, which no manifest can carry`, hint: NON_JSON_HINT,
    };
  }
  const circular = during === 'synth' && error instanceof RangeError && scope instanceof ApiObject
    ? circularField((scope as unknown as { props?: unknown }).props) : undefined;
  if (circular) {
    // cdk8s resolves an object's fields recursively: one that holds its own parent never ends.
    return {
      layer: 'props', severity: 'error', constructPath: scope.node.path || '(app)', field: circular.path,
      message: `holds ${circular.parent === '' ? 'the object itself' : circular.parent}, one of its own parents: a circular structure, which no manifest can carry`,
      hint: `give ${circular.path} the data it needs as a plain value (JSON.stringify fails on such a value the same way)`,
    };
  }
  // cdk8s' toJson wraps what a value threw as it was resolved (a user's Lazy, most often).
  const resolving = during === 'synth' ? /^Failed serializing construct at path '[^']*' with name '([^']*)': (?:\w*Error: )?([\s\S]*)$/.exec(message) : null;
  if (resolving) {
    return {
      layer: 'props', severity: 'error', constructPath: scope.node.path || '(app)', field: 'props',
      message: `a value of object ${resolving[1]} failed as synth resolved it: ${resolving[2]}`,
      hint: 'a Lazy or another token among its values threw when synth asked it for its value: fix the code that produces the value; '
        + `if the object holds none, run again with ${DEBUG_VARIABLE}=1 and report the stack trace as a bug of cdk8s-homelab`,
    };
  }
  const helm = helmRenderProblem(error);
  if (helm) {
    // The Helm construct is not in the tree yet: the construct it was created in is named.
    return { layer: 'props', severity: 'error', constructPath: scope.node.path || '(app)', ...helm };
  }
  const factory = error instanceof TypeError && rendering === undefined ? unknownFactoryProblem(message) : undefined;
  if (factory) {
    // The lab's code called it before the construct it was for existed: the construct that holds that code is named.
    const chart = appOf(scope).node.scope;
    const holder = after !== undefined || !(chart instanceof ClusterChart) ? scope : chart;
    const last = after ?? scope;
    return {
      layer: 'props', severity: 'error', constructPath: holder.node.path || '(app)', field: factory.field,
      message: `${factory.message}${last !== holder ? ` (in the code after ${last.node.id})` : ''}`, hint: factory.hint,
    };
  }
  const argument = error instanceof TypeError || error instanceof Error ? CONSTRUCT_ARGUMENT_ERRORS.find((known) => known.pattern.test(message)) : undefined;
  if (argument && rendering === undefined) {
    // The construct was never added to the tree: the construct being built when it was created is blamed.
    const said = argument.pattern.exec(message)!;
    const told = (text: string | ((match: RegExpExecArray) => string)) => (typeof text === 'string' ? text : text(said));
    return { layer: 'props', severity: 'error', constructPath: scope.node.path || '(app)', field: argument.field, message: told(argument.message), hint: told(argument.hint) };
  }
  if (input) {
    // A method given something else for its scope names that value as its scope: the construct being built is blamed then.
    const constructPath = (Construct.isConstruct(input.scope) ? input.scope : scope).node.path || '(app)';
    return { layer: 'props', severity: 'error', constructPath, field: input.field, message: input.message, hint: input.hint };
  }
  const nothingBuilt = during === 'build' && rendering === undefined && root.node.children.length === 0;
  const file = fileReadProblem(error);
  if (file) {
    // A file the lab's own code reads (a config, a value), before or while the constructs were built.
    return { layer: 'props', severity: 'error', constructPath: nothingBuilt ? '(app)' : scope.node.path || '(app)', ...file };
  }
  if (nothingBuilt) {
    // Nothing was built yet: the code of a module failed as it loaded (the inventory, a site, a chart).
    const module = loadingModule(error);
    return {
      layer: 'props', severity: 'error', constructPath: '(app)', field: module ?? 'define',
      message: module ? `loading this module failed: ${message}` : `defining the lab failed before its first construct: ${message}`,
      hint: `${module ? 'its code' : 'the code that defines the lab'} failed before any construct was built (a name the inventory lacks, a typo); `
        + `run again with ${DEBUG_VARIABLE}=1 to see where`,
    };
  }
  return {
    layer: 'props', severity: 'error', constructPath: scope.node.path || '(app)', field: 'props',
    message: `${during === 'build' ? 'building this construct' : 'synthesizing this construct'} failed: ${message}`,
    hint: after
      ? `raised by this construct's own code, after its child "${after.node.id}" was complete; run again with ${DEBUG_VARIABLE}=1 to see where`
      : 'check the props given to this construct (a value of the wrong type or a missing one shows like this); '
        + `if they are right, run again with ${DEBUG_VARIABLE}=1 and report the stack trace as a bug of cdk8s-homelab`,
  };
}

/**
 * The ids under which a cluster chart keeps parts of its own (as ClusterChart names them), each with what it
 * holds: a construct of the chart's given one of them collides with that part, when it is built or when the
 * chart makes the part as it is prepared for synthesis (its GitOps engine's objects).
 */
function clusterPartIds(chart: ClusterChart): Map<string, string> {
  const ids = new Map([
    ['namespaces', 'its Namespaces'], ['platform', 'its platform components'], ['storage', 'its storage tiers'],
    ['runtime-classes', 'its RuntimeClasses'],
  ]);
  const engine = (chart as Partial<ClusterChart>).gitops;
  if (engine !== undefined) {
    ids.set(engine.name, `the objects of its GitOps engine, ${engine.name}`);
  }
  return ids;
}

/**
 * What the constructs library raises when a construct is created with an id or a scope of the wrong kind
 * (from JavaScript, or through `as any`), as the construct's own arguments say it.
 */
const CONSTRUCT_ARGUMENT_ERRORS: ReadonlyArray<{
  readonly pattern: RegExp; readonly field: string;
  readonly message: string | ((match: RegExpExecArray) => string); readonly hint: string | ((match: RegExpExecArray) => string);
}> = [
  {
    // A class called as a function, as plain JavaScript lets one write it; a bundler may prefix the class's name with `_`.
    pattern: /^Class constructor _*(\w+) cannot be invoked without 'new'$/,
    field: 'new', message: (match) => `${match[1]} was called as a function, without new, so no construct was made`,
    hint: (match) => `create it with new: new ${match[1]}(this, '<id>', { … })`,
  },
  {
    pattern: /^id\.replace is not a function$|^Only root constructs may have an empty ID$/,
    field: 'id', message: 'a construct was created with an id that is no text, or an empty one',
    hint: "give each construct a non-empty text id, its second argument: new App(this, 'web', { … }), this.namespaces.ensure('web')",
  },
  {
    pattern: /^Cannot read properties of (undefined|null) \(reading '(addChild|node)'\)$/,
    field: 'scope', message: 'a construct was created in a scope that is no construct',
    hint: 'pass the cluster chart (this) or a construct inside it as the first argument',
  },
  {
    // cdk8s' ApiObject looks for its chart as it is created.
    pattern: /^cannot find a parent chart \(directly or indirectly\)$/,
    field: 'scope', message: 'a Kubernetes object was created outside every chart, so no cluster would hold it',
    hint: "create it inside a cluster chart: new ApiObject(cluster, id, { … }) with the ClusterChart (this in its constructor), not the app",
  },
];

/**
 * The source module whose loading raised `error`, when its stack tells: bundlers such as esbuild name the
 * function that runs a module's code after the module's path (`at charts/lab/main.ts (…)`).
 */
function loadingModule(error: unknown): string | undefined {
  const stack = error instanceof Error ? error.stack ?? '' : '';
  return /^\s*at ([\w@.\/-]+\.[cm]?[jt]sx?) \(/m.exec(stack)?.[1];
}

/**
 * The construct an error raised without a construct of its own is reported on. Props belong to the
 * construct a chart author wrote (an app), not to the object it was rendering. While the tree is built,
 * an error raised after that construct was completely built came from the code of its parent that went
 * on (a chart's constructor): then the parent is blamed, and `after` names the finished construct.
 */
function blamedConstruct(root: IConstruct, rendering: IConstruct | undefined, during: 'build' | 'synth'): { scope: IConstruct; after?: IConstruct } {
  const scope = appOf(rendering ?? lastBuiltConstruct(root));
  const parent = scope.node.scope;
  if (during === 'build' && rendering === undefined && parent !== undefined && isFinished(scope)) {
    return { scope: parent, after: scope };
  }
  return { scope };
}

/**
 * Findings that a partly built tree holds already: problems constructs reported about their props as they
 * were built, and problems in the inventory of every cluster chart that got far enough to know its site.
 * Each comes from code that ran; see {@link cutShortFindings} for why nothing else is reported then.
 */
export function partialTreeFindings(root: IConstruct): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<object>();
  const visit = (construct: IConstruct) => {
    findings.push(...findingsRecordedOn(construct));
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
    construct.node.children.forEach((child) => isOwnChild(construct, child) && visit(child));
  };
  visit(root);
  return findings;
}

/**
 * Whether the build of `root` (a lab, or one cluster chart of a fleet) was cut short: an error thrown while
 * it was built was caught and recorded in it, or a construct in it rejected its props and stopped building.
 */
export function buildCutShort(root: IConstruct): boolean {
  return someInTree(root, isCutShort);
}

/**
 * What a run whose build was cut short (or whose synthesis threw) reports: the finding of the error thrown,
 * when there is one, and the findings of {@link partialTreeFindings}. The checks of the whole tree do not
 * run then: the chart's code after the throw never ran, so the calls, allow rules, namespaces and
 * dependencies it would have declared are missing, and each check that reads them would blame another
 * construct for the one mistake.
 */
export function cutShortFindings(root: IConstruct, thrown?: { readonly error: unknown; readonly during: 'build' | 'synth' }): Finding[] {
  const own = thrown === undefined ? undefined : constructionFinding(root, thrown.error, thrown.during);
  return [...(own ? [own] : []), ...partialTreeFindings(root)];
}

/** Whether `value` is a construct (for messages about what was passed where a construct was expected). */
export function isConstruct(value: unknown): value is Construct {
  return Construct.isConstruct(value);
}

/**
 * Records an error thrown while constructs were built as a finding on the construct that was being built,
 * so that `synthesize` reports it with the others (for callers that run `define` themselves). That construct
 * is marked as cut short: a run over its tree reports what {@link cutShortFindings} keeps, and writes nothing.
 */
export function recordConstructionError(root: IConstruct, error: unknown): void {
  const finding = constructionFinding(root, error, 'build');
  if (!finding) {
    // Rejected props were reported where they were found: the construct built last is the one that stopped.
    markCutShort(blamedConstruct(root, error instanceof ScopedError ? error.scope : undefined, 'build').scope);
    return;
  }
  // The finding names the construct it belongs to; the chart that called a factory the library lacks is not the one blamed otherwise.
  const named = finding.constructPath === '(app)' ? undefined
    : finding.constructPath.split('/').reduce<IConstruct | undefined>((at, id) => at?.node.tryFindChild(id), root);
  const scope = named ?? (error instanceof InputError ? error.scope : undefined)
    ?? (error instanceof ManifestLoadError ? lastBuiltConstruct(root) : undefined)
    ?? blamedConstruct(root, error instanceof ScopedError ? error.scope : undefined, 'build').scope;
  const { constructPath: _path, ...rest } = finding;
  reportFinding(scope, rest);
  markCutShort(scope);
}

/**
 * The construct under `root` given a dependency that is no construct (`node.addDependency(7)`), with that value; the
 * constructs library keeps such a value as it is and throws only where the dependencies are read. Walks the tree:
 * only on that error's path.
 */
function undependableDependency(root: IConstruct): { path: string; value: unknown } | undefined {
  for (const construct of root.node.findAll()) {
    const kept = (construct.node as unknown as { _dependencies?: Set<unknown> })._dependencies;
    // `undefined` is a value given too (a tryFindChild that found nothing): found by its place, not by itself.
    const given = kept === undefined ? [] : [...kept];
    const at = given.findIndex((d) => !hasDependableTrait(d));
    if (at >= 0) {
      return { path: construct.node.path || '(app)', value: given[at] };
    }
  }
  return undefined;
}

