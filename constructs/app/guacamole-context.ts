import type { PropProblem } from '../validation/known-props';
import type { ProbeProps, ProbesProps } from './probes';

// Apache Guacamole's image deploys its web app into Tomcat under the context WEBAPP_CONTEXT names, `guacamole`
// unless set (`ROOT` puts it at the root), and Tomcat serves nothing else: every path outside the context is 404.

/** Apache Guacamole's web app image (`guacamole/guacamole` on Docker Hub). */
const GUACAMOLE_IMAGE = /^(docker\.io\/)?guacamole\/guacamole(?=[:@]|$)/;

/** What a probe that fails at every try does to the pod. */
const OUTCOME = { readiness: 'the pod is never ready', liveness: 'the container is restarted again and again', startup: 'the container is killed before it ever counts as started' } as const;

/** The path the web app answers under, with a trailing slash: `/guacamole/` unless `WEBAPP_CONTEXT` says another, `/` for `ROOT`. Pure. */
export function guacamoleContextPath(context: string | undefined): string {
  const name = (context ?? 'guacamole').trim().replace(/^\/+|\/+$/g, '');
  return name === 'ROOT' || name === '' ? '/' : `/${name}/`;
}

/**
 * The HTTP probes (`probes.<name>.httpPath`) of Guacamole's image that ask a path outside its web app's context
 * ({@link guacamoleContextPath}): Tomcat answers them 404, so the probe fails at every try and the pod is never
 * ready (or is restarted for ever). One problem on each such probe's `httpPath`. A context from a Secret is not
 * judged. Pure.
 */
export function guacamoleProbeProblems(image: unknown, env: Readonly<Record<string, unknown>>, probes: ProbesProps | undefined): PropProblem[] {
  const given = env.WEBAPP_CONTEXT;
  if (typeof image !== 'string' || !GUACAMOLE_IMAGE.test(image) || (given !== undefined && typeof given !== 'string')
    || probes === null || typeof probes !== 'object') {
    return [];
  }
  const context = guacamoleContextPath(given);
  const served = (path: string) => context === '/' || path.startsWith(context) || path === context.slice(0, -1);
  const where = given === undefined ? 'unless WEBAPP_CONTEXT names another' : `where WEBAPP_CONTEXT ${JSON.stringify(given)} puts it`;
  return (['readiness', 'liveness', 'startup'] as const).flatMap((name) => {
    const probe: ProbeProps | false | undefined = probes[name];
    if (!probe || typeof probe.httpPath !== 'string' || probe.command !== undefined || served(probe.httpPath)) {
      return [];
    }
    return [{
      field: `probes.${name}.httpPath`,
      message: `Guacamole's image deploys its web app at ${context}, ${where}, and Tomcat serves nothing else: the ${name} probe asks `
        + `${probe.httpPath} and gets 404 at every try, so ${OUTCOME[name]}`,
      hint: `probe the web app where it is: httpPath: '${context}'; or deploy it at the root: env: { WEBAPP_CONTEXT: 'ROOT' }`,
    }];
  });
}
