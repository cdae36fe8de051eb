import type { App as CdkApp } from 'cdk8s';
import { flux, gatekeeper, RequiredPodLabels, SecretReference } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { generated, TEMPLATE, XRD } from './cases-api-server';
import { guarded, labCluster } from './lab';

// Kinds whose CRD a controller makes from another object of the cluster, checked as the CRD it makes
// checks them: Gatekeeper's constraint CRD takes its match block from Gatekeeper's own match schema and
// bounds a constraint's name to 63 characters; Crossplane's claim CRD requires a spec. And kinds whose
// CRD the schema set leaves out, refused where the construct that writes them is given what the CRD refuses.

/** A constraint of the template's kind `K8sAllowedRepos`, named `name`, with `spec`. */
const constraint = (spec: Record<string, unknown>, name = 'lab-registry') => generated(TEMPLATE, {
  apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sAllowedRepos', metadata: { name }, spec: { ...spec, parameters: { repos: ['registry.lab.test/'] } },
});

export const CASES: BadInput[] = [
  { name: 'Gatekeeper constraint named beyond 63 characters', build: constraint({}, `lab-registry-${'x'.repeat(60)}`), layer: 'schema', path: 'w', field: 'metadata.name' },
  { name: 'Gatekeeper constraint label selector written matchLabel', build: constraint({ match: { labelSelector: { matchLabel: { app: 'web' } } } }), layer: 'schema', path: 'w', field: 'spec.match.labelSelector' },
  { name: 'Gatekeeper constraint namespace selector expression without its operator', build: constraint({ match: { namespaceSelector: { matchExpressions: [{ key: 'team' }] } } }), layer: 'schema', path: 'w', field: 'spec.match.namespaceSelector.matchExpressions[0]' },
  { name: 'Gatekeeper constraint namespaces as a regular expression', build: constraint({ match: { namespaces: ['^web-.*$'] } }), layer: 'schema', path: 'w', field: 'spec.match.namespaces[0]' },
  { name: 'Gatekeeper constraint scoped action with a misspelt field', build: constraint({ enforcementAction: 'scoped', scopedEnforcementActions: [{ action: 'deny', enforcementPoint: [{ name: 'validation.gatekeeper.sh' }] }] }), layer: 'schema', path: 'w', field: 'spec.scopedEnforcementActions[0]' },
  { name: 'Crossplane claim without a spec', build: generated(XRD, { apiVersion: 'storage.lab.test/v1alpha1', kind: 'Bucket', metadata: { name: 'media', namespace: 'web' } }), layer: 'schema', path: 'w', field: '' },
  {
    // notification-controller's Alert names an event source's namespace in at most 53 characters.
    name: 'Flux notifications following HelmReleases of a namespace beyond 53 characters', layer: 'references', path: 'edge', field: 'gitops.notifications.eventSources', hint: /53/,
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const address = new SecretReference('flux-system', 'flux-events', 'address', 'sealed-secret');
      const edge = labCluster(app, 'edge', { gitops: flux({ notifications: { provider: 'slack', address } }) });
      edge.platform.require(gatekeeper({ namespace: `policy-${'x'.repeat(50)}` }));
    }),
  },
  {
    name: 'required pod labels under a constraint name beyond 63 characters', layer: 'props', path: 'owner-label', field: 'constraintName', hint: /63/,
    build: guarded((c) => new RequiredPodLabels(c, 'owner-label', { labels: ['owner'], constraintName: `require-owner-label-${'x'.repeat(50)}` })),
  },
  {
    name: 'required pod label with a prefix and capitals, named after it', layer: 'props', path: 'owner-label', field: 'constraintName',
    build: guarded((c) => new RequiredPodLabels(c, 'owner-label', { labels: [`example.com/${'Owner'.repeat(11)}`] })),
  },
];
