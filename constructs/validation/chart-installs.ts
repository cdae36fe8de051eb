import { load } from 'js-yaml';
import type { AddFinding } from './manifest';

/**
 * The chart installs that engines resolve by version: a Flux HelmRelease, a K3s HelmChart and an Argo CD
 * Application of a chart, each naming its chart and the version (or range) the engine resolves with Helm's
 * semantic-versioning rules.
 */

/** The chart an install object names, its version as written, and the field that holds the version. */
export interface ChartInstallVersion {
  readonly chart: string;
  readonly version: string;
  readonly field: string;
}

/** Where an install object of each kind (by `apiVersion` group and kind) holds its chart and version; undefined for any other object. Pure. */
export function chartInstallOf(doc: { readonly apiVersion?: unknown; readonly kind?: unknown; readonly spec?: unknown } | undefined): ChartInstallVersion | undefined {
  const group = typeof doc?.apiVersion === 'string' ? doc.apiVersion.split('/')[0] : '';
  const spec = (doc?.spec ?? {}) as Record<string, any>;
  const found = (chart: unknown, version: unknown, field: string) =>
    (typeof chart === 'string' && typeof version === 'string' ? { chart, version, field } : undefined);
  if (group === 'helm.toolkit.fluxcd.io' && doc!.kind === 'HelmRelease') {
    return found(spec.chart?.spec?.chart, spec.chart?.spec?.version, 'spec.chart.spec.version');
  }
  if (group === 'helm.cattle.io' && doc!.kind === 'HelmChart') {
    return found(spec.chart, spec.version, 'spec.version');
  }
  if (group === 'argoproj.io' && doc!.kind === 'Application') {
    return found(spec.source?.chart, spec.source?.targetRevision, 'spec.source.targetRevision');
  }
  return undefined;
}

/** The Helm values an install object gives its chart, as an object (for the install objects {@link chartInstallOf} reads): Flux's `spec.values`, Argo CD's `helm.valuesObject` or `helm.values`, K3s' `valuesContent`. */
export function chartInstallValues(manifest: object): unknown {
  const { kind, spec: given } = manifest as { kind?: unknown; spec?: unknown };
  const spec = (given ?? {}) as Record<string, any>;
  const helm = (spec.source?.helm ?? {}) as Record<string, unknown>;
  const written = kind === 'HelmRelease' ? spec.values : kind === 'Application' ? helm.valuesObject ?? helm.values : spec.valuesContent;
  if (typeof written !== 'string') {
    return written;
  }
  try {
    return load(written);
  } catch {
    return undefined; // values that are no YAML are the install's own error
  }
}

/** A version as semantic-versioning constraints read it: `v` optional, `x`, `X` and `*` for any number. */
const VERSION = String.raw`v?[0-9xX*]+(?:\.[0-9xX*]+){0,2}(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?`;
const OPERATOR = String.raw`!=|>=|=>|<=|=<|~>|[=<>~^]`;
const TERM = new RegExp(`^(?:${OPERATOR})?${VERSION}$`);
const WHOLE_VERSION = new RegExp(`^${VERSION}$`);
/** An operator and the blanks after it, which a term may have (`>= 1.2`). Global: `replace` starts each use at the start. */
const OPERATOR_THEN_BLANKS = new RegExp(`(${OPERATOR})\\s+`, 'g');
const RANGE_OF_TWO = /^\s*(\S+)\s+-\s+(\S+)\s*$/;

/**
 * Whether Helm, Flux and Argo CD (all on Masterminds semver) read `text` as a version or a range: terms of an
 * optional operator and a version, joined by commas or blanks, groups joined by `||`, or `a - b`. `latest`,
 * `stable` or a branch name is neither, and each engine fails to resolve it. Pure.
 */
export function isVersionOrRange(text: string): boolean {
  if (text.trim() === '') {
    return true; // no version: the newest release, as each engine reads it
  }
  // Most installs pin one release (`1.2.3`): a single version is one term, and needs no reading of groups.
  if (WHOLE_VERSION.test(text)) {
    return true;
  }
  return text.split('||').every((group) => {
    const hyphen = RANGE_OF_TWO.exec(group);
    if (hyphen) {
      return WHOLE_VERSION.test(hyphen[1]) && WHOLE_VERSION.test(hyphen[2]);
    }
    const terms = group.replace(OPERATOR_THEN_BLANKS, '$1').split(/[\s,]+/).filter((term) => term !== '');
    return terms.length > 0 && terms.every((term) => TERM.test(term));
  });
}

/** The engine that resolves each install object's version, for messages. */
const ENGINE_OF: Readonly<Record<string, string>> = { HelmRelease: 'Flux', HelmChart: "K3s' helm-controller", Application: 'Argo CD' };

/**
 * Reports the version of a chart install object that is neither a version nor a range (`latest`, `stable`,
 * a branch): the engine cannot resolve it, and the chart is never installed. Pure: reports through `add`.
 */
export function checkChartInstallVersion(manifest: { readonly apiVersion?: unknown; readonly kind?: unknown; readonly spec?: unknown }, add: AddFinding): void {
  const install = chartInstallOf(manifest);
  if (install === undefined || isVersionOrRange(install.version)) {
    return;
  }
  add(install.field, `chart ${install.chart} at version "${install.version}", which is neither a release nor a range: `
    + `${ENGINE_OF[String(manifest.kind)] ?? 'the engine'} resolves it with Helm's semantic-versioning rules, fails, and never installs the chart`,
  `pin one release of the chart as its repository lists it (helm search repo ${install.chart} --versions), e.g. 1.2.3`);
}
