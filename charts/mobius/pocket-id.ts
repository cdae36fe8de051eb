import { App, AppVolume, factValue, leaveFirstVisitorStep, leaveOwnerAction } from '../../constructs';
import type { ClusterChart, HomeAssistantVm } from '../../constructs';
import { mobius, n5, pocketIdFacts } from '../../hosts/mobius';
import { APP_USER, claimCopy, claimCopyCommands } from './claim-copy';
import { DOKPLOY_STOP_WHY, dokployStopCommand } from './dokploy';
import { sealedSecret } from './secrets';
import { placeholderValue } from './stand-in';

/** Pocket ID's host under the site's domain, which browsers and its OAuth clients call. */
export const POCKET_ID_HOST = factValue(pocketIdFacts.host);

/** The port Pocket ID listens on from its version 1.0. */
const POCKET_ID_PORT = 1411;

/**
 * Pocket ID, the OAuth provider Home Assistant's logins go through (the design's VM reaches it from its pod
 * interface), moved from Dokploy on N5 with its data: the same address, to which its passkeys are bound and
 * which its OAuth clients call.
 */
export function pocketId(homelab: ClusterChart, homeAssistant: HomeAssistantVm): App {
  const url = `https://${mobius.fqdn(placeholderValue(homelab, pocketIdFacts.host))}`;
  // Pocket ID 2.0 and later refuse to start without a key of at least 16 bytes, with which they encrypt their
  // signing keys; an earlier version ignores the variable.
  const encryptionKey = sealedSecret(homelab, 'homelab', 'pocket-id/pocket-id-encryption-key');
  const app = new App(homelab, 'pocket-id', {
    image: `ghcr.io/pocket-id/pocket-id:${placeholderValue(homelab, pocketIdFacts.version)}`,
    ports: [{ name: 'http', port: POCKET_ID_PORT }],
    // Behind Traefik (and the VPS's Traefik before it), the client's address is in X-Forwarded-For: its
    // rate limit and audit log would otherwise see every login come from Traefik.
    env: { APP_URL: url, TRUST_PROXY: 'true', ENCRYPTION_KEY: encryptionKey.key('encryption-key') },
    // The image starts the server itself when it does not run as root.
    runAsUser: APP_USER, runAsGroup: APP_USER,
    // pocket-id.db is a database: the vms pool, the design's tier of VM disks and databases.
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'vm', size: placeholderValue(homelab, pocketIdFacts.dataSize) }), mountPath: '/app/data' },
    },
    // The design gives no resources: each is a placeholder the README lists, as AdGuard Home's and Uptime Kuma's.
    resources: {
      cpuRequest: placeholderValue(homelab, pocketIdFacts.cpuRequest),
      memoryRequest: placeholderValue(homelab, pocketIdFacts.memoryRequest),
      memoryLimit: placeholderValue(homelab, pocketIdFacts.memoryLimit),
    },
    probes: { readiness: { httpPath: '/healthz' } },
    placement: { host: n5 },
    route: { host: POCKET_ID_HOST },
  });
  leaveOwnerAction(app, {
    kind: 'manual',
    action: `Pocket ID's ENCRYPTION_KEY is key encryption-key of pocket-id/pocket-id-encryption-key, at least 16 bytes; Pocket ID 2.0 and later encrypt their signing keys with it, `
      + 'so it is kept with the sealing key backup: a new key does not open what the old one encrypted',
    command: 'openssl rand -base64 32 | kubeseal --raw --cert homelab.pem --namespace pocket-id --name pocket-id-encryption-key',
  });
  // A Pocket ID without users lets its first visitor make the administrator; its route is public.
  leaveFirstVisitorStep(app, {
    label: 'Pocket ID', task: 'create its administrator', claims: 'creates the administrator on its setup page (/setup)',
    then: "the migration of Dokploy's Pocket ID below replaces that account with the users, passkeys and clients of the data it brings",
  });
  leaveOwnerAction(app, {
    kind: 'manual',
    action: `migrate Pocket ID from Dokploy on N5, through which Home Assistant's logins go (OAuth): stop its container for good (${DOKPLOY_STOP_WHY}) and copy its data folder (/app/data: pocket-id.db, signing keys, uploads) out; `
      + `with Flux's apps layer suspended and the deployment scaled to 0, copy it into ${claimCopy(app.namespace, `${app.name}-data`, 'pocket-id.db')}, then resume the layer, which scales it back. `
      + `It keeps its address ${url} (its APP_URL, to which its passkeys are bound), so Home Assistant's OAuth settings stay as they are; `
      + `the VPS publishes that name beside Home Assistant's, since a browser that opens Home Assistant from outside is sent there to log in. `
      + `Home Assistant (VM ${homeAssistant.namespace}/${homeAssistant.name}) reaches it by that name, which AdGuard Home resolves to homelab's Traefik, through its pod interface (the guest routes Traefik's address there): `
      + 'until this step is done, its logins through Pocket ID fail, since Dokploy\'s Traefik stopped before the first sync',
    command: [
      `${dokployStopCommand('DOKPLOY_POCKET_ID')} && docker cp "$DOKPLOY_POCKET_ID":/app/data ./pocket-id-data`,
      ...claimCopyCommands({
        namespace: app.namespace, app: app.name, claim: `${app.name}-data`, source: './pocket-id-data', appsLayer: 'mobius-homelab-apps', sqliteDatabase: 'pocket-id.db',
      }),
    ].join('\n'),
  });
  return app;
}
