import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { apiObjectJson, plainJsonApplies } from '../interop/api-object-json';
import { objectPatchError } from '../interop/json-patch-problems';
import { assignedLayer, GeneratedSecretSource, generatedFrom, isFilePerChild, OutputLayer, ownFolderFile } from '../platform/layout';
import { ClusterChart } from '../platform/cluster-chart';
import { ScopedError } from '../validation/input-error';
import type { TextMarks } from '../validation/text-marks';
import { thrownMessage } from '../validation/thrown-message';
import { dependencyCycleNotes, type DependingConstruct } from './dependency-cycles';
import { settledWrittenProps } from '../validation/written-props';
import { releaseObjects, releasesObjects } from './released-objects';
import { ownerActions } from './owner-action';
import { FINDING_NOTE, NOTE_TYPE_PREFIX } from './note-types';

/** A Kubernetes object as it will be written, with where it came from. */
export interface SynthesizedObject {
  /** The manifest (plain JSON data). */
  readonly manifest: Manifest;
  /** Construct path of the ApiObject. */
  readonly constructPath: string;
  /** Output file (without `.yaml`) within its layer: its app, its component, or its config scope. */
  readonly file: string;
  /** The layer the object is applied in; `sync` is the cluster folder's root. @default 'apps' */
  readonly layer?: OutputLayer;
  /**
   * The file kustomize generates the object from, a Secret written as a `secretGenerator` entry rather
   * than as a manifest. @default - written as a manifest
   */
  readonly generator?: GeneratedSecretSource;
}

