import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { TRAEFIK_NAMESPACE } from '../platform/components/traefik';
import { numberToIpv4, tryParseCidr } from '../inventory/ip';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding, text } from './manifest';
import { indexOf, type ObjectIndex } from './object-index';
import { type CalledService, calledService, type ForeignCallDraft, servedPorts } from './app-calls';
import { hostReference } from '../app/env-hosts';
import { missingServiceProblem, namespaceInCluster } from './called-services';

// Traefik's Kubernetes CRD provider finds an IngressRoute's Middlewares in the route's own namespace: one of
// another namespace only with `providers.kubernetesCRD.allowCrossNamespace`, which its chart leaves off. A
// Middleware it cannot find drops the whole route (Traefik logs it and answers 404), and a forward-auth
// Middleware calls its address from Traefik's own pods, where a short Service name resolves in Traefik's
// namespace, not in the Middleware's. An IP allow list sees the node's address in place of the client's
// while Traefik's Service does not keep it.

const layer = 'references' as const;

/** Whether the cluster's Traefik takes Middlewares of other namespaces (its chart's `allowCrossNamespace`). */
function allowsCrossNamespace(cluster: SynthesizedCluster): boolean {
  const values = cluster.chart.platform.get('traefik')?.values ?? {};
  return fields(fields(values.providers).kubernetesCRD).allowCrossNamespace === true;
}

/**
 * The node addresses an IP allow list of the cluster's Traefik sees every request come from, when its Service
 * keeps no client address (`externalTrafficPolicy` other than `Local`, Kubernetes' `Cluster` by default): kube-proxy
 * then gives each request the address of the node that received it. Empty when Traefik is not the library's
 * or keeps the clients' addresses.
 */
function maskingNodeAddresses(cluster: SynthesizedCluster): number[] {
  const traefik = cluster.chart.platform.get('traefik');
  const service = fields(traefik?.values.service);
  // Through hostPorts the pod sees the client itself; through a Tailscale proxy, the proxy's pod.
  const viaKubeProxy = (service.type === 'LoadBalancer' && service.loadBalancerClass === undefined) || service.type === 'NodePort';
  if (!viaKubeProxy || fields(service.spec).externalTrafficPolicy === 'Local') {
    return [];
  }
  return cluster.chart.hosts.flatMap((host) => host.addresses).flatMap((address) => {
    const block = tryParseCidr(`${address}/32`);
    return block === undefined ? [] : [block.first];
  });
}

/**
 * The Middlewares an IngressRoute names: in its own namespace unless Traefik allows others, and made by the
 * repository (a provider-qualified name, `auth@file`, is Traefik's to find); those an HTTPRoute names as an
 * ExtensionRef filter, which only a Gateway of Traefik's class reads; and the address of each forward-auth
 * Middleware, which names a Service by a name Traefik's pods resolve.
 */
