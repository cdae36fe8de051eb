import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Include } from 'cdk8s';
import { ChartRelease, servesPorts, SopsSecret } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A Flux or Argo CD repository brought in one file at a time through Include and ChartRelease: the
// variables its Kustomizations substituted (postBuild), which nothing here replaces; its kustomization.yaml
// without apiVersion and its .sops.yaml; a file sops encrypted whole; the ConfigMaps and Secrets its
// HelmReleases and Kustomizations read; its gotk-sync.yaml; its OCI chart sources written as https; the CRDs
// a component of the cluster installs; Argo CD's sync waves and hooks; YAML a merge of files broke.

/** A file of `text` in a folder of its own, as a repository being migrated holds it. */
function file(name: string, text: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-migration-'));
  fs.writeFileSync(path.join(folder, name), text);
  return path.join(folder, name);
}

/** Includes `text` as the file `name` under the id `old`, with namespace `web` declared. */
const include = (text: string, name = 'app.yaml') => guarded((cluster: ClusterChart) => {
  cluster.namespaces.ensure('web');
  new Include(cluster, 'old', { url: file(name, text) });
});

const CONFIG_MAP = (metadata: string, data = '  a: b\n') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: echo\n  namespace: web\n${metadata}data:\n${data}`;
const HELM_REPOSITORY = (spec: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata: { name: bjw-s, namespace: flux-system }\nspec: { interval: 1h, ${spec} }\n`;
/** A HelmRelease of bjw-s' app-template with its HelmRepository; `spec` adds to its spec. */
const HELM_RELEASE = (spec: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: echo, namespace: web }
spec:
  interval: 30m
  chart:
    spec:
      chart: app-template
      version: 3.5.1
      sourceRef: { kind: HelmRepository, name: bjw-s, namespace: flux-system }
${spec}---
${HELM_REPOSITORY('url: https://bjw-s.github.io/helm-charts')}`;
const FLUX_KUSTOMIZATION = (name: string, spec = '') => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: ${name}, namespace: flux-system }
spec:
  interval: 10m
  path: ./kubernetes/apps/default/echo/app
  prune: true
  sourceRef: { kind: GitRepository, name: flux-system }
${spec}`;
const DEPLOYMENT = (container: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: echo, namespace: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: echo } }
  template:
    metadata: { labels: { app: echo } }
    spec:
      securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: echo
          ports: [{ name: http, containerPort: 8080 }]
          readinessProbe: { tcpSocket: { port: 8080 } }
          resources: { requests: { cpu: 10m, memory: 32Mi }, limits: { memory: 64Mi } }
          securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
