import { describeValue } from '../inventory/problems';
import { oneOf, PropProblem, propProblems, PropShape } from '../validation/known-props';
import type { ComponentProvides, ContainerPatch, CrdGroup, HelmChartSource, HelmInstall, ImagePin, ManifestsInstall, PlatformComponentProps } from './component';

// A component written by hand, in JavaScript or from a JSON file, reaches `platform.require()` with whatever
// install it was given: engines render it long after, where a missing key would end in a stack trace.

const CHART_SHAPE = { repository: 'string', chart: 'string', version: 'string' } as const satisfies Record<keyof HelmChartSource, PropShape>;

/** An object a chart renders, as an install names it. */
const RENDERED_RESOURCE_SHAPE = { apiVersion: 'string', kind: 'string' } as const;

const HELM_SHAPE = {
  type: oneOf('helm'), chart: CHART_SHAPE, releaseName: 'string', values: 'object', waitForResources: 'boolean', renderedResources: { '[]': RENDERED_RESOURCE_SHAPE },
} as const satisfies Record<keyof HelmInstall, PropShape>;

const IMAGE_PIN_SHAPE = { name: 'string', newTag: 'string' } as const satisfies Record<keyof ImagePin, PropShape>;

const CONTAINER_PATCH_SHAPE = {
  kind: 'string', name: 'string', args: 'strings', resources: { requests: { '{}': 'string' }, limits: { '{}': 'string' } },
} as const satisfies Record<keyof ContainerPatch, PropShape>;

const MANIFESTS_SHAPE = {
  type: oneOf('manifests'), repository: 'string', tag: 'string', path: 'string', files: 'strings', images: { '[]': IMAGE_PIN_SHAPE }, containerPatches: { '[]': CONTAINER_PATCH_SHAPE },
  configMapPatches: 'any', kustomization: 'boolean', createsNamespace: 'boolean', namespaceLabels: { '{}': 'string' }, waitForResources: 'boolean',
} as const satisfies Record<keyof ManifestsInstall, PropShape>;

/** A CRD group as a component (or a Crossplane Provider) declares it. */
export const CRD_GROUP_SHAPE = { group: 'string', kinds: 'strings', scope: oneOf('Cluster', 'Namespaced') } as const satisfies Record<keyof CrdGroup, PropShape>;

export const PROVIDES_SHAPE = {
  storageClasses: 'strings', runtimeClasses: 'strings', priorityClasses: 'strings', ingressClasses: 'strings', gatewayClasses: 'strings',
  clusterIssuers: 'strings', certResolvers: 'strings', extendedResources: 'strings', loadBalancers: 'strings',
  apiServices: 'strings',
} as const satisfies Record<keyof ComponentProvides, PropShape>;

/**
 * The props of a component, for the lists the platform and the checks iterate over; what factories of the library
 * build (sizes, networks, placements) is left to the checks that read it. `namespace`, `description` and `install`
 * are judged by themselves.
 */
const COMPONENT_SHAPE = {
  name: 'string', namespace: 'any', description: 'any', install: 'any', podSecurity: oneOf('restricted', 'baseline', 'privileged'), podSecurityReason: 'string',
  crds: { '[]': CRD_GROUP_SHAPE }, dependsOn: 'strings', readsSecrets: 'strings', secretsMadeByHand: 'strings', ownerSteps: { '[]': 'any' },
  readsSecretKeys: 'any', valuesProblems: 'any', services: 'any', provides: PROVIDES_SHAPE, hostPorts: { '[]': { port: 'port', protocol: 'string', setBy: 'string' } }, verifiesKubeletCertificates: 'boolean',
  placements: { '{}': { nodeSelector: { '{}': 'string' }, tolerations: 'any', hosts: 'any' } }, storageClassOptions: { '{}': 'string' }, storageTierOptions: 'any', resources: 'any', network: 'any',
} as const satisfies Record<keyof PlatformComponentProps, PropShape>;

/** What each declared CRD group needs, under `crds`. */
export const CRD_GROUPS_REQUIRED: ReadonlyArray<readonly [string, string]> = [
  ['crds.*.group', "give the API group of the CRDs, e.g. group: 'demo.example.com'"],
  ['crds.*.kinds', "list the kinds of that group the component installs, e.g. kinds: ['Widget']"],
];

/** What each host port and placement of a component needs. */
const COMPONENT_REQUIRED: ReadonlyArray<readonly [string, string]> = [
  ...CRD_GROUPS_REQUIRED,
  ['hostPorts.*.port', 'give the port the component binds on each node, e.g. hostPorts: [{ port: 9100 }]'],
  ['placements.*.nodeSelector', 'give the node labels the part runs on, e.g. nodeSelector: { \'kubernetes.io/hostname\': \'nas\' }'],
];

