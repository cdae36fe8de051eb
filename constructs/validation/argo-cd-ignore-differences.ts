import { AddFinding, list, text } from './manifest';

// An Argo CD Application's `ignoreDifferences`, read as its diff normalizer reads them (util/argo/normalizers):
// an entry applies to an object whose group and kind its `group` and `kind` match (a left-out group is the core
// group), and a JSON pointer that is none is skipped at every diff without a word. Either way the field an HPA or
// a webhook writes stays a difference, and with selfHeal Argo CD writes the manifest's value back.

/** The groups of the kinds an entry most often names, fields their controllers or webhooks write. */
const KIND_GROUPS: Readonly<Record<string, string>> = {
  Deployment: 'apps', StatefulSet: 'apps', DaemonSet: 'apps', ReplicaSet: 'apps',
  Job: 'batch', CronJob: 'batch', HorizontalPodAutoscaler: 'autoscaling',
  MutatingWebhookConfiguration: 'admissionregistration.k8s.io', ValidatingWebhookConfiguration: 'admissionregistration.k8s.io',
  CustomResourceDefinition: 'apiextensions.k8s.io', APIService: 'apiregistration.k8s.io',
  Ingress: 'networking.k8s.io', PodDisruptionBudget: 'policy',
  Service: '', ConfigMap: '', Secret: '', ServiceAccount: '', PersistentVolumeClaim: '',
};

/** A JSON pointer for a path written with dots or without its leading slash (`.spec.replicas`, `spec/replicas`). Pure. */
function pointerOf(path: string): string {
  return `/${path.replace(/^[./]+/, '').replace(/\./g, '/')}`;
}

/** Each entry of `ignoreDifferences` (at `at`) matches the objects it names and ignores the fields it names. */
export function checkIgnoreDifferences(entries: unknown, at: string, add: AddFinding): void {
  list(entries).forEach((entry, i) => {
    const field = `${at}[${i}]`;
    const kind = text(entry.kind) ?? '';
    const group = text(entry.group) ?? '';
    const owning = KIND_GROUPS[kind];
    if (owning !== undefined && group !== owning && group !== '*') {
      const written = text(entry.group) === undefined ? 'no group (the core group)' : `group "${group}"`;
      add(`${field}.group`, `the entry names kind ${kind} with ${written}, where ${kind} is of group ${owning === '' ? '"" (the core group)' : `"${owning}"`}: `
        + 'Argo CD matches no object with it, so the difference stays: the Application is OutOfSync, and with selfHeal Argo CD writes the manifest\'s value back',
      owning === '' ? `leave group out (or write group: ''), the core group of ${kind}` : `write group: ${owning} (the API group alone, without its version)`);
    }
    (Array.isArray(entry.jsonPointers) ? entry.jsonPointers as unknown[] : []).forEach((pointer, j) => {
      if (typeof pointer === 'string' && pointer !== '' && !pointer.startsWith('/')) {
        add(`${field}.jsonPointers[${j}]`, `"${pointer}" is no JSON pointer (one starts with /), so Argo CD skips it at every diff without a word: the difference stays, and with selfHeal Argo CD writes the manifest's value back`,
          `write jsonPointers: ['${pointerOf(pointer)}'], or a jq path as jqPathExpressions: ['.${pointerOf(pointer).slice(1).replace(/\//g, '.')}']`);
      }
    });
  });
}
