import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';
import { holdsFolder } from './database-data';

/** itzg's Minecraft Java server image, whose start scripts read the EULA and the JVM's heap from its env. */
export const MINECRAFT_JAVA_IMAGE = /^(?:docker\.io\/)?itzg\/minecraft-server(?::|@|$)/;

/** itzg's Bedrock server image, whose entrypoint reads the EULA from its env too. */
const MINECRAFT_BEDROCK_IMAGE = /^(?:docker\.io\/)?itzg\/minecraft-bedrock-server(?::|@|$)/;

/**
 * The forms the JVM takes after `-Xms` and `-Xmx`, as the Java image writes MEMORY there: a whole number with a
 * unit of one letter (`6G`, `2048m`), a percentage of the container's limit (`75%`, `-XX:MaxRAMPercentage`),
 * or empty (the JVM sizes the heap itself).
 */
const JVM_HEAP_SIZE = /^(?:\d+[kmgt]?|\d+(?:\.\d+)?%|)$/i;

/** The variables the Java image writes after `-Xms` and `-Xmx`. */
const HEAP_VARIABLES = ['MEMORY', 'INIT_MEMORY', 'MAX_MEMORY'] as const;

/** The heap size meant by `written` in a form the JVM refuses (`6GB`, `6Gi`, `6 G`), or undefined. Pure. */
function heapMeant(written: string): string | undefined {
  const match = /^\s*(\d+)\s*([kmgt])(?:i?b?|b)\s*$/i.exec(written);
  return match ? `${match[1]}${match[2].toUpperCase()}` : undefined;
}

/**
 * Containers of itzg's Minecraft images that would stop as they start: the Java and the Bedrock server exit on a
 * fresh world unless `EULA` is `TRUE` (in any case; the Java image writes the value into `eula.txt`, where the
 * server takes `true` alone, and the Bedrock entrypoint compares it with `TRUE`), so `EULA` left out is an error on
 * the container's `image` and any other value (`yes`, `1`, `accept`) one on `env.EULA`; the Java image passes
 * `MEMORY`, `INIT_MEMORY` and `MAX_MEMORY` to the JVM as `-Xms`/`-Xmx`, which refuses a size in docker's or
 * Kubernetes' units (`6GB`, `6Gi`) and exits, an error on that variable. A value that is no text is the env
 * check's. Pure.
 */
export function minecraftServerProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const image = container.image;
    const java = typeof image === 'string' && MINECRAFT_JAVA_IMAGE.test(image);
    if (typeof image !== 'string' || (!java && !MINECRAFT_BEDROCK_IMAGE.test(image))) {
      return [];
    }
    const env = container.env !== null && typeof container.env === 'object' && !Array.isArray(container.env) ? container.env as Record<string, unknown> : {};
    const problems: PropProblem[] = [];
    const server = java ? 'the Minecraft Java server' : 'the Minecraft Bedrock server';
    const accept = `${prefix}env: { EULA: 'TRUE' } accepts Minecraft's EULA (https://aka.ms/MinecraftEULA), as the image asks`;
    if (!('EULA' in env)) {
      problems.push({
        field: `${prefix}image`,
        message: `image "${image}" runs ${server}, which exits at its first start on a fresh world unless EULA is TRUE ("Please accept the Minecraft EULA"), and env has no EULA`,
        hint: accept,
      });
    } else if (typeof env.EULA === 'string' && env.EULA.trim().toLowerCase() !== 'true') {
      problems.push({
        field: `${prefix}env.EULA`,
        message: `EULA is "${env.EULA}", and ${server} takes TRUE alone as accepting the EULA: it exits at its first start on a fresh world`,
        hint: accept,
      });
    }
    if (java) {
      for (const name of HEAP_VARIABLES) {
        const written = env[name];
        if (typeof written === 'string' && !JVM_HEAP_SIZE.test(written)) {
          const meant = heapMeant(written);
          problems.push({
            field: `${prefix}env.${name}`,
            message: `${name} is "${written}", which the image passes to the JVM as ${name === 'MEMORY' ? `-Xms${written} and -Xmx` : name === 'INIT_MEMORY' ? '-Xms' : '-Xmx'}${written}; the JVM takes a whole number with k, m, g or t after it and exits on anything else ("Invalid maximum heap size")`,
            hint: `write ${name}: '${meant ?? '6G'}'${meant === undefined ? ' (a whole number of gibibytes with G, of mebibytes with M)' : ''}, or a share of the memory limit: ${name}: '75%'`,
          });
        }
      }
    }
    return problems;
  });
}

/** How long mc-server-runner waits for the Java server to save and stop after SIGTERM, unless STOP_DURATION says, in seconds. */
const DEFAULT_STOP_SECONDS = 60;

/** The seconds the pod is given beyond the runner's own wait, for the runner to end the server and exit itself. */
const STOP_MARGIN_SECONDS = 10;

