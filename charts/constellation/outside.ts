import type { Construct } from 'constructs';
import { factValue, leaveOwnerAction } from '../../constructs';
import { cloud, constellation, mediaSettings, storage, tailnetName } from '../../hosts/constellation';

// What the design keeps outside Kubernetes beside the node ports: the DNS records, Caddy and the sites it
// serves that are not containers, and the host tools of its later phases. They stay as they are; the
// cluster README lists them so that its reverse-proxy lines are not taken for the whole Caddyfile.

const domain = constellation.domain;

/** Caddy sites of the design that are not containers: a file server and an API split by path. */
const CADDY_SITES = [
  `files.${domain} {`, '\tfile_server browse', '\troot /mnt/storage/files', '}',
  `api.${domain} {`, '\treverse_proxy /v1/* backend1.internal:8080', '\treverse_proxy /v2/* backend2.internal:9090', '}',
].join('\n');

/** Notes, on `scope`, of what the node-port design relies on outside the cluster. */
export function keepOutsideTheCluster(scope: Construct): void {
  leaveOwnerAction(scope, {
    kind: 'manual',
    action: `keep the DNS records *.${domain} → ${storage.address} (home DNS) and *.${domain} → ${tailnetName(storage)} (tailnet DNS), `
      + `and Caddy on port 443 of ${storage.name} (${storage.address}) and ${cloud.name} (${cloud.address}) with its Cloudflare DNS certificates: `
      + 'the reverse-proxy lines below go into that Caddy',
  });
  leaveOwnerAction(scope, {
    kind: 'manual',
    action: `keep Caddy's sites that are not containers as they are: files.${domain} and api.${domain} on ${storage.name}, `
      + `the static sites under /var/www on ${cloud.name}`,
    command: CADDY_SITES,
  });
  // The design's Caddy serves Ghost as ghost.<domain>, its ingress variant as blog.<domain>, Ghost's url here.
  leaveOwnerAction(scope, {
    kind: 'manual',
    action: `keep ghost.${domain}, the name Caddy serves Ghost at today, as a redirect to blog.${domain}, Ghost's url`,
    command: `ghost.${domain} {\n\tredir https://blog.${domain}{uri} permanent\n}`,
  });
  leaveOwnerAction(scope, {
    kind: 'placeholder',
    action: 'service mesh: the design\'s "Network Setup: Configure service mesh" names no product, so none is installed (now `none`)',
  });
  leaveOwnerAction(scope, {
    kind: 'manual',
    action: 'integrate the existing Netdata with the cluster (the design\'s "Integrate with existing Netdata"): nothing here installs or configures it',
  });
  leaveOwnerAction(scope, {
    kind: 'manual',
    action: `backups: the pods keep their data where the Podman containers kept it (one folder per container under ${factValue(mediaSettings.configDir)} on its host, `
      + `${factValue(mediaSettings.dataDir)}/files and ${factValue(mediaSettings.storageDir)}/media on ${storage.name}), so the backup paths stay as they are`,
  });
}
