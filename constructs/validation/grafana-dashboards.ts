import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, type Fields, list, namespaceOf, objectFinding, stringMap, text } from './manifest';
import { indexOf } from './object-index';
import { podTemplates } from './pod-spec';

// kube-prometheus-stack's Grafana loads dashboards from ConfigMaps through a sidecar that watches every
// namespace for one label and value (`grafana_dashboard: "1"`). A dashboard ConfigMap without them is
// applied, mounted by nothing, and never shows in Grafana; nothing says why. One the sidecar loads fails as
// quietly when Grafana cannot take what it copies: its file provider reads `*.json` files alone, skips a file
// that is no JSON or no one dashboard with a title at its root (the HTTP API's `{ dashboard: … }`, a list of
// dashboards), keeps one dashboard of each uid, and resolves no `${DS_…}` input of a dashboard exported
// for sharing externally, whose panels then show "Datasource ${DS_…} was not found".

const layer = 'references' as const;

/** The release of the library's monitoring stack, whose Grafana runs the sidecar. */
const STACK = 'kube-prometheus-stack';

/** A label key as a hand writes the sidecar's: case, `-` or `.` for `_`, a plural `s`. */
function looseKey(key: string): string {
  return key.toLowerCase().replace(/^.*\//, '').replace(/[-.]/g, '_').replace(/s$/, '');
}

/**
 * A ConfigMap value as Grafana's file provider reads it: the dashboard (`wrapped` when it sits under a key
 * `dashboard`, as Grafana's HTTP API takes and gives it), a list of `listed` dashboards, JSON that is none,
 * or no JSON (its parse error).
 */
type Parsed = { readonly dashboard: Fields; readonly wrapped: boolean; readonly listed?: undefined }
  | { readonly dashboard?: undefined; readonly listed?: number; readonly error?: string };

/** Whether `value` is a Grafana dashboard: an object with panels or rows. Pure. */
function isDashboard(value: unknown): boolean {
  const dashboard = fields(value);
  return Array.isArray(dashboard.panels) || Array.isArray(dashboard.rows);
}

/** `value`, a ConfigMap's value, read as a Grafana dashboard: JSON with panels or rows. Pure. */
function parseDashboard(value: unknown): Parsed {
  if (typeof value !== 'string') {
    return {};
  }
  try {
    const json: unknown = JSON.parse(value);
    if (Array.isArray(json)) {
      return json.length > 0 && json.every(isDashboard) ? { listed: json.length } : {};
    }
    const parsed = fields(json);
    const wrapped = parsed.dashboard !== undefined && isDashboard(parsed.dashboard);
    const dashboard = fields(wrapped ? parsed.dashboard : parsed);
    return isDashboard(dashboard) ? { dashboard, wrapped } : {};
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The uid Grafana's provisioning gives kube-prometheus-stack's own Prometheus data source. */
const STACK_DATASOURCE_UID = 'prometheus';

/**
 * What is wrong with the dashboards of a ConfigMap the sidecar loads, key by key, as Grafana would take them;
 * `uids` holds the dashboards loaded so far by uid, and takes this ConfigMap's.
 */
function loadedDashboardFindings(configMap: SynthesizedObject, uids: Map<string, string>): Finding[] {
  const findings: Finding[] = [];
  const name = `${namespaceOf(configMap)}/${text(fields(configMap.manifest.metadata).name) ?? ''}`;
  for (const [key, value] of Object.entries(fields(configMap.manifest.data))) {
    const json = key.endsWith('.json');
    const parsed = parseDashboard(value);
    const add = (message: string, hint: string) => findings.push(objectFinding(configMap, { layer, severity: 'error', field: `data.${key}`, message, hint }));
    if (parsed.dashboard === undefined) {
      if (json && parsed.error !== undefined) {
        add(`is no JSON (${parsed.error}): Grafana skips the file the dashboard sidecar writes, and the dashboard never shows`, 'write the dashboard as JSON.stringify(dashboard) from an object, or fix the JSON (a trailing comma, a comment)');
      } else if (json && parsed.listed !== undefined) {
        add(`holds a list of ${parsed.listed === 1 ? 'one dashboard' : `${parsed.listed} dashboards`}: Grafana reads one dashboard, an object, from each file, so it skips this one ("Dashboard title cannot be empty") and no dashboard of it shows`,
          `give each dashboard a key of its own, e.g. ${Array.from({ length: Math.min(parsed.listed, 2) }, (_, i) => `'${key.replace(/\.json$/, '')}-${i + 1}.json': JSON.stringify(dashboards[${i}])`).join(', ')}`);
      }
      continue;
    }
    if (!json) {
      add('holds a Grafana dashboard under a key that does not end in .json: the sidecar writes the key as its file name, and Grafana loads only *.json files, so the dashboard never shows', `name the key ${key}.json`);
      continue;
    }
    if (parsed.wrapped) {
      add('holds the dashboard under "dashboard", as Grafana\'s HTTP API takes and returns it: Grafana\'s file provider reads the dashboard from the root of the file, finds no title there ("Dashboard title cannot be empty") and skips it, so the dashboard never shows',
        'write the inner object alone: JSON.stringify(exported.dashboard), or copy the JSON that the dashboard\'s settings show under "JSON Model"');
      continue;
    }
    if ((text(parsed.dashboard.title) ?? '').trim() === '') {
      add('holds a dashboard without a title: Grafana\'s file provider refuses it ("Dashboard title cannot be empty"), so the dashboard never shows',
        "give the dashboard its title at the root of its JSON, e.g. title: 'Node overview'");
      continue;
    }
    const input = /\$\{(DS_[A-Za-z0-9_]+)\}/.exec(String(value));
    if (input !== null) {
      add(`uses the data source input \${${input[1]}} of a dashboard exported for sharing externally: Grafana's provisioning fills in no inputs, so every panel of it shows "Datasource \${${input[1]}} was not found"`,
        `write the data source's uid in place of \${${input[1]}} (${STACK_DATASOURCE_UID} for the stack's Prometheus), or export the dashboard again without "Export for sharing externally"`);
      continue;
    }
    const uid = text(parsed.dashboard.uid);
    const earlier = uid === undefined ? undefined : uids.get(uid);
    if (uid !== undefined && earlier !== undefined) {
      add(`has the uid "${uid}" of the dashboard ${earlier}: Grafana provisions one dashboard per uid, so one of the two never shows`, 'give each dashboard a uid of its own, or keep one of the two');
    } else if (uid !== undefined) {
      uids.set(uid, `${key} of ConfigMap ${name}`);
    }
  }
  return findings;
}

/** The names of the ConfigMaps the cluster's pods mount, as `<namespace>/<name>`. */
export function mountedConfigMaps(cluster: SynthesizedCluster): Set<string> {
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
  const uids = new Map<string, string>();
  for (const configMap of indexOf(cluster.objects).of('ConfigMap')) {
    const metadata = fields(configMap.manifest.metadata);
    const name = text(metadata.name) ?? '';
    const namespace = text(metadata.namespace) ?? 'default';
    const labels = stringMap(metadata.labels);
    if (labels[label] === value) {
      findings.push(...loadedDashboardFindings(configMap, uids));
      continue;
    }
    const dashboardKey = Object.entries(fields(configMap.manifest.data)).find(([key, data]) => key.endsWith('.json') && parseDashboard(data).dashboard !== undefined)?.[0];
    if (dashboardKey === undefined || mounted.has(`${namespace}/${name}`) || (namespace === stack.namespace && named.has(name))) {
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