/**
 * The seconds a container of `image` with `env` (an App's map, or a container's list of `{ name, value }`) waits
 * for its server to save and stop after SIGTERM, or undefined for an image that is not known to: itzg's Java image
 * runs the server under mc-server-runner, which sends it `stop` and waits `STOP_DURATION` seconds (60 unless set)
 * before it kills it. Pure.
 */
export function serverStopSeconds(image: unknown, env: unknown): number | undefined {
  if (typeof image !== 'string' || !MINECRAFT_JAVA_IMAGE.test(image)) {
    return undefined;
  }
  const written = Array.isArray(env)
    ? (env as Array<{ name?: unknown; value?: unknown } | null>).find((variable) => variable?.name === 'STOP_DURATION')?.value
    : env !== null && typeof env === 'object' ? (env as Record<string, unknown>).STOP_DURATION : undefined;
  return typeof written === 'string' && /^\d+$/.test(written.trim()) ? Number(written) : DEFAULT_STOP_SECONDS;
}

/** The grace period a pod of a server that waits `stopSeconds` after SIGTERM is given: that wait and a margin. Pure. */
export function stopGracePeriod(stopSeconds: number): number {
  return stopSeconds + STOP_MARGIN_SECONDS;
}

/**
 * The Minecraft server of `image` when a volume mounted at `mountPaths` in a container of it holds its world (itzg's
 * images keep it under `/data`): a copy of the folder taken while the server runs tears the region files it writes,
 * unless saving is paused for the copy. Undefined otherwise. Pure.
 */
export function minecraftWorldOn(image: unknown, mountPaths: readonly string[]): string | undefined {
  if (typeof image !== 'string' || !holdsFolder(mountPaths, '/data')) {
    return undefined;
  }
  return MINECRAFT_JAVA_IMAGE.test(image) ? "Minecraft's Java server" : MINECRAFT_BEDROCK_IMAGE.test(image) ? "Minecraft's Bedrock server" : undefined;
}

/** The port the Java image's RCON listens on unless RCON_PORT moves it. */
const DEFAULT_RCON_PORT = 25575;

/**
 * A probe of the Minecraft Java server's app (the main container) that checks the RCON port while RCON is off
 * (`ENABLE_RCON` other than `true` or `on`, as the image reads it): nothing listens there, so the probe never passes
 * and the pod is never ready (or, for liveness, restarted without end). One error on the probe's `port`, whose hint
 * probes the game port. Pure.
 */
export function minecraftProbeProblems(props: { readonly image?: unknown; readonly env?: unknown; readonly probes?: unknown } | null | undefined): PropProblem[] {
  if (typeof props?.image !== 'string' || !MINECRAFT_JAVA_IMAGE.test(props.image) || props.probes === null || typeof props.probes !== 'object') {
    return [];
  }
  const env = props.env !== null && typeof props.env === 'object' && !Array.isArray(props.env) ? props.env as Record<string, unknown> : {};
  const enabled = env.ENABLE_RCON;
  if (typeof enabled !== 'string' || ['true', 'on'].includes(enabled.trim().toLowerCase())) {
    return [];
  }
  const rconPort = typeof env.RCON_PORT === 'string' && /^\d+$/.test(env.RCON_PORT) ? Number(env.RCON_PORT) : DEFAULT_RCON_PORT;
  return (['readiness', 'liveness', 'startup'] as const).flatMap((kind) => {
    const probe = (props.probes as Record<string, { readonly port?: unknown } | false | undefined>)[kind];
    return probe && probe.port === rconPort ? [{
      field: `probes.${kind}.port`,
      message: `the ${kind} probe checks port ${rconPort}, RCON's, and ENABLE_RCON is "${enabled}": the server opens no RCON port, so the probe never passes`,
      hint: `probe the game port, probes: { ${kind}: { tcp: true, port: 25565 } }, or turn RCON on (ENABLE_RCON: 'true', with RCON_PASSWORD from a Secret)`,
    }] : [];
  });
}

/** The port the Java server takes players on unless SERVER_PORT moves it. */
const DEFAULT_SERVER_PORT = 25565;

/**
 * The players' port of itzg's Minecraft Java server in offline mode (`ONLINE_MODE` false, as a server behind a
 * BungeeCord or Velocity proxy is set): it checks no player's account, so whoever reaches the port joins under the
 * name they give, an operator's too. Undefined for another image or a server in online mode. Pure.
 */
export function offlineServerPort(image: unknown, env: unknown): number | undefined {
  if (typeof image !== 'string' || !MINECRAFT_JAVA_IMAGE.test(image) || env === null || typeof env !== 'object' || Array.isArray(env)) {
    return undefined;
  }
  const { ONLINE_MODE: online, SERVER_PORT: port } = env as Record<string, unknown>;
  if (typeof online !== 'string' || online.trim().toLowerCase() !== 'false') {
    return undefined;
  }
  return typeof port === 'string' && /^\d+$/.test(port.trim()) ? Number(port) : DEFAULT_SERVER_PORT;
}
