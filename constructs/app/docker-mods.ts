import type { Arch, Host } from '../inventory/host';
import { LINUXSERVER_IMAGE } from './root-started-images';

// linuxserver.io's images install the mods `DOCKER_MODS` lists (separated by `|`) as they start. Some are built
// for one architecture alone: the universal Calibre mod, which Calibre-Web's README offers for ebook conversion,
// carries Calibre's x86-64 binaries ("#optional & x86-64 only"), as did the image's older `calibre-web:calibre`
// mod. On an arm64 host the mod's binaries cannot run, so conversion and `ebook-convert` fail there.

/** The variable linuxserver.io's images read the mods to install from. */
export const DOCKER_MODS = 'DOCKER_MODS';

/** Mods published for one architecture alone, by their name in `DOCKER_MODS` (registry and tag suffix aside). */
const SINGLE_ARCH_MODS: ReadonlyArray<{ readonly mod: RegExp; readonly arch: Arch; readonly what: string }> = [
  { mod: /^((lscr|ghcr)\.io\/)?linuxserver\/mods:universal-calibre(-v[\w.-]+)?$/, arch: 'amd64', what: "Calibre's binaries for ebook conversion" },
  { mod: /^((lscr|ghcr)\.io\/)?linuxserver\/calibre-web:calibre$/, arch: 'amd64', what: "Calibre's binaries for ebook conversion" },
];

/** A finding of {@link dockerModArchProblem}. */
export interface DockerModProblem {
  readonly message: string;
  readonly hint: string;
}

/**
 * The first mod of a linuxserver.io image's `DOCKER_MODS` that is built for one architecture while the pods may
 * run on a host of another (`hosts`), or undefined. Pure.
 */
export function dockerModArchProblem(image: string, mods: string | undefined, hosts: readonly Host<any, any>[]): DockerModProblem | undefined {
  if (mods === undefined || !LINUXSERVER_IMAGE.test(image)) {
    return undefined;
  }
  for (const mod of mods.split('|').map((m) => m.trim())) {
    const known = SINGLE_ARCH_MODS.find((row) => row.mod.test(mod));
    const others = known === undefined ? [] : hosts.filter((host) => host.arch !== known.arch);
    if (known !== undefined && others.length > 0) {
      return {
        message: `the mod ${mod} installs ${known.what} built for ${known.arch} alone, and the pods may run on ${others.map((h) => `${h.name} (${h.arch})`).join(', ')}, `
          + 'where those binaries cannot run: every conversion would fail there',
        hint: `place the app on hosts of arch ${known.arch} (placement: { arch: '${known.arch}' }), or leave the mod out of DOCKER_MODS where it runs on ${others[0].arch}`,
      };
    }
  }
  return undefined;
}
