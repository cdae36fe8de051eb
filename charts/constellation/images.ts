import { pinnedImage } from '../../constructs';

// The images of the media containers, each with the architectures its pinned tag is published for
// (`docker manifest inspect <image>`). Renovate reads the comment above each pin.
export const IMAGES = {
  // renovate: datasource=docker depName=lscr.io/linuxserver/plex
  plex: pinnedImage('lscr.io/linuxserver/plex:1.41.6.9685-d301f511a-ls262', ['amd64', 'arm64']),
  // renovate: datasource=docker depName=jellyfin/jellyfin
  jellyfin: pinnedImage('jellyfin/jellyfin:10.10.7', ['amd64', 'arm64']),
  // renovate: datasource=docker depName=lscr.io/linuxserver/sonarr
  sonarr: pinnedImage('lscr.io/linuxserver/sonarr:4.0.14.2939-ls281', ['amd64', 'arm64']),
  // renovate: datasource=docker depName=lscr.io/linuxserver/radarr
  radarr: pinnedImage('lscr.io/linuxserver/radarr:5.22.4.9896-ls272', ['amd64', 'arm64']),
  // renovate: datasource=docker depName=lscr.io/linuxserver/bazarr
  bazarr: pinnedImage('lscr.io/linuxserver/bazarr:1.5.2-ls305', ['amd64', 'arm64']),
  // renovate: datasource=docker depName=lscr.io/linuxserver/overseerr
  overseerr: pinnedImage('lscr.io/linuxserver/overseerr:1.34.0-ls143', ['amd64', 'arm64']),
  // renovate: datasource=docker depName=stashapp/stash
  stash: pinnedImage('stashapp/stash:v0.28.1', ['amd64', 'arm64']),
  // renovate: datasource=docker depName=authelia/authelia
  authelia: pinnedImage('authelia/authelia:4.39.4', ['amd64', 'arm64']),
  // renovate: datasource=docker depName=ghost
  ghost: pinnedImage('ghost:5.120.3', ['amd64', 'arm64']),
  // renovate: datasource=docker depName=arsfeld/yarr
  yarr: pinnedImage('arsfeld/yarr:v2.4', ['amd64', 'arm64']),
  // renovate: datasource=docker depName=lldap/lldap
  // The rootless image: the default one's entrypoint changes owners as root, and the pod runs as PUID.
  lldap: pinnedImage('lldap/lldap:v0.6.1-alpine-rootless', ['amd64', 'arm64']),
  // renovate: datasource=docker depName=quay.io/keycloak/keycloak
  keycloak: pinnedImage('quay.io/keycloak/keycloak:26.2.5', ['amd64', 'arm64']),
} as const;
