import { App } from '../constructs';
import { defineConstellation } from '../charts/constellation';
import { synthCluster } from './services/support';
import { readCluster } from './support/synth';

// The constellation and grey-area designs read a fourth time against the synthesized output, as an evaluator
// would: each pod started with the environment Kubernetes gives it, and each cluster's README followed in its order.

const { objects: constellationObjects } = readCluster(defineConstellation, 'constellation/main');

const podOf = (objects: any[], name: string) => objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name).spec.template.spec;

describe("constellation: Stash and Authelia start without the Docker-link variables of their own Services", () => {
  test('Stash, whose Service stash would hand it STASH_PORT=tcp://<address>:9999 and a listener on port 0, runs without them', () => {
    expect(constellationObjects.some((o) => o.kind === 'Service' && o.metadata.name === 'stash' && o.metadata.namespace === 'media')).toBe(true);
    expect(podOf(constellationObjects, 'stash').enableServiceLinks).toBe(false);
  });

  test("Authelia, which takes every AUTHELIA_ variable for a setting, runs without them, as its Kubernetes documentation asks", () => {
    expect(constellationObjects.some((o) => o.kind === 'Service' && o.metadata.name === 'authelia' && o.metadata.namespace === 'media')).toBe(true);
    expect(podOf(constellationObjects, 'authelia').enableServiceLinks).toBe(false);
  });

  test('the other containers keep Kubernetes\' default', () => {
    for (const name of ['plex', 'jellyfin', 'sonarr', 'lldap', 'keycloak', 'ghost']) {
      expect(podOf(constellationObjects, name).enableServiceLinks).toBeUndefined();
    }
  });
});

describe('the library: an image that reads settings under its own prefix runs without Service links', () => {
  const podWith = (image: string) => synthCluster((chart) => new App(chart, 'media-app', { image, ports: [{ name: 'http', port: 9999 }] }))
    .find('Deployment').spec.template.spec;

  test.each(['stashapp/stash:v0.28.1', 'docker.io/stashapp/stash:v0.28.1', 'authelia/authelia:4.39.4', 'ghcr.io/authelia/authelia:4.39.4'])('%s', (image) => {
    expect(podWith(image).enableServiceLinks).toBe(false);
  });

  test('another image, even one whose name holds theirs, keeps the default', () => {
    expect(podWith('ghcr.io/example/stash-exporter:1.0.0').enableServiceLinks).toBeUndefined();
    expect(podWith('stashapp/stash-box:v0.6.0').enableServiceLinks).toBeUndefined();
  });
});
