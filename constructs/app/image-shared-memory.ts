import { propContainers, PropContainerMounts, PropContainersProps } from './prop-containers';
import { FRIGATE_IMAGE } from './root-started-images';
import { VLLM_IMAGE } from './vllm-args';
import { imageRows } from './image-rows';

/** linuxserver.io's Webtop, a desktop in the browser (`lscr.io/linuxserver/webtop`, `linuxserver/webtop`). */
const WEBTOP_IMAGE = /^(lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\/webtop(?=[:@]|$)/;

// The container runtime gives every pod a /dev/shm of 64Mi. An app that passes its frames between processes
// there needs more as its cameras grow, and stops with "Bus error" when a frame no longer fits.

/** An image that keeps its working data in /dev/shm, and what it keeps there. */
interface SharedMemoryImage {
  /** The image, by repository, with or without a registry. */
  readonly image: RegExp;
  /** The app, as messages name it. */
  readonly app: string;
  /** What it keeps in /dev/shm, as messages say it. */
  readonly keeps: string;
  /** A size that fits a home lab's use, as the hint gives it. */
  readonly size: string;
  /** When 64Mi no longer holds it, as messages say it. */
  readonly fails: string;
  /** What it does then, as messages say it. @default 'stops with "Bus error"' */
  readonly stops?: string;
  /** Where the size it needs is told, as the hint says it. */
  readonly sizedBy: string;
}

/**
 * Frigate: the decoded frames of every camera it detects on, and its detectors' input, which its docs size at
 * about 128MB for two 720p cameras (it logs the size it needs at start). vLLM: the tensors its processes pass
 * each other through PyTorch (its Kubernetes guide mounts 2Gi there; tensor parallelism needs it most).
 * linuxserver.io's Webtop: the desktop's browsers and Electron apps, whose renderers share their pages there (its
 * README runs it with a 1gb shm_size).
 */
const SHARED_MEMORY_IMAGES: readonly SharedMemoryImage[] = [
  { image: FRIGATE_IMAGE, app: 'Frigate', keeps: "the decoded frames of each camera it detects on (its docs' 128MB fit about two 720p cameras)", size: '512Mi', fails: 'once its cameras need more', sizedBy: 'as Frigate logs it needs' },
  {
    image: WEBTOP_IMAGE, app: 'Webtop', keeps: "the pages its desktop's browsers and Electron apps render", size: '1Gi',
    fails: 'once a page needs more', stops: 'crashes the browser tab', sizedBy: "as its README's shm_size gives it",
  },
  {
    image: VLLM_IMAGE, app: 'vLLM', keeps: 'the tensors its processes pass each other (PyTorch shares them there)', size: '2Gi',
    fails: 'or hangs once its workers pass more than that', sizedBy: 'as its Kubernetes guide mounts it',
  },
];

/** A finding of {@link sharedMemoryProblems}. */
export interface SharedMemoryProblem {
  readonly severity: 'warning';
  readonly field: string;
  readonly message: string;
  readonly hint: string;
}

/**
 * Containers of an image that keeps its working data in /dev/shm ({@link SHARED_MEMORY_IMAGES}) with nothing
 * mounted there: the runtime's 64Mi is what it gets, and it stops with "Bus error" when it needs more.
 * A warning on the container's `image` (how much it needs depends on a configuration synthesis does not read),
 * whose hint mounts a memory-backed emptyDir there. `app` is the main container's name. Pure.
 */
export function sharedMemoryProblems(props: PropContainersProps | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app)): SharedMemoryProblem[] {
  return containers.flatMap((entry) => {
    const { container, prefix } = entry;
    const image = container.image;
    const known = typeof image === 'string' ? imageRows(SHARED_MEMORY_IMAGES, image)[0] : undefined;
    if (known === undefined || entry.mountPaths.has('/dev/shm') || entry.mountPaths.has('/dev')) {
      return [];
    }
    const only = prefix === '' ? '' : `, containers: ['${String(container.name)}']`;
    return [{
      severity: 'warning' as const,
      field: `${prefix}image`,
      message: `image "${image}" runs ${known.app}, which keeps ${known.keeps} in /dev/shm; nothing is mounted there, so it gets the container runtime's 64Mi and ${known.stops ?? 'stops with "Bus error"'} ${known.fails}`,
      hint: `mount a memory-backed volume there, sized ${known.sizedBy} (and add that size to the memory limit, which it counts against): `
        + `persistence: { shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '${known.size}' }), mountPath: '/dev/shm'${only} } }`,
    }];
  });
}
