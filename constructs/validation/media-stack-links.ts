import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { calledTargets, camel, policyPodOf, refusal } from './app-calls';
import type { Finding } from './finding';
import { fields, list, namespaceOf, stringMap, text } from './manifest';
import { imageAppName } from '../app/binhex-images';
import { indexOf, type ObjectIndex } from './object-index';
import { admittedPodTemplates, containersOf, type PodTemplate } from './pod-spec';

// The apps of a media stack call each other on links their owner sets in their web interfaces, which synthesis does
// not read: Prowlarr pushes its indexers into each *arr app through the app's API (Settings → Apps), each *arr app
// searches through the feeds Prowlarr serves it, and hands what it finds to the download client, whose queue it then
// watches. An App's NetworkPolicy admits only what its props declare, so a link left out of `allowFrom` and `egress`
// fails on the first sync, search or grab with a timeout. A lab may leave a link unused (indexers added to one app by
// hand), so each is a warning; and one that reaches an app of a kind (its own qBittorrent) is not told of the others of
// that kind, which serve another stack of the lab (the children's, the 4K one). Live TV is linked the same way: a media
// server's tuners and guides (Jellyfin's Live TV settings) are ErsatzTV's, Tunarr's or Threadfin's channels, read from
// the HDHomeRun tuner they play and the M3U and XMLTV files they serve.

/** What an image is in a media stack, by its repository's name. */
type Role = 'indexer' | 'arr' | 'downloader' | 'player' | 'channels';

/** The apps of a media stack by the last part of their image's repository, with their role and their name. */
const MEDIA_STACK_IMAGES: ReadonlyMap<string, { readonly role: Role; readonly app: string }> = new Map([
  ['prowlarr', { role: 'indexer', app: 'Prowlarr' }],
  ...(['Sonarr', 'Radarr', 'Lidarr', 'Readarr', 'Whisparr'] as const).map((app) => [app.toLowerCase(), { role: 'arr', app }] as const),
  ['qbittorrent', { role: 'downloader', app: 'qBittorrent' }], ['qbittorrent-nox', { role: 'downloader', app: 'qBittorrent' }],
  ['sabnzbd', { role: 'downloader', app: 'SABnzbd' }], ['nzbget', { role: 'downloader', app: 'NZBGet' }],
  ['transmission', { role: 'downloader', app: 'Transmission' }], ['deluge', { role: 'downloader', app: 'Deluge' }],
  // Media servers with Live TV (Plex's official image is `pms-docker`), and the channel makers they tune in.
  ['jellyfin', { role: 'player', app: 'Jellyfin' }], ['emby', { role: 'player', app: 'Emby' }], ['embyserver', { role: 'player', app: 'Emby' }],
  ['plex', { role: 'player', app: 'Plex' }], ['pms-docker', { role: 'player', app: 'Plex' }],
  ['ersatztv', { role: 'channels', app: 'ErsatzTV' }], ['tunarr', { role: 'channels', app: 'Tunarr' }], ['threadfin', { role: 'channels', app: 'Threadfin' }],
] as ReadonlyArray<[string, { readonly role: Role; readonly app: string }]>);

/** A link of a media stack: who calls whom, and what for, as messages say it. */
interface StackLink {
  readonly from: Role;
  readonly to: Role;
  readonly what: (caller: string, callee: string) => string;
  /**
   * Whether the link is set up on one caller, not on each: a media server's Live TV is turned on where it is watched,
   * so a lab's second media server (Plex for the films beside Jellyfin's Live TV) that reaches no channel maker another
   * media server reaches goes without it. @default false
   */
  readonly setUpOnOne?: boolean;
}

const LINKS: readonly StackLink[] = [
  { from: 'indexer', to: 'arr', what: (caller, callee) => `${caller} pushes its indexers into ${callee} through ${callee}'s API (${caller}'s Settings → Apps)` },
  { from: 'arr', to: 'indexer', what: (caller, callee) => `${caller} searches through the feeds ${callee} serves it` },
  { from: 'arr', to: 'downloader', what: (caller, callee) => `${caller} hands each release it grabs to ${callee} and watches its queue through ${callee}'s API` },
  {
    from: 'player', to: 'channels', setUpOnOne: true,
    what: (caller, callee) => `${caller} plays ${callee}'s channels as Live TV, from the HDHomeRun tuner or the M3U and XMLTV files ${callee} serves`,
  },
];

/** A pod template of an App that plays a part in a media stack. */
interface StackApp {
  readonly template: PodTemplate;
  readonly role: Role;
  /** The image's app, as messages name it (`Lidarr`). */
  readonly app: string;
  /** The App's name, its workload's. */
  readonly name: string;
  /** The App's construct path. */
  readonly path: string;
}

/**
 * The pod templates of the cluster's Apps (those whose NetworkPolicy the library writes, `<app>/network-policy`) that
 * run an image of a media stack in one of their long-running containers.
 */
