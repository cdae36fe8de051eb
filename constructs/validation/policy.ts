import { checkBackupRepositories, checkDatabaseFileBackups, restoredClaims } from './backup-tool-claims';
import { imageFloats, imageTag } from '../app/image-tag';
import { dockerSizeMeant } from '../app/quantities';
import { EXEMPTION_ANNOTATION_KEYS, EXEMPTION_ANNOTATION_PREFIX, exemptionOfAnnotationKey, FLOATING_IMAGE_ANNOTATION, POD_SECURITY_LEVELS, POD_SECURITY_REASONS_ANNOTATION, PodSecurityLevel, widerLevel } from '../app/security';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { NamedCheck, NamedFleetCheck } from './check';
import type { Finding } from './finding';
import { type Fields, fields, list, namespaceOf, objectFinding, stringMap, text } from './manifest';
import { quantityValue } from './quantity';
import { unlabelledNamespaceHint } from './written-namespaces';
import { imageSecretVariable } from './image-secret-variables';
import { memoryVolumeFindings } from './memory-volumes';
import { worldServerOf } from '../app/image-state-dirs';
import { unreplicatedServer } from '../app/database-data';
import { checkStopGracePeriods } from './stop-grace-periods';
import { checkNodePortExemptions } from './node-port-exemptions';
import { checkPolicyEnforcement } from './unenforced-policies';
import { checkAppCalls } from './app-calls';
import { checkCnpgOperatorReach } from './cnpg-operator-reach';
import { checkMediaStackLinks } from './media-stack-links';
import { checkIngressBackendAdmission } from './ingress-backend-admission';
import { checkCallsAcrossClusters } from './cross-cluster-calls';
import { checkTokenPatches } from './app-token-patches';
import { checkBindingSubjects } from './binding-subjects';
import { indexOf, ObjectIndex } from './object-index';
import { operatorImageFindings } from './operator-images';
import { hostPorts } from './host-port-rules';
import { allowAllPolicies } from './allow-all-policies';
import { checkCiliumHostPolicies } from './cilium-host-policies';
import { idleCiliumPolicies } from './idle-cilium-policies';
import { idleNetworkPolicies } from './idle-network-policies';
import { udpPortsAdmittedOverTcp } from './policy-port-protocols';
import { undeclaredPolicyPortNames } from './policy-port-names';
import { fqdnRulesWithoutDnsProxy } from './cilium-fqdn-lookups';
import { egressWithoutClusterDns } from './cluster-dns-egress';
import { hiddenPodFindings } from './installed-namespaces';
import { exemptPodsUnderPlatformPolicy, policyPodSelectors, wholeNamespacePolicies } from './namespace-policies';
import { schedulableHosts } from './scheduling';
import { followsToHost } from './host-followers';
import { jobPods } from '../platform/workload-templates';
import { admittedPodTemplates, claimsOfRunningWorkloads, containersOf, PodTemplate, podTemplates, podTemplatesSelectedBy, runsWithPod, templateKindOf } from './pod-spec';
import { declaredExemptions, PodSecurityDeparture, podSecurityDepartures } from './pod-security';
import { keySpelling, unknownDeclarations, unusedDeclarations } from './unused-declarations';
import { imageReferenceProblem } from './syntax';
import { checkCronJobDeadlines } from './cron-deadlines';
import { credentialIn, jsonSecretSetting, secretSettingLine, urlPasswordIn, writesSecret } from './secret-values';
import { commandLineSecrets, secretFlagsIn, shellWords } from './command-secrets';
import { checkWrittenCredentials } from './written-credentials';
import { kubesealCiphertextProblem, notSealedFinding } from '../secrets/kubeseal-ciphertext';
import { isNodeLocalClass } from './node-local-classes';
import { CheckedValues, VALUES_CHECKED_NOTE } from '../secrets/secret-keys';

export { isSecretLookingName } from './secret-values';

const layer = 'policy' as const;

/** Label that sets the Pod Security level a namespace enforces. */
export const POD_SECURITY_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/**
 * Pods meet the restricted Pod Security Standard unless a typed exemption with a reason declares the
 * departure, and their namespace enforces a level that admits them and says why when it is not restricted.
 */
export function checkPodSecurity(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  for (const namespace of index.of('Namespace')) {
    const metadata = fields(namespace.manifest.metadata);
    const level = stringMap(metadata.labels)[POD_SECURITY_ENFORCE_LABEL];
    if (!POD_SECURITY_LEVELS.includes(level as PodSecurityLevel)) {
      findings.push(objectFinding(namespace, {
        layer, severity: 'error', field: `metadata.labels.${POD_SECURITY_ENFORCE_LABEL}`,
        message: level === undefined ? 'enforces no Pod Security level' : `"${level}" is not a Pod Security level`,
        hint: unlabelledNamespaceHint(cluster, namespace),
      }));
    } else if (level !== 'restricted' && !(stringMap(metadata.annotations)[POD_SECURITY_REASONS_ANNOTATION] ?? '').trim()) {
      findings.push(objectFinding(namespace, {
        layer, severity: 'error', field: `metadata.annotations.${POD_SECURITY_REASONS_ANNOTATION}`,
        message: `enforces "${level}" without saying why`,
        hint: 'widen a namespace only through ensure(name, { podSecurity, reason })',
      }));
    }
  }
  for (let n = 0, templates = admittedPodTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    const declared = declaredExemptions(template);
    let needed: PodSecurityLevel = 'restricted';
    let undeclared = false;
    const departures = podSecurityDepartures(template);
    for (const { field, key } of unusedDeclarations(template, declared, departures)) {
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field,
        message: `declares the exemption ${key} ("${declared.get(key)}"), but the pod makes no departure it covers`,
        hint: `drop the annotation ${EXEMPTION_ANNOTATION_PREFIX}${key}, or add what it is for to the pod`,
      }));
    }
    // A key that is no exemption exempts nothing; one the error below names in its hint is said there.
    const namedByHint = (key: string) => departures.some((d) => !d.exemptions.some((e) => (declared.get(e) ?? '').trim() !== '')
      && keySpelling(d.exemptions[0]) === keySpelling(key));
    for (const { field, key, meant } of unknownDeclarations(template, declared).filter((u) => !namedByHint(u.key))) {
      findings.push(objectFinding(template.object, {
        layer, severity: 'warning', field,
        message: `the annotation ${EXEMPTION_ANNOTATION_PREFIX}${key} is no exemption this library reads: it exempts nothing`,
        hint: meant === undefined ? `write one of the exemption keys (${Object.values(EXEMPTION_ANNOTATION_KEYS).join(', ')}), or drop it`
          : `did you mean ${EXEMPTION_ANNOTATION_PREFIX}${meant}? Write the key so, or drop the annotation`,
      }));
    }
    for (const departure of departures) {
      needed = widerLevel(needed, departure.level);
      if (!departure.exemptions.some((key) => (declared.get(key) ?? '').trim() !== '')) {
        undeclared = true;
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: departure.field,
          message: `${departure.message}, and no exemption declares it`,
          hint: exemptionHint(departure, declared),
        }));
      }
    }
    const namespace = index.find('Namespace', '', template.namespace);
    const enforced = stringMap(namespace?.manifest.metadata.labels)[POD_SECURITY_ENFORCE_LABEL] as PodSecurityLevel | undefined;
    // A departure nobody declared is reported above; the namespace's level is the next step once it is.
    if (!undeclared && namespace && enforced && POD_SECURITY_LEVELS.includes(enforced) && widerLevel(enforced, needed) !== enforced) {
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field: template.specPath,
        message: `needs Pod Security level "${needed}", but namespace "${template.namespace}" enforces "${enforced}"; admission would reject its pods`,
        hint: 'widen the namespace with ensure(name, { podSecurity, reason })',
      }));
    }
  }
  return findings;
}

