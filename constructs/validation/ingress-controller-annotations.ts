import type { PlatformComponent } from '../platform/platform';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, objectFinding, stringMap, text } from './manifest';
import { platformReading } from './platform-reading';

/** An ingress controller whose Ingress annotations carry a prefix of its own. */
export interface IngressController {
  /** The controller's name in messages. */
  readonly name: string;
  /** The Helm chart that installs it (`install.chart.chart` of the component). */
  readonly chart: string;
  /** The prefix of the annotations it reads; no other controller reads them. */
  readonly prefix: string;
}

const INGRESS_NGINX: IngressController = { name: 'ingress-nginx', chart: 'ingress-nginx', prefix: 'nginx.ingress.kubernetes.io/' };
const TRAEFIK: IngressController = { name: 'Traefik', chart: 'traefik', prefix: 'traefik.ingress.kubernetes.io/' };
const CONTROLLERS: readonly IngressController[] = [INGRESS_NGINX, TRAEFIK];

/**
 * What Traefik does in place of an ingress-nginx annotation, by the end of its key: each a Middleware or a
 * router annotation, as a user porting an nginx Ingress needs it.
 */
const TRAEFIK_FOR_NGINX: ReadonlyArray<readonly [RegExp, string]> = [
  [/\/(ssl-redirect|force-ssl-redirect)$/, "traefik.ingress.kubernetes.io/router.entrypoints: websecure with router.tls: 'true' (Traefik's web entry point redirects to it)"],
  [/\/proxy-body-size$/, 'a Middleware with buffering: { maxRequestBodyBytes }, or an App route\'s maxBodySize'],
  [/\/(whitelist-source-range|allowlist-source-range)$/, 'a Middleware with ipAllowList: { sourceRange: [...] }'],
  [/\/(auth-url|auth-signin|auth-response-headers)$/, 'a Middleware with forwardAuth: { address, authResponseHeaders }'],
  [/\/(auth-type|auth-secret|auth-realm)$/, 'a Middleware with basicAuth: { secret }'],
  [/\/(rewrite-target|use-regex|app-root)$/, 'a Middleware with stripPrefix or replacePathRegex'],
  [/\/backend-protocol$/, "traefik.ingress.kubernetes.io/service.serversscheme: https on the Service"],
  [/\/(permanent-redirect|temporal-redirect)$/, 'a Middleware with redirectRegex, or an App route\'s redirect'],
];

/**
 * The controller that serves each IngressClass of the cluster, for the classes a component the library knows
 * the annotations of provides (by its Helm chart); other classes are left out.
 */
export function controllersByClass(components: readonly PlatformComponent[]): Map<string, IngressController> {
  const byClass = new Map<string, IngressController>();
  for (const component of components) {
    const install = component.install;
    const controller = install.type === 'helm' ? CONTROLLERS.find((c) => c.chart === install.chart.chart) : undefined;
    if (controller !== undefined) {
      (component.props.provides?.ingressClasses ?? []).forEach((name) => byClass.set(name, controller));
    }
  }
  return byClass;
}

/** The IngressClass an Ingress names: its `ingressClassName`, or the annotation that named it before. Undefined when it names none. */
export function ingressClassOf(ingress: SynthesizedObject): string | undefined {
  return text(fields(ingress.manifest.spec).ingressClassName) ?? stringMap(fields(ingress.manifest.metadata).annotations)['kubernetes.io/ingress.class'];
}

/** The hint for an annotation of `owner` on an Ingress that `served` serves. */
function hintFor(key: string, owner: IngressController, served: IngressController): string {
  const equivalent = served === TRAEFIK && owner === INGRESS_NGINX ? TRAEFIK_FOR_NGINX.find(([pattern]) => pattern.test(key))?.[1] : undefined;
  const own = equivalent ?? `the ${served.name} setting that does the same (its annotations start with ${served.prefix})`;
  return `drop it and write ${own}; or give the Ingress the IngressClass of ${owner.name}, if the cluster runs one. An App's route writes the annotations of its flavor's controller for its own props`;
}

/**
 * Annotations of one ingress controller on an Ingress that another controller serves: an ingress-nginx
 * annotation on an Ingress of Traefik's class, or the other way round (an Ingress copied from a guide written
 * for the other controller). The controller that serves it reads none of them, so the redirect, size limit,
 * allow-list or sign-in they ask for is never applied, without a word. Classes of controllers the library
 * does not know are not judged.
 */
export function checkIngressControllerAnnotations(cluster: SynthesizedCluster): Finding[] {
  const byClass = controllersByClass(platformReading(cluster).components);
  if (byClass.size === 0) {
    return [];
  }
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    if (object.manifest.kind !== 'Ingress' || object.manifest.apiVersion !== 'networking.k8s.io/v1') {
      continue;
    }
    const annotations = stringMap(fields(object.manifest.metadata).annotations);
    const className = ingressClassOf(object);
    const served = className === undefined ? undefined : byClass.get(className);
    if (served === undefined) {
      continue;
    }
    for (const key of Object.keys(annotations).sort()) {
      const owner = CONTROLLERS.find((c) => c !== served && key.startsWith(c.prefix));
      if (owner !== undefined) {
        findings.push(objectFinding(object, {
          layer: 'references', severity: 'error', field: `metadata.annotations["${key}"]`,
          message: `annotation ${key} is read by ${owner.name}, but the Ingress's class ${className} is served by ${served.name}, which ignores it: what it asks for is never applied`,
          hint: hintFor(key, owner, served),
        }));
      }
    }
  }
  return findings;
}
