import { commandLineWords, givesFlag } from '../app/command-line-words';
import type { SynthesizedCluster } from '../synth/collect';
import { programName } from './command-secrets';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { containersOf, makesPods, podTemplates } from './pod-spec';
import type { PodTemplate } from './pod-spec';

// kubectl in a pod reads the cluster's address and its credentials from the ServiceAccount token Kubernetes mounts
// at /var/run/secrets/kubernetes.io/serviceaccount. A pod without that token (an App without `serviceAccount`,
// a hand-written pod with automountServiceAccountToken: false) has none: kubectl falls back to localhost:8080 and
// every run of a nightly `kubectl rollout restart` fails. Credentials given another way (a kubeconfig, a token or a
// server on the command line, a projected token volume, a token Secret mounted at the in-cluster path) are left alone.

/** Flags by which kubectl is given a cluster and credentials other than the pod's own token. */
export const KUBECTL_CREDENTIAL_FLAGS: readonly string[] = ['--kubeconfig', '--token', '--server', '-s'];

/**
 * Whether `container` has a kubeconfig file of its own, which kubectl reads before the pod's token: one named in
 * KUBECONFIG, or one mounted where kubectl looks when KUBECONFIG is unset, `$HOME/.kube/config` (a Secret mounted
 * as a `.kube` folder or at its `config`, under whichever home the image's user has). Pure.
 */
export function setsKubeconfig(container: Record<string, unknown>): boolean {
  return list(container.env).some((variable) => variable.name === 'KUBECONFIG')
    || list(container.volumeMounts).some((mount) => /(^|\/)\.kube(\/config)?\/?$/.test(text(mount.mountPath) ?? ''));
}

/** Where kubectl's in-cluster configuration reads the pod's token, its CA and its namespace. */
const IN_CLUSTER_CREDENTIALS = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Whether the pod carries a ServiceAccount token: mounted by Kubernetes, projected into a volume, or a volume of its
 * own (a long-lived token Secret) mounted where kubectl's in-cluster configuration reads it. Pure.
 */
function carriesToken(template: PodTemplate): boolean {
  return template.spec.automountServiceAccountToken !== false
    || list(template.spec.volumes).some((volume) => list(fields(volume.projected).sources).some((source) => source.serviceAccountToken !== undefined))
    || containersOf(template).some(({ container }) => list(container.volumeMounts)
      .some((mount) => `${(text(mount.mountPath) ?? '').replace(/\/+$/, '')}/`.startsWith(`${IN_CLUSTER_CREDENTIALS}/`)));
}

/** Pods that run kubectl with no token and no credentials of their own: one error per pod template. */
export function checkKubectlTokens(cluster: SynthesizedCluster): Finding[] {
  return podTemplates(cluster.objects).flatMap((template): Finding[] => {
    if (!makesPods(template) || carriesToken(template)) {
      return [];
    }
    const runner = containersOf(template).find(({ container }) => {
      const words = commandLineWords(container);
      return words.some((word) => programName(word) === 'kubectl') && !givesFlag(words, KUBECTL_CREDENTIAL_FLAGS) && !setsKubeconfig(container);
    });
    if (runner === undefined) {
      return [];
    }
    const name = text(runner.container.name) ?? '';
    return [objectFinding(template.object, {
      layer: 'references', severity: 'error', field: `${template.specPath}.automountServiceAccountToken`,
      message: `container ${name} runs kubectl, but the pod gets no ServiceAccount token: kubectl finds no credentials in the pod and calls localhost:8080, so each run fails`,
      hint: "give the app a ServiceAccount with what kubectl does, e.g. for kubectl rollout restart deployment/<name>: serviceAccount: { reason: 'restarts <name> nightly', "
        + "rules: [{ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['<name>'], verbs: ['get', 'patch'] }] } "
        + '(a hand-written pod: a ServiceAccount of its own, bound to such a Role, as serviceAccountName, without automountServiceAccountToken: false)',
    })];
  });
}