/**
 * How to mend a departure: the field written within the restricted level, or the exemption that says why,
 * as an App takes it and as the pod template's annotation a hand-written workload carries.
 */
function exemptionHint(departure: PodSecurityDeparture, declared: ReadonlyMap<string, string>): string {
  const key = departure.exemptions[0];
  const prop = exemptionOfAnnotationKey(key);
  // An annotation that spells the key another way (`runAsRoot`, `Run_As_Root`) declares nothing: say so, rather than only name the key.
  const misspelt = [...declared.keys()].find((given) => given !== key && keySpelling(given) === keySpelling(key));
  return `${departure.fix}; or, to depart on purpose, state why: ${prop ? `exemptions: { ${prop}: '…' } on an App, or ` : ''}`
    + `the annotation ${EXEMPTION_ANNOTATION_PREFIX}${key}: '…' on the pod template`
    + (misspelt === undefined ? '' : ` (the pod's annotation ${EXEMPTION_ANNOTATION_PREFIX}${misspelt} is no exemption: write the key as ${key})`);
}

/**
 * Why `image` is not pinned (no tag, or a moving one), as a finding's message and hint; undefined when it
 * is pinned. An image that is no reference at all is the container rules' to report, once. Pure.
 */
export function floatingImageProblem(image: string): { message: string; hint: string } | undefined {
  if (!imageFloats(image) || imageReferenceProblem(image) !== undefined) {
    return undefined;
  }
  return {
    message: imageTag(image) === undefined ? `image "${image}" has no tag, so it floats on latest` : `image "${image}" uses the moving tag "${imageTag(image)}", which the registry points at each new build`,
    hint: "pin a version tag (e.g. :1.2.3) or a digest (@sha256:...), or state why it follows the moving tag: `exemptions: { floatingImage: '…' }`",
  };
}

/**
 * Why a container's pull policy `Never` is a mistake, as a finding's message and hint; undefined for any other
 * policy. The kubelet then starts the container only on a node that holds the image already (loaded by hand, with
 * `k3s ctr images import` or `crictl pull`), and on every other node of the lab the pod stays in ErrImageNeverPull;
 * `IfNotPresent` uses such a loaded image just as well and pulls it where it is missing, through the registry or
 * the mirror the nodes are given. Pure.
 */
export function neverPulledProblem(policy: unknown, image: string): { message: string; hint: string } | undefined {
  return policy !== 'Never' ? undefined : {
    message: `imagePullPolicy Never starts ${image === '' ? 'the container' : `image "${image}"`} only on a node that holds it already, loaded by hand: on any other node the pod stays in ErrImageNeverPull, and a node replaced or wiped never gets it`,
    hint: "write imagePullPolicy: 'IfNotPresent' (or leave it out for a pinned image): it uses an image loaded on the node as Never does, and pulls it where it is missing",
  };
}

/**
 * Why `image`, pulled from a registry named by its in-cluster Service name (`zot.registry.svc.cluster.local:5000/app:1.0`,
 * `registry.ci.svc:5000/…`), is a mistake, as a finding's message and hint; undefined for any other image. The kubelet
 * has containerd pull it, on the node, whose resolver is the host's, not the cluster's DNS: the name resolves nowhere
 * and the pod stays in ImagePullBackOff. Pure.
 */
export function inClusterRegistryProblem(image: string): { message: string; hint: string } | undefined {
  const registry = /^([^/]+)\//.exec(image)?.[1];
  const labels = registry?.replace(/:\d*$/, '').toLowerCase().split('.') ?? [];
  return labels.length < 3 || labels[2] !== 'svc' ? undefined : {
    message: `image "${image}" is pulled from ${registry}, a Service's name in the cluster's DNS: containerd pulls images on the node, whose resolver does not know the cluster's Service names, so the pod stays in ImagePullBackOff`,
    hint: "pull it from an address the nodes reach: the registry's route host or load balancer address (with TLS, or listed for the nodes' containerd, as K3s' /etc/rancher/k3s/registries.yaml lists a mirror)",
  };
}

/** The SecretReference a hint writes where the lab's way of keeping secrets is not known: a Sealed Secret's key. */
const DEFAULT_SECRET_REFERENCE = (_variable: string): string => "sealedSecret.key('...')";

