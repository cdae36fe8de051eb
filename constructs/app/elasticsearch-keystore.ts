import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';
import { ELASTICSEARCH_IMAGE } from './stateful-servers';

// Elasticsearch's image takes the `elastic` user's password from ELASTIC_PASSWORD: its entrypoint writes it into the
// keystore (`elasticsearch-keystore add bootstrap.password`) under /usr/share/elasticsearch/config, beside the image's
// own elasticsearch.yml and jvm.options, before the node starts. On the read-only root filesystem an App runs with,
// that write fails and the entrypoint exits, so the pod restarts forever.

/** The folder the keystore is written in, which a volume cannot replace: the image's settings files live there. */
const CONFIG_DIR = '/usr/share/elasticsearch/config';

/**
 * Containers of Elasticsearch's image given ELASTIC_PASSWORD on a read-only root with nothing mounted at its config
 * folder: one problem each, on `env.ELASTIC_PASSWORD`, whose hint makes the root writable. A replaced entrypoint
 * (`command`) is left alone. Pure.
 */
export function elasticsearchKeystoreProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix, mountPaths }) => {
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    if (typeof container.image !== 'string' || !ELASTICSEARCH_IMAGE.test(container.image) || env.ELASTIC_PASSWORD === undefined
      || container.command !== undefined || container.exemptions?.writableRootFilesystem !== undefined
      || [...mountPaths].some((path) => CONFIG_DIR === path || CONFIG_DIR.startsWith(`${path}/`))) {
      return [];
    }
    return [{
      field: `${prefix}env.ELASTIC_PASSWORD`,
      message: `Elasticsearch's entrypoint writes ELASTIC_PASSWORD into its keystore in ${CONFIG_DIR}, on the read-only root filesystem: the write fails and the container exits before the node starts`,
      hint: `let it write there: exemptions: { writableRootFilesystem: 'the entrypoint writes bootstrap.password into the keystore under ${CONFIG_DIR}' }`
        + ' (a volume there would hide the image\'s elasticsearch.yml and jvm.options)',
    }];
  });
}
