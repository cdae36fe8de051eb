import type { PropProblem } from '../validation/known-props';
import { commandLineWords, givesFlag } from './command-line-words';
import { propContainers, type PropContainersProps, propEnvValue } from './prop-containers';

// Scrutiny's collector sends what it reads of the disks to the web's API at `api.endpoint`, which its configuration
// (viper, with the prefix COLLECTOR) takes from COLLECTOR_API_ENDPOINT or from collector.yaml in /opt/scrutiny/config,
// and is `http://localhost:8080` unless given: the omnibus image's web in the same container. The collector image run
// on its own, as a DaemonSet of every node, then sends each run to its own pod, where nothing listens, and the web
// shows no disk.

/** Scrutiny's own collector image (`ghcr.io/analogj/scrutiny:v0.8.1-collector`, `master-collector`). */
const SCRUTINY_COLLECTOR_IMAGE = /^(?:ghcr\.io\/)?analogj\/scrutiny:[^@]*collector/;

/** The folder the collector image reads collector.yaml from. */
const CONFIG_FOLDER = '/opt/scrutiny/config';

/** The variables the collector takes its endpoint from: its own, and the older name it still reads. */
const ENDPOINT_VARIABLES = ['COLLECTOR_API_ENDPOINT', 'SCRUTINY_API_ENDPOINT'];

/**
 * The flags of `scrutiny-collector-metrics run` that name the endpoint, or a collector.yaml elsewhere that may name
 * it (a Go program of urfave/cli takes each with one dash or two).
 */
const ENDPOINT_FLAGS = ['api-endpoint', 'config'].flatMap((name) => [`--${name}`, `-${name}`]);

/** The port of the endpoint the collector calls unless told another. */
const DEFAULT_API_PORT = 8080;

/**
 * Scrutiny's collector image as an app's main container given no endpoint (by COLLECTOR_API_ENDPOINT, the older
 * SCRUTINY_API_ENDPOINT, or `scrutiny-collector-metrics run --api-endpoint` or `--config` among its command and
 * args) and no volume at its configuration folder, in a pod that serves nothing on 8080: one problem on `env`. Pure.
 */
export function scrutinyCollectorEndpointProblems(props: PropContainersProps, app: string): PropProblem[] {
  const [main] = propContainers(props, app);
  if (main === undefined || typeof props.image !== 'string' || !SCRUTINY_COLLECTOR_IMAGE.test(props.image)
    || ENDPOINT_VARIABLES.some((name) => propEnvValue(props.env, name) !== undefined) || givesFlag(commandLineWords(props), ENDPOINT_FLAGS)
    || [...main.mountPaths].some((path) => path === CONFIG_FOLDER || path.startsWith(`${CONFIG_FOLDER}/`) || CONFIG_FOLDER.startsWith(`${path}/`))
    || (Array.isArray(props.ports) && props.ports.some((port) => (port as { port?: unknown } | null)?.port === DEFAULT_API_PORT))) {
    return [];
  }
  return [{
    field: 'env',
    message: `Scrutiny's collector is given no COLLECTOR_API_ENDPOINT, so it sends each run to http://localhost:${DEFAULT_API_PORT}, its own pod, `
      + "where nothing listens: the web's API never hears of a disk",
    hint: "name the web's Service: env: { COLLECTOR_API_ENDPOINT: 'http://scrutiny-web.<namespace>:8080' } (or set api.endpoint in collector.yaml under /opt/scrutiny/config)",
  }];
}