/**
 * Why a literal environment value `value` of variable `name` commits a secret in the clear (a secret-looking
 * name, a value that is a credential by its form, such as a webhook URL or a token, or a URL with its
 * password written out), as a finding's message and hint; undefined when it does not. The hint writes the
 * reference as the variable was given: in `env` props, or to an `addEnv` call, and as `secretReference` writes one
 * (the lab's own way of keeping secrets, read only when a hint is written); `image`, the container's, names the
 * variables it reads a secret from under names that do not say so. Pure, but for `secretReference`.
 */
export function envLiteralProblem(
  name: string, value: string, givenTo: 'env' | 'addEnv' = 'env', image?: unknown, secretReference: (variable: string) => string = DEFAULT_SECRET_REFERENCE,
): { message: string; hint: string } | undefined {
  const reference = () => (givenTo === 'env' ? `env: { ${name}: ${secretReference(name)} }` : `addEnv('${name}', ${secretReference(name)})`);
  // The name first: most env values are literals, few names look secret.
  if (writesSecret(name, value)) {
    return { message: `${name} is set to a literal value; a secret would be committed in the clear`, hint: `pass a SecretReference: ${reference()}` };
  }
  const holds = imageSecretVariable(image, name, value);
  if (holds !== undefined) {
    return { message: `${name} holds ${holds}, written out; a secret would be committed in the clear`, hint: `pass a SecretReference: ${reference()}` };
  }
  const credential = credentialIn(value);
  if (credential !== undefined) {
    return { message: `${name} holds ${credential}; a secret would be committed in the clear`, hint: `pass the whole value as a SecretReference: ${reference()}` };
  }
  if (urlPasswordIn(value) !== undefined) {
    return {
      message: `${name} holds a URL with its password written out; a secret would be committed in the clear`,
      hint: 'keep the password in a Secret: pass it as DB_PASSWORD from a SecretReference and write $(DB_PASSWORD) in the URL, or pass the whole URL as a SecretReference',
    };
  }
  // Arguments given in a variable the image's entrypoint adds to its command line (redis-stack's `REDIS_ARGS: '--requirepass …'`).
  const flag = value.includes('-') && !value.includes('\n') ? secretFlagsIn(shellWords(value))[0] : undefined;
  if (flag !== undefined) {
    return {
      message: `${name} holds arguments whose ${flag.described} is written out; a secret would be committed in the clear`,
      hint: `pass the value as a variable of its own from a SecretReference, listed before ${name} (${givenTo === 'env' ? `env: { PASSWORD: ${secretReference('PASSWORD')} }` : `addEnv('PASSWORD', ${secretReference('PASSWORD')})`}), and write ${flag.withReference.replace('NAME', 'PASSWORD')} in ${name}, which Kubernetes expands`,
    };
  }
  // A config file given in a variable (`CONFIG: 'auth:\n  password: …'`).
  const line = value.includes('\n') ? secretSettingLine(value) : undefined;
  return line === undefined ? undefined : {
    message: `${name} holds text that sets ${line.setting} on line ${line.number}; a secret would be committed in the clear`,
    hint: `pass the whole text as a SecretReference: ${reference()}`,
  };
}

/**
 * Images are pinned: a tag that is not `latest`, or a digest; unless the pod states why it follows a moving
 * tag (the `floatingImage` exemption). And they are pulled: no container waits for its image to be loaded on
 * the node by hand (`imagePullPolicy: Never`), nor names its registry by a Service name only the cluster resolves.
 */
export function checkImages(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (let n = 0, templates = podTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    if (template.annotations[FLOATING_IMAGE_ANNOTATION] !== undefined) {
      continue;
    }
    for (let c = 0, containerRefs = containersOf(template); c < containerRefs.length; c++) {
      const { container, path } = containerRefs[c];
      const problem = floatingImageProblem(text(container.image) ?? '');
      if (problem) {
        findings.push(objectFinding(template.object, { layer, severity: 'error', field: `${path}.image`, ...problem }));
      }
      const inCluster = inClusterRegistryProblem(text(container.image) ?? '');
      if (inCluster) {
        findings.push(objectFinding(template.object, { layer, severity: 'error', field: `${path}.image`, ...inCluster }));
      }
      const neverPulled = neverPulledProblem(container.imagePullPolicy, text(container.image) ?? '');
      if (neverPulled) {
        findings.push(objectFinding(template.object, { layer, severity: 'error', field: `${path}.imagePullPolicy`, ...neverPulled }));
      }
    }
  }
  findings.push(...operatorImageFindings(cluster, floatingImageProblem));
  return findings;
}

/**
 * How to give a container its resources: in the manifest's own terms (a hand-written or included object is
 * where a container without them comes from), and as an App's containers take them.
 */
const RESOURCES_HINT = "give the container resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } }"
  + " (on an App, a container or a sidecar: resources: { cpuRequest, memoryRequest, memoryLimit })";

/**
 * Every container requests cpu and memory and has a memory limit, which holds the memory-backed volumes it
 * mounts (a warning, see {@link memoryVolumeFindings}).
 */
export function checkResources(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (let n = 0, templates = podTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    const containerRefs = containersOf(template);
    findings.push(...memoryVolumeFindings(template, containerRefs));
    for (let c = 0; c < containerRefs.length; c++) {
      const { container, path } = containerRefs[c];
      const resources = fields(container.resources);
      const wanted: Array<[string, unknown]> = [
        ['requests.cpu', fields(resources.requests).cpu],
        ['requests.memory', fields(resources.requests).memory],
        ['limits.memory', fields(resources.limits).memory],
      ];
      for (const [field, value] of wanted) {
        if (value === undefined) {
          findings.push(objectFinding(template.object, {
            layer, severity: 'error', field: `${path}.resources.${field}`,
            message: `sets no ${field.replace('.', ' ')}`,
            hint: RESOURCES_HINT,
          }));
        }
      }
      findings.push(...tinyMemoryFindings(template.object, path, resources));
    }
  }
  return findings;
}

/** Less memory than any process starts in; what a docker-style `512m` (millibytes here) or a bare byte count ends up as. */
const SMALLEST_MEMORY_BYTES = 1024 * 1024;

/**
 * Memory requests and limits below a mebibyte: the API server takes `512m` as 0.512 bytes and `512` as
 * bytes, and no container starts under such a limit.
 */
