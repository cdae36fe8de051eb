import { CLUSTER_FOLDER_MARK } from './outdir';
import type { Host } from '../inventory/host';
import { ZfsPool } from '../inventory/zfs-pool';
import { storageClassNameOf } from '../platform/storage';
import type { PlatformComponent } from '../platform/platform';
import { fields, stringMap, text } from '../validation/manifest';
import { PodTemplate, podTemplates } from '../validation/pod-spec';
import { schedulableHosts } from '../validation/scheduling';
import type { SynthesizedCluster, SynthesizedObject } from './collect';
import { ownerActions } from './owner-action';
import { networksSection } from './readme-network';
import { policyEnforcementLine } from '../platform/policy-enforcement';
import { knativeHostsLine } from '../platform/knative';
import { hardwareParts, outsideMachinesSection } from './readme-outside';
import { preinstalledSection } from './readme-preinstalled';
import { loadBalancerAddress, routeHostnames } from '../validation/exposed-addresses';

export { loadBalancerAddress, routeHostnames } from '../validation/exposed-addresses';

/** What the picture shows of one app: where it can run, what it claims, how it is reached. */
interface AppPicture {
  readonly id: string;
  readonly namespaces: string[];
  readonly kinds: string[];
  readonly hosts: Host<any, any>[];
  readonly claims: Array<{ readonly name: string; readonly size: string; readonly storageClass: string }>;
  readonly routes: string[];
  readonly loadBalancers: string[];
}