const HELM_REQUIRED: ReadonlyArray<readonly [string, string]> = [
  ['chart', "name the chart: chart: { repository: 'https://charts.example.com', chart: 'demo', version: '1.2.3' }"],
  ['chart.repository', "give the chart's repository, https://… or oci://…"],
  ['chart.chart', 'give the chart name alone, e.g. chart: \'traefik\''],
  ['chart.version', 'give the exact chart version, e.g. version: \'1.2.3\''],
  ['values', "give the values the chart gets, or values: {} to keep the chart's defaults"],
  ['renderedResources.*.apiVersion', "give the apiVersion of the object the chart renders, e.g. apiVersion: 'demo.example.com/v1'"],
  ['renderedResources.*.kind', "give the kind of the object the chart renders, e.g. kind: 'Widget'"],
];

const MANIFESTS_REQUIRED: ReadonlyArray<readonly [string, string]> = [
  ['repository', 'give the https clone URL of the Git repository that holds the files'],
  ['tag', 'give an exact tag of that repository, e.g. tag: \'v1.2.3\''],
  ['path', "give the repository's folder that holds the files, e.g. path: 'deploy'"],
  ['files', "list the files of that folder to apply, e.g. files: ['install.yaml']"],
  ['images.*.name', "give the image's name as the files write it, e.g. name: 'ghcr.io/example/demo'"],
  ['images.*.newTag', "give the tag the image is pinned to, e.g. newTag: 'v1.2.3'"],
  ['containerPatches.*.kind', "give the kind of the workload to patch, e.g. kind: 'DaemonSet'"],
  ['containerPatches.*.name', "give the workload's name in the files, e.g. name: 'demo-agent'"],
];

/**
 * What is wrong with the props of a component written by hand that the engines and the README read, by field path
 * within them: a key the props do not take, a list given as one word (`dependsOn: 'traefik'`) or a CRD group
 * without its kinds, a `namespace` or `description` that is missing or no text, an `install` of a type other than `helm`
 * or `manifests`, a key of the install missing (a Helm install's `chart` and `values`, a manifests install's
 * `repository`, `tag`, `path` and `files`), of the wrong type or one it does not take. Pure.
 */
export function componentPropsProblems(props: { readonly name: string; readonly install: object; readonly namespace?: unknown; readonly description?: unknown }): PropProblem[] {
  const what = `component "${props.name}"`;
  const text = (field: 'namespace' | 'description', example: string): PropProblem[] => (typeof props[field] === 'string' && props[field] !== '' ? [] : [{
    field, message: `${what} has ${props[field] === undefined ? `no ${field}` : `the ${field} ${describeValue(props[field])}, not text`}`, hint: `give it as text: ${field}: ${example}`,
  }]);
  return [
    ...propProblems(what, props, COMPONENT_SHAPE, { required: COMPONENT_REQUIRED }),
    ...text('namespace', `'${props.name}'`),
    ...text('description', "'what the component is for, in one line'"),
    ...installProblems(what, props.install).map((problem) => ({ ...problem, field: `install.${problem.field.replace(/^install\.?/, '')}`.replace(/\.$/, '') })),
  ];
}

/** What is wrong with a component's `install`, by field path within it. Pure. */
function installProblems(what: string, install: object): PropProblem[] {
  const type = (install as { type?: unknown }).type;
  if (type !== 'helm' && type !== 'manifests') {
    return [{
      field: 'type', message: `the install of ${what} has the type ${describeValue(type)}, not helm or manifests`,
      hint: "install from a Helm chart, install: { type: 'helm', chart: { repository, chart, version }, values: {} }, "
        + "or from files of a Git repository, install: { type: 'manifests', repository, tag, path, files: [...] }",
    }];
  }
  if (type === 'manifests') {
    return propProblems(`the install of ${what}`, install, MANIFESTS_SHAPE, { required: MANIFESTS_REQUIRED });
  }
  const values = (install as { values?: unknown }).values;
  // Helm reads values as a map of keys; a list (`['replicaCount=2']`, as `--set` takes them) is none.
  return Array.isArray(values) ? [{
    field: 'values', message: `the values of ${what} are a list, and Helm takes values as an object of keys`,
    hint: "write them as an object, e.g. values: { replicaCount: 2 }, not as --set pairs",
  }] : propProblems(`the install of ${what}`, install, HELM_SHAPE, { required: HELM_REQUIRED });
}
