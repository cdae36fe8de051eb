import type { PropProblem } from '../validation/known-props';
import { isSize, quantityValue } from '../validation/quantity';
import { propContainers, PropContainerMounts, PropContainersProps } from './prop-containers';
import { DEFAULT_RESOURCES, limitAbove } from './resources';
import { MINECRAFT_JAVA_IMAGE } from './minecraft-server';

const MIB = 2 ** 20;

/** A memory amount a program is told to take for itself, and where it was written. */
interface ProgramMemory {
  /** The prop that holds it (`env.JAVA_OPTS`, `args`), after the container's prefix. */
  readonly field: string;
  /** What it is, for the message (`the JVM heap -Xmx2g`). */
  readonly what: string;
  /** How much it is, in bytes. */
  readonly bytes: number;
  /** How to keep the program within its container's limit, other than raising the limit. */
  readonly instead: string;
}

/** Units of the JVM's `-Xmx` and of PostgreSQL's memory settings: binary, whatever their case. */
const BINARY_UNITS: Readonly<Record<string, number>> = { '': 1, k: 2 ** 10, kb: 2 ** 10, m: MIB, mb: MIB, g: 2 ** 30, gb: 2 ** 30, t: 2 ** 40, tb: 2 ** 40 };

/** The pattern of a JVM option that takes an amount (`-Xmx2g`), by the option's name. */
function jvmOption(option: string): RegExp {
  return new RegExp(`(?:^|\\s)${option}(\\d+)([kmgt]?)(?=\\s|$)`, 'i');
}

/** The JVM's maximum heap, and its direct memory: patterns made once, as every string of an app's env is read for them. */
const JVM_HEAP = jvmOption('-Xmx');
const JVM_DIRECT_MEMORY = jvmOption('-XX:MaxDirectMemorySize=');

/** The amount of the JVM option `option` matches in `text` (`-Xmx2g`, `-XX:MaxDirectMemorySize=1536m`), in bytes. */
function jvmAmount(text: string, option: RegExp): number | undefined {
  const match = option.exec(text);
  return match ? Number(match[1]) * BINARY_UNITS[match[2].toLowerCase()] : undefined;
}

/** The JVM's maximum heap in `text` (`-Xmx2g`, `-Xmx1536m`), in bytes. */
function jvmHeap(text: string): number | undefined {
  return jvmAmount(text, JVM_HEAP);
}

/**
 * What the JVM options in `text` let it take: the heap (`-Xmx`), and beside it the direct memory its
 * `-XX:MaxDirectMemorySize` allows, which is not in the heap (Nexus' documented options give both 2703m).
 */
function jvmMemory(text: string): { bytes: number; direct: boolean } | undefined {
  const heap = jvmHeap(text);
  const direct = heap === undefined ? undefined : jvmAmount(text, JVM_DIRECT_MEMORY);
  return heap === undefined ? undefined : { bytes: heap + (direct ?? 0), direct: direct !== undefined };
}

/** The JVM memory a setting names, for the message. */
const jvmWhat = (direct: boolean) => direct ? 'the JVM heap -Xmx plus its direct memory -XX:MaxDirectMemorySize' : 'the JVM heap -Xmx';

/** PostgreSQL's `shared_buffers` set on its command line (`-c shared_buffers=2GB`, `--shared_buffers=2GB`), in bytes. */
function sharedBuffers(args: readonly string[]): number | undefined {
  for (let i = 0; i < args.length; i++) {
    const setting = args[i] === '-c' ? args[i + 1] ?? '' : args[i].replace(/^(?:-c\s*|--)/, '');
    const match = /^shared_buffers\s*=\s*(\d+)\s*(kB|MB|GB|TB)?$/i.exec(setting.trim());
    if (match) {
      // Without a unit the amount is in blocks of 8 kB.
      return Number(match[1]) * (match[2] === undefined ? 8 * 2 ** 10 : BINARY_UNITS[match[2].toLowerCase()]);
    }
  }
  return undefined;
}

/** SonarQube's official image. */
export const SONARQUBE_IMAGE = /^(?:docker\.io\/)?(?:library\/)?sonarqube(?::|@|$)/;

/** SonarQube's JVMs, as its `SONAR_<JVM>_JAVAOPTS` variables name them. */
const SONARQUBE_JVMS = ['WEB', 'CE', 'SEARCH'] as const;

