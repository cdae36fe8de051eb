/** The user and group mobius' own apps run as, and so own what their claims hold. */
export const APP_USER = 1000;

/**
 * Where the owner copies files into claim `namespace/claim` of an app that runs as {@link APP_USER}: a
 * helper pod of that user, since the namespace's restricted Pod Security refuses a root one, and files
 * another user writes stay read-only to the app: its fsGroup is not applied again to a claim whose top
 * folder already carries it. `sqliteDatabase` names the SQLite file of an app that ran on the claim before
 * the copy: the claim is emptied first, as that run left its own database there, and a write-ahead log of
 * it left beside the copied file is replayed into it when the app opens it.
 */
export function claimCopy(namespace: string, claim: string, sqliteDatabase?: string): string {
  const emptied = sqliteDatabase
    ? `, emptied first of what the app wrote there since the first sync (a ${sqliteDatabase}-wal left by its fresh database `
      + `would be replayed into the copied ${sqliteDatabase} and corrupt it)`
    : '';
  return `claim ${namespace}/${claim} (a helper pod that mounts the claim and runs as user and group ${APP_USER} as the app does, and tar through kubectl exec: `
    + `a root helper is refused by the namespace's restricted Pod Security, and files of another user would be read-only to the app)${emptied}`;
}

/** The image of the helper pod the owner copies files into a claim with: a shell, find and tar. */
const HELPER_IMAGE = 'busybox:1.37';

/** A folder on the owner's machine that goes into an app's claim while the app is stopped. */
export interface ClaimCopy {
  /** Namespace of the app and of its claim. */
  readonly namespace: string;
  /** Name of the app's Deployment, which is also its pods' `app.kubernetes.io/name` label. */
  readonly app: string;
  /** Name of the PersistentVolumeClaim the files go into. */
  readonly claim: string;
  /** Folder on the owner's machine whose contents become the claim's top folder. */
  readonly source: string;
  /** Flux Kustomization of the apps layer, suspended while the app is scaled to 0, so it does not scale it back. */
  readonly appsLayer: string;
  /** SQLite file the app wrote on the claim before the copy: when given, the claim is emptied first. Default: not emptied. */
  readonly sqliteDatabase?: string;
}

/**
 * The commands of {@link claimCopy}, one a line: stop the app and wait for its pod to go (two writers of
 * one SQLite file corrupt it), copy through a helper pod that passes restricted Pod Security as
 * {@link APP_USER}, then start the app again. tar, unpacking as that user, makes every file that user's;
 * the archive lists the folder's entries, not the folder, so tar never touches the claim's top folder, which
 * may belong to root (kubectl cp would put the folder itself under an existing /data).
 */
export function claimCopyCommands(copy: ClaimCopy): string[] {
  const ns = `kubectl -n ${copy.namespace}`;
  const helper = 'claim-copy';
  const restricted = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
  const pod = {
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: APP_USER, runAsGroup: APP_USER, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{
        name: helper, image: HELPER_IMAGE, command: ['sleep', '3600'], securityContext: restricted,
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: copy.claim } }],
    },
  };
  return [
    `flux -n flux-system suspend kustomization ${copy.appsLayer} && ${ns} scale deployment/${copy.app} --replicas=0`,
    `while ${ns} get pods -l app.kubernetes.io/name=${copy.app} -o name | grep -q .; do sleep 2; done`,
    `${ns} run ${helper} --image=${HELPER_IMAGE} --restart=Never --overrides='${JSON.stringify(pod)}'`,
    `${ns} wait --for=condition=Ready pod/${helper} --timeout=5m`,
    ...copy.sqliteDatabase ? [`${ns} exec ${helper} -- find /data -mindepth 1 -delete`] : [],
    `tar -C ${copy.source} -c -f - $(ls -A ${copy.source}) | ${ns} exec -i ${helper} -- tar -x -f - -C /data`,
    `${ns} delete pod ${helper} && flux -n flux-system resume kustomization ${copy.appsLayer}`,
  ];
}
