import { ApiObject } from 'cdk8s';
import { ClusterChart, SealedSecret } from '../../constructs';
import type { BadInput } from './cases';
import { sealedFor } from './cases-new-user-49';

// A new user's Flux beyond the basics, from the README alone: charts from OCI registries, Kustomizations ordered
// with dependsOn, SOPS with age, image update automation, Discord alerts and a Receiver for GitHub's push webhooks
// behind the cluster's route. Each of these passed synthesis and then was refused by the API server (an API version
// Flux 2.9 no longer serves, or never did) or never did its work (a Receiver without its token, or of a repository
// the cluster has not).

/** A Flux object `id` named `blog` in Flux's namespace. */
const fluxObject = (c: ClusterChart, id: string, apiVersion: string, kind: string, spec: Record<string, unknown>) =>
  new ApiObject(c, id, { apiVersion, kind, metadata: { name: 'blog', namespace: 'flux-system' }, spec });

/** The blog's image, followed by an ImageRepository and an ImagePolicy at `apiVersion`, their CRDs installed by bootstrap. */
const imagePolicy = (apiVersion: string) => (c: ClusterChart) => {
  c.platform.declarePreinstalled({
    source: 'flux bootstrap --components-extra=image-reflector-controller,image-automation-controller',
    crds: [{ group: 'image.toolkit.fluxcd.io', kinds: ['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation'] }],
  });
  fluxObject(c, 'blog-images', apiVersion, 'ImageRepository', { image: 'ghcr.io/jdoe/blog', interval: '5m' });
  fluxObject(c, 'blog-policy', apiVersion, 'ImagePolicy', { imageRepositoryRef: { name: 'blog' }, policy: { semver: { range: '>=1.0.0' } } });
};

/** GitHub's webhook token sealed as key `key`, and a Receiver at `apiVersion` of the push events to `resources`. */
const receiver = (props: { apiVersion?: string; key?: string; resources?: Record<string, string>[] }) => (c: ClusterChart) => {
  const key = props.key ?? 'token';
  new SealedSecret(c, 'webhook-token', { namespace: 'flux-system', name: 'github-webhook', encryptedData: { [key]: sealedFor('flux-system', 'github-webhook', key) } });
  new ApiObject(c, 'github-receiver', {
    apiVersion: props.apiVersion ?? 'notification.toolkit.fluxcd.io/v1', kind: 'Receiver', metadata: { name: 'github', namespace: 'flux-system' },
    spec: { type: 'github', events: ['ping', 'push'], secretRef: { name: 'github-webhook' }, resources: props.resources ?? [{ kind: 'GitRepository', name: 'flux-system' }] },
  });
};

/** A Discord Provider and an Alert of `alert` (its providerRef and eventSources), in Flux's namespace. */
const alert = (spec: Record<string, unknown>) => (c: ClusterChart) => {
  new SealedSecret(c, 'discord', { namespace: 'flux-system', name: 'discord-webhook', encryptedData: { address: sealedFor('flux-system', 'discord-webhook', 'address') } });
  new ApiObject(c, 'discord-provider', {
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Provider', metadata: { name: 'discord', namespace: 'flux-system' }, spec: { type: 'discord', secretRef: { name: 'discord-webhook' } },
  });
  new ApiObject(c, 'discord-alert', {
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Alert', metadata: { name: 'discord', namespace: 'flux-system' },
    spec: { providerRef: { name: 'discord' }, eventSources: [{ kind: 'GitRepository', name: 'flux-system' }], ...spec },
  });
};

export const CASES: BadInput[] = [
  {
    name: "an Alert whose providerRef names the Discord webhook's Secret, not its Provider",
    build: alert({ providerRef: { name: 'discord-webhook' } }), layer: 'references', path: 'discord-alert', field: 'spec.providerRef', hint: /Provider/,
  },
  {
    name: "an Alert on a HelmRelease of the app's namespace, named without that namespace",
    build: (c) => {
      alert({ eventSources: [{ kind: 'HelmRelease', name: 'traefik' }] })(c);
    },
    layer: 'references', path: 'discord-alert', field: 'spec.eventSources[0]', hint: /namespace left out is the Alert's own/,
  },
  {
    name: 'an ImagePolicy at image.toolkit.fluxcd.io/v1beta2, which Flux 2.9 no longer serves',
    build: imagePolicy('image.toolkit.fluxcd.io/v1beta2'), layer: 'schema', path: 'blog-policy', field: 'apiVersion', hint: /image\.toolkit\.fluxcd\.io\/v1$/,
  },
  {
    name: "a Receiver at the Alert's and Provider's notification.toolkit.fluxcd.io/v1beta3",
    build: receiver({ apiVersion: 'notification.toolkit.fluxcd.io/v1beta3' }), layer: 'schema', path: 'github-receiver', field: 'apiVersion', hint: /notification\.toolkit\.fluxcd\.io\/v1$/,
  },
  {
    name: "a Receiver's Secret with the webhook's secret under GitHub's word for it",
    build: receiver({ key: 'secret' }), layer: 'references', path: 'github-receiver', field: 'spec.secretRef (key token)', message: /no key "token"/,
  },
  {
    name: "a Receiver of the repository's name on GitHub, not the GitRepository bootstrap makes",
    build: receiver({ resources: [{ kind: 'GitRepository', name: 'homelab' }] }), layer: 'references', path: 'github-receiver', field: 'spec.resources[0]', hint: /name: 'flux-system'/,
  },
];
