/**
 * Why `value`, an object given as the cluster's `field`, is no `kind` (an options object written where the
 * factory's result belongs, `routes: { type: 'traefik' }`): it lacks one of the `methods` every choice of
 * that kind has, whatever its type says. Undefined when it has them, or is no object at all (the props
 * shape reports that). Pure.
 */
export function notAChoiceProblem(value: unknown, field: string, kind: string, methods: readonly string[], hint: string): { message: string; hint: string } | undefined {
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  const choice = value as Record<string, unknown>;
  return methods.every((method) => typeof choice[method] === 'function') ? undefined : { message: `${field} is an object, not ${kind}`, hint };
}

/** Why the cluster's `routes` is no route flavor, or undefined (see {@link notAChoiceProblem}). Pure. */
export function notARouteFlavorProblem(value: unknown): { message: string; hint: string } | undefined {
  return notAChoiceProblem(value, 'routes', 'a route flavor', ['bind', 'renderRoute'],
    "make it with a flavor's factory and its options inside, e.g. routes: traefik({ address }), gatewayApi({ gatewayClassName, … }), ingressNginx({ tls }) or noRoutes()");
}

/** Why the cluster's `loadBalancer` is no load balancer, or undefined (see {@link notAChoiceProblem}). Pure. */
export function notALoadBalancerProblem(value: unknown): { message: string; hint: string } | undefined {
  return notAChoiceProblem(value, 'loadBalancer', 'a load balancer', ['bind', 'serviceSettings'],
    'make it with a factory and its options inside, e.g. loadBalancer: metalLb({ pools: [site.pools.<pool>] }), ciliumLoadBalancer({ … }) or tailscaleLoadBalancer()');
}
