import { ApiObject } from 'cdk8s';
import { App } from '../app/app';
import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';
import { manifestOf } from '../interop/api-object-json';
import { checkedPromotionProps, requiredCluster, unknownPinError } from './promotion-arguments';

/**
 * Progressive delivery across clusters by per-stage version pins: every cluster follows the same Git
 * branch, and what differs between stages is the version each one pins for the apps and components they
 * share. Promoting is a commit that copies a version from one stage to the next; the chain checks that no
 * stage runs a version newer than the stage before it.
 */

/** The release channel of one cluster: where it sits in the chain and what it follows. */
export interface ReleaseChannel {
  /** Stage name, the cluster's name, e.g. `cloud`. */
  readonly stage: string;
  /** The stage whose proven versions this one follows. @default - none: the first stage follows the branch head */
  readonly follows?: string;
  /** The Git branch the cluster syncs from; the same for every stage, because versions are pinned per stage. */
  readonly gitRef: { readonly branch: string };
  /** Version pins of this stage, by app or component name. */
  readonly pins: Readonly<Record<string, string>>;
}

/** Options of a promotion chain. */
export interface PromotionChainProps {
  /** Stages in promotion order, first to last, e.g. `['sandbox', 'cloud', 'homelab']`. */
  readonly stages: readonly string[];
  /**
   * Pinned versions by app or component name, then by stage: `{ 'uptime-kuma': { sandbox: '1.23.16',
   * cloud: '1.23.16' } }`. A stage without a pin does not run the app.
   */
  readonly pins: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The branch every stage follows. @default 'main' */
  readonly branch?: string;
}

/** A version that runs ahead of the stage before it. */
export interface PromotionViolation {
  /** App or component name. */
  readonly name: string;
  /** The later stage. */
  readonly stage: string;
  /** Its version. */
  readonly version: string;
  /** The stage before it. */
  readonly previousStage: string;
  /** The version there. */
  readonly previousVersion: string;
}

/** The suffixes of pre-releases as projects tag them; any other suffix names a variant of the release (its base image, its build). */
const PRE_RELEASE_SUFFIX = /^[-.]?(alpha|beta|rc|pre|preview|dev|snapshot|nightly|canary|next|ea|m\d)(?![a-z])/i;

/**
 * Compares two versions by their numeric parts (`v1.2.10` > `1.2.9`); a pre-release suffix (`-rc.1`, `-beta2`)
 * sorts before the release, while a variant's (`-alpine`, `-bookworm`, Bitnami's `-debian-12-r2`) is the same
 * release. Returns a negative number, zero or a positive number, or undefined when either has no numeric part.
 */
export function compareVersions(a: string, b: string): number | undefined {
  const parse = (v: string) => {
    const match = /^v?(\d+(?:\.\d+)*)(.*)$/.exec(v);
    return match ? { parts: match[1].split('.').map(Number), suffix: match[2] } : undefined;
  };
  const left = parse(a);
  const right = parse(b);
  if (!left || !right) {
    return undefined;
  }
  for (let i = 0; i < Math.max(left.parts.length, right.parts.length); i++) {
    const diff = (left.parts[i] ?? 0) - (right.parts[i] ?? 0);
    if (diff !== 0) {
      return diff;
    }
  }
  const preRelease = (s: string) => PRE_RELEASE_SUFFIX.test(s);
  if (preRelease(left.suffix) !== preRelease(right.suffix)) {
    return preRelease(left.suffix) ? -1 : 1;
  }
  return 0;
}

/**
 * The versions of `stages` that run ahead of the stage before them, for every name that both run.
 * Pure: `versions` maps stage → name → version.
 */
export function promotionViolations(
  stages: readonly string[], versions: Readonly<Record<string, Readonly<Record<string, string>>>>,
): PromotionViolation[] {
  const violations: PromotionViolation[] = [];
  stages.forEach((stage, index) => {
    if (index === 0) {
      return;
    }
    const previousStage = stages[index - 1];
    const previous = versions[previousStage] ?? {};
    for (const [name, version] of Object.entries(versions[stage] ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const previousVersion = previous[name];
      if (previousVersion !== undefined && (compareVersions(version, previousVersion) ?? 0) > 0) {
        violations.push({ name, stage, version, previousStage, previousVersion });
      }
    }
  });
  return violations;
}

/** The version tag of an image reference (`repo/name:1.2.3@sha256:…` → `1.2.3`), or undefined. */
export function imageVersion(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(colon + 1) : undefined;
}

/**
 * What a cluster runs, by name: each platform component's chart version or tag, and each app's image
 * tag (the app's main container).
 */
export function runningVersions(cluster: ClusterChart): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const component of cluster.platform.components) {
    versions[component.name] = component.version;
  }
  for (const app of cluster.node.findAll().filter((c): c is App => c instanceof App)) {
    const spec = manifestOf(app.deployment as ApiObject).spec?.template?.spec;
    const tag = imageVersion(spec?.containers?.[0]?.image ?? '');
    if (tag) {
      versions[app.name] = tag;
    }
  }
  return versions;
}