function tinyMemoryFindings(object: SynthesizedObject, path: string, resources: Fields): Finding[] {
  return (['requests', 'limits'] as const).flatMap((kind) => {
    const value = fields(resources[kind]).memory;
    const bytes = quantityValue(value);
    if (bytes === undefined || bytes === 0 || bytes >= SMALLEST_MEMORY_BYTES) {
      return [];
    }
    const amount = String(value);
    const meant = dockerSizeMeant(/^\d+$/.test(amount) ? Number(amount) : value) ?? '256Mi';
    return [objectFinding(object, {
      layer, severity: 'error', field: `${path}.resources.${kind}.memory`,
      message: `memory ${amount} is ${bytes < 1 ? 'less than a byte' : `${bytes} bytes`}: Kubernetes reads m as thousandths and a bare number as bytes`,
      hint: `write memory with a binary unit: ${meant} (docker's 512m is 512Mi here)`,
    })];
  });
}

/** Workload kinds whose pods run to completion. */
const RUNS_TO_COMPLETION: ReadonlySet<string> = new Set(['Job', 'CronJob']);

/**
 * Containers that serve a Service's ports (native sidecars too) have a readiness probe, so traffic waits
 * until they are ready. The `probes` exemption (`security.homelab.dev/missing-probes`) records a missing
 * probe; it does not excuse this one, without which the Service sends requests to a pod still starting.
 */
export function checkReadiness(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const service of indexOf(cluster.objects).of('Service')) {
    const spec = fields(service.manifest.spec);
    const selector = stringMap(spec.selector);
    if (spec.type === 'ExternalName' || Object.keys(selector).length === 0) {
      continue;
    }
    const targets = list(spec.ports).map((p) => p.targetPort ?? p.port);
    for (const template of podTemplatesSelectedBy(cluster.objects, namespaceOf(service), selector)) {
      for (let c = 0, containerRefs = containersOf(template); c < containerRefs.length; c++) {
        const { container, path } = containerRefs[c];
        const serves = list(container.ports).some((p) => targets.includes(p.containerPort) || (p.name !== undefined && targets.includes(p.name)));
        if (runsWithPod(containerRefs[c]) && serves && container.readinessProbe === undefined && !reported.has(`${template.object.constructPath}:${path}`)) {
          reported.add(`${template.object.constructPath}:${path}`);
          findings.push(objectFinding(template.object, {
            layer, severity: 'error', field: `${path}.readinessProbe`,
            message: `serves Service "${service.manifest.metadata.name}" but has no readiness probe`,
            hint: RUNS_TO_COMPLETION.has(template.object.manifest.kind)
              // App leaves a Job's pods without probes: their ports are what usually needs a second look.
              ? 'a Job runs to completion and is rarely reached through a Service: drop `ports`, or set probes: { readiness: { ... } } if something must reach it while it runs'
              : list(container.ports).every((p) => p.protocol === 'UDP')
                ? 'the container listens on UDP only, which no TCP probe can check: give probes: { readiness: { command: [...] } } that asks the service itself'
                : 'give the container a readinessProbe (an App keeps its default TCP probe unless probes.readiness says otherwise)',
          }));
        }
      }
    }
  }
  return findings;
}

const SINGLE_WRITER = new Set(['ReadWriteOnce', 'ReadWriteOncePod']);

/**
 * The claims of the template's pods that one node alone can mount (ReadWriteOnce, ReadWriteOncePod), each once:
 * a pod that mounts one claim through two volumes is one writer, not two.
 */
export function singleWriterClaims(template: PodTemplate, index: ObjectIndex): string[] {
  return [...new Set(list(template.spec.volumes).map((v) => text(fields(v.persistentVolumeClaim).claimName)))].filter((name): name is string => {
    const claim = name === undefined ? undefined : index.find('PersistentVolumeClaim', template.namespace, name);
    const modes = fields(claim?.manifest.spec).accessModes;
    return Array.isArray(modes) && modes.length > 0 && modes.every((m) => SINGLE_WRITER.has(String(m)));
  });
}

/**
 * An RWO claim is never shared by several replicas, and a Deployment on one rolls out with `Recreate`; no restore
 * Job writes into a claim (of any access mode) a running workload mounts.
 */
