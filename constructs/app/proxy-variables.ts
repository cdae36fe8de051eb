/**
 * nginx's variables in a header value carried over from an nginx `proxy_set_header` (`$http_upgrade`, `$host`,
 * `$remote_addr`): no route flavor expands them, so the proxy would send the text itself on every request.
 */
const NGINX_VARIABLE = /\$(http_[a-z0-9_]+|host|remote_addr|scheme|proxy_add_x_forwarded_for|request_uri|server_name|connection_upgrade)\b/;

/** Headers the ingress sets or passes through by itself, by name in lower case, with what it does. */
const HANDLED_BY_INGRESS: Readonly<Record<string, string>> = {
  upgrade: "every route flavor passes a websocket's upgrade through by itself",
  connection: "every route flavor passes a websocket's upgrade through by itself",
  host: 'the request keeps the host the client asked for',
  'x-real-ip': 'the ingress sends X-Forwarded-For with the client address itself',
  'x-forwarded-for': 'the ingress sends X-Forwarded-For with the client address itself',
  'x-forwarded-proto': 'the ingress sends X-Forwarded-Proto itself',
  'x-forwarded-host': 'the ingress sends X-Forwarded-Host itself',
};

/**
 * Whether `value` of header `name` is the literal half of nginx's websocket lines (`Connection: upgrade`,
 * `Upgrade: websocket`): a route sends it on every request, so each plain request would ask to switch protocols.
 */
function fixedUpgrade(name: string, value: unknown): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  const header = name.toLowerCase();
  return (header === 'upgrade' && value.trim() !== '')
    || (header === 'connection' && value.split(',').some((token) => token.trim().toLowerCase() === 'upgrade'));
}

/** The problem of a header `name` set or added with `value` that holds an nginx variable, or undefined. Pure. */
function variableProblem(name: string, value: unknown): { message: string; hint: string } | undefined {
  const variable = typeof value === 'string' ? NGINX_VARIABLE.exec(value) : null;
  if (variable === null) {
    return undefined;
  }
  const handled = HANDLED_BY_INGRESS[name.toLowerCase()];
  return {
    message: `"${variable[0]}" is a variable of nginx, which no route flavor expands: the proxy would send the text "${String(value)}" on every request`,
    hint: handled ? `leave the ${name} header out: ${handled}` : 'write the value itself: the route sends the header as written',
  };
}

/**
 * The problems of headers a route sets or adds, carried over from nginx's `proxy_set_header`: a value that
 * holds an nginx variable, or the websocket upgrade written as fixed text. nginx's two websocket lines are
 * one habit, so they give one problem, on the first of them. Pure.
 */
export function proxyHeaderProblems(headers: Readonly<Record<string, unknown>>): Array<{ name: string; message: string; hint: string }> {
  const problems: Array<{ name: string; message: string; hint: string }> = [];
  let upgradeReported = false;
  for (const [name, value] of Object.entries(headers)) {
    const websocket = ['upgrade', 'connection'].includes(name.toLowerCase());
    const problem = variableProblem(name, value) ?? (fixedUpgrade(name, value) ? {
      message: `the route would send "${name}: ${String(value)}" on every request, so each plain request would ask the app to switch protocols`,
      hint: `leave the Upgrade and Connection headers out: ${HANDLED_BY_INGRESS.upgrade}, so websockets need nothing`,
    } : undefined);
    if (problem === undefined || (websocket && upgradeReported)) {
      continue;
    }
    upgradeReported ||= websocket;
    problems.push({ name, ...problem });
  }
  return problems;
}