/** A Mermaid node id: letters, digits and underscores only. */
function nodeId(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** Text inside a quoted Mermaid label: quotes and angle brackets as entities, lines joined with `<br/>`. */
function label(...lines: Array<string | undefined>): string {
  let text = '';
  for (const line of lines) {
    if (line !== undefined && line !== '') {
      text += text === '' ? escapeLabel(line) : `<br/>${escapeLabel(line)}`;
    }
  }
  return `"${text}"`;
}

/** Quotes and angle brackets as Mermaid entities; most lines have none, and cost one scan. */
function escapeLabel(text: string): string {
  return /["<>]/.test(text) ? text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;') : text;
}

/** A KubeVirt VirtualMachine's pod template, so that placement reads the same as for workloads. */
function vmTemplate(object: SynthesizedObject): PodTemplate | undefined {
  if (object.manifest.kind !== 'VirtualMachine') {
    return undefined;
  }
  const template = fields(fields(object.manifest.spec).template);
  return {
    object,
    namespace: object.manifest.metadata.namespace ?? 'default',
    specPath: 'spec.template.spec',
    spec: fields(template.spec),
    labels: stringMap(fields(template.metadata).labels),
    annotations: stringMap(fields(template.metadata).annotations),
    replicas: 1,
  };
}

function appPictures(cluster: SynthesizedCluster): AppPicture[] {
  const apps = new Map<string, SynthesizedObject[]>();
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    if ((object.layer ?? 'apps') === 'apps') {
      const objects = apps.get(object.file);
      if (objects) {
        objects.push(object);
      } else {
        apps.set(object.file, [object]);
      }
    }
  }
  // Grouped once: a large cluster has thousands of apps, and each would otherwise scan every template.
  const templatesOf = new Map<SynthesizedObject, PodTemplate[]>();
  for (let n = 0, all = podTemplates(cluster.objects); n < all.length; n++) {
    const template = all[n];
    const templates = templatesOf.get(template.object);
    if (templates) {
      templates.push(template);
    } else {
      templatesOf.set(template.object, [template]);
    }
  }
  const zfsHostsByClass = new Map<string, Host<any, any>>();
  for (const name of cluster.chart.tierNames) {
    const tier = cluster.chart.tier(name)!;
    if (tier instanceof ZfsPool) {
      zfsHostsByClass.set(storageClassNameOf(tier), tier.host);
    }
  }
  const sorted = (values: Set<string>) => [...values].sort();
  return [...apps.keys()].sort().map((id) => {
    // One pass over the app's objects: a large cluster has thousands of apps.
    const namespaces = new Set<string>();
    const kinds = new Set<string>();
    const routes = new Set<string>();
    const loadBalancers = new Set<string>();
    const runsOn = new Set<Host<any, any>>();
    const poolHosts: Host<any, any>[] = [];
    const claims: AppPicture['claims'][number][] = [];
    const place = (template: PodTemplate) => {
      for (const host of schedulableHosts(template, cluster.chart).hosts) {
        runsOn.add(host);
      }
    };
    for (const o of apps.get(id)!) {
      const manifest = o.manifest;
      // An Argo CD Application lives beside Argo CD; what it installs runs in its destination's namespace.
      const destination = manifest.kind === 'Application' && manifest.apiVersion === 'argoproj.io/v1alpha1'
        ? text(fields(fields(manifest.spec).destination).namespace) : undefined;
      const namespace = destination ?? manifest.metadata.namespace;
      if (namespace) {
        namespaces.add(namespace);
      }
      kinds.add(manifest.kind);
      for (const template of templatesOf.get(o) ?? []) {
        place(template);
      }
      const vm = vmTemplate(o);
      if (vm) {
        place(vm);
      }
      if (manifest.kind === 'PersistentVolumeClaim') {
        const spec = fields(manifest.spec);
        // A claim on a ZFS tier binds to the pool's host: the pod follows its volume there.
        const poolHost = zfsHostsByClass.get(String(spec.storageClassName));
        if (poolHost !== undefined) {
          poolHosts.push(poolHost);
        }
        claims.push({
          name: manifest.metadata.name,
          size: String(fields(fields(spec.resources).requests).storage ?? ''),
          storageClass: typeof spec.storageClassName === 'string' ? spec.storageClassName : '',
        });
      }
      for (const route of routeHostnames(manifest)) {
        routes.add(route);
      }
      const address = loadBalancerAddress(manifest);
      if (address) {
        loadBalancers.add(address);
      }
    }
    return {
      id,
      namespaces: sorted(namespaces),
      kinds: sorted(kinds),
      hosts: cluster.chart.hosts.filter((h) => runsOn.has(h) && poolHosts.every((p) => p === h)),
      claims,
      routes: sorted(routes),
      loadBalancers: sorted(loadBalancers),
    };
  });
}

/**
 * How the README names a host: its inventory name, and its Kubernetes node name beside it when the two
 * differ, as the manifests' `kubernetes.io/hostname` and the owner's kubectl steps name the node.
 */
function hostTitle(host: Host<any, any>): string {
  if (host.placeholders.some((fact) => fact.where === `host ${host.name} nodeName`)) {
    return `${host.name} (node ${host.nodeName}, placeholder)`;
  }
  return host.nodeName === host.name ? host.name : `${host.name} (node ${host.nodeName})`;
}

function hostLabel(host: Host<any, any>): string {
  // A stand-in must not read as the host's fact: the owner fills it in (the placeholders of the steps below).
  const pending = new Set(host.placeholders.map((fact) => fact.where));
  const stated = (field: string, text: string) => (pending.has(`host ${host.name} ${field}`) ? `${text} (placeholder)` : text);
  const gpus = host.gpus.map((g, i) => `${g.count && g.count > 1 ? `${g.count}× ` : ''}${stated(`gpus[${i}].vendor`, g.vendor)}`
    + `${g.model ? ` ${stated(`gpus[${i}].model`, g.model)}` : ''}`);
  const pools = Object.values<{ name: string; media: string; sizeTerabytes?: number }>(host.zfs)
    .map((p) => `${p.name} (${p.media}${p.sizeTerabytes !== undefined ? `, ${p.sizeTerabytes} TB` : ''})`);
  const hardware = hardwareParts(host, true, host.placeholderSizes);
  return label(
    hostTitle(host),
    `${stated('arch', host.arch)} · ${host.roles.join(', ')}`,
    stated('address', host.address),
    hardware.length > 0 ? hardware.join(' · ') : undefined,
    gpus.length > 0 ? `GPU: ${gpus.join(', ')}` : undefined,
    pools.length > 0 ? `ZFS: ${pools.join(', ')}` : undefined,
    host.taints.length > 0 ? `taint: ${host.taints.map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`).join(', ')}` : undefined,
  );
}

/**
 * Mermaid's default limits, which the renderers of GitHub, GitLab and Forgejo keep: a diagram with more
 * text (characters between the fences) or more links is not drawn, and the reader sees an error instead.
 */
const MERMAID_MAX_TEXT = 50_000;
const MERMAID_MAX_LINKS = 500;

/** Lines of a diagram with the links among them counted. */
class DiagramLines {
  public readonly lines: string[] = [];
  /** Characters of the diagram text so far, line breaks included. */
  private text = 0;
  private links = 0;

  /** Adds a line that declares nodes or groups them. */
  public node(line: string): void {
    this.lines.push(line);
    this.text += line.length + 1;
  }

  /** Adds a line with one link. */
  public link(line: string): void {
    this.node(line);
    this.links++;
  }

  /** Whether Mermaid still draws a diagram of these lines (and `closing` more characters). */
  public fits(closing: number): boolean {
    return this.text + closing <= MERMAID_MAX_TEXT && this.links <= MERMAID_MAX_LINKS;
  }

  /** Where the diagram stands now, for {@link rewind}. */
  public mark(): { readonly lines: number; readonly text: number; readonly links: number } {
    return { lines: this.lines.length, text: this.text, links: this.links };
  }

  /** Drops every line added since `mark`. */
  public rewind(mark: ReturnType<DiagramLines['mark']>): void {
    this.lines.length = mark.lines;
    this.text = mark.text;
    this.links = mark.links;
  }
}

/** A cluster's picture: the diagram, and whether it shows each app or only all of them together. */
interface ClusterPicture {
  /** The Mermaid lines, `flowchart LR` first. */
  readonly diagram: string[];
  /** What the picture knows of each app, in app order. */
  readonly apps: AppPicture[];
  /** Whether the diagram shows each app; otherwise the README lists them in a table. */
  readonly appsInDiagram: boolean;
}

/**
 * The cluster as a Mermaid flowchart: nodes (arch, roles, GPUs, pools), platform components by layer,
 * storage tiers, and apps with the hosts they can run on, their claims, route host names and load-balancer
 * addresses. Deterministic: everything is sorted or in inventory order.
 *
 * A cluster whose apps would take the diagram past what Mermaid draws (50 000 characters or 500 links)
 * shows them as one node, linked to every host and storage class they use; the README then lists each
 * app in a table.
 */
export function clusterDiagram(cluster: SynthesizedCluster): string[] {
  return clusterPicture(cluster).diagram;
}

function clusterPicture(cluster: SynthesizedCluster): ClusterPicture {
  const chart = cluster.chart;
  const apps = appPictures(cluster);
  const diagram = new DiagramLines();
  diagram.node('flowchart LR');
  // Node ids of hosts and storage classes, made once: every app names its hosts and classes again.
  const hostIds = new Map(chart.hosts.map((h) => [h, nodeId('host', h.name)]));
  const hostId = (h: Host<any, any>) => hostIds.get(h) ?? nodeId('host', h.name);
  const classIds = new Map<string, string>();
  const classId = (storageClass: string) => {
    let id = classIds.get(storageClass);
    if (id === undefined) {
      id = nodeId('sc', storageClass);
      classIds.set(storageClass, id);
    }
    return id;
  };
  diagram.node('  subgraph nodes["Nodes"]');
  diagram.node('    direction TB');
  chart.hosts.forEach((h) => diagram.node(`    ${hostId(h)}[${hostLabel(h)}]`));
  diagram.node('  end');

  const components = [...chart.platform.components].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const configUnits = [...new Set(cluster.objects.filter((o) => o.layer === 'config').map((o) => o.file))].sort();
  if (components.length > 0 || configUnits.length > 0) {
    diagram.node('  subgraph platform["Platform"]');
    diagram.node('    direction TB');
    if (components.length > 0) {
      diagram.node('    subgraph layer_platform["platform layer: components"]');
      components.forEach((c) => diagram.node(`      ${nodeId('component', c.name)}[${label(`${c.name} ${c.version}`, `ns ${c.namespace}`)}]`));
      diagram.node('    end');
    }
    if (configUnits.length > 0) {
      diagram.node('    subgraph layer_config["config layer"]');
      configUnits.forEach((u) => diagram.node(`      ${nodeId('config', u)}[${label(u)}]`));
      diagram.node('    end');
    }
    diagram.node('  end');
    components.forEach((c) => c.dependsOn.filter((d) => components.some((o) => o.name === d))
      .forEach((d) => diagram.link(`  ${nodeId('component', d)} --> ${nodeId('component', c.name)}`)));
    platformEntries(cluster, components).forEach((line) => diagram.link(line));
  }

  const tiers = chart.tierNames.map((name) => ({ name, storageClass: storageClassNameOf(chart.tier(name)!) }));
  const claimClasses = new Set(apps.flatMap((a) => a.claims.map((c) => c.storageClass)));
  const classes = new Map<string, string>();
  tiers.forEach((t) => classes.set(t.storageClass, `tier ${t.name}`));
  [...claimClasses].filter((c) => c && !classes.has(c)).sort().forEach((c) => classes.set(c, 'class'));
  if (classes.size > 0) {
    diagram.node('  subgraph storage["Storage"]');
    diagram.node('    direction TB');
    [...classes].forEach(([storageClass, what]) => diagram.node(`    ${classId(storageClass)}[(${label(what, storageClass)})]`));
    diagram.node('  end');
    for (const tier of tiers) {
      const pool = chart.tier(tier.name);
      if (pool instanceof ZfsPool && chart.hosts.includes(pool.host)) {
        diagram.link(`  ${classId(tier.storageClass)} -. pool ${pool.name} .- ${hostId(pool.host)}`);
      }
    }
  }
  if (apps.length === 0) {
    return { diagram: diagram.lines, apps, appsInDiagram: true };
  }
  const beforeApps = diagram.mark();
  if (appsOneByOne(diagram, apps, hostId, classId)) {
    return { diagram: diagram.lines, apps, appsInDiagram: true };
  }
  diagram.rewind(beforeApps);
  appsTogether(diagram, apps, chart.hosts, hostId, classId);
  return { diagram: diagram.lines, apps, appsInDiagram: false };
}

/**
 * Links of the routes and load-balancer addresses the platform and config layers serve (a component's web
 * UI routed by a config unit, say), to the component or config unit that writes them: the picture shows
 * every way into the cluster, not only the apps'.
 */
function platformEntries(cluster: SynthesizedCluster, components: readonly PlatformComponent[]): string[] {
  const names = new Set(components.map((c) => c.name));
  const links = new Set<string>();
  for (const object of cluster.objects) {
    const target = object.layer === 'config' ? nodeId('config', object.file)
      : object.layer === 'platform' && names.has(object.file) ? nodeId('component', object.file) : undefined;
    if (target !== undefined) {
      routeHostnames(object.manifest).forEach((r) => links.add(`  ${nodeId('route', r)}([${label(r)}]) --> ${target}`));
      const address = loadBalancerAddress(object.manifest);
      if (address !== undefined) {
        links.add(`  ${nodeId('lb', `${object.file}_${address}`)}{{${label(`LB ${address}`)}}} --> ${target}`);
      }
    }
  }
  return [...links].sort();
}

/**
 * Adds every app with its links to `diagram`; false as soon as Mermaid would no longer draw it, with the
 * lines added so far left for the caller to drop.
 */
function appsOneByOne(diagram: DiagramLines, apps: readonly AppPicture[], hostId: (h: Host<any, any>) => string, classId: (c: string) => string): boolean {
  const appIds = apps.map((a) => nodeId('app', a.id));
  const closing = '```'.length;
  diagram.node('  subgraph apps["Apps"]');
  diagram.node('    direction TB');
  for (let i = 0; i < apps.length; i++) {
    const a = apps[i];
    diagram.node(`    ${appIds[i]}[${label(a.id, a.namespaces.length > 0 ? `ns ${a.namespaces.join(', ')}` : undefined)}]`);
    if (!diagram.fits(closing)) {
      return false;
    }
  }
  diagram.node('  end');
  for (let i = 0; i < apps.length; i++) {
    const app = apps[i];
    const id = appIds[i];
    app.routes.forEach((r) => diagram.link(`  ${nodeId('route', r)}([${label(r)}]) --> ${id}`));
    app.loadBalancers.forEach((lb) => diagram.link(`  ${nodeId('lb', `${app.id}_${lb}`)}{{${label(`LB ${lb}`)}}} --> ${id}`));
    app.hosts.forEach((h) => diagram.link(`  ${id} -. runs on .-> ${hostId(h)}`));
    app.claims.forEach((c) => {
      const claim = nodeId('claim', `${app.id}_${c.name}`);
      diagram.link(`  ${id} --> ${claim}[/${label(`${c.name} ${c.size}`)}/]`);
      if (c.storageClass) {
        diagram.link(`  ${claim} --> ${classId(c.storageClass)}`);
      }
    });
    if (!diagram.fits(closing)) {
      return false;
    }
  }
  return true;
}

