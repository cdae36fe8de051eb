import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, type Fields, list, objectFinding, stringMap, text } from './manifest';
import { indexOf } from './object-index';
import { podTemplates } from './pod-spec';

// kube-prometheus-stack's Grafana loads dashboards from ConfigMaps through a sidecar that watches every
// namespace for one label and value (`grafana_dashboard: "1"`). A dashboard ConfigMap without them is
// applied, mounted by nothing, and never shows in Grafana; nothing says why.

const layer = 'references' as const;

/** The release of the library's monitoring stack, whose Grafana runs the sidecar. */
const STACK = 'kube-prometheus-stack';

/** A label key as a hand writes the sidecar's: case, `-` or `.` for `_`, a plural `s`. */
function looseKey(key: string): string {
  return key.toLowerCase().replace(/^.*\//, '').replace(/[-.]/g, '_').replace(/s$/, '');
}

/** Whether `value`, a ConfigMap's value under a `.json` key, holds a Grafana dashboard: JSON with panels or rows. */
function isDashboard(value: unknown): boolean {
  if (typeof value !== 'string' || !value.includes('"panels"') && !value.includes('"rows"')) {
    return false;
  }
  try {
    const parsed = JSON.parse(value) as Fields;
    const dashboard = fields(parsed.dashboard ?? parsed);
    return Array.isArray(dashboard.panels) || Array.isArray(dashboard.rows);
  } catch {
    return false;
  }
}

/** The names of the ConfigMaps the cluster's pods mount, by namespace and name. */
function mountedConfigMaps(cluster: SynthesizedCluster): Set<string> {
  const mounted = new Set<string>();
  for (const template of podTemplates(cluster.objects)) {
    for (const volume of list(template.spec.volumes)) {
      const names = [fields(volume.configMap).name, ...list(fields(volume.projected).sources).map((s) => fields(s.configMap).name)];
      names.filter((n): n is string => typeof n === 'string').forEach((n) => mounted.add(`${template.namespace}/${n}`));
    }
  }
  return mounted;
}

/**
 * ConfigMaps holding a Grafana dashboard that no pod mounts and that lack the label of the dashboard sidecar
 * of kube-prometheus-stack's Grafana (as its values set it), or carry it with another value.
 */
export function checkGrafanaDashboards(cluster: SynthesizedCluster): Finding[] {
  const stack = cluster.chart.platform.get(STACK);
  const grafana = fields(stack?.values.grafana);
  const sidecar = fields(fields(grafana.sidecar).dashboards);
  if (stack === undefined || grafana.enabled === false || sidecar.enabled === false) {
    return [];
  }
  const label = text(sidecar.label) ?? 'grafana_dashboard';
  const value = sidecar.labelValue === undefined ? '1' : String(sidecar.labelValue);
  const wanted = `${label}: '${value}'`;
  const mounted = mountedConfigMaps(cluster);
  const named = new Set(Object.values(fields(grafana.dashboardsConfigMaps)).filter((n): n is string => typeof n === 'string'));
  const findings: Finding[] = [];
  for (const configMap of indexOf(cluster.objects).of('ConfigMap')) {
    const metadata = fields(configMap.manifest.metadata);
    const name = text(metadata.name) ?? '';
    const namespace = text(metadata.namespace) ?? 'default';
    const dashboardKey = Object.entries(fields(configMap.manifest.data)).find(([key, data]) => key.endsWith('.json') && isDashboard(data))?.[0];
    const labels = stringMap(metadata.labels);
    if (dashboardKey === undefined || labels[label] === value || mounted.has(`${namespace}/${name}`) || (namespace === stack.namespace && named.has(name))) {
      continue;
    }
    const near = label in labels ? label : Object.keys(labels).find((key) => looseKey(key) === looseKey(label));
    const why = near === undefined
      ? `has no label ${label}`
      : near === label ? `carries ${label}: '${labels[label]}'` : `carries the label ${near}, not ${label}`;
    findings.push(objectFinding(configMap, {
      layer, severity: 'error', field: near === undefined ? 'metadata.labels' : `metadata.labels.${near}`,
      message: `holds a Grafana dashboard (${dashboardKey}) that no pod mounts, and ${why}: the dashboard sidecar of ${STACK}'s Grafana loads only ConfigMaps labelled ${wanted}, so the dashboard would never show`,
      hint: `label it as the sidecar watches for, in any namespace: labels: { ${wanted} }${near !== undefined && near !== label ? ` (in place of ${near})` : ''}`,
    }));
  }
  return findings;
}
