// SABnzbd answers "Access denied - Hostname verification failed" to a request whose Host is a name it does not
// know: neither an IP address, `localhost`, a `.local` name nor one of its `host_whitelist`, which it fills at its
// first start with the machine's own name (here the pod's). So both its route's host and the Service names Sonarr,
// Radarr or Prowlarr call it by are refused until the owner lists them (or sets a username and password, which turns
// the check off). The setting lives in sabnzbd.ini on the app's own volume, which synthesis does not read.
import { leaveOwnerAction } from '../synth/owner-action';
import type { HomelabApp } from './app';

/** SABnzbd's images: linuxserver.io's, hotio's, home-operations' and the project's own. */
const SABNZBD_IMAGE = /^(?:(?:lscr\.io\/|ghcr\.io\/|docker\.io\/)?(?:linuxserver|hotio|home-operations|onedr0p|sabnzbd)\/sabnzbd)(?=[:@]|$)/;

/** The names SABnzbd must accept: the hosts of the app's routes, then its Service's names in the cluster. */
export function sabnzbdHostNames(app: { readonly name: string; readonly namespace: string }, routeHosts: readonly string[]): string[] {
  const service = [app.name, `${app.name}.${app.namespace}`, `${app.name}.${app.namespace}.svc`, `${app.name}.${app.namespace}.svc.cluster.local`];
  return [...new Set([...routeHosts, ...service])];
}

/**
 * Leaves the step that lets SABnzbd answer at its route and Service names: them in `host_whitelist` of its
 * sabnzbd.ini. Nothing for another image, or an app that serves no port.
 */
export function leaveSabnzbdHostStep(app: HomelabApp, image: unknown): void {
  if (typeof image !== 'string' || !SABNZBD_IMAGE.test(image) || app.ports.length === 0) {
    return;
  }
  const names = sabnzbdHostNames(app, app.routeHostnames).join(',');
  leaveOwnerAction(app, {
    kind: 'manual',
    action: `add ${names} to host_whitelist in SABnzbd's sabnzbd.ini (in /config of ${app.name}, or Config → Special) and restart it: `
      + 'it refuses every request by a name it does not know ("Hostname verification failed"), its route\'s and those the *arr apps call it by alike',
  });
}