function stackApps(objects: readonly SynthesizedObject[]): StackApp[] {
  // The paths of every object are gathered once a template runs an image of a media stack, which most clusters have none of.
  let paths: ReadonlySet<string> | undefined;
  return admittedPodTemplates(objects).flatMap((template) => {
    const known = containersOf(template).filter((ref) => !ref.init || ref.container.restartPolicy === 'Always')
      .map((ref) => MEDIA_STACK_IMAGES.get(imageAppName(text(ref.container.image) ?? '')))
      .find((found) => found !== undefined);
    if (known === undefined) {
      return [];
    }
    const path = template.object.constructPath.slice(0, template.object.constructPath.lastIndexOf('/'));
    paths ??= new Set(objects.map((object) => object.constructPath));
    return !paths.has(`${path}/network-policy`) ? [] : [{ template, ...known, name: text(fields(template.object.manifest.metadata).name) ?? path, path }];
  });
}

/** The Service of `callee` (its own name's first, else the first whose selector takes its pods) with its web port's targets. */
function webTargets(index: ObjectIndex, callee: StackApp): ReturnType<typeof calledTargets> {
  const selecting = index.of('Service').filter((service) => {
    const selector = stringMap(fields(service.manifest.spec).selector);
    return namespaceOf(service) === callee.template.namespace && Object.keys(selector).length > 0
      && Object.entries(selector).every(([key, value]) => callee.template.labels[key] === value);
  });
  const service = selecting.find((s) => text(fields(s.manifest.metadata).name) === callee.name) ?? selecting[0];
  const targets = service === undefined ? [] : calledTargets(service, undefined, callee.template).filter((t) => t.protocol === 'TCP');
  const web = targets.filter((t) => /^(http|https|web|webui|ui)$/.test(t.name ?? '') || list(fields(service?.manifest.spec).ports).some((p) => p.port === t.servicePort && /^(http|https|web|webui|ui)$/.test(text(p.name) ?? '')));
  return web.length > 0 ? web : targets.slice(0, 1);
}

/**
 * Each link of a media stack or of Live TV ({@link LINKS}) between two Apps of the cluster that a NetworkPolicy surely refuses on
 * the callee's web port, where the caller reaches no other app of the callee's kind (and, for Live TV, no other media
 * server reaches the channel maker): one warning on the callee's
 * `allowFrom` where its own policy refuses the caller, or on the caller's `egress` where the caller's listed egress
 * leaves the callee out.
 */
export function checkMediaStackLinks(cluster: SynthesizedCluster): Finding[] {
  const apps = stackApps(cluster.objects);
  const links = LINKS.filter((link) => apps.some((a) => a.role === link.from) && apps.some((a) => a.role === link.to));
  if (links.length === 0) {
    return [];
  }
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  for (const link of links) {
    const pairs = apps.filter((a) => a.role === link.from).map((caller) => ({
      caller,
      callees: apps.filter((a) => a.role === link.to && a.template !== caller.template).map((callee) => ({
        callee, refused: refusal(index, policyPodOf(cluster, index, caller.template), { ...policyPodOf(cluster, index, callee.template), workload: callee.name }, webTargets(index, callee)),
      })),
    }));
    // The callees of a link set up on one caller that some caller reaches: those it serves.
    const served = new Set(link.setUpOnOne === true ? pairs.flatMap(({ callees }) => callees.filter(({ refused }) => refused === undefined).map(({ callee }) => callee.template)) : []);
    for (const { caller, callees } of pairs) {
      // A caller that reaches one app of a kind (its own stack's qBittorrent) is wired to it: others of that kind belong to another stack.
      const reached = new Set(callees.filter(({ refused }) => refused === undefined).map(({ callee }) => callee.app));
      for (const { callee, refused } of callees) {
        if (refused === undefined || reached.has(callee.app) || served.has(callee.template)) {
          continue;
        }
        const what = `${link.what(caller.app, callee.app)}, a link set in their web interfaces`;
        const [callerVar, calleeVar] = [camel(caller.name), camel(callee.name)];
        findings.push(refused.direction === 'ingress'
          ? {
            layer: 'policy', severity: 'warning', constructPath: callee.path, field: 'allowFrom',
            message: `${what}; the NetworkPolicy of ${callee.name}'s pods admits nothing from ${caller.name}'s on port ${refused.port}, so it would time out`,
            hint: `admit it where ${callee.name} is declared: allowFrom: [${callerVar}] (or ${calleeVar}.addAllowFrom(${callerVar})); leave it where that link is not used`,
          }
          : {
            layer: 'policy', severity: 'warning', constructPath: caller.path, field: 'egress',
            message: `${what}; ${caller.name}'s egress lists peers and leaves ${callee.name} out, so it would time out on port ${refused.port}`,
            hint: `list it: egress: [${calleeVar}, …] on ${caller.name}, which also admits ${caller.name} in ${callee.name}'s policy`,
          });
      }
    }
  }
  return findings;
}
