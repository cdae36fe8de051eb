import { packFacts, unpackFacts } from '../../constructs/synth/kept-facts';
import type { ClusterFacts } from '../../constructs/validation/cluster-facts';

const facts: ClusterFacts = {
  folder: 'lab/main', chartPath: 'main', site: 'lab', hosts: [{ key: 'lab\u0000inventory/host/nuc', name: 'nuc', shared: false }],
  addressClaims: [], tailnetNames: [], inventoryProblems: [], siteFindings: [],
  routeHosts: [
    { host: 'www.lab.example.com', field: 'spec.rules[0].host', target: { constructPath: 'main/web/route', kind: 'Ingress', namespace: 'web', name: 'web' }, route: 'Ingress web/web' },
    // A route without a namespace is named in the default namespace, as the API server places it.
    { host: 'docs.lab.example.com', field: 'spec.hostnames[0]', target: { constructPath: 'main/docs', kind: 'HTTPRoute', name: 'docs' }, route: 'HTTPRoute default/docs' },
    { host: 'odd.lab.example.com', field: 'spec.routes[0].match', target: { constructPath: 'main/odd' }, route: 'a name of its own' },
  ],
};

test('the facts a cluster keeps between runs come back from their packed form as they were', () => {
  const packed = JSON.parse(JSON.stringify(packFacts(facts)));
  expect(unpackFacts(packed)).toEqual(facts);
});

test('a route host claim is kept as a list of its strings, with its route name only when that is not derived', () => {
  expect(packFacts(facts).routeHosts).toEqual([
    ['www.lab.example.com', 'spec.rules[0].host', 'main/web/route', 'Ingress', 'web', 'web'],
    ['docs.lab.example.com', 'spec.hostnames[0]', 'main/docs', 'HTTPRoute', null, 'docs'],
    ['odd.lab.example.com', 'spec.routes[0].match', 'main/odd', null, null, null, 'a name of its own'],
  ]);
});
