import { Construct } from 'constructs';
import { ClusterChart } from '../platform/cluster-chart';
import { closestName } from '../validation/closest-name';
import { InputError } from '../validation/input-error';
import { fleetDefinitionFindings, folderMismatch } from './fleet-checks';
import { isThenable, settleQuietly } from './thenable';

/** Hands a cluster that another one reads while it is built; the folder must be in the reader's `needs`. */
export type NeededCluster = (folder: string) => ClusterChart;

/**
 * One cluster of a fleet: how to build its chart, and which source module decides when an incremental
 * synth must build it again.
 */
export interface ClusterDefinition {
  /** Output folder, `<site>/<cluster>`: the site's name and the chart's id. */
  readonly folder: string;
  /**
   * The module that builds the cluster, relative to the project root, e.g. `charts/lab/main.ts`. Put the
   * definition in that module. Incremental synth builds the cluster again when this module, or anything
   * it imports, changes; a change anywhere else that the synth bundle holds rebuilds every cluster.
   */
  readonly source: string;
  /**
   * Folders of clusters this one reads while it is built (e.g. another cluster's route names). They are
   * built first and handed to `build`, and a change to their sources rebuilds this cluster too.
   * @default - none
   */
  readonly needs?: readonly string[];
  /** Builds the cluster's chart under `site`, the construct named after its site. */
  readonly build: (site: Construct, needed: NeededCluster) => ClusterChart;
}

/** Every cluster a repository synthesizes, in the order they are built and reported. */
export interface FleetDefinition {
  /** The clusters. */
  readonly clusters: readonly ClusterDefinition[];
}

/** Builds the charts of a fleet under `scope`, on demand, each once; clusters a chart needs come first. */
export class FleetBuilder {
  private readonly charts = new Map<string, ClusterChart>();
  private readonly sites = new Map<string, Construct>();
  private readonly building = new Set<string>();
  private readonly definitions: Map<string, ClusterDefinition>;
  /** Where each folder's definition stands in the fleet, for findings about it. */
  private readonly positions: Map<string, number>;
  /** Per cluster, how many clusters that need it are still to be built. */
  private readonly readers = new Map<string, number>();
  private readonly released = new Set<string>();

  public constructor(private readonly scope: Construct, fleet: FleetDefinition) {
    this.definitions = new Map(fleet.clusters.map((definition) => [definition.folder, definition]));
    this.positions = new Map(fleet.clusters.map((definition, index) => [definition.folder, index]));
    for (const definition of fleet.clusters) {
      (definition.needs ?? []).forEach((needed) => this.readers.set(needed, (this.readers.get(needed) ?? 0) + 1));
    }
  }

  /**
   * Lets a built cluster go once no cluster still to be built needs it: it leaves the construct tree,
   * so its memory can be reclaimed.
   */
  public release(folder: string): void {
    this.released.add(folder);
    const chart = this.charts.get(folder);
    if (chart && (this.readers.get(folder) ?? 0) === 0) {
      this.charts.delete(folder);
      chart.node.scope?.node.tryRemoveChild(chart.node.id);
    }
  }

  /** Whether a cluster still to be built needs the cluster of `folder`, and so reads its tree. */
  public isReadLater(folder: string): boolean {
    return (this.readers.get(folder) ?? 0) > 0;
  }

  /**
   * Takes everything this builder built out of the tree, so that a new builder can build the fleet again
   * under the same scope. This builder is done with then: it builds nothing more.
   */
  public clear(): void {
    this.sites.forEach((site) => this.scope.node.tryRemoveChild(site.node.id));
    this.sites.clear();
    this.charts.clear();
    this.definitions.clear();
  }

