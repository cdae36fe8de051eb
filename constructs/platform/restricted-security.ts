/**
 * Pod-level settings the `restricted` Pod Security level asks for, which many charts leave out: a
 * non-root user and the runtime's seccomp profile. Components set them through their charts' values.
 */
export const RESTRICTED_POD_SECURITY = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } as const;

/** Container-level settings the `restricted` level asks for: no privilege escalation, every capability dropped. */
export const RESTRICTED_CONTAINER_SECURITY = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } as const;