/** Adds the apps as one node, linked to every host any of them can run on and every class they claim. */
function appsTogether(diagram: DiagramLines, apps: readonly AppPicture[], hosts: readonly Host<any, any>[], hostId: (h: Host<any, any>) => string, classId: (c: string) => string): void {
  const used = new Set(apps.flatMap((a) => a.hosts));
  const classes = [...new Set(apps.flatMap((a) => a.claims.map((c) => c.storageClass)).filter((c) => c !== ''))].sort();
  diagram.node('  subgraph apps["Apps"]');
  diagram.node('    direction TB');
  diagram.node(`    apps_all[${label(`${apps.length} apps`, 'listed in the table below')}]`);
  diagram.node('  end');
  hosts.filter((h) => used.has(h)).forEach((h) => diagram.link(`  apps_all -. runs on .-> ${hostId(h)}`));
  classes.forEach((c) => diagram.link(`  apps_all --> ${classId(c)}`));
}

/** The README's table of apps, for a cluster whose diagram shows them together: a row per app. */
function appsTable(apps: readonly AppPicture[]): string[] {
  const lines = ['## Apps', '', '| app | namespaces | runs on | claims | routes | load balancers |', '|---|---|---|---|---|---|'];
  for (const app of apps) {
    const claims = app.claims.map((c) => `${c.name} ${c.size}${c.storageClass ? ` (${c.storageClass})` : ''}`);
    lines.push(`| ${cell(app.id)} | ${cell(app.namespaces.join(', '))} | ${cell(app.hosts.map(hostTitle).join(', '))} | `
      + `${cell(claims.join(', '))} | ${cell(app.routes.join(', '))} | ${cell(app.loadBalancers.join(', '))} |`);
  }
  lines.push('');
  return lines;
}

