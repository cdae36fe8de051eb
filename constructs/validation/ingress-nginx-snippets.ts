import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { INGRESS_NGINX_COMPONENT } from '../platform/components/ingress-nginx';
import type { Finding } from './finding';
import { fields, objectFinding, stringMap, text } from './manifest';
import { ingressClassOf } from './ingress-controller-annotations';

// The ingress-nginx the library installs turns snippet annotations off (`allowSnippetAnnotations: false`): a
// snippet is raw NGINX configuration that any namespace's Ingress could use to read what the controller
// reads, every Secret among it. Its admission webhook then refuses an Ingress that carries one, as the guides
// of oauth2-proxy and Authelia still write for the cookies and headers of their sign-in.

/** An annotation that hands the controller raw NGINX configuration. */
const SNIPPET_ANNOTATION = /^nginx\.ingress\.kubernetes\.io\/[a-z-]*snippet$/;

/**
 * The Ingresses of the IngressClass the ingress-nginx the library installs serves (its chart's
 * `controller.ingressClass`, `nginx` by default), in object order: those whose annotations it reads. Empty
 * when the cluster installs no ingress-nginx.
 */
export function ingressNginxIngresses(cluster: SynthesizedCluster): SynthesizedObject[] {
  const component = cluster.chart.platform.get(INGRESS_NGINX_COMPONENT);
  if (component?.install.type !== 'helm') {
    return [];
  }
  const ingressClass = text(fields(fields(component.values).controller).ingressClass) ?? 'nginx';
  return cluster.objects.filter((object) => {
    if (object.manifest.kind !== 'Ingress' || object.manifest.apiVersion !== 'networking.k8s.io/v1') {
      return false;
    }
    return ingressClassOf(object) === ingressClass;
  });
}

/**
 * Ingresses of an IngressClass the cluster's ingress-nginx serves that carry a snippet annotation, which its
 * admission webhook refuses while the chart's `controller.allowSnippetAnnotations` is off; each on the annotation.
 */
export function checkIngressNginxSnippets(cluster: SynthesizedCluster): Finding[] {
  const component = cluster.chart.platform.get(INGRESS_NGINX_COMPONENT);
  if (component?.install.type !== 'helm' || fields(fields(component.values).controller).allowSnippetAnnotations === true) {
    return [];
  }
  const findings: Finding[] = [];
  for (const object of ingressNginxIngresses(cluster)) {
    const annotations = stringMap(fields(object.manifest.metadata).annotations);
    for (const key of Object.keys(annotations).filter((k) => SNIPPET_ANNOTATION.test(k)).sort()) {
      findings.push(objectFinding(object, {
        layer: 'schema', severity: 'error', field: `metadata.annotations["${key}"]`,
        message: `ingress-nginx's admission webhook refuses the Ingress: the controller the cluster installs takes no snippet annotation (allowSnippetAnnotations: false), as a snippet's NGINX configuration could read every Secret the controller reads`,
        hint: key.endsWith('/configuration-snippet') || key.endsWith('/auth-snippet')
          ? 'pass the sign-in\'s headers with the annotation made for it, nginx.ingress.kubernetes.io/auth-response-headers (e.g. "X-Auth-Request-User, X-Auth-Request-Email, Authorization"), and drop the snippet'
          : 'write what the snippet does with the ingress-nginx annotation made for it, or route through an App\'s route rules (requestHeaders, redirect, rewrite), and drop the snippet',
      }));
    }
  }
  return findings;
}
