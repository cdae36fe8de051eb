import type { EnvValue } from '../app/env';
import type { ResourcesProps } from '../app/resources';
import type { SecurityExemptions } from '../app/security';
import type { PersistenceProps } from '../app/volumes';

/** What every service construct passes through to its app unchanged. */
export interface ServicePassThroughProps {
  /**
   * Further environment variables; they override the service's own of the same name. A variable the pod
   * relies on for where the server listens or keeps its data (Ollama's `OLLAMA_HOST`, `OLLAMA_MODELS`, `HOME`,
   * Jellyfin's `JELLYFIN_*_DIR`, Forgejo's `HTTP_PORT` and `SSH_LISTEN_PORT`, the Wazuh agent's manager
   * addresses) is an error on `env.<name>`
   * unless its value keeps the pod working: the service's own, or a folder of a writable volume of `persistence`.
   * @default {}
   */
  readonly env?: Record<string, EnvValue>;
  /**
   * Further volumes and their mounts, by name, beside the service's own. A name the service gives one of
   * its own volumes (Forgejo's `data`, Ollama's `models`) is an error: change that volume through the
   * service's prop for it (`storage`, `modelStorage`).
   * @default {}
   */
  readonly persistence?: Record<string, PersistenceProps>;
  /** Compute resources. @default - the service's own */
  readonly resources?: ResourcesProps;
  /** Further departures from the secure defaults, each with its reason; they join the service's own. @default - the service's own */
  readonly exemptions?: SecurityExemptions;
}
