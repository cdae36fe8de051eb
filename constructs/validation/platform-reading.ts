import type { CrdGroup } from '../platform/component';
import type { PlatformComponent } from '../platform/platform';
import type { SynthesizedCluster } from '../synth/collect';

/**
 * What the checks read of a cluster's platform, each answer worked out once per validated cluster. The
 * platform's getters derive theirs afresh on every call (the components put in dependency order, the
 * namespaces gathered and sorted), as a platform still being built needs; validation runs after collection,
 * after which nothing changes them, and dozens of checks ask, some once per object or per namespace.
 */
export class PlatformReading {
  private componentList?: readonly PlatformComponent[];
  private namespaceList?: readonly string[];
  private namespaceSet?: ReadonlySet<string>;
  private madeElsewhere?: ReadonlyMap<string, string>;
  private crdList?: readonly CrdGroup[];
  private providing?: readonly CrdGroup[];

  constructor(private readonly cluster: SynthesizedCluster) {}

  /** Every component, dependencies first, then by name (`platform.components`). */
  public get components(): readonly PlatformComponent[] {
    return this.componentList ??= this.cluster.chart.platform.components;
  }

  /** Namespaces the components run in, and the ones declared preinstalled, sorted (`platform.namespaces`). */
  public get namespaces(): readonly string[] {
    return this.namespaceList ??= this.cluster.chart.platform.namespaces;
  }

  /** Whether a component runs in `namespace`, or it is declared preinstalled (one of {@link namespaces}). */
  public hasNamespace(namespace: string): boolean {
    return (this.namespaceSet ??= new Set(this.namespaces)).has(namespace);
  }

  /** Namespaces something outside the repository makes, with what makes each (`platform.namespacesMadeElsewhere`). */
  public get namespacesMadeElsewhere(): ReadonlyMap<string, string> {
    return this.madeElsewhere ??= this.cluster.chart.platform.namespacesMadeElsewhere;
  }

  /** The CRD groups every component, chart release and preinstalled declaration brings (`platform.crds`). */
  public get crds(): readonly CrdGroup[] {
    return this.crdList ??= this.cluster.chart.platform.crds;
  }

  /**
   * Whether a component, chart release or preinstalled declaration provides the CRD of `group`/`kind`, or a request
   * refused for its options would (`platform.providesKind`).
   */
  public providesKind(group: string, kind: string): boolean {
    this.providing ??= [...this.crds, ...this.cluster.chart.platform.refusedCrds];
    return this.providing.some((crd) => crd.group === group && crd.kinds.includes(kind));
  }
}

const READINGS = new WeakMap<SynthesizedCluster, PlatformReading>();

/** The reading of `cluster`'s platform (see {@link PlatformReading}), one per cluster validated. */
export function platformReading(cluster: SynthesizedCluster): PlatformReading {
  let reading = READINGS.get(cluster);
  if (reading === undefined) {
    reading = new PlatformReading(cluster);
    READINGS.set(cluster, reading);
  }
  return reading;
}
