import type { SynthesizedObject } from '../synth/collect';
import { type Fields, fields, list, namespaceOf, text } from './manifest';
import type { ObjectIndex } from './object-index';

/** A reference from a route to a backend Service. */
export interface BackendRef {
  /** The route object. */
  readonly route: SynthesizedObject;
  /** Field of the reference in the route. */
  readonly field: string;
  /** Namespace of the Service. */
  readonly namespace: string;
  /** Name of the Service, as written. */
  readonly name: unknown;
  /** Port of the Service, as written (a number or a name). */
  readonly port: unknown;
}

/** Gateway API's route kinds, whose `parentRefs` name Gateways and `backendRefs` Services. */
export const GATEWAY_ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute'];
const TRAEFIK_ROUTE_KINDS = ['IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP'];

/** The Services the cluster's routes send to (Gateway API routes, Traefik's IngressRoutes, Ingresses), in route order. */
export function backendRefs(index: ObjectIndex): BackendRef[] {
  const refs: BackendRef[] = [];
  for (const route of index.of(...GATEWAY_ROUTE_KINDS)) {
    list(fields(route.manifest.spec).rules).forEach((rule, i) => list(rule.backendRefs).forEach((ref, j) => {
      if ((ref.kind ?? 'Service') === 'Service' && (ref.group ?? '') === '') {
        refs.push({ route, field: `spec.rules[${i}].backendRefs[${j}]`, namespace: text(ref.namespace) ?? namespaceOf(route), name: ref.name, port: ref.port });
      }
    }));
  }
  for (const route of index.of(...TRAEFIK_ROUTE_KINDS)) {
    const spec = fields(route.manifest.spec);
    list(spec.routes).forEach((r, i) => list(r.services).forEach((ref, j) => {
      if ((ref.kind ?? 'Service') === 'Service') {
        refs.push({ route, field: `spec.routes[${i}].services[${j}]`, namespace: text(ref.namespace) ?? namespaceOf(route), name: ref.name, port: ref.port });
      }
    }));
  }
  for (const ingress of index.of('Ingress')) {
    const spec = fields(ingress.manifest.spec);
    const ingressRef = (backend: Fields, field: string) => {
      const service = fields(backend.service);
      if (backend.service !== undefined) {
        const port = fields(service.port);
        refs.push({ route: ingress, field: `${field}.service`, namespace: namespaceOf(ingress), name: service.name, port: port.number ?? port.name });
      }
    };
    if (spec.defaultBackend !== undefined) {
      ingressRef(fields(spec.defaultBackend), 'spec.defaultBackend');
    }
    list(spec.rules).forEach((rule, i) => list(fields(rule.http).paths).forEach((p, j) => {
      ingressRef(fields(p.backend), `spec.rules[${i}].http.paths[${j}].backend`);
    }));
  }
  return refs;
}