export function checkSingleWriterClaims(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  // The first workload to mount each single-writer claim; where it may run is asked only if another mounts it too.
  const mountedBy = new Map<string, { readonly workload: string; readonly template: PodTemplate }>();
  const onlyHost = (template: PodTemplate): string | undefined => {
    const hosts = schedulableHosts(template, cluster.chart).hosts;
    return hosts.length === 1 ? hosts[0].name : undefined;
  };
  // A claim whose StorageClass places volumes on one host alone (a ZFS pool's) takes every pod that mounts it there.
  const pinnedHost = (namespace: string, claim: string): string | undefined => {
    const className = text(fields(index.find('PersistentVolumeClaim', namespace, claim)?.manifest.spec).storageClassName);
    const terms = list(className === undefined ? undefined : index.find('StorageClass', '', className)?.manifest.allowedTopologies);
    const hosts = terms.length === 1 ? list(terms[0].matchLabelExpressions).filter((e) => e.key === 'kubernetes.io/hostname') : [];
    return hosts.length === 1 && Array.isArray(hosts[0].values) && hosts[0].values.length === 1 ? String(hosts[0].values[0]) : undefined;
  };
  // So does a node-local class of any host (local-path): the volume's node affinity, set where it was first made,
  // takes every later pod that mounts it to that node, where a ReadWriteOnce volume mounts in any number of pods.
  const onOneNode = (namespace: string, claim: string): boolean => pinnedHost(namespace, claim) !== undefined || isNodeLocalClass(
    text(fields(index.find('PersistentVolumeClaim', namespace, claim)?.manifest.spec).storageClassName),
    (name) => index.find('StorageClass', '', name)?.manifest,
  );
  // The first autoscaler that may scale each workload beyond one replica, by namespace, kind and name: looked up
  // for each workload that mounts a single-writer claim.
  const scalers = new Map<string, SynthesizedObject>();
  for (const autoscaler of index.of('HorizontalPodAutoscaler')) {
    const spec = fields(autoscaler.manifest.spec);
    const target = fields(spec.scaleTargetRef);
    const key = `${namespaceOf(autoscaler)}/${String(target.kind)}/${String(target.name)}`;
    if (typeof spec.maxReplicas === 'number' && spec.maxReplicas > 1 && !scalers.has(key)) {
      scalers.set(key, autoscaler);
    }
  }
  // A ReadWriteOncePod claim admits one pod, even beside it on its node.
  const onePodOnly = (namespace: string, claim: string): boolean => {
    const modes = fields(index.find('PersistentVolumeClaim', namespace, claim)?.manifest.spec).accessModes;
    return Array.isArray(modes) && modes.includes('ReadWriteOncePod');
  };
  // Knative Services' templates too: their revisions' pods mount the claims as a Deployment's would.
  const templates = admittedPodTemplates(cluster.objects);
  const running = claimsOfRunningWorkloads(cluster.objects);
  // Restores into those claims (restic restore, borg extract, in a Job) by Job, and the claims they restore into.
  const restores = new Map<PodTemplate, string[]>();
  for (const template of templates) {
    const kind = String(template.object.manifest.kind);
    const claims = kind === 'Job' || kind === 'CronJob' ? restoredClaims(template).filter((claim) => running.has(`${template.namespace}/${claim}`)) : [];
    if (claims.length > 0) {
      restores.set(template, claims);
    }
  }
  for (let n = 0; n < templates.length; n++) {
    const template = templates[n];
    const kind = template.object.manifest.kind;
    const knative = kind === 'Service' && String(template.object.manifest.apiVersion).startsWith('serving.knative.dev/');
    // A Job's pod (a backup's, a CronJob's) mounts the claims too, while the workload that owns them runs: on another
    // node it waits for the volume as long as that workload keeps it. A Job is not rolled out nor scaled, so only
    // the sharing is asked of it.
    const job = kind === 'Job' || kind === 'CronJob';
    if (!templateKindOf(template.object.manifest)?.keepsPodsRunning && !knative && !job) {
      continue;
    }
    // A restore (restic restore, borg extract) into a claim an app mounts while it runs writes under the app, on
    // one node or not: one error for it, before what sharing the claim would say.
    const claimVolume = (claim: string) => `${template.specPath}.volumes[${list(template.spec.volumes).findIndex((v) => text(fields(v.persistentVolumeClaim).claimName) === claim)}]`;
    for (const claim of restores.get(template) ?? []) {
      const app = running.get(`${template.namespace}/${claim}`)!;
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field: claimVolume(claim),
        message: `restores a backup into claim "${claim}", which ${app} mounts while it runs: the restore writes under the app's open files (and, on another node, waits for a ReadWriteOnce volume the app keeps)`,
        hint: `stop the app for the restore (scale ${app} to 0 until the Job is done, then back), or restore into a claim of its own and mount that one in the app`,
      }));
    }
    const singleWriter = singleWriterClaims(template, index);
    if (singleWriter.length === 0) {
      continue;
    }
    // The volume that mounts the claim, which an App's finding names by the prop that gave it.
    const volumeOf = claimVolume;
    if (knative && onlyHost(template) === undefined) {
      // Knative starts a new revision's pods before it stops the old ones, and scales out: on one host only, all mount it.
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field: volumeOf(singleWriter[0]),
        message: `a Knative Service mounts the ReadWriteOnce claim "${singleWriter[0]}": Knative starts each new revision's pod beside the old one and scales out to more pods, which may land on nodes that cannot mount it`,
        hint: 'run the app under a Deployment (AppController.deployment(), which rolls out with Recreate), pin it to one host, or use a ReadWriteMany storage tier',
      }));
      continue;
    }
    const workload = `${kind} ${String(template.object.manifest.metadata.name)}`;
    const hosts = kind === 'DaemonSet' ? schedulableHosts(template, cluster.chart).hosts : [];
    if (hosts.length > 1) {
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field: volumeOf(singleWriter[0]),
        message: `runs a pod on each of ${hosts.length} nodes (${hosts.map((h) => h.name).join(', ')}), but the ReadWriteOnce claim "${singleWriter[0]}" mounts on one node`,
        hint: 'pin the DaemonSet to one host, give each node its own volume (hostPath or a StatefulSet), or use a ReadWriteMany storage tier',
      }));
    }
    for (const claim of singleWriter) {
      const key = `${template.namespace}/${claim}`;
      const first = mountedBy.get(key);
      // A node-local volume lives where its class or the first pod to mount it put it, and its node affinity keeps every pod there.
      const volumeHost = first === undefined || !onOneNode(template.namespace, claim) ? undefined : pinnedHost(template.namespace, claim) ?? onlyHost(first.template);
      const ownHost = volumeHost === undefined ? undefined : onlyHost(template);
      if (first === undefined) {
        mountedBy.set(key, { workload, template });
      } else if (ownHost !== undefined && ownHost !== volumeHost) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: volumeOf(claim),
          message: `mounts claim "${claim}", whose volume lives on ${volumeHost}, the node ${first.workload} runs on, but may run on ${ownHost} alone: the volume's node affinity and the placement exclude each other, so the pod never schedules`,
          hint: `place it on ${volumeHost} (placement: { host } of that host), or leave its placement out: the volume takes the pod to its node`,
        }));
      } else if (!restores.get(template)?.includes(claim) && !restores.get(first.template)?.includes(claim) && !onOneNode(template.namespace, claim)
        && (onlyHost(first.template) === undefined || onlyHost(first.template) !== onlyHost(template))
        && !followsToHost(template, first.template) && !followsToHost(first.template, template)) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: volumeOf(claim),
          message: `mounts the ReadWriteOnce claim "${claim}", which ${first.workload} mounts too; the two may land on different nodes, and only one node can mount it`,
          hint: `pin both workloads to the same host, ${job ? `give this one a required pod affinity to the pods of ${first.workload} on kubernetes.io/hostname, ` : ''}or use a ReadWriteMany storage tier`,
        }));
      }
    }
    // Runs that overlap (concurrencyPolicy Allow) are two pods at once, each free to start on another node.
    const overlapping = singleWriter.filter((claim) => !onOneNode(template.namespace, claim));
    if (kind === 'CronJob' && fields(template.object.manifest.spec).concurrencyPolicy === 'Allow' && overlapping.length > 0 && onlyHost(template) === undefined) {
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field: 'spec.concurrencyPolicy',
        message: `lets a run start while the last one runs (Allow), and each run mounts the ReadWriteOnce claim "${overlapping[0]}": a run that starts on another node waits for the volume as long as the last run keeps it`,
        hint: "let one run at a time: concurrencyPolicy: 'Forbid' (the default), or 'Replace' to stop a run that overlaps the next",
      }));
    }
    if (job) {
      // Pods of one run at once (parallelism) are as many writers as replicas, each free to start on another node;
      // a ReadWriteOncePod claim takes one pod even on one node.
      const jobSpec = kind === 'CronJob' ? fields(fields(template.object.manifest.spec).jobTemplate).spec : template.object.manifest.spec;
      const pods = jobPods(fields(jobSpec));
      const crowded = singleWriter.find((claim) => onePodOnly(template.namespace, claim) || (!onOneNode(template.namespace, claim) && onlyHost(template) === undefined));
      if (pods > 1 && crowded !== undefined) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: kind === 'CronJob' ? 'spec.jobTemplate.spec.parallelism' : 'spec.parallelism',
          message: `runs ${pods} pods at once (parallelism), which share the ${onePodOnly(template.namespace, crowded) ? 'ReadWriteOncePod' : 'ReadWriteOnce'} claim "${crowded}" that ${onePodOnly(template.namespace, crowded) ? 'one pod' : 'only one node'} can mount: the others wait for the volume until the Job's deadline`,
          hint: onePodOnly(template.namespace, crowded)
            ? 'run one pod at a time (parallelism: 1), or give the claim access mode ReadWriteOnce or a ReadWriteMany storage tier'
            : 'run one pod at a time (parallelism: 1), pin the Job to one host, or use a ReadWriteMany storage tier',
        }));
      }
      continue;
    }
    if (template.replicas > 1) {
      const images = containersOf(template).filter((ref) => !ref.init).map(({ container }) => container.image);
      const world = worldServerOf(images);
      const unreplicated = images.map((image) => (typeof image === 'string' ? unreplicatedServer(image) : undefined)).find((server) => server !== undefined);
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field: 'spec.replicas',
        message: `${template.replicas} replicas share the ReadWriteOnce claim "${singleWriter[0]}", which only one node can mount`,
        hint: hostPorts(template).length > 0
          // The host-port check leaves these replicas to this finding: a ReadWriteMany tier alone would leave them that.
          ? `use one replica: the pods also take host port ${hostPorts(template)[0].protocol}/${hostPorts(template)[0].port} of their node, so more replicas need a ReadWriteMany storage tier and a host each`
          : world !== undefined
            // A game server's world is one process's whatever the claim: another tier or controller makes more servers.
            ? `use one replica: ${world.app} owns ${world.world} alone, so a ReadWriteMany tier or a StatefulSet would make more servers, not a bigger one`
            : unreplicated !== undefined
            // A server that does not replicate is one server of its data: more pods are more servers, each apart.
            ? `use one replica: ${unreplicated.server} does not replicate by itself, so a ReadWriteMany tier or a StatefulSet would make separate ${unreplicated.each}, `
              + `and ${unreplicated.apart}; for a replicated ${unreplicated.server}, run ${unreplicated.replicatedBy}`
            : kind === 'Deployment'
            ? 'use one replica, a ReadWriteMany storage tier, or, for pods that each keep data of their own (a database cluster), controller: AppController.statefulSet(), which gives each pod a claim of its own'
            : 'use one replica, or a ReadWriteMany storage tier',
      }));
    } else {
      // An autoscaler adds the replicas the workload does not write: each new pod mounts the claim as well.
      const scaledBy = scalers.get(`${template.namespace}/${kind}/${String(template.object.manifest.metadata.name)}`);
      if (scaledBy !== undefined) {
        findings.push(objectFinding(scaledBy, {
          layer, severity: 'error', field: 'spec.maxReplicas',
          message: `scales ${workload} up to ${String(fields(scaledBy.manifest.spec).maxReplicas)} replicas, which share the ReadWriteOnce claim "${singleWriter[0]}" that only one node can mount`,
          hint: 'keep the workload at one replica (drop the autoscaler, or maxReplicas: 1), or give it a ReadWriteMany storage tier',
        }));
      }
    }
    const strategy = fields(fields(template.object.manifest.spec).strategy).type ?? 'RollingUpdate';
    // The new pod mounts the volume beside the old one where both may only run on the node that has it (a node-local
    // class's volume, or pods of one host): a ReadWriteOnce volume mounts in any number of pods of its node.
    const waiting = singleWriter.filter((claim) => onePodOnly(template.namespace, claim) || (!onOneNode(template.namespace, claim) && onlyHost(template) === undefined));
    if (kind === 'Deployment' && strategy !== 'Recreate' && waiting.length > 0) {
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field: 'spec.strategy.type',
        message: `rolls out with ${String(strategy)} while mounting the ${onePodOnly(template.namespace, waiting[0]) ? 'ReadWriteOncePod' : 'ReadWriteOnce'} claim "${waiting[0]}"; the new pod waits forever for the volume`,
        hint: 'use strategy Recreate (the App default for single-writer claims)',
      }));
    }
  }
  return findings;
}

