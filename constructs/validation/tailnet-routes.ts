import { formatIpBlock, networkOf, parseIpBlock } from '../inventory/ip';
import type { SynthesizedObject } from '../synth/collect';
import { type AddFinding, fields, list, text } from './manifest';
import { containersOf, type PodTemplate } from './pod-spec';

// The routes a Tailscale subnet router advertises are networks: tailscale refuses one written as an
// address with its prefix (`192.168.1.1/24`, the router's own address as its settings page shows it), with
// "non-address bits set", and so does the operator for a Connector. Nothing is advertised.

/** Tailscale's container image, which containerboot starts (`TS_ROUTES`, `TS_EXTRA_ARGS`, `TS_USERSPACE`). */
export const TAILSCALE_IMAGE = /^(?:docker\.io\/|ghcr\.io\/)?tailscale\/tailscale(?:[:@]|$)/;

/** The routes containerboot advertises: `TS_ROUTES`, and `--advertise-routes` in `TS_EXTRA_ARGS`, each a comma-separated list. Pure. */
export function advertisedRoutes(routes: string | undefined, extraArgs: string | undefined): string[] {
  return [routes ?? '', /--advertise-routes[= ](\S+)/.exec(extraArgs ?? '')?.[1] ?? '']
    .flatMap((list) => list.split(',')).map((route) => route.trim()).filter((route) => route !== '');
}

/** What is wrong with one advertised route, or undefined: no CIDR block, or a block with host bits set. Pure. */
export function advertisedRouteProblem(route: string): { readonly message: string; readonly hint: string } | undefined {
  const block = parseIpBlock(route);
  if (block === undefined) {
    return { message: `route ${JSON.stringify(route)} is no CIDR block, which Tailscale refuses to advertise`, hint: "write the network with its prefix, e.g. '192.168.1.0/24'" };
  }
  const network = networkOf(block);
  return network === block.address ? undefined : {
    message: `route ${route} has host bits set, and Tailscale refuses to advertise it ("non-address bits set"): the subnet router advertises nothing`,
    hint: `advertise the network: ${formatIpBlock(block.family, network, block.prefix)}`,
  };
}

/** A Connector's subnet routes (`spec.subnetRouter.advertiseRoutes`), each judged. */
export function checkConnector(object: SynthesizedObject, add: AddFinding): void {
  const routes = fields(fields(object.manifest.spec).subnetRouter).advertiseRoutes;
  (Array.isArray(routes) ? routes : []).forEach((route: unknown, i) => {
    const problem = typeof route === 'string' ? advertisedRouteProblem(route) : undefined;
    if (problem !== undefined) {
      add(`spec.subnetRouter.advertiseRoutes[${i}]`, problem.message, problem.hint);
    }
  });
}

/** The routes of Tailscale's containers in a pod template (`TS_ROUTES`, `--advertise-routes` in `TS_EXTRA_ARGS`), the first wrong one of each variable judged. */
export function checkTailscaleRoutes(template: PodTemplate, add: AddFinding): void {
  for (const { container, path } of containersOf(template)) {
    if (!TAILSCALE_IMAGE.test(text(container.image) ?? '')) {
      continue;
    }
    list(container.env).forEach((variable, i) => {
      const value = text(variable.value);
      const routes = variable.name === 'TS_ROUTES' ? advertisedRoutes(value, undefined) : variable.name === 'TS_EXTRA_ARGS' ? advertisedRoutes(undefined, value) : [];
      const problem = routes.map(advertisedRouteProblem).find((p) => p !== undefined);
      if (problem !== undefined) {
        add(`${path}.env[${i}]`, problem.message, problem.hint);
      }
    });
  }
}
