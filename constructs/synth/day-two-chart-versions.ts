import { compareVersions } from '../platform/promotion';
import type { Finding } from '../validation/finding';
import type { DocumentEntry } from './documents';
import { chartInstallOf } from '../validation/chart-installs';

/**
 * Helm charts that change release line: the install object of a chart (a Flux HelmRelease, a K3s HelmChart,
 * an Argo CD Application of a chart) whose version crosses a major release (for a 0.x chart, a minor one,
 * which semantic versioning lets break as a major does), or goes back. The API server and the engine take
 * either, and Helm upgrades or rolls back the release; but a major release of a chart may rename or drop
 * values (Helm ignores a value no template reads, so the release silently loses what they set) and change
 * the objects it makes (a Deployment become a StatefulSet, a renamed Service or claim), and an older chart
 * does not undo what a newer release migrated. A warning on the version, as the change may be meant.
 */

type Doc = Record<string, any>;

/** The release line of a version: its major number, or `0.<minor>` before 1.0. */
function releaseLine(version: string): string | undefined {
  const parts = /^v?(\d+)(?:\.(\d+))?/.exec(version);
  if (!parts) {
    return undefined;
  }
  return parts[1] === '0' ? `0.${parts[2] ?? '0'}` : parts[1];
}

/** One warning per chart install of `now` whose version crosses a release line or goes back. Pure. */
export function chartVersionChanges(
  old: ReadonlyMap<string, DocumentEntry>, now: ReadonlyMap<string, DocumentEntry>, constructPaths: ReadonlyMap<string, string>, chartPath: string,
): Finding[] {
  const findings: Finding[] = [];
  for (const [id, entry] of now) {
    const doc = entry.doc as Doc;
    const after = chartInstallOf(doc);
    const before = after && chartInstallOf(old.get(id)?.doc as Doc);
    if (!after || !before || before.chart !== after.chart || before.version === after.version) {
      continue;
    }
    const order = compareVersions(after.version, before.version);
    const crosses = releaseLine(before.version) !== releaseLine(after.version);
    if (order === undefined || (order > 0 && !crosses) || order === 0) {
      continue;
    }
    const what = order < 0
      ? `goes back from ${before.version} to ${after.version}: Helm upgrades the release to the older chart, which does not undo what the newer one changed (its CRDs stay, and data its app migrated may not be read by the older app)`
      : `moves from ${before.version} to ${after.version}, across a major release: a chart's major release may rename or drop values (Helm ignores a value no template reads, so what it set is silently lost) and change the objects it makes (a workload of another kind, a renamed Service or claim)`;
    findings.push({
      layer: 'policy', severity: 'warning', constructPath: constructPaths.get(id) ?? chartPath,
      kind: String(doc.kind), namespace: doc.metadata?.namespace, name: doc.metadata?.name, field: after.field,
      message: `chart ${after.chart} ${what}`,
      hint: order < 0
        ? `if the rollback is meant, restore the app's data from a backup made before ${before.version} ran; otherwise keep version ${before.version}`
        : `read the chart's upgrade notes from ${before.version} to ${after.version} and write the values in the new release's terms before the next sync; otherwise keep version ${before.version}`,
    });
  }
  return findings;
}
