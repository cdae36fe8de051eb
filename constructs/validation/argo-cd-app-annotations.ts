import type { ForeignForm } from './known-props';

// Argo CD's per-object settings written as an App's annotations, as an Argo CD guide writes them on a Deployment:
// an App has no annotations, and what those settings ask for is said in the library's terms.

const ARGO_CD_PREFIX = 'argocd.argoproj.io/';

/** How the library says what each of Argo CD's object annotations asks for. */
const ARGO_CD_MEANING: Readonly<Record<string, string>> = {
  'sync-wave': "order the App after what it needs with node.addDependency(<the app it needs>): under argoCd() its objects then come in a later sync wave",
  'sync-options': 'the engine sets the sync options itself: argoCd({ prune, selfHeal }) for the cluster, and every claim and namespace holding one is kept when removed (Prune=false) already',
  'compare-options': 'the engine sets how the cluster is compared; to leave a field to a controller, write ignoreDifferences on an Application written by hand',
  hook: 'a hook is a Job of its own: a HomelabApp with controller: AppController.job(), or a Job written by hand with the hook annotation',
};

/** Argo CD's object annotations given among an App's `annotations`: one problem, with what they ask for here. Pure. */
export function argoCdAnnotationsForm(props: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  const annotations = props.annotations;
  if (annotations === null || typeof annotations !== 'object' || Array.isArray(annotations)) {
    return undefined;
  }
  const argo = Object.keys(annotations).filter((key) => key.startsWith(ARGO_CD_PREFIX));
  if (argo.length === 0) {
    return undefined;
  }
  const meanings = [...new Set(argo.map((key) => ARGO_CD_MEANING[key.slice(ARGO_CD_PREFIX.length)]).filter((meaning): meaning is string => meaning !== undefined))];
  return {
    keys: ['annotations'], key: 'annotations',
    message: `annotations ${argo.join(', ')} are Argo CD's settings of an object, and an App has no annotations`,
    hint: meanings.length > 0 ? meanings.join('; ') : "Argo CD's settings are the engine's: argoCd({ … }) for the cluster, or an Application written by hand",
  };
}
