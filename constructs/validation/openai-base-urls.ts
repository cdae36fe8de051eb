import { VLLM_IMAGE } from '../app/vllm-args';
import { OPEN_WEBUI_IMAGE } from '../app/open-webui-secret-key';
import { eachHostOf } from '../app/env-hosts';
import type { SynthesizedCluster } from '../synth/collect';
import { calledService } from './app-calls';
import type { Finding } from './finding';
import { fields, list, objectFinding, stringMap, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplates, podTemplatesSelectedBy } from './pod-spec';

// Open WebUI lists the models of each OpenAI API it is given by calling `<base URL>/models`, and sends chats to
// `<base URL>/chat/completions`. vLLM's OpenAI-compatible server answers under `/v1` alone: a base URL of a vLLM
// Service of the cluster without it (`http://vllm:8000`, as Ollama's is written) gets 404 for each, and the
// connection shows no model.

const layer = 'references' as const;


/** The variables that give Open WebUI the base URLs of OpenAI APIs, one URL or several split by `;`. */
const BASE_URL_VARIABLES = new Set(['OPENAI_API_BASE_URL', 'OPENAI_API_BASE_URLS']);

/** The path of a URL (`/v1`), without a trailing slash; `''` for none. */
function urlPath(url: string): string {
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)?/i.exec(url)?.[1] ?? '';
  return path.replace(/\/+$/, '');
}

/** Whether the pods behind the Service `name` of `namespace` run vLLM's OpenAI-compatible server. */
function servesVllm(cluster: SynthesizedCluster, index: ReturnType<typeof indexOf>, namespace: string, name: string): boolean {
  const service = index.find('Service', namespace, name);
  const selector = stringMap(fields(service?.manifest.spec).selector);
  const pods = service === undefined || Object.keys(selector).length === 0 ? [] : podTemplatesSelectedBy(cluster.objects, namespace, selector);
  return pods.some((pod) => containersOf(pod).some((ref) => !ref.init && VLLM_IMAGE.test(text(ref.container.image) ?? '')));
}

/**
 * Each base URL Open WebUI is given (`OPENAI_API_BASE_URL`, `OPENAI_API_BASE_URLS`, as literal values) that calls a
 * vLLM Service of the cluster at another path than `/v1`: one error on the variable, whose hint writes the URL.
 */
export function checkOpenAiBaseUrls(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  for (const template of podTemplates(cluster.objects)) {
    for (const ref of containersOf(template)) {
      if (!OPEN_WEBUI_IMAGE.test(text(ref.container.image) ?? '')) {
        continue;
      }
      list(ref.container.env).forEach((variable, position) => {
        const [name, value] = [text(variable.name) ?? '', text(variable.value)];
        if (!BASE_URL_VARIABLES.has(name) || value === undefined) {
          return;
        }
        const wrong = eachHostOf(value).filter((url) => {
          const called = /^https?:\/\//i.test(url) ? calledService(name, url, template.namespace) : undefined;
          return called !== undefined && urlPath(url) !== '/v1' && servesVllm(cluster, index, called.namespace, called.name);
        });
        if (wrong.length === 0) {
          return;
        }
        const fixed = eachHostOf(value).map((url) => (wrong.includes(url) ? url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)[^?#]*/i, '$1/v1') : url));
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: `${ref.path}.env[${position}]`,
          message: `${name} gives Open WebUI ${wrong.join(' and ')}, vLLM's server, at ${wrong.map((url) => urlPath(url) || 'its root').join(', ')}: Open WebUI lists the models at `
            + '<base URL>/models and chats at <base URL>/chat/completions, which vLLM answers under /v1 alone, so the connection would show no model',
          hint: `end each vLLM URL with /v1: ${name}: '${fixed.join(value.includes(';') ? ';' : ',')}'`,
        }));
      });
    }
  }
  return findings;
}
