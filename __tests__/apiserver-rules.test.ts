import type { ClusterChart } from '../constructs';
import { goodContainer, goodDeployment, podWithContainer, raw, serviceManifest } from './bad-input/lab';
import { labErrors } from './support/lab-errors';
import { celTree, transitionRuleTree } from '../constructs/validation/schema/cel-rules';
import { evaluateCelRules } from '../constructs/validation/schema/cel-evaluator';

// What the API server takes beside the near misses of cases-apiserver-rules: an empty list of source
// ranges on any Service, source ranges of a LoadBalancer by field or by annotation (the annotation read
// only when the field holds none), matchLabelKeys that narrow a labelSelector, and keyed lists whose keys
// repeat only across lists (one variable name in two containers); and how the keys of a CRD's keyed
// lists are judged.

const SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** The errors of a lab with the good Deployment and `manifests` in it. */
const errorsOf = (...manifests: Array<Record<string, unknown>>) => labErrors((c: ClusterChart) => {
  raw(c, 'workload', goodDeployment());
  manifests.forEach((manifest, i) => raw(c, `object-${i}`, manifest));
});

test('an empty list of source ranges is no ranges, which a ClusterIP Service may carry', () => {
  expect(errorsOf(serviceManifest('w', { loadBalancerSourceRanges: [] }))).toEqual([]);
});

test('a LoadBalancer Service takes source ranges by annotation, spaced or empty, and ignores it beside the field', () => {
  expect(errorsOf(serviceManifest('w', { type: 'LoadBalancer' }, { annotations: { [SOURCE_RANGES]: ' 192.168.1.0/24, 10.0.0.0/8 ' } }))).toEqual([]);
  expect(errorsOf(serviceManifest('w', { type: 'LoadBalancer' }, { annotations: { [SOURCE_RANGES]: '' } }))).toEqual([]);
  expect(errorsOf(serviceManifest('w', { type: 'LoadBalancer', loadBalancerSourceRanges: ['192.168.1.0/24'] }, { annotations: { [SOURCE_RANGES]: 'ignored' } }))).toEqual([]);
});

test('matchLabelKeys that narrow a labelSelector are accepted', () => {
  const constraint = {
    maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule',
    labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['pod-template-hash'],
  };
  expect(labErrors((c: ClusterChart) => {
    raw(c, 'workload', podWithContainer({}, { topologySpreadConstraints: [constraint] }));
  })).toEqual([]);
});

test('one variable name in two containers, and distinct host alias addresses, are accepted', () => {
  const env = [{ name: 'TZ', value: 'UTC' }];
  const sidecar = goodContainer({ name: 'exporter', ports: [{ name: 'metrics', containerPort: 9113 }], readinessProbe: { tcpSocket: { port: 9113 } }, env });
  expect(labErrors((c: ClusterChart) => {
    raw(c, 'workload', podWithContainer({ env }, {
      containers: [goodContainer({ env }), sidecar],
      hostAliases: [{ ip: '10.0.0.9', hostnames: ['nas'] }, { ip: '10.0.0.10', hostnames: ['printer'] }],
    }));
  })).toEqual([]);
});

describe('keyed lists of a CRD schema', () => {
  // A list keyed by port and protocol, protocol defaulted to TCP, as CRDs declare such lists.
  const schema = {
    type: 'object',
    properties: {
      ports: {
        type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['port', 'protocol'],
        items: { type: 'object', properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' } } },
      },
    },
  };
  const repeats = (ports: unknown[]) => evaluateCelRules({ ports }, celTree(schema)!).map((v) => `${v.field}: ${v.message}`);

  test('an item whose keys, defaults filled in, an earlier item has is refused', () => {
    expect(repeats([{ port: 53, protocol: 'UDP' }, { port: 53 }, { port: 53, protocol: 'TCP' }]))
      .toEqual([expect.stringMatching(/^ports\[2\]: duplicate entries for key \[port=53, protocol="TCP"\]: ports\[1\] has the same port and protocol/)]);
  });

  test('items of distinct keys, and items that lack a key, are left alone', () => {
    expect(repeats([{ port: 53, protocol: 'UDP' }, { port: 53 }, { protocol: 'UDP' }, { protocol: 'UDP' }])).toEqual([]);
  });

  test('the tree of transition rules holds no keyed lists', () => {
    expect(transitionRuleTree(schema)).toBeUndefined();
  });
});
