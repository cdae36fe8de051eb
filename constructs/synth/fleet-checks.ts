import type { ClusterChart } from '../platform/cluster-chart';
import { describeValue } from '../inventory/problems';
import { APP_CONSTRUCT_PATH, type Finding } from '../validation/finding';
import type { FleetDefinition } from './fleet';
import { declaredSiteNames } from '../inventory/declared-sites';

/**
 * Construct path of findings about the fleet's list of clusters, which is no construct: the define
 * function that returned it, as for other errors of the fleet (`clusters[i].needs`).
 */
export const FLEET_PATH = APP_CONSTRUCT_PATH;

/**
 * A folder the fleet can build under: its first part names the site's construct. Whether the rest is the
 * chart's id is checked once the chart is built, and the finding then names the folder it writes to.
 */
const FOLDER = /^[^/]+(\/|$)/;

/**
 * The finding for a run without a cluster, from a fleet or from an app whose tree holds no ClusterChart:
 * almost surely a mistake (a filter that matched nothing, a module imported before its list was filled),
 * and writing it would empty the output folder, and a GitOps prune every cluster with it.
 */
export function noClusterFinding(from: 'fleet' | 'app'): Finding {
  return {
    layer: 'props', severity: 'error', constructPath: FLEET_PATH, field: from === 'fleet' ? 'clusters' : 'children',
    message: `the ${from === 'fleet' ? 'fleet lists' : 'app holds'} no cluster; writing that would remove every file of the output folder`,
    hint: from === 'fleet'
      ? 'list the clusters to synthesize in `clusters` (a filter that matched nothing, or a list read before it was filled, shows like this)'
      : 'create the clusters under the app: new ClusterChart(app, id, { … }), or return the fleet from the define function: { clusters: [ … ] } (an arrow function with braces needs `return`)',
  };
}

/** Whether `value` reads as a cluster definition: an object with a `folder` or a `build`. */
function looksLikeDefinition(value: unknown): boolean {
  return typeof value === 'object' && value !== null && ('folder' in value || 'build' in value);
}

/**
 * The finding for a value a define function returned, or `buildFleet` was given, that is meant as a fleet
 * but is not `{ clusters: [...] }`: the list of definitions itself, the list under another key (`cluster`),
 * or a `clusters` that is no list (read before it was filled). Undefined for a value that is no attempt at a
 * fleet (a chart an arrow function built, nothing) and for a fleet. Pure.
 */
export function fleetShapeFinding(value: unknown): Finding | undefined {
  const finding = (field: string, message: string, hint: string): Finding =>
    ({ layer: 'props', severity: 'error', constructPath: FLEET_PATH, field, message, hint });
  if (Array.isArray(value)) {
    return value.some(looksLikeDefinition)
      ? finding('clusters', 'the fleet is a list of cluster definitions, not an object that lists them in `clusters`; nothing would be built',
        'return the fleet as { clusters: [ … ] }')
      : undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray((value as { clusters?: unknown }).clusters)) {
    return undefined;
  }
  if ('clusters' in value) {
    return finding('clusters', `the fleet's clusters is ${describeValue((value as { clusters?: unknown }).clusters)}, not a list of cluster definitions`,
      'list the clusters in `clusters: [ … ]` (a list read before its module filled it shows like this)');
  }
  const misnamed = Object.entries(value).find(([, entries]) => Array.isArray(entries) && entries.some(looksLikeDefinition));
  return misnamed === undefined ? undefined : finding(misnamed[0], `the fleet lists its clusters under "${misnamed[0]}"; only \`clusters\` is read, so nothing would be built`,
    `name the list clusters: { clusters: [ … ] }`);
}

/**
 * What is wrong with a fleet's list of clusters itself, found before anything is built or written: a
 * fleet without clusters (it would empty the output folder, and a GitOps prune every cluster with it),
 * a folder that is not `<site>/<cluster>`, two definitions of one folder (one cluster would overwrite
 * the other's files), a `build` that is no function, a `source` that names no module (incremental synth
 * could not tell when to build the cluster again), `needs` that is no list of folders. One finding per
 * definition at most.
 */
