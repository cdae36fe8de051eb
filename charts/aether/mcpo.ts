import { IConstruct } from 'constructs';
import { reportFinding } from '../../constructs';

/**
 * How many pods of MCPO run for its `config.json`: one when it lists an MCP server, none while it lists
 * none. MCPO refuses a config without a server at start ("No 'mcpServers' found in config file.") and
 * exits, so a pod of an empty config would only restart over and over. A config that is no JSON object
 * with an object `mcpServers` is reported on `scope`, as MCPO would refuse it too.
 */
export function mcpoReplicas(scope: IConstruct, config: string): number {
  const servers = mcpoServers(config);
  if (servers === undefined) {
    reportFinding(scope, {
      layer: 'inventory', severity: 'error', field: 'config.json',
      message: "MCPO's config.json is no JSON object with an object mcpServers, and MCPO refuses it at start",
      hint: 'write it as {"mcpServers": {"<name>": {"command": "…", "args": […]}}}, or {"mcpServers": {}} for none yet',
    });
    return 0;
  }
  return Object.keys(servers).length > 0 ? 1 : 0;
}

/** One of OpenWebUI's tool server connections (its `TOOL_SERVER_CONNECTIONS`): an OpenAPI server its backend calls. */
export interface OpenWebUiToolServer {
  /** Base URL of the server; OpenWebUI reads its OpenAPI document at `<url>/<path>`. */
  readonly url: string;
  /** Path of the OpenAPI document under `url`. */
  readonly path: 'openapi.json';
  /** How OpenWebUI authenticates: a bearer key, empty, as MCPO here takes no API key. */
  readonly auth_type: 'bearer';
  readonly key: '';
  readonly config: { readonly enable: true };
}

/**
 * OpenWebUI's tool servers for MCPO's `config.json`: MCPO serves each MCP server it lists as an OpenAPI server of
 * its own under `/<name>`, at `mcpoUrl` (e.g. `http://openwebui-mcpo.infra.svc.cluster.local:8000`). None for a
 * config that lists none, or that is no such JSON (reported by {@link mcpoReplicas}). Pure.
 */
export function mcpoToolServers(config: string, mcpoUrl: string): OpenWebUiToolServer[] {
  return Object.keys(mcpoServers(config) ?? {}).map((name) => ({
    url: `${mcpoUrl}/${encodeURIComponent(name)}`, path: 'openapi.json', auth_type: 'bearer', key: '', config: { enable: true },
  }));
}

/** The `mcpServers` object of a config, or nothing when the text is no such JSON. */
function mcpoServers(config: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(config);
  } catch {
    return undefined;
  }
  const servers = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as { mcpServers?: unknown }).mcpServers : undefined;
  return typeof servers === 'object' && servers !== null && !Array.isArray(servers) ? servers as Record<string, unknown> : undefined;
}
