// Home Assistant refuses a request that came through a reverse proxy (one with X-Forwarded-For, which every
// route's proxy adds) with 400 Bad Request, unless its `http` integration trusts that proxy. The setting lives
// in configuration.yaml on the app's own volume, which synthesis does not read: the owner adds it.
import { rangesInForce } from '../platform/cluster-range-vlans';
import { leaveOwnerAction } from '../synth/owner-action';
import type { HomelabApp } from './app';
import { HOME_ASSISTANT_IMAGE } from './root-started-images';

/** Home Assistant's own images, and those others build of it (home-operations', linuxserver.io's). */
const HOME_ASSISTANT_IMAGES: readonly RegExp[] = [
  HOME_ASSISTANT_IMAGE, /^(ghcr\.io\/(home-operations|onedr0p)\/home-assistant|(lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\/homeassistant)(?=[:@]|$)/,
];

/**
 * Leaves the step that lets Home Assistant answer through the app's routes: `use_x_forwarded_for` and the pod
 * range the route's proxy sends from as `trusted_proxies` in its configuration.yaml. Nothing for another image,
 * or an app without routes.
 */
export function leaveReverseProxyStep(app: HomelabApp, image: unknown): void {
  if (typeof image !== 'string' || !HOME_ASSISTANT_IMAGES.some((known) => known.test(image)) || app.routeHostnames.length === 0) {
    return;
  }
  leaveOwnerAction(app, {
    kind: 'manual',
    // Read when the README is written: the cluster's ranges are complete then.
    get action() {
      const pods = rangesInForce(app.cluster, app.cluster.platform.preinstalled).inForce.filter((r) => r.what === 'pod range').map((r) => r.cidr);
      const trusted = pods.length > 0 ? `[${pods.join(', ')}]` : "[the pod network's range]";
      return `add http: { use_x_forwarded_for: true, trusted_proxies: ${trusted} } to Home Assistant's configuration.yaml (in /config of ${app.name}) and restart it: `
        + `it answers 400 Bad Request to every request through its route (${app.routeHostnames.join(', ')}) until it trusts the proxy`;
    },
  });
}