  /** The chart of `folder`, built now if it was not yet. */
  public chart(folder: string): ClusterChart {
    const built = this.charts.get(folder);
    if (built) {
      return built;
    }
    const definition = this.definitions.get(folder);
    if (!definition) {
      throw new InputError(`no cluster "${folder}" in the fleet`, 'needs',
        `name clusters by their folder, one of: ${[...this.definitions.keys()].join(', ')}`, this.scope);
    }
    if (this.building.has(folder)) {
      // The cluster that closes the circle is the last one being built: its needs are reported.
      const reader = [...this.building].pop()!;
      throw new InputError(`clusters ${[...this.building, folder].join(' → ')} need each other in a circle`, this.needsField(reader),
        'a cluster can read only clusters built before it: drop one of these needs', this.scope);
    }
    (definition.needs ?? []).forEach((needed, index) => {
      if (needed === folder) {
        throw new InputError(`cluster "${folder}" needs itself`, `${this.needsField(folder)}[${index}]`,
          `drop '${folder}' from its needs: needs name the other clusters it reads, which are built before it`, this.scope);
      }
      if (!this.definitions.has(needed)) {
        const near = closestName(needed, [...this.definitions.keys()]);
        throw new InputError(`cluster "${folder}" needs "${needed}", which is no cluster of the fleet`, `${this.needsField(folder)}[${index}]`,
          near ? `did you mean '${near}'?` : `name clusters by their folder, one of: ${[...this.definitions.keys()].join(', ')}`, this.scope);
      }
    });
    this.building.add(folder);
    const needs = new Set(definition.needs ?? []);
    // A needed cluster is complete (its platform rendered) before its reader is built, whether or not
    // this run synthesizes it.
    needs.forEach((needed) => this.chart(needed).prepare());
    const needed: NeededCluster = (other) => {
      if (!needs.has(other)) {
        throw new InputError(`cluster "${folder}" reads cluster "${other}", which is not in its needs`, this.needsField(folder),
          `add '${other}' to the needs of cluster "${folder}"`, this.scope);
      }
      return this.chart(other);
    };
    const site = this.site(folder);
    const before = new Set(site.node.children);
    const returned: unknown = definition.build(site, needed);
    if (isThenable(returned)) {
      settleQuietly(returned);
      throw new InputError(`the build of cluster "${folder}" returned a promise (an async function): the cluster is written before it settles, `
        + 'so what it builds after an await would be missing from the output', `clusters[${this.positions.get(folder)}].build`,
        'make build a plain function that returns the chart, and do the asynchronous work before synth runs: '
        + 'const data = await load(); exitAfterSynth(runSynthCli(() => fleetOf(data), { … }))', this.scope);
    }
    if (!(returned instanceof ClusterChart)) {
      throw new InputError(`the build of cluster "${folder}" returned ${describe(returned)}, not the ClusterChart it built`,
        `clusters[${this.positions.get(folder)}].build`,
        `return the chart: build: (site) => new ClusterChart(site, '${folder.split('/')[1]}', { … }) (an arrow function with braces needs \`return\`)`,
        this.scope);
    }
    const chart = returned as ClusterChart;
    // Each cluster is written from its own definition: a second chart a build makes would be left out unseen.
    const extra = site.node.children.find((child) => child !== chart && !before.has(child) && child instanceof ClusterChart) as ClusterChart | undefined;
    if (extra) {
      throw new InputError(`the build of cluster "${folder}" built cluster "${extra.folder}" too, which the fleet does not list: it would be left out of the output`,
        `clusters[${this.positions.get(folder)}].build`,
        `give it a definition of its own: { folder: '${extra.folder}', source, build: (site) => new ClusterChart(site, '${extra.node.id}', { … }) }`,
        this.scope);
    }
    this.building.delete(folder);
    this.charts.set(folder, chart);
    for (const other of needs) {
      this.readers.set(other, (this.readers.get(other) ?? 1) - 1);
      if (this.released.has(other)) {
        this.release(other);
      }
    }
    return chart;
  }

  /** The field of the fleet that lists the needs of `folder`'s definition, e.g. `clusters[2].needs`. */
  private needsField(folder: string): string {
    return `${this.definitionField(folder)}.needs`;
  }

  /** The field of the fleet that holds `folder`'s definition, e.g. `clusters[2]`. */
  public definitionField(folder: string): string {
    return `clusters[${this.positions.get(folder)}]`;
  }

  private site(folder: string): Construct {
    const name = folder.split('/')[0];
    let site = this.sites.get(name);
    if (!site) {
      site = new Construct(this.scope, name);
      this.sites.set(name, site);
    }
    return site;
  }
}

/** What a build returned instead of a chart, for the message: `undefined`, `an App`, `a string`. */
function describe(value: unknown): string {
  if (value === undefined || value === null) {
    return String(value);
  }
  const name = typeof value === 'object' ? (value as object).constructor?.name || 'object' : typeof value;
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}

/**
 * Builds every cluster of a fleet under `scope`, in order, refusing what `runSynthCli` refuses in a fleet
 * it is given: a list of clusters that is wrong in itself (two definitions of one folder, where the later
 * would replace the earlier unseen), and a chart that writes to another folder than its definition names.
 */
export function buildFleet(scope: Construct, fleet: FleetDefinition): void {
  const [listed] = fleetDefinitionFindings(fleet);
  if (listed) {
    throw new InputError(listed.message, listed.field ?? 'clusters', listed.hint ?? '', scope);
  }
  const builder = new FleetBuilder(scope, fleet);
  for (const definition of fleet.clusters) {
    const chart = builder.chart(definition.folder);
    const mismatch = folderMismatch(chart, definition.folder, builder.definitionField(definition.folder));
    if (mismatch) {
      throw new InputError(mismatch.message, mismatch.field ?? 'folder', mismatch.hint ?? '', scope);
    }
  }
}