/** `text` as a fenced block indented under a list item, with a fence longer than any backtick run in it. */
function fenced(text: string): string[] {
  const fence = '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((run) => run.length + 1)));
  return [`   ${fence}`, ...text.split('\n').map((line) => (line === '' ? '' : `   ${line}`)), `   ${fence}`];
}

/** A Markdown table cell: no pipes or line breaks, and no text a renderer takes for HTML. */
function cell(text: string): string {
  return codeCell(noHtml(text));
}

/** A table cell's text that goes into a code span as it is: no pipes or line breaks. */
function codeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * `text` with each `<` outside code spans written as `&lt;`: a renderer takes `<name>` or `<key>` for an
 * HTML tag and drops it, so `/admin/<key>/queues` would read `/admin//queues`. A code span shows its
 * text as it is, and keeps it.
 */
function noHtml(text: string): string {
  if (!text.includes('<')) {
    return text;
  }
  let out = '';
  let at = 0;
  while (at < text.length) {
    const tick = text.indexOf('`', at);
    const plain = tick < 0 ? text.slice(at) : text.slice(at, tick);
    out += plain.replace(/</g, '&lt;');
    if (tick < 0) {
      break;
    }
    // A code span opens with a run of backticks and closes with a run of the same length.
    const run = /^`+/.exec(text.slice(tick))![0];
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
    close.lastIndex = tick + run.length;
    const end = close.exec(text);
    if (end === null) {
      out += run;
      at = tick + run.length;
    } else {
      out += text.slice(tick, end.index + run.length);
      at = end.index + run.length;
    }
  }
  return out;
}

/** Where the cluster departs from its design, one bullet each; nothing when it names no such choice. */
function designChoicesSection(choices: readonly string[]): string[] {
  if (choices.length === 0) {
    return [];
  }
  return ['## Choices against the design', '', ...choices.map((choice) => `- ${noHtml(choice.trim().replace(/\s*\n\s*/g, ' '))}`), ''];
}

/**
 * The cluster's README: its picture (Mermaid, which GitHub and Forgejo render), where it departs from its design, the platform components,
 * what it gets from outside the repository, the site's machines outside the cluster, and what the owner still does by hand. Written beside the cluster's manifests, listed in no
 * kustomization.
 */
export function clusterReadme(cluster: SynthesizedCluster): string {
  const chart = cluster.chart;
  const components = [...chart.platform.components].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const actions = ownerActions(cluster);
  const picture = clusterPicture(cluster);
  const lines = [
    `# ${cluster.folder}`,
    '',
    `${CLUSTER_FOLDER_MARK} Site \`${chart.site.name}\`, domain \`${chart.domain}\`${chart.domainIsPlaceholder ? ' (placeholder)' : ''}, `
      + `${chart.hosts.length} node(s), ${cluster.objects.length} objects${chart.gitops ? `, reconciled by ${chart.gitops.name}` : ''}.`,
    ...(chart.routes.reachedAt ? [`Its ingress (${chart.routes.name}) is reached at ${chart.routes.reachedAt(chart)}.`] : []),
    policyEnforcementLine(chart.policyEnforcement),
    ...(knativeHostsLine(chart) !== undefined ? [knativeHostsLine(chart)!] : []),
    '',
    '```mermaid',
    ...picture.diagram,
    '```',
    '',
  ];
  if (!picture.appsInDiagram) {
    lines.push(...appsTable(picture.apps));
  }
  lines.push(...designChoicesSection(chart.designChoices));
  if (components.length > 0) {
    lines.push('## Platform components', '', '| component | namespace | version | what it is for |', '|---|---|---|---|');
    // A namespace the upstream files make is not in the platform layer; the engine labels it.
    const namespaceOf = (c: PlatformComponent) => (c.install.type === 'manifests' && c.install.createsNamespace
      ? `${c.namespace} (made by its upstream files)` : c.namespace);
    components.forEach((c) => lines.push(`| ${cell(c.name)} | ${cell(namespaceOf(c))} | ${cell(c.version)} | ${cell(c.props.description)} |`));
    lines.push('');
  }
  lines.push(...preinstalledSection(chart.platform.preinstalled, cell));
  lines.push(...networksSection(Object.values(chart.site.vlans), cell));
  lines.push(...outsideMachinesSection(chart.externalHosts, cell));
  lines.push('## What the owner does by hand', '');
  if (actions.length === 0) {
    lines.push('Nothing: the cluster folder is complete.');
  } else {
    lines.push('| kind | what | command | asked for by |', '|---|---|---|---|');
    // A table cell holds one line, so a command of several lines (a Caddyfile block, a heredoc) is
    // written after the table, where its line breaks survive, and its cell points there.
    const blocks: string[] = [];
    let count = 0;
    actions.forEach((a) => {
      let command = a.command ? `\`${codeCell(a.command)}\`` : '';
      if (a.command?.includes('\n')) {
        count += 1;
        blocks.push('', `${count}. ${cell(a.action)}`, '', ...fenced(a.command));
        command = `block ${count} below the table`;
      }
      lines.push(`| ${a.kind} | ${cell(a.action)} | ${command} | ${cell(a.source)} |`);
    });
    if (blocks.length > 0) {
      lines.push('', 'Commands of more than one line, to copy as they are:', ...blocks);
    }
  }
  lines.push('');
  return lines.join('\n');
}
