import type { OwnerAction } from '../synth/owner-action';
import { serverFlagValues } from './k3s-options';

/** The file a K3s server writes its admin kubeconfig to as it starts, unless `--write-kubeconfig` names another. */
export const K3S_KUBECONFIG = '/etc/rancher/k3s/k3s.yaml';

/** The API server address K3s writes into that kubeconfig: the server itself, on its loopback. */
const LOOPBACK_SERVER = 'https://127.0.0.1:6443';

/** What the kubeconfig step needs to know of the cluster. */
export interface K3sKubeconfigStepProps {
  /** The host the K3s server runs on, e.g. `storage`. */
  readonly serverName: string;
  /** The URL the server is reached at from other machines, e.g. `https://storage.example.ts.net:6443`; its certificate names that host. */
  readonly serverUrl: string;
  /** The server's flags, which may move the file (`--write-kubeconfig`) or open it to every user (`--write-kubeconfig-mode`). */
  readonly serverFlags: readonly string[];
  /** The file the step writes on the owner's machine, e.g. `~/.kube/constellation-main.yaml` ({@link k3sKubeconfigFile}). */
  readonly file: string;
  /**
   * The URL of a VIP the servers are joined at that answers only once the first sync has started what holds it
   * (kube-vip installed by the GitOps engine), e.g. `https://192.168.10.5:6443`: `serverUrl` is then the first
   * server's own, and the step says to point the file at the VIP after that sync.
   * @default - `serverUrl` answers before the first sync
   */
  readonly vipAfterFirstSync?: string;
}

/**
 * The file on the owner's machine the kubeconfig step copies a K3s cluster's credentials to,
 * `~/.kube/<site>-<cluster>.yaml`: commands run by hand later (a justfile's recipes) name it.
 */
export function k3sKubeconfigFile(cluster: { readonly site: { readonly name: string }; readonly clusterName: string }): string {
  return `~/.kube/${cluster.site.name}-${cluster.clusterName}.yaml`;
}

/**
 * The step that gives kubectl the cluster's credentials, once the server runs: every `kubectl` step after it
 * needs them, and K3s keeps them on the server only, in a kubeconfig whose server is its own loopback. The
 * copy goes under `~/.kube`, outside the repository, as it holds the cluster's admin credentials.
 */
export function k3sKubeconfigStep(props: K3sKubeconfigStepProps): OwnerAction {
  const path = serverFlagValues(props.serverFlags, '--write-kubeconfig')[0] ?? K3S_KUBECONFIG;
  const mode = serverFlagValues(props.serverFlags, '--write-kubeconfig-mode')[0];
  // The last octal digit is everyone else's: with its read bit, any user of the server can read the file.
  const readableByAll = mode !== undefined && /^[0-7]*[4-7]$/.test(mode);
  const sshHost = new URL(props.serverUrl).hostname.replace(/^\[(.*)\]$/, '$1');
  const file = props.file;
  const who = readableByAll
    ? `readable by every user of ${props.serverName} (--write-kubeconfig-mode=${mode}), each of whom it makes a cluster admin`
    : `readable by root only`;
  const vip = props.vipAfterFirstSync;
  // K3s names the cluster of its kubeconfig `default`.
  const switchToVip = vip === undefined ? ''
    : `; the VIP ${vip} answers only once the first sync has started kube-vip, which holds it, so the file names ${props.serverName}'s own address until then: `
      + `after that sync, point it at the VIP with kubectl config set-cluster default --server=${vip}`;
  return {
    kind: 'bootstrap',
    action: `kubectl's config for the cluster, for the steps below and the cluster's kubectl commands: K3s writes its admin kubeconfig to ${path} on `
      + `${props.serverName} as the server starts, ${who}, naming the server ${LOOPBACK_SERVER}; copy it to your machine with the server's address `
      + `${props.serverUrl}, which the server's certificate names, into ${file}, outside the repository (it holds the cluster's admin credentials)${switchToVip}`,
    // The file is made readable by its owner only before the credentials go into it.
    command: `install -d -m 700 ~/.kube && install -m 600 /dev/null ${file} `
      + `&& ssh ${sshHost} ${readableByAll ? '' : 'sudo '}cat ${path} | sed 's#${LOOPBACK_SERVER}#${props.serverUrl}#' > ${file} && export KUBECONFIG=${file}`,
    beforeFirstSync: true,
  };
}
