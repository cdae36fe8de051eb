import { defineAether } from '../charts/aether';
import { manifestsOf, synthInMemory } from './support/synth';

// The aether and elitedesk designs read a fourth time against the synthesized output: what a reader who checks
// dist/ against the designs alone finds there, and whether the owner's steps run as written on the objects it holds.

const aetherResult = synthInMemory(defineAether);
const aetherObjects = manifestsOf(aetherResult, 'aether/main');
const aetherReadme = aetherResult.files.get('aether/main/README.md')!;

/** A bullet of a cluster README's "Choices against the design", by its bold title. */
const choice = (readme: string, title: string): string => readme.split('\n').find((line) => line.startsWith(`- **${title}**`))!;

describe("aether: the VIP's pool departs from the design's, which selects every Service, and the README says how", () => {
  test("the pool leaves out the Services labelled as having no load-balancer address, and Knative's local Gateway is one", () => {
    const pool = aetherObjects.find((o) => o.kind === 'CiliumLoadBalancerIPPool' && o.metadata.name === 'ingress-pool');
    expect(pool.spec.blocks).toEqual([{ start: '10.0.3.19', stop: '10.0.3.19' }]);
    expect(pool.spec.serviceSelector).toEqual({ matchExpressions: [{ key: 'network.homelab.dev/no-load-balancer-address', operator: 'DoesNotExist' }] });
    const local = aetherObjects.find((o) => o.kind === 'Gateway' && o.metadata.name === 'knative-local-gateway');
    expect(local.spec.infrastructure.labels).toEqual({ 'network.homelab.dev/no-load-balancer-address': 'true' });
  });

  test('the VIP bullet names the selector, its label and the Gateway that carries it', () => {
    const bullet = choice(aetherReadme, 'VIP 10.0.3.19.');
    expect(bullet).toContain("Unlike the design's pool, it serves only the Services without the label `network.homelab.dev/no-load-balancer-address` (its `serviceSelector`): "
      + "Knative's cluster-local Gateway, `knative-local-gateway`, whose Service Cilium makes of type LoadBalancer too, carries it, "
      + 'so that Service never takes the VIP from `main-gateway`, and the cluster-local Knative Services it answers for stay off the LAN.');
  });
});
