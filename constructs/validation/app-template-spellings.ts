import type { PropRules } from './known-props';

/** A prop another tool writes, how to write it here, and the prop of this shape it stands for, if any. */
type Spelling = NonNullable<PropRules['foreign']>[number];

/**
 * Keys of the values of bjw-s' app-template chart, and of a pod spec, that users porting a Helm release write
 * on an App: each refused with what it is here, rather than "did you mean" a prop of a similar name that means
 * something else (`controller` for `controllers`, `egress` for `ingress`, `serviceAccount` for `service`).
 */
export const APP_TEMPLATE_SPELLINGS: readonly Spelling[] = [
  ['controllers', "an App is one controller with its containers: image, env, probes and the rest are the main container's props, further ones containers or sidecars: [{ name, image }]; a CronJob or a StatefulSet is controller: AppController.cronJob({ schedule }) or AppController.statefulSet()"],
  ['service', "the app's Service is made from its ports: ports: [{ name: 'http', port: 8080 }] (servicePort: 80 to serve it on another number); a LoadBalancer is loadBalancer: { address }"],
  ['ingress', "an app is routed by route: { host: 'app' } (a bare name goes under the cluster's domain), through the cluster's route flavor; there is no Ingress to write"],
  ['securityContext', "write the ids as props: runAsUser: 1000, runAsGroup: 1000, supplementalGroups: [1000]; the rest of the security context is secure already, and each departure is an exemption with its reason (exemptions: { runAsRoot: '…' })"],
  ['podSecurityContext', "write the ids as props: runAsUser: 1000, runAsGroup: 1000, supplementalGroups: [1000] (fsGroup is set to runAsGroup); the rest of the security context is secure already, and each departure is an exemption with its reason"],
  ['defaultPodOptions', "pod options are props of the App here: runAsUser and runAsGroup for the ids, placement: { host } for the node, sysctls, and exemptions: { hostNetwork: '…' } for the host's network"],
  ['hostNetwork', "the host's network is an exemption with its reason here: exemptions: { hostNetwork: '…' }"],
  ['resources.memory', "write resources: { memoryLimit: '512Mi' } (what it may use at most; memoryRequest is what it is given), in Kubernetes' units (512Mi, 1Gi)", 'memoryLimit'],
  ['resources.cpus', "compose's cpus: 0.5 is resources: { cpuLimit: '500m' } here (500m is half a core); cpuRequest is what it is given", 'cpuLimit'],
  ['resources.cpu', "write resources: { cpuRequest: '500m' } (what it is given; cpuLimit is the most it may use)", 'cpuRequest'],
  // compose's healthcheck, or app-template's probe, written inside a probe.
  ['probes.*.test', "a probe's check is command here, compose's test without CMD: command: ['curl', '-f', 'http://localhost:8080/'] (CMD-SHELL is ['sh', '-c', '…']), or httpPath: '/health' for an HTTP check", 'command'],
  ['probes.*.interval', "write periodSeconds: 30, in seconds (compose's interval: '30s')", 'periodSeconds'],
  ['probes.*.timeout', "write timeoutSeconds: 5, in seconds (compose's timeout: '5s')", 'timeoutSeconds'],
  ['probes.*.retries', "write failureThreshold: 3 (compose's retries)", 'failureThreshold'],
  ['probes.*.start_period', "write initialDelaySeconds: 30, in seconds (compose's start_period: '30s'), or a startup probe for a slow start", 'initialDelaySeconds'],
  ['probes.*.enabled', "a probe given is on; leave enabled out (probes: { liveness: false } turns the default one off)"],
  ['probes.*.spec', "write the probe's handler as props: httpPath: '/health' (and port), tcp: true, or command: ['…']"],
  ['probes.*.custom', "write the probe's handler as props: httpPath: '/health' (and port), tcp: true, or command: ['…']; leave custom out"],
];
