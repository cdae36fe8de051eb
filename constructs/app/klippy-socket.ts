import type { PropProblem } from '../validation/known-props';
import { propContainers, type PropContainerMounts, type PropContainer, type PropContainersProps } from './prop-containers';

// Moonraker reaches Klipper through Klippy's Unix socket alone (`klippy_uds_address` of moonraker.conf, the `-a` of
// klippy.py): a file in a folder both processes share, as prind's compose file shares its `run` volume between its
// `klipper` and `moonraker` services. Pods share no folder of their own: Moonraker in a pod beside no Klipper container,
// whose volumes are all the pod's own (an emptyDir, a ConfigMap, a Secret), finds no socket, stays "Klippy host not
// connected", and Mainsail and Fluidd show no printer. A folder of the node or a claim may carry the socket from a
// Klipper that runs on the host itself, so a pod that mounts one is left alone.

/** prind's Moonraker image. */
const MOONRAKER_IMAGE = /^((docker\.io|ghcr\.io)\/)?mkuf\/moonraker(?=[:@]|$)/;

/** prind's Klipper image. */
const KLIPPER_IMAGE = /^((docker\.io|ghcr\.io)\/)?mkuf\/klipper(?=[:@]|$)/;

/** The kinds of volume a pod has alone, which carry no socket from another pod. */
const POD_OWN_VOLUMES: readonly unknown[] = ['emptyDir', 'configMap', 'secret', 'secretsStore'];

/** Whether a container runs `program`: by its image, or a word of its command line that names the program's file. Pure. */
function runs(container: PropContainer, image: RegExp, program: RegExp): boolean {
  const words = [container.command, container.args].flatMap((list) => (Array.isArray(list) ? list.map(String) : []));
  return (typeof container.image === 'string' && image.test(container.image)) || words.some((word) => program.test(word));
}

/** A volume of `persistence` as this check reads it. */
type PersistenceEntry = { readonly volume?: { readonly type?: unknown } | null; readonly containers?: unknown } | null;

/**
 * Moonraker's containers (prind's image, or a command line that runs `moonraker.py`) in an app none of whose
 * containers runs Klipper (prind's image, or `klippy.py`) and none of whose volumes that reach Moonraker's container
 * is a folder of the node or a claim: one error per such container, on its `image`, whose hint runs Moonraker beside
 * Klipper on an emptyDir they share, or mounts the host's folder of a Klipper that runs there. `app` is the main
 * container's name. Pure.
 */
export function klippySocketProblems(props: PropContainersProps | null | undefined, app: string,
  all: readonly PropContainerMounts[] = propContainers(props, app)): PropProblem[] {
  const containers = all.filter(({ prefix }) => !prefix.startsWith('initContainers'));
  if (containers.some(({ container }) => runs(container, KLIPPER_IMAGE, /(^|\/)klippy(\.py)?$/))) {
    return [];
  }
  const persistence = props?.persistence !== null && typeof props?.persistence === 'object' ? Object.values(props.persistence as Record<string, PersistenceEntry>) : [];
  return containers.flatMap(({ container, prefix }): PropProblem[] => {
    if (!runs(container, MOONRAKER_IMAGE, /(^|\/)moonraker\.py$/)) {
      return [];
    }
    const name = prefix === '' ? app : container.name;
    const carried = persistence.some((entry) => {
      const reaches = Array.isArray(entry?.containers) ? entry!.containers.includes(name) : prefix === '';
      return reaches && !POD_OWN_VOLUMES.includes(entry?.volume?.type);
    });
    if (carried) {
      return [];
    }
    const image = typeof container.image === 'string' ? container.image : 'mkuf/moonraker:<version>';
    return [{
      field: `${prefix}image`,
      message: 'Moonraker reaches Klipper only through Klippy\'s Unix socket (klippy_uds_address), a file in a folder both share, as prind\'s compose file shares its run volume: '
        + 'no container of this pod runs Klipper, and a pod shares no folder of its own with another, so Moonraker stays "Klippy host not connected" and Mainsail or Fluidd show no printer',
      hint: `run Moonraker beside Klipper, in Klipper's app, with the socket's folder on an emptyDir both mount: containers: [{ name: 'moonraker', image: '${image}', args: ['-d', '/opt/printer_data'] }], `
        + "persistence: { run: { volume: AppVolume.emptyDir(), mountPath: '/opt/printer_data/run', containers: ['<klipper app>', 'moonraker'] } }; "
        + "for a Klipper that runs on the host, mount its folder of the socket: AppVolume.hostPath('/home/pi/printer_data/comms'), with the app placed on that host",
    }];
  });
}
