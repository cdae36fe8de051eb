import * as fs from 'fs';
import * as path from 'path';
import { configFolderPaths, constellationDesignChoices, k3sOverhead } from '../charts/constellation/design-choices';
import { MEDIA_CONTAINERS } from '../charts/constellation/media';
import { choice } from './support/readme';

// Facts of the constellation design that the output carried nowhere, read back from the committed README:
// each is now stated where a reader of the output alone looks for the design's departures.

const README = fs.readFileSync(path.join(__dirname, '..', 'dist', 'constellation', 'main', 'README.md'), 'utf8');

describe("constellation: what K3s costs, by the design's own count (its \"Resource Overhead\")", () => {
  test('the server\'s 512MB, the agent\'s 256MB, 50MB per pod and about 1GB in all, against Podman\'s 100MB', () => {
    const bullet = choice(README, 'Kubernetes, which the design weighs against Podman.');
    expect(bullet).toContain('about 512MB of RAM for the K3s server on storage, 256MB for the agent on cloud and 50MB per pod');
    expect(bullet).toContain("about 1GB in all against Podman's 100MB");
    // Nothing in the files reserves it, which the owner learns here rather than from an evicted pod.
    expect(bullet).toContain('K3s reserves none of it');
  });

  test('the pods counted per host follow the containers of charts/constellation/media.ts', () => {
    expect(k3sOverhead(MEDIA_CONTAINERS)).toContain('(7 on storage, 5 on cloud,');
    const storageOnly = Object.fromEntries(Object.entries(MEDIA_CONTAINERS).filter(([, c]) => c.host?.name === 'storage'));
    expect(k3sOverhead(storageOnly)).toContain('(7 on storage, 0 on cloud,');
  });
});

describe("constellation: the restart delay of the design's Podman alternative beside Kubernetes' back-off", () => {
  test("systemd's Restart = \"always\" after RestartSec = \"30s\" is named, with the back-off from 10 s that replaces it", () => {
    const bullet = choice(README, 'Kubernetes, which the design weighs against Podman.');
    expect(bullet).toContain('`Restart = "always"`, `RestartSec = "30s"`');
    expect(bullet).toContain('back-off from 10 s that doubles up to five minutes');
  });
});

describe("constellation: the design's backend switch, media.kubernetes, which no host sets", () => {
  const sentence = 'So no `media.kubernetes` option (`enable`, `backend = "kubernetes"`) is set on either host';

  test('the README says what stands for it, for its rollback, and that constellation.media.enable stays', () => {
    const bullet = choice(README, 'Manifests from TypeScript, applied by K3s.');
    expect(bullet).toContain(sentence);
    expect(bullet).toContain('its rollback by `backend = "podman"` the step that moves a container back');
    expect(bullet).toContain('`constellation.media.enable = true` stays as it is');
  });

  test('so does the ingress alternative', () => {
    const bullet = constellationDesignChoices('ingress').find((c) => c.startsWith('**Manifests from TypeScript'));
    expect(bullet).toContain(sentence);
  });
});

describe("constellation: where each container mounts its config folder, the design's container.configDir, which it gives for none", () => {
  test('the README names the path of every container, beside the host folder it mounts there', () => {
    const bullet = choice(README, 'Host folders, no PersistentVolumes.');
    expect(bullet).toContain("mounted at the design's `container.configDir`, which it gives for no container");
    expect(bullet).toContain('plex, jellyfin, sonarr, radarr, bazarr, overseerr and authelia at /config');
    expect(bullet).toContain('stash at /root/.stash; ghost at /var/lib/ghost/content; yarr and lldap at /data; keycloak at /opt/keycloak/data');
  });

  test('the paths follow the entries, and a container without a config folder is left out', () => {
    const text = configFolderPaths({ ...MEDIA_CONTAINERS, yarr: { ...MEDIA_CONTAINERS.yarr, configDir: false } });
    expect(text).toContain('lldap at /data');
    expect(text).not.toContain('yarr');
  });
});
