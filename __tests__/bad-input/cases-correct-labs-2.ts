import { App, AppVolume, ClusterChart, RequiredPodLabels } from '../../constructs';
import type { BadInput } from './cases';
import { raw } from './lab';

// The wrong forms beside the correct labs of correct-labs-2.test.ts: what those labs write right (an OpenID Connect
// provider's configuration that lists its clients' callbacks on the user's own machine, a ConstraintTemplate in
// the config layer) still fails written the other way.

/** An identity provider in namespace `web` serving 9091, with ConfigMap `idp` holding `config` mounted at /config. */
const provider = (config: string) => (c: ClusterChart) => {
  raw(c, 'idp-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'idp', namespace: 'web' }, data: { 'configuration.yml': config } });
  new App(c, 'idp', {
    namespace: 'web', image: 'ghcr.io/authelia/authelia:4.39.1', ports: [{ name: 'http', port: 9091 }],
    persistence: { config: { volume: AppVolume.configMap('idp'), mountPath: '/config' } },
  });
};

/** Clients whose callbacks are on the user's machine, as kubelogin's and a CLI's are, then `after`. */
const CLIENTS = [
  'identity_providers:', '  oidc:', '    clients:',
  '      - client_id: kubernetes', '        redirect_uris:', '          - http://localhost:8000', '          - http://localhost:18000',
  '      - client_id: vault', "        redirect_uris: ['http://localhost:8250/oidc/callback']",
];

/** A ConstraintTemplate `k8sallowedrepos` under the cluster chart, the apps layer, beside its constraint there. */
const templateBesideConstraint = (c: ClusterChart) => {
  new RequiredPodLabels(c, 'owners', { labels: ['owner'] });
  raw(c, 'template', {
    apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate', metadata: { name: 'k8sallowedrepos' },
    spec: {
      crd: { spec: { names: { kind: 'K8sAllowedRepos' }, validation: { openAPIV3Schema: { type: 'object', properties: { repos: { type: 'array', items: { type: 'string' } } } } } } },
      targets: [{ target: 'admission.k8s.gatekeeper.sh', rego: 'package k8sallowedrepos\nviolation[{"msg": msg}] {\n  false\n  msg := ""\n}\n' }],
    },
  });
  raw(c, 'constraint', {
    apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sAllowedRepos', metadata: { name: 'only-ghcr' },
    spec: { match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }] }, parameters: { repos: ['ghcr.io/'] } },
  });
};

export const CASES: BadInput[] = [
  {
    name: 'Gatekeeper constraint in the apps layer beside its ConstraintTemplate, which the hint moves to the config layer',
    build: templateBesideConstraint, layer: 'references', path: 'constraint', field: 'kind',
    hint: /make its ConstraintTemplate in the config layer, which is applied before apps: new ApiObject\(cluster\.platform\.configScope\('k8sallowedrepos'\), …\)/,
  },
  {
    name: "provider's config file calling its own pod's loopback on a port it does not serve, beside its clients' callbacks on localhost",
    build: provider([...CLIENTS, 'notifier:', '  smtp:', '    address: submission://localhost:587', ''].join('\n')),
    layer: 'references', path: 'idp-config', field: 'data.configuration.yml', message: /calls localhost:587, the pod's own loopback/,
  },
  {
    name: "config file whose key after a clients' redirect_uris list calls its own pod's loopback",
    build: provider([...CLIENTS.slice(0, 6), '        webhook: http://localhost:8000/hook', ''].join('\n')),
    layer: 'references', path: 'idp-config', field: 'data.configuration.yml', message: /calls localhost:8000, the pod's own loopback/,
  },
];
