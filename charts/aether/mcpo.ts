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
