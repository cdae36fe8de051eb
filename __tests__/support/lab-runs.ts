import type { Construct } from 'constructs';
import { foldersOf, kustomizeLabs, objectsOf, Peer, probesOffPorts, routesRefused, servicesOffPods, shownFindings } from './lab-output';

/**
 * The tests that each lab's output would run: every cluster folder builds with kustomize, every probe and Service
 * reaches a port its pod declares, and every routed app's policy admits the lab's ingress on the routed port.
 * `chartServices` are Services (`<namespace>/<name>:<port>`) a chart release makes, which its engine renders and
 * kustomize does not build: a route to one is not judged.
 */
export function describeOutputRuns(labs: Array<[string, (scope: Construct) => void, Peer]>, chartServices: readonly string[] = []): void {
  describe('the output of each of these labs would run', () => {
    beforeAll(() => kustomizeLabs(labs.map(([, define]) => define)));

    test.each(labs)('the %s: every layer builds with kustomize', (_name, define) => {
      expect(foldersOf(define).length).toBeGreaterThan(0);
    });

    test.each(labs)('the %s: every probe and Service reaches a declared port', (_name, define) => {
      const objects = objectsOf(define);
      expect({ probes: probesOffPorts(objects), services: servicesOffPods(objects) }).toEqual({ probes: [], services: [] });
    });

    test.each(labs)("the %s: every routed app's policy admits the ingress on the routed port", (_name, define, ingress) => {
      const unjudged = new Set(chartServices.map((service) => `route to ${service} has no Service port`));
      expect(routesRefused(objectsOf(define), ingress).filter((refused) => !unjudged.has(refused))).toEqual([]);
    });
  });
}

/** The test that each lab synthesizes with only the findings `deserved` names for it (none where it names none). */
export function describeDeservedFindings(title: string, labs: Array<[string, (scope: Construct) => void, Peer]>, deserved: Readonly<Record<string, readonly string[]>> = {}): void {
  describe(title, () => {
    test.each(labs)('the %s', (name, define) => {
      expect(shownFindings(define)).toEqual(deserved[name] ?? []);
    });
  });
}