const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,data:.*\]$/s;

/** Whether a value is one sops encrypted (`ENC[AES256_GCM,data:…]`). Pure. */
export function isSopsValue(value: unknown): boolean {
  return typeof value === 'string' && SOPS_VALUE.test(value);
}

/** Whether a Secret manifest is SOPS-encrypted: top-level `sops` metadata and every value `ENC[...]`. */
export function isSopsEncrypted(manifest: Record<string, unknown>): boolean {
  return hasSopsMetadata(manifest) && sopsPlaintextFields(manifest).length === 0;
}

/** Whether a manifest carries the top-level `sops` metadata, with its MAC, that `sops --encrypt` writes. Pure. */
export function hasSopsMetadata(manifest: Record<string, unknown>): boolean {
  const sops = fields(manifest.sops);
  return Object.keys(sops).length > 0 && typeof sops.mac === 'string';
}

/** The fields of a Secret manifest's `data` and `stringData` whose value is no `ENC[...]` value (e.g. `stringData.password`). Pure. */
export function sopsPlaintextFields(manifest: Record<string, unknown>): string[] {
  return ['data', 'stringData'].flatMap((key) => Object.entries(fields(manifest[key]))
    .filter(([, value]) => !(typeof value === 'string' && SOPS_VALUE.test(value))).map(([entry]) => `${key}.${entry}`));
}