/** The plain data of a Kubernetes object. */
export interface Manifest {
  /** API group and version, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** Object kind, e.g. `Deployment`. */
  readonly kind: string;
  /** Object metadata; `namespace` is absent for cluster-scoped kinds. */
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** A note a construct of this library left in its construct metadata (a finding, an external declaration). */
export interface ConstructNote {
  /** Construct path of the construct that left it. */
  readonly constructPath: string;
  /** Metadata type, e.g. `cdk8s-homelab/finding`. */
  readonly type: string;
  /** The note itself. */
  readonly data: unknown;
}

export { FINDING_NOTE, NOTE_TYPE_PREFIX } from './note-types';

/** Every object of one cluster. */
export interface SynthesizedCluster {
  /** The cluster chart. */
  readonly chart: ClusterChart;
  /** Output folder relative to `dist/`, e.g. `mobius/homelab`. */
  readonly folder: string;
  /** Its objects, in construct order. */
  readonly objects: SynthesizedObject[];
  /** Notes its constructs left (findings, external declarations), gathered in the same walk. */
  readonly notes: ConstructNote[];
  /**
   * The output file each object is written to, when the files were rendered before validation: checks
   * may then look a whole file up by its text's hash and marks. One `RenderedFile` is shared by the
   * objects of a file.
   * @default - not rendered yet
   */
  readonly renderedFiles?: ReadonlyMap<Manifest, RenderedFile>;
}

/**
 * An output file of a cluster, as rendered: what validation reads of its text, taken before the text
 * itself is written out and let go.
 */
export interface RenderedFile {
  /** Path relative to `dist/`. */
  readonly path: string;
  /** The hash of its text (see `textHash`), by which the validation cache knows a file that passed. */
  readonly textHash: string;
  /** What its text holds of the rare marks the checks look for (see `textMarks`). */
  readonly marks: TextMarks;
}

/**
 * Turns every ClusterChart under `root` into plain objects, in one walk of the construct tree that also
 * gathers the notes constructs left for validation. Each chart is prepared first (its engine renders the
 * platform). Each object is assigned to a layer and a file of it: one file per app, component or config
 * scope. Objects keep construct order (pre-order, children in the order they were added).
 */
export function collectClusters(root: IConstruct): SynthesizedCluster[] {
  const clusters: SynthesizedCluster[] = [];
  const findCharts = (construct: IConstruct, path: string): void => {
    if (construct instanceof ClusterChart) {
      clusters.push(collectCluster(construct as ClusterChart, path));
      return;
    }
    for (const child of construct.node.children) {
      findCharts(child, join(path, child.node.id));
    }
  };
  findCharts(root, root.node.path);
  return clusters;
}

/**
 * One chart's objects (see {@link collectClusters}); `chartPath` is the chart's construct path. Paths are
 * built while walking rather than asked of each node, which walks up. With `releaseObjects`, the objects
 * apps rendered then leave the construct tree (see `releaseObjectsWhenCollected`): for a run that lets the
 * whole tree go once the cluster is written, and no other cluster still reads it.
 */
export function collectCluster(chart: ClusterChart, chartPath: string, options: { readonly releaseObjects?: boolean } = {}): SynthesizedCluster {
  const { cluster, releasing } = collectedCluster(chart, chartPath);
  if (options.releaseObjects) {
    releasing.forEach(releaseObjects);
  }
  return cluster;
}

/** A collected cluster, and the constructs whose rendered objects may leave the tree. */
interface CollectedCluster {
  readonly cluster: SynthesizedCluster;
  readonly releasing: readonly IConstruct[];
}

function collectedCluster(chart: ClusterChart, chartPath: string): CollectedCluster {
  chart.prepare();
  const plain = plainJsonApplies(chart);
  const objects: SynthesizedObject[] = [];
  const notes: ConstructNote[] = [];
  const depending: DependingConstruct[] = [];
  const releasing: IConstruct[] = [];
  const takeNotes = (construct: IConstruct, path: string): void => {
    for (const entry of construct.node.metadata) {
      if (entry.type.startsWith(NOTE_TYPE_PREFIX)) {
        notes.push({ constructPath: path, type: entry.type, data: settledWrittenProps(entry.type, entry.data, path, construct) });
      }
    }
    if (hasValidations(construct)) {
      notes.push(...validationNotes(construct, path));
    }
    if (hasSlot(construct, DEPENDENCIES, DEPENDENCIES_READABLE)) {
      depending.push({ construct, path });
    }
    if (releasesObjects(construct)) {
      releasing.push(construct);
    }
  };
  const visit = (construct: IConstruct, path: string, unit: string, inherited: OutputLayer): void => {
    takeNotes(construct, path);
    const assigned = assignedLayer(construct);
    const layer = assigned ?? inherited;
    if (construct instanceof ApiObject) {
      let manifest: Manifest;
      try {
        // A patch whose path the object lacks fails deep in the patch library, or is dropped without a
        // word (remove, replace): each is checked first, to name the patch and the missing part of its path.
        const patchFailure = objectPatchError(construct);
        if (patchFailure) {
          throw patchFailure;
        }
        manifest = ((plain ? apiObjectJson(construct) : undefined) ?? construct.toJson()) as Manifest;
      } catch (error) {
        // Objects that render lazily meet their props here; the error channel needs to know whose they were.
        throw error instanceof ScopedError ? error : new ScopedError(error, construct);
      }
      const generator = generatedFrom(construct);
      objects.push(generator ? { manifest, constructPath: path, file: unit, layer, generator } : { manifest, constructPath: path, file: unit, layer });
    }
    const perChild = assigned !== undefined && isFilePerChild(construct);
    const own = ownFolderFile(construct);
    for (const child of construct.node.children) {
      visit(child, join(path, child.node.id), own ?? (perChild ? child.node.id : unit), layer);
    }
  };
  takeNotes(chart, chartPath);
  for (const child of chart.node.children) {
    visit(child, join(chartPath, child.node.id), child.node.id, 'apps');
  }
  notes.push(...dependencyCycleNotes(depending, clusterBelow));
  const cluster: SynthesizedCluster = { chart, folder: chart.folder, objects, notes };
  // The owner's steps read the whole tree (a backup step lists the claims): worked out while it is whole.
  ownerActions(cluster);
  return { cluster, releasing };
}

/**
 * Whether `construct` may hold what the constructs library keeps in `slot`, a list or set it makes only for
 * the first entry (validations, dependencies), so that the walk asks each construct for one property and
 * allocates nothing; should the slot not be where it is kept (`readable` false), every construct is asked.
 */
function hasSlot(construct: IConstruct, slot: string, readable: boolean): boolean {
  return !readable || (construct.node as unknown as Record<string, unknown>)[slot] !== undefined;
}

/** Whether `construct` may have validations added with `node.addValidation` (cdk8s' own `App.synth` runs them). */
function hasValidations(construct: IConstruct): boolean {
  return hasSlot(construct, VALIDATIONS, VALIDATIONS_READABLE);
}

/** Whether the constructs library keeps what `add` gives a node in `slot`, made by the first entry. */
function slotReadable(slot: string, add: (probe: Construct) => void): boolean {
  const probe = new Construct(undefined as unknown as Construct, 'probe');
  const before = (probe.node as unknown as Record<string, unknown>)[slot];
  add(probe);
  const after = (probe.node as unknown as Record<string, unknown>)[slot];
  return before === undefined && (Array.isArray(after) || after instanceof Set);
}

/** Where the constructs library keeps a node's validations. */
const VALIDATIONS = '_validations';
const VALIDATIONS_READABLE = slotReadable(VALIDATIONS, (probe) => probe.node.addValidation({ validate: () => [] }));
/** Where the constructs library keeps the dependencies a node was given. */
const DEPENDENCIES = '_dependencies';
const DEPENDENCIES_READABLE = slotReadable(DEPENDENCIES, (probe) => probe.node.addDependency(new Construct(undefined as unknown as Construct, 'other')));

/** The messages of a construct's validations, as findings on it; a validation that throws is one too. */
function validationNotes(construct: IConstruct, path: string): ConstructNote[] {
  const note = (message: string, hint: string): ConstructNote => ({
    constructPath: path, type: FINDING_NOTE, data: { layer: 'props', severity: 'error', field: 'validation', message, hint },
  });
  try {
    return construct.node.validate()
      .filter((message) => message !== undefined && message !== null)
      .map((message) => note(String(message), 'a validation of this construct (node.addValidation) failed: fix what it reports'));
  } catch (error) {
    return [note(`a validation of this construct threw: ${thrownMessage(error)}`,
      'fix what it reports; a validation added with node.addValidation(…) returns its messages rather than throwing')];
  }
}

/** The folder of the cluster chart `construct` lies below (the chart itself lies below none). */
function clusterBelow(construct: IConstruct): string | undefined {
  const scopes = construct.node.scopes;
  return scopes.slice(0, -1).reverse().find((scope): scope is ClusterChart => scope instanceof ClusterChart)?.folder;
}

function join(path: string, id: string): string {
  return path === '' ? id : `${path}/${id}`;
}