/** Strings of a prop that is a list of them; other values are reported by the props' shape. */
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The memory settings a container gives the program it runs: the JVM's heap in its env or command line (SonarQube's three by its image), PostgreSQL's shared buffers. */
function programMemory({ container, prefix }: PropContainerMounts): ProgramMemory[] {
  const found: ProgramMemory[] = [];
  const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
  const heapInstead = "-XX:MaxRAMPercentage=75 in place of -Xmx, which sizes the heap from the container's limit";
  const jvmInstead = (direct: boolean) => direct ? 'a heap and a direct memory that together leave a quarter of the limit free' : heapInstead;
  for (const [name, value] of Object.entries(env)) {
    const jvm = typeof value === 'string' ? jvmMemory(value) : undefined;
    if (jvm !== undefined) {
      found.push({ field: `${prefix}env.${name}`, what: `${jvmWhat(jvm.direct)} of ${name}`, bytes: jvm.bytes, instead: jvmInstead(jvm.direct) });
    }
  }
  // itzg/minecraft-server starts the JVM with -Xms and -Xmx of its MEMORY (MAX_MEMORY for -Xmx alone), 1G unless set.
  if (typeof container.image === 'string' && MINECRAFT_JAVA_IMAGE.test(container.image)) {
    const name = typeof env.MAX_MEMORY === 'string' ? 'MAX_MEMORY' : 'MEMORY';
    const written = env[name];
    const amount = typeof written === 'string' ? /^(\d+)([kmgt]?)$/i.exec(written.trim()) : written === undefined ? ['1G', '1', 'G'] : null;
    if (amount !== null) {
      found.push({
        field: written === undefined ? `${prefix}image` : `${prefix}env.${name}`,
        what: written === undefined ? "the JVM heap the image gives Minecraft unless MEMORY is set (1G)" : `the JVM heap ${name} gives Minecraft`,
        bytes: Number(amount[1]) * BINARY_UNITS[amount[2].toLowerCase()],
        instead: 'MEMORY of about three quarters of the limit',
      });
    }
  }
  // SonarQube runs three JVMs, its web server, its compute engine and Elasticsearch, of 512m each unless its env says.
  if (typeof container.image === 'string' && SONARQUBE_IMAGE.test(container.image)) {
    const heaps = SONARQUBE_JVMS.map((jvm) => {
      const written = env[`SONAR_${jvm}_JAVAOPTS`];
      return (typeof written === 'string' ? jvmHeap(written) : undefined) ?? 512 * MIB;
    });
    const given = SONARQUBE_JVMS.some((jvm) => typeof env[`SONAR_${jvm}_JAVAOPTS`] === 'string');
    found.push({
      field: `${prefix}image`,
      what: `the sum of the heaps of SonarQube's three JVMs (web server, compute engine and Elasticsearch${given ? '' : ', 512m each unless SONAR_WEB_JAVAOPTS, SONAR_CE_JAVAOPTS and SONAR_SEARCH_JAVAOPTS say'})`,
      bytes: heaps.reduce((sum, heap) => sum + heap, 0),
      instead: 'smaller heaps in SONAR_WEB_JAVAOPTS, SONAR_CE_JAVAOPTS and SONAR_SEARCH_JAVAOPTS (-Xmx256m), which SonarQube answers slowly with',
    });
  }
  for (const prop of ['command', 'args'] as const) {
    const words = strings(container[prop]);
    const heap = words.map(jvmHeap).find((bytes) => bytes !== undefined);
    const direct = heap === undefined ? undefined : words.map((word) => jvmAmount(word, JVM_DIRECT_MEMORY)).find((bytes) => bytes !== undefined);
    if (heap !== undefined) {
      found.push({ field: `${prefix}${prop}`, what: jvmWhat(direct !== undefined), bytes: heap + (direct ?? 0), instead: jvmInstead(direct !== undefined) });
    }
    const buffers = sharedBuffers(words);
    if (buffers !== undefined) {
      found.push({ field: `${prefix}${prop}`, what: "PostgreSQL's shared_buffers", bytes: buffers, instead: 'shared_buffers of about a quarter of the limit' });
    }
  }
  return found;
}

/** The memory limit a container of `props` gets: its own `resources.memoryLimit`, else the default above its request. */
function memoryLimitOf(props: PropContainersProps & { readonly resources?: unknown }, { container, prefix }: PropContainerMounts): { limit: string; field: string } | undefined {
  const resources = (prefix === '' ? props.resources : (container as { readonly resources?: unknown }).resources) ?? {};
  if (resources === null || typeof resources !== 'object') {
    return undefined;
  }
  const { memoryLimit, memoryRequest } = resources as { readonly memoryLimit?: unknown; readonly memoryRequest?: unknown };
  const limit = memoryLimit ?? limitAbove(DEFAULT_RESOURCES.memoryLimit, typeof memoryRequest === 'string' ? memoryRequest : undefined);
  return typeof limit === 'string' ? { limit, field: `${prefix}resources.memoryLimit` } : undefined;
}

/**
 * A program told to take as much memory as its container may use, or more: the JVM's heap (`-Xmx` in any env
 * variable, such as `JAVA_OPTS` or Nexus' `INSTALL4J_ADD_VM_PARAMS`, or on the command line, with the direct memory its
 * `-XX:MaxDirectMemorySize` allows beside the heap when it is given) or PostgreSQL's `shared_buffers` at or above the
 * container's memory limit (its `resources.memoryLimit`, 512Mi unless given). The kernel kills the container
 * once the program fills it, as the heap or the buffers alone take the whole limit and the program needs more
 * beside them. One error on the prop that sets the amount; an amount the resources check refuses is left to it. Pure.
 */
export function programMemoryProblems(props: PropContainersProps & { readonly resources?: unknown } | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app)): PropProblem[] {
  if (props === null || props === undefined || typeof props !== 'object') {
    return [];
  }
  return containers.flatMap((entry) => {
    const settings = programMemory(entry);
    const limit = settings.length > 0 ? memoryLimitOf(props, entry) : undefined;
    // A limit that is no size is reported by the resources check, once.
    const bytes = limit === undefined || !isSize(limit.limit) ? undefined : quantityValue(limit.limit);
    if (limit === undefined || bytes === undefined) {
      return [];
    }
    return settings.filter((setting) => setting.bytes >= bytes).map((setting) => ({
      field: setting.field,
      message: `${setting.what} is ${Math.round((setting.bytes / MIB) * 100) / 100} MiB, as much as the container's whole memory limit of ${limit.limit} or more; `
        + 'the program needs memory beside it, so the kernel kills the container (OOMKilled) once it fills up',
      hint: `raise ${limit.field} to at least ${Math.ceil((setting.bytes * 1.5) / MIB)}Mi, or give the program less: ${setting.instead}`,
    }));
  });
}
