import type { BadInput } from './cases';
import { ruledWidget } from './cases-apiserver-parity-25';
import { vpnDownloadsLab, VpnLabChanges } from '../support/vpn-downloads-lab';

// What the checks corrected in this round still refuse: a CRD rule reading a field an embedded object's schema does not
// declare (its apiVersion, kind and metadata are declared for it) or labels of its metadata (only name and generateName are), gluetun's FIREWALL_OUTBOUND_SUBNETS set by no means
// beside FIREWALL_INPUT_PORTS from a ConfigMap, and Transmission's HOST_WHITELIST without its route's host where a
// password file stands without its user.

/** A Widget CRD whose spec field `x` is an embedded object declaring `data` alone, with `rule`. */
const embeddedWidget = (rule: string) => ruledWidget({
  type: 'object', 'x-kubernetes-embedded-resource': true, properties: { data: { type: 'object', additionalProperties: { type: 'string' } } },
}, rule, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: 'b' } });

/** A Widget CRD whose spec field `x` holds the embedded object `t`, with `rule` on `x`. */
const holdingEmbeddedWidget = (rule: string) => ruledWidget({
  type: 'object', properties: { t: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { data: { type: 'object', additionalProperties: { type: 'string' } } } } },
}, rule, { t: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { tier: 'gold' } }, data: { a: 'b' } } });

/** The download stack on a K3s cluster of its own (`fp18`), with `changes`. */
const downloads = (changes: VpnLabChanges): BadInput['build'] => (_cluster, app) => {
  vpnDownloadsLab(app, changes, 'fp18');
};

export const CASES: BadInput[] = [
  {
    name: "a CRD rule reading an embedded object's spec its schema does not declare",
    build: embeddedWidget("self.kind == 'ConfigMap' && self.spec.replicas > 0"),
    layer: 'schema', path: 'crd', field: 'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[x].x-kubernetes-validations[0].rule',
    hint: /self\.data/, message: /spec is no field/,
  },
  {
    name: "a CRD rule reading the labels of an embedded object's metadata on its path",
    build: holdingEmbeddedWidget("self.t.kind == 'ConfigMap' && self.t.metadata.labels.tier == 'gold'"),
    layer: 'schema', path: 'crd', field: 'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[x].x-kubernetes-validations[0].rule',
    hint: /self\.t\.metadata\.name/, message: /reads self\.t\.metadata\.labels/,
  },
  {
    name: 'gluetun given its input ports by a ConfigMap and no FIREWALL_OUTBOUND_SUBNETS at all',
    build: downloads({ gluetunEnv: { FIREWALL_OUTBOUND_SUBNETS: undefined, FIREWALL_INPUT_PORTS: { configMapName: 'vpn-settings', key: 'input-ports' } } }),
    layer: 'props', path: 'fp18/prowlarr', field: 'sidecars[0].env', hint: /FIREWALL_OUTBOUND_SUBNETS: '10\.42\.0\.0\/16,10\.43\.0\.0\/16'/,
  },
  {
    name: "Transmission's HOST_WHITELIST without its route's host, with a password file and no user",
    build: downloads({ transmissionEnv: { HOST_WHITELIST: 'transmission.local', FILE__PASS: '/run/secrets/transmission/pass' } }),
    layer: 'props', path: 'fp18/transmission', field: 'env.HOST_WHITELIST', hint: /transmission\.vpn\.jdoe\.dev/,
  },
];
