import { traefikComponent } from '../constructs';

// The Traefik chart reads an entry point's HTTP options (redirection, TLS) under `ports.<name>.http`, as
// Traefik's own configuration does; since chart 39 its schema refuses the flat `ports.<name>.redirections`
// and `ports.<name>.tls` of older charts, so a release written with them never installs.

describe('traefikComponent: entry points', () => {
  const install = traefikComponent().install as unknown as { chart: { version: string }; values: { ports: Record<string, Record<string, unknown>> } };
  const ports = install.values.ports;

  test('web redirects to websecure under http.redirections', () => {
    expect(ports.web.http).toEqual({ redirections: { entryPoint: { to: 'websecure', scheme: 'https', permanent: true } } });
    expect(ports.web.redirections).toBeUndefined();
  });

  test('websecure turns TLS on under http.tls', () => {
    expect(ports.websecure.http).toEqual({ tls: { enabled: true } });
    expect(ports.websecure.tls).toBeUndefined();
  });

  test('the pinned chart is one of the lines with the http nesting (38 and later)', () => {
    expect(Number(install.chart.version.split('.')[0])).toBeGreaterThanOrEqual(38);
  });
});