/**
 * A promotion chain of clusters (e.g. sandbox → cloud → homelab): typed per-stage version pins, and a
 * check, run when each cluster is prepared, that it runs nothing newer than the stage before it.
 */
export class PromotionChain {
  /** Stages in promotion order. */
  public readonly stages: readonly string[];
  private readonly props: PromotionChainProps;
  private readonly clusters = new Map<string, ClusterChart>();

  constructor(props: PromotionChainProps) {
    this.props = checkedPromotionProps(props);
    this.stages = props.stages;
  }

  /** The release channel of a stage. */
  public channel(stage: string): ReleaseChannel {
    const index = this.stages.indexOf(stage);
    const pins: Record<string, string> = {};
    for (const [name, byStage] of Object.entries(this.props.pins)) {
      if (byStage[stage] !== undefined) {
        pins[name] = byStage[stage];
      }
    }
    return {
      stage,
      follows: index > 0 ? this.stages[index - 1] : undefined,
      gitRef: { branch: this.props.branch ?? 'main' },
      pins,
    };
  }

  /**
   * The version `stage` pins for `name`. An unknown stage or a missing pin is a mistake of the chart that
   * asks: it throws the input error that names the pins the chain has.
   */
  public pin(name: string, stage: string): string {
    const version = typeof name === 'string' && typeof stage === 'string' && Object.hasOwn(this.props.pins, name) && Object.hasOwn(this.props.pins[name], stage) ? this.props.pins[name][stage] : undefined;
    if (version === undefined) {
      throw unknownPinError(name, stage, this.props.pins, this.stages);
    }
    return version;
  }

  /**
   * Puts `cluster` into the chain at the stage of its name. When the cluster is prepared, its pins and
   * what it actually runs are checked against the stage before it.
   */
  public attach(cluster: ClusterChart): void {
    requiredCluster(cluster);
    const stage = cluster.clusterName;
    if (!this.stages.includes(stage)) {
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'promotion',
        message: `cluster "${stage}" is not a stage of the promotion chain (${this.stages.join(' → ')})`,
        hint: 'add it to `stages`, or do not attach it',
      });
      return;
    }
    this.clusters.set(stage, cluster);
    cluster.onPrepare(() => this.check(cluster, stage));
  }

  private check(cluster: ClusterChart, stage: string): void {
    const index = this.stages.indexOf(stage);
    if (index === 0) {
      return;
    }
    const previousStage = this.stages[index - 1];
    const pinned = {
      [previousStage]: this.channel(previousStage).pins,
      [stage]: this.channel(stage).pins,
    };
    for (const v of promotionViolations([previousStage, stage], pinned)) {
      reportFinding(cluster, {
        layer: 'policy', severity: 'error', field: `promotion.pins.${v.name}`,
        message: `stage "${stage}" pins ${v.name} ${v.version}, newer than ${v.previousVersion} of stage "${previousStage}" before it`,
        hint: `promote through "${previousStage}" first: pin ${v.version} there, or keep ${v.previousVersion} here`,
      });
    }
    const previousCluster = this.clusters.get(previousStage);
    if (!previousCluster) {
      return;
    }
    const running = { [previousStage]: runningVersions(previousCluster), [stage]: runningVersions(cluster) };
    for (const v of promotionViolations([previousStage, stage], running)) {
      reportFinding(cluster, {
        layer: 'policy', severity: 'error', field: `promotion.${v.name}`,
        message: `cluster "${stage}" runs ${v.name} ${v.version}, newer than ${v.previousVersion} on "${previousStage}", the stage before it`,
        hint: `promote through "${previousStage}" first, or take the version from the chain: pin('${v.name}', '${stage}')`,
      });
    }
  }
}

/** Declares a promotion chain. */
export function promotionChain(props: PromotionChainProps): PromotionChain {
  return new PromotionChain(props);
}
