import type { PropProblem } from '../validation/known-props';
import { egressLeavesHome } from './downloader-egress';
import { imageRows } from './image-rows';
import type { PersistenceProps } from './volumes';

// Immich's machine learning ships without its models: on the first smart search, face detection or recognition it
// downloads each model from Hugging Face into its cache folder (`snapshot_download` of immich-app/<model>), and loads
// it from there ever after. Behind an egress that lets nothing leave the home, every such request fails until the
// models are in the folder, while the rest of Immich runs as if nothing were wrong.

/** An image that downloads the models it runs on first use, and what messages and hints say of it. */
interface ModelDownloaderImage {
  readonly image: RegExp;
  /** What it runs, as messages name it. */
  readonly app: string;
  /** Where it downloads the models from. */
  readonly source: string;
  /** What fails until it has them. */
  readonly fails: string;
  /** The variable that moves its cache folder, and the folder the image sets it to. */
  readonly cacheVariable: string;
  readonly cacheDefault: string;
  /** Variables that send its downloads elsewhere (a mirror), whose own egress entry the app then lists. */
  readonly mirrorVariables: readonly string[];
}

/** The images that download their models on first use; the image sets MACHINE_LEARNING_CACHE_FOLDER=/cache. */
const MODEL_DOWNLOADER_IMAGES: readonly ModelDownloaderImage[] = [{
  image: /^ghcr\.io\/immich-app\/immich-machine-learning(?=[:@]|$)/,
  app: "Immich's machine learning",
  source: 'Hugging Face (huggingface.co, over HTTPS)',
  fails: 'every smart search, face detection and face recognition',
  cacheVariable: 'MACHINE_LEARNING_CACHE_FOLDER',
  cacheDefault: '/cache',
  mirrorVariables: ['HF_ENDPOINT'],
}];

/** Volumes whose data comes from outside the pod, which may hold the models already: not a new claim, nor an emptyDir. */
const PRELOADABLE_VOLUMES: ReadonlySet<string> = new Set(['existingClaim', 'nfs', 'hostPath']);

/**
 * An app of an image that downloads its models on first use ({@link MODEL_DOWNLOADER_IMAGES}), on the pod network,
 * whose listed egress reaches no public address and names no proxy or mirror, while no volume that may hold the models
 * already (an existing claim, an NFS export, a host path) is mounted at its cache folder: one problem on `egress`, a
 * warning's, as the models may have been put there by hand. Its hint opens HTTPS to the internet, or mounts such a
 * volume. Pure.
 */
export function modelDownloadEgressProblems(props: {
  readonly image?: unknown; readonly egress?: unknown; readonly env?: unknown; readonly persistence?: unknown; readonly exemptions?: { readonly hostNetwork?: unknown };
}): PropProblem[] {
  const downloader = typeof props.image === 'string' ? imageRows(MODEL_DOWNLOADER_IMAGES, props.image)[0] : undefined;
  if (downloader === undefined || !Array.isArray(props.egress) || props.exemptions?.hostNetwork !== undefined) {
    return [];
  }
  const env = props.env !== null && typeof props.env === 'object' ? props.env as Record<string, unknown> : {};
  if (egressLeavesHome(props.egress, env) || downloader.mirrorVariables.some((name) => env[name] !== undefined)) {
    return [];
  }
  const folder = typeof env[downloader.cacheVariable] === 'string' ? String(env[downloader.cacheVariable]).replace(/\/+$/, '') : downloader.cacheDefault;
  const persistence = props.persistence !== null && typeof props.persistence === 'object' ? Object.values(props.persistence as Record<string, PersistenceProps>) : [];
  const preloaded = persistence.some((entry) => typeof entry?.mountPath === 'string' && PRELOADABLE_VOLUMES.has(entry.volume?.type)
    && (folder === entry.mountPath.replace(/\/+$/, '') || folder.startsWith(`${entry.mountPath.replace(/\/+$/, '')}/`)));
  if (preloaded) {
    return [];
  }
  return [{
    field: 'egress',
    message: `egress lets ${downloader.app} reach nothing outside the home, and no volume that may hold its models already is mounted at its cache folder ${folder}: `
      + `it downloads each model from ${downloader.source} on first use, so ${downloader.fails} fails until it can`,
    hint: "let it reach them: add { cidr: '0.0.0.0/0', ports: [{ port: 443 }] } to egress; or mount a volume at "
      + `${folder} that holds the models, downloaded once where it could reach them: persistence: { cache: { volume: AppVolume.existingClaim('<claim>'), mountPath: '${folder}' } } `
      + '(or AppVolume.nfs(…), AppVolume.hostPath(…))',
  }];
}