/**
 * No Secret carries values in the clear (only SOPS-encrypted Secrets may have `data`/`stringData`), and
 * no ConfigMap holds a secret under a secret-looking key or a URL with its password.
 */
export function checkPlaintextSecrets(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  const checked = new Map(cluster.notes.filter((note) => note.type === VALUES_CHECKED_NOTE).map((note) => [note.constructPath, note.data as CheckedValues]));
  /**
   * Whether the secret construct that rendered `object` checked `value` at `field` itself, on its own prop;
   * a value a JSON patch put there since is checked here.
   */
  const checkedByConstruct = (object: SynthesizedObject, field: string, value: unknown) => {
    const values = checked.get(object.constructPath.replace(/\/[^/]*$/, ''));
    return values !== undefined && Object.prototype.hasOwnProperty.call(values, field) && values[field] === value;
  };
  for (const secret of index.of('Secret')) {
    const manifest = secret.manifest;
    if (isSopsEncrypted(manifest)) {
      continue;
    }
    for (const key of ['data', 'stringData']) {
      for (const entry of Object.keys(fields(manifest[key]))) {
        const value = fields(manifest[key])[entry];
        if ((manifest.sops !== undefined && typeof value === 'string' && SOPS_VALUE.test(value)) || checkedByConstruct(secret, `${key}.${entry}`, value)) {
          continue;
        }
        findings.push(objectFinding(secret, {
          layer, severity: 'error', field: `${key}.${entry}`,
          message: manifest.sops === undefined ? 'a Secret value in the clear would be committed to Git' : 'is not SOPS-encrypted (ENC[...]) or the sops metadata is incomplete',
          hint: manifest.sops === undefined
            ? 'use a SealedSecret, a SopsSecret from an encrypted file, or an ExternalSecret, and refer to it with a SecretReference'
            : 'add the value to the encrypted file with `sops` (which encrypts it), not to the object (a JSON patch), or keep it in a SealedSecret or an ExternalSecret',
        }));
      }
    }
  }
  for (const configMap of index.of('ConfigMap')) {
    for (const key of ['data', 'binaryData'] as const) {
      const entries = fields(configMap.manifest[key]);
      for (const entry of Object.keys(entries)) {
        const value = entries[entry];
        // A file in binaryData is base64 of its bytes, which anyone reads back: judged as the text it holds.
        const written = typeof value !== 'string' || key === 'data' ? value : textOfBase64(value);
        const problem = typeof written === 'string' && written !== '' ? configMapValueProblem(entry, written) : undefined;
        if (problem !== undefined) {
          findings.push(objectFinding(configMap, { layer, severity: 'error', field: `${key}.${entry}`, ...problem }));
        }
      }
    }
  }
  for (const sealed of index.of('SealedSecret')) {
    const spec = fields(sealed.manifest.spec);
    // A raw SealedSecret (ApiObject, addModel, Include), or a value patched in, is checked here: it would reach Git as written.
    const metadata = fields(sealed.manifest.metadata);
    for (const [entry, value] of Object.entries(fields(spec.encryptedData))) {
      const problem = checkedByConstruct(sealed, `spec.encryptedData.${entry}`, value) ? undefined : typeof value === 'string' ? kubesealCiphertextProblem(value) : undefined;
      if (problem !== undefined) {
        findings.push(objectFinding(sealed, {
          layer, severity: 'error', field: `spec.encryptedData.${entry}`,
          ...notSealedFinding(problem, text(metadata.namespace) ?? '<namespace>', text(metadata.name) ?? '<name>'),
        }));
      }
    }
    const data = fields(fields(spec.template).data);
    for (const entry of Object.keys(data)) {
      findings.push(objectFinding(sealed, {
        layer, severity: 'error', field: `spec.template.data.${entry}`,
        message: 'a SealedSecret template value is committed in the clear',
        hint: 'seal every value with kubeseal into spec.encryptedData',
      }));
    }
  }
  return findings;
}

/** The text base64 `value` encodes; undefined for bytes that are no UTF-8 text (an image, a keystore). Pure. */
function textOfBase64(value: string): string | undefined {
  const text = Buffer.from(value, 'base64').toString('utf8');
  return text.includes('\ufffd') ? undefined : text;
}

/** Why the value of ConfigMap key `entry` commits a secret in the clear, as a finding's message and hint; undefined when it does not. Pure. */
function configMapValueProblem(entry: string, value: string): { message: string; hint: string } | undefined {
  if (writesSecret(entry, value)) {
    return {
      message: `ConfigMap key "${entry}" holds what looks like a secret, and a ConfigMap is committed in the clear`,
      hint: 'keep it in a SealedSecret, a SopsSecret or an ExternalSecret, and mount or pass that instead',
    };
  }
  const credential = credentialIn(value) ?? (urlPasswordIn(value) !== undefined ? 'a URL with its password written out' : undefined);
  if (credential !== undefined) {
    return {
      message: `ConfigMap key "${entry}" holds ${credential}, and a ConfigMap is committed in the clear`,
      hint: 'keep the URL or its password in a SealedSecret, a SopsSecret or an ExternalSecret',
    };
  }
  const line = value.includes('\n') ? secretSettingLine(value) : undefined;
  if (line !== undefined) {
    return {
      message: `the file "${entry}" sets ${line.setting} on line ${line.number}, and a ConfigMap is committed in the clear`,
      hint: "leave the value out of the file: most programs read it from an environment variable or a file of its own (a Secret's key, mounted), or fill it in from one at start-up",
    };
  }
  // JSON on one line has no setting line to read, and a password credential's `value` says nothing by its name.
  const json = jsonSecretSetting(value);
  return json === undefined ? undefined : {
    message: `the JSON file "${entry}" writes a secret out at ${json}, and a ConfigMap is committed in the clear`,
    hint: 'keep the file in a SealedSecret, a SopsSecret or an ExternalSecret and mount that Secret in place of the ConfigMap (a realm Keycloak imports may come from a Secret as well), or leave the value out and set it once the file is read',
  };
}

