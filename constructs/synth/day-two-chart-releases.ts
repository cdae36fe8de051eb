import { keptWhenRemoved } from '../platform/engine-marks';
import { chartInstallOf } from '../validation/chart-installs';
import type { Finding } from '../validation/finding';
import type { DocumentEntry } from './documents';

/**
 * Chart installs that leave the output: a Flux HelmRelease or a K3s HelmChart whose deletion uninstalls its
 * Helm release. Helm deletes every object the release's templates made, the claims among them and, with a
 * class that reclaims with `Delete`, their data; a StatefulSet's claims, which its controller made, stay. An
 * install renamed or moved to another namespace is such a removal too: the new name installs a new release
 * whose claims start empty. An Argo CD Application is not among them (the library's carry no resources
 * finalizer, so what they applied keeps running), nor an install marked to be kept when removed.
 */

type Doc = Record<string, any>;

/** What deletes each kind of install, and so uninstalls its release. */
const UNINSTALLED_BY: Readonly<Record<string, string>> = { HelmRelease: "Flux's helm-controller", HelmChart: "K3s' helm-controller" };

/** The namespace a release's objects live in: the install's target namespace, else its own. */
function releaseNamespace(doc: Doc): string {
  const target = doc.spec?.targetNamespace;
  return typeof target === 'string' && target !== '' ? target : String(doc.metadata?.namespace ?? 'default');
}

/** One warning per chart install of `old` that `now` no longer holds. Pure. */
export function chartReleasesLeaving(old: ReadonlyMap<string, DocumentEntry>, now: ReadonlyMap<string, DocumentEntry>, chartPath: string): Finding[] {
  const arriving = [...now].filter(([id]) => !old.has(id)).map(([, entry]) => entry.doc as Doc);
  const findings: Finding[] = [];
  for (const [id, entry] of old) {
    const doc = entry.doc as Doc;
    const install = now.has(id) ? undefined : chartInstallOf(doc);
    const by = install && UNINSTALLED_BY[String(doc.kind)];
    if (!install || !by || keptWhenRemoved(doc.metadata)) {
      continue;
    }
    const namespace = releaseNamespace(doc);
    const name = String(doc.metadata?.name);
    const successor = arriving.find((other) => other.kind === doc.kind && chartInstallOf(other)?.chart === install.chart);
    const list = `kubectl -n ${namespace} get persistentvolumeclaim`;
    findings.push({
      layer: 'policy', severity: 'warning', constructPath: chartPath, kind: String(doc.kind), namespace: doc.metadata?.namespace, name, field: '(removed)',
      message: `the ${doc.kind} ${doc.metadata?.namespace}/${name} of chart ${install.chart} left the output: once it is deleted, ${by} uninstalls its release, `
        + "and Helm deletes what the chart made, its claims (and, with a class that reclaims with Delete, their data) among them; a StatefulSet's claims stay",
      hint: successor
        ? `${successor.kind} ${successor.metadata?.namespace}/${successor.metadata?.name} installs chart ${install.chart} as a new release, whose claims start empty: `
          + `to keep the data, keep the old name and namespace (${doc.metadata?.namespace}/${name}), or copy the data of the old release's claims (${list}) into the new ones before the next sync`
        : `copy the data of its claims out before the next sync if it is wanted (${list} lists them)`,
    });
  }
  return findings;
}
