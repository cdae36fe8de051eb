import type { PropProblem } from '../validation/known-props';

// TubeArchivist reaches Elasticsearch at ES_URL, a URL it joins each request's path to: its compose file says it
// "needs protocol e.g. http and port". Written as a bare `host:port`, as its REDIS_HOST is written, the URL names no
// scheme, its startup check of Elasticsearch fails and the container exits, so the pod restarts forever.

/** TubeArchivist's application image (not its Elasticsearch image, `bbilly1/tubearchivist-es`). */
export const TUBEARCHIVIST_IMAGE = /^(docker\.io\/)?bbilly1\/tubearchivist(?=[:@]|$)/;

/** The port Elasticsearch serves HTTP on, which the hint adds where the value names none. */
const ELASTICSEARCH_PORT = 9200;

/**
 * A TubeArchivist container (the app's main one) whose `ES_URL` has no scheme (`archivist-es:9200`): one problem on
 * `env.ES_URL`, whose hint writes the URL with `http://` and a port. Pure.
 */
export function tubeArchivistEnvProblems(container: { readonly image?: unknown; readonly env?: unknown }): PropProblem[] {
  if (typeof container.image !== 'string' || !TUBEARCHIVIST_IMAGE.test(container.image)) {
    return [];
  }
  const url = container.env !== null && typeof container.env === 'object' ? (container.env as Record<string, unknown>).ES_URL : undefined;
  if (typeof url !== 'string' || url.trim() === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    return [];
  }
  const withPort = /:\d+(\/|$)/.test(url) ? url : `${url.replace(/\/$/, '')}:${ELASTICSEARCH_PORT}`;
  return [{
    field: 'env.ES_URL',
    message: `ES_URL "${url}" names no scheme: TubeArchivist joins each request's path to it as a URL, so its startup check of Elasticsearch fails and the container exits`,
    hint: `write the URL with its scheme and port: ES_URL: 'http://${withPort}' (REDIS_HOST alone takes a bare host)`,
  }];
}
