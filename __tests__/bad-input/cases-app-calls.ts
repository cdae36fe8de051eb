import { App, ClusterChart, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';

// An app that calls another by the address in its env, where the other's network policy keeps it out:
// synthesis passed, and every connection timed out in the cluster.

/** Open WebUI calling Ollama at `url`, both in namespace `ai`; `ollama` and `webui` props are added to each. */
export const webUiCallingOllama = (url: string, ollama: Record<string, unknown> = {}, webui: (o: App) => Record<string, unknown> = () => ({})) => (cluster: ClusterChart) => {
  const model = new App(cluster, 'ollama', { image: 'ollama/ollama:0.6.5', namespace: 'ai', ports: [{ name: 'http', port: 11434 }], ...ollama });
  const extra = webui(model);
  return new App(cluster, 'open-webui', {
    image: 'ghcr.io/open-webui/open-webui:0.6.5', namespace: 'ai', ports: [{ name: 'http', port: 8080 }], ...extra,
    env: { OLLAMA_BASE_URL: url, WEBUI_SECRET_KEY: SecretReference.external('ai', 'open-webui', 'secret-key'), ...(extra.env as Record<string, unknown> | undefined) },
  } as AppProps);
};

export const CASES: BadInput[] = [
  {
    name: "an app whose env calls another app that its policy keeps out",
    build: webUiCallingOllama('http://ollama:11434'), layer: 'policy', path: 'open-webui', field: 'env.OLLAMA_BASE_URL', hint: /allowFrom: \[openWebui\] on ollama/,
  },
  {
    name: "an app whose env calls another app by its full name, which its policy keeps out",
    build: webUiCallingOllama('http://ollama.ai.svc.cluster.local:11434/'), layer: 'policy', path: 'open-webui', field: 'env.OLLAMA_BASE_URL',
  },
  {
    name: "an app whose listed egress leaves out the app its env calls",
    build: webUiCallingOllama('ollama.ai:11434', { allowFrom: [{ namespace: 'ai' }] }, () => ({ egress: [{ namespace: 'monitoring' }] })),
    layer: 'policy', path: 'open-webui', field: 'env.OLLAMA_BASE_URL', hint: /egress: \[ollama/,
  },
];
