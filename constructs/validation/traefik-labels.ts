import type { ForeignForm, PropProblem } from './known-props';

// Traefik's Docker, Swarm, ECS, Nomad and Consul Catalog providers read their dynamic configuration
// (routers, services, middlewares) from container labels. Its Kubernetes providers read IngressRoutes and
// Ingresses, never a pod's or a Service's labels, so such a label carried over from a compose file is
// applied and does nothing: the app is simply not routed.

/**
 * Label keys that are Traefik dynamic configuration: `traefik.http.routers.<x>.rule`, `traefik.tcp.…`, and
 * Traefik 1's `traefik.frontend.rule`, `traefik.backend` and `traefik.port`, which posts of 2018 to 2019 still write.
 */
const CONFIGURATION_KEY = /^traefik\.(?:(?:http|tcp|udp|tls|docker|swarm|frontend|backend)\.|backend$|port$)/i;
/**
 * `traefik.enable` is a switch of the label-based providers too, but a plain label of that name is also
 * what a Kubernetes provider's `labelSelector` may select route objects by, and an app's labels go on its
 * route objects: alone, it is only warned about.
 */
const ENABLE_KEY = /^traefik\.enable$/i;
/** A router's host: Traefik 2's `Host(`name`)`, or Traefik 1's `Host:name` (the first of a list). */
const ROUTER_HOST = /Host\(\s*[`"']([^`"']+)[`"']\s*\)|Host:\s*([^,;\s]+)/;
const SERVER_PORT = /^traefik\.(?:http\.services\.[^.]+\.loadbalancer\.server\.port|port)$/i;

/** A Traefik Docker-provider label found among an app's labels. */
export interface TraefikLabelProblem extends PropProblem {
  /** An error for configuration keys, a warning for `traefik.enable` alone. */
  readonly severity: 'error' | 'warning';
}

/** The route that the labels meant, as the hint writes it: the router's host and the service's port where given. Pure. */
function routeHint(labels: Record<string, unknown>): string {
  const entries = Object.entries(labels);
  const host = entries.map(([key, value]) => {
    const found = /\.rule$/i.test(key) && typeof value === 'string' ? ROUTER_HOST.exec(value) : null;
    return found === null ? undefined : found[1] ?? found[2];
  }).find((h) => h);
  const port = entries.find(([key]) => SERVER_PORT.test(key))?.[1];
  const route = `route: { host: '${host ?? '<name>'}'${port !== undefined ? `, port: ${String(port)}` : ''} }`;
  return `route the app with ${route} (a bare name goes under the cluster's domain; port is needed only when it is not the app's first), and drop the traefik.* labels; a Traefik middleware is a feature of the route's rules (redirect, rewrite, requestHeaders) or basicAuth`;
}

/**
 * The Traefik Docker-provider labels among an app's `labels` (field `<field>.<key>`), as one problem:
 * an error on the first configuration key, or a warning on `traefik.enable` alone. Pure.
 */
export function traefikDockerLabelProblems(labels: unknown, field: string): TraefikLabelProblem[] {
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) {
    return [];
  }
  const record = labels as Record<string, unknown>;
  const keys = Object.keys(record);
  const configuration = keys.filter((key) => CONFIGURATION_KEY.test(key));
  if (configuration.length > 0) {
    const others = configuration.length > 1 ? ` (and ${configuration.length - 1} more traefik.* label${configuration.length > 2 ? 's' : ''})` : '';
    return [{
      severity: 'error', field: `${field}.${configuration[0]}`,
      message: `${configuration[0]}${others} is configuration for Traefik's Docker provider; Traefik on Kubernetes reads no labels, so the app would not be routed`,
      hint: routeHint(record),
    }];
  }
  const enable = keys.find((key) => ENABLE_KEY.test(key));
  return enable === undefined ? [] : [{
    severity: 'warning', field: `${field}.${enable}`,
    message: `${enable} switches routing on for Traefik's Docker provider; on Kubernetes it is a plain label, and the app is routed only by a route of its own`,
    hint: `keep it only for a Traefik labelSelector that selects routes by it; otherwise ${routeHint(record)}`,
  }];
}

/** What App's unknown `annotations` prop most often carries over: Traefik's Docker labels and Reloader's annotation, and how to write them here. */
export const ANNOTATIONS_HINT = "an App has no annotations: its labels are labels: { … }, Traefik's Docker labels (traefik.enable, traefik.http.routers.<x>.rule, traefik.http.services.<x>.loadbalancer.server.port) are route: { host: '<name>', port: <port> } here, and Reloader's reloader.stakater.com/auto: 'true' is restartOnConfigChange: true";

/**
 * Other tools of a compose lab that read containers' labels through the Docker socket. On Kubernetes the
 * labels land on the pods and nothing reads them: the dashboard never lists the app, the updater never
 * updates it, without a word.
 */
const DOCKER_LABEL_READERS: ReadonlyArray<{ readonly key: RegExp; readonly what: string; readonly hint: string }> = [
  {
    key: /^homepage\./i,
    what: "Homepage's Docker discovery",
    hint: "list the app in Homepage's services.yaml (a ConfigMap Homepage mounts), or let Homepage's Kubernetes discovery find it "
      + 'by the gethomepage.dev/* annotations of its route; drop the homepage.* labels',
  },
  {
    key: /^com\.centurylinklabs\.watchtower\./i,
    what: 'Watchtower',
    hint: "Watchtower updates Docker containers only and cannot update a pod: pin the image's tag in Git and let Renovate "
      + "propose each update (or Flux's image automation); drop the com.centurylinklabs.watchtower.* labels",
  },
];

/**
 * An app's labels that carry Traefik's Docker-provider configuration, or those of another tool that reads
 * Docker labels (Homepage, Watchtower), as one error on the first such key that covers them all: their values
 * (a router's rule, `Host(\`…\`)`, a port as a number, Homepage's `href`) are no label values either, which is
 * not reported again. Undefined for labels without such keys. Pure.
 */
export function traefikLabelsForm(labels: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  const problem = traefikDockerLabelProblems(labels, '').find((p) => p.severity === 'error');
  if (problem) {
    return {
      message: problem.message, hint: problem.hint, key: problem.field.slice(1),
      keys: Object.keys(labels).filter((key) => CONFIGURATION_KEY.test(key)),
    };
  }
  for (const reader of DOCKER_LABEL_READERS) {
    const keys = Object.keys(labels).filter((key) => reader.key.test(key));
    if (keys.length > 0) {
      const others = keys.length > 1 ? ` (and ${keys.length - 1} more such label${keys.length > 2 ? 's' : ''})` : '';
      return {
        message: `${keys[0]}${others} is a label for ${reader.what}, which reads the labels of Docker containers; on Kubernetes it is a plain label of the pods that nothing reads`,
        hint: reader.hint, key: keys[0], keys,
      };
    }
  }
  return undefined;
}
