import { routeHostnames } from '../constructs/synth/readme';
import { traefikMatchers } from '../constructs/validation/traefik-rule-syntax';

const ingressRoute = (match: string) => ({ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'r', namespace: 'n' }, spec: { routes: [{ match }] } });

describe("the README reads a Traefik rule's hosts as the route checks do", () => {
  test.each([
    // A host in a negated group is one the route leaves to others.
    ['Host(`a.x`) && !(Host(`b.x`) || Host(`c.x`))', ['a.x']],
    // A double-quoted value is read with Go's escapes, as Traefik reads it.
    ['Host("d.x") || Host(`e.x`)', ['d.x', 'e.x']],
    // Traefik takes no single-quoted value: the rule serves no host.
    ["Host('f.x')", []],
    // A header whose value reads like a matcher is no host.
    ['Host(`g.x`) && Header(`X-Note`, "Host(`h.x`)")', ['g.x']],
    ['HostSNIRegexp(`^.+\\.x$`)', ['^.+\\.x$']],
  ])('%s', (match, hosts) => {
    expect(routeHostnames(ingressRoute(match))).toEqual(hosts);
    // The same hosts as the parser of the route checks gives.
    expect(routeHostnames(ingressRoute(match))).toEqual(traefikMatchers(match).filter((m) => m.name.startsWith('Host') && m.negated !== true).flatMap((m) => m.args));
  });
});