export function fleetDefinitionFindings(fleet: FleetDefinition): Finding[] {
  if (!Array.isArray((fleet as Partial<FleetDefinition> | undefined)?.clusters)) {
    return [fleetShapeFinding(fleet) ?? {
      layer: 'props', severity: 'error', constructPath: FLEET_PATH, field: 'clusters',
      message: `the fleet is ${describeValue(fleet)}, not an object that lists its clusters in \`clusters\``, hint: 'give the fleet as { clusters: [ … ] }',
    }];
  }
  if (fleet.clusters.length === 0) {
    return [noClusterFinding('fleet')];
  }
  const findings: Finding[] = [];
  const firstOf = new Map<string, number>();
  fleet.clusters.forEach((definition, index) => {
    const at = `clusters[${index}]`;
    if (typeof definition !== 'object' || definition === null) {
      findings.push({
        layer: 'props', severity: 'error', constructPath: FLEET_PATH, field: at,
        message: `${at} is ${describeValue(definition)}, not a cluster definition`,
        hint: 'drop it from the list, or check the name it is read from (a definition imported before its module set it shows like this)',
      });
      return;
    }
    const folder: unknown = definition.folder;
    if (typeof folder !== 'string' || !FOLDER.test(folder)) {
      findings.push({
        layer: 'props', severity: 'error', constructPath: FLEET_PATH, field: `${at}.folder`,
        message: `folder ${JSON.stringify(folder) ?? String(folder)} is not "<site>/<cluster>"`,
        hint: 'give the folder as `<site name>/<chart id>` of the chart its build returns, e.g. lab/main',
      });
      return;
    }
    const first = firstOf.get(folder);
    if (first !== undefined) {
      findings.push({
        layer: 'props', severity: 'error', constructPath: FLEET_PATH, field: `${at}.folder`,
        message: `clusters[${first}] writes to "${folder}" already; two clusters in one folder would overwrite each other's files`,
        hint: 'give each cluster its own folder (and chart id), or drop the second definition',
      });
      return;
    }
    firstOf.set(folder, index);
    if (typeof definition.build !== 'function') {
      findings.push({
        layer: 'props', severity: 'error', constructPath: FLEET_PATH, field: `${at}.build`,
        message: `cluster "${folder}" has no build function`,
        hint: `build the chart under the site construct it is given: build: (site) => new ClusterChart(site, '${folder.split('/')[1]}', { … })`,
      });
    } else if (typeof definition.source !== 'string' || definition.source.trim() === '') {
      findings.push({
        layer: 'props', severity: 'error', constructPath: FLEET_PATH, field: `${at}.source`,
        message: `cluster "${folder}" names no source module (source is ${JSON.stringify(definition.source) ?? String(definition.source)})`,
        hint: `give the module that builds it, relative to the project root, e.g. source: 'charts/${folder}.ts'`,
      });
    } else if (definition.needs !== undefined && !(Array.isArray(definition.needs) && definition.needs.every((n) => typeof n === 'string'))) {
      const given: unknown = definition.needs;
      findings.push({
        layer: 'props', severity: 'error', constructPath: FLEET_PATH, field: `${at}.needs`,
        message: `cluster "${folder}" gives needs as ${describeValue(given)}, not a list of folders`,
        hint: `list the folders of the clusters it reads, e.g. needs: ['${typeof given === 'string' ? given : 'lab/main'}']`,
      });
    }
  });
  return findings;
}

/**
 * The finding for a chart that writes to another folder than the fleet lists it under: incremental synth
 * and `needs` would look for it where it is not. It is on the definition's `folder` (`at`, e.g. `clusters[1]`):
 * the chart's own construct path starts with the folder as the fleet gives it (`dist/main` for `dist/home/main`),
 * which names nothing the owner wrote.
 */
export function folderMismatch(chart: ClusterChart, folder: string, at: string): Finding | undefined {
  if (chart.folder === folder) {
    return undefined;
  }
  return {
    layer: 'props', severity: 'error', constructPath: FLEET_PATH, field: `${at}.folder`,
    message: `the fleet lists this cluster as "${folder}", but its chart "${chart.node.id}" of site "${chart.site.name}" writes to "${chart.folder}"`,
    hint: `give the definition the folder \`<site name>/<chart id>\` of the chart its build returns: folder: '${chart.folder}'`
      // A folder that starts with the output folder's name (`dist/home/main`) was written as a path on disk.
      + (folder.endsWith(`/${chart.folder}`) ? '; it is taken under the outdir of runSynthCli, which is no part of it' : ''),
  };
}

/**
 * A warning for each site declared (`site('name', …)`) that no cluster of the fleet is of: its inventory is
 * never checked and nothing is written for it, which is almost surely a cluster left out of the fleet's list
 * or a chart given another site. Only the folders are read, so clusters kept from an earlier run count too.
 */
export function unusedSiteFindings(fleet: FleetDefinition): Finding[] {
  const used = new Set(fleet.clusters.map((definition) => typeof definition.folder === 'string' ? definition.folder.split('/')[0] : ''));
  return declaredSiteNames().filter((name) => !used.has(name)).map((name) => ({
    layer: 'inventory', severity: 'warning', constructPath: FLEET_PATH, field: 'clusters',
    message: `site "${name}" is declared, but no cluster of the fleet is of it: its inventory is not checked and nothing is synthesized for it`,
    hint: `list a cluster of it in the fleet's clusters ({ folder: '${name}/main', source, build: (site) => new ClusterChart(site, 'main', { site: ${name.replace(/-(.)/g, (_m, c: string) => c.toUpperCase())}, … }) }), or remove the declaration`,
  }));
}
