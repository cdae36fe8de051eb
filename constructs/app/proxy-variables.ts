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

/** The problem of a header `name` set or added with `value` that holds an nginx variable, or undefined. Pure. */
export function proxyVariableProblem(name: string, value: unknown): { message: string; hint: string } | undefined {
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