export function checkMiddlewareReferences(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const middlewares = index.of('Middleware').filter((m) => m.manifest.apiVersion.startsWith('traefik.'));
  const crossNamespace = allowsCrossNamespace(cluster);
  const findings: Finding[] = [];
  /** What is wrong with naming Middleware `name` of `namespace`: that the repository does not make it there. */
  const missingMiddleware = (name: string, namespace: string): { message: string; hint: string } | undefined => {
    if (middlewares.some((m) => namespaceOf(m) === namespace && text(fields(m.manifest.metadata).name) === name)) {
      return undefined;
    }
    const meant = closestName(name, middlewares.filter((m) => namespaceOf(m) === namespace).map((m) => text(fields(m.manifest.metadata).name) ?? ''));
    const elsewhere = middlewares.filter((m) => text(fields(m.manifest.metadata).name) === name).map(namespaceOf);
    return {
      message: `Middleware "${name}" does not exist in namespace "${namespace}": Traefik drops the route, which answers 404`,
      hint: meant !== undefined ? `did you mean "${meant}", the Middleware of namespace "${namespace}"?`
        : elsewhere.length > 0 ? `Middleware "${name}" is made in namespace ${elsewhere.map((n) => `"${n}"`).join(', ')}: make it in namespace "${namespace}" too`
          : `make the Middleware (traefik.io/v1alpha1) in namespace "${namespace}", or name one Traefik has from another provider as <name>@<provider>`,
    };
  };
  for (const route of index.of('IngressRoute').filter((r) => r.manifest.apiVersion.startsWith('traefik.'))) {
    const own = namespaceOf(route);
    list(fields(route.manifest.spec).routes).forEach((rule, i) => list(rule.middlewares).forEach((ref, j) => {
      const name = text(ref.name) ?? '';
      if (name === '' || name.includes('@')) {
        return;
      }
      const at = `spec.routes[${i}].middlewares[${j}]`;
      const namespace = text(ref.namespace) ?? own;
      if (namespace !== own && !crossNamespace) {
        findings.push(objectFinding(route, {
          layer, severity: 'error', field: `${at}.namespace`,
          message: `Middleware ${namespace}/${name} is of another namespace than the route's ("${own}"), and Traefik takes a Middleware of another namespace only with allowCrossNamespace, which its chart leaves off: it drops the route, which answers 404`,
          hint: `make the Middleware in namespace "${own}" too (one per namespace whose routes use it) and drop namespace from the reference`,
        }));
        return;
      }
      const missing = missingMiddleware(name, namespace);
      if (missing !== undefined) {
        findings.push(objectFinding(route, { layer, severity: 'error', field: `${at}.name`, ...missing }));
        return;
      }
      const loop = forwardAuthLoop(index.find('Middleware', namespace, name), rule, own);
      if (loop !== undefined) {
        findings.push(objectFinding(route, {
          layer, severity: 'error', field: `${at}.name`,
          message: `Middleware ${namespace}/${name} sends every request of this route to forward-auth at Service ${loop}, which is the route's own backend: `
            + "the sign-in portal itself then asks for a sign-in, and the browser is sent round to it again and again",
          hint: `drop the Middleware from the provider's own route (its portal and its endpoints have a login of their own); keep it on the routes of the apps it guards`,
        }));
      }
    }));
  }
  for (const route of index.of('HTTPRoute').filter((r) => r.manifest.apiVersion.startsWith('gateway.networking.k8s.io/'))) {
    const spec = fields(route.manifest.spec);
    const classes = list(spec.parentRefs).flatMap((parent) => {
      const gateway = index.find('Gateway', text(parent.namespace) ?? namespaceOf(route), text(parent.name) ?? '');
      const className = gateway === undefined ? undefined : text(fields(gateway.manifest.spec).gatewayClassName);
      return className === undefined ? [] : [{ gateway: `${namespaceOf(gateway!)}/${text(fields(gateway!.manifest.metadata).name)}`, className }];
    }).filter((parent) => parent.className !== 'traefik');
    list(spec.rules).forEach((rule, i) => list(rule.filters).forEach((filter, j) => {
      const ref = fields(filter.extensionRef);
      if (filter.type !== 'ExtensionRef' || !String(ref.group ?? '').startsWith('traefik.') || ref.kind !== 'Middleware') {
        return;
      }
      const at = `spec.rules[${i}].filters[${j}].extensionRef`;
      if (classes.length > 0) {
        findings.push(objectFinding(route, {
          layer, severity: 'error', field: at,
          message: `a Traefik Middleware is a filter only Traefik's Gateway API provider reads; Gateway ${classes[0].gateway} of class ${classes[0].className} refuses the filter, and the rule answers 500`,
          hint: 'put what the Middleware does in front of the app another way: an App\'s route rules (requestHeaders, redirect, rewrite), a login of its own, or a ServiceRoute with login (oauth2-proxy)',
        }));
        return;
      }
      const missing = missingMiddleware(text(ref.name) ?? '', namespaceOf(route));
      if (missing !== undefined) {
        findings.push(objectFinding(route, { layer, severity: 'error', field: `${at}.name`, ...missing }));
      }
    }));
  }
  const nodes = maskingNodeAddresses(cluster);
  for (const middleware of middlewares.filter(() => nodes.length > 0)) {
    const spec = fields(middleware.manifest.spec);
    const key = spec.ipAllowList !== undefined ? 'ipAllowList' : 'ipWhiteList';
    const allowList = fields(spec[key]);
    // With an ipStrategy the list reads X-Forwarded-For, which a proxy in front writes.
    if (allowList.ipStrategy !== undefined) {
      continue;
    }
    (Array.isArray(allowList.sourceRange) ? allowList.sourceRange as unknown[] : []).forEach((range, i) => {
      const block = tryParseCidr(typeof range === 'string' && !range.includes('/') ? `${range}/32` : range);
      const node = block === undefined ? undefined : nodes.find((address) => address >= block.first && address <= block.last);
      if (node === undefined) {
        return;
      }
      findings.push(objectFinding(middleware, {
        layer, severity: 'error', field: `spec.${key}.sourceRange[${i}]`,
        message: `Traefik's Service keeps no client address (externalTrafficPolicy Cluster, Kubernetes' default), so every request reaches Traefik from the address of the node that received it, and ${String(range)} holds node address ${numberToIpv4(node)}: the list lets every client through, the internet's among them`,
        hint: "keep the clients' addresses: cluster.platform.get('traefik')!.addValues({ service: { spec: { externalTrafficPolicy: 'Local' } } }); or reach the app through a load balancer or tailnet of its own",
      }));
    });
  }
  for (const middleware of middlewares.filter(() => nodes.length > 0)) {
    const spec = fields(middleware.manifest.spec);
    // Without a sourceCriterion both count by the request's remote address, which here is a node's.
    const key = (['rateLimit', 'inFlightReq'] as const).find((name) => spec[name] !== undefined && fields(spec[name]).sourceCriterion === undefined);
    if (key !== undefined) {
      findings.push(objectFinding(middleware, {
        layer, severity: 'warning', field: `spec.${key}`,
        message: `Traefik's Service keeps no client address (externalTrafficPolicy Cluster, Kubernetes' default), so the ${key} Middleware counts every request by the address of the node that received it: `
          + 'all clients share one limit per node, and one client who floods the page throttles everyone else',
        hint: "keep the clients' addresses: cluster.platform.get('traefik')!.addValues({ service: { spec: { externalTrafficPolicy: 'Local' } } }); "
          + `or count by something else with ${key}.sourceCriterion (requestHost, requestHeaderName)`,
      }));
    }
  }
  const traefikNamespace = cluster.chart.platform.get('traefik')?.namespace ?? TRAEFIK_NAMESPACE;
  for (const middleware of middlewares) {
    const address = text(fields(fields(middleware.manifest.spec).forwardAuth).address);
    const { called, missing, foreign } = forwardAuthCall(cluster, index, middleware);
    if (foreign) {
      continue; // the checks across clusters tell of it: another cluster of the fleet may have the Service
    }
    if (missing !== undefined) {
      findings.push(objectFinding(middleware, { layer, severity: 'error', field: 'spec.forwardAuth.address', ...missing }));
      continue;
    }
    const unserved = called === undefined ? undefined : unservedForwardAuthPort(index, called, address!);
    if (unserved !== undefined) {
      findings.push(objectFinding(middleware, { layer, severity: 'error', field: 'spec.forwardAuth.address', ...unserved }));
      continue;
    }
    const host = address === undefined ? undefined : /^https?:\/\/([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?=[:/?#]|$)/i.exec(address)?.[1].toLowerCase();
    if (host === undefined || index.find('Service', traefikNamespace, host) !== undefined) {
      continue;
    }
    const services = index.of('Service').filter((s) => text(fields(s.manifest.metadata).name) === host).map(namespaceOf);
    const namespace = services.length === 1 ? services[0] : namespaceOf(middleware);
    findings.push(objectFinding(middleware, {
      layer, severity: 'error', field: 'spec.forwardAuth.address',
      message: `Traefik calls the forward-auth address from its own pods, in namespace "${traefikNamespace}", where the short name "${host}" names no Service: every request through the Middleware fails`,
      hint: `name the Service with its namespace: ${address!.replace(new RegExp(`^(https?://)${host}`, 'i'), `$1${host}.${namespace}.svc.cluster.local`)}`,
    }));
  }
  return findings;
}

/** What a forward-auth Middleware's address calls by a Service's in-cluster name. */
interface ForwardAuthCall {
  /** The Service the address names. @default - the address names none */
  readonly called?: CalledService;
  /** Why the call reaches nothing in this cluster. @default - it may reach the Service */
  readonly missing?: { readonly message: string; readonly hint: string };
  /** Whether the address names a namespace this cluster does not have, which another cluster of the fleet may. */
  readonly foreign: boolean;
}

/** The call of `middleware`'s forward-auth address, as {@link ForwardAuthCall} tells it. */
function forwardAuthCall(cluster: SynthesizedCluster, index: ObjectIndex, middleware: SynthesizedObject): ForwardAuthCall {
  const address = text(fields(fields(middleware.manifest.spec).forwardAuth).address);
  // A full name (`<service>.<namespace>.svc…`) resolves from Traefik's pods alike, but only to a Service its namespace has.
  const called = address === undefined ? undefined : calledService('address', address, namespaceOf(middleware));
  const labels = called === undefined ? 0 : hostReference('address', address!)!.host.split('.').length;
  const missing = called === undefined || labels < 2 ? undefined : missingServiceProblem(
    cluster, index, forwardAuthLabel(middleware), called.name, called.namespace, labels > 2,
    'Traefik finds no such host, and every request through the Middleware fails',
  );
  return { called, missing, foreign: called !== undefined && labels >= 2 && !namespaceInCluster(cluster, index, called.namespace) };
}

/**
 * What is wrong with a forward-auth address that calls a Service of the output on a port it does not serve (the
 * container's port, or none, whose scheme's 80 or 443 the Service lacks): every request through the Middleware fails.
 * Undefined when the Service is not in the output (a chart's), serves the port, or has no ports of its own. Pure.
 */
function unservedForwardAuthPort(index: ObjectIndex, called: CalledService, address: string): { message: string; hint: string } | undefined {
  const service = index.find('Service', called.namespace, called.name);
  const port = called.port ?? called.schemePort;
  const served = service === undefined || port === undefined ? undefined : servedPorts(service, port);
  if (served === undefined) {
    return undefined;
  }
  // The example calls the Service's first port with the scheme that port speaks: plain HTTP unless it says TLS.
  const first = list(fields(service!.manifest.spec).ports)[0];
  const tls = /https|tls/i.test(text(first.name) ?? '') || first.port === 443 || first.port === 8443;
  const parts = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)(?::\d+)?(.*)$/i.exec(address);
  return {
    message: `Traefik calls the forward-auth address on port ${port}${called.port === undefined ? ", the port of its scheme (the address names none)" : ''}, which Service ${called.name}.${called.namespace} does not serve: every request through the Middleware fails`,
    hint: `Service ${called.name}.${called.namespace} serves ${served}: write one of these after the host`
      + (parts === null ? '' : `, e.g. ${tls ? 'https' : 'http'}://${parts[1]}:${String(first.port)}${parts[2]}`),
  };
}

/** How messages name a forward-auth Middleware's call. */
function forwardAuthLabel(middleware: SynthesizedObject): string {
  return `forward-auth Middleware ${text(fields(middleware.manifest.metadata).name) ?? ''}`;
}

/**
 * The forward-auth addresses of the cluster's Middlewares that name a Service in a namespace the cluster does not
 * have (`http://authelia.auth.svc.cluster.local:9091/…` where another cluster runs Authelia), each with the finding the
 * cluster alone gives it: the checks across clusters tell where the Service is, or else give that finding.
 */
export function forwardAuthForeignCalls(cluster: SynthesizedCluster): ForeignCallDraft[] {
  const index = indexOf(cluster.objects);
  return index.of('Middleware').filter((m) => m.manifest.apiVersion.startsWith('traefik.')).flatMap((middleware): ForeignCallDraft[] => {
    const { called, missing, foreign } = forwardAuthCall(cluster, index, middleware);
    return !foreign ? [] : [{
      service: `${called!.name}.${called!.namespace}`, label: forwardAuthLabel(middleware),
      finding: objectFinding(middleware, { layer, severity: 'error', field: 'spec.forwardAuth.address', message: missing?.message ?? '', hint: missing?.hint }),
    }];
  });
}

/**
 * The Service (`<name>.<namespace>`) a forward-auth Middleware calls, where it is also a backend of the IngressRoute rule
 * `rule` of namespace `own` that names the Middleware; undefined otherwise. Pure.
 */
function forwardAuthLoop(middleware: SynthesizedObject | undefined, rule: Record<string, unknown>, own: string): string | undefined {
  const address = middleware === undefined ? undefined : text(fields(fields(middleware.manifest.spec).forwardAuth).address);
  const called = address === undefined ? undefined : calledService('address', address, namespaceOf(middleware!));
  if (called === undefined) {
    return undefined;
  }
  const backend = list(rule.services).find((service) => text(service.name) === called.name && (text(service.namespace) ?? own) === called.namespace);
  return backend === undefined ? undefined : `${called.name}.${called.namespace}`;
}
