import type { SynthesizedCluster } from '../synth/collect';
import { INGRESS_NGINX_COMPONENT, INGRESS_NGINX_STRICT_PATH } from '../platform/components/ingress-nginx';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { ingressNginxIngresses } from './ingress-nginx-snippets';
import { literalPrefixOf } from './route-matchers';

// ingress-nginx's admission webhook checks the characters of an Exact or Prefix path (its ConfigMap's
// strict-validate-path-type, on by default since controller 1.12): a path that could carry NGINX syntax into the
// `location` it writes is refused, and a strict server-side dry-run with the webhook fails on the Ingress.

/**
 * Ingresses of the IngressClass the cluster's ingress-nginx serves whose Exact or Prefix path holds a character
 * its admission refuses there (`:`, `~`, `@`, `%`, `?`, `|`, `+`, …), each on the path. A path written as a
 * regular expression is left to the route matchers' finding, which says so. None when the chart's values turn
 * `strict-validate-path-type` off.
 */
export function checkIngressNginxPaths(cluster: SynthesizedCluster): Finding[] {
  const component = cluster.chart.platform.get(INGRESS_NGINX_COMPONENT);
  const strict = fields(fields(fields(component?.values).controller).config)['strict-validate-path-type'];
  if (strict === false || strict === 'false') {
    return [];
  }
  const findings: Finding[] = [];
  for (const ingress of ingressNginxIngresses(cluster)) {
    list(fields(ingress.manifest.spec).rules).forEach((rule, i) => list(fields(rule.http).paths).forEach((path, j) => {
      const type = text(path.pathType);
      const value = text(path.path);
      if ((type !== 'Prefix' && type !== 'Exact') || value === undefined || !value.startsWith('/') || INGRESS_NGINX_STRICT_PATH.test(value) || literalPrefixOf(value) !== undefined) {
        return; // a path that is not absolute is the API server's own finding
      }
      const refused = [...new Set(value.replace(/[A-Za-z0-9._\-/]/g, ''))].join(' ');
      findings.push(objectFinding(ingress, {
        layer: 'schema', severity: 'error', field: `spec.rules[${i}].http.paths[${j}].path`,
        message: `ingress-nginx's admission webhook refuses the Ingress ("path ${value} cannot be used with pathType ${type}"): ${type === 'Exact' ? 'an' : 'a'} ${type} path takes letters, digits, '.', '_', '-' and '/' alone (strict-validate-path-type), and this one holds ${refused}`,
        hint: `write it with pathType: ImplementationSpecific, which ingress-nginx matches as a prefix of the path as written, or route the path by the prefix before the first such character (path: '${value.slice(0, value.search(/[^A-Za-z0-9._\-/]/)).replace(/[^/]*$/, '') || '/'}')`,
      }));
    }));
  }
  return findings;
}
