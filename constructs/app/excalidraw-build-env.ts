import type { PropProblem } from '../validation/known-props';
import { EXCALIDRAW_IMAGE } from './household-app-images';
import type { PropContainerMounts } from './prop-containers';

// Excalidraw's image is nginx serving a build of its web app. Vite compiles every `VITE_APP_` setting (`REACT_APP_`
// before its move to Vite) into that build, so the image reads none from its environment: the collaboration server
// its sessions open stays the one compiled in, excalidraw.com's own (`https://oss-collab.excalidraw.com`), and a room
// server of the lab's own is never called. Setting one takes an image built with it.

/** The settings its build takes, which the running image never reads. */
const BUILD_SETTING = /^(VITE|REACT)_APP_[A-Z0-9_]+$/;

/**
 * Containers of Excalidraw's image given a `VITE_APP_` or `REACT_APP_` setting in their env: one warning each, on
 * `env.<NAME>`, whose hint builds an image with it. A warning, not an error: the container runs as the image is
 * built, with the settings compiled into it. Pure.
 */
export function excalidrawBuildEnvProblems({ container, prefix }: PropContainerMounts): Array<PropProblem & { readonly severity: 'warning' }> {
  if (typeof container.image !== 'string' || !EXCALIDRAW_IMAGE.test(container.image) || container.env === null || typeof container.env !== 'object') {
    return [];
  }
  return Object.keys(container.env).filter((name) => BUILD_SETTING.test(name)).map((name) => ({
    severity: 'warning' as const,
    field: `${prefix}env.${name}`,
    message: `Excalidraw's image serves a build of its web app, into which ${name} was compiled when the image was built: it reads none from its `
      + "environment, so this one changes nothing (its collaboration sessions still open excalidraw.com's own server, not a room server of the lab's)",
    hint: `build an image of your own with the setting as a build argument (docker build --build-arg ${name}=<value>, or in the build's .env.production), run that image, and drop env.${name}`,
  }));
}
