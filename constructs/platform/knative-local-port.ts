/**
 * Port Knative answers a Knative Service on inside the cluster, at its cluster-local name: the local gateway's
 * plain-HTTP listener, which the Service Knative makes for each Knative Service forwards to. The container's
 * own port is reached only through that gateway and the queue-proxy, never at the Service's name.
 */
export const KNATIVE_CLUSTER_LOCAL_PORT = 80;
