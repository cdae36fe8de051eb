import { App, AppController, ClusterChart, declareExternal, Knative, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A client given the address of a Knative Service with the container's port (LiteLLM's 4000, copied from its
// app's ports) passed synthesis, and every call was refused: inside the cluster Knative answers a Knative
// Service at its name through its local gateway, on port 80 alone.

/** LiteLLM as a Knative app on port 4000 in namespace `ai`, and Open WebUI calling it with `env`. */
const webUiCallingKnativeLlm = (env: Record<string, string>) => guarded((c: ClusterChart) => {
  declareExternal(c, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new Knative(c, 'knative', { eventing: false });
  new App(c, 'litellm', {
    image: 'ghcr.io/berriai/litellm:main-v1.67.4-stable', namespace: 'ai', ports: [{ name: 'http', port: 4000 }], controller: AppController.knative(),
  });
  new App(c, 'open-webui', {
    image: 'ghcr.io/open-webui/open-webui:v0.6.33', namespace: 'ai', ports: [{ name: 'http', port: 8080 }],
    env: { ...env, WEBUI_SECRET_KEY: SecretReference.external('ai', 'open-webui', 'secret-key') },
  });
});

export const CASES: BadInput[] = [
  {
    name: "an app whose env calls a Knative Service on its container's port",
    build: webUiCallingKnativeLlm({ OPENAI_API_BASE_URL: 'http://litellm.ai.svc.cluster.local:4000/v1' }), gatewayCluster: true,
    layer: 'references', path: 'open-webui', field: 'env.OPENAI_API_BASE_URL', hint: /call http:\/\/litellm\.ai\.svc\.cluster\.local \(port 80\)/,
  },
  {
    name: "an app whose env gives a Knative Service's host and its container's port beside it",
    build: webUiCallingKnativeLlm({ LITELLM_HOST: 'litellm', LITELLM_PORT: '4000' }), gatewayCluster: true,
    layer: 'references', path: 'open-webui', field: 'env.LITELLM_PORT', message: /Knative Service litellm\.ai on port 4000/,
  },
];
