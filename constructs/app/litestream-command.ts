import { yamlMapping } from '../validation/yaml-mapping';
import type { MountedConfigFile } from './mounted-config-files';
import { propEnvValue } from './prop-containers';
import type { PropContainerMounts } from './prop-containers';

// How a container runs Litestream: its image (`litestream/litestream`, whose entrypoint is the program) or a command
// that starts `litestream`, the subcommand, the flags as Go's flag package reads them (up to the first word that is
// no flag) and the configuration file it reads (`-config`, else `LITESTREAM_CONFIG`, else /etc/litestream.yml).

/** Litestream's image, on Docker Hub: its entrypoint is the `litestream` program. */
export const LITESTREAM_IMAGE = /^(docker\.io\/)?litestream\/litestream(?=[:@]|$)/;

/** Where Litestream reads its configuration unless told otherwise. */
const DEFAULT_CONFIG = '/etc/litestream.yml';

/** Flags of `replicate` and `restore` that take a value as the next word when written without `=`. */
const VALUE_FLAGS = new Set(['config', 'o', 'replica', 'generation', 'index', 'timestamp', 'txid', 'exec', 'parallelism']);

/** Flags of `replicate` and `restore` that take no value. */
const SWITCHES = new Set(['if-db-not-exists', 'if-replica-exists', 'no-expand-env', 'v', 'dry-run', 'once', 'force-snapshot', 'enforce-retention']);

/** The words of a line as text, a word of another kind (a lazy value) as empty. Pure. */
const words = (line: unknown): string[] => (Array.isArray(line) ? line.map((word) => (typeof word === 'string' ? word : '')) : []);

/** A word of a container's command line and the field that gave it (`command[1]`, `sidecars[0].args[0]`). */
export interface Word {
  readonly word: string;
  readonly field: string;
}

/** A Litestream command line: its subcommand, its flags' values and its positional words, each with its field. */
export interface LitestreamLine {
  readonly subcommand: Word;
  readonly flags: ReadonlyMap<string, string>;
  readonly positional: readonly Word[];
}

/**
 * The Litestream command a container runs (`prefix` names its fields), or undefined where it runs something else,
 * a shell, or a flag this reading does not know (its value might be the next word). Pure.
 */
export function litestreamLine(prefix: string, image: unknown, command: unknown, args: unknown): LitestreamLine | undefined {
  const given = words(command).map((word, i) => ({ word, field: `${prefix}command[${i}]` }));
  const rest = words(args).map((word, i) => ({ word, field: `${prefix}args[${i}]` }));
  if (given.length === 0 ? !(typeof image === 'string' && LITESTREAM_IMAGE.test(image)) : given[0].word.split('/').pop() !== 'litestream') {
    return undefined;
  }
  const [subcommand, ...line] = [...given.slice(1), ...rest];
  if (subcommand === undefined) {
    return undefined;
  }
  const flags = new Map<string, string>();
  const positional: Word[] = [];
  for (let i = 0; i < line.length; i++) {
    const { word } = line[i];
    // Go's flag package stops at the first word that is no flag.
    if (!word.startsWith('-') || positional.length > 0) {
      positional.push(line[i]);
      continue;
    }
    const [name, value] = word.replace(/^--?/, '').split(/=(.*)/s);
    if (value !== undefined) {
      flags.set(name, value);
    } else if (VALUE_FLAGS.has(name)) {
      flags.set(name, line[++i]?.word ?? '');
    } else if (!SWITCHES.has(name)) {
      return undefined;
    }
  }
  return { subcommand, flags, positional };
}

/** Whether a word of the command line is a replica's URL (`s3://bucket/path`) rather than a database's path. Pure. */
export const isUrl = (word: string): boolean => /^[a-z0-9]+:\/\//i.test(word);

/**
 * The configuration file a Litestream line reads (`-config`, else `LITESTREAM_CONFIG`, else the default), or undefined
 * where it reads none (`replicate` of a path and a URL, `restore` of a URL) or the variable's value is not text. Pure.
 */
export function configPathOf(line: LitestreamLine, env: unknown): string | undefined {
  const readsConfig = line.subcommand.word === 'replicate' ? line.positional.length === 0 : !line.positional.some(({ word }) => isUrl(word));
  const fromEnv = propEnvValue(env, 'LITESTREAM_CONFIG');
  return !readsConfig ? undefined : line.flags.get('config') ?? (typeof fromEnv === 'string' ? fromEnv : fromEnv === undefined ? DEFAULT_CONFIG : undefined);
}

/** A Litestream configuration file as one container reads it. */
export interface LitestreamConfig {
  /** The container that reads it. */
  readonly container: string;
  /** What the container does with it. */
  readonly subcommand: 'replicate' | 'restore';
  readonly config: Record<string, unknown>;
  /**
   * Whether the container sends its HTTPS through a proxy (`HTTPS_PROXY` or `https_proxy` set): Litestream's S3
   * client takes Go's default transport, which reads them, so the proxy, not the store, is what its egress reaches.
   */
  readonly proxied: boolean;
}

/** The variables Go's default transport reads for the proxy of an https:// request. */
const HTTPS_PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy'];

/**
 * Each configuration file the Litestream containers of `list` read, as `filesOf` gives the ConfigMap files a container
 * mounts, parsed; with the name of the container that reads it. Pure.
 */
export function litestreamConfigs(list: readonly PropContainerMounts[], filesOf: (entry: PropContainerMounts) => readonly MountedConfigFile[], app: string): LitestreamConfig[] {
  return list.flatMap((entry) => {
    const { container, prefix } = entry;
    const line = litestreamLine(prefix, container.image, container.command, container.args);
    const path = line === undefined || !['replicate', 'restore'].includes(line.subcommand.word) ? undefined : configPathOf(line, container.env);
    const file = path === undefined ? undefined : filesOf(entry).find((f) => f.path === path.replace(/\/+$/, ''));
    const config = file === undefined ? undefined : yamlMapping(file.text);
    const proxied = HTTPS_PROXY_VARIABLES.map((name) => propEnvValue(container.env, name)).some((value) => value !== undefined && value !== '');
    return config === undefined ? [] : [{ container: prefix === '' ? app : String(container.name), subcommand: line!.subcommand.word as LitestreamConfig['subcommand'], config, proxied }];
  });
}

/**
 * The name of the container of `list` that runs `litestream replicate` beside the app (a sidecar or a container of the
 * pod; `app` names the main one), or undefined where none does. Pure.
 */
export function litestreamReplicator(list: readonly PropContainerMounts[], app: string): string | undefined {
  const found = list.find(({ container, prefix }) => !prefix.startsWith('initContainers')
    && litestreamLine(prefix, container.image, container.command, container.args)?.subcommand.word === 'replicate');
  return found === undefined ? undefined : found.prefix === '' ? app : String(found.container.name);
}