${container}`;
const ENC = (data: string) => `ENC[AES256_GCM,data:${data},iv:${'a'.repeat(43)}=,tag:${'b'.repeat(22)}==,type:str]`;
const SOPS_BLOCK = `sops:\n  lastmodified: "2024-01-01T00:00:00Z"\n  mac: ${ENC('xyz')}\n  version: 3.8.1\n`;

/** bjw-s' app-template from a repository address, with `values`. */
const appTemplate = (repository: string, values: Record<string, unknown> = {}) => guarded((cluster: ClusterChart) => new ChartRelease(cluster, 'echo', {
  namespace: 'web', chart: { repository, chart: 'app-template', version: '3.5.1' }, network: servesPorts({ port: 8080, purpose: 'web' }), values,
}));

const POSTBUILD = /a variable of Flux's postBuild substitution/;
const references = (name: string, build: BadInput['build'], path: string, field: string, message?: RegExp, hint?: RegExp): BadInput =>
  ({ name, build, layer: 'references', path, field, message, hint });

export const CASES: BadInput[] = [
  // Flux's postBuild substitution is no part of this output: a ${VAR} stays as written.
  references('an included ConfigMap with a ${TIMEZONE} of the old cluster-settings', include(CONFIG_MAP('', '  TZ: "${TIMEZONE}"\n')), 'old/echo-configmap-web', 'data.TZ', POSTBUILD),
  references("an included object's annotation with a ${SECRET_DOMAIN} address", include(CONFIG_MAP('  annotations:\n    gethomepage.dev/href: "https://echo.${SECRET_DOMAIN}"\n')),
    'old/echo-configmap-web', 'metadata.annotations.gethomepage.dev/href', POSTBUILD, /site\.domain/),
  references('an included object labelled with ${APP}', include(CONFIG_MAP('  labels:\n    app.kubernetes.io/name: "${APP}"\n')),
    'old/echo-configmap-web', 'metadata.labels.app.kubernetes.io/name', POSTBUILD),
  references('an included object in namespace ${NAMESPACE}', include(CONFIG_MAP('').replace('namespace: web', 'namespace: "${NAMESPACE}"')),
    'old/echo-configmap-${NAMESPACE}', 'metadata.namespace', POSTBUILD),
  references('an included Deployment with an env value ${TIMEZONE}', include(DEPLOYMENT('          image: ghcr.io/mendhak/http-https-echo:34\n          env:\n            - { name: TZ, value: "${TIMEZONE}" }\n')),
    'old/echo-deployment-web', 'spec.template.spec.containers[0].env[0].value', POSTBUILD, /\$\(TIMEZONE\)/),
  references('an included Deployment whose image tag is ${ECHO_VERSION}', include(DEPLOYMENT('          image: ghcr.io/mendhak/http-https-echo:${ECHO_VERSION}\n')),
    'old/echo-deployment-web', 'spec.template.spec.containers[0].image', POSTBUILD),
  references('an included Ingress for echo.${SECRET_DOMAIN}', include(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: echo, namespace: web }
spec:
  rules:
    - host: "echo.\${SECRET_DOMAIN}"
`), 'old/echo-ingress-web', 'spec.rules[0].host', POSTBUILD),
  references("an included HelmRelease whose values' host is echo.${SECRET_DOMAIN}", include(HELM_RELEASE('  values:\n    ingress:\n      app:\n        hosts:\n          - host: "echo.${SECRET_DOMAIN}"\n')),
    'old/echo-helmrelease-web', 'spec.values.ingress.app.hosts[0].host', POSTBUILD),
  references("a ChartRelease whose values' host is echo.${SECRET_DOMAIN}", appTemplate('https://bjw-s.github.io/helm-charts', { ingress: { app: { hosts: [{ host: 'echo.${SECRET_DOMAIN}' }] } } }),
    'echo/release', 'spec.values.ingress.app.hosts[0].host', POSTBUILD),

  // The old repository's build files and sops' configuration are no manifests.
  {
    name: 'an Include of a kustomization.yaml without apiVersion and kind, as kustomize takes it',
    build: include('---\nresources:\n  - ./helmrelease.yaml\n  - ./secret.sops.yaml\n', 'kustomization.yaml'),
    layer: 'props', path: 'old', field: 'url', message: /is a kustomization/, hint: /\.\/helmrelease\.yaml, \.\/secret\.sops\.yaml/,
  },
  {
    name: 'an Include of a kustomization.yaml with kind but no apiVersion',
    build: include('kind: Kustomization\nnamespace: web\nresources:\n  - ./helmrelease.yaml\n', 'kustomization.yaml'),
    layer: 'props', path: 'old', field: 'url', message: /is a kustomization/,
  },
  {
    name: "an Include of the old repository's .sops.yaml",
    build: include('creation_rules:\n  - path_regex: kubernetes/.*\\.sops\\.ya?ml\n    encrypted_regex: "^(data|stringData)$"\n    age: age1abc\n', '.sops.yaml'),
    layer: 'props', path: 'old', field: 'url', message: /sops' own configuration/, hint: /SopsSecret/,
  },
  {
    name: 'an Include of a Secret sops encrypted whole, under a creation rule without encrypted_regex',
    build: include(`apiVersion: ${ENC('abc=')}\nkind: ${ENC('abcd')}\nmetadata:\n  name: ${ENC('abcd')}\nstringData:\n  TOKEN: ${ENC('abcdEFGH')}\n${SOPS_BLOCK}`, 'secret.sops.yaml'),
    layer: 'props', path: 'old', field: 'url', message: /encrypted whole by sops/, hint: /encrypted_regex: '\^\(data\|stringData\)\$'/,
  },
  {
    name: 'SopsSecret.fromFile of a Secret whose name sops encrypted',
    build: guarded((cluster: ClusterChart) => SopsSecret.fromFile(cluster, 'db',
      file('db.sops.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${ENC('abcd')}\n  namespace: web\nstringData:\n  TOKEN: ${ENC('abcdEFGH')}\n${SOPS_BLOCK}`))),
    layer: 'policy', path: 'db', field: 'manifest.metadata.name', message: /sops encrypted the whole file/, hint: /encrypted_regex/,
  },

  // What its HelmReleases and Kustomizations read, and what flux bootstrap made for it.
  references('an included HelmRelease with valuesFrom a ConfigMap nobody makes', include(HELM_RELEASE('  valuesFrom:\n    - kind: ConfigMap\n      name: echo-values\n')),
    'old/echo-helmrelease-web', 'spec.valuesFrom[0]', /ConfigMap web\/echo-values/, /optional: true/),
  references('an included HelmRelease with valuesFrom a Secret nobody makes', include(HELM_RELEASE('  valuesFrom:\n    - kind: Secret\n      name: echo-secret\n      valuesKey: values.yaml\n')),
    'old/echo-helmrelease-web', 'spec.valuesFrom[0]', /Secret web\/echo-secret/, /SealedSecret, SopsSecret or ExternalSecret/),
  references('an included Flux Kustomization substituting from the old cluster-settings ConfigMap', include(FLUX_KUSTOMIZATION('echo', '  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-settings\n')),
    'old/echo-kustomization-flux-system', 'spec.postBuild.substituteFrom[0]', /ConfigMap flux-system\/cluster-settings/),
  references('an included Flux Kustomization substituting from the old cluster-secrets Secret', include(FLUX_KUSTOMIZATION('echo', '  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: x\n        optional: true\n      - kind: Secret\n        name: cluster-secrets\n')),
    'old/echo-kustomization-flux-system', 'spec.postBuild.substituteFrom[1]', /Secret flux-system\/cluster-secrets/),
  references('an included Flux Kustomization decrypting with an age key Secret the cluster does not make', include(FLUX_KUSTOMIZATION('echo', '  decryption: { provider: sops, secretRef: { name: sops-age } }\n')),
    'old/echo-kustomization-flux-system', 'spec.decryption.secretRef', /Secret flux-system\/sops-age/, /flux\(\{ sopsSecretName: 'sops-age' \}\)/),
  references("an Include of the old repository's gotk-sync.yaml: its GitRepository", include(`apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: { name: flux-system, namespace: flux-system }
spec: { interval: 1m, ref: { branch: main }, url: ssh://git@github.com/me/home-ops }
`), 'old/flux-system-gitrepository-flux-system', 'metadata.name', /flux bootstrap makes/),
  references("an Include of the old repository's gotk-sync.yaml: its Kustomization", include(FLUX_KUSTOMIZATION('flux-system')), 'old/flux-system-kustomization-flux-system', 'metadata.name', /flux bootstrap makes/),

  // OCI chart sources written as https, and https ones written as oci.
  { name: 'an included HelmRepository of type oci at an https address', build: include(HELM_REPOSITORY('type: oci, url: https://ghcr.io/bjw-s/helm')), layer: 'schema', path: 'old/bjw-s-helmrepository-flux-system', field: 'spec.url', hint: /oci:\/\/ghcr\.io\/bjw-s\/helm/ },
  { name: 'an included HelmRepository at an oci address without type oci', build: include(HELM_REPOSITORY('url: oci://ghcr.io/bjw-s/helm')), layer: 'schema', path: 'old/bjw-s-helmrepository-flux-system', field: 'spec.url', hint: /type: oci/ },
  { name: 'an included HelmRepository at https://ghcr.io, which serves no index', build: include(HELM_REPOSITORY('url: https://ghcr.io/bjw-s/helm')), layer: 'schema', path: 'old/bjw-s-helmrepository-flux-system', field: 'spec.url', message: /no index\.yaml/ },
  { name: 'a ChartRelease from https://ghcr.io, an OCI registry', build: appTemplate('https://ghcr.io/bjw-s/helm'), layer: 'props', path: 'echo', field: 'chart.repository', hint: /oci:\/\/ghcr\.io\/bjw-s\/helm/ },

  // Definitions a component installs, and Argo CD's ordering on a Flux cluster.
  references('an included CRD of a kind the Traefik component installs', include(`apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: middlewares.traefik.io }
spec:
  group: traefik.io
  names: { kind: Middleware, listKind: MiddlewareList, plural: middlewares, singular: middleware }
  scope: Namespaced
  versions:
    - name: v1alpha1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
`), 'old/middlewares.traefik.io-customresourcedefinition', 'spec.names.kind', /platform component traefik installs already/),
  references("an included CRD of Flux's HelmRelease, which flux bootstrap installs", include(`apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: helmreleases.helm.toolkit.fluxcd.io }
spec:
  group: helm.toolkit.fluxcd.io
  names: { kind: HelmRelease, listKind: HelmReleaseList, plural: helmreleases, singular: helmrelease }
  scope: Namespaced
  versions:
    - name: v2
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
`), 'old/helmreleases.helm.toolkit.fluxcd.io-customresourcedefinition', 'spec.names.kind', /\(declared preinstalled\) installs already/),
  references('an included object with an Argo CD sync wave on a Flux cluster', include(CONFIG_MAP('  annotations:\n    argocd.argoproj.io/sync-wave: "-1"\n')),
    'old/echo-configmap-web', 'metadata.annotations.argocd.argoproj.io/sync-wave', /applied by flux, which ignores it/, /dependsOn/),
  references('an included Argo CD PreSync hook on a Flux cluster', include(CONFIG_MAP('  annotations:\n    argocd.argoproj.io/hook: PreSync\n')),
    'old/echo-configmap-web', 'metadata.annotations.argocd.argoproj.io/hook', /as a hook/),

  // YAML that merging files broke: the hint names what to do for each error.
  { name: 'an included file indented with tabs', build: include(CONFIG_MAP('').replace('  name: echo', '\tname: echo')), layer: 'props', path: 'old', field: 'url', hint: /indent with spaces/ },
  {
    name: 'an included file whose alias names an anchor of another document',
    build: include(`${CONFIG_MAP('  labels: &labels { app: echo }\n')}---\n${CONFIG_MAP('  labels: *labels\n').replace('name: echo', 'name: two')}`),
    layer: 'props', path: 'old', field: 'url', hint: /anchor \(&name\) in the same document/,
  },
  { name: 'an included file with a key given twice', build: include(CONFIG_MAP('', '  TZ: UTC\n  TZ: Europe/Berlin\n')), layer: 'props', path: 'old', field: 'url', hint: /keep one of the two keys/ },
];
