import type { SynthesizedCluster } from '../synth/collect';
import { ALLOY_IMAGE } from '../app/alloy-listen-address';
import { VMAGENT_IMAGE } from '../app/victoria-metrics-flags';
import { expandsVariable } from '../app/command-references';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplates, runsWithPod } from './pod-spec';

// Scrapers and log shippers read one configuration file their arguments name, and exit at start when it is not there
// ("cannot read -promscrape.config", "failed to load configuration"). A ConfigMap mounted as a folder holds one file
// per key, so a file named after another key (`prometheus.yml` where the key is `scrape.yml`) is missing, and the pod
// restarts into CrashLoopBackOff though every object was taken.

/** A program whose configuration file its arguments name. */
interface ConfigReader {
  /** The image, by repository, with or without a registry. */
  readonly image: RegExp;
  /** The program, as messages name it. */
  readonly program: string;
  /** The flags that name the file (`-flag=path` or `-flag path`); none: the first word after `run` that is no flag. */
  readonly flags?: readonly string[];
  /**
   * The files the image ships, where it is known to ship no other: a path no volume holds and not among them is
   * missing. @default - unknown: only a file of a mounted ConfigMap folder is judged
   */
  readonly ships?: readonly string[];
}

/**
 * vmagent's image is built `FROM scratch` with its binary alone; Alloy's ships `/etc/alloy/config.alloy` (and reads a
 * folder of `*.alloy` files too); Prometheus', Promtail's and Loki's read `--config.file`/`-config.file`.
 */
const CONFIG_READERS: readonly ConfigReader[] = [
  { image: VMAGENT_IMAGE, program: 'vmagent', flags: ['-promscrape.config', '--promscrape.config'], ships: [] },
  { image: ALLOY_IMAGE, program: 'Alloy', ships: ['/etc/alloy/config.alloy'] },
  { image: /^((docker\.io\/)?prom|quay\.io\/prometheus)\/prometheus(?=[:@]|$)/, program: 'Prometheus', flags: ['--config.file', '-config.file'] },
  { image: /^(docker\.io\/)?grafana\/(promtail|loki)(?=[:@]|$)/, program: 'Promtail or Loki', flags: ['-config.file', '--config.file'] },
];

/** Alloy's flags that take no value, so the word after one is the configuration's path. */
const ALLOY_SWITCHES = new Set([
  '--server.http.enable-pprof', '--server.http.disable-support-bundle', '--cluster.enabled', '--cluster.enable-tls', '--disable-reporting',
  '--config.bypass-conversion-errors', '--feature.community-components.enabled',
]);

/** The path `args` name for `reader` and the index of the word that holds it, or undefined. Pure. */
function namedPath(reader: ConfigReader, args: readonly string[]): { readonly path: string; readonly at: number } | undefined {
  if (reader.flags !== undefined) {
    for (let i = 0; i < args.length; i++) {
      const flag = reader.flags.find((f) => args[i] === f || args[i].startsWith(`${f}=`));
      if (flag !== undefined) {
        return args[i] === flag ? (i + 1 < args.length ? { path: args[i + 1], at: i + 1 } : undefined) : { path: args[i].slice(flag.length + 1), at: i };
      }
    }
    return undefined;
  }
  for (let i = args.indexOf('run') + 1; i > 0 && i < args.length; i++) {
    if (!args[i].startsWith('-')) {
      return { path: args[i], at: i };
    }
    if (!args[i].includes('=') && !ALLOY_SWITCHES.has(args[i])) {
      i++;
    }
  }
  return undefined;
}

/**
 * Containers of a scraper or log shipper whose arguments name a configuration file that is not there: a file of a
 * mounted ConfigMap folder that the ConfigMap has no key for, or, for an image known to ship no other, a path no
 * volume holds. One error per container, on the argument, whose hint names the files the ConfigMap holds. A
 * ConfigMap the output does not hold, one mounted with `items`, a replaced entrypoint, a URL and a path Kubernetes fills
 * in from a variable of the container are left alone.
 */
export function checkNamedConfigFiles(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  return podTemplates(cluster.objects).flatMap((template) => containersOf(template).flatMap((ref): Finding[] => {
    const reader = CONFIG_READERS.find((r) => r.image.test(text(ref.container.image) ?? ''));
    const args = Array.isArray(ref.container.args) ? ref.container.args.map(String) : [];
    const named = reader === undefined || !runsWithPod(ref) || ref.container.command !== undefined ? undefined : namedPath(reader, args);
    // A path Kubernetes fills in from a variable of the container (`/etc/vmagent/$(STAGE).yml`) is not known here.
    const variables = list(ref.container.env).map((e) => text(e.name) ?? '');
    if (named === undefined || !named.path.startsWith('/') || expandsVariable(named.path, variables)) {
      return [];
    }
    const path = named.path.replace(/\/+$/, '');
    const mount = list(ref.container.volumeMounts)
      .filter((m) => typeof m.mountPath === 'string' && (path === m.mountPath.replace(/\/+$/, '') || path.startsWith(`${m.mountPath.replace(/\/+$/, '')}/`)))
      .sort((a, b) => String(b.mountPath).length - String(a.mountPath).length)[0];
    const report = (why: string, hint: string): Finding[] => [objectFinding(template.object, {
      layer: 'references', severity: 'error', field: `${ref.path}.args[${named.at}]`,
      message: `${reader!.program} is told to read its configuration from ${path}, ${why}: it exits as it starts and the pod restarts into CrashLoopBackOff`,
      hint,
    })];
    if (mount === undefined) {
      return reader!.ships === undefined || reader!.ships.includes(path) ? []
        : report('which no volume holds and the image does not ship', 'mount the configuration there, e.g. a ConfigMap whose key is the file\'s name: persistence: { config: { volume: AppVolume.configMap(\'<name>\'), mountPath: \'<its folder>\' } }');
    }
    const volume = list(template.spec.volumes).find((v) => text(v.name) === text(mount.name));
    const configMapName = text(fields(volume?.configMap).name);
    const configMap = configMapName === undefined ? undefined : index.find('ConfigMap', template.namespace, configMapName);
    if (configMap === undefined || mount.subPath !== undefined || fields(volume?.configMap).items !== undefined) {
      return [];
    }
    const keys = [...Object.keys(fields(configMap.manifest.data)), ...Object.keys(fields(configMap.manifest.binaryData))];
    const folder = String(mount.mountPath).replace(/\/+$/, '');
    if (path === folder) {
      return reader!.flags === undefined && !keys.some((key) => key.endsWith('.alloy'))
        ? report(`a folder of ConfigMap ${configMapName}'s keys, none of them an .alloy file`, `name its configuration file ${folder}/config.alloy, the key of ConfigMap ${configMapName} that holds it`)
        : [];
    }
    const file = path.slice(folder.length + 1);
    if (keys.includes(file)) {
      return [];
    }
    return report(`but ConfigMap ${configMapName}, mounted at ${folder}, has no key ${file} (it holds ${keys.length === 0 ? 'no file' : keys.join(', ')})`,
      keys.length === 1 ? `name the file its key makes: ${folder}/${keys[0]}` : `name one of the files its keys make (${keys.map((key) => `${folder}/${key}`).join(', ')}), or add the key ${file} to ConfigMap ${configMapName}`);
  }));
}
