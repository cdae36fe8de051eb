// Web UIs of platform components that show or change the whole cluster and have no login of their own:
// a route to one of them needs a login in front of it, or an exemption that says why not.

/** A known admin UI: the Service a component's chart makes for it, and what it shows. */
interface AdminUi {
  readonly namespace: string;
  readonly serviceName: string;
  /** What it is, for messages, e.g. `Hubble UI, which shows every network flow of the cluster`. */
  readonly what: string;
}

/** The admin UIs the library knows, by the Services their charts make. */
const ADMIN_UIS: readonly AdminUi[] = [
  { namespace: 'kube-system', serviceName: 'hubble-ui', what: "Hubble UI, which shows every network flow of the cluster, each pod's among them" },
];

/** What the Service `namespace/serviceName` is, when it is a known admin UI. Pure. */
export function adminUiOf(namespace: string, serviceName: string): string | undefined {
  return ADMIN_UIS.find((ui) => ui.namespace === namespace && ui.serviceName === serviceName)?.what;
}
