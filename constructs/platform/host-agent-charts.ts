import type { PodSecurityLevel } from '../app/security';
import type { HelmChartSource } from './component';
import { valueAt } from './chart-value-at';
import { isLonghornChart } from './longhorn-chart-values';

// Charts of host agents whose pods, as their templates write them, mount folders of the node: no value of a
// ChartRelease says so (the values only switch the mounts off), so the level their namespace needs is known
// from the chart itself. Read in the charts' own templates: Falco's `pod-template.tpl` mounts the node's
// `/proc` (and `/etc`, `/boot`, `/lib/modules`, `/usr` with its driver) in every driver mode and runs privileged
// unless `leastPrivileged`; CrowdSec's `agent-daemonSet.yaml` mounts `/var/log` while `agent.hostVarLog` is on
// (its default) and `/var/lib/docker/containers` while `container_runtime` is `docker` (its default). Longhorn's
// `daemonset-sa.yaml` runs its manager privileged with the node's `/dev`, `/proc` and data folder mounted, whatever
// its values say.

/** What a host agent's chart needs of its namespace at the values given. */
export interface HostAgentNeed {
  /** The chart's project, as its owner knows it. */
  readonly project: string;
  /** The narrowest Pod Security level that admits its pods. */
  readonly level: PodSecurityLevel;
  /** What its pods do that a narrower level refuses. */
  readonly why: string;
}

/** Whether `chart` is `name` of a repository whose address holds `publisher` (a mirror keeps the chart's name). Pure. */
function isChartOf(chart: HelmChartSource, name: string, publisher: string): boolean {
  return typeof chart?.chart === 'string' && chart.chart.replace(/^.*\//, '') === name
    && typeof chart.repository === 'string' && chart.repository.toLowerCase().includes(publisher);
}

/** Whether `chart` is CrowdSec's own chart (`crowdsec` of crowdsecurity's repository). Pure. */
export function isCrowdSecChart(chart: HelmChartSource): boolean {
  return isChartOf(chart, 'crowdsec', 'crowdsecurity');
}

/** The folders of the node CrowdSec's agent DaemonSet mounts at `values`, none when it runs as a Deployment or not at all. Pure. */
function crowdSecHostFolders(values: Readonly<Record<string, unknown>>): string[] {
  if (valueAt(values, ['agent', 'enabled']) === false || valueAt(values, ['agent', 'isDeployment']) === true) {
    return [];
  }
  const runtime = valueAt(values, ['container_runtime']) ?? 'docker';
  return [
    ...(valueAt(values, ['agent', 'hostVarLog']) === false ? [] : ['/var/log']),
    ...(runtime === 'docker' ? ['/var/lib/docker/containers'] : []),
  ];
}

/**
 * The Pod Security level a release of Falco's, CrowdSec's or Longhorn's chart needs at `values`, with why; undefined
 * for any other chart, and for CrowdSec with its agent's host folders switched off. Pure.
 */
export function hostAgentNeed(chart: HelmChartSource, values: Readonly<Record<string, unknown>>): HostAgentNeed | undefined {
  if (isChartOf(chart, 'falco', 'falcosecurity')) {
    return {
      project: 'Falco', level: 'privileged',
      why: "its DaemonSet mounts the node's /proc (and with its driver /etc, /boot, /lib/modules and /usr) as hostPath volumes, and runs privileged unless the driver's leastPrivileged adds capabilities instead",
    };
  }
  if (isLonghornChart(chart)) {
    return {
      project: 'Longhorn', level: 'privileged',
      why: "its manager DaemonSet runs privileged, with the node's /dev, /proc and data folder mounted as hostPath volumes, to attach and serve its volumes",
    };
  }
  if (isCrowdSecChart(chart)) {
    const folders = crowdSecHostFolders(values);
    return folders.length === 0 ? undefined : {
      project: 'CrowdSec', level: 'privileged',
      why: `its agent DaemonSet mounts the node's ${folders.join(' and ')} as hostPath volumes to read the containers' logs`,
    };
  }
  return undefined;
}