/**
 * No secret written out where a pod reads it: no literal environment value under a secret-looking name,
 * no URL with a password in an environment value, and no secret-looking flag or URL with a password in a
 * command or its arguments. Secrets come through a SecretReference.
 */
export function checkSecretEnvLiterals(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (let n = 0, templates = podTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    const add = (field: string, message: string, hint: string) =>
      findings.push(objectFinding(template.object, { layer, severity: 'error', field, message, hint }));
    for (let c = 0, containerRefs = containersOf(template); c < containerRefs.length; c++) {
      const { container, path } = containerRefs[c];
      list(container.env).forEach((env, i) => {
        const name = text(env.name) ?? '';
        const value = env.value;
        if (typeof value !== 'string' || value === '') {
          return;
        }
        const problem = envLiteralProblem(name, value, 'env', container.image);
        if (problem) {
          add(`${path}.env[${i}].value`, problem.message, problem.hint);
        }
      });
      for (const secret of commandLineSecrets(container.command, container.args)) {
        add(`${path}.${secret.key}[${secret.index}]`, secret.message, secret.hint);
      }
    }
  }
  return findings;
}

/**
 * Warns about namespaces whose pods no NetworkPolicy restricts: those of pod templates in the output, and
 * those that get the pods of a chart or an operator, which the output does not show; and refuses a
 * hand-written policy that selects none of the pods the output shows.
 */
export function checkNetworkPolicies(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const selectors = policyPodSelectors(index);
  const warned = new Set<string>();
  const templates = podTemplates(cluster.objects);
  const findings: Finding[] = [
    ...hiddenPodFindings(index, wholeNamespacePolicies(index)), ...exemptPodsUnderPlatformPolicy(index, templates), ...idleNetworkPolicies(cluster, index),
    ...idleCiliumPolicies(cluster, index), ...allowAllPolicies(index), ...udpPortsAdmittedOverTcp(cluster, index), ...undeclaredPolicyPortNames(cluster, index),
    ...fqdnRulesWithoutDnsProxy(cluster, index), ...egressWithoutClusterDns(cluster, index),
  ];
  const hint = `add a default-deny NetworkPolicy with the allowed ingress (an App renders one), or state why not: exemptions: { networkPolicy: '…' } on an App, or the annotation ${EXEMPTION_ANNOTATION_PREFIX}${EXEMPTION_ANNOTATION_KEYS.networkPolicy}: '…' on the pod template`;
  for (let n = 0; n < templates.length; n++) {
    const template = templates[n];
    const policies = selectors.get(template.namespace);
    // A policy governs only the pods its selector picks: an App's own policy leaves a hand-written workload beside it open.
    if ((policies !== undefined && policies.selectsAny(template.labels)) || warned.has(template.namespace)
      || template.annotations[`${EXEMPTION_ANNOTATION_PREFIX}${EXEMPTION_ANNOTATION_KEYS.networkPolicy}`] !== undefined) {
      continue;
    }
    if (policies === undefined) {
      warned.add(template.namespace); // one line for a namespace without any policy, not one per workload
    }
    findings.push(objectFinding(template.object, {
      layer, severity: 'warning', field: 'metadata.namespace',
      message: policies === undefined
        ? `namespace "${template.namespace}" has no NetworkPolicy; every pod may talk to its pods`
        : `no NetworkPolicy of namespace "${template.namespace}" selects the pods of this workload (their labels match none of the policies' podSelectors); every pod may talk to them`,
      hint,
    }));
  }
  return findings;
}

/** The policy checks, in the order they run. */
export const POLICY_CHECKS: ReadonlyArray<NamedCheck | NamedFleetCheck> = [
  { name: 'pod-security', layer, check: checkPodSecurity },
  { name: 'image-pins', layer, check: checkImages },
  { name: 'resources', layer, check: checkResources },
  { name: 'readiness-probes', layer, check: checkReadiness },
  { name: 'single-writer-claims', layer, check: checkSingleWriterClaims },
  { name: 'stop-grace-periods', layer, check: checkStopGracePeriods },
  { name: 'database-file-backups', layer, check: checkDatabaseFileBackups },
  { name: 'backup-repositories', layer, check: checkBackupRepositories },
  { name: 'plaintext-secrets', layer, check: checkPlaintextSecrets },
  { name: 'secret-env-literals', layer, check: checkSecretEnvLiterals },
  { name: 'written-credentials', layer, check: checkWrittenCredentials },
  { name: 'network-policies', layer, check: checkNetworkPolicies },
  { name: 'app-calls', layer, check: checkAppCalls },
  { name: 'media-stack-links', layer, check: checkMediaStackLinks },
  { name: 'ingress-backend-admission', layer, check: checkIngressBackendAdmission },
  { name: 'cnpg-operator-reach', layer, check: checkCnpgOperatorReach },
  // Calls of a Service of another cluster of the fleet by its in-cluster name: missing Services are references.
  { name: 'app-calls', layer: 'references', fleet: checkCallsAcrossClusters },
  { name: 'network-policy-enforcement', layer, check: checkPolicyEnforcement },
  { name: 'cilium-host-policies', layer, check: checkCiliumHostPolicies },
  { name: 'node-port-exemptions', layer, check: checkNodePortExemptions },
  { name: 'app-service-account-tokens', layer, check: checkTokenPatches },
  { name: 'binding-subjects', layer, check: checkBindingSubjects },
  { name: 'cron-deadlines', layer, check: checkCronJobDeadlines },
];
